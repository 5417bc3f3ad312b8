#!/usr/bin/env bash
# Tests the patient page (web/) in Debian's headless Chromium, driven by playwright-core.
# Installs what it needs: chromium from Debian's packages (apt-get, when /usr/bin/chromium is
# missing), playwright-core from package-lock.json (npm ci into web/node_modules), and the web build
# of the JavaScript package (bindings/js/test.sh --build-only), copied into web/pkg/.
# Saves the screenshot of a result to target/web/screenshot.png. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
export CARGO_TARGET_DIR="$target"

step() { printf '\n==> web: %s\n' "$*"; }

if [ ! -x /usr/bin/chromium ]; then
  step "apt-get install chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version

if [ ! -f "$here/node_modules/.package-lock.json" ] || ! cmp -s "$here/package-lock.json" "$here/node_modules/.lock-copy"; then
  step "npm ci (web/node_modules)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.lock-copy)
fi

if [ "${MSC_JS_BUILT:-}" != 1 ]; then
  step "the web build of the package (bindings/js/test.sh --build-only)"
  bash bindings/js/test.sh --build-only
fi
mkdir -p "$here/pkg"
cp bindings/js/pkg/web/msc_therapy_js.js bindings/js/pkg/web/msc_therapy_js_bg.wasm "$here/pkg/"

step "node --test web/test/ (headless Chromium)"
mkdir -p "$target/web"
cd "$here"
node --test test/*.test.mjs
echo "screenshot: $target/web/screenshot.png"
