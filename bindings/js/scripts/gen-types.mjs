// Generates types/schema.d.ts from the crate's JSON Schemas (schemas/*.schema.json) with
// json-schema-to-typescript.
//
// The split schema files are not fed to the generator as they are; this script joins them into one
// schema first and adjusts it, without changing any file under schemas/:
// - one set of definitions: the shared `definitions.schema.json#/$defs/X` and every document
//   (`finding.schema.json`) become `#/$defs/<title>` in one document, so each type - every
//   vocabulary's union of codes included - is declared once, under its own name, and referenced
//   everywhere else (the split files make the generator inline `RuleId` in each file that uses it);
// - maps keyed by a vocabulary (`propertyNames: {$ref: SurfaceMarker}`) are typed by their keys
//   (`{[K in SurfaceMarker]?: Percent}`), so a misspelt marker does not compile;
// - output documents never hold `null` (the library leaves an absent value out), so `null` is
//   dropped from the types of the output documents and of the definitions only they use; input
//   documents keep it where their schema allows it.
// Usage: node scripts/gen-types.mjs SCHEMA_DIR OUT.d.ts
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compile } from 'json-schema-to-typescript';

const [schemaDir, out] = process.argv.slice(2);
if (!schemaDir || !out) {
  console.error('usage: node scripts/gen-types.mjs SCHEMA_DIR OUT.d.ts');
  process.exit(64);
}

const INPUT_DOCUMENTS = ['Product', 'ClinicOffer', 'QualityPolicy', 'OfferPolicy'];

const files = readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort();
const read = (f) => JSON.parse(readFileSync(join(schemaDir, f), 'utf8'));
const shared = read('definitions.schema.json').$defs ?? {};
const documents = {}; // file name -> title
const defs = {};
for (const [name, def] of Object.entries(shared)) defs[name] = def;
for (const f of files) {
  if (f === 'definitions.schema.json') continue;
  const doc = read(f);
  if (!doc.title) throw new Error(`${f} has no title`);
  if (doc.$defs) Object.assign(defs, doc.$defs); // a schema that carries its own definitions
  delete doc.$defs;
  documents[f] = doc.title;
  defs[doc.title] = doc;
}

// References into the one document.
const rewrite = (node) => {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  const outNode = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$id' || k === '$schema') continue;
    if (k === '$ref') {
      const [file, pointer] = v.split('#');
      if (file === '' || file === 'definitions.schema.json') outNode.$ref = `#${pointer}`;
      else if (documents[file]) outNode.$ref = `#/$defs/${documents[file]}`;
      else throw new Error(`unknown reference ${v}`);
      continue;
    }
    outNode[k] = rewrite(v);
  }
  return outNode;
};
for (const name of Object.keys(defs)) defs[name] = rewrite(defs[name]);

const refName = (ref) => ref.replace(/^#\/\$defs\//, '');

// Definitions reachable from the input documents keep their nulls.
const reachable = new Set();
const visit = (node) => {
  if (Array.isArray(node)) return node.forEach(visit);
  if (node === null || typeof node !== 'object') return;
  if (typeof node.$ref === 'string') {
    const name = refName(node.$ref);
    if (!reachable.has(name)) {
      reachable.add(name);
      visit(defs[name]);
    }
  }
  Object.values(node).forEach(visit);
};
for (const d of INPUT_DOCUMENTS) {
  reachable.add(d);
  visit(defs[d]);
}

const isNull = (s) => s && typeof s === 'object' && s.type === 'null' && Object.keys(s).length <= 2;
const dropNull = (node) => {
  if (Array.isArray(node)) return node.map(dropNull);
  if (node === null || typeof node !== 'object') return node;
  const n = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, dropNull(v)]));
  if (Array.isArray(n.type) && n.type.includes('null')) {
    n.type = n.type.filter((t) => t !== 'null');
    if (n.type.length === 1) n.type = n.type[0];
  }
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(n[key]) && n[key].some(isNull)) {
      const rest = n[key].filter((s) => !isNull(s));
      if (rest.length === 1) {
        delete n[key];
        Object.assign(n, rest[0]);
      } else n[key] = rest;
    }
  }
  return n;
};

// Maps keyed by a vocabulary, typed by their keys.
const keyedMaps = (node) => {
  if (Array.isArray(node)) return node.map(keyedMaps);
  if (node === null || typeof node !== 'object') return node;
  const n = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, keyedMaps(v)]));
  // A `$ref` with a description beside it is inlined by the generator (its reference parser
  // merges the two into a new schema): it is written as the referenced type's name instead,
  // keeping the description for the doc comment.
  if (typeof n.$ref === 'string' && Object.keys(n).length > 1) {
    const { $ref, ...rest } = n;
    return { ...rest, tsType: refName($ref) };
  }
  if (n.propertyNames?.$ref && n.additionalProperties?.$ref) {
    const key = refName(n.propertyNames.$ref);
    const value = refName(n.additionalProperties.$ref);
    n.tsType = `{ [K in ${key}]?: ${value} }`;
  }
  return n;
};

let outputOnly = 0;
for (const name of Object.keys(defs)) {
  if (!reachable.has(name)) {
    defs[name] = dropNull(defs[name]);
    outputOnly += 1;
  }
  defs[name] = keyedMaps(defs[name]);
}

const root = {
  title: 'MscTherapyDocuments',
  description: 'Every document of msc-therapy, by its schema title.',
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(Object.values(documents).map((t) => [t, { $ref: `#/$defs/${t}` }])),
  $defs: defs,
};

const ts = await compile(root, 'MscTherapyDocuments', {
  bannerComment:
    '/* Generated by bindings/js/scripts/gen-types.mjs from schemas/*.schema.json with json-schema-to-typescript. Do not edit. */',
  unreachableDefinitions: true,
  additionalProperties: false,
  strictIndexSignatures: true,
  format: true,
  $refOptions: { resolve: { external: false, http: false, file: false } },
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, ts);
console.log(`${out}: ${Object.keys(defs).length} definitions (${outputOnly} output-only, without null)`);
