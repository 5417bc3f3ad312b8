#!/usr/bin/env bash
# Every test of the project, in one command (the README's test command; .ci/run calls it):
#   1. the library and the command-line tool: cargo test --all-features (unit, integration,
#      property and doc tests);
#   2. the Python package (bindings/python): a venv in target/py-venv, pip install, pytest;
#   3. the JavaScript/TypeScript package (bindings/js): the wasm32 target, wasm-bindgen-cli in
#      target/tools, npm ci, the generated types, node --test;
#   4. the patient page (web/) in headless Chromium (Debian's chromium, installed with apt-get when
#      missing), with a screenshot in target/web/.
# Each step installs what it needs and is quick to re-run. Needs a Rust toolchain (rustup),
# Python 3 with venv, Node.js with npm, and root or sudo-free apt-get for Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "cargo test --all-features   (the library and the command-line tool)"
cargo test --all-features

step "Python package (bindings/python): pytest"
bash bindings/python/test.sh

step "JavaScript/TypeScript package (bindings/js): node --test"
bash bindings/js/test.sh

step "Patient page (web/) in headless Chromium"
MSC_JS_BUILT=1 bash web/test.sh

echo
echo "All tests passed: Rust, Python, JavaScript and the patient page."
