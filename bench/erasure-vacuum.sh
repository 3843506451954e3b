#!/usr/bin/env bash
# What vacuuming after erasure costs on a million users, and what it removes from the files (issue 11 point 7).
#
# Creates the schema with the jar (Flyway), seeds $USERS users (bench/seed-users.sql) plus, for every fourth user, a
# file (user_files) and a distinctive custom field (user_attributes), then for each of $ROUNDS rounds:
#   1. erases $ERASE random users with the statements anonymization runs on these tables (UPDATE users, DELETE and
#      re-INSERT user_roles, DELETE user_attributes, DELETE user_files; one transaction for the lot);
#   2. times VACUUM (VERBOSE) of the four tables, then VACUUM FULL of the four tables, with sizes before and after;
#   3. after each step (and a CHECKPOINT) counts how many of the erased users' old values are still readable in the
#      tables' and indexes' data files, and in pg_wal.
# Reads the data directory, so it must run as root or postgres on the database host.
#
# Run by hand from the project root after `mvn -B -ntp package -DskipTests` (not in CI). Needs psql and a PostgreSQL
# reached without a password (PGHOST, PGPORT, PGUSER; default 127.0.0.1, 5432, postgres). Drops and re-creates the
# database $BENCH_DB (default roster_vacuum); SEEDED=1 reuses the one a previous run left (erasing further users).
# USERS=1000000, ERASE=1000, ROUNDS=2 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/bootstrap/target/roster.jar
PORT=${PORT:-18083}
USERS=${USERS:-1000000}
ERASE=${ERASE:-1000}
ROUNDS=${ROUNDS:-2}
DB=${BENCH_DB:-roster_vacuum}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
[ -f "$JAR" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }

work=$(mktemp -d)
cleanup() { [ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
now() { date +%s.%N; }
seconds() { python3 -c "print(f'{$2 - $1:.2f}')"; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
DATA=$(psql -X -tAc 'SHOW data_directory' -d postgres)
[ -r "$DATA/base" ] || { echo "cannot read $DATA/base: run as root or postgres on the database host" >&2; exit 1; }

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(psql -X -tAc 'SELECT version()' -d postgres | cut -d, -f1)"
if [ -n "${SEEDED:-}" ]; then # SEEDED=1: erase further users of the database a previous run seeded
  echo "reusing $DB: $(sql -tAc "SELECT count(*) || ' users, ' || count(*) FILTER (WHERE status = 'ANONYMIZED') || ' of them erased' FROM users")"
else
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

# The schema from the jar's own migrations: start it once against the empty database, then stop it.
pushd "$work" >/dev/null
DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATASOURCES_DEFAULT_USERNAME=$PGUSER \
  DATASOURCES_DEFAULT_PASSWORD= ROSTER_PORT=$PORT ROSTER_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef \
  java -Xmx512m -jar "$JAR" > "$work/server.log" 2>&1 &
echo $! > "$work/pid"
popd >/dev/null
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/health" >/dev/null && break; sleep 0.5; done
kill "$(cat "$work/pid")"; while kill -0 "$(cat "$work/pid")" 2>/dev/null; do sleep 0.2; done; rm "$work/pid"
sql -tAc "SELECT count(*) FROM flyway_schema_history WHERE success" | sed 's/^/migrations applied: /'

t0=$(now)
sql -v users="$USERS" -f bench/seed-users.sql
sql -c "INSERT INTO user_files (id, owner_id, name, size_bytes, content_type, created_at)
          SELECT gen_random_uuid(), id, 'cv-' || substr(phone, 6) || '.pdf', 48213, 'application/pdf', created_at
          FROM users WHERE right(phone, 1) IN ('0', '4')" \
    -c "INSERT INTO user_attributes (user_id, attr_key, attr_value)
          SELECT id, 'nickname', 'nick-' || substr(phone, 6) FROM users WHERE right(phone, 1) IN ('1', '5')" \
    -c "VACUUM ANALYZE user_files" -c "VACUUM ANALYZE user_attributes"
echo "seeded in $(seconds "$t0" "$(now)") s: $(sql -tAc "SELECT (SELECT count(*) FROM users) || ' users, ' ||
  (SELECT count(*) FROM user_attributes) || ' attributes, ' || (SELECT count(*) FROM user_files) || ' files'")"
fi

TABLES="users user_attributes user_files user_roles"
sizes() { # one line per table: heap, indexes (incl. TOAST), dead tuples
  sql -tA -F ' ' -c "SELECT c.relname, pg_size_pretty(pg_relation_size(c.oid)),
        pg_size_pretty(pg_total_relation_size(c.oid) - pg_relation_size(c.oid)), s.n_dead_tup
      FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.relname IN ('users', 'user_attributes', 'user_files', 'user_roles') ORDER BY c.relname" |
    awk -v step="$1" '{printf "  %-26s %-16s heap %-8s %-3s indexes+toast %-8s %-3s dead tuples %s\n", step, $1, $2, $3, $4, $5, $6}'
}
files_of() { # data files of a table: heap, TOAST and every index (paths relative to the data directory)
  sql -tAc "SELECT pg_relation_filepath(oid) FROM pg_class WHERE oid = '$1'::regclass
            OR oid = (SELECT reltoastrelid FROM pg_class WHERE oid = '$1'::regclass)
            OR oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = '$1'::regclass)"
}
found_in() { # how many of the patterns in $1 occur in the files that follow (each counted once)
  local patterns=$1; shift
  cat "$@" 2>/dev/null | grep -a -o -F -f "$patterns" | sort -u | wc -l
}
residue() { # the erased values still readable in the data files and in pg_wal
  sql -qc CHECKPOINT
  local users_files attr_files file_files
  users_files=$(files_of users | sed "s|.*|$DATA/& $DATA/&.[0-9]*|"); attr_files=$(files_of user_attributes | sed "s|.*|$DATA/& $DATA/&.[0-9]*|")
  file_files=$(files_of user_files | sed "s|.*|$DATA/& $DATA/&.[0-9]*|")
  # shellcheck disable=SC2086 # the globs must expand (segments .1, .2 … of relations over 1 GB; absent ones are skipped)
  printf '  %-26s of %s erased: emails in users files %s, phones %s; custom fields in user_attributes files %s/%s; file names in user_files files %s/%s; emails in pg_wal %s\n' \
    "$1" "$ERASE" "$(found_in "$work/emails" $users_files)" "$(found_in "$work/phones" $users_files)" \
    "$(found_in "$work/nicks" $attr_files)" "$(wc -l < "$work/nicks")" \
    "$(found_in "$work/filenames" $file_files)" "$(wc -l < "$work/filenames")" \
    "$(found_in "$work/emails" "$DATA"/pg_wal/0*)"
}
timed() { # label, SQL: runs it, prints the wall time, keeps VERBOSE output in the log
  local t; t=$(now); sql -c "$2" 2>> "$work/vacuum.log"; printf '  %-40s %8s s\n' "$1" "$(seconds "$t" "$(now)")"
}

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: erase $ERASE random users"
  sql -c "SELECT setseed(0.$round)" -c "DROP TABLE IF EXISTS erased" \
      -c "CREATE TABLE erased AS SELECT id, email, phone FROM users WHERE status <> 'ANONYMIZED' ORDER BY random() LIMIT $ERASE" >/dev/null
  sql -tAc "SELECT email FROM erased" > "$work/emails"
  sql -tAc "SELECT phone FROM erased" > "$work/phones"
  sql -tAc "SELECT 'nick-' || substr(phone, 6) FROM erased WHERE right(phone, 1) IN ('1', '5')" > "$work/nicks"
  sql -tAc "SELECT 'cv-' || substr(phone, 6) || '.pdf' FROM erased WHERE right(phone, 1) IN ('0', '4')" > "$work/filenames"
  sizes "before erasure"
  t=$(now)
  sql -c "BEGIN" \
      -c "UPDATE users u SET email = 'erased-' || u.id || '@erased.roster.invalid', email_canonical = 'erased-' || u.id || '@erased.roster.invalid',
            display_name = NULL, display_name_lower = NULL, phone = NULL, password_hash = NULL, status = 'ANONYMIZED', active = false,
            updated_at = now(), deleted_at = coalesce(deleted_at, now()), anonymized_at = now(),
            session_generation = session_generation + 1, version = version + 1
          FROM erased e WHERE u.id = e.id" \
      -c "DELETE FROM user_roles r USING erased e WHERE r.user_id = e.id" \
      -c "INSERT INTO user_roles (user_id, role) SELECT id, 'USER' FROM erased" \
      -c "DELETE FROM user_attributes a USING erased e WHERE a.user_id = e.id" \
      -c "DELETE FROM user_files f USING erased e WHERE f.owner_id = e.id" \
      -c "DROP TABLE erased" -c "COMMIT"
  echo "  erased in $(seconds "$t" "$(now)") s"
  sizes "after erasure"
  residue "after erasure"
  for table in $TABLES; do timed "VACUUM (VERBOSE) $table" "VACUUM (VERBOSE) $table"; done
  sizes "after VACUUM"
  residue "after VACUUM"
  for table in $TABLES; do timed "VACUUM FULL $table" "VACUUM FULL $table"; done
  sizes "after VACUUM FULL"
  residue "after VACUUM FULL"
  sql -c "VACUUM ANALYZE" # what a nightly job leaves behind: visibility map set, statistics fresh
done
echo "== VACUUM (VERBOSE) of users, last round"
grep -E 'vacuuming "|index scans|pages:|tuples:|index "|system usage' "$work/vacuum.log" | grep -A12 'vacuuming ".*\.users"' | tail -14 || true
