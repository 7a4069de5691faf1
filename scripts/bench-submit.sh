#!/usr/bin/env bash
# Submission budget: 50 concurrent citizens file complaints (no photos)
# through the wizard against a release server on a fresh SQLite file.
# Prints the p95 of the submission (budget: 50 ms), the errors (budget: 0),
# and checks that the database holds exactly one row per acknowledged
# submission. Usage: scripts/bench-submit.sh [CONCURRENCY=50] [PER_CITIZEN=10]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
concurrency=${1:-50}
per=${2:-10}
"$PROJECT_ROOT/scripts/setup.sh"
step "Building the server (release)"
cargo build --release --no-default-features --features ssr --bin phanhoi
port=${BENCH_PORT:-3198}
dir=$(mktemp -d)
# Rate limits off: every simulated citizen comes from 127.0.0.1.
DATABASE_URL="sqlite://$dir/bench.db" LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site \
  PHANHOI_LIMIT_SUBMIT_PER_ADDRESS_HOUR=0 PHANHOI_LIMIT_SUBMIT_PER_PHONE_DAY=0 RUST_LOG=warn \
  target/release/phanhoi serve >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
step "Submitting: $concurrency concurrent citizens × $per complaints"
out=$(node end2end/bench/submit.mjs "http://127.0.0.1:$port" "$concurrency" "$per")
echo "$out" | grep -v '^CODES '
codes=$(echo "$out" | sed -n 's/^CODES //p')
step "Checking the database"
python3 - "$dir/bench.db" "$codes" <<'PY'
import sqlite3, sys
db, codes = sys.argv[1], [c.replace("-", "") for c in sys.argv[2].split(",") if c]
rows = sqlite3.connect(db).execute("SELECT tracking_code FROM complaints").fetchall()
stored = sorted(r[0] for r in rows)
print(f"rows: {len(stored)}, acknowledged: {len(codes)}")
if sorted(codes) != stored:
    sys.exit("MISMATCH: rows and acknowledged submissions differ")
print("exactly one row per acknowledged submission")
PY
