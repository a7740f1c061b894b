package sauron.cohort;

/**
 * Spark logs at INFO level to the console by default: hundreds of lines around a cohort command's own few. Unless
 * the user configured Log4j 2 (or spark-submit did, before this code runs), warnings and errors only.
 */
final class SparkLogging {

	private static final String PROPERTY = "log4j2.configurationFile";

	private SparkLogging() {}

	static void quietUnlessConfigured() {
		if (System.getProperty(PROPERTY) != null || System.getenv("LOG4J_CONFIGURATION_FILE") != null) return;
		final java.net.URL config = SparkLogging.class.getResource("spark-log4j2.properties");
		if (config != null) System.setProperty(PROPERTY, config.toString());
	}
}
