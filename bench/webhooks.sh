#!/usr/bin/env bash
# Webhook faults (issue 12 point 6): CHANGES changes (half creates, half updates of those users, 8 writers) with one
# subscribed receiver that is stopped for 30 s in the middle, and Roster itself restarted once while deliveries wait
# in the retry schedule (the default one: 5 s, 5 min, 30 min, ...). Waits until every delivery is delivered, then
# prints: deliveries expected (change events after the subscription, from the feed), received, lost (must be 0),
# duplicates (at-least-once: a restart may send an attempt in flight again), bad signatures, order violations per
# user, and commit → delivery latency (occurredAt to first receipt): p50/p99 over all, and over the events committed
# while the receiver was up and no retry was involved.
#
# Run by hand from the project root after `mvn -B -ntp package -DskipTests`. Needs psql and a PostgreSQL that the
# current user reaches without a password (PGHOST, PGPORT, PGUSER; default 127.0.0.1, postgres). It drops and
# re-creates the database $BENCH_DB (default roster_webhooks_bench). Takes about 8 minutes (the 5-minute retry).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/bootstrap/target/roster.jar
PORT=${PORT:-18083}
RECEIVER_PORT=${RECEIVER_PORT:-18084}
CHANGES=${CHANGES:-10000}
OUTAGE=${OUTAGE:-30}
RATE=${RATE:-0} # changes per second in all (about: each writer sleeps 8/RATE s before a change); 0 = as fast as they go
DB=${BENCH_DB:-roster_webhooks_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
[ -f "$JAR" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }

work=$(mktemp -d)
cp "$JAR" "$work/roster.jar" # a rebuild during the run must not pull the jar from under the server
cleanup() {
  for p in pid receiver.pid load.pid; do [ -f "$work/$p" ] && kill "$(cat "$work/$p")" 2>/dev/null || true; done
  sleep 1; rm -rf "$work"
}
trap cleanup EXIT
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
stamp() { date +%H:%M:%S; }

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(psql -X -tAc 'SHOW server_version' -d postgres | head -1 | sed 's/^/PostgreSQL /')"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

start_server() {
  pushd "$work" >/dev/null
  ROSTER_PORT=$PORT ROSTER_ADMIN_EMAIL=bench@roster.test ROSTER_ADMIN_PASSWORD='bench password long enough' \
    ROSTER_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATASOURCES_DEFAULT_USERNAME=$PGUSER \
    DATASOURCES_DEFAULT_PASSWORD= DATASOURCES_DEFAULT_DRIVER_CLASS_NAME=org.postgresql.Driver \
    java -Xmx512m -Droster.webhooks.allow-private-targets=true -jar "$work/roster.jar" >> "$work/server.log" 2>&1 &
  echo $! > "$work/pid"
  popd >/dev/null
  for _ in $(seq 1 120); do curl -sf "localhost:$PORT/health" >/dev/null && return 0; sleep 0.5; done
  echo "server did not start:" >&2; tail -50 "$work/server.log" >&2; exit 1
}
stop_server() { kill "$(cat "$work/pid")"; wait "$(cat "$work/pid")" 2>/dev/null || true; rm -f "$work/pid"; }
start_receiver() {
  java -Xmx256m bench/webhooks/Receiver.java "$RECEIVER_PORT" "$work/received.tsv" "$SECRET" >> "$work/receiver.out" 2>&1 &
  echo $! > "$work/receiver.pid"
  for _ in $(seq 1 60); do grep -q receiving "$work/receiver.out" 2>/dev/null && return 0; sleep 0.5; done
  echo "receiver did not start" >&2; cat "$work/receiver.out" >&2; exit 1
}
stop_receiver() { kill -9 "$(cat "$work/receiver.pid")"; wait "$(cat "$work/receiver.pid")" 2>/dev/null || true; rm -f "$work/receiver.pid"; }
login() {
  curl -sf -XPOST "localhost:$PORT/login" -H 'Content-Type: application/json' \
    -d '{"username":"bench@roster.test","password":"bench password long enough"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

start_server
TOKEN=$(login)
START=$(curl -sf "localhost:$PORT/api/v1/events?limit=1000" -H "Authorization: Bearer $TOKEN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next"])')
created=$(curl -sf -XPOST "localhost:$PORT/api/v1/webhooks" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/roster\",\"description\":\"bench\"}")
SECRET=$(echo "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
HOOK=$(echo "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["webhook"]["id"])')
start_receiver
echo "$(stamp) subscribed $HOOK; feed position before the load: $START"

cat > "$work/load.py" <<'PY'
"""Half creates, then half merge patches of the created users, by 8 writers on kept-alive connections; at most
rate changes per second in all when rate > 0."""
import http.client, json, sys, threading, time, uuid
port, token, changes, rate = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
pace = 8 / rate if rate > 0 else 0
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
ids, lock, done = [], threading.Lock(), [0]
def run(work):
    connection = http.client.HTTPConnection("localhost", port, timeout=30)
    for method, path, body in work():
        if pace:
            time.sleep(pace)
        for attempt in range(20):
            try:
                connection.request(method, path, body=json.dumps(body), headers=headers)
                response = connection.getresponse()
                payload = response.read()
                if response.status in (200, 201):
                    if method == "POST":
                        with lock: ids.append(json.loads(payload)["id"])
                    with lock: done[0] += 1
                    break
                if response.status < 500:
                    raise SystemExit(f"{method} {path}: {response.status} {payload[:200]}")
            except (OSError, http.client.HTTPException):
                import time; time.sleep(0.5)
                connection = http.client.HTTPConnection("localhost", port, timeout=30)
def creates(share):
    def work():
        for _ in range(share):
            yield "POST", "/api/v1/users", {"email": f"wh-{uuid.uuid4().hex[:16]}@bench.test"}
    return work
def updates(chunk):
    def work():
        for user in chunk:
            yield "PATCH", f"/api/v1/users/{user}", {"displayName": "Changed"}
    return work
def phase(works):
    threads = [threading.Thread(target=run, args=(w,)) for w in works]
    for t in threads: t.start()
    for t in threads: t.join()
half = changes // 2
phase([creates(half // 8 + (1 if i < half % 8 else 0)) for i in range(8)])
print(f"created {len(ids)}", flush=True)
phase([updates(ids[i::8]) for i in range(8)])
print(f"changes made: {done[0]}", flush=True)
PY

echo "$(stamp) load: $CHANGES changes$( [ "$RATE" != 0 ] && echo ", paced to about $RATE/s")"
python3 "$work/load.py" "$PORT" "$TOKEN" "$CHANGES" "$RATE" > "$work/load.out" 2>&1 &
echo $! > "$work/load.pid"
LOAD_PID=$(cat "$work/load.pid")
# the receiver goes down once a third of the changes are in the feed, for OUTAGE seconds
third=$((START + CHANGES / 3))
while [ "$(sql -tAc 'SELECT last_position FROM change_feed_head')" -lt "$third" ] && kill -0 "$LOAD_PID" 2>/dev/null; do sleep 0.2; done
OUTAGE_FROM=$(date +%s%3N)
stop_receiver
echo "$(stamp) receiver stopped at feed position $(sql -tAc 'SELECT last_position FROM change_feed_head')"
sleep "$OUTAGE"
start_receiver
OUTAGE_TO=$(date +%s%3N)
echo "$(stamp) receiver back"
wait "$LOAD_PID" || { echo "load failed:"; cat "$work/load.out"; exit 1; }
rm -f "$work/load.pid"
cat "$work/load.out"
echo "$(stamp) load done; deliveries: $(sql -tAc "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM webhook_deliveries GROUP BY status) s")"

# restart Roster while deliveries wait in the retry schedule
sleep 5
echo "$(stamp) restarting Roster with $(sql -tAc "SELECT count(*) FROM webhook_deliveries WHERE status = 'PENDING' AND attempts > 0") deliveries waiting for a retry"
stop_server
start_server
TOKEN=$(login)
echo "$(stamp) Roster is back"

deadline=$(( $(date +%s) + 900 ))
while :; do
  pending=$(sql -tAc "SELECT count(*) FROM webhook_deliveries WHERE status <> 'DELIVERED'")
  [ "$pending" -eq 0 ] && break
  [ "$(date +%s)" -gt "$deadline" ] && { echo "gave up waiting: $pending deliveries not delivered"; break; }
  sleep 5
done
echo "$(stamp) every delivery delivered; next attempts were: $(sql -tAc "SELECT max(attempts) FROM webhook_deliveries") attempts at most"
sleep 2

curl -sf "localhost:$PORT/prometheus" -H "Authorization: Bearer $TOKEN" | grep -E '^roster_webhook_(deliveries_total|queue_depth)' > "$work/metrics.txt" || true
python3 - "$PORT" "$TOKEN" "$START" "$work/received.tsv" "$OUTAGE_FROM" "$OUTAGE_TO" "$work/metrics.txt" <<'PY'
import collections, datetime, http.client, json, sys
port, token, start, received_path, outage_from, outage_to, metrics = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
connection = http.client.HTTPConnection("localhost", int(port))
expected, after = {}, start
while True:
    connection.request("GET", f"/api/v1/events?after={after}&limit=1000", headers={"Authorization": "Bearer " + token})
    page = json.loads(connection.getresponse().read())
    for item in page["items"]:
        expected[item["id"]] = item
    if not page["items"]:
        break
    after = page["next"]
rows = [line.rstrip("\n").split("\t") for line in open(received_path) if line.strip()]
counts = collections.Counter(row[0] for row in rows)
first = {}
for row in rows:
    first.setdefault(row[0], row)
lost = [i for i in expected if i not in first]
duplicates = sum(n - 1 for n in counts.values())
bad = sum(1 for row in rows if row[5] != "true")
def millis(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000
latencies, clean = [], []
for event_id, row in first.items():
    if event_id not in expected:
        continue
    committed = millis(expected[event_id]["occurredAt"])
    latency = int(row[4]) - committed
    latencies.append(latency)
    if committed < outage_from - 1000 or committed > outage_to + 1000:
        clean.append(latency)
violations, last = 0, {}
for row in sorted((r for r in first.values() if r[1] != "-"), key=lambda r: (int(r[4]), int(r[1]))):
    user, position = row[2], int(row[1])
    if last.get(user, 0) > position:
        violations += 1
    last[user] = max(last.get(user, 0), position)
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")
print(f"deliveries expected: {len(expected)}")
print(f"received (distinct): {len(first)}; requests: {len(rows)}")
print(f"lost: {len(lost)}")
print(f"duplicates: {duplicates}")
print(f"bad signatures: {bad}")
print(f"order violations (a user's event received before an earlier one): {violations}")
print(f"latency commit -> delivery, all: p50 {pct(latencies, .5) / 1000:.3f} s, p99 {pct(latencies, .99) / 1000:.3f} s")
print(f"latency, events committed outside the outage (±1 s), {len(clean)} of them: p50 {pct(clean, .5) / 1000:.3f} s, p99 {pct(clean, .99) / 1000:.3f} s")
print("metrics: " + "; ".join(line.strip() for line in open(metrics)))
PY
echo "ERROR lines in the server log: $(grep -c ' ERROR ' "$work/server.log" || true)"
