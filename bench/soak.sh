#!/usr/bin/env bash
# Soak (issue 6): SOAK (default 10m) of a mixed workload at 32 connections against the jar on PostgreSQL seeded with
# $USERS users (default 100,000): reads by id 50 %, searches 15 %, creates 10 %, patches 15 %, soft deletes 5 %,
# restores 5 %. Reports requests per status class (there must be no 5xx), the live heap after a full GC once a
# minute (it must stay flat), and whether the audit chain still verifies at the end.
# Run by hand from the project root after `mvn -B -ntp package -DskipTests`; needs wrk and psql (see bench/load.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/bootstrap/target/roster.jar
PORT=${PORT:-18085}
USERS=${USERS:-100000}
DB=${BENCH_DB:-roster_soak}
SOAK=${SOAK:-10m}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
[ -f "$JAR" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
stop_server() { if [ -f "$work/pid" ]; then kill "$(cat "$work/pid")" 2>/dev/null || true; wait "$(cat "$work/pid")" 2>/dev/null || true; rm -f "$work/pid"; fi; }
trap 'stop_server; rm -rf "$work"' EXIT
start_server() {
  pushd "$work" >/dev/null
  ROSTER_PORT=$PORT ROSTER_ADMIN_EMAIL=bench@roster.test ROSTER_ADMIN_PASSWORD='bench password long enough' \
    ROSTER_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATASOURCES_DEFAULT_USERNAME=$PGUSER \
    DATASOURCES_DEFAULT_PASSWORD= java -Xmx512m -jar "$JAR" > "$work/server.log" 2>&1 &
  echo $! > "$work/pid"
  popd >/dev/null
  for _ in $(seq 1 300); do curl -sf -o /dev/null "localhost:$PORT/health" && return 0; sleep 0.1; done
  echo "server did not start" >&2; exit 1
}
live_heap_mb() {
  jcmd "$(cat "$work/pid")" GC.run >/dev/null
  jcmd "$(cat "$work/pid")" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1 | awk '{printf "%.0f", $1 / 1024}'
}

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(psql -X -tAc 'SHOW server_version' -d postgres | sed 's/^/PostgreSQL /')"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
start_server
stop_server
psql -X -q -v ON_ERROR_STOP=1 -v users="$USERS" -d "$DB" -f bench/seed-users.sql
psql -X -tA -d "$DB" -c "SELECT id FROM users WHERE email <> 'bench@roster.test' ORDER BY md5(id::text) LIMIT 20000" > "$work/ids.txt"
start_server
TOKEN=$(curl -sf -XPOST "localhost:$PORT/login" -H 'Content-Type: application/json' \
  -d '{"username":"bench@roster.test","password":"bench password long enough"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

cat > "$work/soak.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
-- wrk.format replaces wrk.headers when given headers
local function with(contentType) return {["Authorization"] = "Bearer $TOKEN", ["Content-Type"] = contentType} end
local ids = {}
for line in io.lines("$work/ids.txt") do ids[#ids + 1] = line end
local threads = {}
local counter = 0
local prefix
local classes = {}
setup = function(thread)
  thread:set("prefix", tostring(math.random(1, 1e9)))
  table.insert(threads, thread)
end
init = function(args)
  prefix = wrk.thread:get("prefix")
  classes = {["2"] = 0, ["3"] = 0, ["4"] = 0, ["5"] = 0}
end
local terms = {"lovelace", "hopper", "ada%20l", "knuth", "smith", "corp.exa"}
request = function()
  local id = ids[math.random(#ids)]
  local r = math.random(100)
  counter = counter + 1
  if r <= 50 then
    return wrk.format("GET", "/api/v1/users/" .. id)
  elseif r <= 65 then
    return wrk.format("GET", "/api/v1/users?limit=20&q=" .. terms[math.random(#terms)])
  elseif r <= 75 then
    return wrk.format("POST", "/api/v1/users", with("application/json"),
      '{"email":"soak-' .. prefix .. '-' .. counter .. '@bench.test","displayName":"Soak ' .. counter .. '"}')
  elseif r <= 90 then
    return wrk.format("PATCH", "/api/v1/users/" .. id, with("application/merge-patch+json"),
      '{"displayName":"Patched ' .. counter .. '","attributes":{"soak":"' .. counter .. '"}}')
  elseif r <= 95 then
    return wrk.format("DELETE", "/api/v1/users/" .. id)
  else
    return wrk.format("POST", "/api/v1/users/" .. id .. "/restore")
  end
end
response = function(status, headers, body)
  local class = tostring(math.floor(status / 100))
  classes[class] = (classes[class] or 0) + 1
  wrk.thread:set("classes", classes["2"] .. " " .. classes["3"] .. " " .. classes["4"] .. " " .. classes["5"])
end
done = function(summary, latency, requests)
  local total = {0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    local i = 1
    for n in string.gmatch(thread:get("classes") or "0 0 0 0", "%d+") do total[i] = total[i] + tonumber(n); i = i + 1 end
  end
  io.write(string.format("soak: %d requests, %.1f req/s, p50 %.1f ms, p99 %.1f ms; 2xx %d, 3xx %d, 4xx %d, 5xx %d, socket errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    total[1], total[2], total[3], total[4], summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

echo "live heap after a full GC before the soak: $(live_heap_mb) MB"
wrk -t2 -c32 -d"$SOAK" --timeout 10s -s "$work/soak.lua" "http://localhost:$PORT" > "$work/wrk.txt" &
wrk_pid=$!
minute=0
while kill -0 $wrk_pid 2>/dev/null; do
  sleep 60
  kill -0 $wrk_pid 2>/dev/null || break
  minute=$((minute + 1))
  echo "minute $minute: live heap after a full GC $(live_heap_mb) MB, RSS $(( $(ps -o rss= -p "$(cat "$work/pid")") / 1024 )) MB, threads $(awk '/^Threads:/{print $2}' "/proc/$(cat "$work/pid")/status")"
done
wait $wrk_pid || true
cat "$work/wrk.txt" | grep '^soak:'
echo "live heap after a full GC after the soak: $(live_heap_mb) MB"
echo "audit chain: $(curl -sf -H "Authorization: Bearer $TOKEN" "localhost:$PORT/api/v1/audit-events/verify")"
echo "ERROR lines in the server log: $(grep -c ' ERROR ' "$work/server.log" || true)"
