#!/usr/bin/env bash
# Builds and runs every test: unit and contract tests (SQLite always,
# PostgreSQL too when TEST_DATABASE_URL is set), then the end-to-end tests in
# Chromium on a phone-sized screen, hydrated and with JavaScript disabled.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
"$PROJECT_ROOT/scripts/setup.sh" --with-browser

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  echo "PostgreSQL tests: on (TEST_DATABASE_URL is set)"
else
  echo "PostgreSQL tests: skipped (set TEST_DATABASE_URL=postgres://user@host:5432/postgres to run them)"
fi

step "Unit and contract tests"
cargo test --workspace --no-default-features --features ssr

step "Building the site for the end-to-end tests"
cargo leptos build

step "End-to-end tests (Chromium, 360×640)"
cd end2end
npx playwright test
