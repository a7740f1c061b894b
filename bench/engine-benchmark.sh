#!/usr/bin/env bash
# Prints the TensorFlow engine benchmark (sauron.bench.EngineBenchmark) for named configurations:
#   bench/engine-benchmark.sh tiny                      # seconds: checks that it runs (3D: PORTABLE, NATIVE, SEGMENTED side by side)
#   bench/engine-benchmark.sh 3d-small                  # docs/TENSORFLOW.md reference point
#   bench/engine-benchmark.sh 3d-default 2d-default --steps 5 --warmup 1 --no-memory
# Set MVN="mvn -o" to build offline, JAVA_OPTS to change the JVM options (default -Xmx4g).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/test-classpath.sh
source bench/test-classpath.sh
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-1}
java ${JAVA_OPTS:--Xmx4g} -cp "$test_cp" sauron.bench.EngineBenchmark "$@"
