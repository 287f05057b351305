#!/usr/bin/env bash
# POST -> webhook latency of two Steady binaries, alternately, several rounds: on this VM the run-to-run spread is as
# large as most single changes, so compare builds side by side rather than against an older table row.
#
#   scripts/bench/alert-intake/compare.sh OLD_BINARY NEW_BINARY [rounds] [samples]
#
# Each round starts each binary fresh (new database), sends `samples` alerts one at a time (group_wait: 0s) with
# latency.py and a keep-alive receiver (RECEIVER=close: one that closes every connection), and stops it. Prints every round's p50 and each binary's median p50.
# Loopback only; stops by itself. Make a copy of a release build first, e.g.
#   swift build -c release --product steady && cp .build/release/steady /tmp/steady-new
set -euo pipefail
cd "$(dirname "$0")/../../.."
OLD="$1"; NEW="$2"; ROUNDS="${3:-5}"; SAMPLES="${4:-300}"
WORK="$(mktemp -d /tmp/steady-compare.XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
TOKEN="bench-token-0123456789abcdefghij"; PORT=14051; HOOK=15051
KEEP="--receiver-keep-alive"; [ "${RECEIVER:-keep-alive}" = close ] && KEEP=""
cat > "$WORK/steady.yml" <<YAML
storage: { sqlite: { path: $WORK/steady.db } }
server: { listen: 127.0.0.1:$PORT }
auth: { tokens: [{ name: bench, role: responder, secret: $TOKEN }] }
logging: { level: warning }
route: { receiver: hook, group_by: [alertname], group_wait: 0s, group_interval: 1m, repeat_interval: 4h }
receivers: [{ name: hook, webhook_configs: [{ url: "http://127.0.0.1:$HOOK/" }] }]
YAML
run_one() { # binary label round
  rm -f "$WORK"/steady.db*
  "$1" serve --config "$WORK/steady.yml" >"$WORK/steady.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/-/ready" >/dev/null && break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null || { echo "$2 exited (port $PORT in use?):" >&2; cat "$WORK/steady.log" >&2; exit 1; }
  python3 scripts/bench/alert-intake/latency.py --url "127.0.0.1:$PORT" --name "$2" --hook-port $HOOK \
    --samples "$SAMPLES" --prefix "cmp-$3" --token "$TOKEN" $KEEP
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
echo "target,samples,p50_ms,p90_ms,p99_ms,missing"
for round in $(seq 1 "$ROUNDS"); do
  run_one "$OLD" old "$round"
  run_one "$NEW" new "$round"
done | tee "$WORK/rows.csv"
python3 - "$WORK/rows.csv" <<'PY'
import statistics, sys
rows = [line.strip().split(",") for line in open(sys.argv[1]) if line.strip()]
for name in ("old", "new"):
    p50s = sorted(float(r[2]) for r in rows if r[0] == name)
    print(f"{name}: median p50 {statistics.median(p50s):.2f} ms over {len(p50s)} rounds ({', '.join(f'{v:.2f}' for v in p50s)})")
PY
