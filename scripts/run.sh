#!/usr/bin/env bash
# Builds Phản hồi (release) and runs it on a SQLite file under data/, with
# demo data; the demo staff logins are printed when it starts.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
"$PROJECT_ROOT/scripts/setup.sh"
step "Building (release)"
cargo leptos build --release
export DATABASE_URL="${DATABASE_URL:-sqlite://data/phanhoi.db}"
export PHANHOI_DEMO="${PHANHOI_DEMO:-1}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
step "Starting on http://$LEPTOS_SITE_ADDR (Ctrl-C to stop)"
exec target/release/phanhoi serve
