#!/usr/bin/env bash
# Restore drill (SPEC §8 "Erasure ledger (backups)", ADR 0021, docs/gdpr.md "Backups and the erasure ledger"):
# proves that restoring a database backup taken before some erasures does not bring the erased people back.
#
#   1. starts Roster on PostgreSQL (database $DRILL_DB, default roster_drill, dropped and re-created) with a ledger
#      in a temporary directory; creates users; erases two of them;
#   2. takes the backup: pg_dump -Fc;
#   3. creates more users; erases users that the backup holds unerased (admin anonymize, and a self-erasure) and users
#      created after the backup; stops Roster;
#   4. restores the backup: DROP DATABASE, CREATE DATABASE, pg_restore; checks that the erased people are back in it;
#   5. starts Roster again with the same ledger, and checks: every erased user the restore brought back is erased
#      again (a new receipt, a user.erasure_replayed audit event, no personal value left in its row), the users
#      erased before the backup stay as they were, users the backup never held are not created, every other row of
#      the restored users is unchanged, a replay on request changes nothing more, GET /api/v1/audit-events/verify is
#      valid, and the ledger holds no personal data.
#
# Prints a short report and exits non-zero on any failed check. Build-free: uses bootstrap/target/roster.jar (a copy
# of it, so a rebuild during the drill cannot pull it away). Needs psql, pg_dump and pg_restore, and a PostgreSQL the
# current user reaches without a password (PGHOST, PGPORT, PGUSER; default 127.0.0.1:5432, postgres). PORT default 8221.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/bootstrap/target/roster.jar
PORT=${PORT:-8221}
DB=${DRILL_DB:-roster_drill}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
ADMIN_EMAIL=drill-admin@roster.test
ADMIN_PASSWORD='drill admin password, long enough'
[ -f "$JAR" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }
for tool in psql pg_dump pg_restore curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

work=$(mktemp -d)
cp "$JAR" "$work/roster.jar"
LEDGER=$work/ledger/erasure-ledger.ndjson
failures=0
cleanup() {
  [ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ok() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*"; failures=$((failures + 1)); }
check() { # check "what" command...: ok when the command succeeds
  local what=$1; shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
sql() { psql -X -q -v ON_ERROR_STOP=1 -tA -d "$DB" "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

start_roster() {
  local log=$1
  (cd "$work" && ROSTER_PORT=$PORT ROSTER_ADMIN_EMAIL=$ADMIN_EMAIL ROSTER_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    ROSTER_JWT_SECRET=drill-secret-0123456789abcdef0123456789abcdef ROSTER_ERASURE_LEDGER_PATH="$LEDGER" \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATASOURCES_DEFAULT_USERNAME=$PGUSER \
    DATASOURCES_DEFAULT_PASSWORD= exec java -Xmx384m -jar "$work/roster.jar" > "$log" 2>&1) &
  echo $! > "$work/pid"
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "localhost:$PORT/health" && return 0
    kill -0 "$(cat "$work/pid")" 2>/dev/null || { echo "Roster did not start:"; tail -20 "$log"; exit 1; }
    sleep 0.1
  done
  echo "Roster did not answer /health within 30 s"; tail -20 "$log"; exit 1
}
stop_roster() {
  local pid; pid=$(cat "$work/pid")
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || { rm -f "$work/pid"; return 0; }; sleep 0.1; done
  echo "Roster did not stop within 10 s"; exit 1
}
login() { # login email password → token
  curl -sf -XPOST "localhost:$PORT/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" | json 'd["access_token"]'
}
api() { # api METHOD PATH [BODY] → body on stdout, status in $work/status
  local body=${3:-}
  curl -s -o "$work/body" -w '%{http_code}' -X "$1" "localhost:$PORT$2" -H "Authorization: Bearer $TOKEN" \
    ${body:+-H 'Content-Type: application/json' -d "$body"} > "$work/status"
  cat "$work/body"
}
status() { cat "$work/status"; }
create_user() { # create_user n → id; each user has a name, a phone, an attribute and a password
  api POST /api/v1/users "{\"email\":\"drill-person-$1@example.org\",\"displayName\":\"Drill Person Number$1\",
    \"phone\":\"+49151000000$(printf '%02d' "$1")\",\"attributes\":{\"team\":\"drill-team-$1\"},
    \"password\":\"drill person password $1\"}" | json 'd["id"]'
}
anonymize() { api POST "/api/v1/users/$1/anonymize" | json 'd["id"]'; }
# every row the restore brought back for a user, except the users table's row for the users that are erased again
snapshot() { # snapshot file [excluded ids...]
  local out=$1; shift
  local excluded="'00000000-0000-0000-0000-000000000000'"
  for id in "$@"; do excluded="$excluded,'$id'"; done
  {
    sql -c "SELECT * FROM users WHERE id NOT IN ($excluded) ORDER BY id"
    sql -c "SELECT * FROM user_roles WHERE user_id NOT IN ($excluded) ORDER BY user_id, role"
    sql -c "SELECT * FROM user_attributes WHERE user_id NOT IN ($excluded) ORDER BY user_id, attr_key"
    sql -c "SELECT * FROM user_files WHERE owner_id NOT IN ($excluded) ORDER BY id"
    sql -c "SELECT * FROM legal_holds WHERE user_id NOT IN ($excluded) ORDER BY user_id"
    sql -c "SELECT * FROM erasure_receipts WHERE user_id NOT IN ($excluded) ORDER BY id"
  } > "$out"
}

echo "== restore drill on PostgreSQL $PGHOST:$PGPORT, database $DB, Roster on port $PORT, ledger $LEDGER"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

echo "== 1. Roster with a fresh database and ledger; users created, two erased before the backup"
start_roster "$work/server-1.log"
TOKEN=$(login $ADMIN_EMAIL "$ADMIN_PASSWORD")
declare -a before_ids after_ids
for n in 1 2 3 4 5 6 7 8; do before_ids[$n]=$(create_user "$n"); done
api POST "/api/v1/users/${before_ids[3]}/files" '{"name":"drill-person-3-passport.pdf","sizeBytes":4096,"contentType":"application/pdf"}' >/dev/null
erased_before_backup=("${before_ids[1]}" "${before_ids[2]}")
for id in "${erased_before_backup[@]}"; do anonymize "$id" >/dev/null; done
bystander_before=$(api GET "/api/v1/users/${before_ids[8]}")

echo "== 2. the backup: pg_dump -Fc"
pg_dump -Fc -d "$DB" -f "$work/backup.dump"
echo "   $(du -h "$work/backup.dump" | cut -f1) written"

echo "== 3. after the backup: more users; erasures of users the backup holds unerased, and of new users"
for n in 11 12 13; do after_ids[$n]=$(create_user "$n"); done
restored_and_erased=("${before_ids[3]}" "${before_ids[4]}" "${before_ids[5]}")
declare -A first_receipt
first_receipt[${before_ids[3]}]=$(anonymize "${before_ids[3]}")
first_receipt[${before_ids[4]}]=$(anonymize "${before_ids[4]}")
# person 5 erases herself
SELF_TOKEN=$(login drill-person-5@example.org 'drill person password 5')
first_receipt[${before_ids[5]}]=$(curl -sf -XPOST "localhost:$PORT/api/v1/me/erasure" -H "Authorization: Bearer $SELF_TOKEN" \
  -H 'Content-Type: application/json' -d '{"currentPassword":"drill person password 5"}' | json 'd["id"]')
never_in_backup=("${after_ids[11]}" "${after_ids[12]}")
for id in "${never_in_backup[@]}"; do anonymize "$id" >/dev/null; done
ledger_lines_before_restore=$(wc -l < "$LEDGER")
stop_roster
echo "   ${#restored_and_erased[@]} users erased that the backup holds unerased, ${#never_in_backup[@]} erased that it never held;" \
  "the ledger has $ledger_lines_before_restore lines"

echo "== 4. the restore: DROP DATABASE, CREATE DATABASE, pg_restore"
psql -X -q -d postgres -c "DROP DATABASE $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
pg_restore -d "$DB" --no-owner "$work/backup.dump"
back=0
for id in "${restored_and_erased[@]}"; do
  [ "$(sql -c "SELECT status FROM users WHERE id = '$id'")" = ACTIVE ] && back=$((back + 1))
done
check "the restored database holds the $back erased users again, unerased" [ "$back" = "${#restored_and_erased[@]}" ]
snapshot "$work/restored.txt" "${restored_and_erased[@]}"

echo "== 5. Roster restarted on the restored database with the same ledger"
start_roster "$work/server-2.log"
startup_line=$(grep -o 'Erasure ledger .*: [0-9]* entries.*' "$work/server-2.log" | head -1 || true)
echo "   start-up: ${startup_line#*: }"
check "the start-up replay erased 3 users again, found 2 erased already and 2 not in the database" \
  grep -q '3 erased again, 2 erased already, 2 not in the database' <<< "$startup_line"
snapshot "$work/after.txt" "${restored_and_erased[@]}" # before anyone logs in (a login writes last_login_at)
check "every other row of the restored users is unchanged (users, roles, attributes, files, holds, receipts)" \
  cmp -s "$work/restored.txt" "$work/after.txt"
TOKEN=$(login $ADMIN_EMAIL "$ADMIN_PASSWORD")

for id in "${restored_and_erased[@]}"; do
  user=$(api GET "/api/v1/users/$id")
  st=$(json 'd["status"]' <<< "$user")
  receipt=$(json 'd["receiptId"]' <<< "$user")
  check "user $id is erased again (status $st) with a new receipt" \
    [ "$st" = ANONYMIZED -a "$receipt" != "${first_receipt[$id]}" -a "$receipt" != None ]
  api GET "/api/v1/erasure-receipts/$receipt" >/dev/null
  check "  its receipt $receipt is stored" [ "$(status)" = 200 ]
  events=$(api GET "/api/v1/audit-events?action=user.erasure_replayed&userId=$id")
  check "  one user.erasure_replayed audit event names the new receipt and the ledger's" python3 -c "
import json, sys
items = json.loads(sys.argv[1])['items']
sys.exit(0 if len(items) == 1 and items[0]['details']['receipt'] == sys.argv[2] and items[0]['details']['ledgerReceipt'] == sys.argv[3] else 1)
" "$events" "$receipt" "${first_receipt[$id]}"
  leftovers=$(sql -c "SELECT count(*) FROM users WHERE id = '$id' AND (email LIKE 'drill-person-%' OR display_name IS NOT NULL
      OR phone IS NOT NULL OR password_hash IS NOT NULL)")
  leftovers=$((leftovers + $(sql -c "SELECT count(*) FROM user_attributes WHERE user_id = '$id'")
    + $(sql -c "SELECT count(*) FROM user_files WHERE owner_id = '$id'")))
  check "  no personal value or file of it is left in its rows" [ "$leftovers" = 0 ]
done
for id in "${erased_before_backup[@]}"; do
  check "user $id, erased before the backup, is erased once (no replay event)" python3 -c "
import json, sys
sys.exit(0 if json.loads(sys.argv[1])['items'] == [] else 1)" "$(api GET "/api/v1/audit-events?action=user.erasure_replayed&userId=$id")"
done
for id in "${never_in_backup[@]}"; do
  api GET "/api/v1/users/$id" >/dev/null
  check "user $id, created and erased after the backup, is not created (404)" [ "$(status)" = 404 ]
done
check "a user the drill never erased reads as before the backup" [ "$(api GET "/api/v1/users/${before_ids[8]}")" = "$bystander_before" ]

replay=$(api POST /api/v1/erasure-ledger/replay)
echo "   replay on request: $replay"
check "a replay on request changes nothing more" python3 -c "
import json, sys
r = json.loads(sys.argv[1])
sys.exit(0 if (r['reErased'], r['alreadyErased'], r['notFound'], r['skippedLines']) == (0, 5, 2, 0) else 1)" "$replay"
verify=$(api GET /api/v1/audit-events/verify)
echo "   audit chain: $verify"
check "GET /api/v1/audit-events/verify is valid" [ "$(json 'd["valid"]' <<< "$verify")" = True ]
ledger_lines=$(wc -l < "$LEDGER")
check "the ledger kept its $ledger_lines_before_restore lines and gained one per erasure replayed ($ledger_lines)" \
  [ "$ledger_lines" = $((ledger_lines_before_restore + ${#restored_and_erased[@]})) ]
check "the ledger holds no personal data (no email, name, phone or attribute)" \
  bash -c "! grep -qE 'drill-person|Drill Person|\\+49151|drill-team' '$LEDGER'"
errors=$( { grep -h ' ERROR ' "$work/server-1.log" "$work/server-2.log" || true; } | wc -l)
check "no ERROR in the server logs" [ "$errors" = 0 ]
stop_roster

echo
if [ "$failures" = 0 ]; then
  echo "RESTORE DRILL PASSED: ${#restored_and_erased[@]} erased users that the restore brought back were erased again with new receipts;" \
    "nothing else changed"
else
  echo "RESTORE DRILL FAILED: $failures check(s) failed"
  exit 1
fi
