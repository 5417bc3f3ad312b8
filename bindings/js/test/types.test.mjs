// The TypeScript types generated from the schemas describe real results: tsc (strict) compiles the
// package's results for every bundled sample against them, and rejects what they forbid (each
// `@ts-expect-error` line must be an error, or tsc fails on the unused directive).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { msc, products, offers, here } from './lib.mjs';

const ON = '2026-06-01';
const types = join(here, '..', 'types');

test('each vocabulary union is declared once, by name', () => {
  const dts = readFileSync(join(types, 'schema.d.ts'), 'utf8');
  assert.equal(dts.match(/^export type RuleId =/gm)?.length, 1);
  assert.equal(dts.match(/"quality\.viability\.minimum"/g)?.length, 1, 'the RuleId union is written once');
  assert.equal(dts.match(/^export type TissueSource =/gm)?.length, 1);
  assert.match(dts, /rule: RuleId;/);
  // The marker map is typed by its keys: a mapped type over SurfaceMarker, or an interface with
  // one optional property per marker (the schemas name each marker).
  const markers = dts.match(/markers\?: ([^;]+);/)?.[1];
  assert.ok(markers, 'IdentityPanel has markers');
  if (!/\[K in SurfaceMarker\]\?: Percent/.test(markers)) {
    const body = dts.match(new RegExp(`export interface ${markers.trim()} \\{([^}]*)\\}`))?.[1] ?? '';
    assert.match(body, /cd73\?: Percent;/, `markers is ${markers}`);
    assert.doesNotMatch(body, /\[k: string\]/, 'no string index signature');
  }
});

test('tsc --strict compiles real results against the generated types', () => {
  const dir = join(process.env.MSC_TARGET ?? join(here, '..', '..', '..', 'target', 'js'), 'typecheck');
  mkdirSync(dir, { recursive: true });
  const from = relative(dir, join(types, 'index')).replaceAll('\\', '/');
  const lines = [
    `import { assessProduct, evaluateOffer, classifyUs, settlingFacts, smallestChanges, smallestOfferChanges, type ProductAssessment, type OfferEvaluation, type Product, type ClinicOffer, type Finding, type IdentityPanel, type UsAssessment, type DocumentError, type PatientVerdict, type SettlingFacts, type SmallestChanges, type ProductTarget } from '${from}';`,
  ];
  products.forEach((s, i) => {
    lines.push(`export const product${i}: Product = ${s.text.trim()};`);
    lines.push(`export const assessment${i}: ProductAssessment = ${JSON.stringify(msc.assessProduct(s.text, ON))};`);
    lines.push(`export const typed${i}: ProductAssessment = assessProduct(product${i}, '${ON}');`);
    lines.push(`export const settling${i}: SettlingFacts = ${JSON.stringify(msc.settlingFacts(s.text, ON))};`);
    lines.push(`export const changes${i}: SmallestChanges = ${JSON.stringify(msc.smallestChanges(s.text, 'quality:pass', ON))};`);
  });
  offers.forEach((s, i) => {
    lines.push(`export const offer${i}: ClinicOffer = ${s.text.trim()};`);
    lines.push(`export const evaluation${i}: OfferEvaluation = ${JSON.stringify(msc.evaluateOffer(s.text, ON))};`);
    lines.push(`export const verdict${i}: PatientVerdict = evaluateOffer(offer${i}).verdict;`);
  });
  const finding = msc.classifyUs(products[0].text, ON).findings[0];
  lines.push(
    `const finding: Finding = ${JSON.stringify(finding)};`,
    `export const path: string | undefined = finding.path;`,
    `export const us: UsAssessment = classifyUs('{"name": "X"}');`,
    `export const panel: IdentityPanel = { markers: { cd73: 98.7, hla_dr: 0.4 } };`,
    `export function kind(e: DocumentError): string { return e.kind + e.path; }`,
    '// A misspelt marker is not a key of the map.',
    '// @ts-expect-error',
    `export const misspelt: IdentityPanel = { markers: { cd37: 98.7 } };`,
    '// An output field is never null.',
    '// @ts-expect-error',
    `export const nullPath: Finding = { ...finding, path: null };`,
    '// A rule id is one of the rule table ids.',
    '// @ts-expect-error',
    `export const badRule: Finding = { ...finding, rule: 'us.no_such_rule' };`,
    '// A code is one of its vocabulary.',
    '// @ts-expect-error',
    `export const badTissue: Product = { name: 'X', tissue: 'bone_marow' };`,
    `export const to361: SmallestChanges = smallestChanges(product0, 'us:section_361_hctp');`,
    `export const toPass: SmallestChanges = smallestChanges(product0, 'pass');`,
    `export const toGood: SmallestChanges = smallestOfferChanges(offer0, 'good_signs');`,
    `export const facts: SettlingFacts = settlingFacts(product0);`,
    `export const target: ProductTarget = 'jp_risk_class:class_iii';`,
    '// A target names an engine and one of its answers.',
    '// @ts-expect-error',
    `export const badTarget: ProductTarget = 'us:pass';`,
    '// A verdict is one of three.',
    '// @ts-expect-error',
    `export const badVerdict: PatientVerdict = 'maybe';`,
  );
  writeFileSync(join(dir, 'results.ts'), lines.join('\n') + '\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], skipLibCheck: false, exactOptionalPropertyTypes: true },
      files: ['results.ts'],
    }),
  );
  const tsc = join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});
