#!/usr/bin/env bash
# The read path, before and after a change (issue 10, point 3): one seeded database, each given jar in turn.
#
#   export CSV     GET /api/v1/users/export?format=csv          vs  COPY (the same content) TO STDOUT WITH CSV
#   cached GET     GET /api/v1/users/{id} over 20,000 ids (wrk)  vs  GET /api/v1 (trivial) in the same server run
#
# Usage, from the project root after `mvn -B -ntp package -DskipTests`:
#   bash bench/read-path.sh [JAR ...]          # default: bootstrap/target/roster.jar
#   ROUNDS=3 USERS=1000000 DURATION=15s bash bench/read-path.sh /tmp/before.jar bootstrap/target/roster.jar
# Each jar is measured ROUNDS times, alternating with the other jars, so that drift of the machine hits all alike.
# Needs psql and wrk (installed from Debian's packages when missing); drops and re-creates $BENCH_DB (roster_readpath).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORT=${PORT:-18085}
USERS=${USERS:-1000000}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-15s}
DB=${BENCH_DB:-roster_readpath}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JARS=("$@")
[ ${#JARS[@]} -gt 0 ] || JARS=("$ROOT/bootstrap/target/roster.jar")
for jar in "${JARS[@]}"; do [ -f "$jar" ] || { echo "no such jar: $jar (build first: mvn -B -ntp package -DskipTests)" >&2; exit 1; }; done
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  echo "== installing wrk (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
fi

work=$(mktemp -d)
stop_server() { if [ -f "$work/pid" ]; then kill "$(cat "$work/pid")" 2>/dev/null || true; wait "$(cat "$work/pid")" 2>/dev/null || true; rm -f "$work/pid"; fi; }
trap 'stop_server; rm -rf "$work"' EXIT
now() { date +%s.%N; }
seconds() { python3 -c "print(f'{$2 - $1:.2f}')"; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

start_server() { # start_server JAR
  pushd "$work" >/dev/null
  ROSTER_PORT=$PORT ROSTER_ADMIN_EMAIL=bench@roster.test ROSTER_ADMIN_PASSWORD='bench password long enough' \
    ROSTER_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATASOURCES_DEFAULT_USERNAME=$PGUSER \
    DATASOURCES_DEFAULT_PASSWORD= \
    java -Xmx1g -Droster.rate-limits.limits.export.permits=1000000 -jar "$1" > "$work/server.log" 2>&1 &
  echo $! > "$work/pid"
  popd >/dev/null
  for _ in $(seq 1 600); do curl -sf -o /dev/null "localhost:$PORT/health" && return 0; sleep 0.1; done
  echo "server did not start:" >&2; tail -50 "$work/server.log" >&2; exit 1
}
login() {
  curl -sf -XPOST "localhost:$PORT/login" -H 'Content-Type: application/json' \
    -d '{"username":"bench@roster.test","password":"bench password long enough"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(psql -X -tAc 'SHOW server_version' -d postgres | sed 's/^/PostgreSQL /'), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the run"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
start_server "${JARS[0]}" # Flyway creates the schema, the first administrator is created
stop_server
echo "== seeding $USERS users"
psql -X -q -v ON_ERROR_STOP=1 -v users="$USERS" -d "$DB" -f bench/seed-users.sql
sql -c "VACUUM ANALYZE"
psql -X -tA -d "$DB" -c "SELECT id FROM users ORDER BY md5(id::text) LIMIT 20000" > "$work/ids.txt"

cat > "$work/common.lua" <<'LUA'
token = os.getenv("TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
LUA
cat > "$work/trivial.lua" <<LUA
dofile("$work/common.lua")
wrk.path = "/api/v1"
LUA
cat > "$work/get.lua" <<LUA
dofile("$work/common.lua")
local ids = {}
for line in io.lines("$work/ids.txt") do ids[#ids + 1] = line end
request = function()
  return wrk.format("GET", "/api/v1/users/" .. ids[math.random(#ids)])
end
LUA
rate() { # rate SCRIPT: requests per second of one wrk run (fails on non-2xx answers)
  local line
  line=$(TOKEN=$TOKEN wrk -t2 -c16 -d"$DURATION" -s "$1" "http://localhost:$PORT" | grep '^RESULT')
  [ "$(echo "$line" | cut -d' ' -f5)" = 0 ] || { echo "non-2xx answers: $line" >&2; exit 1; }
  echo "$line" | cut -d' ' -f2
}

echo "== COPY TO of the export's content (the baseline), best of 2"
copy_s=$(for _ in 1 2; do t0=$(now)
  sql -c "COPY (SELECT u.id, u.email, u.display_name, u.phone,
                     (SELECT json_object_agg(a.attr_key, a.attr_value) FROM user_attributes a WHERE a.user_id = u.id),
                     (SELECT json_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id),
                     u.status, u.active, u.password_hash IS NOT NULL, u.created_at, u.updated_at, u.last_login_at,
                     u.deleted_at, u.anonymized_at, u.version
              FROM users u WHERE u.status IN ('ACTIVE', 'DEACTIVATED') ORDER BY u.created_at, u.id) TO STDOUT WITH CSV HEADER" > "$work/copy.csv"
  seconds "$t0" "$(now)"; done | sort -n | head -1)
echo "COPY TO: $(($(wc -l < "$work/copy.csv") - 1)) rows in $copy_s s"

printf '\n%-5s %-40s %9s %8s %10s %10s %8s\n' round jar "export s" "xCOPY" "cached/s" "trivial/s" "ratio"
for round in $(seq 1 "$ROUNDS"); do
  for jar in "${JARS[@]}"; do
    start_server "$jar"
    TOKEN=$(login)
    # warm-up: JIT for both paths, and the cache filled with the ids
    curl -sf -H "Authorization: Bearer $TOKEN" "localhost:$PORT/api/v1/users/export?format=csv" -o /dev/null
    TOKEN=$TOKEN wrk -t2 -c16 -d10s -s "$work/get.lua" "http://localhost:$PORT" >/dev/null
    TOKEN=$TOKEN wrk -t2 -c16 -d5s -s "$work/trivial.lua" "http://localhost:$PORT" >/dev/null
    t0=$(now)
    curl -sf -H "Authorization: Bearer $TOKEN" "localhost:$PORT/api/v1/users/export?format=csv" -o "$work/export.csv"
    export_s=$(seconds "$t0" "$(now)")
    trivial=$(rate "$work/trivial.lua")
    cached=$(rate "$work/get.lua")
    stop_server
    printf '%-5s %-40s %9s %8s %10s %10s %8s\n' "$round" "$(basename "$(dirname "$jar")")/$(basename "$jar")" "$export_s" \
      "$(python3 -c "print(f'{$copy_s / $export_s:.2f}')")" "$cached" "$trivial" "$(python3 -c "print(f'{$cached / $trivial:.2f}')")"
  done
done
echo "(xCOPY: COPY's time / the export's time, higher is better; ratio: cached GET / trivial GET in the same server run)"
