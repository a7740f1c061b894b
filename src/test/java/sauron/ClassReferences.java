package sauron;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes each compiled class of a folder refers to, read from the class files' constant pools: class
 * entries (what the code loads, calls, casts to or catches) and type descriptors (field, method and annotation
 * types, generic signatures). The class files, not the import lines: a fully qualified name in code counts too,
 * and an unused import does not. A compile-time constant of another class is copied in and leaves no reference.
 */
final class ClassReferences {

	/**
	 * A class name inside a descriptor or generic signature, e.g. "Lij/ImagePlus;" or "Ljava/util/List&lt;...";
	 * a package is required, so plain words never match.
	 */
	private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w$]+(?:/[\\w$]+)+)[;<]");

	private ClassReferences() {}

	/** Binary class name (sauron.net.Layer$Kind) -> the other classes it refers to, for every class file under root. */
	static TreeMap<String, Set<String>> of(final Path root) throws IOException {
		final TreeMap<String, Set<String>> references = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (final Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
				final String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
				final Set<String> referenced = read(Files.readAllBytes(file));
				referenced.remove(name);
				references.put(name, referenced);
			}
		}
		return references;
	}

	/** The classes one class file refers to (itself included), as binary names. */
	static Set<String> read(final byte[] classFile) throws IOException {
		final DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
		if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
		in.readUnsignedShort(); // minor version
		in.readUnsignedShort(); // major version
		final int count = in.readUnsignedShort();
		final String[] utf8 = new String[count];
		final List<Integer> classNames = new ArrayList<>();
		final Set<Integer> stringConstants = new HashSet<>();
		for (int i = 1; i < count; i++) {
			final int tag = in.readUnsignedByte();
			switch (tag) {
			case 1 -> utf8[i] = in.readUTF(); // the class-file format's modified UTF-8 is DataInput's
			case 7 -> classNames.add(in.readUnsignedShort());
			case 8 -> stringConstants.add(in.readUnsignedShort());
			case 16, 19, 20 -> in.skipNBytes(2); // method type, module, package
			case 15 -> in.skipNBytes(3); // method handle
			case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // int, float, refs, name-and-type, dynamic
			case 5, 6 -> { // long and double take two slots
				in.skipNBytes(8);
				i++;
			}
			default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
			}
		}
		final Set<String> referenced = new TreeSet<>();
		for (final int index : classNames) {
			final String internal = utf8[index];
			if (internal.startsWith("[")) addDescriptorClasses(internal, referenced);
			else referenced.add(internal.replace('/', '.'));
		}
		for (int i = 1; i < count; i++)
			if (utf8[i] != null && !stringConstants.contains(i)) addDescriptorClasses(utf8[i], referenced);
		return referenced;
	}

	private static void addDescriptorClasses(final String descriptor, final Set<String> into) {
		final Matcher m = DESCRIPTOR_CLASS.matcher(descriptor);
		while (m.find()) into.add(m.group(1).replace('/', '.'));
	}

	/** The package of a binary class name: sauron.net.Layer$Kind -> sauron.net. */
	static String packageOf(final String className) {
		final int dot = className.lastIndexOf('.');
		return dot < 0 ? "" : className.substring(0, dot);
	}

	/** Whether a class lies in the package or is the class that a prefix names (nested classes included). */
	static boolean within(final String className, final String prefix) {
		return className.equals(prefix) || className.startsWith(prefix + ".") || className.startsWith(prefix + "$");
	}
}
