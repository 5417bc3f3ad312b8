// Compiles every schema of schemas/ with Ajv in strict mode (draft 2020-12, with ajv-formats) and
// validates each document listed in the manifest against its schema.
//
// usage: node validate.mjs SCHEMA_DIR MANIFEST
// MANIFEST: one line per document, "SCHEMA_FILE DOCUMENT_PATH"; "!SCHEMA_FILE" for a document
// that must be invalid.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fs from "node:fs";
import path from "node:path";

const [schemaDir, manifest] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);

const byFile = new Map();
for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith(".schema.json")).sort()) {
  const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, file), "utf8"));
  ajv.addSchema(schema);
  byFile.set(file, schema.$id);
}
let failed = 0;
for (const [file, id] of byFile) {
  try {
    ajv.getSchema(id);
    console.log(`ajv: compiled ${file}`);
  } catch (e) {
    console.log(`ajv: ${file} does not compile in strict mode: ${e.message}`);
    failed++;
  }
}
let checked = 0;
for (const line of fs.readFileSync(manifest, "utf8").split("\n").filter((l) => l.trim())) {
  const [entry, document] = line.split(" ");
  const invalid = entry.startsWith("!");
  const file = invalid ? entry.slice(1) : entry;
  const validate = ajv.getSchema(byFile.get(file));
  const data = JSON.parse(fs.readFileSync(document, "utf8"));
  const valid = validate(data);
  if (valid !== invalid) {
    checked++;
  } else if (invalid) {
    console.log(`ajv: ${document} is valid against ${file}, but the parser rejects it`);
    failed++;
  } else {
    console.log(`ajv: ${document} is not valid against ${file}: ${ajv.errorsText(validate.errors)}`);
    failed++;
  }
}
console.log(`ajv: ${byFile.size} schemas compiled, ${checked} documents judged as the parser judges them, ${failed} failures`);
process.exit(failed === 0 ? 0 : 1);
