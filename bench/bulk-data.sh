#!/usr/bin/env bash
# Bulk data on a million users (issue 5): Roster against PostgreSQL's own tools, in one run, on one table.
#
#   export CSV          GET /api/v1/users/export?format=csv   vs  COPY (SELECT ...) TO STDOUT WITH CSV
#   import CSV          POST /api/v1/users/import              vs  COPY ... FROM STDIN WITH CSV (same indexed tables)
#   signup stats, year  GET /api/v1/stats/signups?year=Y      vs  the raw GROUP BY (cold: first ask; warm: repeated)
#   search              GET /api/v1/users?q=...               p50 / p95 over many terms (trigram indexes)
#   heap                live heap after a full GC, before and after the export
#
# Run by hand from the project root after `mvn -B -ntp package -DskipTests`. Needs psql and a PostgreSQL that the
# current user reaches without a password (PGHOST, PGPORT, PGUSER as usual; default 127.0.0.1, postgres). It drops
# and re-creates the database $BENCH_DB (default roster_bench). USERS=1000000 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/bootstrap/target/roster.jar
PORT=${PORT:-18081}
USERS=${USERS:-1000000}
DB=${BENCH_DB:-roster_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
[ -f "$JAR" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }

work=$(mktemp -d)
cleanup() { [ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null; sleep 1; rm -rf "$work"; }
trap cleanup EXIT
now() { date +%s.%N; }
seconds() { python3 -c "print(f'{$2 - $1:.3f}')"; }
rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(psql -X -tAc 'SHOW server_version' -d postgres | head -1 | sed 's/^/PostgreSQL /')"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

start_server() {
  pushd "$work" >/dev/null
  ROSTER_PORT=$PORT ROSTER_ADMIN_EMAIL=bench@roster.test ROSTER_ADMIN_PASSWORD='bench password long enough' \
    ROSTER_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATASOURCES_DEFAULT_USERNAME=$PGUSER \
    DATASOURCES_DEFAULT_PASSWORD= DATASOURCES_DEFAULT_DRIVER_CLASS_NAME=org.postgresql.Driver \
    java -Xmx1g -Droster.rate-limits.limits.export.permits=1000000 -Droster.rate-limits.limits.import.permits=1000000 \
         -jar "$JAR" > "$work/server.log" 2>&1 &
  echo $! > "$work/pid"
  popd >/dev/null
  for _ in $(seq 1 120); do curl -sf "localhost:$PORT/health" >/dev/null && return 0; sleep 0.5; done
  echo "server did not start:" >&2; tail -50 "$work/server.log" >&2; exit 1
}
live_heap_mb() { # live heap after a full GC
  jcmd "$(cat "$work/pid")" GC.run >/dev/null
  jcmd "$(cat "$work/pid")" GC.heap_info | python3 -c "
import re,sys
text=sys.stdin.read()
m=re.search(r'used (\d+)K', text)
print(f'{int(m.group(1))/1024:.0f}')"
}

start_server
TOKEN=$(curl -sf -XPOST "localhost:$PORT/login" -H 'Content-Type: application/json' \
  -d '{"username":"bench@roster.test","password":"bench password long enough"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
AUTH="Authorization: Bearer $TOKEN"

echo "== seeding $USERS users (SQL, signups spread over 2019-01-01 .. 2026-10-31)"
t0=$(now)
sql -v users="$USERS" -f bench/seed-users.sql
echo "seeded in $(seconds "$t0" "$(now)") s; users: $(sql -tAc 'SELECT count(*) FROM users')"

echo
cat > "$work/timing.py" <<'PY'
"""Times GET requests on one kept-alive connection; prints milliseconds."""
import http.client, sys, time, urllib.parse
PORT, TOKEN = sys.argv[1], sys.argv[2]
connection = http.client.HTTPConnection("localhost", int(PORT))
def get(path):
    started = time.perf_counter()
    connection.request("GET", path, headers={"Authorization": "Bearer " + TOKEN})
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status}")
    return (time.perf_counter() - started) * 1000
def percentile(samples, q):
    samples = sorted(samples)
    return samples[min(len(samples) - 1, int(q * len(samples)))]
PY

echo "== warm-up: 2,000 requests (users, search, stats of the open year) so that timings are of compiled code"
python3 - "$PORT" "$TOKEN" "$work" <<'PY'
import sys; sys.path.insert(0, sys.argv[3]); sys.argv = sys.argv[:3]
from timing import get
for i in range(2000):
    get(["/api/v1/users?limit=20", f"/api/v1/users?q=user{i}&limit=20", "/api/v1/stats/signups?year=2026", "/api/v1/stats/users"][i % 4])
PY

echo
echo "== signup statistics for a year: the raw GROUP BY (psql \\timing, best of 2) vs Roster (HTTP, one kept-alive connection)"
echo "   cold = the year's first ask (nothing cached); warm = the same year asked again (median of 50)"
for year in 2019 2020 2021 2022 2023 2024 2025; do
  raw_ms=$(for _ in 1 2; do printf '\\timing on\nSELECT date_part(%s, created_at AT TIME ZONE %s) AS month, count(*) FROM users WHERE created_at >= timestamptz %s AND created_at < timestamptz %s GROUP BY 1 ORDER BY 1;\n' \
      "'month'" "'UTC'" "'$year-01-01 00:00:00+00'" "'$((year + 1))-01-01 00:00:00+00'" | sql | awk '/^Time:/{print $2}'; done | sort -n | head -1)
  python3 - "$PORT" "$TOKEN" "$work" "$year" "$raw_ms" <<'PY'
import statistics, sys
sys.path.insert(0, sys.argv[3]); year, raw = sys.argv[4], float(sys.argv[5]); sys.argv = sys.argv[:3]
from timing import get
cold = get(f"/api/v1/stats/signups?year={year}")
warm = statistics.median(get(f"/api/v1/stats/signups?year={year}") for _ in range(50))
print(f"{year}: raw GROUP BY {raw:.1f} ms | Roster cold {cold:.1f} ms = {cold / raw:.2f}x the raw query (target <= 1.5) | "
      f"warm {warm:.2f} ms = {raw / warm:.1f}x faster than raw (target >= 10)")
PY
done

echo
echo "== search q= (trigram indexes): 200 terms, one kept-alive connection, first page of 20"
python3 - "$PORT" "$TOKEN" "$work" <<'PY'
import random, sys, urllib.parse
sys.path.insert(0, sys.argv[3]); sys.argv = sys.argv[:3]
from timing import get, percentile
random.seed(7)
terms = [f"user{random.randint(1, 999999)}@" for _ in range(70)] + \
        [str(random.randint(10000, 99999)) for _ in range(70)] + \
        random.choices(["lovelace", "hopper", "grace tur", "müller", "dijkstra", "ada l", "corp.exa", "knuth", "perlman", "smith"], k=60)
random.shuffle(terms)
samples = [get("/api/v1/users?limit=20&q=" + urllib.parse.quote(term)) for term in terms]
print(f"search: p50 {percentile(samples, 0.5):.1f} ms, p95 {percentile(samples, 0.95):.1f} ms, max {max(samples):.1f} ms "
      f"over {len(samples)} requests (target p95 < 50 ms)")
PY

echo
echo "== CSV export of every user vs COPY TO"
heap_before=$(live_heap_mb)
t0=$(now)
sql -c "COPY (SELECT id, email, display_name, phone, status, active, created_at, updated_at, version FROM users ORDER BY created_at, id) TO STDOUT WITH CSV HEADER" > "$work/copy.csv"
copy_plain=$(seconds "$t0" "$(now)")
t0=$(now)
sql -c "COPY (SELECT u.id, u.email, u.display_name, u.phone,
                     (SELECT json_object_agg(a.attr_key, a.attr_value) FROM user_attributes a WHERE a.user_id = u.id),
                     (SELECT json_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id),
                     u.status, u.active, u.password_hash IS NOT NULL, u.created_at, u.updated_at, u.last_login_at,
                     u.deleted_at, u.anonymized_at, u.version
              FROM users u WHERE u.status IN ('ACTIVE', 'DEACTIVATED') ORDER BY u.created_at, u.id) TO STDOUT WITH CSV HEADER" > "$work/copy-full.csv"
copy_full=$(seconds "$t0" "$(now)")
copy_rows=$(($(wc -l < "$work/copy.csv") - 1))
t0=$(now)
curl -sf -H "$AUTH" "localhost:$PORT/api/v1/users/export?format=csv" -o "$work/export.csv"
export_s=$(seconds "$t0" "$(now)")
heap_after=$(live_heap_mb)
export_rows=$(python3 -c "
import csv,sys
csv.field_size_limit(1 << 20)
print(sum(1 for _ in csv.reader(open('$work/export.csv', newline='', encoding='utf-8'))) - 1)")
echo "COPY TO, users columns only:         $copy_rows rows in $copy_plain s = $(rate "$copy_rows" "$copy_plain") rows/s ($(du -m "$work/copy.csv" | cut -f1) MB)"
echo "COPY TO, same content as the export: $copy_rows rows in $copy_full s = $(rate "$copy_rows" "$copy_full") rows/s ($(du -m "$work/copy-full.csv" | cut -f1) MB)"
echo "Roster export (CSV, all fields):     $export_rows rows in $export_s s = $(rate "$export_rows" "$export_s") rows/s ($(du -m "$work/export.csv" | cut -f1) MB)"
echo "ratio: $(ratio "$copy_plain" "$export_s")x COPY of the users columns, $(ratio "$copy_full" "$export_s")x COPY of the same content (target >= 0.5)"
echo "live heap after full GC: before export ${heap_before} MB, after export ${heap_after} MB (-Xmx1g)"
rm -f "$work/copy.csv" "$work/copy-full.csv"

echo
echo "== CSV import of $USERS new users vs COPY FROM into the same indexed tables"
python3 - "$USERS" "$work" <<'PY'
import sys, uuid
n, work = int(sys.argv[1]), sys.argv[2]
firsts = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald"]
with open(f"{work}/import.csv", "w", encoding="utf-8") as roster, open(f"{work}/copy-users.csv", "w", encoding="utf-8") as users, \
        open(f"{work}/copy-roles.csv", "w", encoding="utf-8") as roles:
    roster.write("email,displayName,phone,createdAt\n")
    for i in range(n):
        name = f"{firsts[i % 6]} Imported{i}"
        created = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z"
        roster.write(f"new{i}@import.example,{name},+4940{i:08d},{created}\n")
        uid = uuid.uuid4()
        users.write(f"{uid},copy{i}@import.example,copy{i}@import.example,{name},{name.lower()},+4940{i:08d},,ACTIVE,true,{created},{created},0\n")
        roles.write(f"{uid},USER\n")
PY
t0=$(now)
sql -c "\\copy users (id, email, email_canonical, display_name, display_name_lower, phone, password_hash, status, active, created_at, updated_at, version) FROM '$work/copy-users.csv' WITH CSV" \
    -c "\\copy user_roles (user_id, role) FROM '$work/copy-roles.csv' WITH CSV"
copy_in=$(seconds "$t0" "$(now)")
t0=$(now)
curl -sf -XPOST -H "$AUTH" -H 'Content-Type: text/csv' --data-binary @"$work/import.csv" \
  "localhost:$PORT/api/v1/users/import?onConflict=fail" -o "$work/report.json"
import_s=$(seconds "$t0" "$(now)")
echo "COPY FROM (users + user_roles): $USERS rows in $copy_in s = $(rate "$USERS" "$copy_in") rows/s"
echo "Roster import:                  $USERS rows in $import_s s = $(rate "$USERS" "$import_s") rows/s; report: $(head -c 200 "$work/report.json")"
echo "ratio: $(ratio "$copy_in" "$import_s")x COPY FROM (target >= 0.25)"
echo "live heap after full GC after the import: $(live_heap_mb) MB"
echo "users now: $(sql -tAc 'SELECT count(*) FROM users')"
