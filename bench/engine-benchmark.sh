#!/usr/bin/env bash
# Prints the TensorFlow engine benchmark (sauron.bench.EngineBenchmark) for named configurations:
#   bench/engine-benchmark.sh tiny                      # seconds: checks that it runs
#   bench/engine-benchmark.sh 3d-small                  # docs/TENSORFLOW.md reference point
#   bench/engine-benchmark.sh 3d-default 2d-default --steps 5 --warmup 1 --no-memory
# It measures the one training path (3D: Conv3D with the segmented backward pass; 2D: Conv2D) and inference:
# graph build, step time, peak RSS. The side-by-side comparison of the former 3D forms (PORTABLE, NATIVE,
# SEGMENTED) was measured with it at commit 536d441; the README keeps those figures as history.
# Set MVN="mvn -o" to build offline, JAVA_OPTS to change the JVM options (default -Xmx4g).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/test-classpath.sh
source bench/test-classpath.sh
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-1}
java ${JAVA_OPTS:--Xmx4g} -cp "$test_cp" sauron.bench.EngineBenchmark "$@"
