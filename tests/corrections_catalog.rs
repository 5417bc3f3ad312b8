//! Issue #18, the catalog and national routes brought current, each from its source:
//!
//! - catalog rows say when they hold, and the catalog answers "as of when?"
//!   ([`ApprovedProduct::status_on`]); the offer evaluation and the Japanese authorised
//!   classification read the catalog on the evaluation date;
//! - Alofisel's EU marketing authorisation, withdrawn on 13 Dec 2024 at the holder's request
//!   (EMA, "Alofisel withdrawn from the EU market", Dec 2024; Takeda statement, 13 Dec 2024);
//! - Stemirac's conditional, time-limited approval (28 Dec 2018, seven years: time limit ended
//!   27 Dec 2025), full approval applied for on 14 Nov 2025, "pending the final outcome …
//!   manufacturing and sales will continue under conditional and time-limited approval" (Nikkei,
//!   17 Nov 2025; Mix Online, 25 Nov 2025); no MHLW decision found through Dec 2026;
//! - Akuugo's shipment condition: the Regenerative Medicine Products committee found no
//!   objection on 16 Oct 2025 (e-radfan, 17 Oct 2025), MHLW lifted it in late 2025 (SanBio via
//!   Nikkei); a seven-year conditional term whose end date is not verified;
//! - NeuroNata-R: the confirmatory Phase 3 ALSummit missed its primary endpoint (Dec 2024;
//!   Corestem via PR Newswire, 29 May 2025); the Korean status after it is not found;
//! - Korea's advanced regenerative medicine treatment (Act No. 20331, promulgated 20 Feb 2024,
//!   in force 21 Feb 2025) and China's State Council Decree No. 818 (signed 28 Sep 2025,
//!   published 10 Oct 2025, in force 1 May 2026) as dated national routes;
//! - the eye surface's UBERON term: the ocular surface region (UBERON:0010409), not the anterior
//!   chamber of the eyeball (UBERON:0001766), which lies inside the eye.
#![cfg(feature = "json")]

use jiff::civil::{Date, date};
use msc_therapy::catalog::{ApprovedProduct, AuthorisationStatus as S, CatalogKey, Jurisdiction};
use msc_therapy::engine::jp::PmdActStatus;
use msc_therapy::vocab::{Indication, SiteOfUse};
use msc_therapy::{
    ClinicOffer, Finding, Outcome, Product, RuleId, Severity, classify_jp_authorised,
    evaluate_offer,
};
use serde_json::{Value, json};

const ON: Date = date(2026, 12, 7);
const RYONCIL: &str = include_str!("../examples/data/offers/ryoncil_on_label.json");

/// An offer that matches `key`'s authorisation in every fact the comparison reads, made in
/// `place`, with no claim of FDA approval.
fn offer_for(key: &str, place: &str, edit: impl FnOnce(&mut Value)) -> ClinicOffer {
    let mut v: Value = serde_json::from_str(RYONCIL).unwrap();
    v["authorisation"] = json!({ "catalog_key": key });
    v["jurisdiction"] = json!(place);
    v["claims"] = json!([]);
    edit(&mut v);
    ClinicOffer::from_json(&v.to_string()).expect("offer parses")
}

fn alofisel_offer(place: &str) -> ClinicOffer {
    offer_for("alofisel_eu", place, |v| {
        v["product"]["tissue"] = json!("adipose_tissue");
        v["product"]["delivery"]["route"] = json!("intralesional");
        v["product"]["intended_use"]["indications"] = json!(["perianal_fistula"]);
        v["indication"] = json!("perianal_fistula");
        v["patient"]["age"] = json!({"value": 34, "unit": "years"});
    })
}

fn text_fact(f: &Finding, name: &str) -> Option<String> {
    f.fact_named(name)
        .map(|fact| serde_json::to_value(fact).unwrap()["value"].to_string())
}

// ------------------------------------------------------------------------------------------
// Alofisel (EU): withdrawn 13 Dec 2024
// ------------------------------------------------------------------------------------------

/// EMA, "Alofisel withdrawn from the EU market": the European Commission withdrew the
/// marketing authorisation on 13 Dec 2024 at the holder's request. Before that day it was
/// authorised (EC authorisation 23 Mar 2018); from it, it is not.
#[test]
fn alofisel_eu_is_authorised_until_13_dec_2024_and_withdrawn_from_that_day() {
    let p = CatalogKey::AlofiselEu.product();
    assert_eq!(p.withdrawn_on, Some(date(2024, 12, 13)));
    assert_eq!(p.status_on(date(2018, 3, 22)), S::NotYetAuthorised);
    assert_eq!(p.status_on(date(2018, 3, 23)), S::InForce);
    assert_eq!(p.status_on(date(2024, 12, 12)), S::InForce);
    assert_eq!(p.status_on(date(2024, 12, 13)), S::Withdrawn);
    assert_eq!(p.status_on(ON), S::Withdrawn);
    let fistula = |on| {
        ApprovedProduct::approved_in_on(Jurisdiction::Germany, Indication::PerianalFistula, on)
            .map(|p| p.key)
            .collect::<Vec<_>>()
    };
    assert!(fistula(date(2024, 12, 12)).contains(&CatalogKey::AlofiselEu));
    assert!(!fistula(date(2024, 12, 13)).contains(&CatalogKey::AlofiselEu));
    // The withdrawal is cited: issuer, title, date.
    assert!(
        p.events
            .iter()
            .any(|e| e.source.issuer == "European Medicines Agency"
                && e.source.title.contains("withdrawn")
                && e.when == "13 Dec 2024")
    );
}

/// An offer of Alofisel in Germany that matches its authorisation: before the withdrawal a
/// good sign; after it, the authorisation the clinic names no longer exists (walk away), and
/// the finding names the withdrawal date.
#[test]
fn an_alofisel_offer_is_on_label_before_the_withdrawal_and_contradicted_after_it() {
    let offer = alofisel_offer("germany");
    let before = evaluate_offer(&offer, date(2024, 6, 1));
    let f = before.finding(RuleId::OfferProductIdentity).unwrap();
    assert_eq!(f.outcome, Outcome::Met, "{f}");
    assert!(
        before
            .good_signs
            .iter()
            .any(|g| g.rule == RuleId::OfferProductIdentity)
    );

    let after = evaluate_offer(&offer, date(2025, 1, 10));
    let f = after.finding(RuleId::OfferProductIdentity).unwrap();
    assert_eq!(f.outcome, Outcome::NotMet, "{f}");
    assert!(
        after
            .walk_away
            .iter()
            .any(|g| g.rule == RuleId::OfferProductIdentity)
    );
    assert_eq!(
        text_fact(f, "catalog.status").as_deref(),
        Some("\"withdrawn\"")
    );
    assert_eq!(
        text_fact(f, "catalog.withdrawn_on").as_deref(),
        Some("\"2024-12-13\"")
    );
    // And the EU pathway is no longer settled by an on-label authorisation.
    assert_ne!(
        after.finding(RuleId::OfferEuPathway).map(|f| f.outcome),
        Some(Outcome::Met)
    );
}

// ------------------------------------------------------------------------------------------
// Stemirac: time limit ended 27 Dec 2025, full approval applied for 14 Nov 2025
// ------------------------------------------------------------------------------------------

/// Conditional, time-limited approval of 28 Dec 2018 for seven years (time limit 27 Dec 2025);
/// full approval applied for on 14 Nov 2025, before the limit; "pending the final outcome …
/// manufacturing and sales will continue under conditional and time-limited approval"; no
/// decision found.
#[test]
fn stemirac_continues_pending_a_decision_on_full_approval_not_found() {
    let p = CatalogKey::StemiracJp.product();
    assert_eq!(p.time_limit_ends_on, Some(date(2025, 12, 27)));
    assert_eq!(p.full_approval_applied_on, Some(date(2025, 11, 14)));
    assert_eq!(p.term_years, Some(7));
    assert_eq!(p.status_on(date(2018, 12, 27)), S::NotYetAuthorised);
    assert_eq!(p.status_on(date(2025, 12, 27)), S::InForce);
    assert_eq!(p.status_on(date(2025, 12, 28)), S::PendingFullApproval);
    assert_eq!(p.status, S::PendingFullApproval);
    // Sale continues (in force, as the holder states), but it is not confirmed in force.
    assert!(S::PendingFullApproval.in_force());
    assert!(!S::PendingFullApproval.confirmed_in_force());
    let text = p.status_text_on(ON);
    for part in [
        "2025-12-27",
        "2025-11-14",
        "continue",
        "no decision on full approval is found",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    // Within the term the text says nothing of a pending decision.
    assert!(!p.status_text_on(date(2024, 1, 1)).contains("no decision"));
    assert!(p.events.iter().any(|e| e.when == "14 Nov 2025"));
}

fn stemirac_record() -> Product {
    Product::from_json(
        r#"{
        "name": "STEMIRAC",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "processing": {"steps": ["culture_expansion"]},
        "intended_use": {"indications": ["spinal_cord_injury"]},
        "delivery": {"route": "intravenous"}
    }"#,
    )
    .unwrap()
}

/// The Japanese authorised classification reads Stemirac's approval on the date: within its
/// term, a conditional approval (information); after the term, applied for full approval and
/// still marketed, a warning saying the decision is not found; before its approval, not applied.
#[test]
fn the_japanese_conditional_approval_finding_is_date_aware() {
    let record = stemirac_record();
    let within = classify_jp_authorised(&record, CatalogKey::StemiracJp, date(2024, 1, 1));
    let f = within.finding(RuleId::JpConditionalApproval).unwrap();
    assert_eq!((f.outcome, f.severity), (Outcome::Met, Severity::Info));
    assert_eq!(within.pmd_act, PmdActStatus::RegenerativeMedicalProduct);

    let after = classify_jp_authorised(&record, CatalogKey::StemiracJp, ON);
    let f = after.finding(RuleId::JpConditionalApproval).unwrap();
    assert_eq!((f.outcome, f.severity), (Outcome::Met, Severity::Warning));
    // The catalog's account of the day is a fact of the finding; the reason names it.
    assert!(f.reason.unwrap().text().contains("catalog.status_text"));
    let reason = text_fact(f, "catalog.status_text").unwrap();
    assert!(
        reason.contains("no decision on full approval is found"),
        "{reason}"
    );
    assert!(reason.contains("2025-12-27"), "{reason}");
    assert_eq!(after.pmd_act, PmdActStatus::RegenerativeMedicalProduct);

    let before = classify_jp_authorised(&record, CatalogKey::StemiracJp, date(2017, 6, 1));
    let f = before.finding(RuleId::JpConditionalApproval).unwrap();
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert!(
        text_fact(f, "catalog.status_text")
            .unwrap()
            .contains("not yet authorised")
    );
}

/// An offer of Stemirac in Japan that matches its approval: a good sign within the term; after
/// it, an open question whose reason says the decision on full approval is not found.
#[test]
fn a_stemirac_offer_after_the_time_limit_is_an_open_question() {
    let offer = offer_for("stemirac_jp", "japan", |v| {
        v["product"]["donor"] = json!("autologous");
        v["product"]["intended_use"]["indications"] = json!(["spinal_cord_injury"]);
        v["indication"] = json!("spinal_cord_injury");
    });
    let within = evaluate_offer(&offer, date(2024, 1, 1));
    assert_eq!(
        within
            .finding(RuleId::OfferProductIdentity)
            .unwrap()
            .outcome,
        Outcome::Met
    );
    let after = evaluate_offer(&offer, ON);
    let f = after.finding(RuleId::OfferProductIdentity).unwrap();
    assert_eq!(f.outcome, Outcome::Undetermined, "{f}");
    assert!(
        text_fact(f, "catalog.status_text")
            .unwrap()
            .contains("no decision on full approval is found")
    );
    assert_eq!(
        text_fact(f, "catalog.full_approval_applied_on").as_deref(),
        Some("\"2025-11-14\"")
    );
}

// ------------------------------------------------------------------------------------------
// Akuugo: shipment condition lifted late 2025; seven-year term, end date not verified
// ------------------------------------------------------------------------------------------

/// Approved 31 Jul 2024 with shipment barred; committee 16 Oct 2025: no objection to lifting
/// it; MHLW lifted it late 2025; term seven years, exact end date unverified (so none is
/// invented: after seven years the status is unconfirmed, not "ended").
#[test]
fn akuugo_shipment_restriction_is_lifted_and_its_term_has_no_invented_end() {
    let p = CatalogKey::AkuugoJp.product();
    assert_eq!(p.authorised_on, Some(date(2024, 7, 31)));
    assert_eq!(p.time_limit_ends_on, None);
    assert_eq!(p.term_years, Some(7));
    assert_eq!(p.status_on(date(2025, 3, 1)), S::Restricted);
    assert_eq!(p.status_on(date(2025, 10, 16)), S::Restricted);
    assert_eq!(p.status_on(date(2026, 3, 1)), S::InForce);
    assert_eq!(p.status_on(ON), S::InForce);
    assert_eq!(p.status_on(date(2031, 8, 1)), S::Unconfirmed);
    assert!(!p.status_text.contains("launch pending"));
    assert!(p.status_text.contains("16 Oct 2025") && p.status_text.contains("not verified"));
    assert!(p.events.iter().any(|e| e.when == "16 Oct 2025"));
}

/// While Akuugo's shipment was barred (from its approval of 31 Jul 2024 to at least the
/// committee of 16 Oct 2025), its conditional approval holds but is not confirmed without
/// restriction: a warning that names the condition; once lifted, information.
#[test]
fn akuugo_conditional_approval_is_a_warning_while_shipment_is_barred() {
    let record = Product::from_json(
        r#"{
        "name": "AKUUGO",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion"]},
        "intended_use": {"indications": ["traumatic_brain_injury"]},
        "delivery": {"route": "intracerebral"}
    }"#,
    )
    .unwrap();
    let barred = classify_jp_authorised(&record, CatalogKey::AkuugoJp, date(2025, 3, 1));
    let f = barred.finding(RuleId::JpConditionalApproval).unwrap();
    assert_eq!((f.outcome, f.severity), (Outcome::Met, Severity::Warning));
    assert!(
        text_fact(f, "catalog.status_text")
            .unwrap()
            .contains("bars shipment")
    );
    let lifted = classify_jp_authorised(&record, CatalogKey::AkuugoJp, ON);
    let f = lifted.finding(RuleId::JpConditionalApproval).unwrap();
    assert_eq!((f.outcome, f.severity), (Outcome::Met, Severity::Info));
}

// ------------------------------------------------------------------------------------------
// NeuroNata-R: confirmatory Phase 3 missed its primary endpoint
// ------------------------------------------------------------------------------------------

/// ALSummit (NCT04745299) missed its primary endpoint (Dec 2024); the Korean status after the
/// result is not found: the row is unconfirmed, and an offer naming it is an open question,
/// never a good sign.
#[test]
fn neuronata_r_is_unconfirmed_after_its_confirmatory_trial_failed() {
    let p = CatalogKey::NeuronataRKr.product();
    assert_eq!(p.status, S::Unconfirmed);
    assert!(!p.confirmed);
    assert!(p.events.iter().any(|e| e.event.contains("ALSummit")));
    let offer = offer_for("neuronata_r_kr", "south_korea", |v| {
        v["product"]["donor"] = json!("autologous");
        v["product"]["delivery"]["route"] = json!("intrathecal");
        v["product"]["intended_use"]["indications"] = json!(["als"]);
        v["indication"] = json!("als");
    });
    let eval = evaluate_offer(&offer, ON);
    let f = eval.finding(RuleId::OfferProductIdentity).unwrap();
    assert_eq!(f.outcome, Outcome::Undetermined, "{f}");
    assert!(
        !eval
            .good_signs
            .iter()
            .any(|g| g.rule == RuleId::OfferProductIdentity)
    );
}

/// New Zealand's provisional consent was renewed for two years from 14 Jun 2014 (NZ Gazette
/// 2014-go3437), and no later renewal is found: after 14 Jun 2016 it is not shown in force.
#[test]
fn prochymal_nz_consent_is_not_shown_in_force_after_its_term() {
    let p = CatalogKey::ProchymalNz.product();
    assert_eq!(p.status_on(date(2015, 1, 1)), S::Unconfirmed);
    assert_eq!(p.status_on(date(2016, 6, 15)), S::TimeLimitEnded);
    assert!(!S::TimeLimitEnded.in_force());
}

/// Ryoncil was approved on 18 Dec 2024 (FDA): a claim of FDA approval for GvHD made before that
/// day was false then.
#[test]
fn an_fda_approval_claim_is_judged_on_the_date() {
    let offer = ClinicOffer::from_json(RYONCIL).unwrap();
    let now = evaluate_offer(&offer, ON);
    assert_eq!(
        now.finding(RuleId::OfferClaimFdaApproved).unwrap().outcome,
        Outcome::Met
    );
    let then = evaluate_offer(&offer, date(2024, 6, 1));
    assert_eq!(
        then.finding(RuleId::OfferClaimFdaApproved).unwrap().outcome,
        Outcome::NotMet
    );
    assert_eq!(
        then.finding(RuleId::OfferProductIdentity).unwrap().outcome,
        Outcome::NotMet
    );
}

// ------------------------------------------------------------------------------------------
// National routes: Korea (Act No. 20331) and China (Decree No. 818)
// ------------------------------------------------------------------------------------------

/// An offer in `place` that names no authorisation and no trial.
fn national_offer(place: &str) -> ClinicOffer {
    let mut v: Value = serde_json::from_str(RYONCIL).unwrap();
    v["jurisdiction"] = json!(place);
    v["claims"] = json!([]);
    v.as_object_mut().unwrap().remove("authorisation");
    ClinicOffer::from_json(&v.to_string()).unwrap()
}

fn national_finding(place: &str, on: Date) -> Finding {
    evaluate_offer(&national_offer(place), on)
        .finding(RuleId::OfferNationalPathway)
        .unwrap()
        .clone()
}

/// Act No. 20331 (promulgated 20 Feb 2024, in force 21 Feb 2025): "advanced regenerative
/// medicine treatment" outside trials at designated institutions after approval by the national
/// review committee, paid by the patient. From 21 Feb 2025 the finding names the route; before,
/// the old answer. Either way the offer's route stays an open question.
#[test]
fn korea_route_holds_from_21_feb_2025_and_leaves_the_offer_open() {
    let route = Jurisdiction::SouthKorea.info().national_routes[0];
    assert_eq!(route.in_force_from, date(2025, 2, 21));
    assert!(route.law.contains("Act No. 20331"));
    assert!(route.requires.contains("designated") && route.requires.contains("committee"));

    let before = national_finding("south_korea", date(2025, 2, 20));
    let after = national_finding("south_korea", date(2025, 2, 21));
    for f in [&before, &after] {
        assert_eq!(f.outcome, Outcome::Undetermined, "{f}");
        // A national authorisation the clinic names or disclaims (`permission`) could change
        // the answer too.
        assert_eq!(
            f.missing.as_slice(),
            [
                "authorisation",
                "disclosures.trial_registration",
                "permission"
            ]
        );
    }
    assert!(before.fact_named("national_route").is_none());
    assert!(before.fact_named("national_route.law").is_none());
    assert_eq!(
        text_fact(&after, "national_route").as_deref(),
        Some("\"kr_advanced_regenerative_medicine_treatment\"")
    );
    let law = text_fact(&after, "national_route.law").unwrap();
    assert!(law.contains("Act No. 20331"), "{law}");
    assert_eq!(
        text_fact(&after, "national_route.in_force_from").as_deref(),
        Some("\"2025-02-21\"")
    );
}

/// State Council Decree No. 818 (signed 28 Sep 2025, published 10 Oct 2025, in force 1 May
/// 2026): clinical-research filing and NHC approval of clinical translation.
#[test]
fn china_route_holds_from_1_may_2026_and_leaves_the_offer_open() {
    let route = Jurisdiction::China.info().national_routes[0];
    assert_eq!(route.in_force_from, date(2026, 5, 1));
    assert!(route.law.contains("Decree No. 818"));
    assert!(route.requires.contains("National Health Commission"));
    let before = national_finding("china", date(2026, 4, 30));
    let after = national_finding("china", date(2026, 5, 1));
    assert!(before.fact_named("national_route").is_none());
    assert_eq!(
        text_fact(&after, "national_route").as_deref(),
        Some("\"cn_new_biomedical_technology_clinical_translation\"")
    );
    for f in [&before, &after] {
        assert_eq!(f.outcome, Outcome::Undetermined, "{f}");
        assert_ne!(f.severity, Severity::Info);
    }
    // Countries without a known route keep the old answer.
    assert!(Jurisdiction::India.info().national_routes.is_empty());
    assert!(
        national_finding("india", ON)
            .fact_named("national_route")
            .is_none()
    );
}

// ------------------------------------------------------------------------------------------
// The eye surface's UBERON code
// ------------------------------------------------------------------------------------------

/// UBERON:0010409 is the "ocular surface region (cornea and conjunctiva)"; UBERON:0001766, the
/// anterior chamber of the eyeball, lies inside the eye.
#[test]
fn the_eye_surface_is_the_ocular_surface_region() {
    assert_eq!(SiteOfUse::EyeSurface.info().uberon, Some("UBERON:0010409"));
    for site in SiteOfUse::ALL {
        assert_ne!(site.info().uberon, Some("UBERON:0001766"), "{site}");
    }
}
