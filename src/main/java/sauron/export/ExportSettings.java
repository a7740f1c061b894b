package sauron.export;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the user says about an exported model: its name, authors, citations and licence. Every field has a default
 * (placeholders for the people, this plugin's method paper for the citation), so that an export always gives a
 * complete rdf.yaml; {@link #placeholders} says which ones still need filling in before an upload.
 *
 * @param name 5-128 characters: letters, digits, spaces and _ + - ( ), as bioimage.io allows
 * @param authors full names, at least one
 * @param cites what users of the model should cite, at least one
 * @param license an SPDX licence identifier for the weights, such as CC-BY-4.0 or MIT
 */
public record ExportSettings(String name, List<String> authors, List<Citation> cites, String license) {

	/** Stands in for the authors until the user names them. */
	public static final String PLACEHOLDER_AUTHOR = "Fill in the authors' names";
	/** bioimage.io's recommended licence for models. */
	public static final String DEFAULT_LICENSE = "CC-BY-4.0";
	/** The method the plugin trains with; always cited, as the model is a Sauron U-Net. */
	public static final Citation SAURON = new Citation("Valverde JM, Shatillo A, Tohka J. Sauron U-Net: Simple automated redundancy elimination in "
			+ "medical image segmentation via filter pruning. Neurocomputing 594 (2024) 127817", null, "https://arxiv.org/abs/2209.13590");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+\\-() ]{5,128}");
	/** SPDX identifiers: letters, digits, dots, dashes and a trailing plus. */
	private static final Pattern SPDX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-]*\\+?");
	private static final Pattern DOI = Pattern.compile("10\\.[0-9]{4,}/\\S+");

	/**
	 * A citation: text and a DOI or a web address (bioimage.io asks for at least one of them).
	 *
	 * @param doi such as 10.1016/j.neucom.2024.127817, or null
	 * @param url an http(s) address, or null
	 */
	public record Citation(String text, String doi, String url) {
		public Citation {
			if (text == null || text.isBlank()) throw new IllegalArgumentException("a citation needs its text");
			if (doi == null && url == null) throw new IllegalArgumentException("citation '" + text + "' needs a DOI or a web address");
		}

		/**
		 * Parses "TEXT|DOI" or "TEXT|URL", the command line's form.
		 *
		 * @param option how messages name where the value came from, e.g. "--cite"
		 */
		public static Citation parse(final String value, final String option) {
			final int bar = value.lastIndexOf('|');
			if (bar < 0)
				throw new IllegalArgumentException(option + " '" + value + "': expected TEXT|DOI or TEXT|URL, e.g. 'Doe J. et al. 2025, Nature Methods|10.1038/s41592-000-0000-0'");
			final String text = value.substring(0, bar).trim(), link = value.substring(bar + 1).trim();
			if (text.isEmpty()) throw new IllegalArgumentException(option + " '" + value + "': the text before | is empty; expected TEXT|DOI or TEXT|URL");
			final String doi = link.startsWith("https://doi.org/") ? link.substring("https://doi.org/".length()) : link;
			if (DOI.matcher(doi).matches()) return new Citation(text, doi, null);
			if (link.matches("https?://\\S+")) return new Citation(text, null, link);
			throw new IllegalArgumentException(option + " '" + value + "': '" + link + "' after | is neither a DOI (10.xxxx/...) nor an http(s) address; expected TEXT|DOI or TEXT|URL");
		}
	}

	public ExportSettings {
		if (name == null || !NAME.matcher(name).matches())
			throw new IllegalArgumentException("name '" + name + "': expected 5 to 128 letters, digits, spaces or _ + - ( ), as bioimage.io allows");
		if (authors == null || authors.isEmpty() || authors.stream().anyMatch(a -> a == null || a.isBlank()))
			throw new IllegalArgumentException("authors " + authors + ": expected at least one name, none blank");
		if (cites == null || cites.isEmpty()) throw new IllegalArgumentException("expected at least one citation");
		if (license == null || !SPDX.matcher(license).matches())
			throw new IllegalArgumentException("license '" + license + "': expected an SPDX licence identifier such as CC-BY-4.0, MIT or BSD-3-Clause");
		authors = authors.stream().map(String::trim).toList();
		cites = List.copyOf(cites);
	}

	/**
	 * The settings the user gave, defaults for the rest.
	 *
	 * @param name null: {@link #defaultName}
	 * @param authors empty: {@link #PLACEHOLDER_AUTHOR}
	 * @param cites added after {@link #SAURON}
	 * @param license null: {@link #DEFAULT_LICENSE}
	 */
	public static ExportSettings of(final String name, final String modelFolder, final int dims, final List<String> authors, final List<Citation> cites,
			final String license) {
		final List<Citation> all = new ArrayList<>(List.of(SAURON));
		all.addAll(cites);
		return new ExportSettings(name != null ? name.trim() : defaultName(modelFolder, dims), authors.isEmpty() ? List.of(PLACEHOLDER_AUTHOR) : authors, all,
				license != null ? license.trim() : DEFAULT_LICENSE);
	}

	/** "Sauron U-Net 3D brain" for a 3D model in the folder brain/, with what bioimage.io does not allow in names dropped. */
	static String defaultName(final String modelFolder, final int dims) {
		final String folder = modelFolder == null ? "" : modelFolder.replaceAll("[^A-Za-z0-9_+\\-() ]", " ").replaceAll(" +", " ").trim();
		final String name = ("Sauron U-Net " + dims + "D " + folder).trim();
		return name.length() <= 64 ? name : name.substring(0, 64).trim();
	}

	/** What still stands in for the user's own words: the rdf's fields to fill in before an upload. */
	public List<String> placeholders() {
		return authors.contains(PLACEHOLDER_AUTHOR) ? List.of("authors") : List.of();
	}
}
