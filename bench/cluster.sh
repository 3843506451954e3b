#!/usr/bin/env bash
# Instance loss (issue 14, point 5; SPEC §7): two Roster jars on one PostgreSQL behind HAProxy (Debian's package;
# health checks on /health, retries on connection failure and on an empty response, redispatch to the other server),
# a mixed workload by wrk at $CONNECTIONS connections for $DURATION seconds (creates, reads by id, lists, merge
# patches), one instance killed with SIGKILL at $KILL_AT seconds and started again $DOWN_FOR seconds later. A webhook
# receiver is subscribed before the load, and a probe measures cross-instance revocation latency the whole time:
# it creates a user through one instance, has the other cache its token check, deactivates the user through the first
# and polls the second until the token is refused.
#
# Report: responses by status seen by the client (5xx target 0) and wrk's socket errors; acknowledged creates (201)
# missing from the database afterwards (must be 0); change events missing or duplicated (every user created in the
# run has exactly one user.created, positions have no gaps); webhook deliveries lost (0) and repeated; the audit
# chain's verification; revocation latency p50/p95/max under load.
#
# Run by hand from the project root after `mvn -B -ntp package -DskipTests` (about 5 minutes). Needs psql and a
# PostgreSQL reachable without a password (PGHOST, PGPORT, PGUSER; default 127.0.0.1, postgres); installs haproxy and
# wrk with apt-get when missing. Drops and re-creates the database $BENCH_DB (default roster_cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=${JAR:-$ROOT/bootstrap/target/roster.jar}
PORT_A=${PORT_A:-18091}
PORT_B=${PORT_B:-18092}
PORT_LB=${PORT_LB:-18090}
RECEIVER_PORT=${RECEIVER_PORT:-18093}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-180}
KILL_AT=${KILL_AT:-60}
DOWN_FOR=${DOWN_FOR:-60}
SEED=${SEED:-2000}
DB=${BENCH_DB:-roster_cluster}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
[ -f "$JAR" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }
for tool in haproxy wrk; do
  if ! command -v "$tool" >/dev/null; then
    echo "== installing $tool (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$tool" >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$tool" >/dev/null; } \
      || { echo "$tool is needed: apt-get install $tool" >&2; exit 1; }
  fi
done

work=$(mktemp -d)
mkdir -p "$work/a" "$work/b"
cp "$JAR" "$work/roster.jar" # a rebuild during the run must not pull the jar from under the servers
cleanup() {
  for p in a.pid b.pid haproxy.pid receiver.pid probe.pid; do [ -f "$work/$p" ] && kill -9 "$(cat "$work/$p")" 2>/dev/null || true; done
  sleep 1
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
stamp() { date +%H:%M:%S; }
ADMIN=bench@roster.test
ADMIN_PASSWORD='bench password long enough'
SECRET_JWT=cluster-bench-secret-0123456789abcdef0123456789abcdef

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(psql -X -tAc 'SHOW server_version' -d postgres | head -1 | sed 's/^/PostgreSQL /'), $(haproxy -v | head -1)"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

start_instance() { # name port
  pushd "$work/$1" >/dev/null
  ROSTER_PORT=$2 ROSTER_ADMIN_EMAIL=$ADMIN ROSTER_ADMIN_PASSWORD=$ADMIN_PASSWORD ROSTER_JWT_SECRET=$SECRET_JWT \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATASOURCES_DEFAULT_USERNAME=$PGUSER \
    DATASOURCES_DEFAULT_PASSWORD= \
    java -Xmx512m -Droster.webhooks.allow-private-targets=true -Droster.events.listener-name="roster-listener-$1" \
      -Droster.rate-limits.limits.login-per-client.permits=1000000 \
      -jar "$work/roster.jar" >> "$work/$1.log" 2>&1 &
  echo $! > "$work/$1.pid"
  popd >/dev/null
}
await_health() { # port
  for _ in $(seq 1 240); do curl -sf "localhost:$1/health" >/dev/null && return 0; sleep 0.25; done
  echo "instance on $1 did not become healthy" >&2; tail -50 "$work"/*.log >&2; exit 1
}
token_from() { # port
  curl -sf -XPOST "localhost:$1/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$ADMIN\",\"password\":\"$ADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

start_instance a "$PORT_A"; await_health "$PORT_A"
start_instance b "$PORT_B"; await_health "$PORT_B"
echo "$(stamp) both instances healthy"

cat > "$work/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 1s
    timeout client 60s
    timeout server 30s
    # /health answers from a loaded instance too, but not always within the default (the check interval)
    timeout check 3s
    # a request that could not reach its server, or got no answer at all from it (killed mid-request), is sent again,
    # to the other server
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout
frontend roster
    bind 127.0.0.1:$PORT_LB
    default_backend instances
backend instances
    balance roundrobin
    option httpchk GET /health
    http-check expect status 200
    # a killed instance refuses connections: its check fails at once (layer 4) and requests in flight are retried
    default-server inter 1s fastinter 500ms downinter 1s fall 3 rise 2
    server a 127.0.0.1:$PORT_A check
    server b 127.0.0.1:$PORT_B check
CFG
haproxy -f "$work/haproxy.cfg" -db > "$work/haproxy.log" 2>&1 &
echo $! > "$work/haproxy.pid"
for _ in $(seq 1 40); do curl -sf "localhost:$PORT_LB/health" >/dev/null && break; sleep 0.25; done

TOKEN=$(token_from "$PORT_LB")
created=$(curl -sf -XPOST "localhost:$PORT_LB/api/v1/webhooks" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/roster\",\"description\":\"cluster bench\"}")
HOOK_SECRET=$(echo "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
java -Xmx256m bench/webhooks/Receiver.java "$RECEIVER_PORT" "$work/received.tsv" "$HOOK_SECRET" >> "$work/receiver.out" 2>&1 &
echo $! > "$work/receiver.pid"
for _ in $(seq 1 60); do grep -q receiving "$work/receiver.out" 2>/dev/null && break; sleep 0.5; done

# users for the reads and patches to aim at (through the balancer, so both instances write)
python3 - "$PORT_LB" "$TOKEN" "$SEED" "$work/seed.txt" <<'PY'
import http.client, json, sys, uuid
port, token, n, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
c = http.client.HTTPConnection("localhost", port)
h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
with open(out, "w") as f:
    for i in range(n):
        c.request("POST", "/api/v1/users", json.dumps({"email": f"seed-{uuid.uuid4().hex[:12]}@cluster.test", "displayName": "Seed"}), h)
        r = c.getresponse(); body = r.read()
        if r.status != 201:
            raise SystemExit(f"seed: {r.status} {body[:200]}")
        f.write(json.loads(body)["id"] + "\n")
PY
START=$(sql -tAc 'SELECT last_position FROM change_feed_head')
RUN_FROM=$(sql -tAc "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
echo "$(stamp) seeded $SEED users; feed position before the load: $START"

cat > "$work/mixed.lua" <<'LUA'
-- 20 % creates, 55 % reads by id, 10 % lists, 15 % merge patches; counts statuses; writes the id of every
-- acknowledged create (201) to a file of its own per thread.
local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end
function init(args)
  token = args[1]
  ids = {}
  for line in io.lines(args[2]) do table.insert(ids, line) end
  out = io.open(args[3] .. "/created-" .. number .. ".txt", "w")
  out:setvbuf("line")
  statuses = {}
  math.randomseed(number * 7919 + os.time())
  sequence = 0
end
local json_headers
function request()
  local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
  local roll = math.random(100)
  local id = ids[math.random(#ids)]
  if roll <= 20 then
    sequence = sequence + 1
    local email = string.format("c%d-%d-%d@cluster.test", number, sequence, math.random(1000000000))
    return wrk.format("POST", "/api/v1/users", headers, '{"email":"' .. email .. '"}')
  elseif roll <= 75 then
    return wrk.format("GET", "/api/v1/users/" .. id, headers)
  elseif roll <= 85 then
    return wrk.format("GET", "/api/v1/users?limit=20&q=seed", headers)
  else
    headers["Content-Type"] = "application/merge-patch+json"
    return wrk.format("PATCH", "/api/v1/users/" .. id, headers, '{"displayName":"Patched ' .. math.random(1000) .. '"}')
  end
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    local id = string.match(body, '"id":"([0-9a-f%-]+)"')
    if id then out:write(id, "\n") end
  end
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
  end
  local line = "statuses:"
  for code, n in pairs(total) do line = line .. " " .. code .. "=" .. n end
  print(line)
  print(string.format("socket errors: connect=%d read=%d write=%d timeout=%d status>399=%d",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  print(string.format("latency ms: p50=%.1f p99=%.1f max=%.1f", latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

cat > "$work/probe.py" <<'PY'
"""Cross-instance revocation latency under load: a user created through one instance, its token check cached by the
other, deactivated through the first; the other is polled every 5 ms until it refuses the token (401). Alternates the
two instances' roles; skips a round when either is down. Writes one latency (ms) per line."""
import http.client, json, sys, time, uuid
port_a, port_b, email, password, out, until = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], float(sys.argv[6])
def call(port, method, path, body=None, token=None):
    c = http.client.HTTPConnection("localhost", port, timeout=10)
    h = {"Content-Type": "application/json"}
    if token: h["Authorization"] = "Bearer " + token
    c.request(method, path, json.dumps(body) if body is not None else None, h)
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, data
def login(port, user, pw):
    s, d = call(port, "POST", "/login", {"username": user, "password": pw})
    if s != 200: raise OSError(f"login {s}")
    return json.loads(d)["access_token"]
tokens = {}
with open(out, "w") as f:
    turn = 0
    while time.time() < until:
        writer, checker = (port_a, port_b) if turn % 2 == 0 else (port_b, port_a)
        turn += 1
        try:
            admin = tokens.get(writer) or login(writer, email, password); tokens[writer] = admin
            mail = f"probe-{uuid.uuid4().hex[:12]}@cluster.test"
            s, d = call(writer, "POST", "/api/v1/users", {"email": mail, "password": "probe password long enough"}, admin)
            if s != 201: raise OSError(f"create {s}")
            uid = json.loads(d)["id"]
            user_token = login(checker, mail, "probe password long enough")
            for _ in range(2):
                if call(checker, "GET", "/api/v1/me", token=user_token)[0] != 200: raise OSError("me")
            s, _ = call(writer, "POST", f"/api/v1/users/{uid}/deactivate", token=admin)
            if s != 200: raise OSError(f"deactivate {s}")
            t0 = time.perf_counter()
            while call(checker, "GET", "/api/v1/me", token=user_token)[0] != 401:
                if time.perf_counter() - t0 > 30: raise OSError("never refused")
                time.sleep(0.005)
            f.write(f"{(time.perf_counter() - t0) * 1000:.1f}\n"); f.flush()
        except (OSError, http.client.HTTPException, ValueError) as e:
            tokens.clear()
            time.sleep(0.2)
        time.sleep(0.3)
PY

T0=$(date +%s)
python3 "$work/probe.py" "$PORT_A" "$PORT_B" "$ADMIN" "$ADMIN_PASSWORD" "$work/revocations.txt" "$((T0 + DURATION))" &
echo $! > "$work/probe.pid"
echo "$(stamp) load: wrk, $CONNECTIONS connections, ${DURATION}s, through HAProxy on $PORT_LB"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -s "$work/mixed.lua" "http://127.0.0.1:$PORT_LB" \
  -- "$TOKEN" "$work/seed.txt" "$work" > "$work/wrk.out" 2>&1 &
WRK=$!
sleep "$KILL_AT"
echo "$(stamp) kill -9 instance b (pid $(cat "$work/b.pid"))"
kill -9 "$(cat "$work/b.pid")"; rm -f "$work/b.pid"
sleep "$DOWN_FOR"
echo "$(stamp) starting instance b again"
RESTART_FROM=$(date +%s%3N)
start_instance b "$PORT_B"; await_health "$PORT_B"
echo "$(stamp) instance b healthy again after $(( $(date +%s%3N) - RESTART_FROM )) ms"
wait "$WRK" || true
wait "$(cat "$work/probe.pid")" 2>/dev/null || true; rm -f "$work/probe.pid"
echo "$(stamp) load done"
cat "$work/wrk.out" | grep -E 'Requests/sec|statuses|socket errors|latency ms|requests in'

# deliveries: wait until none is left undelivered (a killed instance's claims are taken over after the lease)
deadline=$(( $(date +%s) + 240 ))
while :; do
  pending=$(sql -tAc "SELECT count(*) FROM webhook_deliveries WHERE status <> 'DELIVERED'")
  [ "$pending" -eq 0 ] && break
  [ "$(date +%s)" -gt "$deadline" ] && { echo "gave up waiting: $pending deliveries not delivered"; break; }
  sleep 2
done
sleep 2

cat "$work"/created-*.txt > "$work/acknowledged.txt" 2>/dev/null || true
sql -c "CREATE TEMP TABLE x(id uuid)" -c "\\copy x FROM '$work/acknowledged.txt'" -tA -c "SELECT 'acknowledged creates: ' || count(*) || ', missing from users: ' || count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = x.id)) || ', without exactly one user.created event: ' || count(*) FILTER (WHERE (SELECT count(*) FROM change_events e WHERE e.user_id = x.id AND e.event_type = 'user.created') <> 1) FROM x"
sql -tA -c "SELECT 'users created in the run: ' || count(*) || ', of them without exactly one user.created event: ' || count(*) FILTER (WHERE (SELECT count(*) FROM change_events e WHERE e.user_id = u.id AND e.event_type = 'user.created') <> 1) FROM users u WHERE u.created_at >= '$RUN_FROM'"
sql -tA -c "SELECT 'feed: positions ' || min(position) || '..' || max(position) || ', events ' || count(*) || ', gaps ' || (max(position) - min(position) + 1 - count(*)) || ', duplicate event ids ' || (count(*) - count(DISTINCT event_id)) || ', pending ' || (SELECT count(*) FROM change_events_pending) FROM change_events"
TOKEN=$(token_from "$PORT_LB")
echo "audit chain: $(curl -sf "localhost:$PORT_LB/api/v1/audit-events/verify" -H "Authorization: Bearer $TOKEN")"
python3 - "$PORT_LB" "$TOKEN" "$START" "$work/received.tsv" "$work/revocations.txt" <<'PY'
import collections, http.client, json, statistics, sys
port, token, start, received, revocations = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
c = http.client.HTTPConnection("localhost", port)
expected, after = set(), start
while True:
    c.request("GET", f"/api/v1/events?after={after}&limit=1000", headers={"Authorization": "Bearer " + token})
    page = json.loads(c.getresponse().read())
    expected.update(item["id"] for item in page["items"])
    if not page["items"]:
        break
    after = page["next"]
rows = [line.split("\t") for line in open(received) if line.strip()]
counts = collections.Counter(r[0] for r in rows)
lost = expected - set(counts)
print(f"webhook: events in the feed after the seed {len(expected)}, delivered {len(expected & set(counts))}, lost {len(lost)}, "
      f"delivered more than once {sum(1 for n in counts.values() if n > 1)}, bad signatures {sum(1 for r in rows if r[5].strip() != 'true')}")
values = sorted(float(v) for v in open(revocations) if v.strip())
if values:
    p = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    print(f"revocation across instances under load: {len(values)} rounds, p50 {p(0.5):.0f} ms, p95 {p(0.95):.0f} ms, max {values[-1]:.0f} ms")
else:
    print("revocation across instances: no round completed")
PY
echo "errors in the instances' logs: $(grep -c ' ERROR ' "$work"/a.log "$work"/b.log | tr '\n' ' ')"
echo "HAProxy: $(grep -cE 'DOWN|UP' "$work/haproxy.log") state changes logged; $(grep -E 'is DOWN|is UP' "$work/haproxy.log" | sed 's/.*Server //' | cut -c1-60 | tr '\n' ';')"
