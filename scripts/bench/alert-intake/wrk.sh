#!/usr/bin/env bash
# Alert intake side by side with a compiled load generator: wrk (Debian package `wrk`) posts 64-alert batches of
# distinct alerts (scripts/bench/alert-intake/alerts.lua) to Steady (SQLite, alerts committed before the 2xx) and to
# Alertmanager 0.25 (in memory), alternating, for a fixed time per round. The Python client of run.sh takes about
# half a core of this 2-core machine itself; wrk takes much less, so the servers' own costs show. Prints alerts/s,
# wrk's mean latency and each server's CPU time per alert (from /proc). Loopback only; stops by itself.
#
#   scripts/bench/alert-intake/wrk.sh [connections] [seconds-per-round]
#
# Needs: wrk, prometheus-alertmanager (Debian). Builds Steady in release mode first.
set -euo pipefail
cd "$(dirname "$0")/../../.."
CONNECTIONS="${1:-4}"
SECONDS_PER_ROUND="${2:-5}"
WORK="$(mktemp -d /tmp/steady-alert-wrk.XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
TOKEN="bench-token-0123456789abcdefghij"
STEADY_PORT=14042
AM_PORT=19095

. scripts/bench/alert-intake/servers.sh
ROUTE="{ receiver: ops, group_by: [alertname], group_wait: 30s, group_interval: 5m }"
start_servers "$ROUTE" "[{ name: ops }]" "[{ name: ops }]"
TICKS_PER_SECOND=$(getconf CLK_TCK)

echo "target,round,connections,seconds,alerts_per_s,mean_latency,non_2xx,cpu_us_per_alert"
for round in 1 2; do
  for target in alertmanager-0.25 steady; do
    if [ "$target" = steady ]; then url="http://127.0.0.1:$STEADY_PORT"; pid=$STEADY_PID; else url="http://127.0.0.1:$AM_PORT"; pid=$AM_PID; fi
    before=$(cpu_ticks "$pid")
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_ROUND}s" -s scripts/bench/alert-intake/alerts.lua "$url" -- "r$round" "$TOKEN")
    after=$(cpu_ticks "$pid")
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    rate=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2 * 64}')
    latency=$(echo "$out" | awk '/Latency/ {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    cpu=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$TICKS_PER_SECOND" 'BEGIN {printf "%.1f", t * 1e6 / hz / (n * 64)}')
    echo "$target,$round,$CONNECTIONS,$SECONDS_PER_ROUND,$rate,$latency,${non2xx:-0},$cpu"
  done
done
