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

swift build -c release --product steady >/dev/null
STEADY="$(swift build -c release --show-bin-path)/steady"

cat > "$WORK/steady.yml" <<YAML
storage: { sqlite: { path: $WORK/steady.db } }
server: { listen: 127.0.0.1:$STEADY_PORT }
auth: { tokens: [{ name: bench, role: responder, secret: $TOKEN }] }
logging: { level: warning }
route: { receiver: ops, group_by: [alertname], group_wait: 30s, group_interval: 5m }
receivers: [{ name: ops }]
YAML
cat > "$WORK/alertmanager.yml" <<YAML
route: { receiver: ops, group_by: [alertname], group_wait: 30s, group_interval: 5m }
receivers: [{ name: ops }]
YAML

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
wait_ready() { for _ in $(seq 1 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done; echo "not ready: $1" >&2; exit 1; }

"$STEADY" serve --config "$WORK/steady.yml" >"$WORK/steady.log" 2>&1 &
STEADY_PID=$!
prometheus-alertmanager --config.file="$WORK/alertmanager.yml" --storage.path="$WORK/am" \
  --web.listen-address=127.0.0.1:$AM_PORT --cluster.listen-address= --log.level=warn >"$WORK/am.log" 2>&1 &
AM_PID=$!
wait_ready "http://127.0.0.1:$STEADY_PORT/-/ready"
wait_ready "http://127.0.0.1:$AM_PORT/-/ready"
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
