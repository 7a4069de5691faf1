#!/usr/bin/env bash
# Page budgets: builds the release site, prints the WASM size (raw and gzip),
# what a first visit to each citizen page transfers (budget: 200 KB), and
# the Lighthouse mobile scores of the citizen pages (budgets: performance
# ≥ 90, accessibility ≥ 95).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
"$PROJECT_ROOT/scripts/setup.sh" --with-browser
step "Building (release)"
cargo leptos build --release
wasm=target/site/pkg/phanhoi.wasm
js=target/site/pkg/phanhoi.js
css=target/site/pkg/phanhoi.css
step "Release bundle"
for f in "$wasm" "$js" "$css"; do
  printf '  %-32s %8d bytes raw  %8d bytes gzip -9\n' "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
port=${BENCH_PORT:-3197}
dir=$(mktemp -d)
DATABASE_URL="sqlite://$dir/bench.db" PHANHOI_DEMO=1 LEPTOS_SITE_ADDR="127.0.0.1:$port" \
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn target/release/phanhoi serve >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
step "First visit, compressed transfer"
(cd end2end && node bench/transfer.mjs "http://127.0.0.1:$port" / /gui-phan-anh /tra-cuu /phan-anh)
step "Lighthouse, mobile preset"
(cd end2end && node bench/lighthouse.mjs "http://127.0.0.1:$port" / /gui-phan-anh /tra-cuu /phan-anh)
