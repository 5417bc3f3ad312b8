//! Fail-closed properties of the EU and Japanese engines, at the level of JSON documents.
//!
//! Each case generates a valid product document as JSON, reads it with `Product::from_json`,
//! and classifies it. Then:
//!
//! 1. **Deleting any key** (every key of every object, nested ones too, one at a time) and
//!    reading the document again must never give a more favourable answer. A deletion that
//!    makes the document invalid (a required key such as `name` or `delivery.route`) is skipped:
//!    it is rejected, which is fail-closed too.
//! 2. **Adding a worse fact** must never give a more favourable answer either: appending any
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
//! - **Japan, ASRM** (`classify_jp(..).risk_class`), towards a *lower risk class*:
//!   `outside_asrm` (3) > `class_iii` (2) > `class_ii` (1) > `class_i` = `undetermined` (0).
//!   Favourable: ranks 2 and 3.
//! - **Japan, PMD Act** (`classify_jp(..).pmd_act`): `not_regenerative_medical_product` (1) >
//!   `regenerative_medical_product` = `undetermined` (0). Favourable: rank 1.
//!
//! Deleting a key: the rank after is never higher than the rank before.
//!
//! Adding a worse fact can settle a question that was open (an undetermined ASRM class becomes
//! Class II once a non-homologous use is stated), so there the rule is: a determined answer
//! never becomes more favourable; an undetermined answer never becomes a favourable one; and
//! any answer may become undetermined.
//!
//! The number of cases comes from `PROPTEST_CASES` (proptest's default configuration reads
//! it; 256 when unset, the CI default). By hand, at 100 000 cases:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release --all-features --test fail_closed_eu_jp
//! ```

use msc_therapy::{
    AddedArticle, AsrmRiskClass, CellPreparation, Donor, EuClassification, Indication, Mechanism,
    PmdActStatus, ProcessingStep, Product, Route, SiteOfUse, TissueFunction, TissueSource,
    classify_eu, classify_jp,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

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
    let eu = classify_eu(product).classification;
    let jp = classify_jp(product);
    [
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
    ]
}

fn parse(doc: &Value) -> Option<Product> {
    Product::from_json(&doc.to_string()).ok()
}

fn codes<T: Copy>(all: &'static [T], code: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|t| code(*t)).collect()
}

fn one_of(values: Vec<&'static str>) -> impl Strategy<Value = Value> {
    proptest::sample::select(values).prop_map(Value::from)
}

fn some_of(values: Vec<&'static str>, max: usize) -> impl Strategy<Value = Value> {
    proptest::sample::subsequence(values, 0..=max)
        .prop_map(|v| Value::Array(v.into_iter().map(Value::from).collect()))
}

/// Puts `value` under `key` when it is `Some`: a key is present or absent, never null.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value);
    }
}

fn processing() -> impl Strategy<Value = Value> {
    (
        proptest::option::of(some_of(codes(ProcessingStep::ALL, ProcessingStep::code), 4)),
        proptest::option::of(some_of(codes(AddedArticle::ALL, AddedArticle::code), 2)),
        proptest::option::of(proptest::bool::ANY.prop_map(Value::from)),
        proptest::option::of(proptest::bool::ANY.prop_map(Value::from)),
    )
        .prop_map(|(steps, articles, same, data)| {
            let mut map = Map::new();
            put(&mut map, "steps", steps);
            put(&mut map, "added_articles", articles);
            put(&mut map, "same_surgical_procedure", same);
            put(&mut map, "minimal_manipulation_data", data);
            Value::Object(map)
        })
}

fn intended_use() -> impl Strategy<Value = Value> {
    (
        proptest::option::of(some_of(codes(TissueFunction::ALL, TissueFunction::code), 3)),
        proptest::option::of(some_of(codes(Indication::ALL, Indication::code), 3)),
        proptest::option::of(one_of(codes(SiteOfUse::ALL, SiteOfUse::code))),
        proptest::option::of(proptest::bool::ANY.prop_map(Value::from)),
        proptest::option::of(proptest::bool::ANY.prop_map(Value::from)),
    )
        .prop_map(|(functions, indications, site, systemic, living)| {
            let mut map = Map::new();
            put(&mut map, "functions", functions);
            put(&mut map, "indications", indications);
            put(&mut map, "site_of_use", site);
            put(&mut map, "systemic_effect", systemic);
            put(&mut map, "depends_on_living_cells", living);
            Value::Object(map)
        })
}

/// A valid product document with any subset of the keys the EU and Japanese rules read.
fn document() -> impl Strategy<Value = Value> {
    (
        proptest::option::of(one_of(codes(CellPreparation::ALL, CellPreparation::code))),
        proptest::option::of(one_of(codes(TissueSource::ALL, TissueSource::code))),
        proptest::option::of(one_of(codes(Donor::ALL, Donor::code))),
        proptest::option::of(processing()),
        proptest::option::of(intended_use()),
        proptest::option::of(one_of(codes(Route::ALL, Route::code))),
        proptest::option::of(some_of(codes(Mechanism::ALL, Mechanism::code), 3)),
    )
        .prop_map(
            |(preparation, tissue, donor, processing, intended_use, route, mechanisms)| {
                let mut map = Map::new();
                map.insert("name".to_owned(), json!("generated"));
                put(&mut map, "preparation", preparation);
                put(&mut map, "tissue", tissue);
                put(&mut map, "donor", donor);
                put(&mut map, "processing", processing);
                put(&mut map, "intended_use", intended_use);
                put(&mut map, "delivery", route.map(|r| json!({ "route": r })));
                put(&mut map, "mechanisms", mechanisms);
                Value::Object(map)
            },
        )
}

/// Every key path of a document, nested ones included (`["processing", "steps"]`).
fn key_paths(value: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    if let Value::Object(map) = value {
        for (key, child) in map {
            prefix.push(key.clone());
            out.push(prefix.clone());
            key_paths(child, prefix, out);
            prefix.pop();
        }
    }
}

/// The document without the key at `path`.
fn without(doc: &Value, path: &[String]) -> Value {
    let mut doc = doc.clone();
    let mut node = &mut doc;
    for key in &path[..path.len() - 1] {
        node = &mut node[key.as_str()];
    }
    if let (Value::Object(map), Some(last)) = (node, path.last()) {
        map.remove(last);
    }
    doc
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
    if non_basic && let Some(d) = appended(doc, "intended_use", "functions", function.code()) {
        out.push((format!("add non-homologous function {function}"), d));
    }
    let non_homologous_indication = tissue.is_none_or(|t| {
        indication
            .info()
            .implies
            .iter()
            .any(|f| !t.info().basic_functions.contains(f))
    });
    if non_homologous_indication
        && let Some(d) = appended(doc, "intended_use", "indications", indication.code())
    {
        out.push((format!("add non-homologous indication {indication}"), d));
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

/// Deleting a key: the answer never becomes more favourable.
fn check_deletion(
    before: [Answer; 3],
    after: [Answer; 3],
    change: &str,
    doc: &Value,
) -> Result<(), TestCaseError> {
    for (i, engine) in ENGINES.iter().enumerate() {
        prop_assert!(
            after[i].rank <= before[i].rank,
            "{engine}: '{change}' made the answer more favourable ({:?} -> {:?}) for {doc}",
            before[i],
            after[i]
        );
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
    #[test]
    fn deleting_any_key_never_makes_an_answer_more_favourable(doc in document()) {
        let Some(product) = parse(&doc) else {
            return Err(TestCaseError::fail(format!("generated document does not parse: {doc}")));
        };
        let before = verdict(&product);
        let mut paths = Vec::new();
        key_paths(&doc, &mut Vec::new(), &mut paths);
        for path in paths {
            let smaller = without(&doc, &path);
            if let Some(p) = parse(&smaller) {
                check_deletion(before, verdict(&p), &format!("delete {}", path.join(".")), &doc)?;
            }
        }
    }

    #[test]
    fn adding_a_worse_fact_never_makes_an_answer_more_favourable(
        doc in document(),
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
    let before = parse(&doc).map(|p| classify_eu(&p).classification);
    assert_eq!(before, Some(EuClassification::TissueEngineeredProduct));
    let after = parse(&without(&doc, &["processing".into(), "steps".into()]))
        .map(|p| classify_eu(&p).classification);
    assert_eq!(after, Some(EuClassification::Undetermined));
}
