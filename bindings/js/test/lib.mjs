// Shared by the tests: the Node build of the package, the bundled samples and the Rust library's
// JSON for them (written by `cargo run -p msc-therapy-js --example expected`, see test.sh).
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** The package as a Node user gets it (`require('msc-therapy')`, the "node" export). */
export const msc = require('msc-therapy');

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..', '..');

const samplesIn = (kind) =>
  readdirSync(join(root, 'examples', 'data', kind))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: basename(f, '.json'),
      file: `examples/data/${kind}/${f}`,
      text: readFileSync(join(root, 'examples', 'data', kind, f), 'utf8'),
    }));
export const products = samplesIn('products');
export const offers = samplesIn('offers');

export function expected() {
  const path = process.env.MSC_EXPECTED;
  if (!path) throw new Error('MSC_EXPECTED is not set: run the tests through bindings/js/test.sh');
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Asserts that `fn` throws a DocumentError of `kind` at `path`; returns the error. */
export function throwsDocumentError(assert, fn, kind, path) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected a DocumentError of kind ${kind}, nothing was thrown`);
  assert.ok(error instanceof Error, `expected an Error, got ${error}`);
  assert.equal(error.name, 'DocumentError', String(error));
  assert.equal(error.kind, kind, String(error));
  if (path !== undefined) assert.equal(error.path, path, String(error));
  return error;
}
