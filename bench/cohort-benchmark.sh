#!/usr/bin/env bash
# Prints images per second for one folder segmented by `sauron segment --input-dir` and by `sauron cohort segment`
# on Spark local[1] and local[2], side by side, with each way's fixed start-up cost (sauron.bench.CohortBenchmark):
#   bench/cohort-benchmark.sh                      # 16 copies of the sample head, a demo-sized 3D U-Net (untrained)
#   bench/cohort-benchmark.sh --images 32 --repeats 3 --model models/brain --image scan.nii.gz
#   bench/cohort-benchmark.sh --tiny --images 2    # smoke check: seconds of work, figures meaningless
# Its figures mean something only on an otherwise idle machine. Set MVN="mvn -o" to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn}
$MVN -q -B test-compile
runtime=$(mktemp) spark=$(mktemp)
trap 'rm -f "$runtime" "$spark"' EXIT
# The segment command runs on the engine's runtime class path, as bin/sauron runs it; the cohort commands add Spark.
$MVN -q -B dependency:build-classpath -DexcludeScope=provided -Dmdep.outputFile="$runtime"
$MVN -q -B dependency:build-classpath -DincludeScope=provided -Dmdep.outputFile="$spark"
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
java -Xmx2g -Dbench.runtimeClasspath="target/classes:$(cat "$runtime")" -Dbench.sparkClasspath="$(cat "$spark")" \
  -cp "target/test-classes:target/classes:$(cat "$runtime")" sauron.bench.CohortBenchmark "$@"
