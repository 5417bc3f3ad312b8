#!/usr/bin/env bash
# Builds the Python package msc_therapy from source and runs its tests (pytest).
#
#   bash bindings/python/test.sh [PYTEST ARGS...]
#
# - a venv in target/py-venv (PY_VENV overrides; PYTHON picks the interpreter, python3 by default)
#   with maturin, pytest, pydantic and datamodel-code-generator (bindings/python/requirements-dev.txt),
#   installed again only when that file changes;
# - checks that python/msc_therapy/models.py matches the schemas in schemas/ (tools/gen_models.py);
# - `pip install ./bindings/python` (maturin, release build into cargo's target directory, so a
#   re-run rebuilds only what changed; no build isolation, maturin comes from the venv);
# - pytest over bindings/python/tests, which compares every bundled sample with the Rust library
#   (the helper crate bindings/python/reference, run with cargo in release mode, sharing the
#   library build of the package).
# Needs Python 3.10 or later with venv, and cargo. Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
venv=${PY_VENV:-$root/target/py-venv}
python=${PYTHON:-python3}
requirements=bindings/python/requirements-dev.txt

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
export PATH="$venv/bin:$PATH" VIRTUAL_ENV="$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check --quiet)

stamp="$venv/.requirements-dev.sha256"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  "${pip[@]}" install -r "$requirements"
  echo "$wanted" >"$stamp"
fi

echo "== models.py against schemas/"
"$venv/bin/python" bindings/python/tools/gen_models.py --check

echo "== pip install ./bindings/python"
"${pip[@]}" install --no-build-isolation --no-deps --force-reinstall ./bindings/python

echo "== pytest bindings/python/tests"
cd bindings/python
# Import the installed package, not the source folder.
exec "$venv/bin/python" -m pytest -p no:cacheprovider -q tests "$@"
