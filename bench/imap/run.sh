#!/usr/bin/env bash
# IMAP benchmarks: 10,000 IDLE connections against a server limited to 512 MB of heap,
# and FETCH 1:* (FLAGS ENVELOPE) over a 10,000-message mailbox. See README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${CONNECTIONS:-10000}
USERS=${USERS:-1000}
MESSAGES=${MESSAGES:-10000}
PORT=${PORT:-14300}
OUT=target/bench-imap
mkdir -p "$OUT"

# Each side holds one descriptor per connection.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

mvn -q -o -pl imap -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$PWD/$OUT/cp.txt"
CP="imap/target/classes:$(cat "$OUT/cp.txt")"
javac -d "$OUT/classes" -cp "$CP" bench/imap/ImapBench.java
CP="$OUT/classes:$CP"

echo "== FETCH of $MESSAGES messages"
java -Xmx1g -cp "$CP" ImapBench fetch "$MESSAGES"

echo "== $CONNECTIONS IDLE connections, server heap capped at 512 MB"
java -Xmx512m -Xss256k -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ImapBench idle-server "$USERS" "$PORT" "$CONNECTIONS" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then break; fi
    sleep 1
done
java -Xmx1g -cp "$CP" ImapBench idle-clients "$PORT" "$CONNECTIONS" "$USERS"
wait $SERVER
