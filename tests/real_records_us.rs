//! **Real records: the classification facts (US, EU, Japan) against what regulators wrote**
//! (issue #19).
//!
//! Each document of `tests/data/real_records/` (the `us_`, `eu_` and `jp_` files) describes a
//! product as a published source describes it — an FDA warning letter, a court's decision, an
//! EMA CAT classification recommendation, an MHLW notice — and nothing more: what the source
//! leaves out (a redacted process, an unstated donor relation) is left out. The expectation of
//! every test is the source's conclusion; `tests/real_records/README.md` names each source.
//!
//! Three kinds of checks:
//!
//! - the crate, on the stated facts alone (the `determinations` removed), reaches the source's
//!   conclusion, or leaves open what the source settles on facts the record cannot hold — never
//!   a more favourable answer;
//! - recorded as a determination, the source settles what it names, with its basis (agency
//!   statement, court decision) on the finding and the document in the facts; dated after the
//!   evaluation date, it is not used, and the report says so;
//! - the new facts behave as the rules say: a donor "for allogeneic use" (relation not stated),
//!   several source tissues, a determination the facts contradict.

use jiff::civil::{Date, date};
use msc_therapy::engine::eu::EuClassification;
use msc_therapy::engine::jp::AsrmRiskClass;
use msc_therapy::engine::us::UsClassification;
use msc_therapy::finding::{Basis, FactValue};
use msc_therapy::vocab::{Donor, Mechanism, TissueSource};
use msc_therapy::{
    Finding, Outcome, Product, RuleId, Severity, classify_eu, classify_jp, classify_us,
};

/// The evaluation date: the crate's knowledge horizon.
const ON: Date = date(2026, 12, 7);

macro_rules! record {
    ($file:literal) => {
        include_str!(concat!("data/real_records/", $file))
    };
}

const DYNAMIC: &str = record!("us_fda_wl_dynamic_stem_cell_therapy_2026.json");
const NEOBIOSIS: &str = record!("us_fda_wl_neobiosis_2024.json");
const AMNIO_TECHNOLOGY: &str = record!("us_fda_wl_amnio_technology_2024.json");
const UTAH_CORD_BANK: &str = record!("us_fda_wl_utah_cord_bank_2021.json");
const PLATINUM: &str = record!("us_fda_wl_platinum_biologics_2025.json");
const US_STEM_CELL_CLINIC: &str = record!("us_court_us_stem_cell_clinic_2021.json");
const CALIFORNIA_STEM_CELL: &str = record!("us_court_california_stem_cell_2024.json");
const CAT_WHARTON_JELLY: &str = record!("eu_ema_cat_wharton_jelly_cardiac_2016.json");
const CAT_ADIPOSE_CARDIAC: &str = record!("eu_ema_cat_adipose_msc_cardiac_2016.json");
const CAT_BM_GVHD: &str = record!("eu_ema_cat_bm_msc_gvhd_2019.json");
const CAT_SVF_CUTIS_LAXA: &str = record!("eu_ema_cat_svf_adsc_cutis_laxa_2016.json");
const CAT_ADIPOSE_OA: &str = record!("eu_ema_cat_adipose_msc_osteoarthritis_2019.json");
const MHLW_BREAST: &str = record!("jp_mhlw_notice_adipose_breast_reconstruction.json");
const MHLW_IV_DIABETES: &str = record!("jp_mhlw_notice_adipose_iv_diabetes.json");
const MHLW_EMERGENCY_ORDER: &str = record!("jp_mhlw_emergency_order_cultured_adipose_iv_2025.json");

fn product(text: &str) -> Product {
    Product::from_json(text).expect("a real record parses")
}

/// The record with its determinations removed: the stated facts alone.
fn facts_only(text: &str) -> Product {
    let mut p = product(text);
    p.determinations = None;
    p
}

fn us_finding(p: &Product, rule: RuleId, on: Date) -> Finding {
    classify_us(p, on)
        .finding(rule)
        .cloned()
        .unwrap_or_else(|| panic!("no {rule} finding"))
}

/// The text of the facts named `name` in a finding.
fn fact_texts(f: &Finding, name: &str) -> Vec<String> {
    f.facts
        .iter()
        .filter(|x| x.name == name)
        .map(|x| x.value.to_string())
        .collect()
}

/// The input paths a finding's `contradicts` fact names.
fn contradicts(f: &Finding) -> Vec<String> {
    match f.fact_named("contradicts").map(|x| &x.value) {
        Some(FactValue::Codes(codes)) => codes.iter().map(str::to_owned).collect(),
        Some(other) => vec![other.to_string()],
        None => Vec::new(),
    }
}

/// The `us.determination` findings of a US assessment.
fn us_determinations(p: &Product, on: Date) -> Vec<Finding> {
    classify_us(p, on)
        .findings
        .into_iter()
        .filter(|f| f.rule == RuleId::UsDetermination)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// US: FDA warning letters
// ---------------------------------------------------------------------------------------------

/// FDA Warning Letter CBER 25-712579 (11 Feb 2026), Dynamic Stem Cell Therapy: an umbilical
/// cord-derived product "for allogeneic use" promoted for sports injuries is "a drug ... and a
/// biological product". The letter states neither the donor's relation nor the processing.
#[test]
fn dynamic_stem_cell_therapy_2026_an_allogeneic_cord_product_for_sports_injuries_is_351() {
    // The stated facts: orthopaedic repair is no basic function of umbilical cord tissue, so
    // homologous use fails whatever the donor's relation; the exception needs the patient's
    // own cells. The preparation is not stated, so whether it is an HCT/P at all stays open.
    let facts = facts_only(DYNAMIC);
    let us = classify_us(&facts, ON);
    assert_eq!(us.outcome_of(RuleId::UsHomologousUse), Outcome::NotMet);
    assert_eq!(
        us.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
    assert_eq!(us.classification, UsClassification::Undetermined);
    // Stated as cells from a tissue bank, the other criteria settle 351 on their own: the
    // unknown relation does not hold the answer open.
    let mut allograft = facts.clone();
    allograft.preparation = Some(msc_therapy::vocab::CellPreparation::PerinatalAllograft);
    assert_eq!(
        classify_us(&allograft, ON).classification,
        UsClassification::Section351Product
    );

    // The letter recorded: 351, on an agency statement, the letter cited.
    let p = product(DYNAMIC);
    let us = classify_us(&p, ON);
    assert_eq!(us.classification, UsClassification::Section351Product);
    let d = us_determinations(&p, ON);
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].outcome, d[0].basis),
        (Outcome::Met, Basis::AgencyStatement)
    );
    assert_eq!(
        fact_texts(&d[0], "determination.reference"),
        ["CBER 25-712579"]
    );
}

/// A donor "for allogeneic use" is another person of unstated relation: never the patient's
/// own cells (21 CFR 1271.15(b) cannot apply), and for 1271.10(a)(4) — where a first- or
/// second-degree blood relative would be allowed — the criterion stays open and names the
/// donor; an unrelated donor fails it. FDA's letters write "for allogeneic use" (CBER
/// 25-712579, 24-662985, OBPO 21-614013).
#[test]
fn a_donor_of_unstated_relation_is_never_autologous_and_leaves_only_the_donor_branch_open() {
    let mut p = facts_only(DYNAMIC);
    assert_eq!(p.donor, Some(Donor::Allogeneic));
    // Claimed to act by secretion: dependent on living cells.
    p.mechanisms = Some(vec![Mechanism::ParacrineSignalling]);
    let f = us_finding(&p, RuleId::UsSystemicEffect, ON);
    assert_eq!(f.outcome, Outcome::Undetermined, "{f}");
    assert!(f.missing.contains("donor"), "{f}");
    let f = us_finding(&p, RuleId::UsSameSurgicalProcedure, ON);
    assert_eq!(
        (f.outcome, f.path.as_deref()),
        (Outcome::NotMet, Some("donor"))
    );

    let mut unrelated = p.clone();
    unrelated.donor = Some(Donor::AllogeneicUnrelated);
    assert_eq!(
        us_finding(&unrelated, RuleId::UsSystemicEffect, ON).outcome,
        Outcome::NotMet
    );
    let mut sibling = p.clone();
    sibling.donor = Some(Donor::AllogeneicFirstDegreeRelative);
    assert_eq!(
        us_finding(&sibling, RuleId::UsSystemicEffect, ON).outcome,
        Outcome::Met
    );
    // The relation only matters there: the classification is 351 (homologous use fails)
    // for an unstated relation and an unrelated donor alike, once the preparation is stated.
    for donor in [Donor::Allogeneic, Donor::AllogeneicUnrelated] {
        let mut q = p.clone();
        q.donor = Some(donor);
        q.preparation = Some(msc_therapy::vocab::CellPreparation::PerinatalAllograft);
        assert_eq!(
            classify_us(&q, ON).classification,
            UsClassification::Section351Product,
            "{donor}"
        );
    }
}

/// FDA Warning Letter 24-662985 (5 Jun 2024), Neobiosis: the umbilical cord derived products
/// (Wharton's Jelly Cellular) "fail to meet the minimal manipulation and homologous use
/// criteria"; "using umbilical cord derived products for the treatment of diseases or
/// conditions, such as orthopedic diseases and healing of damaged tissue is not considered
/// homologous use" (as quoted by MedPage Today). The letter does not describe the processing.
#[test]
fn neobiosis_2024_the_letter_settles_minimal_manipulation_though_the_processing_is_not_described() {
    // The stated facts: homologous use fails on them; minimal manipulation cannot be judged.
    let facts = facts_only(NEOBIOSIS);
    let mm = us_finding(&facts, RuleId::UsMinimalManipulation, ON);
    assert_eq!(mm.outcome, Outcome::Undetermined);
    assert!(mm.missing.contains("processing.steps"), "{mm}");
    assert_eq!(
        us_finding(&facts, RuleId::UsHomologousUse, ON).outcome,
        Outcome::NotMet
    );
    assert_eq!(
        classify_us(&facts, ON).classification,
        UsClassification::Section351Product
    );

    // The letter recorded: the criterion is settled, on an agency statement, the letter cited.
    let p = product(NEOBIOSIS);
    let mm = us_finding(&p, RuleId::UsMinimalManipulation, ON);
    assert_eq!(
        (mm.outcome, mm.basis, mm.severity),
        (Outcome::NotMet, Basis::AgencyStatement, Severity::Warning)
    );
    assert!(mm.missing.is_empty(), "{mm}");
    assert_eq!(fact_texts(&mm, "determination.reference"), ["24-662985"]);
    assert_eq!(fact_texts(&mm, "determination.dated"), ["2024-06-05"]);
    // Homologous use: the facts agree with the letter; the finding rests on the letter.
    let hu = us_finding(&p, RuleId::UsHomologousUse, ON);
    assert_eq!(
        (hu.outcome, hu.basis),
        (Outcome::NotMet, Basis::AgencyStatement)
    );
    assert!(contradicts(&hu).is_empty(), "{hu}");
    let us = classify_us(&p, ON);
    assert_eq!(us.classification, UsClassification::Section351Product);
    assert!(us.failed.contains(&RuleId::UsMinimalManipulation));
}

/// A determination dated after the evaluation date did not exist on that day: it is not used,
/// and its finding says so (the Neobiosis letter is dated 5 Jun 2024).
#[test]
fn a_determination_dated_after_the_evaluation_date_is_reported_and_not_used() {
    let p = product(NEOBIOSIS);
    let before = date(2024, 1, 1);
    let mm = us_finding(&p, RuleId::UsMinimalManipulation, before);
    assert_eq!(mm.outcome, Outcome::Undetermined, "{mm}");
    assert!(fact_texts(&mm, "determination.reference").is_empty());
    let d = us_determinations(&p, before);
    assert_eq!(d.len(), 2);
    for f in &d {
        assert_eq!(f.outcome, Outcome::NotApplicable, "{f}");
        assert!(
            f.reason
                .map(|r| r.text())
                .is_some_and(|r| r.contains("dated after the evaluation date")),
            "{f}"
        );
    }
    // On the day of the letter it is used.
    let on_the_day = us_finding(&p, RuleId::UsMinimalManipulation, date(2024, 6, 5));
    assert_eq!(on_the_day.outcome, Outcome::NotMet);
}

/// FDA Warning Letter CBER 24-646460 (1 Oct 2024), Amnio Technology: PalinGen Flow, "an
/// amniotic membrane and amniotic fluid derived product", intended for injection for wound
/// healing, is a drug and a biological product. Wound healing is a basic function of neither
/// tissue (amnion covers and is a barrier; the fluid cushions).
#[test]
fn amnio_technology_2024_a_membrane_and_fluid_product_is_judged_on_both_tissues() {
    let facts = facts_only(AMNIO_TECHNOLOGY);
    let hu = us_finding(&facts, RuleId::UsHomologousUse, ON);
    assert_eq!(hu.outcome, Outcome::NotMet, "{hu}");
    assert_eq!(fact_texts(&hu, "other_tissues"), ["amniotic_fluid"]);
    // The donor and the preparation are not in the letter's opening: open on the facts.
    assert_eq!(
        classify_us(&facts, ON).classification,
        UsClassification::Undetermined
    );
    // The letter recorded: 351.
    assert_eq!(
        classify_us(&product(AMNIO_TECHNOLOGY), ON).classification,
        UsClassification::Section351Product
    );
}

/// "Secreted body fluids (e.g., amniotic fluid) are generally not considered HCT/Ps" (FDA MM/HU
/// guidance, III.C, Q15); a product of amniotic fluid and amniotic membrane is not a secreted
/// fluid, and FDA regulates it as a drug and biological product (CBER 24-646460). Another
/// tissue named beside the fluid takes the exclusion away.
#[test]
fn a_fluid_mixed_with_membrane_is_not_excluded_as_a_secreted_fluid() {
    let mut fluid = facts_only(AMNIO_TECHNOLOGY);
    fluid.tissue = Some(TissueSource::AmnioticFluid);
    fluid.other_tissues = None;
    fluid.donor = Some(Donor::Allogeneic);
    fluid.preparation = Some(msc_therapy::vocab::CellPreparation::SecretedFluid);
    assert_eq!(
        classify_us(&fluid, ON).classification,
        UsClassification::NotAnHctp
    );
    let mut mixed = fluid.clone();
    mixed.other_tissues = Some(vec![TissueSource::AmnioticMembrane]);
    let us = classify_us(&mixed, ON);
    assert_ne!(us.outcome_of(RuleId::UsIsHctp), Outcome::NotMet);
    assert_eq!(us.classification, UsClassification::Section351Product);
}

/// FDA Warning Letter OBPO 21-614013 (10 Aug 2021), Utah Cord Bank: umbilical cord blood,
/// umbilical cord and amniotic membrane derived cellular products for allogeneic use, intended
/// for injection to treat various diseases, are drugs and biological products.
#[test]
fn utah_cord_bank_2021_a_three_tissue_product_is_351_and_never_361_on_its_facts() {
    let us = classify_us(&facts_only(UTAH_CORD_BANK), ON);
    assert_eq!(us.classification, UsClassification::Undetermined);
    assert_eq!(
        us.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
    assert_eq!(
        classify_us(&product(UTAH_CORD_BANK), ON).classification,
        UsClassification::Section351Product
    );
}

/// Cells isolated from cord blood (nonstructural) are minimally manipulated (FDA MM/HU
/// guidance, Example 16-1(a), cell selection); cells isolated from umbilical cord tissue
/// (structural) are judged as structural tissue, "regardless of the method used to isolate the
/// cells" (Q14), and without data are more than minimal. A product of both is judged on both.
#[test]
fn minimal_manipulation_takes_the_worst_verdict_across_the_tissues() {
    let mut blood = facts_only(UTAH_CORD_BANK);
    blood.other_tissues = None;
    blood.processing = Some(msc_therapy::document::Processing {
        steps: Some(vec![msc_therapy::vocab::ProcessingStep::CellIsolation]),
        ..msc_therapy::document::Processing::default()
    });
    assert_eq!(
        us_finding(&blood, RuleId::UsMinimalManipulation, ON).outcome,
        Outcome::Met
    );
    let mut three = blood.clone();
    three.other_tissues = product(UTAH_CORD_BANK).other_tissues;
    let mm = us_finding(&three, RuleId::UsMinimalManipulation, ON);
    assert_eq!(mm.outcome, Outcome::NotMet, "{mm}");
    assert_eq!(
        fact_texts(&mm, "other_tissues"),
        ["umbilical_cord_tissue, amniotic_membrane"]
    );
}

/// FDA Warning Letter CBER 25-705090 (15 Aug 2025), Platinum Biologics: exosome products "are
/// unapproved new drugs" and "unlicensed biological products in violation of section
/// 351(a)(1)". On its facts the crate says a cell-free product is not an HCT/P and that FDA
/// regulates such products as drugs and biological products; the letter says which.
#[test]
fn platinum_biologics_2025_exosomes_are_not_hctps_and_the_letter_makes_them_351() {
    let us = classify_us(&facts_only(PLATINUM), ON);
    assert_eq!(us.classification, UsClassification::NotAnHctp);
    assert!(us.consequence.contains("drugs and biological products"));
    let p = product(PLATINUM);
    let us = classify_us(&p, ON);
    assert_eq!(us.classification, UsClassification::Section351Product);
    // Not a contradiction: "other FDA law may" apply, and the letter names it.
    for f in &us.findings {
        assert!(contradicts(f).is_empty(), "{f}");
    }
}

// ---------------------------------------------------------------------------------------------
// US: court decisions
// ---------------------------------------------------------------------------------------------

/// United States v. US Stem Cell Clinic, LLC, 998 F.3d 1302 (11th Cir. 2021), No. 19-13276:
/// SVF isolated from fat by enzymatic digestion and centrifugation is not "such HCT/P", so the
/// same surgical procedure exception does not apply; promoted from pain to Parkinson's disease,
/// it is not for homologous use; it is a drug.
#[test]
fn us_stem_cell_clinic_2021_the_facts_alone_reach_the_courts_holdings() {
    let us = classify_us(&facts_only(US_STEM_CELL_CLINIC), ON);
    assert_eq!(us.classification, UsClassification::Section351Product);
    let ssp = us.finding(RuleId::UsSameSurgicalProcedure).unwrap();
    assert_eq!(
        (ssp.outcome, ssp.basis),
        (Outcome::NotMet, Basis::CourtDecision)
    );
    assert_eq!(us.outcome_of(RuleId::UsHomologousUse), Outcome::NotMet);

    // The holdings recorded: the findings rest on the decision and cite it.
    let p = product(US_STEM_CELL_CLINIC);
    let us = classify_us(&p, ON);
    assert_eq!(us.classification, UsClassification::Section351Product);
    for rule in [RuleId::UsSameSurgicalProcedure, RuleId::UsHomologousUse] {
        let f = us.finding(rule).unwrap();
        assert_eq!(
            (f.outcome, f.basis),
            (Outcome::NotMet, Basis::CourtDecision),
            "{f}"
        );
        assert_eq!(fact_texts(f, "determination.reference"), ["No. 19-13276"]);
        assert!(contradicts(f).is_empty(), "{f}");
    }
    let d = us_determinations(&p, ON);
    assert_eq!(d.len(), 3);
    assert!(
        d.iter()
            .all(|f| f.outcome == Outcome::Met && f.basis == Basis::CourtDecision)
    );
}

/// United States v. California Stem Cell Treatment Center, Inc., No. 22-56014 (9th Cir. 27 Sep
/// 2024), certiorari denied (14 Oct 2025): the SVF is a drug, and the same surgical procedure
/// exception does not apply: "the removed and implanted HCT/Ps must be the same".
#[test]
fn california_stem_cell_2024_svf_is_not_excepted_and_is_a_drug() {
    let us = classify_us(&facts_only(CALIFORNIA_STEM_CELL), ON);
    assert_eq!(
        us.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
    assert_eq!(us.classification, UsClassification::Section351Product);
    let p = product(CALIFORNIA_STEM_CELL);
    let ssp = us_finding(&p, RuleId::UsSameSurgicalProcedure, ON);
    assert_eq!(
        (ssp.outcome, ssp.basis),
        (Outcome::NotMet, Basis::CourtDecision)
    );
    assert_eq!(
        fact_texts(&ssp, "determination.reference"),
        ["No. 22-56014"]
    );
}

/// A determination the stated facts contradict: a (hypothetical) finding that the US Stem Cell
/// Clinic's SVF is minimally manipulated, against a recorded enzymatic digestion of fat, which
/// FDA's guidance calls more than minimal. The less favourable answer is kept, the finding and
/// the determination's report name the contradiction.
#[test]
fn a_favourable_determination_the_facts_contradict_is_named_and_not_used() {
    let mut doc: serde_json::Value = serde_json::from_str(US_STEM_CELL_CLINIC).unwrap();
    doc["determinations"] = serde_json::json!([{
        "rule": "us.cfr1271.10.a.1", "outcome": "met", "issuer": "a hypothetical authority",
        "title": "a determination written for this test", "dated": "2022-01-01",
        "basis": "agency_statement"
    }]);
    let p = product(&doc.to_string());
    let mm = us_finding(&p, RuleId::UsMinimalManipulation, ON);
    assert_eq!(
        (mm.outcome, mm.severity),
        (Outcome::NotMet, Severity::Warning)
    );
    let named = contradicts(&mm);
    assert!(named.contains(&"determinations".to_owned()), "{mm}");
    assert!(named.contains(&"processing".to_owned()), "{mm}");
    let d = us_determinations(&p, ON);
    assert_eq!(
        (d[0].outcome, d[0].severity),
        (Outcome::NotMet, Severity::Warning)
    );
    assert_eq!(
        classify_us(&p, ON).classification,
        UsClassification::Section351Product
    );
}

/// The other way round: a determination that a criterion is not met, on facts that meet it,
/// keeps "not met" (the MHLW notice's breast-reconstruction record is homologous on its facts).
#[test]
fn an_unfavourable_determination_against_favourable_facts_keeps_the_unfavourable_answer() {
    let mut doc: serde_json::Value = serde_json::from_str(MHLW_BREAST).unwrap();
    assert_eq!(
        us_finding(&product(MHLW_BREAST), RuleId::UsHomologousUse, ON).outcome,
        Outcome::Met
    );
    doc["determinations"] = serde_json::json!([{
        "rule": "us.cfr1271.10.a.2", "outcome": "not_met", "issuer": "a hypothetical authority",
        "title": "a determination written for this test", "dated": "2022-01-01",
        "basis": "court_decision"
    }]);
    let hu = us_finding(&product(&doc.to_string()), RuleId::UsHomologousUse, ON);
    assert_eq!(
        (hu.outcome, hu.basis),
        (Outcome::NotMet, Basis::CourtDecision)
    );
    assert!(
        contradicts(&hu).contains(&"intended_use".to_owned()),
        "{hu}"
    );
}

// ---------------------------------------------------------------------------------------------
// EU: EMA CAT classification recommendations
// ---------------------------------------------------------------------------------------------

/// The CAT's class for each record, and whether the crate reaches it on the stated facts
/// alone (EMA, summaries of scientific recommendations on classification of ATMPs).
#[test]
fn cat_recommendations_and_the_crate_agree_on_the_class() {
    for (text, class) in [
        (CAT_WHARTON_JELLY, EuClassification::TissueEngineeredProduct),
        (
            CAT_ADIPOSE_CARDIAC,
            EuClassification::TissueEngineeredProduct,
        ),
        (CAT_BM_GVHD, EuClassification::SomaticCellTherapy),
        (CAT_ADIPOSE_OA, EuClassification::TissueEngineeredProduct),
    ] {
        let name = product(text).name;
        assert_eq!(
            classify_eu(&facts_only(text), ON).classification,
            class,
            "{name}: the stated facts alone"
        );
        let eu = classify_eu(&product(text), ON);
        assert_eq!(eu.classification, class, "{name}");
        let d = eu
            .findings
            .iter()
            .find(|f| f.rule == RuleId::EuDetermination)
            .unwrap();
        assert_eq!(
            (d.outcome, d.basis),
            (Outcome::Met, Basis::AgencyStatement),
            "{d}"
        );
        assert!(
            fact_texts(d, "determination.issuer")
                .iter()
                .all(|i| i.contains("Committee for Advanced Therapies"))
        );
    }
}

/// The CAT's 2019 report states neither the processing nor the donor of the adipose MSCs for
/// osteoarthritis: the crate cannot judge substantial manipulation, but the cells are not used
/// for fat's essential functions in a joint, so they are engineered either way (a TEP).
#[test]
fn cat_2019_adipose_msc_for_osteoarthritis_are_engineered_by_their_use_alone() {
    let eu = classify_eu(&facts_only(CAT_ADIPOSE_OA), ON);
    let outcome = |rule| eu.finding(rule).map(|f| f.outcome);
    assert_eq!(
        outcome(RuleId::EuSubstantialManipulation),
        Some(Outcome::Undetermined)
    );
    assert_eq!(outcome(RuleId::EuEssentialFunction), Some(Outcome::Met));
}

/// EMA/693827/2016: autologous SVF and adipose-derived MSCs expanded in vitro, in fibrin gel,
/// for cutis laxa senilis: "the product consists of engineered cells that have been subject to
/// substantial manipulation". The summary's conclusion is recorded for the criterion it states.
#[test]
fn cat_2016_svf_and_expanded_adsc_are_substantially_manipulated() {
    let eu = classify_eu(&facts_only(CAT_SVF_CUTIS_LAXA), ON);
    assert_eq!(
        eu.finding(RuleId::EuSubstantialManipulation)
            .map(|f| f.outcome),
        Some(Outcome::Met)
    );
    assert_eq!(eu.classification.is_atmp(), Some(true));
    let eu = classify_eu(&product(CAT_SVF_CUTIS_LAXA), ON);
    let f = eu.finding(RuleId::EuSubstantialManipulation).unwrap();
    assert_eq!((f.outcome, f.basis), (Outcome::Met, Basis::AgencyStatement));
    assert_eq!(
        fact_texts(f, "determination.reference"),
        ["EMA/693827/2016"]
    );
}

/// A class recommendation the claims contradict (a hypothetical TEP recommendation for the
/// GvHD product, which its immunological claim makes an sCTMP): still an ATMP, its class open,
/// the contradiction named.
#[test]
fn a_cat_class_the_claims_contradict_leaves_the_class_open() {
    let mut doc: serde_json::Value = serde_json::from_str(CAT_BM_GVHD).unwrap();
    doc["determinations"][0]["outcome"] = serde_json::json!("tissue_engineered_product");
    let eu = classify_eu(&product(&doc.to_string()), ON);
    assert_eq!(eu.classification, EuClassification::AtmpClassUndetermined);
    let class = eu.finding(RuleId::EuAtmpClass).unwrap();
    assert!(
        contradicts(class).contains(&"determinations".to_owned()),
        "{class}"
    );
}

// ---------------------------------------------------------------------------------------------
// Japan: MHLW notice 医政研発1031第1号 and the 2025 emergency order
// ---------------------------------------------------------------------------------------------

/// MHLW notice 医政研発1031第1号 (31 Oct 2014): adipose-derived stem cells isolated from
/// abdominal fat and given for breast reconstruction after mastectomy are homologous. Published
/// summaries of Ordinance No. 110 put the patient's own adipose stem cells in Class II as
/// somatic stem cells; the ordinance's text was not read, so the class is open — and never
/// Class III.
#[test]
fn mhlw_notice_adipose_stem_cells_for_breast_reconstruction_are_homologous_and_not_class_iii() {
    let p = product(MHLW_BREAST);
    let jp = classify_jp(&p, ON);
    assert_eq!(
        jp.finding(RuleId::JpHomologousUse).map(|f| f.outcome),
        Some(Outcome::Met)
    );
    assert_eq!(jp.risk_class, AsrmRiskClass::Undetermined);
    let class_ii = jp.finding(RuleId::JpAsrmClassII).unwrap();
    assert_eq!(
        (class_ii.outcome, class_ii.severity),
        (Outcome::Undetermined, Severity::Warning)
    );
    assert!(
        class_ii
            .reason
            .map(|r| r.text())
            .is_some_and(|r| r.contains("体性幹細胞")),
        "{class_ii}"
    );
}

/// The same notice: the same cells given intravenously for diabetes are not homologous, which
/// makes a Class II technology whatever the somatic-stem-cell reading.
#[test]
fn mhlw_notice_the_same_cells_intravenously_for_diabetes_are_class_ii() {
    let jp = classify_jp(&product(MHLW_IV_DIABETES), ON);
    assert_eq!(
        jp.finding(RuleId::JpHomologousUse).map(|f| f.outcome),
        Some(Outcome::NotMet)
    );
    assert_eq!(jp.risk_class, AsrmRiskClass::ClassII);
}

/// MHLW's emergency order of 29 Aug 2025: the patient's own culture-expanded adipose-derived
/// cells given intravenously, a Class II technology.
#[test]
fn mhlw_emergency_order_2025_cultured_autologous_adipose_cells_are_class_ii() {
    assert_eq!(
        classify_jp(&product(MHLW_EMERGENCY_ORDER), ON).risk_class,
        AsrmRiskClass::ClassII
    );
}

/// ASRM Art 2(5) puts cells from a person other than the recipient in Class I, whatever the
/// relation: a donor of unstated relation (the CAT's "allogeneic" Wharton jelly MSCs) is Class
/// I; the EU class does not depend on the donor at all.
#[test]
fn an_allogeneic_donor_of_unstated_relation_is_class_i_in_japan() {
    let p = product(CAT_WHARTON_JELLY);
    assert_eq!(p.donor, Some(Donor::Allogeneic));
    assert_eq!(classify_jp(&p, ON).risk_class, AsrmRiskClass::ClassI);
    let mut unrelated = p.clone();
    unrelated.donor = Some(Donor::AllogeneicUnrelated);
    assert_eq!(
        classify_eu(&unrelated, ON).classification,
        classify_eu(&p, ON).classification
    );
}

// ---------------------------------------------------------------------------------------------
// The documents
// ---------------------------------------------------------------------------------------------

/// Every record names a source, and a classification given for a criterion is refused with
/// the field's path.
#[test]
fn every_record_parses_and_a_misfitting_outcome_is_refused() {
    for text in [
        DYNAMIC,
        NEOBIOSIS,
        AMNIO_TECHNOLOGY,
        UTAH_CORD_BANK,
        PLATINUM,
        US_STEM_CELL_CLINIC,
        CALIFORNIA_STEM_CELL,
        CAT_WHARTON_JELLY,
        CAT_ADIPOSE_CARDIAC,
        CAT_BM_GVHD,
        CAT_SVF_CUTIS_LAXA,
        CAT_ADIPOSE_OA,
        MHLW_BREAST,
        MHLW_IV_DIABETES,
        MHLW_EMERGENCY_ORDER,
    ] {
        let p = product(text);
        assert!(p.description.is_some(), "{}: names its source", p.name);
    }
    let mut doc: serde_json::Value = serde_json::from_str(NEOBIOSIS).unwrap();
    doc["determinations"][1]["outcome"] = serde_json::json!("somatic_cell_therapy");
    let err = Product::from_json(&doc.to_string()).unwrap_err();
    assert!(err.path().starts_with("determinations[1]"), "{err}");
    doc["determinations"][1]["outcome"] = serde_json::json!("not_met");
    doc["determinations"][1]["rule"] = serde_json::json!("quality.safety.sterility");
    let err = Product::from_json(&doc.to_string()).unwrap_err();
    assert!(err.path().starts_with("determinations[1]"), "{err}");
}
