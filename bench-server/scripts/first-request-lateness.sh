#!/usr/bin/env bash
# Measures how late bench-server's FIRST request's first token is, in a fresh JVM each run:
# lateness = (firstTokenNanos - acceptedNanos) / 1e6 - ttft, read from /stats. Also prints how long
# the JVM took from launch to the ready line. Usage (from the repository root, after
# `mvn -B -q package -DskipTests`, or with CP set to a classpath):
#   RUNS=5 bench-server/scripts/first-request-lateness.sh [extra bench-server options...]
# e.g. `... --no-warm-up` for the cold figure.
set -euo pipefail
RUNS=${RUNS:-5}
TTFT_MS=${TTFT_MS:-50}
PORT=${PORT:-18181}
JAVA_CMD=(java ${JAVA_OPTS:-})
if [[ -n "${CP:-}" ]]; then
  JAVA_CMD+=(-cp "$CP" dev.streamstorm.cli.Main)
else
  JAVA_CMD+=(-jar target/streamstorm.jar)
fi
printf 'run\tready_ms\tfirst_request_late_ms\n'
for run in $(seq 1 "$RUNS"); do
  log=$(mktemp)
  start_ns=$(date +%s%N)
  "${JAVA_CMD[@]}" bench-server --port "$PORT" "$@" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q 'bench-server listening on' "$log" && break
    sleep 0.02
  done
  ready_ns=$(date +%s%N)
  curl -sS -o /dev/null "http://127.0.0.1:$PORT/v1/chat/completions?ttft_ms=$TTFT_MS&itl_ms=5&tokens=3" \
    -H 'content-type: application/json' -H 'X-Request-Id: first' \
    -d '{"stream":true,"messages":[{"role":"user","content":"hi"}]}'
  late=$(curl -sS "http://127.0.0.1:$PORT/stats?request_id=first" | python3 -c "
import json,sys
r=json.load(sys.stdin)['recent'][0]
print('%.2f' % ((r['firstTokenNanos']-r['acceptedNanos'])/1e6-$TTFT_MS))")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$log"
  printf '%s\t%d\t%s\n' "$run" $(((ready_ns - start_ns) / 1000000)) "$late"
done
