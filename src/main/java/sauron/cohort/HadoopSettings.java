package sauron.cohort;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;

import scala.Tuple2;

/**
 * The Hadoop file system settings a job was given as {@code spark.hadoop.*} (S3 credentials, HDFS name nodes ...),
 * for the driver before Spark starts and for every task: a Hadoop {@link Configuration} is not serialisable, this
 * is. Each side adds them to the Hadoop defaults found on its own class path (core-site.xml), as Spark does.
 */
final class HadoopSettings implements Serializable {

	private static final long serialVersionUID = 1L;
	private static final String PREFIX = "spark.hadoop.";

	private final Map<String, String> settings;
	private transient Configuration configuration;

	private HadoopSettings(final Map<String, String> settings) {
		this.settings = settings;
	}

	static HadoopSettings of(final SparkConf conf) {
		final Map<String, String> settings = new TreeMap<>();
		for (final Tuple2<String, String> e : conf.getAll())
			if (e._1().startsWith(PREFIX)) settings.put(e._1().substring(PREFIX.length()), e._2());
		return new HadoopSettings(settings);
	}

	Configuration configuration() {
		if (configuration == null) {
			final Configuration c = new Configuration();
			settings.forEach(c::set);
			configuration = c;
		}
		return configuration;
	}
}
