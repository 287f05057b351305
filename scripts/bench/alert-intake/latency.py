#!/usr/bin/env python3
"""POST -> webhook latency: posts one new alert at a time (its own group, group_wait 0s) and times how long until
the webhook receiver gets the notification. Loopback only, bounded by --samples. Prints one CSV row."""
import argparse, datetime, http.client, http.server, json, statistics, sys, threading, time

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="host:port of Steady or Alertmanager")
    parser.add_argument("--name", required=True)
    parser.add_argument("--hook-port", type=int, required=True, help="the webhook receiver's port (configured)")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--token", default="")
    parser.add_argument("--prefix", default="lat")
    args = parser.parse_args()

    arrived = {}
    lock = threading.Lock()
    cond = threading.Condition(lock)

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            now = time.perf_counter()
            self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
            try:
                payload = json.loads(body)
            except ValueError:
                return
            with cond:
                for alert in payload.get("alerts", []):
                    arrived.setdefault(alert["labels"].get("alertname"), now)
                cond.notify_all()
        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.hook_port), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = args.url.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    headers = {"Content-Type": "application/json"}
    if args.token:
        headers["Authorization"] = "Bearer " + args.token
    latencies, missing = [], 0
    starts = datetime.datetime.now(datetime.timezone.utc).isoformat()
    for i in range(args.samples):
        name = f"{args.prefix}-{i}"
        body = json.dumps([{"labels": {"alertname": name, "service": "bench"}, "startsAt": starts}])
        sent = time.perf_counter()
        conn.request("POST", "/api/v2/alerts", body, headers)
        response = conn.getresponse(); response.read()
        if response.status != 200:
            print(f"{args.name}: HTTP {response.status}", file=sys.stderr); sys.exit(1)
        with cond:
            cond.wait_for(lambda: name in arrived, timeout=5)
            got = arrived.get(name)
        if got is None:
            missing += 1
        else:
            latencies.append((got - sent) * 1000)
        time.sleep(0.01)
    server.shutdown()
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
    print(f"{args.name},{args.samples},{p(0.5):.2f},{p(0.9):.2f},{p(0.99):.2f},{missing}")

if __name__ == "__main__":
    main()
