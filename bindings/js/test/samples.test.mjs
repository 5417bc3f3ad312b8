// Every result equals the Rust library's JSON for the same input: each bundled sample, through
// each function, as JSON text and as an object, in the Node build and in the web build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { msc, products, offers, expected, here } from './lib.mjs';

const rust = expected();
const ON = rust.on;

test('the expected JSON covers every bundled sample', () => {
  assert.ok(products.length >= 4 && offers.length >= 4);
  assert.deepEqual(Object.keys(rust.products).sort(), products.map((s) => s.name));
  assert.deepEqual(Object.keys(rust.offers).sort(), offers.map((s) => s.name));
});

/** Equal as values, and written in the same key order. */
function sameJson(actual, rustText, what) {
  const want = JSON.parse(rustText);
  assert.deepStrictEqual(actual, want, what);
  assert.equal(JSON.stringify(actual), JSON.stringify(want), `${what}: key order`);
}

function checkProducts(api, label) {
  for (const s of products) {
    test(`${label}: product ${s.name} equals the Rust library's JSON`, () => {
      const r = rust.products[s.name];
      for (const input of [s.text, JSON.parse(s.text)]) {
        const kind = typeof input === 'string' ? 'text' : 'object';
        sameJson(api.assessProduct(input, ON), r.assessment, `assessProduct (${kind})`);
        sameJson(api.classifyUs(input, ON), r.us, `classifyUs (${kind})`);
        sameJson(api.classifyEu(input, ON), r.eu, `classifyEu (${kind})`);
        sameJson(api.classifyJp(input, ON), r.jp, `classifyJp (${kind})`);
        sameJson(api.assessQuality(input, null, ON), r.quality, `assessQuality (${kind})`);
        sameJson(api.validateProduct(input), r.product, `validateProduct (${kind})`);
        sameJson(api.settlingFacts(input, ON), r.settling_facts, `settlingFacts (${kind})`);
        sameJson(api.smallestChanges(input, 'us:section_361_hctp', ON), r.smallest_changes_us_361, `smallestChanges 361 (${kind})`);
        sameJson(api.smallestChanges(input, 'quality:pass', ON), r.smallest_changes_quality_pass, `smallestChanges pass (${kind})`);
      }
      // The date given as a Date is the same calendar date.
      const [y, m, d] = ON.split('-').map(Number);
      sameJson(api.assessProduct(s.text, new Date(y, m - 1, d)), r.assessment, 'assessProduct (Date)');
    });
  }
}

function checkOffers(api, label) {
  for (const s of offers) {
    test(`${label}: offer ${s.name} equals the Rust library's JSON`, () => {
      const r = rust.offers[s.name];
      sameJson(api.evaluateOffer(s.text, ON), r.evaluation, 'evaluateOffer (text)');
      sameJson(api.evaluateOffer(JSON.parse(s.text), ON), r.evaluation, 'evaluateOffer (object)');
      sameJson(api.evaluateOfferWith(s.text, {}, ON), r.evaluation, 'evaluateOfferWith (default policy)');
      sameJson(api.validateOffer(s.text), r.offer, 'validateOffer');
      sameJson(api.settlingOfferFacts(s.text, ON), r.settling_facts, 'settlingOfferFacts');
      sameJson(api.smallestOfferChanges(s.text, 'good_signs', ON), r.smallest_changes_good_signs, 'smallestOfferChanges');
    });
  }
}

checkProducts(msc, 'node build');
checkOffers(msc, 'node build');

// The web build, the one the patient page loads, initialised from the bytes of its .wasm file.
const web = await import(join(here, '..', 'pkg', 'web', 'msc_therapy_js.js'));
await web.default({ module_or_path: readFileSync(join(here, '..', 'pkg', 'web', 'msc_therapy_js_bg.wasm')) });
checkProducts(web, 'web build');
checkOffers(web, 'web build');

test('the evaluation date defaults to today (local calendar date)', () => {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  for (const s of offers) {
    assert.deepStrictEqual(msc.evaluateOffer(s.text), msc.evaluateOffer(s.text, today), s.name);
  }
  for (const s of products) {
    assert.deepStrictEqual(msc.assessProduct(s.text), msc.assessProduct(s.text, today), s.name);
  }
});

test('the vocabularies equal the crate exported schemas/vocabulary.json', () => {
  const exported = JSON.parse(readFileSync(join(here, '..', '..', '..', 'schemas', 'vocabulary.json'), 'utf8'));
  assert.deepStrictEqual(msc.vocabulary(), exported);
  const tissues = msc.vocabulary().vocabularies.TissueSource.terms.map((t) => t.code);
  assert.ok(tissues.includes('bone_marrow') && tissues.includes('whartons_jelly'));
});
