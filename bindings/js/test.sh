#!/usr/bin/env bash
# Builds the JavaScript/TypeScript package (Rust -> wasm32-unknown-unknown -> wasm-bindgen, for Node
# and for browsers), generates its TypeScript types from the crate's JSON Schemas, writes the Rust
# library's own JSON for the bundled samples, and runs the Node tests (node --test).
# Installs what it needs: the wasm32-unknown-unknown target (rustup), wasm-bindgen-cli at the exact
# version of the wasm-bindgen crate in Cargo.lock (cargo install into target/tools, kept between
# runs), and the npm dev-dependencies from package-lock.json (npm ci into bindings/js/node_modules).
# Idempotent: a second run reuses all of it.
# Usage: bash bindings/js/test.sh [--build-only]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
export CARGO_TARGET_DIR="$target"

step() { printf '\n==> js: %s\n' "$*"; }

# wasm-bindgen-cli must be the version of the wasm-bindgen crate the package is built with.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
tools="$target/tools"
wasm_bindgen="$tools/bin/wasm-bindgen"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! { [ -x "$wasm_bindgen" ] && "$wasm_bindgen" --version | grep -qF " $wb_version"; }; then
  step "cargo install wasm-bindgen-cli $wb_version --root $tools (once; kept for later runs)"
  cargo install wasm-bindgen-cli --version "=$wb_version" --root "$tools"
fi
if [ ! -f "$here/node_modules/.package-lock.json" ] || ! cmp -s "$here/package-lock.json" "$here/node_modules/.lock-copy"; then
  step "npm ci (bindings/js/node_modules)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.lock-copy)
fi

step "cargo clippy -p msc-therapy-js --all-targets --target wasm32-unknown-unknown -- -D warnings"
cargo clippy --quiet -p msc-therapy-js --all-targets --target wasm32-unknown-unknown -- -D warnings

step "cargo build -p msc-therapy-js --release --target wasm32-unknown-unknown"
cargo build --quiet -p msc-therapy-js --release --target wasm32-unknown-unknown
wasm="$target/wasm32-unknown-unknown/release/msc_therapy_js.wasm"

step "wasm-bindgen --target nodejs / --target web -> bindings/js/pkg/"
rm -rf "$here/pkg"
"$wasm_bindgen" --target nodejs --no-typescript --out-dir "$here/pkg/node" "$wasm"
# The Node build is CommonJS; the package itself is an ES module package.
printf '{"type": "commonjs"}\n' >"$here/pkg/node/package.json"
"$wasm_bindgen" --target web --no-typescript --out-dir "$here/pkg/web" "$wasm"
ls -l "$here"/pkg/*/*.wasm

step "TypeScript types from schemas/*.schema.json -> bindings/js/types/schema.d.ts"
node "$here/scripts/gen-types.mjs" "$root/schemas" "$here/types/schema.d.ts"

if [ "${1:-}" = "--build-only" ]; then
  exit 0
fi

step "the Rust library's JSON for the bundled samples (target/js/expected.json)"
mkdir -p "$target/js"
cargo run --quiet -p msc-therapy-js --example expected -- 2026-06-01 "$target/js/expected.json" \
  examples/data/products/*.json -- examples/data/offers/*.json

step "node --test"
cd "$here"
MSC_EXPECTED="$target/js/expected.json" MSC_TARGET="$target/js" node --test test/*.test.mjs
