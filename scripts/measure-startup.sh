#!/usr/bin/env bash
# Measures start-up to healthy (GET /actuator/health = UP) with the bundled PostgreSQL:
# once on an empty data dir (first start: initdb + migrations) and once on the same data dir (restart).
# Usage: scripts/measure-startup.sh [runs]   (build first: ./troupe build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
jar=server/target/troupe.jar
[ -f "$jar" ] || { echo "no $jar: run ./troupe build first" >&2; exit 1; }
port=18080

measure() {
  local dir="$1" start end pid
  start=$(date +%s%N)
  TROUPE_DATA_DIR="$dir" TROUPE_PORT=$port java -jar "$jar" >"$dir.log" 2>&1 &
  pid=$!
  until curl -sf "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 $pid 2>/dev/null || { echo "Troupe exited, see $dir.log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/troupe-startup-XXXX)/data
  first=$(measure "$dir")
  again=$(measure "$dir")
  printf 'run %d: first start %d ms, restart %d ms\n' "$i" "$first" "$again"
done
