#!/usr/bin/env bash
# What stays on disk after an erasure (issue 11 point 7; docs/gdpr.md, "What stays on disk after erasure").
#
# Writes distinctive values into small tables shaped like Roster's, erases them the way anonymization does (UPDATE
# of the user row, DELETE of a custom-field row), and searches the database files for the old bytes after each step:
#   PostgreSQL  after the erasure, after VACUUM, after VACUUM FULL (heap and index files), then pg_wal and pg_stats;
#   H2          with the database open, after a normal close, after SHUTDOWN COMPACT, after SCRIPT + RUNSCRIPT.
# Each value is searched with grep in the relation's files (pg_relation_filepath under data_directory) and in the
# .mv.db file, so the script must run as root or postgres on the database host.
#
# Run by hand (not in CI). Needs psql, a PostgreSQL reached without a password (PGHOST, PGPORT, PGUSER; default
# 127.0.0.1, 5432, postgres; superuser, for the pageinspect extension) and java. Creates and drops the database
# $RESIDUE_DB (default roster_residue) and a temporary directory; leaves nothing behind.
set -euo pipefail
DB=${RESIDUE_DB:-roster_residue}
H2_JAR=${H2_JAR:-$(find ~/.m2/repository/com/h2database/h2 -name 'h2-*.jar' 2>/dev/null | sort -V | tail -1)}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }
[ -f "$H2_JAR" ] || { echo "no H2 jar under ~/.m2 (set H2_JAR)" >&2; exit 1; }
DATA=$(psql -X -tAc 'SHOW data_directory' -d postgres)
[ -r "$DATA/base" ] || { echo "cannot read $DATA/base: run as root or postgres on the database host" >&2; exit 1; }

work=$(mktemp -d)
cleanup() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
sql() { psql -X -q -tA -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
# a token new in every run, so that old runs' bytes (in pg_wal, say) cannot be mistaken for this run's
tok=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')

echo "== PostgreSQL: $(psql -X -tAc 'SHOW server_version' -d postgres), data directory $DATA, token $tok"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
sql <<SQL
CREATE EXTENSION pageinspect;
CREATE TABLE users (
    id UUID PRIMARY KEY, email VARCHAR(254) NOT NULL, email_canonical VARCHAR(1024) NOT NULL,
    display_name VARCHAR(400), phone VARCHAR(16), status VARCHAR(16) NOT NULL, version BIGINT NOT NULL,
    CONSTRAINT uq_users_email_canonical UNIQUE (email_canonical));
CREATE INDEX ix_users_email_canonical_id ON users (email_canonical, id);
CREATE TABLE user_attributes (user_id UUID NOT NULL REFERENCES users (id), attr_key VARCHAR(64) NOT NULL,
    attr_value VARCHAR(4000) NOT NULL, PRIMARY KEY (user_id, attr_key));
INSERT INTO users SELECT gen_random_uuid(), 'user' || i || '@example.org', 'user' || i || '@example.org', 'Name ' || i,
    '+4930' || lpad(i::text, 8, '0'), 'ACTIVE', 0 FROM generate_series(1, 2000) AS i;
-- A: a user in the middle of the table
INSERT INTO users VALUES ('0190aaaa-0000-7000-8000-00000000000a', 'Quinn.$tok@example.org', 'quinn.$tok@example.org',
    'Quinn Residue-$tok', '+4930999$(printf '%05d' $((16#${tok:0:4} % 100000)))', 'ACTIVE', 0);
INSERT INTO users SELECT gen_random_uuid(), 'late' || i || '@example.org', 'late' || i || '@example.org', 'Name ' || i,
    '+4931' || lpad(i::text, 8, '0'), 'ACTIVE', 0 FROM generate_series(1, 2000) AS i;
INSERT INTO user_attributes SELECT id, 'team', 'blue' FROM users;
-- B: A's custom field, the row written last
INSERT INTO user_attributes VALUES ('0190aaaa-0000-7000-8000-00000000000a', 'nickname', 'custom-field-$tok');
ANALYZE users;
SQL
# C: the user whose address is the high key of the unique index's first leaf page (a copy kept as the page's bound)
hk=$(sql -c "SELECT data FROM bt_page_items('uq_users_email_canonical', 1) WHERE itemoffset = 1" | xxd -r -p | tail -c +2 | tr -d '\000')
# D: a user whose address ANALYZE picked as a histogram bound (pg_stats)
hb=$(sql -c "SELECT (histogram_bounds::text::text[])[50] FROM pg_stats WHERE tablename = 'users' AND attname = 'email_canonical'")
echo "A = a user, quinn.$tok@example.org (UPDATE); B = A's custom field, custom-field-$tok (DELETE, the last row written);"
echo "C = $hk (UPDATE; its address is the high key of a leaf page of the unique index); D = $hb (UPDATE; a histogram bound in pg_stats)"

count() { grep -a -o -F "$1" "${@:2}" 2>/dev/null | wc -l; }
file() { echo "$DATA/$(sql -c "SELECT pg_relation_filepath('$1')")"; }
step() {
  sql -c CHECKPOINT
  local users uq ix attrs
  users=$(file users); uq=$(file uq_users_email_canonical); ix=$(file ix_users_email_canonical_id); attrs=$(file user_attributes)
  printf '%-22s | A in users heap %s, in email indexes %s | B in user_attributes heap %s | C in users heap %s, in email indexes %s\n' "$1" \
    "$(count "Residue-$tok" "$users")" "$(count "quinn.$tok" "$uq" "$ix")" "$(count "custom-field-$tok" "$attrs")" \
    "$(count "$hk" "$users")" "$(count "$hk" "$uq" "$ix")"
}
step "written"
sql <<SQL
UPDATE users SET email = 'erased-' || id || '@erased.roster.invalid', email_canonical = 'erased-' || id || '@erased.roster.invalid',
    display_name = NULL, phone = NULL, status = 'ANONYMIZED', version = version + 1
  WHERE email_canonical IN ('quinn.$tok@example.org', '$hk', '$hb');
DELETE FROM user_attributes WHERE user_id = '0190aaaa-0000-7000-8000-00000000000a';
SQL
step "erased (committed)"
sql -c "VACUUM users" -c "VACUUM user_attributes"
step "after VACUUM"
sql -c "VACUUM FULL users" -c "VACUUM FULL user_attributes"
step "after VACUUM FULL"
echo "pg_stats of users.email_canonical still lists D: $(sql -c "SELECT count(*) FROM pg_stats WHERE tablename = 'users' AND histogram_bounds::text LIKE '%$hb%'") (after VACUUM FULL); \
after ANALYZE: $(sql -c "ANALYZE users" -c "SELECT count(*) FROM pg_stats WHERE tablename = 'users' AND histogram_bounds::text LIKE '%$hb%'")"
echo "pg_wal segments holding A's display name: $(grep -a -l -F "Residue-$tok" "$DATA"/pg_wal/0* 2>/dev/null | wc -l) (of $(ls "$DATA"/pg_wal/0* | wc -l); kept until recycled and overwritten)"

echo "== H2 $(basename "$H2_JAR" .jar): file database in $work/h2"
url="jdbc:h2:file:$work/h2/roster;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
mv="$work/h2/roster.mv.db"
h2() { java -cp "$H2_JAR" org.h2.tools.Shell -url "$url" -user sa -sql "$1" > "$work/h2.out" 2>&1 || { cat "$work/h2.out" >&2; exit 1; }; }
h2step() { # $2: the file to search (default the database file)
  local f=${2:-$mv}
  printf '%-56s | A name %s, A address %s | K (kept, control) %s | %s bytes\n' "$1" \
    "$(count "Residue-$tok" "$f")" "$(count "quinn.$tok" "$f")" "$(count "Kept-$tok" "$f")" "$(stat -c %s "$f")"; }
# H2 keeps values as plain bytes, but SHUTDOWN COMPACT writes compressed pages, where grep can miss a value that is
# there: so its result is also searched in an uncompressed copy (MVStoreTool -compact), and K, a user never erased,
# shows that a stored value is found. A's address sorts in the middle, so it becomes a separator key in an inner page
# of the unique index's B-tree, which no compaction rewrites.
h2 "CREATE TABLE users (id UUID PRIMARY KEY, email VARCHAR(254) NOT NULL, email_canonical VARCHAR(1024) NOT NULL,
      display_name VARCHAR(400), status VARCHAR(16) NOT NULL, CONSTRAINT uq_users_email_canonical UNIQUE (email_canonical));
    INSERT INTO users SELECT RANDOM_UUID(), 'user' || \"X\" || '@example.org', 'user' || \"X\" || '@example.org', 'Name ' || \"X\", 'ACTIVE'
      FROM SYSTEM_RANGE(1, 2000);
    INSERT INTO users VALUES ('0190aaaa-0000-7000-8000-00000000000a', 'Quinn.$tok@example.org', 'quinn.$tok@example.org', 'Quinn Residue-$tok', 'ACTIVE'),
      ('0190aaaa-0000-7000-8000-00000000000b', 'Zoe.Kept-$tok@example.org', 'zoe.kept-$tok@example.org', 'Zoe Kept-$tok', 'ACTIVE');
    INSERT INTO users SELECT RANDOM_UUID(), 'late' || \"X\" || '@example.org', 'late' || \"X\" || '@example.org', 'Name ' || \"X\", 'ACTIVE'
      FROM SYSTEM_RANGE(1, 2000);
    CHECKPOINT; SHUTDOWN IMMEDIATELY"
h2step "written (CHECKPOINT, then stopped abruptly)"
h2 "UPDATE users SET email = 'erased-' || id || '@erased.roster.invalid', email_canonical = 'erased-' || id || '@erased.roster.invalid',
      display_name = NULL, status = 'ANONYMIZED' WHERE id = '0190aaaa-0000-7000-8000-00000000000a';
    CHECKPOINT; SHUTDOWN IMMEDIATELY"
h2step "erased, as the running service leaves it"
h2 "SELECT COUNT(*) FROM users"
h2step "after a normal close (compacts for 200 ms)"
h2 "SHUTDOWN COMPACT"
h2step "after SHUTDOWN COMPACT (compressed)"
cp "$mv" "$work/h2/copy.mv.db"
java -cp "$H2_JAR" org.h2.mvstore.MVStoreTool -compact "$work/h2/copy.mv.db" > /dev/null
h2step "the same, uncompressed (MVStoreTool -compact of a copy)" "$work/h2/copy.mv.db"
h2 "SCRIPT TO '$work/h2/dump.sql'"
rm "$mv"
java -cp "$H2_JAR" org.h2.tools.RunScript -url "$url" -user sa -script "$work/h2/dump.sql"
rm "$work/h2/dump.sql"
h2step "after SCRIPT TO + RUNSCRIPT into a new file"
