package sauron.cohort;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The Hadoop file system of a path, without the hidden .crc files Hadoop's local file system writes beside each file. */
final class HadoopFiles {

	private HadoopFiles() {}

	static FileSystem of(final Path path, final Configuration conf) throws IOException {
		final FileSystem fs = path.getFileSystem(conf);
		return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
	}

	/** The path as every JVM of the job names it: with scheme and authority (file:/data/a.nii.gz, hdfs://nn/data/a.nii.gz). */
	static String qualified(final Path path, final Configuration conf) throws IOException {
		return path.getFileSystem(conf).makeQualified(path).toString();
	}
}
