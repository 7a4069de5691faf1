#!/usr/bin/env bash
# Statistics budget: with 1,000,000 generated complaints (and their events
# and ratings), the public agency ranking and the coordinator's dashboard
# render in ≤ 200 ms at p95, on SQLite and on PostgreSQL (when
# TEST_DATABASE_URL or BENCH_DATABASE_URL points at a server), for months,
# quarters, years and custom ranges. Also times `phanhoi generate` (which
# rebuilds the aggregates at its end) and `phanhoi stats rebuild`.
# Usage: scripts/bench-stats.sh [COMPLAINTS=1000000] [REQUESTS=200] [YEARS=2]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
complaints=${1:-1000000}
requests=${2:-200}
years=${3:-2}
"$PROJECT_ROOT/scripts/setup.sh"
step "Building the server (release)"
cargo build --release --no-default-features --features ssr --bin phanhoi
port=${BENCH_PORT:-3198}
dir=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$dir"' EXIT

run() { # run NAME DATABASE_URL
  local name=$1 url=$2
  step "$name: seeding and generating $complaints complaints over $years years"
  DATABASE_URL="$url" RUST_LOG=warn target/release/phanhoi seed --demo >/dev/null
  /usr/bin/time -f "generate: %e s, %M KB" env DATABASE_URL="$url" RUST_LOG=warn \
    target/release/phanhoi generate --complaints "$complaints" --years "$years"
  /usr/bin/time -f "stats rebuild: %e s, %M KB" env DATABASE_URL="$url" RUST_LOG=warn \
    target/release/phanhoi stats rebuild
  DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site \
    PHANHOI_REMINDER_INTERVAL_SECONDS=0 PHANHOI_ROUTING_RETRAIN_MINUTES=0 RUST_LOG=warn \
    target/release/phanhoi serve >"$dir/$name.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  step "$name: $requests ranking pages, $requests dashboard pages, $((requests / 2)) staff ranking pages"
  node end2end/bench/stats.mjs "http://127.0.0.1:$port" "$requests" "$years"
  kill $server; wait $server 2>/dev/null || true; server=""
}

run SQLite "sqlite://$dir/bench.db"
pg=${BENCH_DATABASE_URL:-${TEST_DATABASE_URL:-}}
if [ -n "$pg" ]; then
  name="phanhoi_bench_stats_$$"
  bench_db=$(python3 -c "import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p._replace(path='/'+sys.argv[2]).geturl())" "$pg" "$name")
  psql "$pg" -qc "CREATE DATABASE $name"
  run PostgreSQL "$bench_db"
  psql "$pg" -qc "DROP DATABASE $name WITH (FORCE)"
else
  echo "PostgreSQL skipped: set TEST_DATABASE_URL or BENCH_DATABASE_URL"
fi
