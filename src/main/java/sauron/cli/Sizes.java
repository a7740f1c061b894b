package sauron.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses sizes written "64x64x32" or "64,64,32", x first, of at most 2^31-1 voxels. */
public final class Sizes implements ITypeConverter<Sizes.Size> {

	/** A parsed size; a wrapper because picocli would read an int[] option as a list of values. */
	public record Size(int[] sides) {}

	@Override
	public Size convert(final String value) {
		final String[] parts = value.trim().split("[x,]");
		final int[] sizes = new int[parts.length];
		try {
			for (int i = 0; i < parts.length; i++) sizes[i] = Integer.parseInt(parts[i].trim());
		} catch (final NumberFormatException e) {
			throw new TypeConversionException("'" + value + "' is not a size like 64x64x32 (whole numbers 1.." + Integer.MAX_VALUE + ", x first)");
		}
		for (final int s : sizes) if (s < 1) throw new TypeConversionException("'" + value + "': sizes must be positive");
		if (sizes.length < 2 || sizes.length > 3) throw new TypeConversionException("'" + value + "': give 2 or 3 sizes, x first");
		// A patch or tile is one array and one tensor of int-indexed voxels; beyond that it fails deep inside TensorFlow.
		long voxels = 1;
		for (final int s : sizes) voxels *= s;
		if (voxels > Integer.MAX_VALUE)
			throw new TypeConversionException(String.format("'%s' is %,d voxels, more than the %,d one patch or tile can hold", value, voxels, Integer.MAX_VALUE));
		return new Size(sizes);
	}
}
