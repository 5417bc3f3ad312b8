//! **Properties of the what-if search** (issue #22), on generated product documents (the shared
//! generator of the fail-closed tests) and on the bundled samples:
//!
//! 1. every suggested set, written into the document and read back with the crate's parser,
//!    gives the target (and the headline the set claims);
//! 2. no suggested set has a proper subset that reaches the same target: the document as it
//!    stands does not (else `already_reached`), and neither change of a pair does alone;
//! 3. a target reported unreachable is reached by no set within the documented limits: no
//!    single candidate change, and no pair of candidates that each alter a finding of the target's
//!    engine (its outcome, facts or missing facts, or the headline) on different fields.
//!
//! Property 3 is checked here with its own implementation of the limits (from
//! [`candidate_changes`], each change written into the JSON text and read with
//! `Product::from_json`), not with the search's code. On generated documents it checks every
//! single change and a spread of the relevant pairs (every k-th pair, at most [`PAIRS_CHECKED`]);
//! on the bundled samples, where 361 is out of reach, every relevant pair.
//!
//! Each case runs a whole search, so the case count is `PROPTEST_CASES / 16` (default 16).

mod common;

use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::engine::us::UsClassification;
use msc_therapy::what_if::{
    Change, ChangeKind, ProductTarget, candidate_changes, smallest_changes,
};
use msc_therapy::{
    Finding, Product, Report, assess_quality, classify_eu, classify_jp, classify_us,
};
use proptest::prelude::*;
use serde_json::Value;

const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);

/// The most pairs property 3 checks per generated document.
const PAIRS_CHECKED: usize = 400;

/// The target's engine on `product`: the target's code, and the findings as the documented
/// limits compare them (rule, outcome, each fact as written, missing paths).
fn run(product: &Product, target: ProductTarget) -> (&'static str, Vec<String>) {
    fn key<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<String> {
        findings
            .map(|f| {
                let facts: Vec<String> = f.facts.iter().map(ToString::to_string).collect();
                let missing: Vec<&str> = f.missing.iter_str().collect();
                format!(
                    "{}|{}|{}|{}",
                    f.rule,
                    f.outcome,
                    facts.join(";"),
                    missing.join(";")
                )
            })
            .collect()
    }
    match target {
        ProductTarget::Us(_) => {
            let r = classify_us(product, ON);
            (r.classification.code(), key(r.findings()))
        }
        ProductTarget::Quality(_) => {
            let r = assess_quality(product, &QualityPolicy::default(), ON);
            (r.verdict.code(), key(r.findings()))
        }
        ProductTarget::Eu(_) => {
            let r = classify_eu(product, ON);
            (r.classification.code(), key(r.findings()))
        }
        ProductTarget::JpRiskClass(_) => {
            let r = classify_jp(product, ON);
            (r.risk_class.code(), key(r.findings()))
        }
        ProductTarget::JpPmdAct(_) => {
            let r = classify_jp(product, ON);
            (r.pmd_act.code(), key(r.findings()))
        }
        _ => unreachable!("every target kind is listed"),
    }
}

/// `changes` written into the document (as JSON text, read with `from_json`); `None` when one
/// cannot be written or the result is invalid.
fn changed(doc: &Value, changes: &[&Change]) -> Option<Product> {
    let mut doc = doc.clone();
    for c in changes {
        if !c.apply(&mut doc) {
            return None;
        }
    }
    Product::from_json(&doc.to_string()).ok()
}

/// The field a change touches, as the limits keep a pair's changes apart: a one-value field by
/// its path, a list by its path and item.
fn field(c: &Change) -> String {
    match c.kind {
        ChangeKind::Set => c.path.clone(),
        _ => format!("{}={}", c.path, c.value),
    }
}

/// Properties 1 and 2 for the answer of `target` on `product`; property 3 over every single
/// candidate and every `stride`-th relevant pair. Returns how many pairs property 3 checked.
fn check(product: &Product, target: ProductTarget, pairs_checked: Option<usize>) -> usize {
    let doc = serde_json::to_value(product).expect("serializes");
    let answer = smallest_changes(product, target, ON);
    let (now, base) = run(product, target);
    assert_eq!(answer.already_reached, now == target.code(), "{answer}");
    if answer.already_reached {
        assert!(answer.sets.is_empty(), "{answer}");
        return 0;
    }
    // 1 and 2.
    for set in &answer.sets {
        let all: Vec<&Change> = set.changes.iter().collect();
        let after = changed(&doc, &all).expect("a suggested set gives a valid document");
        assert_eq!(run(&after, target).0, target.code(), "{set}");
        assert_eq!(set.headline, [target.code()], "{set}");
        assert!(!set.changes.is_empty() && set.changes.len() <= 2, "{set}");
        if set.changes.len() == 2 {
            for c in &set.changes {
                let alone = changed(&doc, &[c]).map(|p| run(&p, target).0);
                assert_ne!(alone, Some(target.code()), "{c} alone reaches it: {set}");
            }
        }
    }
    for pair in answer.sets.windows(2) {
        assert!(pair[0].changes.len() <= pair[1].changes.len(), "{answer}");
    }
    if !answer.unreachable {
        assert!(!answer.sets.is_empty());
        return 0;
    }
    // 3: no single candidate reaches it ...
    let mut relevant: Vec<Change> = Vec::new();
    for c in candidate_changes(product, ON) {
        let Some(after) = changed(&doc, &[&c]) else {
            continue;
        };
        let (code, findings) = run(&after, target);
        assert_ne!(
            code,
            target.code(),
            "{c} reaches {target} but it was reported unreachable"
        );
        if code != now || findings != base {
            relevant.push(c);
        }
    }
    // ... and no pair of relevant candidates on different fields.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for i in 0..relevant.len() {
        for j in i + 1..relevant.len() {
            let (a, b) = (&relevant[i], &relevant[j]);
            if field(a) != field(b) && !(a.kind == ChangeKind::Set && a.path == b.path) {
                pairs.push((i, j));
            }
        }
    }
    let stride = pairs_checked.map_or(1, |most| pairs.len().div_ceil(most.max(1)).max(1));
    let mut checked = 0;
    for &(i, j) in pairs.iter().step_by(stride) {
        let (a, b) = (&relevant[i], &relevant[j]);
        if let Some(after) = changed(&doc, &[a, b]) {
            assert_ne!(
                run(&after, target).0,
                target.code(),
                "{a} and {b} reach {target} but it was reported unreachable"
            );
        }
        checked += 1;
    }
    checked
}

fn cases() -> u32 {
    let all = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(256);
    (all / 16).max(1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..common::config() })]

    #[test]
    fn suggested_sets_are_true_minimal_and_unreachable_is_unreachable(
        doc in common::product_document(),
        pick in any::<prop::sample::Index>(),
    ) {
        let product = common::parse(&doc);
        let targets = ProductTarget::all();
        let target = targets[pick.index(targets.len())];
        check(&product, target, Some(PAIRS_CHECKED));
    }
}

/// The bundled cultured bone-marrow lot (modelled on Ryoncil, licensed under a BLA: a section
/// 351 product) fails three of the criteria of 21 CFR 1271.10(a) at once: culture expansion is
/// more than minimal manipulation ((a)(1); FDA, "Regulatory Considerations for HCT/Ps: Minimal
/// Manipulation and Homologous Use", Nov 2017, rev. Jul 2020, section IV.A), intravenous
/// immunomodulation for graft-versus-host disease is not a basic function of marrow stroma in
/// the donor ((a)(2)), and the cells are allogeneic, from an unrelated donor, with a systemic
/// effect that depends on their being alive ((a)(4)). No one change answers two of those, so no
/// set of two changes makes it a 361 HCT/P: the search must say unreachable, and every single
/// candidate and every relevant pair is checked to agree.
#[test]
fn no_set_within_the_limits_makes_the_cultured_marrow_lot_a_361_hctp() {
    let target = ProductTarget::Us(UsClassification::Section361Hctp);
    let product = common::parse(&common::sample_product("cultured_bone_marrow_msc"));
    let answer = smallest_changes(&product, target, ON);
    assert!(answer.unreachable, "{answer}");
    let checked = check(&product, target, None);
    assert!(checked > 1000, "{checked} pairs");
}
