#!/usr/bin/env bash
# Read replica (issue 14, point 4; ADR 0024): Roster against the local PostgreSQL 15 as primary and a REAL streaming
# replica of it (pg_basebackup -R into a second cluster on port 5433), then:
#
#   routing     lists served by the replica: roster_replica_reads_total and the standby's own pg_stat_database
#   staleness   create a user on the primary, poll the list (q=<its email>) until it shows: p50/p95/max over TRIES
#   fallback    the standby stopped: lists still 200 (from the primary), roster_replica_fallbacks_total moves,
#               roster_replica_up 0, /health stays UP (200)
#   recovery    the standby started again: how long until roster_replica_up is 1 and lists read it again
#
# Usage, from the project root, as root (the standby runs as the OS user postgres):
#   bash bench/replica.sh                  # TRIES=200 USERS=10000
# It adds `host replication all 127.0.0.1/32 trust` to the primary's pg_hba.conf for the base backup and removes it
# again, and tears everything down on exit (standby, its data directory, Roster, the database $BENCH_DB).
# KEEP_LOG=/path keeps Roster's log there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORT=${PORT:-18290}
REPLICA_PORT=${REPLICA_PORT:-5433}
DB=${BENCH_DB:-replica_bench}
TRIES=${TRIES:-200}
USERS=${USERS:-10000}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
HBA=${PRIMARY_HBA:-/etc/postgresql/15/main/pg_hba.conf}
MARK="# added by roster bench/replica.sh"
JAR=$ROOT/bootstrap/target/roster.jar
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres

if ss -ltn | grep -qE "[:.]($PORT|$REPLICA_PORT)\s"; then echo "port $PORT or $REPLICA_PORT is in use: set PORT / REPLICA_PORT" >&2; exit 1; fi
[ "$(id -u)" = 0 ] || { echo "run as root (the standby is started as the OS user postgres)" >&2; exit 1; }
[ -x "$PGBIN/pg_basebackup" ] || { echo "no PostgreSQL 15 binaries in $PGBIN" >&2; exit 1; }
if [ ! -f "$JAR" ]; then
  echo "== building $JAR"
  mvn -B -ntp -q package -DskipTests
fi

work=$(mktemp -d)
standby=$(mktemp -d /tmp/roster-standby.XXXXXX)
chown postgres:postgres "$standby"
chmod 700 "$standby"
as_postgres() { runuser -u postgres -- "$@"; }
stop_server() { if [ -f "$work/pid" ]; then kill "$(cat "$work/pid")" 2>/dev/null || true; wait "$(cat "$work/pid")" 2>/dev/null || true; rm -f "$work/pid"; fi; }
teardown() {
  set +e
  stop_server
  [ -n "${KEEP_LOG:-}" ] && [ -f "$work/server.log" ] && cp "$work/server.log" "$KEEP_LOG"
  [ -f "$standby/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$standby" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$standby"
  if grep -qF "$MARK" "$HBA"; then
    grep -vF "$MARK" "$HBA" > "$work/pg_hba.conf" && cat "$work/pg_hba.conf" > "$HBA"  # keeps the file's owner and mode
    psql -X -q -d postgres -c "SELECT pg_reload_conf()" >/dev/null
  fi
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  grep -qF "$MARK" "$HBA" && echo "WARNING: could not remove the replication line from $HBA" >&2
  rm -rf "$work"
}
trap teardown EXIT

standby_sql() { psql -X -tA -h 127.0.0.1 -p "$REPLICA_PORT" -d "$DB" -c "$1"; }
start_standby() { as_postgres "$PGBIN/pg_ctl" -D "$standby" -l "$standby/standby.log" -o "-p $REPLICA_PORT" -w start >/dev/null || { cat "$standby/standby.log" >&2; return 1; }; }

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(psql -X -tAc 'SHOW server_version' -d postgres | sed 's/^/PostgreSQL /')"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

echo "== streaming replica: pg_basebackup -R -X stream into $standby, port $REPLICA_PORT"
echo "host replication all 127.0.0.1/32 trust $MARK" >> "$HBA"
psql -X -q -d postgres -c "SELECT pg_reload_conf()" >/dev/null
as_postgres "$PGBIN/pg_basebackup" -h 127.0.0.1 -p 5432 -U postgres -D "$standby" -R -X stream
# Debian keeps postgresql.conf and pg_hba.conf in /etc: the copy needs its own
cat > "$standby/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $REPLICA_PORT
unix_socket_directories = '$standby'
hot_standby = on
max_connections = $(psql -X -tA -d postgres -c 'SHOW max_connections')
max_worker_processes = $(psql -X -tA -d postgres -c 'SHOW max_worker_processes')
max_wal_senders = $(psql -X -tA -d postgres -c 'SHOW max_wal_senders')
max_prepared_transactions = $(psql -X -tA -d postgres -c 'SHOW max_prepared_transactions')
max_locks_per_transaction = $(psql -X -tA -d postgres -c 'SHOW max_locks_per_transaction')
shared_buffers = 64MB
EOF
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > "$standby/pg_hba.conf"
: > "$standby/pg_ident.conf"
chown postgres:postgres "$standby/postgresql.conf" "$standby/pg_hba.conf" "$standby/pg_ident.conf"
start_standby
echo "   standby in recovery: $(standby_sql 'SELECT pg_is_in_recovery()'); primary sees: $(psql -X -tA -d postgres -c "SELECT state || ' (' || sync_state || ')' FROM pg_stat_replication LIMIT 1")"

echo "== Roster on the primary with DATASOURCES_REPLICA_URL=jdbc:postgresql://127.0.0.1:$REPLICA_PORT/$DB"
pushd "$work" >/dev/null
ROSTER_PORT=$PORT ROSTER_ADMIN_EMAIL=bench@roster.test ROSTER_ADMIN_PASSWORD='bench password long enough' \
  ROSTER_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef \
  DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$DB" DATASOURCES_DEFAULT_USERNAME=postgres DATASOURCES_DEFAULT_PASSWORD= \
  DATASOURCES_REPLICA_URL="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/$DB" DATASOURCES_REPLICA_USERNAME=postgres DATASOURCES_REPLICA_PASSWORD= \
  java -Xmx512m -jar "$JAR" > "$work/server.log" 2>&1 &
echo $! > "$work/pid"
popd >/dev/null
for _ in $(seq 1 300); do curl -sf -o /dev/null "localhost:$PORT/health" && break; sleep 0.1; done
kill -0 "$(cat "$work/pid")" 2>/dev/null && curl -sf -o /dev/null "localhost:$PORT/health" || { echo "Roster did not start:" >&2; tail -40 "$work/server.log" >&2; exit 1; }

echo "== seeding $USERS users on the primary"
psql -X -q -v ON_ERROR_STOP=1 -v users="$USERS" -d "$DB" -f bench/seed-users.sql >/dev/null

PORT=$PORT TRIES=$TRIES python3 - "$standby" "$REPLICA_PORT" "$DB" "$PGBIN" <<'PY'
import http.client, json, os, re, statistics, subprocess, sys, time, uuid

standby, replica_port, db, pgbin = sys.argv[1:5]
port, tries = int(os.environ["PORT"]), int(os.environ["TRIES"])
conn = http.client.HTTPConnection("localhost", port, timeout=30)

def call(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    reply = conn.getresponse()
    return reply.status, reply.read()

status, body = call("POST", "/login", {"username": "bench@roster.test", "password": "bench password long enough"})
token = json.loads(body)["access_token"]

def metrics():
    status, body = call("GET", "/prometheus", token=token)
    values = {}
    for line in body.decode().splitlines():
        m = re.match(r'^(roster_replica_[a-z_]+(?:\{[^}]*\})?) (\S+)$', line)
        if m:
            values[m.group(1)] = float(m.group(2))
    return values

def fallbacks(values):
    return sum(v for k, v in values.items() if k.startswith("roster_replica_fallbacks_total"))

def standby_commits():
    out = subprocess.run(["psql", "-X", "-tA", "-h", "127.0.0.1", "-p", replica_port, "-d", db, "-c",
                          f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{db}'"], capture_output=True, text=True)
    return int(out.stdout.strip())

def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

def wait_metric(name, value, limit=60):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if metrics().get(name) == value:
            return time.perf_counter() - start
        time.sleep(0.1)
    return None

print("\n== routing: 100 lists (q=ada, limit 50) and 20 counts")
m0, c0 = metrics(), standby_commits()
for i in range(100):
    s, _ = call("GET", "/api/v1/users?q=ada&limit=50", token=token)
    assert s == 200, s
for i in range(20):
    s, _ = call("GET", "/api/v1/users/count?status=ALL", token=token)
    assert s == 200, s
time.sleep(2)  # the standby flushes its statistics about once a second
m1, c1 = metrics(), standby_commits()
print(f"   roster_replica_reads_total +{m1['roster_replica_reads_total'] - m0['roster_replica_reads_total']:.0f}, "
      f"fallbacks +{fallbacks(m1) - fallbacks(m0):.0f}, standby pg_stat_database.xact_commit +{c1 - c0}")
s, body = call("GET", "/api/v1/users/export?format=csv&fields=id,email", token=token)
m2 = metrics()
rows = body.count(b"\n") - 1
print(f"   export: {s}, {rows} rows; roster_replica_reads_total +{m2['roster_replica_reads_total'] - m1['roster_replica_reads_total']:.0f} (one per page of 1000)")
print(f"   roster_replica_lag_seconds {m2.get('roster_replica_lag_seconds')}")

print(f"\n== staleness: create on the primary, poll the list until the user shows ({tries} tries)")
delays, first_poll, polls_total = [], 0, 0
for i in range(tries):
    email = f"stale-{uuid.uuid4().hex[:12]}@replica.test"
    s, _ = call("POST", "/api/v1/users", {"email": email}, token)
    assert s == 201, s
    t0 = time.perf_counter()  # the create has committed on the primary
    polls = 0
    while True:
        polls += 1
        s, body = call("GET", f"/api/v1/users?q={email}", token=token)
        assert s == 200, s
        if json.loads(body)["items"]:
            break
    delays.append((time.perf_counter() - t0) * 1000)
    polls_total += polls
    first_poll += polls == 1
print(f"   visible after (ms): p50 {pct(delays, 50):.2f}, p95 {pct(delays, 95):.2f}, max {max(delays):.2f}; "
      f"on the first poll {first_poll}/{tries}; polls per try {polls_total / tries:.2f}")

print("\n== fallback: the standby stopped (pg_ctl stop -m fast)")
subprocess.run(["runuser", "-u", "postgres", "--", f"{pgbin}/pg_ctl", "-D", standby, "-m", "fast", "-w", "stop"],
               check=True, capture_output=True)
m3 = metrics()
latencies, codes = [], {}
for i in range(100):
    t = time.perf_counter()
    s, _ = call("GET", "/api/v1/users?q=ada&limit=50", token=token)
    latencies.append((time.perf_counter() - t) * 1000)
    codes[s] = codes.get(s, 0) + 1
hs, hbody = call("GET", "/health")
m4 = metrics()
print(f"   100 lists: statuses {codes}; latency ms p50 {pct(latencies, 50):.1f}, max {max(latencies):.1f} (first {latencies[0]:.1f})")
print(f"   roster_replica_fallbacks_total +{fallbacks(m4) - fallbacks(m3):.0f}; roster_replica_up {m4.get('roster_replica_up')}; "
      f"/health {hs} {json.loads(hbody).get('status')}")
s, hdetail = call("GET", "/health", token=token)
print(f"   /health details for an admin: {json.dumps(json.loads(hdetail).get('details', {}).get('readReplica'))}")

print("\n== recovery: the standby started again")
subprocess.run(["runuser", "-u", "postgres", "--", f"{pgbin}/pg_ctl", "-D", standby, "-l", f"{standby}/standby.log",
                "-o", f"-p {replica_port}", "-w", "start"], check=True, capture_output=True)
t = time.perf_counter()
back = wait_metric("roster_replica_up", 1.0)
print(f"   roster_replica_up back to 1 after {back:.1f} s (probe interval 5 s)" if back is not None else "   replica NOT back within 60 s")
m5 = metrics()
for i in range(20):
    call("GET", "/api/v1/users?q=ada&limit=50", token=token)
m6 = metrics()
print(f"   20 lists: roster_replica_reads_total +{m6['roster_replica_reads_total'] - m5['roster_replica_reads_total']:.0f}, "
      f"fallbacks +{fallbacks(m6) - fallbacks(m5):.0f}")
PY
echo
echo "== Roster's log, replica lines"
grep -E "WARN|ERROR|INFO .*Replica" "$work/server.log" | grep -vi "webhook" | sed 's/^/   /' | head -20
