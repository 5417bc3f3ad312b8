// Compiles every schema of schemas/ with Ajv in strict mode (draft 2020-12, with ajv-formats) and
// validates each document listed in the manifest against its schema.
//
// usage: node validate.mjs SCHEMA_DIR MANIFEST [--standalone]
// --standalone: each schema is compiled alone, in an Ajv instance of its own that knows no other
// schema (for schemas/bundled/: each file must be self-contained).
// MANIFEST: one line per document, "SCHEMA_FILE DOCUMENT_PATH"; "!SCHEMA_FILE" for a document
// that must be invalid.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fs from "node:fs";
import path from "node:path";

const [schemaDir, manifest, mode] = process.argv.slice(2);
const standalone = mode === "--standalone";
const label = standalone ? `ajv (${schemaDir}, each alone)` : "ajv";
const newAjv = () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
};
const shared = newAjv();

// file -> [Ajv instance, $id]
const byFile = new Map();
for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith(".schema.json")).sort()) {
  const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, file), "utf8"));
  const ajv = standalone ? newAjv() : shared;
  ajv.addSchema(schema);
  byFile.set(file, [ajv, schema.$id]);
}
let failed = 0;
for (const [file, [ajv, id]] of byFile) {
  try {
    if (!ajv.getSchema(id)) throw new Error(`no schema ${id}`);
    console.log(`${label}: compiled ${file}`);
  } catch (e) {
    console.log(`${label}: ${file} does not compile in strict mode: ${e.message}`);
    failed++;
  }
}
let checked = 0;
for (const line of fs.readFileSync(manifest, "utf8").split("\n").filter((l) => l.trim())) {
  const [entry, document] = line.split(" ");
  const invalid = entry.startsWith("!");
  const file = invalid ? entry.slice(1) : entry;
  const [ajv, id] = byFile.get(file);
  const validate = ajv.getSchema(id);
  const data = JSON.parse(fs.readFileSync(document, "utf8"));
  const valid = validate(data);
  if (valid !== invalid) {
    checked++;
  } else if (invalid) {
    console.log(`${label}: ${document} is valid against ${file}, but the parser rejects it`);
    failed++;
  } else {
    console.log(`${label}: ${document} is not valid against ${file}: ${ajv.errorsText(validate.errors)}`);
    failed++;
  }
}
console.log(`${label}: ${byFile.size} schemas compiled, ${checked} documents judged as the parser judges them, ${failed} failures`);
process.exit(failed === 0 ? 0 : 1);
