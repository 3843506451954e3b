#!/usr/bin/env bash
# Roster vs Keycloak side by side with ../shared/peer-bench/side_by_side.py (see its README), run from a scratch copy
# because the shared folder is read-only and lacks the kc_bench module the script imports (bench/peer/kc_bench.py).
# Usage: bench/side-by-side.sh [side_by_side.py options]   (default: --roster-jar bootstrap/target/roster.jar)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${ROSTER_PEER_BENCH:-$root/../shared/peer-bench}
command -v wrk >/dev/null || { apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; }
work=${PERF_DIR:-$(mktemp -d)}
mkdir -p "$work/peer-bench"
cp "$shared/side_by_side.py" "$shared/paths.lua" "$work/peer-bench/"
[ -f "$shared/kc_bench.py" ] && cp "$shared/kc_bench.py" "$work/peer-bench/" || cp "$root/bench/peer/kc_bench.py" "$work/peer-bench/"
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--roster-jar "$root/bootstrap/target/roster.jar")
cd "$work/peer-bench"
PERF_DIR="$work" python3 side_by_side.py "${args[@]}"
