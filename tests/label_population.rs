//! The patients a label covers: an authorised product given outside them is off label.
//!
//! Every expectation is read from the label texts of the catalog's reference list of approved
//! products, not from the crate's output:
//!
//! - Ryoncil (remestemcel-L-rknd, FDA BLA, 18 Dec 2024): "steroid-refractory acute GvHD in
//!   paediatric patients 2 months of age and older". US drug labeling counts the paediatric
//!   population from birth to 16 years (21 CFR 201.57(c)(9)(iv)), so the label ends before 17.
//! - Prochymal (Health Canada NOC/c, 2012): "acute GvHD in paediatric patients refractory to
//!   systemic corticosteroids and/or other immunosuppressants" (below 18).
//! - Alofisel (EU, 2018): "complex perianal fistulas in adults ... inadequate response to at
//!   least one conventional or biologic therapy"; Alofisel (Japan, 2021): the same with
//!   "inadequate response to at least one existing medicinal treatment", no age stated.
//! - Ruibosheng (NMPA, 2 Jan 2025): "steroid-refractory acute GvHD ... in patients aged 14 and
//!   over"; Obnitix (PEI, section 4b AMG): "steroid-refractory acute GvHD ... children 2 years
//!   and over and adults".
//! - TEMCELL HS Inj. (MHLW, 2015): "acute GvHD after haematopoietic stem cell
//!   transplantation": no age and no earlier treatment.
//!
//! An offer that leaves out the patient's age (or whether standard treatments were tried) where
//! the label restricts them is not on label either: absent is unknown, and the fact is missing.
#![cfg(feature = "json")]

use msc_therapy::engine::offer::{OfferEvaluation, PatientVerdict};
use msc_therapy::finding::{FactRole, FactValue};
use msc_therapy::{ClinicOffer, Outcome, RuleId, evaluate_offer};
use serde_json::{Value, json};

const RYONCIL: &str = include_str!("../examples/data/offers/ryoncil_on_label.json");

/// The Ryoncil sample with `patch` applied: top-level keys replaced (`null` removes), and the
/// keys of `patient` and `product` merged into the sample's (`null` removes).
fn offer(patch: Value) -> ClinicOffer {
    let mut doc: Value = serde_json::from_str(RYONCIL).unwrap();
    for (key, value) in patch.as_object().unwrap() {
        if key == "patient" || key == "product" {
            for (k, v) in value.as_object().unwrap() {
                if v.is_null() {
                    doc[key].as_object_mut().unwrap().remove(k);
                } else {
                    doc[key][k] = v.clone();
                }
            }
        } else if value.is_null() {
            doc.as_object_mut().unwrap().remove(key);
        } else {
            doc[key] = value.clone();
        }
    }
    ClinicOffer::from_json(&doc.to_string()).expect("patched offer parses")
}

/// Ryoncil, in the US, for steroid-refractory GvHD, to a patient of `age`.
fn ryoncil_at(age: Value) -> OfferEvaluation {
    evaluate_offer(&offer(json!({"patient": {"age": age}})), ON)
}

fn identity(eval: &OfferEvaluation) -> &msc_therapy::Finding {
    eval.finding(RuleId::OfferProductIdentity)
        .expect("a named product is judged")
}

fn codes(eval: &OfferEvaluation, rule: RuleId, name: &str) -> Vec<String> {
    match eval.finding(rule).and_then(|f| f.fact_named(name)) {
        Some(fact) => match &fact.value {
            FactValue::Codes(c) => c.iter().map(str::to_owned).collect(),
            other => vec![other.to_string()],
        },
        None => Vec::new(),
    }
}

fn contradicted(eval: &OfferEvaluation, rule: RuleId) -> Vec<String> {
    codes(eval, rule, "contradicts")
}

fn missing(eval: &OfferEvaluation, rule: RuleId) -> Vec<String> {
    eval.finding(rule)
        .map(|f| f.missing.iter_str().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn on_label(eval: &OfferEvaluation) -> bool {
    identity(eval).outcome == Outcome::Met
}

/// The number and unit of the fact `name` of `rule`'s finding, with its role.
fn age_fact(eval: &OfferEvaluation, rule: RuleId, name: &str) -> Option<(f64, String, FactRole)> {
    let fact = eval.finding(rule)?.fact_named(name)?;
    match fact.value {
        FactValue::Number(n) => Some((n, fact.unit.as_deref()?.to_owned(), fact.role)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Ryoncil: paediatric patients 2 months of age and older, steroid-refractory
// ---------------------------------------------------------------------------------------------

/// (a) A 9-year-old with steroid-refractory acute GvHD, given Ryoncil IV in the US: on label,
/// and the US pathway and the claim of FDA approval are good signs.
#[test]
fn ryoncil_for_a_child_with_steroid_refractory_gvhd_is_on_label() {
    let eval = ryoncil_at(json!({"value": 9, "unit": "years"}));
    assert!(on_label(&eval), "{eval}");
    assert_eq!(eval.verdict, PatientVerdict::GoodSigns, "{eval}");
    for rule in [
        RuleId::OfferUsPathway,
        RuleId::OfferClaimFdaApproved,
        RuleId::OfferTrialEvidence,
    ] {
        assert_eq!(eval.finding(rule).unwrap().outcome, Outcome::Met, "{rule}");
    }
    assert_eq!(
        age_fact(&eval, RuleId::OfferProductIdentity, "patient.age"),
        Some((9.0, "years".to_owned(), FactRole::Input))
    );
    assert!(missing(&eval, RuleId::OfferProductIdentity).is_empty());
}

/// (b) The same product for a 45-year-old: Ryoncil is not approved for adults. The offer uses
/// the product outside its label (a question about evidence: a licensed biologic may be
/// prescribed off label, 21 CFR 312.2(d)), the finding names the label's upper bound, and no
/// fact is missing: the contradiction decides it. The claim that it is "FDA-approved" for this
/// patient is false, and that claim, kept separate, is what makes it walk away.
#[test]
fn ryoncil_for_an_adult_is_off_label() {
    let eval = ryoncil_at(json!({"value": 45, "unit": "years"}));
    let f = identity(&eval);
    assert_eq!(f.outcome, Outcome::NotMet);
    assert_eq!(f.severity, msc_therapy::Severity::Warning);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
    assert_eq!(
        contradicted(&eval, RuleId::OfferProductIdentity),
        ["patient.age"]
    );
    assert!(f.missing.is_empty());
    assert_eq!(
        age_fact(
            &eval,
            RuleId::OfferProductIdentity,
            "catalog.population.below_age"
        ),
        Some((17.0, "years".to_owned(), FactRole::Limit))
    );
    // Not on label, so the US pathway is no longer a good sign: it is a question about the
    // label's evidence, not a finding that the product needs an IND.
    let pathway = eval.finding(RuleId::OfferUsPathway).unwrap();
    assert_eq!(pathway.severity, msc_therapy::Severity::Warning);
    assert!(
        eval.ask_first
            .iter()
            .any(|f| f.rule == RuleId::OfferUsPathway)
    );
    assert!(
        !pathway
            .reason
            .map(|r| r.text())
            .unwrap_or("")
            .contains("may only be given")
    );
    // "FDA-approved" for an adult's GvHD is false: the approval covers children.
    let claim = eval.finding(RuleId::OfferClaimFdaApproved).unwrap();
    assert_eq!(claim.outcome, Outcome::NotMet);
    assert_eq!(
        contradicted(&eval, RuleId::OfferClaimFdaApproved),
        ["patient.age"]
    );
    assert!(claim.missing.is_empty());
}

/// (c) A 1-month-old is younger than the label's "2 months of age and older".
#[test]
fn ryoncil_for_a_one_month_old_is_off_label() {
    let eval = ryoncil_at(json!({"value": 1, "unit": "months"}));
    assert_eq!(identity(&eval).outcome, Outcome::NotMet);
    assert_eq!(
        contradicted(&eval, RuleId::OfferProductIdentity),
        ["patient.age"]
    );
    assert_eq!(
        age_fact(
            &eval,
            RuleId::OfferProductIdentity,
            "catalog.population.min_age"
        ),
        Some((2.0, "months".to_owned(), FactRole::Limit))
    );
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

/// (d) "Paediatric" on a US label is birth to 16 years (21 CFR 201.57(c)(9)(iv)): 16.9 years is
/// on label, 17 years is not.
#[test]
fn ryoncil_ends_before_17_years() {
    assert!(on_label(&ryoncil_at(
        json!({"value": 16.9, "unit": "years"})
    )));
    let seventeen = ryoncil_at(json!({"value": 17, "unit": "years"}));
    assert_eq!(identity(&seventeen).outcome, Outcome::NotMet);
    assert_eq!(
        contradicted(&seventeen, RuleId::OfferProductIdentity),
        ["patient.age"]
    );
    // 17 years written in months is the same age.
    let in_months = ryoncil_at(json!({"value": 204, "unit": "months"}));
    assert_eq!(identity(&in_months).outcome, Outcome::NotMet);
    assert!(on_label(&ryoncil_at(
        json!({"value": 203, "unit": "months"})
    )));
}

/// (e) "2 months of age and older" includes 2 months, however the age is written: a month is a
/// twelfth of a 365.25-day year (30.4375 days), so 2 months are 60.875 days, just under 9
/// weeks (63 days) and over 8 weeks (56 days).
#[test]
fn ryoncil_starts_at_2_months_in_any_unit() {
    for age in [
        json!({"value": 2, "unit": "months"}),
        json!({"value": 60.875, "unit": "days"}),
        json!({"value": 61, "unit": "days"}),
        json!({"value": 9, "unit": "weeks"}),
    ] {
        assert!(on_label(&ryoncil_at(age.clone())), "{age}");
    }
    for age in [
        json!({"value": 60, "unit": "days"}),
        json!({"value": 8, "unit": "weeks"}),
        json!({"value": 1.9, "unit": "months"}),
        json!({"value": 0, "unit": "days"}),
    ] {
        let eval = ryoncil_at(age.clone());
        assert_eq!(
            contradicted(&eval, RuleId::OfferProductIdentity),
            ["patient.age"],
            "{age}"
        );
    }
}

/// (f) Without the patient's age the offer cannot be on label for a label restricted to
/// children: the finding is undetermined and names the missing age (and the label's bounds),
/// and the claim of FDA approval is an open question too.
#[test]
fn ryoncil_without_the_patients_age_is_undetermined() {
    let eval = ryoncil_at(Value::Null);
    let f = identity(&eval);
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert_eq!(
        missing(&eval, RuleId::OfferProductIdentity),
        ["patient.age"]
    );
    assert!(contradicted(&eval, RuleId::OfferProductIdentity).is_empty());
    assert!(f.fact_named("catalog.population.min_age").is_some());
    assert!(f.fact_named("catalog.population.below_age").is_some());
    assert_eq!(eval.verdict, PatientVerdict::AskFirst);
    assert_ne!(
        eval.finding(RuleId::OfferUsPathway).unwrap().outcome,
        Outcome::Met
    );
    let claim = eval.finding(RuleId::OfferClaimFdaApproved).unwrap();
    assert_eq!(claim.outcome, Outcome::Undetermined);
    assert_eq!(
        missing(&eval, RuleId::OfferClaimFdaApproved),
        ["patient.age"]
    );
}

/// (g) "Steroid-refractory": the label is for disease that resisted steroids. A patient who has
/// not tried the standard treatment is off label; one for whom it is not known is an open
/// question.
#[test]
fn ryoncil_needs_disease_that_resisted_standard_treatment() {
    let untried = evaluate_offer(
        &offer(json!({"patient": {"standard_treatments_tried": false}})),
        ON,
    );
    assert_eq!(identity(&untried).outcome, Outcome::NotMet);
    assert_eq!(
        contradicted(&untried, RuleId::OfferProductIdentity),
        ["patient.standard_treatments_tried"]
    );
    assert!(identity(&untried).missing.is_empty());
    assert_eq!(untried.verdict, PatientVerdict::WalkAway);

    let unknown = evaluate_offer(
        &offer(json!({"patient": {"standard_treatments_tried": null}})),
        ON,
    );
    assert_eq!(identity(&unknown).outcome, Outcome::Undetermined);
    assert_eq!(
        missing(&unknown, RuleId::OfferProductIdentity),
        ["patient.standard_treatments_tried"]
    );
    assert!(
        identity(&unknown)
            .fact_named("catalog.population.after_prior_treatment")
            .is_some()
    );
    assert_eq!(unknown.verdict, PatientVerdict::AskFirst);

    // Both absent: both are missing, in the order the comparison reads them.
    let neither = evaluate_offer(
        &offer(json!({"patient": {"age": null, "standard_treatments_tried": null}})),
        ON,
    );
    assert_eq!(
        missing(&neither, RuleId::OfferProductIdentity),
        ["patient.age", "patient.standard_treatments_tried"]
    );
}

/// A claim of FDA approval that names no product can only be about Ryoncil for GvHD: for an
/// adult it is false, and without the age it is an open question that the age could settle.
#[test]
fn an_unnamed_claim_of_fda_approval_for_an_adults_gvhd_is_false() {
    let adult = evaluate_offer(
        &offer(json!({
            "authorisation": null,
            "patient": {"age": {"value": 45, "unit": "years"}}
        })),
        ON,
    );
    assert_eq!(
        adult
            .finding(RuleId::OfferClaimFdaApproved)
            .unwrap()
            .outcome,
        Outcome::NotMet
    );
    assert_eq!(
        contradicted(&adult, RuleId::OfferClaimFdaApproved),
        ["patient.age"]
    );
    let unknown = evaluate_offer(
        &offer(json!({"authorisation": null, "patient": {"age": null}})),
        ON,
    );
    let claim = unknown.finding(RuleId::OfferClaimFdaApproved).unwrap();
    assert_eq!(claim.outcome, Outcome::Undetermined);
    assert_eq!(
        missing(&unknown, RuleId::OfferClaimFdaApproved),
        ["authorisation", "patient.age"]
    );
    // A child's age settles the age: only the product's name is then missing.
    let child = evaluate_offer(&offer(json!({"authorisation": null})), ON);
    assert_eq!(
        missing(&child, RuleId::OfferClaimFdaApproved),
        ["authorisation"]
    );
}

// ---------------------------------------------------------------------------------------------
// Other labels
// ---------------------------------------------------------------------------------------------

/// An offer of Alofisel in Japan, for a Crohn's perianal fistula, with `patient` merged in.
fn alofisel(jurisdiction: &str, key: &str, patient: Value) -> OfferEvaluation {
    evaluate_offer(
        &offer(json!({
            "jurisdiction": jurisdiction,
            "authorisation": {"catalog_key": key},
            "indication": "perianal_fistula",
            "claims": [],
            "product": {"tissue": "adipose_tissue", "delivery": {"route": "intralesional"}},
            "patient": patient
        })),
        ON,
    )
}

/// Alofisel's Japanese label states no age: an offer without the patient's age is not open
/// on age (its status, unconfirmed since the EU withdrawal, keeps it undetermined with nothing
/// missing). It does require an inadequate response to an earlier treatment. The EU label is
/// for adults: there the age is needed, and a child contradicts it.
#[test]
fn alofisel_in_japan_has_no_age_bound_but_needs_an_earlier_treatment() {
    let no_age = alofisel("japan", "alofisel_jp", json!({"age": null}));
    assert!(!missing(&no_age, RuleId::OfferProductIdentity).contains(&"patient.age".to_owned()));
    assert!(contradicted(&no_age, RuleId::OfferProductIdentity).is_empty());
    let child = alofisel(
        "japan",
        "alofisel_jp",
        json!({"age": {"value": 9, "unit": "years"}}),
    );
    assert!(contradicted(&child, RuleId::OfferProductIdentity).is_empty());
    let untried = alofisel(
        "japan",
        "alofisel_jp",
        json!({"standard_treatments_tried": false}),
    );
    assert_eq!(
        contradicted(&untried, RuleId::OfferProductIdentity),
        ["patient.standard_treatments_tried"]
    );

    // EU (withdrawn 13 Dec 2024): a 9-year-old contradicts "adults" as well as the status.
    let eu_child = alofisel(
        "germany",
        "alofisel_eu",
        json!({"age": {"value": 9, "unit": "years"}}),
    );
    assert_eq!(
        contradicted(&eu_child, RuleId::OfferProductIdentity),
        ["patient.age", "catalog.status"]
    );
}

/// TEMCELL's label ("acute GvHD after haematopoietic stem cell transplantation") names no age
/// and no earlier treatment: in Japan, an offer that gives neither is on label.
#[test]
fn temcell_in_japan_is_on_label_without_age_or_earlier_treatment() {
    let eval = evaluate_offer(
        &offer(json!({
            "jurisdiction": "japan",
            "authorisation": {"catalog_key": "temcell_jp"},
            "claims": [],
            "patient": {"age": null, "standard_treatments_tried": null}
        })),
        ON,
    );
    assert!(on_label(&eval), "{eval}");
    assert!(
        eval.finding(RuleId::OfferProductIdentity)
            .unwrap()
            .missing
            .is_empty()
    );
    // An adult is within a label that states no age.
    let adult = evaluate_offer(
        &offer(json!({
            "jurisdiction": "japan",
            "authorisation": {"catalog_key": "temcell_jp"},
            "claims": [],
            "patient": {"age": {"value": 45, "unit": "years"}}
        })),
        ON,
    );
    assert!(on_label(&adult), "{adult}");
}

/// Ruibosheng (China): "patients aged 14 and over"; Obnitix (Germany): "children 2 years and
/// over and adults". Both umbilical or marrow cells IV for steroid-refractory acute GvHD.
#[test]
fn lower_age_bounds_of_ruibosheng_and_obnitix() {
    let ruibosheng = |age: Value| {
        evaluate_offer(
            &offer(json!({
                "jurisdiction": "china",
                "authorisation": {"catalog_key": "ruibosheng_cn"},
                "claims": [],
                "product": {"tissue": "umbilical_cord_tissue"},
                "patient": {"age": age}
            })),
            ON,
        )
    };
    assert!(on_label(&ruibosheng(json!({"value": 14, "unit": "years"}))));
    assert!(on_label(&ruibosheng(json!({"value": 45, "unit": "years"}))));
    assert_eq!(
        contradicted(
            &ruibosheng(json!({"value": 13, "unit": "years"})),
            RuleId::OfferProductIdentity
        ),
        ["patient.age"]
    );

    let obnitix = |age: Value| {
        evaluate_offer(
            &offer(json!({
                "jurisdiction": "germany",
                "authorisation": {"catalog_key": "obnitix_de"},
                "claims": [],
                "patient": {"age": age}
            })),
            ON,
        )
    };
    assert!(on_label(&obnitix(json!({"value": 2, "unit": "years"}))));
    assert!(on_label(&obnitix(json!({"value": 45, "unit": "years"}))));
    assert_eq!(
        contradicted(
            &obnitix(json!({"value": 18, "unit": "months"})),
            RuleId::OfferProductIdentity
        ),
        ["patient.age"]
    );
}

/// Prochymal's Canadian label is for paediatric patients (below 18 there): an 18-year-old is
/// outside it.
#[test]
fn prochymal_in_canada_is_for_patients_below_18() {
    let prochymal = |age: Value| {
        evaluate_offer(
            &offer(json!({
                "jurisdiction": "canada",
                "authorisation": {"catalog_key": "prochymal_ca"},
                "claims": [],
                "patient": {"age": age}
            })),
            ON,
        )
    };
    assert_eq!(
        contradicted(
            &prochymal(json!({"value": 18, "unit": "years"})),
            RuleId::OfferProductIdentity
        ),
        ["patient.age"]
    );
    let teenager = prochymal(json!({"value": 17, "unit": "years"}));
    assert!(contradicted(&teenager, RuleId::OfferProductIdentity).is_empty());
    // In force is not confirmed for Prochymal in Canada: undetermined, with nothing missing.
    assert_eq!(identity(&teenager).outcome, Outcome::Undetermined);
    assert!(identity(&teenager).missing.is_empty());
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
