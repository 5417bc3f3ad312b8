// No input reaches a panic: in WebAssembly a panic is an abort (a RuntimeError: unreachable) that
// leaves the module unusable. Every function is fed random bytes, random JSON and mutated samples;
// each call must return a result or throw a DocumentError, and the module must still give the same
// answers afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { msc, products, offers } from './lib.mjs';

// A small deterministic generator (mulberry32), so a failure can be replayed.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20261207);
const int = (n) => Math.floor(random() * n);
const pick = (xs) => xs[int(xs.length)];

const KINDS = new Set(['syntax', 'unknown_field', 'missing_field', 'duplicate_field', 'wrong_type', 'unknown_code', 'invalid_value', 'too_large', 'io']);
const FUNCTIONS = [
  (x) => msc.assessProduct(x, '2026-06-01'),
  (x) => msc.evaluateOffer(x, '2026-06-01'),
  (x) => msc.classifyUs(x, '2026-06-01'),
  (x) => msc.classifyEu(x, '2026-06-01'),
  (x) => msc.classifyJp(x, '2026-06-01'),
  (x) => msc.assessQuality(x, null, '2026-06-01'),
  (x) => msc.assessProductWith('{"name": "X"}', x, '2026-06-01'),
  (x) => msc.evaluateOfferWith(offers[0].text, x, '2026-06-01'),
  (x) => msc.validateOffer(x),
];

let calls = 0;
function survive(input) {
  for (const f of FUNCTIONS) {
    calls += 1;
    try {
      const out = f(input);
      assert.equal(typeof out, 'object');
    } catch (e) {
      if (!(e instanceof Error) || e.name !== 'DocumentError' || !KINDS.has(e.kind) || typeof e.path !== 'string') {
        assert.fail(`input ${JSON.stringify(String(input)).slice(0, 300)} gave ${e?.name}: ${e?.message}`);
      }
    }
  }
}

const SCALARS = [null, true, false, 0, -1, 1e308, -1e-308, 0.5, 140, 1e20, 2 ** 53, '', 'x', 'bone_marrow', 'é', '\u0000', '2026-02-30', 'NCT01234567', '\ud800'];
function randomValue(depth) {
  if (depth <= 0 || random() < 0.4) return pick(SCALARS);
  if (random() < 0.5) return Array.from({ length: int(4) }, () => randomValue(depth - 1));
  const keys = ['name', 'tissue', 'release', 'viability', 'percent', 'claims', 'product', 'jurisdiction', 'dose', 'steps', 'markers', 'cd73', 'kind', 'indications', 'quality'];
  return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(keys), randomValue(depth - 1)]));
}

/** A sample with one value somewhere replaced, or one member removed. */
function mutate(value) {
  if (Array.isArray(value)) {
    if (value.length === 0 || random() < 0.2) return random() < 0.5 ? randomValue(2) : [...value, randomValue(2)];
    const i = int(value.length);
    return value.map((v, j) => (j === i ? mutate(v) : v));
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0 || random() < 0.2) return random() < 0.5 ? randomValue(2) : { ...value, [pick(['extra', 'name', 'note'])]: randomValue(1) };
    const k = pick(keys);
    if (random() < 0.25) {
      const { [k]: _, ...rest } = value;
      return rest;
    }
    return { ...value, [k]: mutate(value[k]) };
  }
  return randomValue(2);
}

const before = {
  product: msc.assessProduct(products[0].text, '2026-06-01'),
  offer: msc.evaluateOffer(offers[0].text, '2026-06-01'),
};

test('random bytes and random text', () => {
  for (let i = 0; i < 300; i++) {
    const bytes = Array.from({ length: int(64) }, () => String.fromCharCode(int(random() < 0.8 ? 128 : 0x10000)));
    survive(bytes.join(''));
  }
  for (const text of ['{', '}', '[', '{"name":', '{"name": "X",}', '\ufeff{"name": "X"}', 'NaN', '{"name": "X"} x', '{"name":"X"}'.repeat(3), 'null', '"\\ud800"', '{"name": "\\u0000"}']) {
    survive(text);
  }
});

test('random JSON documents', () => {
  for (let i = 0; i < 400; i++) survive(randomValue(4));
  for (let i = 0; i < 100; i++) survive(JSON.stringify(randomValue(5)));
});

test('mutated samples', () => {
  const samples = [...products, ...offers].map((s) => JSON.parse(s.text));
  for (let i = 0; i < 500; i++) survive(mutate(mutate(pick(samples))));
});

test('deep nesting, long strings and long lists', () => {
  survive('['.repeat(100000) + ']'.repeat(100000));
  survive('{"name":'.repeat(5000) + '"x"' + '}'.repeat(5000));
  let deep = {};
  for (let i = 0; i < 3000; i++) deep = { name: 'X', release: deep };
  survive(deep);
  survive({ name: 'x'.repeat(2 * 1024 * 1024) });
  survive({ name: 'X', intended_use: { indications: Array(20000).fill('autism') } });
  survive({ name: 'X', release: { identity: { markers: Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`m${i}`, 1])) } } });
  survive({ name: 'X', release: { viability: [{ percent: Number.MAX_VALUE, timing: 'fresh' }] } });
});

test('the module still gives the same answers afterwards', () => {
  assert.ok(calls > 10000, `${calls} calls`);
  assert.deepStrictEqual(msc.assessProduct(products[0].text, '2026-06-01'), before.product);
  assert.deepStrictEqual(msc.evaluateOffer(offers[0].text, '2026-06-01'), before.offer);
});
