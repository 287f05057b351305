#!/usr/bin/env python3
"""Closed-loop Alertmanager API v2 intake load: POSTs batches of distinct alerts to one URL with N concurrent
connections for a fixed number of batches, and prints one CSV line: target,batches,batch_size,seconds,alerts_per_s,
p50_ms,p99_ms,errors. Loopback only. Standard library only (threads + http.client, keep-alive)."""
import argparse, http.client, json, sys, threading, time, urllib.parse

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="base URL, e.g. http://127.0.0.1:9093")
    parser.add_argument("--name", required=True)
    parser.add_argument("--batches", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--token", default="")
    parser.add_argument("--prefix", default="bench")
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("refusing a non-loopback target")
    latencies, errors, lock = [], [0], threading.Lock()
    next_batch = [0]

    def worker():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if args.token:
            headers["Authorization"] = "Bearer " + args.token
        while True:
            with lock:
                batch = next_batch[0]
                if batch >= args.batches:
                    break
                next_batch[0] += 1
            body = json.dumps([
                {"labels": {"alertname": f"{args.prefix}_{batch % 97}", "instance": f"host-{batch}-{i}",
                            "job": "bench", "severity": "warning"},
                 "annotations": {"summary": "benchmark alert"}}
                for i in range(args.batch_size)])
            started = time.perf_counter()
            try:
                connection.request("POST", "/api/v2/alerts", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except Exception:
                ok = False
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    alerts = (args.batches - errors[0]) * args.batch_size
    print(f"{args.name},{args.batches},{args.batch_size},{seconds:.2f},{alerts / seconds:.0f},{p(0.5):.2f},{p(0.99):.2f},{errors[0]}")

if __name__ == "__main__":
    main()
