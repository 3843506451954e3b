#!/usr/bin/env bash
# Login throughput: starts the jar on a throw-away H2 database with a first admin and login rate limits lifted,
# then drives POST /login with wrk at 1, 2 and 4 connections. Prints the Argon2id cost first (bench/argon2-cost.jsh).
# Run by hand from the project root after `mvn -B -ntp package -DskipTests`; needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=bootstrap/target/roster.jar
PORT=${PORT:-18080}
DURATION=${DURATION:-15s}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
jshell --class-path "$JAR" bench/argon2-cost.jsh

work=$(mktemp -d)
trap 'kill $(cat "$work/pid") 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && ROSTER_PORT=$PORT ROSTER_ADMIN_EMAIL=bench@roster.test ROSTER_ADMIN_PASSWORD='bench password long enough' \
  ROSTER_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef \
  java -Droster.rate-limits.limits.login-per-email.permits=100000000 \
       -Droster.rate-limits.limits.login-per-client.permits=100000000 \
       -jar "$OLDPWD/$JAR" > "$work/server.log" 2>&1 & echo $! > "$work/pid")
for _ in $(seq 1 60); do curl -sf "localhost:$PORT/health" >/dev/null && break; sleep 0.5; done

cat > "$work/login.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"bench@roster.test","password":"bench password long enough"}'
LUA
curl -sf -XPOST "localhost:$PORT/login" -H 'Content-Type: application/json' \
  -d '{"username":"bench@roster.test","password":"bench password long enough"}' >/dev/null
wrk -t1 -c2 -d5s -s "$work/login.lua" "http://localhost:$PORT/login" >/dev/null # warm-up
for connections in 1 2 4; do
  echo "== POST /login, $connections connection(s), $DURATION"
  wrk -t1 -c"$connections" -d"$DURATION" --latency -s "$work/login.lua" "http://localhost:$PORT/login" \
    | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
done
