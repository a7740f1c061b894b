package sauron.imagej;

import java.util.function.Supplier;

/**
 * Whether this JVM can run Sauron U-Net, and the one sentence a user gets when it cannot. Everything past the
 * entry classes (see {@link SauronCommand}) is compiled for Java 17, and the engine runs on Fiji's own Java, so a
 * Fiji on Java 8 (or 11) would otherwise fail with UnsupportedClassVersionError. Compiled for Java 8.
 */
final class JavaVersionGate {

	/** The oldest Java that loads our classes (pom.xml: maven.compiler.release). */
	static final int NEEDED = 17;

	/** This JVM's "java.version"; tests put another in its place. */
	static Supplier<String> javaVersion = () -> System.getProperty("java.version");

	private JavaVersionGate() {}

	/** The sentence for a JVM older than Java {@value #NEEDED}, or null when this one runs Sauron U-Net. */
	static String refusal() {
		final String version = javaVersion.get();
		if (feature(version) >= NEEDED) return null;
		return "Sauron U-Net needs Fiji with Java " + NEEDED + " or newer (Fiji Latest ships Java 21): download it from https://fiji.sc; this Fiji runs Java "
				+ version + ".";
	}

	/**
	 * Shows the refusal, if any, as every command shows an error (a dialog, or a log line headless) and returns it;
	 * null when this JVM is new enough.
	 */
	static String check(final String title) {
		final String refusal = refusal();
		if (refusal != null) UserMessages.error(title, refusal);
		return refusal;
	}

	/** 8 for "1.8.0_402", 17 for "17.0.2" or "17-ea"; an unreadable version counts as new enough (the JVM will say). */
	static int feature(final String version) {
		if (version == null) return Integer.MAX_VALUE;
		final String major = version.startsWith("1.") ? version.substring(2) : version;
		int end = 0;
		while (end < major.length() && Character.isDigit(major.charAt(end))) end++;
		return end == 0 ? Integer.MAX_VALUE : Integer.parseInt(major.substring(0, end));
	}
}
