#!/bin/sh
# Runs the Maildir store benchmark (see README.md). Arguments go to the benchmark.
set -eu
cd "$(dirname "$0")/../.."
mvn -q -o -pl core test-compile
mvn -q -o -pl core dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g -cp "core/target/classes:core/target/test-classes:$(cat core/target/bench.classpath)" \
    dev.mailwright.core.store.maildir.MaildirBenchmark "$@"
