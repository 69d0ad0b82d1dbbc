#!/usr/bin/env bash
# PostgreSQL mail store benchmark: deliveries per second with one node and with two, the
# cross-node change event behind IDLE, and IMAP FETCH 1:* (FLAGS) of a large mailbox, each
# next to the Maildir store on the same machine. See README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES=${MESSAGES:-4000}
THREADS=${THREADS:-8}
FETCH=${FETCH:-10000}
SAMPLES=${SAMPLES:-200}
OUT=target/bench-postgres
mkdir -p "$OUT"

if [ -n "${MAILWRIGHT_BENCH_PG_URL:-}" ]; then
    URL=$MAILWRIGHT_BENCH_PG_URL
else
    # A private cluster with fsync on, as in production: commits wait for the disk.
    URL=$(scripts/test-postgres.sh start --durable)
    trap 'scripts/test-postgres.sh stop "$URL"' EXIT
fi

mvn -q -o -pl server -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$PWD/$OUT/cp.txt"
CP="server/target/classes:$(cat "$OUT/cp.txt")"
javac -d "$OUT/classes" -cp "$CP" bench/postgres/PostgresBench.java
CP="$OUT/classes:$CP"
JAVA="java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp $CP"

echo "== deliveries: $MESSAGES messages, $THREADS threads"
$JAVA PostgresBench deliver "$URL" "$MESSAGES" "$THREADS"
echo "== change events across nodes: $SAMPLES samples"
$JAVA PostgresBench wake "$URL" "$SAMPLES"
echo "== IMAP SELECT and FETCH 1:* (FLAGS) of $FETCH messages"
$JAVA PostgresBench fetch "$URL" "$FETCH"
