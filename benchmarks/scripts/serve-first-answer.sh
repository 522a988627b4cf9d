#!/bin/sh
# How long `spinecds serve` takes from its launch to its first answers: the discovery endpoint, then a
# real patient-view hook call (a bundled, made-up patient), each polled every 20 ms until it answers
# 200. Prints one line of milliseconds since launch per run.
#
#   benchmarks/scripts/serve-first-answer.sh [RUNS] [-- JVM_OPTIONS...]
#
# RUNS is 5 by default; JVM options (e.g. -XX:SharedArchiveFile=examples/target/spinecds.jsa
# -Xshare:auto, or -Dspinecds.prebuilt=false) go after `--`. Run from the repository's root after
# `mvn -B -q package -DskipTests`. The service runs without authentication on loopback, for the time
# of the measurement only (authentication checks a token per call: it does not change the start-up).
set -eu

runs=5
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
    runs=$1
    shift
fi
[ "${1:-}" = "--" ] && shift
jar=${SPINECDS_JAR:-examples/target/spinecds.jar}
call=examples/fhir/hooks/early-sciatica.patient-view.json
port=${SPINECDS_BENCH_PORT:-18765}
base=http://127.0.0.1:$port/cds-services
log=${TMPDIR:-/tmp}/spinecds-serve-first-answer.$$.log
feedback=${TMPDIR:-/tmp}/spinecds-serve-first-answer.$$.jsonl

now_ms() { date +%s%3N; } # GNU date

pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -f "$log" "$feedback"' EXIT

i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    start=$(now_ms)
    java "$@" -jar "$jar" serve --port "$port" --insecure-no-auth --feedback-log "$feedback" >"$log" 2>&1 &
    pid=$!
    until curl -s -o /dev/null -f "$base"; do
        kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
        sleep 0.02
    done
    discovery=$(now_ms)
    until curl -s -o /dev/null -f -H 'Content-Type: application/json' --data "@$call" "$base/spinecds-patient-view"; do
        kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
        sleep 0.02
    done
    hook=$(now_ms)
    # the first hook answered: a second one shows the steady pace
    curl -s -o /dev/null -f -H 'Content-Type: application/json' --data "@$call" "$base/spinecds-patient-view"
    second=$(now_ms)
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=
    echo "run $i: discovery $((discovery - start)) ms, first hook answered $((hook - start)) ms, next hook $((second - hook)) ms"
done
rm -f "$log" "$feedback"
