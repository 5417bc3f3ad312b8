// What would change the verdict (issue #22): the guidance's worked example found through the
// package, and bad targets thrown as DocumentErrors at `target`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { msc, products, offers, throwsDocumentError } from './lib.mjs';

const ON = '2026-12-07';

// FDA, "Regulatory Considerations for Human Cells, Tissues, and Cellular and Tissue-Based
// Products: Minimal Manipulation and Homologous Use" (Nov 2017, rev. Jul 2020), example 19-4:
// amniotic membrane over the eye surface is homologous use; injected into a joint it is not.
const injectedAmnion = {
  name: 'Amniotic membrane sheet',
  tissue: 'amniotic_membrane',
  preparation: 'tissue_sheet',
  donor: 'allogeneic_unrelated',
  processing: { steps: ['cryopreservation'], added_articles: ['storage_agent'] },
  intended_use: {
    functions: ['covering'],
    indications: [],
    site_of_use: 'joint_space',
    systemic_effect: false,
    depends_on_living_cells: false,
  },
  delivery: { route: 'intra_articular' },
};

test('the injected amnion reaches 361 by a change of its site of use', () => {
  const answer = msc.smallestChanges(injectedAmnion, 'us:section_361_hctp', ON);
  assert.equal(answer.unreachable, false);
  const changes = answer.sets.flatMap((s) => s.changes);
  assert.ok(
    changes.some((c) => c.path === 'intended_use.site_of_use' && c.value === 'eye_surface'),
    JSON.stringify(answer.sets),
  );
  // The bare code names the same target.
  assert.deepStrictEqual(msc.smallestChanges(injectedAmnion, 'section_361_hctp', ON), answer);
});

test('a target that names no headline is unknown_code at target', () => {
  for (const bad of ['us:section_362_hctp', 'undetermined', '']) {
    const e = throwsDocumentError(assert, () => msc.smallestChanges(products[0].text, bad, ON), 'unknown_code', 'target');
    assert.match(e.message, /^target: /);
    assert.match(e.detail, /us:section_361_hctp/);
  }
  const e = throwsDocumentError(assert, () => msc.smallestOfferChanges(offers[0].text, 'pass', ON), 'unknown_code', 'target');
  assert.match(e.detail, /good_signs/);
});

test('a target that is not a string is wrong_type at target', () => {
  throwsDocumentError(assert, () => msc.smallestChanges(products[0].text, 361, ON), 'wrong_type', 'target');
  throwsDocumentError(assert, () => msc.smallestOfferChanges(offers[0].text, undefined, ON), 'wrong_type', 'target');
});

test('a bad document is thrown with its field, as by the other functions', () => {
  throwsDocumentError(assert, () => msc.settlingFacts({ name: 'X', tissue: 'bone_marow' }, ON), 'unknown_code', 'tissue');
  throwsDocumentError(assert, () => msc.smallestChanges({ name: 'X', tissue: 'bone_marow' }, 'quality:pass', ON), 'unknown_code', 'tissue');
  throwsDocumentError(assert, () => msc.settlingOfferFacts({ product: { name: 'X' }, price: 12 }, ON), 'wrong_type');
  throwsDocumentError(assert, () => msc.settlingFacts(products[0].text, '2026-02-30'), 'invalid_value', 'on');
});

test("an offer's questions come ranked by how far their answers move the verdict", () => {
  for (const s of offers) {
    const facts = msc.settlingOfferFacts(s.text, ON);
    assert.equal(facts.subject, 'offer');
    for (let i = 1; i < facts.facts.length; i++) {
      assert.ok(facts.facts[i - 1].swing >= facts.facts[i].swing, s.name);
    }
  }
});
