# Sourced by the other scripts: one toolchain for every build.
# Debian's rustc-web (1.96) builds both the server and the WASM client (its
# std for wasm32 is compiled from source, which needs RUSTC_BOOTSTRAP=1);
# cargo-installed tools and the npm tools (wasm-opt, Playwright) follow.
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PROJECT_ROOT
export PATH="/usr/bin:$HOME/.cargo/bin:$PROJECT_ROOT/end2end/node_modules/.bin:$PATH"
export RUSTC_BOOTSTRAP=1
# The name of the WASM/JS bundle; leptos reads it at compile time, so every
# build (cargo test, cargo leptos) must see the same value.
export LEPTOS_OUTPUT_NAME=phanhoi
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"
step() { printf '\n==> %s\n' "$*"; }
