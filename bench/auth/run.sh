#!/bin/sh
# Builds the auth module and these benchmarks from the working tree (offline, nothing
# installed) and runs JMH. Arguments go to JMH, e.g.
#   bench/auth/run.sh DkimBenchmark -wi 5 -i 10 -f 2
#   bench/auth/run.sh -l            (list the benchmarks)
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
M2="${M2_REPO:-$HOME/.m2/repository}"
JMH=1.37
WORK="$HERE/target"

(cd "$ROOT" && mvn -q -o -pl auth -am compile \
    dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime)
JMH_CP="$M2/org/openjdk/jmh/jmh-core/$JMH/jmh-core-$JMH.jar"
JMH_CP="$JMH_CP:$M2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar"
JMH_CP="$JMH_CP:$M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
CP="$ROOT/auth/target/classes:$(cat "$ROOT/auth/target/bench.classpath"):$JMH_CP"

rm -rf "$WORK/classes"
mkdir -p "$WORK/classes"
javac --release 17 -d "$WORK/classes" -cp "$CP" \
    -processorpath "$M2/org/openjdk/jmh/jmh-generator-annprocess/$JMH/jmh-generator-annprocess-$JMH.jar:$JMH_CP" \
    $(find "$HERE/src/main/java" -name '*.java')
exec java -cp "$WORK/classes:$CP" org.openjdk.jmh.Main "$@"
