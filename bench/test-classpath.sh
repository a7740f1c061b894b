# shellcheck shell=bash
# Sourced by the bench scripts that run programs from the test sources: builds them and sets test_cp to
# target/test-classes, target/classes and every test-scope dependency. MVN (default mvn) builds; MVN="mvn -o" is offline.
MVN=${MVN:-mvn}
$MVN -q -B test-compile
cpfile=$(mktemp)
$MVN -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
test_cp="target/test-classes:target/classes:$(cat "$cpfile")"
rm -f "$cpfile"
