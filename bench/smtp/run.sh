#!/usr/bin/env bash
# SMTP load benchmark: Postfix's smtp-source drives Postfix's smtp-sink and then Mailwright's
# SmtpServer with a discard backend, on loopback, in the same run, and prints messages per
# second for both. Usage: bench/smtp/run.sh [messages] [sessions] [message-length]
# (environment: ROUNDS, WORKERS, IO_THREADS, SINK_PORT, OUR_PORT)
set -euo pipefail

MESSAGES=${1:-20000}
SESSIONS=${2:-20}
LENGTH=${3:-5120}
ROUNDS=${ROUNDS:-5}
# Threads for the server: on this 2-core machine, 2 workers and 1 I/O thread switch least.
WORKERS=${WORKERS:-2}
IO_THREADS=${IO_THREADS:-1}
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

# Both servers run side by side and are measured in alternating rounds, so that both see
# the same machine load (this machine's cores are shared); each figure is the median round.
smtp-sink -u nobody "127.0.0.1:$SINK_PORT" 1024 &
PIDS+=($!)
coproc SERVER { exec java -Xms512m -Xmx512m -XX:+UseParallelGC -cp "$WORK/classes:$CP" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.mailwright.bench.SmtpSinkBench "$OUR_PORT" "$WORKERS" "$IO_THREADS"; }
PIDS+=("$SERVER_PID")
read -r READY <&"${SERVER[0]}"
echo "smtp-sink on 127.0.0.1:$SINK_PORT, Mailwright SmtpServer (discard backend) on ${READY#ready }"

# Warm-up: the JIT compiles Mailwright's hot paths; smtp-sink gets the same load for fairness.
drive "$SINK_PORT" $((MESSAGES / 4)) >/dev/null
drive "$OUR_PORT" $((MESSAGES / 4)) >/dev/null

SINK_RATES=()
OUR_RATES=()
for round in $(seq 1 "$ROUNDS"); do
    SINK_RATES+=("$(drive "$SINK_PORT" "$MESSAGES")")
    OUR_RATES+=("$(drive "$OUR_PORT" "$MESSAGES")")
    echo "round $round: smtp-sink ${SINK_RATES[-1]}/s, Mailwright ${OUR_RATES[-1]}/s"
done
echo >&"${SERVER[1]}"
read -r COUNT <&"${SERVER[0]}"

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
SINK_RATE=$(median "${SINK_RATES[@]}")
OUR_RATE=$(median "${OUR_RATES[@]}")
echo
echo "smtp-source -s $SESSIONS -m $MESSAGES -l $LENGTH on loopback, median of $ROUNDS rounds:"
echo "  Postfix smtp-sink:      $SINK_RATE messages/s"
echo "  Mailwright SmtpServer:  $OUR_RATE messages/s (server counted ${COUNT#messages } messages, warm-up included)"
echo "$OUR_RATE $SINK_RATE" | awk '{ printf "  ratio: %.2f of smtp-sink (target: at least 0.50)\n", $1 / $2 }'
