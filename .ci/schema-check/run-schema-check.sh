#!/usr/bin/env bash
# Validates the exported JSON Schemas outside Rust: Ajv (draft 2020-12, strict mode, ajv-formats)
# and python-jsonschema compile every schema, the split ones of schemas/ together and each
# bundled one of schemas/bundled/ alone, and validate the sample documents and the crate's JSON
# outputs for them. Then generates code from the bundled schemas, as a user of another language
# would: TypeScript types (json-schema-to-typescript), type-checked by tsc against real outputs,
# and pydantic models (datamodel-code-generator --use-title-as-name) that load real outputs.
# Installs its tools from the npm registry (.ci/schema-check/node_modules) and PyPI (a venv
# under target/).
set -euo pipefail
cd "$(dirname "$0")/../.."

here=.ci/schema-check
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

npm install --prefix "$here" --no-audit --no-fund --loglevel=error >/dev/null
venv=target/schema-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  'jsonschema>=4.18,<5' 'datamodel-code-generator==0.100.0' 'pydantic>=2.11,<3' >/dev/null
python="$venv/bin/python"

# The command-line tool: the one CI installed ($MSC_THERAPY_CLI), else built once (cli/).
if [ -n "${MSC_THERAPY_CLI:-}" ]; then
  cli="$MSC_THERAPY_CLI"
else
  cargo build --quiet -p msc-therapy-cli
  cli="${CARGO_TARGET_DIR:-target}/debug/msc-therapy"
fi

manifest="$work/manifest"
: >"$manifest"
for f in examples/data/products/*.json; do
  echo "product.schema.json $f" >>"$manifest"
  out="$work/assessment-$(basename "$f")"
  "$cli" product --json "$f" >"$out"
  echo "product_assessment.schema.json $out" >>"$manifest"
  # What would change the verdict (issue #22): settling facts, and the smallest changes.
  out="$work/settling-$(basename "$f")"
  "$cli" what-if --json "$f" >"$out"
  echo "settling_facts.schema.json $out" >>"$manifest"
  out="$work/changes-$(basename "$f")"
  "$cli" what-if --json --target quality:pass "$f" >"$out"
  echo "smallest_changes.schema.json $out" >>"$manifest"
done
for f in examples/data/offers/*.json; do
  echo "clinic_offer.schema.json $f" >>"$manifest"
  out="$work/evaluation-$(basename "$f")"
  "$cli" offer --json "$f" >"$out"
  echo "offer_evaluation.schema.json $out" >>"$manifest"
  out="$work/settling-offer-$(basename "$f")"
  "$cli" what-if --json "$f" >"$out"
  echo "settling_facts.schema.json $out" >>"$manifest"
  out="$work/changes-offer-$(basename "$f")"
  "$cli" what-if --json --target good_signs "$f" >"$out"
  echo "smallest_changes.schema.json $out" >>"$manifest"
done

# Documents the parser rejects must fail the schemas too ("!" before the schema file).
bad() { # NAME JSON
  printf '%s\n' "$2" >"$work/bad-$1.json"
  echo "!product.schema.json $work/bad-$1.json" >>"$manifest"
}
bad zero_width_name '{"name": "\u200b"}'
bad year_0000 '{"name": "X", "release": {"certificate": {"lot": "L", "issued_on": "0000-01-01"}}}'
bad feb_30 '{"name": "X", "release": {"certificate": {"lot": "L", "issued_on": "2024-02-30"}}}'
bad administrations_2_40 '{"name": "X", "dose": {"administrations": 1099511627776}}'
bad array_product '["Array product"]'
bad array_delivery '{"name": "X", "delivery": ["intravenous"]}'
bad unknown_marker '{"name": "X", "release": {"identity": {"markers": {"cd7e": 99}}}}'
# null is refused: a member that is not stated is left out.
bad steps_null '{"name": "X", "processing": {"steps": null}}'
bad tissue_null '{"name": "X", "tissue": null}'
# An authorisation names one product, by catalog key or by number, not both.
sed 's/"authorisation": {"catalog_key": "ryoncil_us"}/"authorisation": {"catalog_key": "ryoncil_us", "authorisation_number": "BLA 125706"}/' examples/data/offers/ryoncil_on_label.json >"$work/bad-both_references.json"
grep -q authorisation_number "$work/bad-both_references.json"
echo "!clinic_offer.schema.json $work/bad-both_references.json" >>"$manifest"
sed 's/"phases": \["PHASE2"\]/"phases": ["NA", "PHASE1"]/' examples/data/offers/trial_site.json >"$work/bad-na_phase1.json"
echo "!clinic_offer.schema.json $work/bad-na_phase1.json" >>"$manifest"
# A patient's age above 150 years in its unit, and an age written as an array.
sed 's/"age": {"value": 9, "unit": "years"}/"age": {"value": 1801, "unit": "months"}/' examples/data/offers/ryoncil_on_label.json >"$work/bad-age_1801_months.json"
echo "!clinic_offer.schema.json $work/bad-age_1801_months.json" >>"$manifest"
sed 's/"age": {"value": 9, "unit": "years"}/"age": [9, "years"]/' examples/data/offers/ryoncil_on_label.json >"$work/bad-age_array.json"
echo "!clinic_offer.schema.json $work/bad-age_array.json" >>"$manifest"
grep '^!' "$manifest" | while read -r schema f; do
  case "$schema" in
    '!product.schema.json') kind=product ;;
    '!clinic_offer.schema.json') kind=offer ;;
    *) echo "no subcommand reads $schema"; exit 1 ;;
  esac
  if "$cli" "$kind" "$f" >/dev/null 2>&1; then
    echo "the parser accepts $f, which the schema must reject"
    exit 1
  fi
done

node "$here/validate.mjs" schemas "$manifest"
"$python" "$here/validate.py" schemas "$manifest"
node "$here/validate.mjs" schemas/bundled "$manifest" --standalone
"$python" "$here/validate.py" schemas/bundled "$manifest" --standalone

bash "$here/generated-types.sh" "$work" "$python"
