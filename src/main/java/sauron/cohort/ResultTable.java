package sauron.cohort;

import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The results table of a cohort job, one row per image, written by Spark SQL as CSV (with a header) and as Parquet
 * into the output folder: {@value #NAME}.csv/ and {@value #NAME}.parquet/, each a folder with one part file, as Spark
 * writes tables. Columns: the paths (segment: image, labels, and truth with a truth; evaluate: prediction, truth),
 * status (done, skipped, failed), error, seconds, voxels (empty where not read), then dice_1, hd95_1, dice_2, ...
 * per foreground class when scored (empty where an image has no such score).
 */
final class ResultTable {

	static final String NAME = "cohort-results";

	enum Kind {
		SEGMENT("image"), EVALUATE("prediction");

		final String inputColumn;

		Kind(final String inputColumn) {
			this.inputColumn = inputColumn;
		}
	}

	private final Kind kind;
	private final boolean truth;
	private final int scoredClasses;

	ResultTable(final Kind kind, final boolean truth, final List<CohortResult> results) {
		this.kind = kind;
		this.truth = truth;
		int classes = 0;
		for (final CohortResult r : results) classes = Math.max(classes, r.dice().length);
		this.scoredClasses = classes;
	}

	StructType schema() {
		final List<StructField> fields = new ArrayList<>();
		fields.add(field(kind.inputColumn, DataTypes.StringType));
		if (kind == Kind.SEGMENT) fields.add(field("labels", DataTypes.StringType));
		if (truth) fields.add(field("truth", DataTypes.StringType));
		fields.add(field("status", DataTypes.StringType));
		fields.add(field("error", DataTypes.StringType));
		fields.add(field("seconds", DataTypes.DoubleType));
		fields.add(field("voxels", DataTypes.LongType));
		for (int c = 1; c <= scoredClasses; c++) {
			fields.add(field("dice_" + c, DataTypes.DoubleType));
			fields.add(field("hd95_" + c, DataTypes.DoubleType));
		}
		return DataTypes.createStructType(fields);
	}

	Row row(final CohortResult r) {
		final List<Object> values = new ArrayList<>();
		values.add(r.input());
		if (kind == Kind.SEGMENT) values.add(r.output());
		if (truth) values.add(r.truth());
		values.add(r.status().label());
		values.add(r.error());
		values.add(r.seconds());
		values.add(r.voxels() < 0 ? null : r.voxels());
		for (int c = 0; c < scoredClasses; c++) {
			values.add(c < r.dice().length ? r.dice()[c] : null);
			values.add(c < r.hd95().length ? r.hd95()[c] : null);
		}
		return RowFactory.create(values.toArray());
	}

	/** Writes the table (replacing an earlier run's); returns the two folders written. */
	List<String> write(final SparkSession spark, final List<CohortResult> results, final String folder) {
		final List<Row> rows = new ArrayList<>();
		for (final CohortResult r : results) rows.add(row(r));
		final Dataset<Row> table = spark.createDataFrame(rows, schema()).coalesce(1);
		final String csv = new Path(folder, NAME + ".csv").toString(), parquet = new Path(folder, NAME + ".parquet").toString();
		table.write().mode(SaveMode.Overwrite).option("header", "true").csv(csv);
		table.write().mode(SaveMode.Overwrite).parquet(parquet);
		return List.of(csv, parquet);
	}

	private static StructField field(final String name, final DataType type) {
		return DataTypes.createStructField(name, type, true);
	}
}
