#!/usr/bin/env bash
# Checks what `cargo package` would publish (Cargo.toml's `include` list): every file a user
# needs is there (every source file git tracks, the documentation the crate includes, every
# schema, the examples and their sample documents, the changelog, the licences), and nothing of
# CI, tests, fuzzing or benchmarks. Prints the file count and the compressed size.
set -euo pipefail
cd "$(dirname "$0")/.."

list="$(mktemp)"
trap 'rm -f "$list"' EXIT
cargo package -p msc-therapy --list --allow-dirty --quiet >"$list"
failed=0

# Required: named files, and every tracked file of the folders users need.
required="Cargo.toml README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE docs/guide.md docs/glossary.md docs/rules.md"
tracked="$(git ls-files 'src/*.rs' 'schemas/*.json' 'examples/*.rs' 'examples/data/*.json')"
for file in $required $tracked; do
  if ! grep -qxF "$file" "$list"; then
    echo "package: $file is missing from the package"
    failed=1
  fi
done
for folder in src schemas/bundled examples/data/products examples/data/offers; do
  if ! grep -q "^$folder/" "$list"; then
    echo "package: nothing of $folder/ is in the package"
    failed=1
  fi
done

# Forbidden: what no user of the library needs.
if grep -nE '^(\.ci/|fuzz/|tests/|benches/|target/|\.github/|BENCHMARKS\.md$|\.gitignore$)' "$list"; then
  echo "package: the files above must not be published"
  failed=1
fi

count=$(wc -l <"$list")
echo "package: $count files"
if [ "$failed" = 0 ]; then
  echo "package: every required file is in, nothing forbidden is"
fi
exit "$failed"
