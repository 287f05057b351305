#!/usr/bin/env bash
# Alert intake side by side: Steady (SQLite, alerts committed before the 2xx) and Alertmanager 0.25 (in memory) on
# the same machine in the same run, with the same client: 64-alert batches of distinct alerts, closed loop.
# Also reports resident memory per active alert for both. Loopback only; stops by itself.
#
#   scripts/bench/alert-intake/run.sh [batches] [connections]
#
# Needs: prometheus-alertmanager (Debian), python3. Builds Steady in release mode first.
set -euo pipefail
cd "$(dirname "$0")/../../.."
BATCHES="${1:-3000}"
CONNECTIONS="${2:-4}"
WORK="$(mktemp -d /tmp/steady-alert-bench.XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
TOKEN="bench-token-0123456789abcdefghij"
STEADY_PORT=14040
AM_PORT=19093

. scripts/bench/alert-intake/servers.sh
ROUTE="{ receiver: ops, group_by: [alertname], group_wait: 30s, group_interval: 5m }"
start_servers "$ROUTE" "[{ name: ops }]" "[{ name: ops }]"
STEADY_RSS0=$(rss_kb $STEADY_PID); AM_RSS0=$(rss_kb $AM_PID)

echo "target,batches,batch_size,seconds,alerts_per_s,p50_ms,p99_ms,errors"
# Warm-up, then the measured runs (Alertmanager first, then Steady, then both again).
python3 scripts/bench/alert-intake/intake.py --url "http://127.0.0.1:$AM_PORT" --name warmup-am --batches 200 --prefix warm >/dev/null
python3 scripts/bench/alert-intake/intake.py --url "http://127.0.0.1:$STEADY_PORT" --name warmup-steady --batches 200 --token "$TOKEN" --prefix warm >/dev/null
for round in 1 2; do
  python3 scripts/bench/alert-intake/intake.py --url "http://127.0.0.1:$AM_PORT" --name "alertmanager-0.25" \
    --batches "$BATCHES" --connections "$CONNECTIONS" --prefix "r$round"
  python3 scripts/bench/alert-intake/intake.py --url "http://127.0.0.1:$STEADY_PORT" --name "steady" \
    --batches "$BATCHES" --connections "$CONNECTIONS" --token "$TOKEN" --prefix "r$round"
done
ACTIVE=$(( (2 * BATCHES + 200) * 64 ))
STEADY_RSS1=$(rss_kb $STEADY_PID); AM_RSS1=$(rss_kb $AM_PID)
echo
echo "active alerts per server: $ACTIVE"
echo "steady:       RSS ${STEADY_RSS0} kB -> ${STEADY_RSS1} kB = $(( (STEADY_RSS1 - STEADY_RSS0) * 1024 / ACTIVE )) bytes per active alert"
echo "alertmanager: RSS ${AM_RSS0} kB -> ${AM_RSS1} kB = $(( (AM_RSS1 - AM_RSS0) * 1024 / ACTIVE )) bytes per active alert"
