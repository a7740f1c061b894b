#!/usr/bin/env bash
# Runs the JMH micro-benchmarks of the pure-Java hot paths (no TensorFlow), each a class in src/test/java
# beside the code it times:
#   sauron.metrics.MetricsBenchmark        exact distance transform; Dice/HD95 of 3 classes on 181x217x181
#   sauron.data.PatchPipelineBenchmark     one training batch: patch extraction, each augmentation step
#   sauron.segment.SlidingWindowBenchmark  tiling a 181x217x181 image, with a network that costs nothing
# Arguments go to JMH (org.openjdk.jmh.Main): a benchmark name or regex and JMH's options, e.g.
#   bench/micro-benchmarks.sh                                  # all three, with each class's settings (~6 min)
#   bench/micro-benchmarks.sh MetricsBenchmark                 # one class
#   bench/micro-benchmarks.sh SlidingWindow -p batch=4         # one parameter value
#   bench/micro-benchmarks.sh Metrics -wi 1 -i 1 -f 1          # a quick check that it runs (timings mean little)
#   bench/micro-benchmarks.sh -h                               # JMH's options
# Set MVN="mvn -o" to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/test-classpath.sh
source bench/test-classpath.sh
java -cp "$test_cp" org.openjdk.jmh.Main "$@"
