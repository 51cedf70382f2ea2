#!/usr/bin/env bash
# Time to first token and total stream time added by streamed-completion moderation with the embedded classifier,
# in hold and async modes, against the same gateway with no completion rules (rampart-pass: the prompt guard still
# runs) and the mock upstream called directly (not run in CI; loopback only).
#   bench/ttft.sh [requests] [token_delay_ms]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-200}"
DELAY="${2:-10}"
OUT="bench/results"
mkdir -p "$OUT"
./rampart --version >/dev/null   # builds the jar if needed
JAR=gateway/target/rampart-gateway-0.1.0-SNAPSHOT-all.jar
export ORT_DISABLE_TELEMETRY=1
JOPTS="-Xms512m -Xmx512m -XX:+UseParallelGC -DOPT_OUT_TRACKING=true"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_line() {
  for _ in $(seq 1 600); do
    v=$(grep -m1 "^$2" "$1" 2>/dev/null | cut -d= -f2 || true)
    [ -n "$v" ] && { echo "$v"; return; }
    sleep 0.1
  done
  echo "timed out waiting for $2 in $1" >&2; exit 1
}
wait_ready() { for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return; sleep 0.1; done; exit 1; }

java $JOPTS -jar "$JAR" mock-llm --port 0 --token-delay-ms "$DELAY" > "$OUT/ttft-mock.log" 2>&1 & pids+=($!)
MOCK=$(wait_line "$OUT/ttft-mock.log" "listening mock=")
java $JOPTS -jar "$JAR" serve --upstream "http://127.0.0.1:$MOCK/v1" --policy bench/prompt-only-policy.yaml --port 0 --admin-port 0 > "$OUT/ttft-pass.log" 2>&1 & pids+=($!)
PASS=$(wait_line "$OUT/ttft-pass.log" "listening public="); wait_ready "$(wait_line "$OUT/ttft-pass.log" "listening admin=")"
java $JOPTS -jar "$JAR" serve --upstream "http://127.0.0.1:$MOCK/v1" --port 0 --admin-port 0 > "$OUT/ttft-hold.log" 2>&1 & pids+=($!)
HOLD=$(wait_line "$OUT/ttft-hold.log" "listening public="); wait_ready "$(wait_line "$OUT/ttft-hold.log" "listening admin=")"
java $JOPTS -jar "$JAR" serve --upstream "http://127.0.0.1:$MOCK/v1" --policy bench/async-policy.yaml --port 0 --admin-port 0 > "$OUT/ttft-async.log" 2>&1 & pids+=($!)
ASYNC=$(wait_line "$OUT/ttft-async.log" "listening public="); wait_ready "$(wait_line "$OUT/ttft-async.log" "listening admin=")"

bench/ttft.py "$MOCK" 50 >/dev/null; bench/ttft.py "$PASS" 50 >/dev/null; bench/ttft.py "$HOLD" 50 >/dev/null; bench/ttft.py "$ASYNC" 50 >/dev/null   # warm-up
report="$OUT/ttft.txt"; : > "$report"
for target in "direct:$MOCK" "rampart-pass:$PASS" "rampart-hold:$HOLD" "rampart-async:$ASYNC"; do
  printf '%-14s token_delay=%sms %s\n' "${target%%:*}" "$DELAY" "$(bench/ttft.py "${target##*:}" "$N")" | tee -a "$report"
done
