#!/usr/bin/env bash
# Measures start-up to healthy (GET /actuator/health = UP) with the bundled PostgreSQL:
# once on an empty data dir (first start: initdb + migrations) and once on the same data dir (restart).
# It starts Troupe the way `./troupe start` does (unpacked jar + class-data-sharing archive) and, for
# comparison, as a plain `java -jar` of the packed jar.
# Usage: scripts/measure-startup.sh [runs]   (build first: ./troupe build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
jar=server/target/troupe.jar
[ -f "$jar" ] || { echo "no $jar: run ./troupe build first" >&2; exit 1; }
port=18080

measure() {
  local dir="$1" how="$2" start end pid
  start=$(date +%s%N)
  if [ "$how" = launcher ]; then
    TROUPE_DATA_DIR="$dir" TROUPE_PORT=$port ./troupe start >"$dir.log" 2>&1 &
  else
    TROUPE_DATA_DIR="$dir" TROUPE_PORT=$port java -jar "$jar" >"$dir.log" 2>&1 &
  fi
  pid=$!
  until curl -sf "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 $pid 2>/dev/null || { echo "Troupe exited, see $dir.log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

./troupe prepare
for how in launcher java-jar; do
  for i in $(seq 1 "$runs"); do
    dir=$(mktemp -d /tmp/troupe-startup-XXXX)/data
    first=$(measure "$dir" "$how")
    again=$(measure "$dir" "$how")
    printf '%-9s run %d: first start %d ms, restart %d ms\n' "$how" "$i" "$first" "$again"
  done
done
