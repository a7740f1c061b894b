/**
 * Segmenting and scoring whole cohorts as Apache Spark jobs ({@code sauron cohort}): the input listing on Hadoop file
 * systems ({@code CohortInputs}), the model zipped and broadcast with the job and loaded once per executor JVM
 * ({@code ModelArchive}, {@code ExecutorModels}), one task per image ({@code SegmentTask}, {@code ScoreTask}) that
 * fails only its own row, atomic uploads ({@code AtomicUpload}) and the results table as CSV and Parquet
 * ({@code ResultTable}, {@code CohortSummary}). Spark is a provided dependency: the Fiji plugin never loads this
 * package.
 * <p>
 * May use: {@code org.apache.spark}, {@code org.apache.hadoop}, {@code scala}, {@code org.apache.logging},
 * {@code sauron.data}, {@code sauron.io}, {@code sauron.metrics}, {@code sauron.model}, {@code sauron.net},
 * {@code sauron.segment}.
 * <p>
 * Never ImageJ, SciJava, picocli or the Fiji side ({@code sauron.worker}, {@code sauron.imagej}, {@code sauron.cli});
 * {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.cohort;
