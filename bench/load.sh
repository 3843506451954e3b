#!/usr/bin/env bash
# Load benchmark (issue 6): the jar against PostgreSQL seeded with $USERS users (default 1,000,000), driven by wrk.
# In one run it reports, each with req/s, p50, p95 and p99:
#   - GET /api/v1/users/{id} over 20,000 ids with the read cache vs a trivial endpoint of the same server
#     (GET /api/v1, a static index behind the same token check), 16 connections, and their ratio;
#   - the same GET with the read cache disabled (what a PostgreSQL read costs);
#   - POST /api/v1/users without passwords and with passwords, 8 connections (users/s);
#   - GET /api/v1/users?q=... search, 4 connections;
#   - cold start of the jar to a healthy /health, and RSS idle and under load.
# Run by hand from the project root after `mvn -B -ntp package -DskipTests`; needs wrk (apt-get install wrk) and psql
# reaching PostgreSQL without a password (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres). It drops and
# re-creates the database $BENCH_DB (default roster_load). DURATION (default 20s) is each measurement's length.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=$ROOT/bootstrap/target/roster.jar
PORT=${PORT:-18083}
USERS=${USERS:-1000000}
DB=${BENCH_DB:-roster_load}
DURATION=${DURATION:-20s}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
[ -f "$JAR" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }

work=$(mktemp -d)
stop_server() { if [ -f "$work/pid" ]; then kill "$(cat "$work/pid")" 2>/dev/null || true; wait "$(cat "$work/pid")" 2>/dev/null || true; rm -f "$work/pid"; fi; }
trap 'stop_server; rm -rf "$work"' EXIT
rss_mb() { echo $(( $(ps -o rss= -p "$(cat "$work/pid")") / 1024 )); }

# start_server [java options...]: prints the seconds from launch to a healthy /health
start_server() {
  local started
  started=$(date +%s.%N)
  pushd "$work" >/dev/null
  ROSTER_PORT=$PORT ROSTER_ADMIN_EMAIL=bench@roster.test ROSTER_ADMIN_PASSWORD='bench password long enough' \
    ROSTER_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATASOURCES_DEFAULT_USERNAME=$PGUSER \
    DATASOURCES_DEFAULT_PASSWORD= \
    java "$@" -jar "$JAR" > "$work/server.log" 2>&1 &
  echo $! > "$work/pid"
  popd >/dev/null
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "localhost:$PORT/health"; then
      python3 -c "print(f'{$(date +%s.%N) - $started:.2f}')"
      return 0
    fi
    sleep 0.05
  done
  echo "server did not start:" >&2; tail -50 "$work/server.log" >&2; exit 1
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(psql -X -tAc 'SHOW server_version' -d postgres | sed 's/^/PostgreSQL /'), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
start_server >/dev/null # Flyway creates the schema, the first administrator is created
stop_server
echo "== seeding $USERS users"
psql -X -q -v ON_ERROR_STOP=1 -v users="$USERS" -d "$DB" -f bench/seed-users.sql
psql -X -tA -d "$DB" -c "SELECT id FROM users ORDER BY md5(id::text) LIMIT 20000" > "$work/ids.txt"

cat > "$work/common.lua" <<'LUA'
token = os.getenv("TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token
-- wrk.format replaces wrk.headers when given headers: requests with a body pass these
json_headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
done = function(summary, latency, requests)
  io.write(string.format("RESULT req/s=%.1f p50=%.2fms p95=%.2fms p99=%.2fms non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
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
cat > "$work/create.lua" <<LUA
dofile("$work/common.lua")
local counter = 0
local password = os.getenv("WITH_PASSWORD") == "1"
local prefix
-- each wrk run (and each thread) needs its own emails: seed from the clock, mark password runs
setup = function(thread)
  if not seeded then math.randomseed(os.time()); seeded = true end
  thread:set("prefix", (password and "pw" or "np") .. tostring(math.random(1, 1e9)))
end
init = function(args) prefix = wrk.thread:get("prefix") end
request = function()
  counter = counter + 1
  local body = '{"email":"load-' .. prefix .. '-' .. counter .. '@bench.test","displayName":"Load User ' .. counter .. '"'
  if password then body = body .. ',"password":"a long enough benchmark passphrase ' .. counter .. '"' end
  return wrk.format("POST", "/api/v1/users", json_headers, body .. "}")
end
LUA
cat > "$work/search.lua" <<LUA
dofile("$work/common.lua")
local terms = {"lovelace", "hopper", "grace%20tur", "ada%20l", "corp.exa", "knuth", "perlman", "smith", "m%C3%BCller", "dijkstra"}
request = function()
  local term
  if math.random() < 0.6 then term = "user" .. math.random(1, $USERS) .. "%40" else term = terms[math.random(#terms)] end
  return wrk.format("GET", "/api/v1/users?limit=20&q=" .. term)
end
LUA

login() {
  curl -sf -XPOST "localhost:$PORT/login" -H 'Content-Type: application/json' \
    -d '{"username":"bench@roster.test","password":"bench password long enough"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
# measure LABEL CONNECTIONS SCRIPT: one wrk run, its RESULT line labelled
measure() {
  local line
  line=$(TOKEN=$TOKEN wrk -t2 -c"$2" -d"$DURATION" -s "$3" "http://localhost:$PORT" | grep '^RESULT' | sed 's/^RESULT //')
  printf '%-58s %s\n' "$1 ($2 conn.)" "$line"
  echo "$line" | sed 's/.*req\/s=\([0-9.]*\).*/\1/' > "$work/last-rate"
}

echo
echo "== read cache on (default)"
echo "cold start to a healthy /health: $(start_server -Xmx1g) s"
TOKEN=$(login)
sleep 2
echo "RSS idle: $(rss_mb) MB"
TOKEN=$TOKEN wrk -t2 -c16 -d15s -s "$work/get.lua" "http://localhost:$PORT" >/dev/null # warm-up: JIT, fills the cache
TOKEN=$TOKEN wrk -t2 -c16 -d5s -s "$work/trivial.lua" "http://localhost:$PORT" >/dev/null
measure "GET /api/v1 (trivial)" 16 "$work/trivial.lua"; trivial=$(cat "$work/last-rate")
( sleep 5; rss_mb > "$work/rss-load" ) &
measure "GET /api/v1/users/{id}, cached" 16 "$work/get.lua"; cached=$(cat "$work/last-rate")
echo "RSS under load: $(cat "$work/rss-load") MB"
echo "ratio cached GET / trivial: $(python3 -c "print(f'{$cached / $trivial:.2f}')") (target >= 0.7)"
measure "GET /api/v1/users?q= (search)" 4 "$work/search.lua"
measure "POST /api/v1/users, no password" 8 "$work/create.lua"
WITH_PASSWORD=1 measure "POST /api/v1/users, with password (Argon2id)" 8 "$work/create.lua"
stop_server

echo
echo "== read cache off (ROSTER_CACHE_ENABLED=false): every GET reads PostgreSQL"
ROSTER_CACHE_ENABLED=false start_server -Xmx1g >/dev/null
TOKEN=$(login)
TOKEN=$TOKEN wrk -t2 -c16 -d15s -s "$work/get.lua" "http://localhost:$PORT" >/dev/null
measure "GET /api/v1 (trivial)" 16 "$work/trivial.lua"; trivial_off=$(cat "$work/last-rate")
measure "GET /api/v1/users/{id}, not cached" 16 "$work/get.lua"; uncached=$(cat "$work/last-rate")
echo "ratio uncached GET / trivial: $(python3 -c "print(f'{$uncached / $trivial_off:.2f}')"); cached / uncached: $(python3 -c "print(f'{$cached / $uncached:.2f}')")"
