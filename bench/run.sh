#!/usr/bin/env bash
# Latency/throughput benchmark of the gateway on loopback (not run in CI).
#   bench/run.sh [duration_seconds]
# Measures, with wrk, the mock upstream called directly, through nginx as a plain reverse proxy, and through
# Rampart (pattern rules on), at 1 and 32 connections, non-stream and stream; and time-to-first-byte of streams
# with curl. Installs wrk and nginx from Debian's packages if missing. Everything binds to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
OUT="bench/results"
mkdir -p "$OUT"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${missing[@]}"; fi

./rampart --version >/dev/null   # builds the jar if needed
JAR=gateway/target/rampart-gateway-0.1.0-SNAPSHOT-all.jar
export ORT_DISABLE_TELEMETRY=1
JOPTS="-Xms512m -Xmx512m -XX:+UseParallelGC -DOPT_OUT_TRACKING=true"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$OUT/nginx.pid" ] && kill "$(cat "$OUT/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT

wait_line() { # file prefix -> value
  for _ in $(seq 1 300); do
    v=$(grep -m1 "^$2" "$1" 2>/dev/null | cut -d= -f2 || true)
    [ -n "$v" ] && { echo "$v"; return; }
    sleep 0.1
  done
  echo "timed out waiting for $2 in $1" >&2; exit 1
}

java $JOPTS -jar "$JAR" mock-llm --port 0 --token-delay-ms 0 > "$OUT/mock.log" 2>&1 & pids+=($!)
MOCK=$(wait_line "$OUT/mock.log" "listening mock=")
java $JOPTS -jar "$JAR" serve --upstream "http://127.0.0.1:$MOCK/v1" --port 0 --admin-port 0 > "$OUT/gateway.log" 2>&1 & pids+=($!)
GW=$(wait_line "$OUT/gateway.log" "listening public=")
java $JOPTS -jar "$JAR" serve --upstream "http://127.0.0.1:$MOCK/v1" --policy bench/async-policy.yaml --port 0 --admin-port 0 > "$OUT/gateway-async.log" 2>&1 & pids+=($!)
GWA=$(wait_line "$OUT/gateway-async.log" "listening public=")

NGINX_PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
cat > "$OUT/nginx.conf" <<NGX
worker_processes 1;
pid $PWD/$OUT/nginx.pid;
error_log $PWD/$OUT/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path /tmp/rampart-nginx-body;
  proxy_temp_path /tmp/rampart-nginx-proxy;
  upstream mock { server 127.0.0.1:$MOCK; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
NGX
nginx -c "$PWD/$OUT/nginx.conf"

cat > "$OUT/chat.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"rampart-demo-mini","messages":[{"role":"user","content":"What is the capital of France? Answer in one word."}]}'
LUA
cat > "$OUT/stream.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"rampart-demo-mini","stream":true,"messages":[{"role":"user","content":"What is the capital of France? Answer in one word."}]}'
LUA

# warm-up (JIT)
for port in "$MOCK" "$NGINX_PORT" "$GW" "$GWA"; do
  wrk -t1 -c8 -d5s -s "$OUT/chat.lua" "http://127.0.0.1:$port/v1/chat/completions" >/dev/null
done

report="$OUT/report.txt"
: > "$report"
for mode in chat stream; do
  for conns in 1 32; do
    threads=$([ "$conns" = 1 ] && echo 1 || echo 2)
    targets=("direct:$MOCK" "nginx:$NGINX_PORT" "rampart:$GW")
    [ "$mode" = stream ] && targets+=("rampart-async:$GWA")
    for target in "${targets[@]}"; do
      name=${target%%:*}; port=${target##*:}
      res=$(wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency -s "$OUT/$mode.lua" "http://127.0.0.1:$port/v1/chat/completions")
      p50=$(echo "$res" | awk '/ 50%/{print $2}')
      p99=$(echo "$res" | awk '/ 99%/{print $2}')
      rps=$(echo "$res" | awk '/Requests\/sec/{print $2}')
      errs=$(echo "$res" | grep -E "Non-2xx|Socket errors" | tr '\n' ' ' || true)
      printf '%-6s conns=%-2s %-14s p50=%-9s p99=%-9s req/s=%-10s %s\n' "$mode" "$conns" "$name" "$p50" "$p99" "$rps" "$errs" | tee -a "$report"
    done
  done
done

ttfb() { # port -> p50 and p99 of curl's time_starttransfer in ms over 300 streamed requests
  for _ in $(seq 1 300); do
    curl -s -o /dev/null -w '%{time_starttransfer}\n' -H 'content-type: application/json' \
      -d '{"model":"rampart-demo-mini","stream":true,"messages":[{"role":"user","content":"hello"}]}' \
      "http://127.0.0.1:$1/v1/chat/completions"
  done | sort -n | awk '{a[NR]=$1*1000} END {printf "ttfb_p50=%.3fms ttfb_p99=%.3fms", a[int(NR*0.5)], a[int(NR*0.99)]}'
}
for target in "direct:$MOCK" "nginx:$NGINX_PORT" "rampart:$GW" "rampart-async:$GWA"; do
  printf 'stream-ttfb %-14s %s\n' "${target%%:*}" "$(ttfb "${target##*:}")" | tee -a "$report"
done
echo "report: $report"
