#!/usr/bin/env bash
# Fault check (issue 6): with the service under load, stop PostgreSQL for OUTAGE seconds (default 15) and start it
# again. Checks that requests fail fast with 503 service-unavailable problems (no other 5xx, no request slower than
# the connection timeout plus a margin), that /health says DOWN (503) during the outage, that the thread count does
# not pile up, and how long after PostgreSQL is back the service answers 200 again, without a restart.
# Run by hand from the project root after `mvn -B -ntp package -DskipTests`, as a user that may stop and start the
# local cluster (root here): STOP/START default to pg_ctlcluster 15 main stop/start. Needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/bootstrap/target/roster.jar
PORT=${PORT:-18084}
DB=${BENCH_DB:-roster_faults}
OUTAGE=${OUTAGE:-15}
STOP=${STOP:-pg_ctlcluster 15 main stop -m fast}
START=${START:-pg_ctlcluster 15 main start}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
[ -f "$JAR" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
cleanup() {
  pg_isready -q || $START || true
  [ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
threads() { awk '/^Threads:/{print $2}' "/proc/$(cat "$work/pid")/status"; }
now() { date +%s.%N; }

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
pushd "$work" >/dev/null
ROSTER_PORT=$PORT ROSTER_ADMIN_EMAIL=bench@roster.test ROSTER_ADMIN_PASSWORD='bench password long enough' \
  ROSTER_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef ROSTER_CACHE_ENABLED=false \
  DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATASOURCES_DEFAULT_USERNAME=$PGUSER \
  DATASOURCES_DEFAULT_PASSWORD= java -Xmx512m -jar "$JAR" > "$work/server.log" 2>&1 &
echo $! > "$work/pid"
popd >/dev/null
for _ in $(seq 1 200); do curl -sf -o /dev/null "localhost:$PORT/health" && break; sleep 0.1; done
TOKEN=$(curl -sf -XPOST "localhost:$PORT/login" -H 'Content-Type: application/json' \
  -d '{"username":"bench@roster.test","password":"bench password long enough"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
for i in $(seq 1 50); do
  curl -sf -o /dev/null -XPOST "localhost:$PORT/api/v1/users" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "{\"email\":\"fault-$i@bench.test\"}"
done

cat > "$work/list.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.path = "/api/v1/users?limit=5"
done = function(summary, latency, requests)
  io.write(string.format("load during the whole check: %d requests, %d non-2xx, %d socket errors, max latency %.0f ms\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency.max / 1000))
end
LUA
total=$((OUTAGE + 25))
wrk -t2 -c16 -d"${total}s" --timeout 10s -s "$work/list.lua" "http://localhost:$PORT" > "$work/wrk.txt" &
wrk_pid=$!
sleep 5
echo "threads before the outage: $(threads)"
echo "== stopping PostgreSQL: $STOP"
$STOP
stopped=$(now)
: > "$work/outage.txt"
while python3 -c "import sys; sys.exit(0 if $(now) - $stopped < $OUTAGE else 1)"; do
  curl -s -o "$work/body" -w '%{http_code} %{time_total} ' -H "Authorization: Bearer $TOKEN" "localhost:$PORT/api/v1/users?limit=5" >> "$work/outage.txt"
  grep -o '"type":"[^"]*"' "$work/body" | head -1 >> "$work/outage.txt" || echo >> "$work/outage.txt"
  sleep 0.5
done
health_down=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/health")
echo "threads during the outage: $(threads)"
echo "== starting PostgreSQL: $START"
$START
started=$(now)
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "localhost:$PORT/api/v1/users?limit=5")" = 200 ]; do
  sleep 0.2
  if python3 -c "import sys; sys.exit(0 if $(now) - $started > 120 else 1)"; then echo "NOT RECOVERED after 120 s"; exit 1; fi
done
recovered=$(python3 -c "print(f'{$(now) - $started:.1f}')")
health_up=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/health")
wait $wrk_pid || true
echo "threads after recovery: $(threads)"
echo
python3 - "$work/outage.txt" <<'PY'
import collections, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
codes = collections.Counter(row[0] for row in rows)
types = collections.Counter(row[2] if len(row) > 2 else "-" for row in rows)
slowest = max(float(row[1]) for row in rows)
print(f"requests during the outage: {len(rows)}; statuses {dict(codes)}; problem types {dict(types)}; slowest {slowest * 1000:.0f} ms")
PY
echo "/health during the outage: $health_down; after recovery: $health_up"
echo "service answered 200 again ${recovered} s after PostgreSQL was started (no restart)"
cat "$work/wrk.txt" | grep 'load during'
echo "ERROR lines in the server log: $(grep -c ' ERROR ' "$work/server.log" || true), by logger and message start:"
grep ' ERROR ' "$work/server.log" | sed -E 's/^[^ ]+ ERROR \[[^]]*\] //' | cut -c1-150 | sort | uniq -c | sort -rn | head -5 || true
