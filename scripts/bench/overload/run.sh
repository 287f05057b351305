#!/usr/bin/env bash
# Overload experiment (issue 4): the checkout demo service pinned to one core in each protection arm, an open-loop
# generator (steady-loadgen) on the other core, offered load swept from 0.25× to 5× of the measured capacity, plus a
# retry-storm variant with and without a retry budget. Loopback only, bounded (~12 minutes with the defaults), stops
# by itself. Writes results.csv, summary.md and overload.png into $OUT.
#
# Run it alone on the machine (other builds distort it). In this repository's shared checkout:
#   flock /tmp/steady-build.lock scripts/bench/overload/run.sh
#
# Knobs (environment): OUT, PORT, POINT_SECONDS, WARMUP_SECONDS, DEADLINE_MS, WORK_US, LIMIT, QUEUE_TARGET_MS,
# MULTIPLIERS, ARMS, RETRY_MULTIPLIERS, MIX, SERVER_CPU, CLIENT_CPU, SKIP_BUILD=1.
set -euo pipefail

cd "$(dirname "$0")/../../.."
OUT=${OUT:-.build/overload}
PORT=${PORT:-18471}
HOST=127.0.0.1 # loopback only; steady-loadgen refuses anything else too
POINT_SECONDS=${POINT_SECONDS:-6}
WARMUP_SECONDS=${WARMUP_SECONDS:-2}
DEADLINE_MS=${DEADLINE_MS:-500}
WORK_US=${WORK_US:-10000}
LIMIT=${LIMIT:-4}
QUEUE_TARGET_MS=${QUEUE_TARGET_MS:-$((WORK_US * 2 / 1000))}
MULTIPLIERS=${MULTIPLIERS:-"0.25 0.5 0.75 1 1.5 2 3 4 5"}
ARMS=${ARMS:-"none static codel adaptive adaptive-criticality"}
RETRY_MULTIPLIERS=${RETRY_MULTIPLIERS:-"1 2 3 5"}
MIX=${MIX:-"CRITICAL=0.5,SHEDDABLE=0.5"}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
SCRIPT_DIR=scripts/bench/overload

mkdir -p "$OUT"
ulimit -n 20000 2>/dev/null || true

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    swift build -c release --product steady-demo-service 2>&1 | tail -1
    swift build -c release --product steady-loadgen 2>&1 | tail -1
fi
BIN=$(swift build -c release --show-bin-path)

SERVER_PID=
stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap stop_server EXIT

start_server() { # arm
    taskset -c "$SERVER_CPU" "$BIN/steady-demo-service" --host "$HOST" --port "$PORT" --protection "$1" \
        --limit "$LIMIT" --work-us "$WORK_US" --queue-target-ms "$QUEUE_TARGET_MS" --latency-ms 0 \
        --request-timeout-ms 10000 --log-level error &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        if curl -sf "http://$HOST:$PORT/health/live" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    echo "server did not start" >&2
    exit 1
}

loadgen() { # extra arguments…
    local bound=$((${POINT_SECONDS%.*} + ${WARMUP_SECONDS%.*} + 30))
    timeout "$bound" taskset -c "$CLIENT_CPU" "$BIN/steady-loadgen" "http://$HOST:$PORT/api/products" \
        --deadline-ms "$DEADLINE_MS" --warmup "$WARMUP_SECONDS" --mix "$MIX" "$@"
}

echo "== capacity (closed loop, no protection, ${WORK_US} µs of CPU per request)"
start_server none
CAPACITY_CSV=$(loadgen --closed-loop "$LIMIT" --duration "$POINT_SECONDS" --format csv)
stop_server
# The totals row is "all" (steady-loadgen prints it for any MIX, a single class included).
CAPACITY=$(awk -F, '$1 == "all" { print $7 }' <<<"$CAPACITY_CSV")
CAPACITY=${CAPACITY%.*}
if ! [[ "$CAPACITY" =~ ^[0-9]+$ ]] || [[ "$CAPACITY" -le 0 ]]; then
    echo "could not measure the capacity (MIX=$MIX); steady-loadgen printed:" >&2
    echo "$CAPACITY_CSV" >&2
    exit 1
fi
echo "capacity: ${CAPACITY} requests/s"

CSV="$OUT/results.csv"
echo "arm,multiplier,capacity_rps,class,offered_rps,sent,attempts,retries,good,goodput_rps,rejected,timeouts,errors,p50_ms,p99_ms" >"$CSV"

run_point() { # tag-arm server-arm multiplier extra-loadgen-arguments…
    local tag=$1 arm=$2 multiplier=$3
    shift 3
    local rate
    rate=$(awk -v c="$CAPACITY" -v m="$multiplier" 'BEGIN { printf "%.1f", c * m }')
    start_server "$arm"
    loadgen --rate "$rate" --duration "$POINT_SECONDS" --format csv \
        --tag "arm=$tag" --tag "multiplier=$multiplier" --tag "capacity_rps=$CAPACITY" "$@" | tee -a "$CSV" \
        | awk -F, '$4 == "all" { printf "  %-22s %4s×  offered %7s/s  goodput %7s/s  p99 %s ms\n", $1, $2, $5, $10, $15 }'
    stop_server
}

for arm in $ARMS; do
    echo "== arm: $arm"
    for multiplier in $MULTIPLIERS; do
        run_point "$arm" "$arm" "$multiplier"
    done
done

echo "== retry storm: clients retry 503s up to 3 times, against the adaptive limit"
for multiplier in $RETRY_MULTIPLIERS; do
    run_point retry-storm adaptive "$multiplier" --retries 3
    run_point retry-budget adaptive "$multiplier" --retries 3 --retry-budget 0.1
done

python3 "$SCRIPT_DIR/summarize.py" "$CSV" "$DEADLINE_MS" >"$OUT/summary.md"
gnuplot -e "csv='$CSV'; out='$OUT/overload.png'; capacity=$CAPACITY; deadline_ms=$DEADLINE_MS" "$SCRIPT_DIR/plot.gp"
cat "$OUT/summary.md"
echo "wrote $CSV, $OUT/summary.md, $OUT/overload.png"
