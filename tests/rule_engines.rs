//! **Every rule id runs in exactly one engine** (issue #21).
//!
//! Each engine owns one family of rule ids, the first segment of the machine name (the families
//! `docs/rules.md` is grouped by): [`classify_us`] the `us.` rules, [`assess_quality`] the
//! `quality.` rules, [`classify_eu`] the `eu.` rules, [`classify_jp`] the `jp.` rules and
//! [`evaluate_offer`] the `offer.` rules. An engine that answers for another's rule (an offer
//! quoting the quality engine's finding under the quality id, say) would have two places that
//! decide one rule, and the two could drift apart; this test fails on it.
//!
//! The one shared rule is `law.knowledge_horizon` ([`SHARED`]): every engine takes an evaluation
//! date, and every engine must say when that date lies after the crate's knowledge, so every
//! engine emits it, from the one function `law::horizon_finding`.
//!
//! The documents: every bundled sample, every real record, the product of every offer, every
//! offer moved to each [`Jurisdiction`], and a
//! fixed set of generated product documents (the fail-closed generator, deterministic seed), each
//! on the knowledge horizon and on a later date. Every rule id must be emitted by its engine on
//! some document, or be listed in [`NOT_EMITTED`] with the reason.
#![cfg(feature = "json")]

mod common;

use jiff::civil::{Date, date};
use msc_therapy::catalog::Jurisdiction;
use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::finding::KNOWLEDGE_HORIZON;
use msc_therapy::{
    ClinicOffer, Product, Report, RuleId, assess_quality, classify_eu, classify_jp, classify_us,
    evaluate_offer,
};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

/// The engines, each with the family (machine-name prefix) of the rules it owns.
const ENGINES: &[(&str, &str)] = &[
    ("classify_us", "us."),
    ("assess_quality", "quality."),
    ("classify_eu", "eu."),
    ("classify_jp", "jp."),
    ("evaluate_offer", "offer."),
];

/// Rules every engine emits: (rule, why it is shared).
const SHARED: &[(RuleId, &str)] = &[(
    RuleId::LawKnowledgeHorizon,
    "every engine takes an evaluation date and says, from the one function \
     law::horizon_finding, when it lies after the crate's knowledge",
)];

/// Rules no document of this test makes an engine emit: (rule, why). Empty: every rule is
/// reached.
const NOT_EMITTED: &[(RuleId, &str)] = &[];

/// Dates each document is evaluated on: the horizon, and a later day (the horizon rule).
const DATES: [Date; 2] = [KNOWLEDGE_HORIZON, date(2028, 1, 1)];

/// How many generated product documents are added to the bundled ones.
const GENERATED: usize = 300;

fn documents() -> (Vec<Product>, Vec<ClinicOffer>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (mut products, mut offers) = (Vec::new(), Vec::new());
    for folder in [
        "examples/data/products",
        "examples/data/offers",
        "tests/data/real_records",
    ] {
        for entry in fs::read_dir(root.join(folder)).expect("the folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|ext| ext != "json") {
                continue;
            }
            let json = fs::read_to_string(&path).expect("the document");
            if let Ok(product) = Product::from_json(&json) {
                products.push(product);
            } else {
                let offer = ClinicOffer::from_json(&json)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                products.push(offer.product.clone());
                offers.push(offer);
                // The same offer in every jurisdiction, so that each pathway rule is reached.
                let mut value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
                for jurisdiction in Jurisdiction::iter() {
                    value["jurisdiction"] = jurisdiction.code().into();
                    offers.push(
                        ClinicOffer::from_json(&value.to_string()).expect("the offer, moved"),
                    );
                }
            }
        }
    }
    let mut runner = TestRunner::deterministic();
    let strategy = common::product_document();
    for _ in 0..GENERATED {
        let doc = strategy
            .new_tree(&mut runner)
            .expect("a document")
            .current();
        products.push(common::parse(&doc));
    }
    (products, offers)
}

/// The rule ids each engine emitted over every document and date.
fn emitted() -> BTreeMap<&'static str, BTreeSet<RuleId>> {
    let (products, offers) = documents();
    let policy = QualityPolicy::default();
    let mut by_engine: BTreeMap<&'static str, BTreeSet<RuleId>> = BTreeMap::new();
    let mut record = |engine: &'static str, report: &dyn Report| {
        by_engine
            .entry(engine)
            .or_default()
            .extend(report.findings().map(|finding| finding.rule));
    };
    for on in DATES {
        for product in &products {
            record("classify_us", &classify_us(product, on));
            record("assess_quality", &assess_quality(product, &policy, on));
            record("classify_eu", &classify_eu(product, on));
            record("classify_jp", &classify_jp(product, on));
        }
        for offer in &offers {
            record("evaluate_offer", &evaluate_offer(offer, on));
        }
    }
    by_engine
}

fn is_shared(rule: RuleId) -> bool {
    SHARED.iter().any(|&(shared, _)| shared == rule)
}

#[test]
fn each_engine_emits_only_the_rules_of_its_family_and_every_rule_is_emitted() {
    let by_engine = emitted();
    let mut failures = Vec::new();

    // Each engine: only its own family, and the shared rules.
    for &(engine, family) in ENGINES {
        let rules = by_engine.get(engine).cloned().unwrap_or_default();
        for rule in &rules {
            if !rule.code().starts_with(family) && !is_shared(*rule) {
                failures.push(format!("{engine} emits {rule}, a rule outside `{family}`"));
            }
        }
        // The shared rules come from every engine.
        for &(shared, _) in SHARED {
            if !rules.contains(&shared) {
                failures.push(format!("{engine} never emits the shared rule {shared}"));
            }
        }
    }

    // Disjoint: no rule but a shared one from two engines.
    let mut owners: BTreeMap<RuleId, Vec<&str>> = BTreeMap::new();
    for (engine, rules) in &by_engine {
        for rule in rules {
            owners.entry(*rule).or_default().push(engine);
        }
    }
    for (rule, engines) in &owners {
        if engines.len() > 1 && !is_shared(*rule) {
            failures.push(format!("{rule} is emitted by several engines: {engines:?}"));
        }
    }

    // Every rule: emitted by its engine, or listed as not emitted with a reason.
    for rule in RuleId::iter() {
        let listed = NOT_EMITTED.iter().any(|&(r, _)| r == rule);
        match (owners.contains_key(&rule), listed) {
            (false, false) => failures.push(format!(
                "{rule} is emitted by no engine on any document (add a document that reaches it, \
                 or list it in NOT_EMITTED with the reason)"
            )),
            (true, true) => failures.push(format!(
                "{rule} is listed in NOT_EMITTED but an engine emits it"
            )),
            _ => {}
        }
        // Every rule belongs to exactly one family, or is shared.
        let families = ENGINES
            .iter()
            .filter(|(_, family)| rule.code().starts_with(family))
            .count();
        if families != 1 && !is_shared(rule) {
            failures.push(format!("{rule} belongs to {families} engine families"));
        }
    }

    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_shared_and_unreached_lists_give_reasons() {
    for (rule, reason) in SHARED.iter().chain(NOT_EMITTED) {
        assert!(reason.len() > 20, "{rule}: the reason is too short");
    }
}
