// Bad input is a thrown DocumentError with the crate's kind and the failing field's path; the
// evaluation date is validated and used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { msc, offers, throwsDocumentError } from './lib.mjs';

const product = (fields) => JSON.stringify({ name: 'X', ...fields });

test('a misspelt code is unknown_code at its field', () => {
  const e = throwsDocumentError(assert, () => msc.assessProduct(product({ tissue: 'bone_marow' }), '2026-01-01'), 'unknown_code', 'tissue');
  assert.match(e.message, /^tissue: /);
  assert.match(e.detail, /bone_marow/);
});

test('a misspelt field name is unknown_field, its path ending with the name', () => {
  throwsDocumentError(assert, () => msc.classifyUs({ name: 'X', tisue: 'bone_marrow' }), 'unknown_field', 'tisue');
  throwsDocumentError(assert, () => msc.assessQuality(product({ release: { viabilty: [] } })), 'unknown_field', 'release.viabilty');
});

test('a missing required member is missing_field at the object that lacks it', () => {
  throwsDocumentError(assert, () => msc.validateProduct({ tissue: 'bone_marrow' }), 'missing_field', '.');
  throwsDocumentError(
    assert,
    () => msc.validateProduct(product({ release: { viability: [{ timing: 'post_thaw' }] } })),
    'missing_field',
    'release.viability[0]',
  );
});

test('a name given twice is duplicate_field', () => {
  throwsDocumentError(assert, () => msc.validateProduct('{"name": "A", "name": "B"}'), 'duplicate_field', 'name');
});

test('text that is not JSON is syntax, with line and column', () => {
  const e = throwsDocumentError(assert, () => msc.evaluateOffer('{"clinic": "A",\n}'), 'syntax');
  assert.equal(e.line, 2);
  assert.equal(typeof e.column, 'number');
  throwsDocumentError(assert, () => msc.evaluateOffer(''), 'syntax');
});

test('a value of the wrong JSON type is wrong_type', () => {
  throwsDocumentError(assert, () => msc.validateProduct({ name: 5 }), 'wrong_type', 'name');
  throwsDocumentError(assert, () => msc.validateProduct('[]'), 'wrong_type', '.');
  throwsDocumentError(assert, () => msc.validateProduct(42), 'wrong_type', '.');
  throwsDocumentError(assert, () => msc.validateProduct(undefined), 'wrong_type', '.');
  throwsDocumentError(assert, () => msc.validateProduct(() => 1), 'wrong_type', '.');
  const cyclic = { name: 'X' };
  cyclic.self = cyclic;
  throwsDocumentError(assert, () => msc.validateProduct(cyclic), 'wrong_type', '.');
  throwsDocumentError(assert, () => msc.validateProduct({ name: 10n }), 'wrong_type', '.');
});

test('a value outside its domain is invalid_value: a viability of 140 %', () => {
  throwsDocumentError(
    assert,
    () => msc.assessProduct(product({ release: { viability: [{ percent: 140, timing: 'fresh' }] } })),
    'invalid_value',
    'release.viability[0].percent',
  );
});

test('a list over the documented limit (10 000 entries) is too_large', () => {
  const indications = Array(10001).fill('knee_osteoarthritis');
  throwsDocumentError(assert, () => msc.validateProduct(product({ intended_use: { indications } })), 'too_large', 'intended_use.indications');
});

test('the evaluation date must be a real ISO date or a valid Date', () => {
  throwsDocumentError(assert, () => msc.evaluateOffer(offers[0].text, '2023-02-29'), 'invalid_value', 'on');
  throwsDocumentError(assert, () => msc.evaluateOffer(offers[0].text, '07/12/2026'), 'invalid_value', 'on');
  throwsDocumentError(assert, () => msc.evaluateOffer(offers[0].text, 20261207), 'invalid_value', 'on');
  throwsDocumentError(assert, () => msc.evaluateOffer(offers[0].text, new Date('nonsense')), 'invalid_value', 'on');
});

test('the evaluation date decides whether a certificate has expired', () => {
  const lot = product({ release: { certificate: { lot: 'L1', issued_on: '2025-01-01', expires_on: '2026-01-01' } } });
  const expiryFinding = (report) =>
    report.findings.find((f) => (f.missing ?? []).includes('release.certificate.expires_on') || (f.facts ?? []).some((x) => x.name === 'release.certificate.expires_on'));
  const before = expiryFinding(msc.assessQuality(lot, null, '2025-06-01'));
  const after = expiryFinding(msc.assessQuality(lot, null, '2026-06-01'));
  assert.ok(before && after, 'the certificate rule reads the expiry date');
  assert.notEqual(before.outcome, 'not_met', 'a lot within its expiry date is not failed for expiry');
  assert.equal(after.outcome, 'not_met', 'a lot past its expiry date fails');
});

test('policies are read with the same errors', () => {
  throwsDocumentError(assert, () => msc.assessProductWith(product({}), { min_viability_percent: 'high' }), 'wrong_type', 'min_viability_percent');
  throwsDocumentError(assert, () => msc.validateOfferPolicy({ myriad_min_categories: 0 }), 'invalid_value', 'myriad_min_categories');
  assert.equal(msc.validateOfferPolicy({}).myriad_min_categories, 3);
});

test('an unknown catalog key is unknown_code at key', () => {
  throwsDocumentError(assert, () => msc.classifyJpAuthorised(product({}), 'no_such_product', '2026-01-01'), 'unknown_code', 'key');
  throwsDocumentError(assert, () => msc.classifyJpAuthorised(product({}), 7, '2026-01-01'), 'wrong_type', 'key');
});
