#!/usr/bin/env python3
"""POST -> webhook latency: posts one new alert at a time (its own group, group_wait 0s) and times how long until
the webhook receiver gets the notification. Loopback only, bounded by --samples. Prints one CSV row."""
import argparse, datetime, http.client, json, selectors, socket, sys, threading, time


class Receiver:
    """The webhook receiver: one thread and a selector, minimal HTTP/1.1 parsing, so its own cost (no thread per
    connection, no header parser) stays small next to the servers measured. Calls on_body(body, perf_counter time)
    once a request's whole body has arrived, after answering 200. With keep_alive it leaves the connection open for
    the next request (as most receivers do); without, it answers "Connection: close" and closes it."""

    def __init__(self, port, keep_alive, on_body):
        self.keep_alive, self.on_body, self.running = keep_alive, on_body, True
        self.selector = selectors.DefaultSelector()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(128)
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ, None)
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def stop(self):
        self.running = False
        self.thread.join(timeout=2)

    def loop(self):
        pending = {}
        answer = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n" + (b"" if self.keep_alive else b"Connection: close\r\n") + b"\r\n"
        while self.running:
            for key, _ in self.selector.select(timeout=0.2):
                if key.data is None:
                    conn, _ = self.listener.accept()
                    conn.setblocking(False)
                    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    self.selector.register(conn, selectors.EVENT_READ, True)
                    pending[conn] = b""
                    continue
                conn = key.fileobj
                try:
                    data = conn.recv(1 << 18)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    self.selector.unregister(conn); conn.close(); pending.pop(conn, None)
                    continue
                buffer = pending[conn] + data
                while True:
                    end = buffer.find(b"\r\n\r\n")
                    if end < 0:
                        break
                    length = 0
                    for line in buffer[:end].split(b"\r\n")[1:]:
                        name, _, value = line.partition(b":")
                        if name.strip().lower() == b"content-length":
                            length = int(value)
                    if len(buffer) < end + 4 + length:
                        break
                    body, buffer = buffer[end + 4:end + 4 + length], buffer[end + 4 + length:]
                    now = time.perf_counter()
                    conn.sendall(answer)
                    self.on_body(body, now)
                pending[conn] = buffer
                if not self.keep_alive and not buffer:
                    self.selector.unregister(conn); conn.close(); pending.pop(conn, None)
        self.selector.close(); self.listener.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="host:port of Steady or Alertmanager")
    parser.add_argument("--name", required=True)
    parser.add_argument("--hook-port", type=int, required=True, help="the webhook receiver's port (configured)")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--token", default="")
    parser.add_argument("--prefix", default="lat")
    parser.add_argument("--receiver-keep-alive", action="store_true",
                        help="the receiver keeps connections open (HTTP/1.1 keep-alive) instead of closing each")
    args = parser.parse_args()

    arrived = {}
    lock = threading.Lock()
    cond = threading.Condition(lock)

    def arrived_body(body, now):
        try:
            payload = json.loads(body)
        except ValueError:
            return
        with cond:
            for alert in payload.get("alerts", []):
                arrived.setdefault(alert["labels"].get("alertname"), now)
            cond.notify_all()

    receiver = Receiver(args.hook_port, args.receiver_keep_alive, arrived_body)
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
    receiver.stop()
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
    print(f"{args.name},{args.samples},{p(0.5):.2f},{p(0.9):.2f},{p(0.99):.2f},{missing}")

if __name__ == "__main__":
    main()
