// Call overhead per assessment: the package in Node (JSON text in, parsed object out) against the
// Rust library (from_json, engine, to_string; `cargo run --release -p msc-therapy-js --example
// expected -- --bench N ...`), per bundled sample, both best of five rounds of N calls.
// Usage (after bindings/js/test.sh --build-only): node bindings/js/bench.mjs [N]
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const msc = createRequire(import.meta.url)(join(here, 'pkg', 'node', 'msc_therapy_js.js'));
const n = Number(process.argv[2] ?? 2000);
const ON = '2026-06-01';
const files = (kind) => readdirSync(join(root, 'examples', 'data', kind)).filter((f) => f.endsWith('.json')).sort().map((f) => `examples/data/${kind}/${f}`);
const products = files('products');
const offers = files('offers');

function time(f) {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / n);
  }
  return best;
}

const js = {};
const jsObject = {};
for (const path of [...products, ...offers]) {
  const text = readFileSync(join(root, path), 'utf8');
  const object = JSON.parse(text);
  const call = path.includes('/offers/') ? msc.evaluateOffer : msc.assessProduct;
  const key = `${path.includes('/offers/') ? 'offers' : 'products'}/${basename(path, '.json')}`;
  js[key] = time(() => call(text, ON));
  jsObject[key] = time(() => call(object, ON));
}
const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const rust = JSON.parse(
  execFileSync(join(target, 'release', 'examples', 'expected'), ['--bench', String(n), ...products, '--', ...offers], { cwd: root, encoding: 'utf8' }),
);
const rows = Object.keys(js).map((k) => ({ sample: k, rust_us: rust[k] / 1e3, node_text_us: js[k] / 1e3, node_object_us: jsObject[k] / 1e3, ratio: js[k] / rust[k] }));
console.log(`node ${process.version}, ${n} calls x 5 rounds, best round`);
console.log('| sample | Rust µs | Node (JSON text) µs | Node (object) µs | Node/Rust |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.sample} | ${r.rust_us.toFixed(1)} | ${r.node_text_us.toFixed(1)} | ${r.node_object_us.toFixed(1)} | ${r.ratio.toFixed(2)} |`);
const geo = Math.exp(rows.reduce((s, r) => s + Math.log(r.ratio), 0) / rows.length);
console.log(`geometric mean Node/Rust: ${geo.toFixed(2)}`);
