#!/usr/bin/env bash
# Reads by id after a create phase, jar against jar (issue 12, point 3: "reads by id no worse than today").
# For each round and each jar: a fresh PostgreSQL database, the jar started on it, creates with wrk at c=8 for CREATE,
# then GET /api/v1/users/{id} over the first NREAD created ids at c=16: WARM unmeasured, MEASURE measured.
# Prints req/s, the server's CPU per request (robust against other load on the machine, unlike req/s), PostgreSQL
# backend CPU, and which tables the database touched in the measured window (pg_stat_user_tables deltas).
#
# Usage, from the project root after `mvn -B -ntp package -DskipTests`:
#   bash bench/read-after-create.sh [JAR ...]                   # default: bootstrap/target/roster.jar
#   ROUNDS=3 bash bench/read-after-create.sh /tmp/before.jar bootstrap/target/roster.jar
# Jars alternate within each round so drift of the machine hits all alike. Needs psql and wrk (Debian's package,
# installed when missing). Drops and re-creates $BENCH_DB (roster_readafter).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORT=${PORT:-18086}
ROUNDS=${ROUNDS:-3}
CREATE=${CREATE:-20s}
WARM=${WARM:-40s}
MEASURE_S=${MEASURE_S:-30}
NREAD=${NREAD:-4000}
DB=${BENCH_DB:-roster_readafter}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JARS=("$@")
[ ${#JARS[@]} -gt 0 ] || JARS=("$ROOT/bootstrap/target/roster.jar")
for jar in "${JARS[@]}"; do [ -f "$jar" ] || { echo "no such jar: $jar (build first: mvn -B -ntp package -DskipTests)" >&2; exit 1; }; done
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  echo "== installing wrk (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; } \
    || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
fi

work=$(mktemp -d)
stop_server() { if [ -f "$work/pid" ]; then kill "$(cat "$work/pid")" 2>/dev/null || true; wait "$(cat "$work/pid")" 2>/dev/null || true; rm -f "$work/pid"; fi; }
trap 'stop_server; rm -rf "$work"' EXIT
pgcpu() { # CPU ticks of the database's backends
  psql -X -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'" -d postgres \
    | while read -r p; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'
}
jcpu() { awk '{print $14 + $15}' "/proc/$(cat "$work/pid")/stat"; }
tables() {
  psql -X -AtF' ' -d "$DB" -c "SELECT relname, seq_scan, coalesce(idx_scan, 0), n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables
    UNION ALL SELECT '~transactions', xact_commit, xact_rollback, 0 FROM pg_stat_database WHERE datname = '$DB' ORDER BY 1"
}
run() { # run JAR: one create-then-read measurement
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" 2>/dev/null
  (cd "$work" && ROSTER_PORT=$PORT ROSTER_ADMIN_EMAIL=bench@roster.test ROSTER_ADMIN_PASSWORD='bench password long enough' \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" DATASOURCES_DEFAULT_USERNAME=$PGUSER DATASOURCES_DEFAULT_PASSWORD= \
    exec java -Xmx1g ${JAVA_OPTS:-} -jar "$1" > "$work/server.log" 2>&1) &
  echo $! > "$work/pid"
  for _ in $(seq 1 600); do curl -sf -o /dev/null "localhost:$PORT/health" && break; sleep 0.1; done
  curl -sf -o /dev/null "localhost:$PORT/health" || { echo "server did not start:" >&2; tail -50 "$work/server.log" >&2; exit 1; }
  curl -sf -XPOST "localhost:$PORT/login" -H 'Content-Type: application/json' \
    -d '{"username":"bench@roster.test","password":"bench password long enough"}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' > "$work/token.txt"
  local out creates reads
  out=$(TOKEN=$(cat "$work/token.txt") wrk -t2 -c8 -d"$CREATE" -s bench/read-after-create/create.lua "http://localhost:$PORT")
  ! grep -q 'Non-2xx' <<<"$out" || { echo "creates answered non-2xx: $out" >&2; exit 1; }
  creates=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  psql -X -Atc "SELECT '/api/v1/users/' || id FROM users ORDER BY id LIMIT $NREAD" -d "$DB" > "$work/paths.txt"
  wrk -t2 -c16 -d"$WARM" -s ../shared/peer-bench/paths.lua "http://localhost:$PORT" -- "$work/paths.txt" "$work/token.txt" > /dev/null
  sleep 1; tables > "$work/t0"; local p0 j0 p1 j1; p0=$(pgcpu); j0=$(jcpu)
  out=$(wrk -t2 -c16 -d"${MEASURE_S}s" -s ../shared/peer-bench/paths.lua "http://localhost:$PORT" -- "$work/paths.txt" "$work/token.txt")
  p1=$(pgcpu); j1=$(jcpu); sleep 1; tables > "$work/t1"
  ! grep -q 'Non-2xx' <<<"$out" || { echo "reads answered non-2xx: $out" >&2; exit 1; }
  reads=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  stop_server
  printf '%-5s %-28s %9s %10s %13s %12s\n' "$round" "$2" "$creates" "$reads" \
    "$(python3 -c "print(f'{($j1 - $j0) * 10 / ($reads * $MEASURE_S):.4f}')")" "$(python3 -c "print(f'{($p1 - $p0) / 100:.2f}')")"
  join "$work/t0" "$work/t1" | awk '{d1 = $5 - $2; d2 = $6 - $3; d3 = $7 - $4; if ($1 == "~transactions") printf "        %-26s commits +%d, rollbacks +%d\n", "(transactions)", d1, d2; else if (d1 || d2 || d3) printf "        %-26s seq scans +%d, index scans +%d, rows written +%d\n", $1, d1, d2, d3}' >> "$work/tables-$3.txt"
}

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(psql -X -tAc 'SHOW server_version' -d postgres | sed 's/^/PostgreSQL /'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== creates c=8 for $CREATE, then GET by id over $NREAD created ids at c=16: $WARM warm-up, ${MEASURE_S}s measured"
printf '%-5s %-28s %9s %10s %13s %12s\n' round jar creates/s "reads/s" "CPU ms/read" "PG CPU s"
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!JARS[@]}"; do
    jar=${JARS[$i]}
    run "$jar" "$(basename "$(dirname "$(dirname "$(dirname "$jar")")")")/$(basename "$jar")" "$i"
  done
done
for i in "${!JARS[@]}"; do echo "== tables touched while reading, ${JARS[$i]} (each round):"; cat "$work/tables-$i.txt"; done
echo "== load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
