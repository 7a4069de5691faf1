#!/usr/bin/env bash
# Installs what building (and, with --with-browser, testing) Phản hồi needs on
# Debian 12. Skips whatever is already there, so a second run takes seconds.
#   scripts/setup.sh                 toolchain for building and running
#   scripts/setup.sh --with-browser  also Chromium and the test tools
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"

with_browser=false
[[ "${1:-}" == "--with-browser" ]] && with_browser=true

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

packages=(rustc-web cargo-web rust-web-src rust-web-clippy lld-22 pkg-config)
$with_browser && packages+=(chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere than Debian (its npm is then built in).
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  step "Installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "Debian packages: already installed"
fi

if cargo leptos --version >/dev/null 2>&1; then
  echo "cargo-leptos: $(cargo leptos --version)"
else
  step "Installing cargo-leptos (about 17 minutes on 2 cores, once)"
  cargo install cargo-leptos --locked --version 0.3.11
fi

wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null)" == "wasm-bindgen $wasm_bindgen_version" ]]; then
  echo "wasm-bindgen: $wasm_bindgen_version"
else
  step "Installing wasm-bindgen-cli $wasm_bindgen_version (must match Cargo.lock)"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

# wasm-opt (release builds) and the test tools come from npm, pinned in
# end2end/package-lock.json.
if [[ -x end2end/node_modules/.bin/wasm-opt && end2end/node_modules/.package-lock.json -nt end2end/package-lock.json ]]; then
  echo "npm tools: already installed"
else
  step "Installing npm tools (wasm-opt, Playwright)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "Set-up complete."
