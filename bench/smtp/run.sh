#!/usr/bin/env bash
# SMTP load benchmark: Postfix's smtp-source drives Postfix's smtp-sink and then Mailwright's
# SmtpServer with a discard backend, on loopback, in the same run, and prints messages per
# second for both. Usage: bench/smtp/run.sh [messages] [sessions] [message-length]
set -euo pipefail

MESSAGES=${1:-20000}
SESSIONS=${2:-20}
LENGTH=${3:-5120}
SINK_PORT=${SINK_PORT:-2525}
OUR_PORT=${OUR_PORT:-2526}
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$HERE/target"
mkdir -p "$WORK/classes"

# Postfix brings smtp-source and smtp-sink; its own mail service must not run.
if ! command -v smtp-source >/dev/null || ! command -v smtp-sink >/dev/null; then
    echo "installing Debian package postfix (for smtp-source and smtp-sink)"
    export DEBIAN_FRONTEND=noninteractive
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    apt-get update -qq
    apt-get install -y -qq postfix >/dev/null
fi
PATH="$PATH:/usr/sbin"
postfix stop >/dev/null 2>&1 || true
systemctl stop postfix >/dev/null 2>&1 || true
systemctl disable postfix >/dev/null 2>&1 || true

echo "building the smtp module"
(cd "$ROOT" && mvn -q -o -pl smtp -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
CP="$ROOT/smtp/target/classes:$(cat "$ROOT/smtp/target/classpath.txt")"
javac -d "$WORK/classes" -cp "$CP" "$HERE/src/main/java/dev/mailwright/bench/SmtpSinkBench.java"

PIDS=()
cleanup() {
    for p in "${PIDS[@]:-}"; do
        [ -n "$p" ] && kill "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT

# Runs smtp-source against a port and prints messages per second.
drive() {
    local port=$1 count=$2
    local start end
    start=$(date +%s.%N)
    smtp-source -s "$SESSIONS" -m "$count" -l "$LENGTH" -f bench@localhost -t sink@localhost "127.0.0.1:$port"
    end=$(date +%s.%N)
    echo "$count $start $end" | awk '{ printf "%.0f", $1 / ($3 - $2) }'
}

echo "smtp-sink on port $SINK_PORT"
smtp-sink -u nobody "127.0.0.1:$SINK_PORT" 1024 &
PIDS+=($!)
sleep 1
drive "$SINK_PORT" $((MESSAGES / 4)) >/dev/null
SINK_RATE=$(drive "$SINK_PORT" "$MESSAGES")
kill "${PIDS[0]}" 2>/dev/null || true

echo "Mailwright SmtpServer (discard backend) on port $OUR_PORT"
coproc SERVER { exec java -Xms512m -Xmx512m -XX:+UseParallelGC -cp "$WORK/classes:$CP" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.mailwright.bench.SmtpSinkBench "$OUR_PORT"; }
PIDS+=("$SERVER_PID")
read -r READY <&"${SERVER[0]}"
echo "$READY"
# The same warm-up as smtp-sink got, which also lets the JIT compile the hot paths.
drive "$OUR_PORT" $((MESSAGES / 4)) >/dev/null
OUR_RATE=$(drive "$OUR_PORT" "$MESSAGES")
echo >&"${SERVER[1]}"
read -r COUNT <&"${SERVER[0]}"

echo
echo "smtp-source -s $SESSIONS -m $MESSAGES -l $LENGTH, loopback:"
echo "  Postfix smtp-sink:            $SINK_RATE messages/s"
echo "  Mailwright SmtpServer:        $OUR_RATE messages/s ($COUNT in all, warm-up included)"
echo "$OUR_RATE $SINK_RATE" | awk '{ printf "  ratio: %.2f of smtp-sink (target: at least 0.50)\n", $1 / $2 }'
