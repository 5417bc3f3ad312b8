#!/usr/bin/env bash
# Generates TypeScript types and pydantic models from the bundled schemas, as a user of another
# language would, and checks them against real documents: the samples of examples/data and the
# crate's JSON outputs for them (written by run-schema-check.sh into WORK).
#
# usage: generated-types.sh WORK PYTHON   (run from the repository root)
# - TypeScript: json-schema-to-typescript writes one .ts per document; tsc --strict type-checks
#   a file per real document that assigns it, as an object literal, to the generated type (so a
#   member the type lacks, a code outside an enum or a missing member is a type error), and a
#   file of documents the types must refuse (@ts-expect-error: a misspelt marker, a null).
#   The types must name each definition once (no `RuleId1`) and hold no `| null`.
# - Python: datamodel-code-generator (--use-title-as-name) writes pydantic v2 models; each real
#   document loads into its model and dumps back to an equal JSON value; a misspelt marker fails.
set -euo pipefail
work="$1"
python="$2"
here=.ci/schema-check
bin="$here/node_modules/.bin"
ts="$work/types/ts"
py="$work/types/py"
mkdir -p "$ts" "$py"

# document stem -> root type name (the schema's title)
documents="product:Product clinic_offer:ClinicOffer product_assessment:ProductAssessment offer_evaluation:OfferEvaluation"

for entry in $documents; do
  stem="${entry%%:*}"
  "$bin/json2ts" --input "schemas/bundled/$stem.schema.json" --output "$ts/$stem.ts" --bannerComment ""
  PYTHONWARNINGS=ignore::FutureWarning "$python" -m datamodel_code_generator --input "schemas/bundled/$stem.schema.json" \
    --input-file-type jsonschema --output-model-type pydantic_v2.BaseModel \
    --use-title-as-name --disable-timestamp --output "$py/$stem.py"
done

failed=0
# Names: one type per definition, no numbered copies, no needless null, named markers.
if grep -nE '^export (type|interface) [A-Za-z]+[0-9]+\b' "$ts"/*.ts; then
  echo "generated-types: a definition was turned into numbered copies (above)"
  failed=1
fi
if grep -n '| null\|null |' "$ts"/*.ts; then
  echo "generated-types: a generated type admits null (above), which no document holds"
  failed=1
fi
if [ "$(grep -c '^export type RuleId =' "$ts/product_assessment.ts")" != 1 ]; then
  echo "generated-types: product_assessment.ts does not name RuleId exactly once"
  failed=1
fi
grep -q '^export interface MarkerPercentages' "$ts/product.ts" && grep -qE '^  cd73\?: Percent;' "$ts/product.ts" || {
  echo "generated-types: markers are not typed by their names (MarkerPercentages.cd73)"
  failed=1
}
if grep -nE '^(class|[A-Za-z_]+ = ).*\bSchema(_[0-9]+)?\b' "$py"/*.py; then
  echo "generated-types: pydantic models named Schema/Schema_N (above)"
  failed=1
fi
grep -q '^class ProductAssessment(BaseModel)' "$py/product_assessment.py" || {
  echo "generated-types: no ProductAssessment model"
  failed=1
}

# One .ts per real document: the document as an object literal of the generated type.
checks=0
pairs="$work/types/pairs"
: >"$pairs"
for f in examples/data/products/*.json; do echo "product Product $f" >>"$pairs"; done
for f in examples/data/offers/*.json; do echo "clinic_offer ClinicOffer $f" >>"$pairs"; done
for f in "$work"/assessment-*.json; do echo "product_assessment ProductAssessment $f" >>"$pairs"; done
for f in "$work"/evaluation-*.json; do echo "offer_evaluation OfferEvaluation $f" >>"$pairs"; done
while read -r stem type file; do
  checks=$((checks + 1))
  {
    echo "import type { $type } from \"./$stem\";"
    printf 'export const document: %s = ' "$type"
    cat "$file"
    echo ";"
  } >"$ts/check_$checks.ts"
done <"$pairs"
cat >"$ts/refused.ts" <<'TS'
import type { Product } from "./product";
import type { ProductAssessment } from "./product_assessment";

export const misspeltMarker: Product = {
  name: "X",
  release: {
    identity: {
      markers: {
        // @ts-expect-error a misspelt marker is not a property of MarkerPercentages
        cd7e: 99,
      },
    },
  },
};

export const nullTissue: Product = {
  name: "X",
  // @ts-expect-error null is not "not stated": the member is left out
  tissue: null,
};

// @ts-expect-error not a rule id: RuleId is the union of the crate's rule ids
export const unknownRule: ProductAssessment["us"]["failed"][number] = "us.cfr1271.10.a.9";
TS
"$bin/tsc" --noEmit --strict --skipLibCheck --target es2022 --module esnext \
  --moduleResolution bundler "$ts"/*.ts || failed=1
echo "generated-types: tsc --strict type-checked $checks real documents against the generated types and 3 refused ones"

"$python" "$here/load_models.py" "$py" "$pairs" || failed=1
exit "$failed"
