//! Corrections of the EU and Japanese engines (issue #18), each from its source text:
//!
//! - Regulation (EU) 2024/1938 on substances of human origin (SoHO): applies from 7 August 2027
//!   (Art 86) and repeals Directive 2004/23/EC; Art 38(1): "SoHO entities shall not release or,
//!   in the context of autologous or within-relationship use, shall not prepare and immediately
//!   apply to a SoHO recipient, SoHO preparations without prior SoHO preparation
//!   authorisation"; Art 60 (autologous processing without storage: no release step, but the
//!   authorisation specifies quality-control parameters).
//! - Directive 2004/23/EC Art 2(2)(a): the Directive does not apply to "tissues and cells used
//!   as an autologous graft within the same surgical procedure".
//! - Directive 2001/83/EC Annex I Part IV point 2.1 (as replaced by Directive 2009/120/EC): a
//!   gene therapy medicinal product "(a) contains an active substance which contains or
//!   consists of a recombinant nucleic acid ... (b) its therapeutic, prophylactic or diagnostic
//!   effect relates directly to the recombinant nucleic acid sequence it contains, or to the
//!   product of genetic expression of this sequence".
//! - Directive 2001/83/EC Art 2(1) ("prepared industrially or manufactured by a method
//!   involving an industrial process"), Art 3(7) (hospital exemption, inserted by Art 28 of
//!   Regulation (EC) No 1394/2007), Art 5(1) (named-patient supply); Regulation (EC) No
//!   726/2004 Art 83 (compassionate use).
//! - Act on the Safety of Regenerative Medicine (ASRM), Art 2(2): excluded are technologies
//!   using only a regenerative medical product "according to the content of its approval"
//!   (再生医療等製品…のみを当該承認の内容に従い用いるもの); as amended by Act No. 51 of 2024
//!   (in force 31 May 2025): "細胞加工物を用いない遺伝子治療（in vivo遺伝子治療）などが新たに法の
//!   対象に加わりました" (MHLW).

use msc_therapy::catalog::CatalogKey;
use msc_therapy::engine::eu::EuClassification;
use msc_therapy::engine::jp::AsrmRiskClass;
use msc_therapy::finding::{ASRM_AMENDMENT_IN_FORCE, Basis, SOHO_APPLIES};
use msc_therapy::{
    Outcome, Product, RuleId, Severity, classify_eu, classify_jp, classify_jp_authorised,
};

/// The evaluation date: the day the crate's sources were read.
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
/// The last day Directive 2004/23/EC applies.
const LAST_DAY_OF_THE_DIRECTIVE: jiff::civil::Date = jiff::civil::date(2027, 8, 6);
/// The first day the SoHO Regulation applies (Art 86).
const FIRST_DAY_OF_SOHO: jiff::civil::Date = jiff::civil::date(2027, 8, 7);

fn product(json: &str) -> Product {
    match serde_json::from_str(json) {
        Ok(p) => p,
        Err(e) => panic!("test document does not parse: {e}"),
    }
}

/// An autologous fat graft, rinsed and put back under the skin in the same operation: not
/// engineered (rinsing is not a substantial manipulation; fat cushions under the skin as it did
/// in the donor). `same` is the same-surgical-procedure statement, if any.
fn bedside_fat_graft(same: Option<bool>) -> Product {
    let same = same.map_or(String::new(), |s| {
        format!(r#", "same_surgical_procedure": {s}"#)
    });
    product(&format!(
        r#"{{
        "name": "Rinsed autologous fat graft",
        "preparation": "fat_graft",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {{"steps": ["rinsing"]{same}}},
        "intended_use": {{"functions": ["cushioning"], "indications": ["soft_tissue_defect"]}},
        "delivery": {{"route": "subcutaneous"}}
    }}"#
    ))
}

/// Cultured allogeneic marrow MSCs for GvHD: an sCTMP (CAT, 28 March 2019).
fn cultured_for_gvhd(extra_processing: &str) -> Product {
    product(&format!(
        r#"{{
        "name": "Cultured marrow MSCs",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "processing": {{"steps": ["culture_expansion"{extra_processing}]}},
        "intended_use": {{"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]}},
        "delivery": {{"route": "intravenous"}}
    }}"#
    ))
}

// ------------------------------------------------------------------ SoHO from 7 August 2027

/// The dates of the two regimes: Directive 2004/23/EC until 6 August 2027, the SoHO Regulation
/// (applies from 7 August 2027, Art 86) from the next day, with nothing in between.
#[test]
fn the_directive_holds_until_the_day_before_soho_applies() {
    assert_eq!(SOHO_APPLIES, FIRST_DAY_OF_SOHO);
    for rule in [RuleId::EuSoho, RuleId::EuSohoPreparationAuthorisation] {
        assert_eq!(rule.holds_from(), Some(FIRST_DAY_OF_SOHO), "{rule}");
        assert!(!rule.holds_on(LAST_DAY_OF_THE_DIRECTIVE), "{rule}");
        assert!(rule.holds_on(FIRST_DAY_OF_SOHO), "{rule}");
        assert_eq!(rule.basis(), Basis::RegulationText, "{rule}");
    }
    for rule in [RuleId::EuTissuesAndCells, RuleId::EuAutologousSameProcedure] {
        assert!(rule.holds_on(LAST_DAY_OF_THE_DIRECTIVE), "{rule}");
        assert!(!rule.holds_on(FIRST_DAY_OF_SOHO), "{rule}");
    }
    assert!(
        RuleId::EuSohoPreparationAuthorisation
            .info()
            .citation
            .contains("Art 38(1)")
    );
}

/// Directive 2004/23/EC Art 2(2)(a) excludes "tissues and cells used as an autologous graft
/// within the same surgical procedure" — until 6 August 2027.
#[test]
fn a_bedside_autologous_graft_is_excluded_on_the_directives_last_day() {
    let report = classify_eu(&bedside_fat_graft(Some(true)), LAST_DAY_OF_THE_DIRECTIVE);
    assert_eq!(
        report.classification,
        EuClassification::ExcludedAutologousSameProcedure
    );
    assert_eq!(
        report
            .finding(RuleId::EuAutologousSameProcedure)
            .map(|f| f.outcome),
        Some(Outcome::Met)
    );
    assert!(
        report
            .finding(RuleId::EuSohoPreparationAuthorisation)
            .is_none()
    );
}

/// SoHO Art 38(1): SoHO entities "shall not, in the context of autologous ... use, prepare and
/// immediately apply to a SoHO recipient, SoHO preparations without prior SoHO preparation
/// authorisation"; Art 60: no release step without storage, but the authorisation specifies
/// quality-control parameters. From 7 August 2027 the bedside graft is no longer excluded.
#[test]
fn from_7_august_2027_a_bedside_autologous_graft_needs_a_soho_preparation_authorisation() {
    let report = classify_eu(&bedside_fat_graft(Some(true)), FIRST_DAY_OF_SOHO);
    assert_eq!(report.classification, EuClassification::NotAtmpSoho);
    assert_eq!(report.classification.is_atmp(), Some(false));
    assert_ne!(
        report.classification,
        EuClassification::ExcludedAutologousSameProcedure
    );
    // The Directive's rules no longer run; the SoHO rules do.
    assert!(report.finding(RuleId::EuAutologousSameProcedure).is_none());
    assert!(report.finding(RuleId::EuTissuesAndCells).is_none());
    assert_eq!(
        report.finding(RuleId::EuSoho).map(|f| f.outcome),
        Some(Outcome::Met)
    );
    let auth = report
        .finding(RuleId::EuSohoPreparationAuthorisation)
        .expect("the SoHO preparation authorisation rule runs");
    assert_eq!(auth.outcome, Outcome::Met);
    let reason = auth.reason.map(|r| r.text()).unwrap_or_default();
    assert!(reason.contains("Art 38(1)"), "{reason}");
    assert!(reason.contains("quality-control parameters"), "{reason}");
    assert!(auth.missing.is_empty());
}

/// Art 38(1) needs the authorisation before release and for bedside autologous use alike, so
/// from 7 August 2027 whether the graft was used within the same procedure no longer changes
/// the answer, and is not missing. Before that day it decides the Directive's exclusion.
#[test]
fn from_7_august_2027_the_same_procedure_fact_no_longer_decides() {
    let unstated = bedside_fat_graft(None);
    let before = classify_eu(&unstated, LAST_DAY_OF_THE_DIRECTIVE);
    assert_eq!(
        before.classification,
        EuClassification::NotAtmpTissuesAndCells
    );
    assert!(
        before
            .finding(RuleId::EuAutologousSameProcedure)
            .is_some_and(|f| f.missing.contains("processing.same_surgical_procedure"))
    );
    for same in [None, Some(true), Some(false)] {
        let after = classify_eu(&bedside_fat_graft(same), FIRST_DAY_OF_SOHO);
        assert_eq!(
            after.classification,
            EuClassification::NotAtmpSoho,
            "{same:?}"
        );
        assert!(
            after
                .findings
                .iter()
                .all(|f| !f.missing.contains("processing.same_surgical_procedure")),
            "{same:?}"
        );
    }
}

/// Directive 2004/23/EC Art 2(1): where manufactured products are covered by other directives,
/// "this Directive shall apply only to donation, procurement and testing"; from 7 August 2027
/// the SoHO Regulation takes that place for an ATMP's starting cells.
#[test]
fn an_atmps_starting_cells_fall_under_soho_from_7_august_2027() {
    let atmp = cultured_for_gvhd("");
    let before = classify_eu(&atmp, LAST_DAY_OF_THE_DIRECTIVE);
    let after = classify_eu(&atmp, FIRST_DAY_OF_SOHO);
    assert_eq!(before.classification, EuClassification::SomaticCellTherapy);
    assert_eq!(after.classification, EuClassification::SomaticCellTherapy);
    assert!(before.finding(RuleId::EuTissuesAndCells).is_some());
    assert!(before.finding(RuleId::EuSoho).is_none());
    assert!(after.finding(RuleId::EuTissuesAndCells).is_none());
    let soho = after
        .finding(RuleId::EuSoho)
        .expect("SoHO covers the starting cells");
    assert!(
        soho.reason
            .map(|r| r.text())
            .is_some_and(|r| r.contains("donation, collection and testing"))
    );
}

// ------------------------------------------------------------------ GTMP: both conditions

/// Annex I Part IV 2.1(b) not stated: genetic modification alone does not make a GTMP; the
/// product is an ATMP of open class, and `missing` names the fact that decides it.
#[test]
fn genetic_modification_without_condition_b_leaves_the_class_open() {
    let p = cultured_for_gvhd(r#", "genetic_modification""#);
    let report = classify_eu(&p, ON);
    assert_eq!(
        report.classification,
        EuClassification::AtmpClassUndetermined
    );
    let class = report
        .finding(RuleId::EuAtmpClass)
        .expect("the class rule runs");
    assert_eq!(
        (class.outcome, class.severity),
        (Outcome::Undetermined, Severity::Warning)
    );
    assert_eq!(
        class.missing.iter_str().collect::<Vec<_>>(),
        vec!["processing.effect_from_recombinant_nucleic_acid"]
    );
}

/// Both conditions: (a) a recombinant nucleic acid (the genetic modification) and (b) the
/// effect relates directly to it. A GTMP.
#[test]
fn genetic_modification_with_condition_b_is_a_gtmp() {
    let p = product(
        r#"{
        "name": "Cultured marrow MSCs expressing a transgene",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion", "genetic_modification"], "effect_from_recombinant_nucleic_acid": true},
        "intended_use": {"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]}
    }"#,
    );
    assert_eq!(
        classify_eu(&p, ON).classification,
        EuClassification::GeneTherapy
    );
}

/// Condition (b) stated as not met (a modification the effect does not rest on): not a GTMP;
/// the class follows the claims, here the immunological action of the cells (Annex I Part IV
/// 2.2: an sCTMP).
#[test]
fn genetic_modification_the_effect_does_not_rest_on_is_not_a_gtmp() {
    let p = product(
        r#"{
        "name": "Cultured marrow MSCs, transiently modified",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion", "genetic_modification"], "effect_from_recombinant_nucleic_acid": false},
        "intended_use": {"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]}
    }"#,
    );
    let report = classify_eu(&p, ON);
    assert_eq!(report.classification, EuClassification::SomaticCellTherapy);
    assert!(
        report
            .finding(RuleId::EuAtmpClass)
            .and_then(|f| f.fact_named("processing.effect_from_recombinant_nucleic_acid"))
            .is_some()
    );
}

// ---------------------------------------------- Directive 2001/83 Art 2(1) and other routes

/// Art 2(1) ("prepared industrially or manufactured by a method involving an industrial
/// process"), compassionate use (Art 83 Reg 726/2004), named-patient supply (Art 5(1) Dir
/// 2001/83) and the hospital exemption (Art 3(7)): facts outside a product record, so each is
/// an open question for an ATMP, never settled.
#[test]
fn the_scope_condition_and_the_exceptional_routes_stay_open_for_an_atmp() {
    let report = classify_eu(&cultured_for_gvhd(""), ON);
    for rule in [
        RuleId::EuIndustrialScope,
        RuleId::EuExceptionalUse,
        RuleId::EuHospitalExemption,
    ] {
        let f = report
            .finding(rule)
            .unwrap_or_else(|| panic!("{rule} runs"));
        assert_eq!(
            (f.outcome, f.severity),
            (Outcome::Undetermined, Severity::Warning),
            "{rule}"
        );
    }
    let scope = report
        .finding(RuleId::EuIndustrialScope)
        .map(|f| f.reason.map(|r| r.text()));
    assert!(scope.flatten().is_some_and(|r| r.contains(
        "prepared industrially or manufactured by a method involving an industrial process"
    )));
    let routes = report
        .finding(RuleId::EuExceptionalUse)
        .and_then(|f| f.reason.map(|r| r.text()));
    let routes = routes.unwrap_or_default();
    assert!(
        routes.contains("Art 83 of Regulation (EC) No 726/2004"),
        "{routes}"
    );
    assert!(
        routes.contains("Art 5(1) of Directive 2001/83/EC"),
        "{routes}"
    );
    // The pending reform of the hospital exemption (provisional agreement, 11 Dec 2025).
    let he = report
        .finding(RuleId::EuHospitalExemption)
        .and_then(|f| f.reason.map(|r| r.text()));
    assert!(he.unwrap_or_default().contains("11 December 2025"));
    // The citations name the texts.
    assert!(
        RuleId::EuIndustrialScope
            .info()
            .citation
            .contains("Art 2(1)")
    );
    assert!(RuleId::EuExceptionalUse.info().citation.contains(
        "No 726/2004 of the European Parliament and of the Council of 31 March 2004, Art 83"
    ));
}

/// Not engineered: not a medicinal product route question; the ATMP-only findings do not run.
#[test]
fn the_atmp_routes_do_not_run_for_cells_that_are_not_an_atmp() {
    let report = classify_eu(&bedside_fat_graft(Some(true)), ON);
    assert!(report.finding(RuleId::EuIndustrialScope).is_none());
    assert!(report.finding(RuleId::EuExceptionalUse).is_none());
}

// ----------------------------------------------------- Japan: on-label use is outside ASRM

fn stemirac_record(indications: &str, route: &str) -> Product {
    product(&format!(
        r#"{{
        "name": "STEMIRAC",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "processing": {{"steps": ["culture_expansion"]}},
        "intended_use": {{"indications": [{indications}]}},
        "delivery": {{"route": "{route}"}}
    }}"#
    ))
}

/// ASRM Art 2(2): a regenerative medical product used only according to its approval is not a
/// regenerative medicine technology. Stemirac (conditional, time-limited approval for spinal
/// cord injury, given intravenously) used on label gets no ASRM class, and the conditional
/// approval finding is settled from the catalog entry.
#[test]
fn an_approved_product_used_on_label_is_outside_asrm() {
    let on_label = stemirac_record(r#""spinal_cord_injury""#, "intravenous");
    let report = classify_jp_authorised(&on_label, CatalogKey::StemiracJp, ON);
    assert_eq!(report.risk_class, AsrmRiskClass::ApprovedProductOnLabel);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.rule == RuleId::JpAsrmClassII && f.outcome == Outcome::Met)
    );
    assert_eq!(
        report.finding(RuleId::JpAsrmScope).map(|f| f.outcome),
        Some(Outcome::NotMet)
    );
    // Stemirac's seven-year term ended on 27 Dec 2025; full approval was applied for on
    // 14 Nov 2025 and no decision is found: on the evaluation date the conditional approval is
    // met with a warning saying so, within its term it is met.
    assert_eq!(
        report
            .finding(RuleId::JpConditionalApproval)
            .map(|f| (f.outcome, f.severity)),
        Some((Outcome::Met, Severity::Warning))
    );
    let within_term = classify_jp_authorised(
        &on_label,
        CatalogKey::StemiracJp,
        jiff::civil::date(2025, 6, 1),
    );
    assert_eq!(
        within_term.risk_class,
        AsrmRiskClass::ApprovedProductOnLabel
    );
    assert_eq!(
        within_term
            .finding(RuleId::JpConditionalApproval)
            .map(|f| (f.outcome, f.severity)),
        Some((Outcome::Met, Severity::Info))
    );
    // Without the authorisation the same record is what it was: ASRM Class II.
    assert_eq!(
        classify_jp(&on_label, ON).risk_class,
        AsrmRiskClass::ClassII
    );
}

/// Art 2(2) excludes only use "according to the content of its approval": another indication
/// keeps the product within ASRM, with the class its cells have.
#[test]
fn an_approved_product_used_off_label_stays_within_asrm() {
    let off_label = stemirac_record(r#""knee_osteoarthritis""#, "intravenous");
    let report = classify_jp_authorised(&off_label, CatalogKey::StemiracJp, ON);
    assert_eq!(report.risk_class, classify_jp(&off_label, ON).risk_class);
    assert_ne!(report.risk_class, AsrmRiskClass::ApprovedProductOnLabel);
    assert_eq!(
        report.finding(RuleId::JpAsrmScope).map(|f| f.outcome),
        Some(Outcome::Met)
    );
    let other_route = stemirac_record(r#""spinal_cord_injury""#, "intrathecal");
    assert_ne!(
        classify_jp_authorised(&other_route, CatalogKey::StemiracJp, ON).risk_class,
        AsrmRiskClass::ApprovedProductOnLabel
    );
}

/// When the record does not show the use (no indication stated), Art 2(2) cannot be applied:
/// the scope is open and names the missing fact; the class is the one ASRM would give.
#[test]
fn an_approved_product_whose_use_is_not_stated_is_an_open_scope_question() {
    let mut unstated = stemirac_record("", "intravenous");
    unstated.intended_use = None;
    let report = classify_jp_authorised(&unstated, CatalogKey::StemiracJp, ON);
    assert_ne!(report.risk_class, AsrmRiskClass::ApprovedProductOnLabel);
    let scope = report
        .finding(RuleId::JpAsrmScope)
        .expect("the scope rule runs");
    assert_eq!(scope.outcome, Outcome::Undetermined);
    assert!(scope.missing.contains("intended_use.indications"));
}

// ------------------------------------------------ Japan: the ASRM amendment of 31 May 2025

/// Since 31 May 2025 (Act No. 51 of 2024) ASRM also covers gene therapy without processed
/// cells: a cell-free preparation whose steps include a genetic modification is no longer
/// settled as outside ASRM; before that day it was.
#[test]
fn a_cell_free_preparation_from_modified_cells_is_outside_asrm_only_before_the_amendment() {
    let doc = r#"{
        "name": "Exosomes from modified MSCs",
        "preparation": "extracellular_vesicles",
        "tissue": "umbilical_cord_tissue",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion", "genetic_modification"]}
    }"#;
    let p = product(doc);
    let day_before = ASRM_AMENDMENT_IN_FORCE
        .yesterday()
        .expect("a representable date");
    assert_eq!(ASRM_AMENDMENT_IN_FORCE, jiff::civil::date(2025, 5, 31));
    assert_eq!(
        classify_jp(&p, day_before).risk_class,
        AsrmRiskClass::OutsideAsrm
    );
    let after = classify_jp(&p, ON);
    assert_eq!(after.risk_class, AsrmRiskClass::Undetermined);
    assert_eq!(
        after.finding(RuleId::JpAsrmScope).map(|f| f.outcome),
        Some(Outcome::Undetermined)
    );
    // Exosomes from unmodified cells (steps stated) stay outside ASRM after the amendment.
    let plain = product(&doc.replace(r#", "genetic_modification""#, ""));
    assert_eq!(
        classify_jp(&plain, ON).risk_class,
        AsrmRiskClass::OutsideAsrm
    );
}

// ------------------------------------------------------------------------------ citations

/// The review's citation corrections: ASRM as amended by Act No. 51 of 2024; PMD Act Art 2(9)
/// has no "live" in its wording (人又は動物の細胞に培養その他の加工を施したもの); "EMA's view" on
/// collagenase rests on a 2017 review (Raposio & Ciliberti), not on a CAT text; the CAT's sCTMP
/// classification of allogeneic umbilical-cord MSCs (132nd meeting); Japan's first ASRM
/// emergency order (29 Aug 2025).
#[test]
fn the_citations_name_what_they_rest_on() {
    let scope = RuleId::JpAsrmScope.info();
    assert!(scope.citation.contains("Act No. 51 of 2024"));
    assert!(scope.explanation.contains("31 May 2025"));
    assert!(
        !scope
            .summary
            .contains("a preparation with no cells is outside it")
    );
    let pmd = RuleId::JpRegenerativeMedicalProduct.info();
    assert!(
        pmd.explanation
            .contains("人又は動物の細胞に培養その他の加工を施したもの")
    );
    assert!(!pmd.summary.contains("live"));
    let manipulation = RuleId::EuSubstantialManipulation.info();
    assert!(!manipulation.citation.contains("EMA's view"));
    assert!(manipulation.citation.contains("not a CAT text"));
    assert!(
        RuleId::EuAtmpClass
            .info()
            .explanation
            .contains("132nd meeting")
    );
    assert!(
        RuleId::EuAtmpClass
            .info()
            .explanation
            .contains("(b) 'its therapeutic, prophylactic or diagnostic effect relates directly")
    );
    assert!(
        RuleId::JpAsrmClassII
            .info()
            .explanation
            .contains("29 August 2025")
    );
}
