#!/usr/bin/env bash
# Benchmark (not a test): bench-server holding STREAMS concurrent SSE streams, each on its own
# connection, driven by bench/OpenStreams in a second JVM. Prints the server's heap after a full
# GC, its RSS, /stats (active streams, send jitter) and the client's progress. Loopback only.
#
#   bench-server/scripts/bench-10k-streams.sh            # 10,000 streams
#   STREAMS=2000 bench-server/scripts/bench-10k-streams.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

STREAMS=${STREAMS:-10000}
OPEN_PER_SECOND=${OPEN_PER_SECOND:-1000}
# Each stream: first token after 1 s, then 300 tokens 200 ms apart (about 61 s in all), so every
# stream is still open when the last one has been opened.
SERVER_OPTS=${SERVER_OPTS:---ttft 1s --itl 200ms --tokens 300}
SERVER_HEAP=${SERVER_HEAP:-512m}

# One connection per stream on both sides: raise the open-file limit as far as allowed.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $((STREAMS + 500)) ]; then
  echo "open-file limit $(ulimit -n) is too low for $STREAMS streams" >&2
  exit 1
fi

[ -f target/streamstorm.jar ] || mvn -B -q package -DskipTests
[ -d target/test-classes/dev/streamstorm/benchserver/bench ] || mvn -B -q test-compile

work=$(mktemp -d)
server_pid=""
client_pid=""
cleanup() {
  [ -n "$client_pid" ] && kill "$client_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck disable=SC2086
java -Xms"$SERVER_HEAP" -Xmx"$SERVER_HEAP" -jar target/streamstorm.jar bench-server --port 0 \
  $SERVER_OPTS >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/server.out" && break
  sleep 0.1
done
url=$(sed -n 's/^bench-server listening on //p' "$work/server.out")
port=${url##*:}
echo "server pid $server_pid at $url ($SERVER_OPTS, heap $SERVER_HEAP)"

java -Xmx1g -cp target/test-classes:target/streamstorm.jar \
  dev.streamstorm.benchserver.bench.OpenStreams 127.0.0.1 "$port" "$STREAMS" "$OPEN_PER_SECOND" \
  >"$work/client.out" 2>&1 &
client_pid=$!

# Wait until every stream is open (or 120 s), then measure while they all stream.
for _ in $(seq 120); do
  sleep 1
  active=$(curl -s "$url/stats?limit=0" | sed -n 's/.*"activeStreams":\([0-9]*\).*/\1/p')
  [ "${active:-0}" -ge "$STREAMS" ] && break
done
# Jitter of the steady state only: forget the ramp-up (connection storm, JIT warm-up).
curl -s -X POST "$url/stats/reset"
sleep "${MEASURE_SECONDS:-10}"
echo "--- server while $STREAMS streams are open (stats over the last ${MEASURE_SECONDS:-10} s, all open)"
curl -s "$url/stats?limit=0"; echo
grep VmRSS "/proc/$server_pid/status"
jcmd "$server_pid" GC.run >/dev/null
jcmd "$server_pid" GC.heap_info | head -3
echo "threads: $(ls "/proc/$server_pid/task" | wc -l)"
if [ -n "${HISTO:-}" ]; then jcmd "$server_pid" GC.class_histogram | head -n 25; fi

wait "$client_pid" || true
client_pid=""
echo "--- client"
tail -n 4 "$work/client.out"
echo "--- server after all streams ended"
curl -s "$url/stats?limit=0"; echo
grep VmRSS "/proc/$server_pid/status"
jcmd "$server_pid" GC.run >/dev/null
jcmd "$server_pid" GC.heap_info | sed -n 2p
