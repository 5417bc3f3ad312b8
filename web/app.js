// The patient page: builds a ClinicOffer from the form and runs the library's evaluateOffer in this
// browser (the web build of the msc-therapy package, WebAssembly). Nothing is sent anywhere.
import init, { evaluateOffer, vocabulary } from './pkg/msc_therapy_js.js';

const $ = (id) => document.getElementById(id);
let vocab;

/** The terms of a vocabulary: [{code, label, description, facts}]. */
const terms = (name) => vocab.vocabularies[name].terms;
const term = (name, code) => terms(name).find((t) => t.code === code);
const label = (name, code) => term(name, code)?.label ?? code;
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) node.append(c);
  return node;
}

/** Fills a select with a vocabulary, after a first "not known" option. */
function fillSelect(select, vocabulary, blank) {
  select.replaceChildren(el('option', { value: '', text: blank }));
  for (const t of terms(vocabulary)) select.append(el('option', { value: t.code, text: capital(t.label) }));
}

/** A yes / no / don't know question inside its fieldset (the legend is the question). */
function fillChoice(fieldset, options = [['yes', 'Yes'], ['no', 'No'], ['', "I don't know"]]) {
  const name = fieldset.id;
  const group = el('div', { class: 'options' });
  options.forEach(([value, text], i) => {
    const id = `${name}-${value || 'unknown'}`;
    group.append(
      el('span', { class: 'option' },
        el('input', { type: 'radio', id, name, value, checked: i === options.length - 1 }),
        el('label', { for: id, text })),
    );
  });
  fieldset.append(group);
}

const choice = (name) => {
  const v = document.querySelector(`input[name="${name}"]:checked`)?.value;
  return v === 'yes' ? true : v === 'no' ? false : undefined;
};
const value = (id) => $(id).value.trim();

let trialCount = 0;
function addTrial() {
  trialCount += 1;
  const n = trialCount;
  const id = (f) => `trial${n}_${f}`;
  const selectField = (f, text, vocabulary, blank) => {
    const s = el('select', { id: id(f), name: id(f) });
    fillSelect(s, vocabulary, blank);
    return el('div', { class: 'field' }, el('label', { for: id(f), text }), s);
  };
  const li = el('li', { class: 'trial', dataset: { trial: n } });
  const heading = el('p', { class: 'trial-title', id: id('title') });
  const remove = el('button', { type: 'button', class: 'remove', 'aria-describedby': id('title') }, 'Remove this trial');
  remove.addEventListener('click', () => {
    li.remove();
    renumberTrials();
    $('add_trial').focus();
  });
  li.append(
    heading,
    el('div', { class: 'field' },
      el('label', { for: id('nct'), text: 'Registry number (NCT…)' }),
      el('input', { id: id('nct'), name: id('nct'), type: 'text', autocomplete: 'off', placeholder: 'NCT01234567', required: true })),
    selectField('phase', 'Phase', 'TrialPhase', 'Not stated'),
    selectField('status', 'Status', 'TrialStatus', 'Not stated'),
    selectField('indication', 'Condition studied', 'Indication', 'Same as mine'),
    selectField('result', 'Result', 'TrialResult', 'Not stated'),
    remove,
  );
  $('trials').append(li);
  renumberTrials();
  return li;
}

function renumberTrials() {
  [...$('trials').children].forEach((li, i) => {
    li.querySelector('.trial-title').textContent = `Trial ${i + 1}`;
  });
}

function trials(indication) {
  return [...$('trials').children].map((li) => {
    const get = (f) => li.querySelector(`[name$="_${f}"]`).value.trim();
    return {
      nct_id: get('nct'),
      phases: get('phase') ? [get('phase')] : [],
      status: get('status') || 'UNKNOWN',
      indication: get('indication') || indication,
      result: get('result') || 'not_reported',
    };
  });
}

/** `extra` merged into `base`: objects member by member, anything else replaced. */
function merge(base, extra) {
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const isObject = (x) => x && typeof x === 'object' && !Array.isArray(x);
    out[k] = isObject(v) && isObject(out[k]) ? merge(out[k], v) : v;
  }
  return out;
}

/** The ClinicOffer the answers describe. */
export function buildOffer() {
  const indication = value('indication');
  const product = { name: value('product_name') || "The clinic's cell treatment" };
  for (const f of ['preparation', 'tissue', 'donor', 'supply']) if (value(f)) product[f] = value(f);
  if (value('route')) {
    product.delivery = { route: value('route') };
    if (value('guidance')) product.delivery.guidance = value('guidance');
  }
  const conditions = [...document.querySelectorAll('input[name="claimed_condition"]:checked')].map((c) => c.value);
  if (conditions.length) product.intended_use = { indications: conditions };

  const offer = { product, indication };
  if (value('clinic')) offer.clinic = value('clinic');
  if (value('jurisdiction')) offer.jurisdiction = value('jurisdiction');
  if (value('authorisation')) offer.authorisation = { catalog_key: value('authorisation') };

  const disclosures = {};
  if (value('live_cells') !== '') disclosures.live_nucleated_cells = Math.round(Number(value('live_cells')) * 1e6);
  for (const f of ['source_disclosed', 'certificate_of_analysis_shown']) {
    if (choice(f) !== undefined) disclosures[f] = choice(f);
  }
  if (value('trial_registration')) disclosures.trial_registration = value('trial_registration');
  offer.disclosures = disclosures;

  if (choice('claims_recorded') === true) {
    offer.claims = [...document.querySelectorAll('input[name="claim"]:checked')].map((c) => {
      const claim = { kind: c.value, indications: c.value === 'treats_many_conditions' ? conditions : [] };
      const wording = $(`claim_${c.value}_wording`).value.trim();
      if (wording) claim.wording = wording;
      return claim;
    });
  }
  const evidence = trials(indication);
  if (evidence.length) offer.evidence = evidence;

  if (value('price_amount') !== '') {
    offer.price = { currency: value('price_currency').toUpperCase(), amount: Number(value('price_amount')) };
    if (value('price_covers')) offer.price.covers = value('price_covers');
  }
  const patient = {};
  if (value('age') !== '') patient.age = { value: Number(value('age')), unit: value('age_unit') };
  for (const f of ['standard_treatments_tried', 'physician_supervised', 'regulated_setting']) {
    if (choice(f) !== undefined) patient[f] = choice(f);
  }
  offer.patient = patient;

  const details = value('product_details');
  if (details) {
    let extra;
    try {
      extra = JSON.parse(details);
    } catch (e) {
      throw Object.assign(new Error(`the product details are not JSON: ${e.message}`), { name: 'DocumentError', kind: 'syntax', path: 'product', field: 'product_details' });
    }
    if (!extra || typeof extra !== 'object' || Array.isArray(extra)) {
      throw Object.assign(new Error('the product details must be a JSON object'), { name: 'DocumentError', kind: 'wrong_type', path: 'product', field: 'product_details' });
    }
    offer.product = merge(product, extra);
  }
  return offer;
}

/** Which form field a path of the offer comes from, to move focus to it. */
function fieldFor(path) {
  const map = [
    [/^indication/, 'indication'], [/^clinic/, 'clinic'], [/^jurisdiction/, 'jurisdiction'],
    [/^authorisation/, 'authorisation'], [/^disclosures\.live_nucleated_cells/, 'live_cells'],
    [/^disclosures\.trial_registration/, 'trial_registration'], [/^evidence/, 'add_trial'],
    [/^price\.currency/, 'price_currency'], [/^price/, 'price_amount'], [/^patient\.age/, 'age'],
    [/^product\.name/, 'product_name'], [/^product\.delivery/, 'route'], [/^product/, 'product_details'],
  ];
  return map.find(([re]) => re.test(path))?.[1];
}

function findingItem(f) {
  const info = term('RuleId', f.rule);
  return el('li', { class: 'finding', dataset: { rule: f.rule, outcome: f.outcome } },
    el('p', { class: 'finding-reason' }, f.reason ?? f.summary ?? info?.label ?? f.rule),
    f.reason && f.summary ? el('p', { class: 'finding-check' }, `The checklist asks: ${f.summary}.`) : null,
    el('p', { class: 'source' }, el('span', { class: 'source-label' }, 'Source: '), f.citation ?? info?.facts?.citation ?? ''),
  );
}

function group(title, findings, cls) {
  if (!findings.length) return null;
  return el('section', { class: `group ${cls}`, 'aria-label': title },
    el('h3', {}, `${title} (${findings.length})`),
    el('ul', {}, findings.map(findingItem)));
}

function render(evaluation) {
  const verdict = term('PatientVerdict', evaluation.verdict);
  const heading = el('h2', { id: 'verdict', tabindex: '-1', dataset: { verdict: evaluation.verdict } },
    'Verdict: ', el('span', { class: `badge ${evaluation.verdict}` }, capital(verdict?.label ?? evaluation.verdict)));
  const questions = evaluation.questions.length
    ? el('section', { class: 'group questions', 'aria-label': 'Questions to ask' },
      el('h3', {}, 'Questions to ask the clinic'),
      el('ol', {}, evaluation.questions.map((q) => el('li', { dataset: { question: q } }, label('Question', q)))))
    : null;
  const expectations = evaluation.expectations.length
    ? el('section', { class: 'group expectations', 'aria-label': 'What to expect' },
      el('h3', {}, 'What to expect'),
      el('ul', {}, evaluation.expectations.map((x) => {
        const t = term('Expectation', x);
        return el('li', { dataset: { expectation: x } },
          el('p', {}, el('strong', {}, capital(t?.label ?? x)), t?.facts?.text ? `: ${t.facts.text}` : ''),
          t?.facts?.citation ? el('p', { class: 'source' }, el('span', { class: 'source-label' }, 'Source: '), t.facts.citation) : null);
      })))
    : null;
  $('result').replaceChildren(
    heading,
    el('p', { class: 'verdict-text' }, verdict?.description ?? ''),
    group('Reasons to walk away', evaluation.walk_away, 'walk_away'),
    group('Ask first', evaluation.ask_first, 'ask_first'),
    group('Good signs', evaluation.good_signs, 'good_signs'),
    questions,
    expectations,
    group('Notes', evaluation.notes ?? [], 'notes'),
  );
  heading.focus();
}

function showError(e) {
  const field = e.field ?? fieldFor(e.path ?? '');
  const where = field ? $(field)?.labels?.[0]?.textContent ?? e.path : e.path;
  $('result').replaceChildren(
    el('h2', { id: 'verdict', tabindex: '-1', class: 'error', dataset: { verdict: 'error' } }, 'Please check an answer'),
    el('p', { role: 'alert', dataset: { kind: e.kind ?? '', path: e.path ?? '' } }, where ? `${where}: ${e.detail ?? e.message}` : e.message),
  );
  if (field && $(field)) $(field).focus();
  else $('verdict').focus();
}

function check(event) {
  event.preventDefault();
  if (!value('indication')) {
    showError({ kind: 'missing_field', path: 'indication', detail: 'choose the condition you want treated', field: 'indication' });
    return;
  }
  let offer;
  try {
    offer = buildOffer();
    $('offer_json').textContent = JSON.stringify(offer, null, 2);
    render(evaluateOffer(offer));
  } catch (e) {
    if (e?.name === 'DocumentError') showError(e);
    else throw e;
  }
}

async function start() {
  await init();
  vocab = vocabulary();
  fillSelect($('indication'), 'Indication', 'Choose…');
  fillSelect($('jurisdiction'), 'Jurisdiction', "I don't know");
  fillSelect($('authorisation'), 'CatalogKey', 'No approved product named');
  fillSelect($('preparation'), 'CellPreparation', "I don't know");
  fillSelect($('tissue'), 'TissueSource', "I don't know");
  fillSelect($('donor'), 'Donor', "I don't know");
  fillSelect($('supply'), 'SupplyModel', "I don't know");
  fillSelect($('route'), 'Route', "I don't know");
  fillSelect($('guidance'), 'ImageGuidance', "Not said / none");
  $('age_unit').replaceChildren(...terms('AgeUnit').map((t) => el('option', { value: t.code, text: t.label, selected: t.code === 'years' })));
  for (const id of ['standard_treatments_tried', 'physician_supervised', 'regulated_setting', 'source_disclosed', 'certificate_of_analysis_shown']) {
    fillChoice($(id));
  }
  fillChoice($('claims_recorded'), [['yes', 'Yes, and I ticked every claim they make below'], ['', 'No, not yet']]);
  for (const t of terms('ClaimKind')) {
    const id = `claim_${t.code}`;
    $('claims').append(el('div', { class: 'claim' },
      el('span', { class: 'option' },
        el('input', { type: 'checkbox', id, name: 'claim', value: t.code }),
        el('label', { for: id, text: `It ${t.label}` })),
      el('label', { for: `${id}_wording`, class: 'wording-label' }, 'Their words ', el('span', { class: 'optional' }, '(optional)')),
      el('input', { type: 'text', id: `${id}_wording`, name: `${id}_wording`, autocomplete: 'off' })));
  }
  // Ticking a claim answers "have you read the claims?" with yes.
  $('claims').addEventListener('change', (e) => {
    if (e.target.name === 'claim' && e.target.checked) $('claims_recorded-yes').checked = true;
  });
  const conditions = el('div', { class: 'columns' });
  for (const t of terms('Indication')) {
    const id = `condition_${t.code}`;
    conditions.append(el('span', { class: 'option' },
      el('input', { type: 'checkbox', id, name: 'claimed_condition', value: t.code }),
      el('label', { for: id, text: capital(t.label) })));
  }
  $('claimed_conditions').append(conditions);
  $('add_trial').addEventListener('click', () => addTrial().querySelector('input').focus());
  $('checklist').addEventListener('submit', check);
  $('loading').textContent = 'Ready: answer what you know, then choose "Check the offer".';
  document.body.dataset.ready = 'true';
}

start().catch((e) => {
  $('result').replaceChildren(el('p', { role: 'alert' }, `The checklist could not start in this browser: ${e.message}`));
});
