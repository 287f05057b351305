# Sourced by run.sh, wrk.sh and latency.sh: builds Steady in release mode and starts it and Alertmanager 0.25 on
# loopback with the same route and receivers. The caller sets WORK, TOKEN, STEADY_PORT and AM_PORT, and its EXIT
# trap kills the jobs.
#
#   start_servers ROUTE STEADY_RECEIVERS AM_RECEIVERS   # sets STEADY_PID and AM_PID

wait_ready() {
  for _ in $(seq 1 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done
  echo "not ready: $1" >&2
  exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

start_servers() {
  local route="$1" steady_receivers="$2" am_receivers="$3"
  swift build -c release --product steady >/dev/null
  local steady
  steady="$(swift build -c release --show-bin-path)/steady"
  cat > "$WORK/steady.yml" <<YAML
storage: { sqlite: { path: $WORK/steady.db } }
server: { listen: 127.0.0.1:$STEADY_PORT }
auth: { tokens: [{ name: bench, role: responder, secret: $TOKEN }] }
logging: { level: warning }
route: $route
receivers: $steady_receivers
YAML
  cat > "$WORK/alertmanager.yml" <<YAML
route: $route
receivers: $am_receivers
YAML
  "$steady" serve --config "$WORK/steady.yml" >"$WORK/steady.log" 2>&1 &
  STEADY_PID=$!
  prometheus-alertmanager --config.file="$WORK/alertmanager.yml" --storage.path="$WORK/am" \
    --web.listen-address=127.0.0.1:$AM_PORT --cluster.listen-address= --log.level=warn >"$WORK/am.log" 2>&1 &
  AM_PID=$!
  wait_ready "http://127.0.0.1:$STEADY_PORT/-/ready"
  wait_ready "http://127.0.0.1:$AM_PORT/-/ready"
  # A server left over on one of these ports would answer instead of ours.
  sleep 0.5
  kill -0 "$STEADY_PID" 2>/dev/null || { echo "steady exited (port $STEADY_PORT in use?):" >&2; cat "$WORK/steady.log" >&2; exit 1; }
  kill -0 "$AM_PID" 2>/dev/null || { echo "alertmanager exited (port $AM_PORT in use?):" >&2; cat "$WORK/am.log" >&2; exit 1; }
}
