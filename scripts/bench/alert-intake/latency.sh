#!/usr/bin/env bash
# POST -> webhook latency side by side: Steady (alerts and the outbox committed to SQLite before anything is sent)
# and Alertmanager 0.25, both with group_wait: 0s and a local webhook receiver. Loopback only; stops by itself.
#
#   scripts/bench/alert-intake/latency.sh [samples]
#
# Needs: prometheus-alertmanager (Debian), python3. Builds Steady in release mode first.
set -euo pipefail
cd "$(dirname "$0")/../../.."
SAMPLES="${1:-300}"
WORK="$(mktemp -d /tmp/steady-latency-bench.XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
TOKEN="bench-token-0123456789abcdefghij"
STEADY_PORT=14041; AM_PORT=19094; STEADY_HOOK=15001; AM_HOOK=15002

. scripts/bench/alert-intake/servers.sh
ROUTE="{ receiver: hook, group_by: [alertname], group_wait: 0s, group_interval: 1m, repeat_interval: 4h }"
start_servers "$ROUTE" \
  "[{ name: hook, webhook_configs: [{ url: \"http://127.0.0.1:$STEADY_HOOK/\" }] }]" \
  "[{ name: hook, webhook_configs: [{ url: \"http://127.0.0.1:$AM_HOOK/\" }] }]"

echo "target,receiver,samples,p50_ms,p90_ms,p99_ms,missing"
# The receiver first closes every connection (a new connection per notification, as Python's http.server does),
# then keeps them open (as most receivers do; both clients reuse them). Each pass uses new alert names.
for mode in close keep-alive; do
  flag=""; [ "$mode" = keep-alive ] && flag="--receiver-keep-alive"
  python3 scripts/bench/alert-intake/latency.py --url "127.0.0.1:$AM_PORT" --name "alertmanager-0.25,$mode" \
    --hook-port $AM_HOOK --samples "$SAMPLES" --prefix "lat-$mode" $flag
  python3 scripts/bench/alert-intake/latency.py --url "127.0.0.1:$STEADY_PORT" --name "steady,$mode" \
    --hook-port $STEADY_HOOK --samples "$SAMPLES" --prefix "lat-$mode" --token "$TOKEN" $flag
done
