#!/usr/bin/env bash
# Staff page budget: with 100,000 generated complaints, a staff inbox page
# and a complaint page render in ≤ 100 ms at p95, on SQLite and on
# PostgreSQL (when TEST_DATABASE_URL or BENCH_DATABASE_URL points at a
# server). Usage: scripts/bench-staff.sh [COMPLAINTS=100000] [REQUESTS=300]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
complaints=${1:-100000}
requests=${2:-300}
"$PROJECT_ROOT/scripts/setup.sh"
step "Building the server (release)"
cargo build --release --no-default-features --features ssr --bin phanhoi
port=${BENCH_PORT:-3197}
dir=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$dir"' EXIT

run() { # run NAME DATABASE_URL
  local name=$1 url=$2
  step "$name: seeding and generating $complaints complaints"
  DATABASE_URL="$url" RUST_LOG=warn target/release/phanhoi seed --demo >/dev/null
  DATABASE_URL="$url" RUST_LOG=warn target/release/phanhoi generate --complaints "$complaints"
  DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site \
    PHANHOI_REMINDER_INTERVAL_SECONDS=0 PHANHOI_ROUTING_RETRAIN_MINUTES=0 RUST_LOG=warn \
    target/release/phanhoi serve >"$dir/$name.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  step "$name: $requests inbox pages and $requests complaint pages"
  node end2end/bench/staff.mjs "http://127.0.0.1:$port" "$requests" "$complaints"
  kill $server; wait $server 2>/dev/null || true; server=""
}

run SQLite "sqlite://$dir/bench.db"
pg=${BENCH_DATABASE_URL:-${TEST_DATABASE_URL:-}}
if [ -n "$pg" ]; then
  name="phanhoi_bench_$$"
  admin_db=$(python3 -c "import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p._replace(path='/'+sys.argv[2]).geturl())" "$pg" "$name")
  psql "$pg" -qc "CREATE DATABASE $name"
  run PostgreSQL "$admin_db"
  psql "$pg" -qc "DROP DATABASE $name WITH (FORCE)"
else
  echo "PostgreSQL skipped: set TEST_DATABASE_URL or BENCH_DATABASE_URL"
fi
