#!/usr/bin/env python3
"""Time to first token and total stream time of streamed chat completions (stdlib only, loopback only).

    bench/ttft.py PORT [REQUESTS]

Sends REQUESTS (default 200) streamed chat completions one after another on a fresh connection each and prints
p50/p90/p99 of: time to the first event carrying content (TTFT), and time to `data: [DONE]` (total). Each request
asks a different question so no cache answers the completion guard."""
import http.client, json, sys, time

port = int(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
ttft, total = [], []
for i in range(n):
    body = json.dumps({"model": "rampart-demo-mini", "stream": True,
                       "messages": [{"role": "user", "content": f"Tell me something nice about the number {i}."}]})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.perf_counter()
    conn.request("POST", "/v1/chat/completions", body, {"content-type": "application/json"})
    resp = conn.getresponse()
    first = None
    buf = b""
    while True:
        chunk = resp.read1(65536)
        if not chunk:
            break
        buf += chunk
        while b"\n\n" in buf:
            event, buf = buf.split(b"\n\n", 1)
            data = event.decode().removeprefix("data: ").strip()
            if data == "[DONE]":
                total.append(time.perf_counter() - start)
                break
            if first is None:
                try:
                    delta = json.loads(data)["choices"][0].get("delta", {})
                except (ValueError, KeyError, IndexError):
                    delta = {}
                if delta.get("content"):
                    first = time.perf_counter() - start
                    ttft.append(first)
    conn.close()

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000 if xs else float("nan")

print(f"ttft_p50={pct(ttft, .5):.2f}ms ttft_p90={pct(ttft, .9):.2f}ms ttft_p99={pct(ttft, .99):.2f}ms "
      f"total_p50={pct(total, .5):.2f}ms total_p99={pct(total, .99):.2f}ms n={len(ttft)}")
