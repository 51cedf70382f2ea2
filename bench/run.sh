#!/usr/bin/env bash
# Latency/throughput benchmark of the gateway on loopback (not run in CI).
#   bench/run.sh [duration_seconds]
# Measures, with wrk, the mock upstream called directly, nginx as a plain reverse proxy, and Rampart in the default
# configuration as shipped (embedded model on, decision log on) and patterns-only (bench/patterns-only.yaml), at 1 and
# 32 connections: chat with one prompt repeated (classifier cache hits) and with every prompt different (cache misses,
# about 20 tokens), and streamed chat; the gateways' CPU time per request (from /proc); and time-to-first-byte of
# streams with curl. Installs wrk, nginx and curl from Debian's packages if missing. Everything binds to 127.0.0.1.
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
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${DATA:-}" ] && rm -rf "$DATA"; [ -f "$OUT/nginx.pid" ] && kill "$(cat "$OUT/nginx.pid")" 2>/dev/null || true; }
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
DATA=$(mktemp -d /tmp/rampart-bench.XXXXXX)
serve() { # name, extra args...: starts a gateway, sets PORT_<name> and PID_<name>
  local name=$1; shift
  java $JOPTS -jar "$JAR" serve --upstream "http://127.0.0.1:$MOCK/v1" --port 0 --admin-port 0 \
      --data-dir "$DATA/$name" "$@" > "$OUT/gateway-$name.log" 2>&1 & pids+=($!)
  printf -v "PID_$name" '%s' "$!"
  printf -v "PORT_$name" '%s' "$(wait_line "$OUT/gateway-$name.log" "listening public=")"
}
serve default                                          # as shipped: embedded model, decision log, dashboard
serve patterns --config bench/patterns-only.yaml       # the default pack's pattern rules only
serve async --policy bench/async-policy.yaml           # as shipped, streamed completions checked in async mode
GW=$PORT_default
# the embedded model loads in the background: wait until /readyz says so before measuring
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$(wait_line "$OUT/gateway-default.log" "listening admin=")/readyz" >/dev/null && break
  sleep 0.2
done

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
cat > "$OUT/unique.lua" <<'LUA'
-- every request a different prompt of about 20 tokens: no classifier cache hit
local counter = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function request()
  counter = counter + 1
  local body = string.format('{"model":"rampart-demo-mini","messages":[{"role":"user","content":"Request %d-%d: what is the capital of France, and which river runs through it? Answer briefly."}]}', id or 0, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
LUA
cat > "$OUT/stream.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"rampart-demo-mini","stream":true,"messages":[{"role":"user","content":"What is the capital of France? Answer in one word."}]}'
LUA

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)

# warm-up (JIT)
for port in "$MOCK" "$NGINX_PORT" "$PORT_default" "$PORT_patterns" "$PORT_async"; do
  wrk -t1 -c8 -d5s -s "$OUT/chat.lua" "http://127.0.0.1:$port/v1/chat/completions" >/dev/null
done
wrk -t1 -c8 -d5s -s "$OUT/unique.lua" "http://127.0.0.1:$PORT_default/v1/chat/completions" >/dev/null

report="$OUT/report.txt"
{ echo "# bench/run.sh $DURATION s, $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"; } | tee "$report"
for mode in chat unique stream; do
  for conns in 1 32; do
    threads=$([ "$conns" = 1 ] && echo 1 || echo 2)
    targets=("direct:$MOCK" "nginx:$NGINX_PORT" "rampart:$PORT_default:default" "rampart-patterns:$PORT_patterns:patterns")
    [ "$mode" = unique ] && targets=("nginx:$NGINX_PORT" "rampart:$PORT_default:default" "rampart-patterns:$PORT_patterns:patterns")
    [ "$mode" = stream ] && targets+=("rampart-async:$PORT_async:async")
    for target in "${targets[@]}"; do
      IFS=: read -r name port gw <<< "$target"
      pid_var="PID_$gw"
      before=$([ -n "$gw" ] && cpu_ticks "${!pid_var}" || echo 0)
      res=$(wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency -s "$OUT/$mode.lua" "http://127.0.0.1:$port/v1/chat/completions")
      after=$([ -n "$gw" ] && cpu_ticks "${!pid_var}" || echo 0)
      p50=$(echo "$res" | awk '/ 50%/{print $2}')
      p99=$(echo "$res" | awk '/ 99%/{print $2}')
      rps=$(echo "$res" | awk '/Requests\/sec/{print $2}')
      reqs=$(echo "$res" | awk '/requests in/{print $1}')
      cpu=$([ -n "$gw" ] && awk -v t=$((after - before)) -v hz="$HZ" -v n="$reqs" 'BEGIN {printf "cpu/req=%.0fus", t / hz * 1e6 / n}' || true)
      errs=$(echo "$res" | grep -E "Non-2xx|Socket errors" | tr '\n' ' ' || true)
      printf '%-6s conns=%-2s %-16s p50=%-9s p99=%-9s req/s=%-10s %-14s %s\n' "$mode" "$conns" "$name" "$p50" "$p99" "$rps" "$cpu" "$errs" | tee -a "$report"
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
for target in "direct:$MOCK" "nginx:$NGINX_PORT" "rampart:$PORT_default" "rampart-async:$PORT_async"; do
  printf 'stream-ttfb %-14s %s\n' "${target%%:*}" "$(ttfb "${target##*:}")" | tee -a "$report"
done
echo "report: $report"
