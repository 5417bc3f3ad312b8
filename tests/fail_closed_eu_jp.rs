//! Fail-closed properties of the EU and Japanese engines, at the level of JSON documents
//! (issue #18, items 2 and 5).
//!
//! Each case generates a valid product document as JSON (`common::prober_document`: the shared
//! generator, and the same documents carrying the outside prober's situations — stated sites
//! against local routes, `fresh` with a cryopreservation step, certificates with and without
//! dates, stated viable counts beside total × viability, amniotic fluid whose cells were
//! isolated, bedside autologous records), reads it with `Product::from_json`, and classifies
//! it. Then:
//!
//! 1. **Deleting any key** (every key of every object, nested ones too, one at a time) and
//!    reading the document again never gives a more favourable answer, except a deletion the
//!    table `common::EXCEPTIONS` (`tests/common/orders.rs`) lists by key with its reason: (i) a
//!    specification, back to the law's default; (ii) evidence the law does not require for that
//!    product; (iii) a statement that can only count against the product; (iv) one of two
//!    contradictory statements — only when the engine's report before the deletion holds a
//!    finding whose `contradicts` fact names the deleted key (for these engines: a stated site
//!    of use against a local route, `intended_use.site_of_use` / `delivery.route`). A deletion
//!    that makes the document invalid (a required key such as `name` or `delivery.route`) is
//!    skipped: it is rejected, which is fail-closed too.
//! 2. **Adding a worse fact** never gives a more favourable answer either: appending any
//!    processing step to a stated list of steps; appending an intended function that is not a
//!    basic function of the stated source tissue; appending an indication that implies such a
//!    function; appending an article combined with the cells;
//!    replacing the patient's own cells by an unrelated donor's; stating that the cells were
//!    not used within the same surgical procedure.
//!
//! The orders ("more favourable" means higher):
//!
//! - **EU** (`classify_eu`), towards *not an ATMP*:
//!   `excluded_autologous_same_procedure` (2) > `not_atmp_tissues_and_cells` (1) > every other
//!   answer (0): `undetermined`, `atmp_class_undetermined` and the three ATMP classes. An
//!   undetermined answer is as unfavourable as an ATMP: it is a question, never a pass.
//!   Favourable: ranks 1 and 2.
//! - **Japan, ASRM** (`classify_jp(.., ON).risk_class`), towards a *lower risk class*:
//!   `outside_asrm` (3) > `class_iii` (2) > `class_ii` (1) > `class_i` = `undetermined` (0).
//!   Favourable: ranks 2 and 3.
//! - **Japan, PMD Act** (`classify_jp(.., ON).pmd_act`): `not_regenerative_medical_product` (1) >
//!   `regenerative_medical_product` = `undetermined` (0). Favourable: rank 1.
//!
//! Deleting a key: the rank after is never higher than the rank before (but for the table).
//!
//! Adding a worse fact can settle a question that was open (an undetermined ASRM class becomes
//! Class II once a non-homologous use is stated), so there the rule is: a determined answer
//! never becomes more favourable; an undetermined answer never becomes a favourable one; and
//! any answer may become undetermined.
//!
//! Deletions reach every key at any depth, inside arrays too. The number of cases comes from
//! `PROPTEST_CASES` (`common::DEFAULT_CASES` when unset, the CI default). By hand, at 100 000
//! cases (all three fail-closed files):
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release --all-features --test fail_closed --test fail_closed_eu_jp --test fail_closed_offer
//! ```

mod common;

use common::{contradicted, deletions, prober_document, product_exception};
use msc_therapy::engine::eu::EuClassification;
use msc_therapy::engine::jp::{AsrmRiskClass, PmdActStatus};
use msc_therapy::vocab::{AddedArticle, Indication, ProcessingStep, TissueFunction, TissueSource};
use msc_therapy::{Product, classify_eu, classify_jp};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Higher is more favourable to the product: closer to "not an ATMP".
fn eu_favour(class: EuClassification) -> u8 {
    match class {
        EuClassification::ExcludedAutologousSameProcedure => 2,
        EuClassification::NotAtmpTissuesAndCells => 1,
        _ => 0,
    }
}

/// Higher is more favourable to the product: a lower ASRM risk class.
fn asrm_favour(class: AsrmRiskClass) -> u8 {
    match class {
        AsrmRiskClass::OutsideAsrm => 3,
        AsrmRiskClass::ClassIII => 2,
        AsrmRiskClass::ClassII => 1,
        _ => 0,
    }
}

/// Higher is more favourable to the product: not a regenerative medical product.
fn pmd_favour(status: PmdActStatus) -> u8 {
    match status {
        PmdActStatus::NotRegenerativeMedicalProduct => 1,
        _ => 0,
    }
}

/// One engine's answer: its favourability rank, and whether it is determined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Answer {
    rank: u8,
    determined: bool,
    /// The lowest rank that counts as favourable for this engine.
    favourable_from: u8,
}

/// The three answers (EU, ASRM, PMD Act).
fn verdict(product: &Product) -> [Answer; 3] {
    verdict_and_contradictions(product).0
}

/// The three answers, and the input paths each engine's report names in a `contradicts` fact
/// (the ASRM class and the PMD Act status come from one report).
fn verdict_and_contradictions(product: &Product) -> ([Answer; 3], [Vec<String>; 3]) {
    let eu_report = classify_eu(product, ON);
    let jp = classify_jp(product, ON);
    let eu_named = contradicted(&eu_report.findings);
    let jp_named = contradicted(&jp.findings);
    let eu = eu_report.classification;
    let answers = [
        Answer {
            rank: eu_favour(eu),
            determined: !matches!(
                eu,
                EuClassification::Undetermined | EuClassification::AtmpClassUndetermined
            ),
            favourable_from: 1,
        },
        Answer {
            rank: asrm_favour(jp.risk_class),
            determined: jp.risk_class != AsrmRiskClass::Undetermined,
            favourable_from: 2,
        },
        Answer {
            rank: pmd_favour(jp.pmd_act),
            determined: jp.pmd_act != PmdActStatus::Undetermined,
            favourable_from: 1,
        },
    ];
    (answers, [eu_named, jp_named.clone(), jp_named])
}

fn parse(doc: &Value) -> Option<Product> {
    Product::from_json(&doc.to_string()).ok()
}

/// Appends `item` to the array at `object.key`, when the document states one.
fn appended(doc: &Value, object: &str, key: &str, item: &str) -> Option<Value> {
    let mut doc = doc.clone();
    let list = doc.get_mut(object)?.get_mut(key)?.as_array_mut()?;
    list.push(Value::from(item));
    Some(doc)
}

/// The worse variants of a document (see the module documentation).
fn worse_variants(
    doc: &Value,
    step: ProcessingStep,
    function: TissueFunction,
    indication: Indication,
    article: AddedArticle,
) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(d) = appended(doc, "processing", "steps", step.code()) {
        out.push((format!("add step {step}"), d));
    }
    let tissue: Option<TissueSource> = doc
        .get("tissue")
        .and_then(Value::as_str)
        .and_then(|t| t.parse().ok());
    let non_basic = tissue.is_none_or(|t| !t.info().basic_functions.contains(&function));
    if non_basic {
        if let Some(d) = appended(doc, "intended_use", "functions", function.code()) {
            out.push((format!("add non-homologous function {function}"), d));
        }
    }
    let non_homologous_indication = tissue.is_none_or(|t| {
        indication
            .info()
            .implies
            .iter()
            .any(|f| !t.info().basic_functions.contains(f))
    });
    if non_homologous_indication {
        if let Some(d) = appended(doc, "intended_use", "indications", indication.code()) {
            out.push((format!("add non-homologous indication {indication}"), d));
        }
    }
    if let Some(d) = appended(doc, "processing", "added_articles", article.code()) {
        out.push((format!("add article {article}"), d));
    }
    if doc.get("donor") == Some(&json!("autologous")) {
        let mut d = doc.clone();
        d["donor"] = json!("allogeneic_unrelated");
        out.push(("donor becomes allogeneic".to_owned(), d));
    }
    if doc.pointer("/processing/same_surgical_procedure") == Some(&json!(true)) {
        let mut d = doc.clone();
        d["processing"]["same_surgical_procedure"] = json!(false);
        out.push(("not the same surgical procedure".to_owned(), d));
    }
    out
}

const ENGINES: [&str; 3] = ["EU", "ASRM", "PMD Act"];

/// Deleting the key at `path`: the answer never becomes more favourable, unless a row of the
/// exception table excuses the deletion (for a contradiction: only one the engine's report
/// before the deletion names).
fn check_deletion(
    before: [Answer; 3],
    named: &[Vec<String>; 3],
    after: [Answer; 3],
    path: &str,
    doc: &Value,
) -> Result<(), TestCaseError> {
    for (i, engine) in ENGINES.iter().enumerate() {
        if after[i].rank > before[i].rank {
            prop_assert!(
                product_exception(doc, path, &named[i]).is_some(),
                "{engine}: deleting {path} made the answer more favourable ({:?} -> {:?}), and no row of the table excuses it, for {doc}",
                before[i],
                after[i]
            );
        }
    }
    Ok(())
}

/// Adding a worse fact: a determined answer never becomes more favourable, an undetermined one
/// never becomes favourable.
fn check_worse(
    before: [Answer; 3],
    after: [Answer; 3],
    change: &str,
    doc: &Value,
) -> Result<(), TestCaseError> {
    for (i, engine) in ENGINES.iter().enumerate() {
        let (b, a) = (before[i], after[i]);
        if b.determined {
            prop_assert!(
                a.rank <= b.rank,
                "{engine}: '{change}' made the answer more favourable ({b:?} -> {a:?}) for {doc}"
            );
        } else {
            prop_assert!(
                a.rank < a.favourable_from,
                "{engine}: '{change}' turned an open answer favourable ({b:?} -> {a:?}) for {doc}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::config())]

    #[test]
    fn deleting_any_key_never_makes_an_answer_more_favourable(doc in prober_document()) {
        let Some(product) = parse(&doc) else {
            return Err(TestCaseError::fail(format!("generated document does not parse: {doc}")));
        };
        let (before, named) = verdict_and_contradictions(&product);
        for (path, smaller) in deletions(&doc) {
            check_deletion(before, &named, verdict(&smaller), &path, &doc)?;
        }
    }

    #[test]
    fn adding_a_worse_fact_never_makes_an_answer_more_favourable(
        doc in prober_document(),
        step in proptest::sample::select(ProcessingStep::ALL),
        function in proptest::sample::select(TissueFunction::ALL),
        indication in proptest::sample::select(Indication::ALL),
        article in proptest::sample::select(AddedArticle::ALL),
    ) {
        let Some(product) = parse(&doc) else {
            return Err(TestCaseError::fail(format!("generated document does not parse: {doc}")));
        };
        let before = verdict(&product);
        for (change, worse) in worse_variants(&doc, step, function, indication, article) {
            let Some(p) = parse(&worse) else {
                return Err(TestCaseError::fail(format!("worse document does not parse: {worse}")));
            };
            check_worse(before, verdict(&p), &change, &doc)?;
        }
    }
}

proptest! {
    /// No silence is neutral, and `missing` is exact: an undetermined finding is never mere
    /// information; a finding that lists missing facts is undetermined; and every fact it lists
    /// as missing is absent from the document (it never asks for what was given).
    #[test]
    fn open_findings_are_questions_and_name_only_absent_facts(doc in prober_document()) {
        let Some(product) = parse(&doc) else {
            return Err(TestCaseError::fail(format!("generated document does not parse: {doc}")));
        };
        let eu = classify_eu(&product, ON);
        let jp = classify_jp(&product, ON);
        for f in eu.findings.iter().chain(jp.findings.iter()) {
            if f.outcome == msc_therapy::Outcome::Undetermined {
                prop_assert_ne!(f.severity, msc_therapy::Severity::Info, "{} in {}", f.rule, doc);
            }
            if !f.missing.is_empty() {
                prop_assert_eq!(f.outcome, msc_therapy::Outcome::Undetermined, "{} in {}", f.rule, doc);
            }
            for path in &f.missing {
                let pointer = format!("/{}", path.replace('.', "/"));
                prop_assert!(
                    doc.pointer(&pointer).is_none(),
                    "{} lists {} as missing, but {} gives it",
                    f.rule, path, doc
                );
            }
        }
    }
}

#[test]
fn deleting_the_steps_of_a_cultured_product_is_not_read_as_no_processing() {
    // The property above, on one document a reader can check by hand.
    let doc = json!({
        "name": "Cultured adipose cells",
        "preparation": "stromal_vascular_fraction",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {"steps": ["culture_expansion"], "same_surgical_procedure": true},
        "intended_use": {"functions": ["cushioning"], "indications": ["soft_tissue_defect"]},
        "delivery": {"route": "subcutaneous"}
    });
    let before = parse(&doc).map(|p| classify_eu(&p, ON).classification);
    assert_eq!(before, Some(EuClassification::TissueEngineeredProduct));
    let mut smaller = doc.clone();
    if let Some(processing) = smaller["processing"].as_object_mut() {
        processing.remove("steps");
    }
    let after = parse(&smaller).map(|p| classify_eu(&p, ON).classification);
    assert_eq!(after, Some(EuClassification::Undetermined));
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
