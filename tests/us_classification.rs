//! US classification under 21 CFR Part 1271.
//!
//! Every expectation here comes from the regulation text (21 CFR 1271.3, 1271.10, 1271.15,
//! 1271.20), FDA's MM/HU guidance (2017, rev. 2020), the Same Surgical Procedure guidance (2017),
//! court decisions and approvals (Ryoncil, HEMACORD) as summarised in
//! `shared/reference/us-21cfr1271.md` — not from what the code returns.

use msc_therapy::document::{Delivery, IntendedUse, Processing};
use msc_therapy::engine::us::{US_MYRIAD_INDICATION_CATEGORIES, UsAssessment, UsClassification};
use msc_therapy::finding::Basis;
use msc_therapy::vocab::{
    AddedArticle, CellPreparation, Donor, Indication, Mechanism, ProcessingStep, Route, SiteOfUse,
    Text, TissueFunction, TissueSource,
};
use msc_therapy::{Outcome, Product, RuleId, classify_us};
use proptest::prelude::*;

const CRITERIA: [RuleId; 4] = [
    RuleId::UsMinimalManipulation,
    RuleId::UsHomologousUse,
    RuleId::UsNoCombination,
    RuleId::UsSystemicEffect,
];

fn named(name: &str) -> Product {
    Product::named(Text::new(name).expect("test names are not blank"))
}

fn processing(steps: &[ProcessingStep], same_surgical_procedure: Option<bool>) -> Processing {
    Processing {
        steps: Some(steps.to_vec()),
        added_articles: Some(Vec::new()),
        same_surgical_procedure,
        ..Processing::default()
    }
}

fn use_for(functions: &[TissueFunction], indications: &[Indication]) -> IntendedUse {
    IntendedUse {
        functions: Some(functions.to_vec()),
        indications: Some(indications.to_vec()),
        ..IntendedUse::default()
    }
}

/// Ryoncil (remestemcel-L): allogeneic bone-marrow MSCs grown in culture, frozen in DMSO, given
/// intravenously for steroid-refractory acute GVHD in children. BLA-approved 18 Dec 2024.
fn ryoncil() -> Product {
    let mut p = named("Ryoncil (remestemcel-L-rknd)");
    p.preparation = Some(CellPreparation::CultureExpandedMsc);
    p.tissue = Some(TissueSource::BoneMarrow);
    p.donor = Some(Donor::AllogeneicUnrelated);
    p.processing = Some(Processing {
        steps: Some(vec![
            ProcessingStep::CultureExpansion,
            ProcessingStep::Cryopreservation,
        ]),
        added_articles: Some(vec![AddedArticle::StorageAgent]),
        ..Processing::default()
    });
    p.intended_use = Some(use_for(
        &[TissueFunction::Immunomodulation],
        &[Indication::GraftVersusHostDisease],
    ));
    p.delivery = Some(Delivery {
        route: Route::Intravenous,
        guidance: None,
    });
    p.mechanisms = Some(vec![Mechanism::Immunomodulation]);
    p
}

/// Bone marrow concentrate: aspirate from the patient's hip, spun down at the bedside and
/// injected into the knee in the same procedure.
fn same_day_bmac_for_knee_oa() -> Product {
    let mut p = named("Same-day bone marrow concentrate, knee");
    p.preparation = Some(CellPreparation::BoneMarrowConcentrate);
    p.tissue = Some(TissueSource::BoneMarrow);
    p.donor = Some(Donor::Autologous);
    p.processing = Some(processing(&[ProcessingStep::Centrifugation], Some(true)));
    p.intended_use = Some(use_for(
        &[TissueFunction::MusculoskeletalRepair],
        &[Indication::KneeOsteoarthritis],
    ));
    p.delivery = Some(Delivery {
        route: Route::IntraArticular,
        guidance: None,
    });
    p
}

/// Autologous fat, rinsed and re-injected to fill a soft-tissue defect (MM/HU guidance fn 27:
/// cosmetic reimplantation of adipose only rinsed or cleansed may meet 1271.15(b)).
fn fat_graft(same_procedure: Option<bool>) -> Product {
    let mut p = named("Autologous fat graft");
    p.preparation = Some(CellPreparation::FatGraft);
    p.tissue = Some(TissueSource::AdiposeTissue);
    p.donor = Some(Donor::Autologous);
    p.processing = Some(processing(&[ProcessingStep::Rinsing], same_procedure));
    p.intended_use = Some(IntendedUse {
        functions: Some(vec![TissueFunction::Cushioning]),
        indications: Some(vec![Indication::SoftTissueDefect]),
        systemic_effect: Some(false),
        depends_on_living_cells: Some(false),
        reproductive_use: Some(false),
        site_of_use: None,
        other_indications: Vec::new(),
    });
    // Under the skin, where fat cushions and supports (MM/HU guidance Example 19-6(a)).
    p.delivery = Some(Delivery {
        route: Route::Subcutaneous,
        guidance: None,
    });
    p
}

/// Stromal vascular fraction: fat digested with collagenase, spun, injected into arthritic
/// joints in the same visit (US v. US Stem Cell Clinic, 11th Cir. 2021).
fn svf_for_arthritis() -> Product {
    let mut p = named("Adipose SVF for arthritis");
    p.preparation = Some(CellPreparation::StromalVascularFraction);
    p.tissue = Some(TissueSource::AdiposeTissue);
    p.donor = Some(Donor::Autologous);
    p.processing = Some(processing(
        &[
            ProcessingStep::EnzymaticDigestion,
            ProcessingStep::Centrifugation,
        ],
        Some(true),
    ));
    p.intended_use = Some(use_for(
        &[
            TissueFunction::MusculoskeletalRepair,
            TissueFunction::Immunomodulation,
        ],
        &[Indication::KneeOsteoarthritis],
    ));
    p.delivery = Some(Delivery {
        route: Route::IntraArticular,
        guidance: None,
    });
    p
}

/// A donor's amniotic membrane, rinsed, cut to size and frozen, laid on the surface of a wound as
/// a covering, with no claim to heal it: the membrane's basic function in the donor is covering
/// and barrier (MM/HU guidance Example 19-4).
fn amniotic_membrane_covering() -> Product {
    let mut p = named("Amniotic membrane wound covering");
    p.preparation = Some(CellPreparation::TissueSheet);
    p.tissue = Some(TissueSource::AmnioticMembrane);
    p.donor = Some(Donor::AllogeneicUnrelated);
    p.processing = Some(Processing {
        steps: Some(vec![
            ProcessingStep::Rinsing,
            ProcessingStep::SizingShaping,
            ProcessingStep::Cryopreservation,
        ]),
        added_articles: Some(vec![AddedArticle::StorageAgent]),
        ..Processing::default()
    });
    p.intended_use = Some(IntendedUse {
        functions: Some(vec![TissueFunction::Covering]),
        indications: Some(Vec::new()),
        systemic_effect: Some(false),
        depends_on_living_cells: Some(false),
        reproductive_use: Some(false),
        site_of_use: Some(SiteOfUse::SkinOrWoundSurface),
        other_indications: Vec::new(),
    });
    p.delivery = Some(Delivery {
        route: Route::Topical,
        guidance: None,
    });
    p
}

/// Unrelated-donor cord blood for blood-forming reconstitution after myeloablative treatment:
/// HEMACORD's indication, licensed as a 351 biologic in 2011.
fn cord_blood(donor: Donor, functions: &[TissueFunction], indications: &[Indication]) -> Product {
    let mut p = named("Cord blood unit");
    p.preparation = Some(CellPreparation::CordBloodUnit);
    p.tissue = Some(TissueSource::UmbilicalCordBlood);
    p.donor = Some(donor);
    p.processing = Some(Processing {
        steps: Some(vec![ProcessingStep::Cryopreservation]),
        added_articles: Some(vec![AddedArticle::StorageAgent]),
        ..Processing::default()
    });
    p.intended_use = Some(IntendedUse {
        functions: Some(functions.to_vec()),
        indications: Some(indications.to_vec()),
        systemic_effect: Some(true),
        depends_on_living_cells: Some(true),
        reproductive_use: Some(false),
        site_of_use: None,
        other_indications: Vec::new(),
    });
    p.delivery = Some(Delivery {
        route: Route::Intravenous,
        guidance: None,
    });
    p
}

fn failed(report: &UsAssessment) -> Vec<RuleId> {
    report.failed.clone()
}

// ---- Outcome: Ryoncil and 351 products -------------------------------------------------------

#[test]
fn ryoncil_culture_expanded_allogeneic_marrow_msc_for_gvhd_is_351() {
    let report = classify_us(&ryoncil(), ON);
    assert_eq!(report.classification, UsClassification::Section351Product);
    // Culture expansion is more than minimal (MM/HU Q4, Ex 16-1); immunomodulation is not the
    // hematopoietic basic function of marrow; living allogeneic cells for an unrelated patient.
    assert_eq!(
        failed(&report),
        vec![
            RuleId::UsMinimalManipulation,
            RuleId::UsHomologousUse,
            RuleId::UsSystemicEffect
        ]
    );
    // DMSO is a storage agent, which 1271.10(a)(3) allows.
    assert_eq!(report.outcome_of(RuleId::UsNoCombination), Outcome::Met);
    // Not the bone marrow exclusion of 1271.3(d)(4): it is more than minimally manipulated.
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::Met);
    // Allogeneic: the same surgical procedure exception cannot apply.
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
    assert!(report.missing.is_empty());
    let memo = report.to_string();
    assert!(memo.contains("Ryoncil (remestemcel-L-rknd)"), "{memo}");
    assert!(memo.contains("Section 351"), "{memo}");
    assert!(memo.contains("BLA"), "{memo}");
    assert!(memo.contains("us.cfr1271.10.a.1"), "{memo}");
}

#[test]
fn culture_expanded_preparation_implies_culture_even_if_steps_omit_it() {
    let mut p = ryoncil();
    p.processing = Some(Processing::default());
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::Section351Product);
    assert!(report.failed.contains(&RuleId::UsMinimalManipulation));
}

#[test]
fn cultured_autologous_marrow_cells_with_a_drug_are_351_regenerative_sciences() {
    // The "Cultured Regenexx Procedure": autologous marrow MSCs grown in culture and mixed with
    // doxycycline (US v. Regenerative Sciences, D.D.C. 2012, aff'd D.C. Cir. 2014).
    let mut p = same_day_bmac_for_knee_oa();
    p.preparation = Some(CellPreparation::CultureExpandedMsc);
    p.processing = Some(Processing {
        steps: Some(vec![ProcessingStep::CultureExpansion]),
        added_articles: Some(vec![AddedArticle::Drug]),
        same_surgical_procedure: Some(false),
        minimal_manipulation_data: None,
        effect_from_recombinant_nucleic_acid: None,
    });
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::Section351Product);
    assert!(report.failed.contains(&RuleId::UsMinimalManipulation));
    assert!(report.failed.contains(&RuleId::UsNoCombination));
    // Autologous: (a)(4) is met even though the cells are alive.
    assert_eq!(report.outcome_of(RuleId::UsSystemicEffect), Outcome::Met);
}

// ---- Bone marrow: same day versus cultured; the 1271.3(d)(4) exclusion -----------------------

#[test]
fn same_day_bmac_for_knee_oa_leaves_the_same_surgical_procedure_exception_open() {
    // Concentrating marrow is not rinsing, cleansing, sizing or shaping (FDA SSP guidance,
    // Nov 2017), and "the removed and implanted HCT/Ps must be the same" (US v. California Stem
    // Cell Treatment Center, 9th Cir. 2024): no source settles the exception for BMAC.
    let report = classify_us(&same_day_bmac_for_knee_oa(), ON);
    assert_eq!(report.classification, UsClassification::Undetermined);
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::Undetermined
    );
    // Cartilage repair is not the hematopoietic function of marrow, so the marrow exclusion
    // (1271.3(d)(4)) does not apply and it is an HCT/P; it is not homologous.
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::Met);
    assert_eq!(failed(&report), vec![RuleId::UsHomologousUse]);
}

#[test]
fn bmac_at_a_second_visit_for_knee_oa_is_351_non_homologous() {
    let mut p = same_day_bmac_for_knee_oa();
    p.processing = Some(processing(&[ProcessingStep::Centrifugation], Some(false)));
    let report = classify_us(&p, ON);
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
    assert_eq!(report.classification, UsClassification::Section351Product);
    assert_eq!(failed(&report), vec![RuleId::UsHomologousUse]);
}

#[test]
fn minimally_manipulated_marrow_for_homologous_use_is_not_an_hctp() {
    // 1271.3(d)(4): minimally manipulated bone marrow for homologous use, not combined. Given
    // into a vein to reconstitute blood formation, it does what it did in the donor (MM/HU
    // guidance Example 19-1(a)).
    let mut p = same_day_bmac_for_knee_oa();
    p.intended_use = Some(use_for(
        &[TissueFunction::Hematopoiesis],
        &[Indication::HematopoieticReconstitution],
    ));
    p.delivery = Some(Delivery {
        route: Route::Intravenous,
        guidance: None,
    });
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::NotAnHctp);
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::NotMet);

    // Combined with another article, it is an HCT/P again.
    let mut combined = p.clone();
    if let Some(proc_) = combined.processing.as_mut() {
        proc_.added_articles = Some(vec![AddedArticle::HyaluronicAcid]);
    }
    let report = classify_us(&combined, ON);
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::Met);
    assert_ne!(report.classification, UsClassification::NotAnHctp);
}

// ---- Adipose: fat grafting versus SVF -------------------------------------------------------

#[test]
fn rinsed_fat_graft_in_one_operation_is_excepted() {
    let report = classify_us(&fat_graft(Some(true)), ON);
    assert_eq!(
        report.classification,
        UsClassification::ExceptedSameSurgicalProcedure
    );
}

#[test]
fn rinsed_fat_graft_stored_for_a_later_operation_is_361() {
    // Outside the exception, rinsing keeps adipose's bulk and lipid storage; cushioning is a
    // basic function of fat; nothing added; autologous.
    let report = classify_us(&fat_graft(Some(false)), ON);
    assert_eq!(report.classification, UsClassification::Section361Hctp);
    for rule in CRITERIA {
        assert_eq!(report.outcome_of(rule), Outcome::Met, "{rule}");
    }
    assert!(report.to_string().contains("register"));
}

#[test]
fn fat_graft_with_unknown_same_procedure_is_361_at_the_least() {
    // Every criterion is met, so the product is 361 whether or not the exception applies.
    let report = classify_us(&fat_graft(None), ON);
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::Undetermined
    );
    assert_eq!(report.classification, UsClassification::Section361Hctp);
}

#[test]
fn enzymatically_digested_svf_for_arthritis_is_351_us_stem_cell_clinic() {
    let report = classify_us(&svf_for_arthritis(), ON);
    assert_eq!(report.classification, UsClassification::Section351Product);
    // Enzymatic digestion: neither "such HCT/P" nor minimal for structural tissue (Ex 14-1).
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
    assert!(report.failed.contains(&RuleId::UsMinimalManipulation));
    // Arthritis repair is not cushioning, support or energy storage.
    assert!(report.failed.contains(&RuleId::UsHomologousUse));
}

// ---- Amniotic membrane: covering versus injected --------------------------------------------

#[test]
fn amniotic_membrane_as_wound_covering_is_361() {
    let report = classify_us(&amniotic_membrane_covering(), ON);
    assert_eq!(report.classification, UsClassification::Section361Hctp);
    assert!(report.failed.is_empty());
    assert!(report.missing.is_empty());
}

#[test]
fn amniotic_membrane_for_wound_healing_is_not_homologous_example_19_4_b() {
    // "An amniotic membrane product is used for wound healing and/or to reduce scarring and
    // inflammation. This is not homologous use" (MM/HU guidance Example 19-4(b)): offered for a
    // chronic wound, the membrane is judged on healing it, whatever function it declares.
    let mut p = amniotic_membrane_covering();
    if let Some(u) = p.intended_use.as_mut() {
        u.indications = Some(vec![Indication::ChronicWound]);
    }
    let report = classify_us(&p, ON);
    assert_eq!(report.outcome_of(RuleId::UsHomologousUse), Outcome::NotMet);
    assert_eq!(report.classification, UsClassification::Section351Product);
}

#[test]
fn amniotic_membrane_injected_for_inflammation_is_351_non_homologous() {
    let mut p = amniotic_membrane_covering();
    p.preparation = Some(CellPreparation::PerinatalAllograft);
    p.intended_use = Some(IntendedUse {
        functions: Some(vec![TissueFunction::Immunomodulation]),
        indications: Some(vec![Indication::KneeOsteoarthritis]),
        systemic_effect: Some(false),
        depends_on_living_cells: Some(false),
        reproductive_use: Some(false),
        site_of_use: None,
        other_indications: Vec::new(),
    });
    p.delivery = Some(Delivery {
        route: Route::IntraArticular,
        guidance: None,
    });
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::Section351Product);
    assert_eq!(failed(&report), vec![RuleId::UsHomologousUse]);
}

// ---- Cord blood: reconstitution versus other uses --------------------------------------------

#[test]
fn unrelated_cord_blood_for_reconstitution_is_351_like_hemacord() {
    let report = classify_us(
        &cord_blood(
            Donor::AllogeneicUnrelated,
            &[TissueFunction::Hematopoiesis],
            &[Indication::HematopoieticReconstitution],
        ),
        ON,
    );
    assert_eq!(report.classification, UsClassification::Section351Product);
    // Homologous and minimally manipulated; fails only on living cells for an unrelated patient.
    assert_eq!(failed(&report), vec![RuleId::UsSystemicEffect]);
}

#[test]
fn related_cord_blood_for_reconstitution_is_361() {
    // 1271.10(a)(4)(ii)(b): allogeneic use in a first- or second-degree blood relative.
    for donor in [
        Donor::AllogeneicFirstDegreeRelative,
        Donor::AllogeneicSecondDegreeRelative,
    ] {
        let report = classify_us(
            &cord_blood(
                donor,
                &[TissueFunction::Hematopoiesis],
                &[Indication::HematopoieticReconstitution],
            ),
            ON,
        );
        assert_eq!(
            report.classification,
            UsClassification::Section361Hctp,
            "{donor}"
        );
    }
}

#[test]
fn cord_blood_for_orthopaedic_use_is_351_non_homologous() {
    let report = classify_us(
        &cord_blood(
            Donor::AllogeneicFirstDegreeRelative,
            &[TissueFunction::MusculoskeletalRepair],
            &[Indication::KneeOsteoarthritis],
        ),
        ON,
    );
    assert_eq!(report.classification, UsClassification::Section351Product);
    assert_eq!(failed(&report), vec![RuleId::UsHomologousUse]);
}

// ---- Unknown processing, missing data ---------------------------------------------------------

#[test]
fn unknown_processing_step_is_never_361() {
    let mut p = amniotic_membrane_covering();
    if let Some(proc_) = p.processing.as_mut() {
        proc_
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::Unclassified);
    }
    let report = classify_us(&p, ON);
    assert_ne!(report.classification, UsClassification::Section361Hctp);
    // No data on the step: FDA considers it more than minimal.
    assert_eq!(report.classification, UsClassification::Section351Product);
    assert_eq!(failed(&report), vec![RuleId::UsMinimalManipulation]);

    // And it takes a fat graft out of the same surgical procedure exception.
    let mut graft = fat_graft(Some(true));
    if let Some(proc_) = graft.processing.as_mut() {
        proc_
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::Unclassified);
    }
    let report = classify_us(&graft, ON);
    // No source keeps an unknown step within "such HCT/P": the exception is open, never met.
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::Undetermined
    );
    assert_ne!(report.classification, UsClassification::Section361Hctp);
    assert_ne!(
        report.classification,
        UsClassification::ExceptedSameSurgicalProcedure
    );
}

#[test]
fn step_that_depends_on_data_is_minimal_only_with_data() {
    // Lyophilizing structural tissue can be minimal, but only data on the process shows it (no
    // FDA example judges lyophilized amnion sheets on their own).
    let mut p = amniotic_membrane_covering();
    if let Some(proc_) = p.processing.as_mut() {
        proc_
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::Lyophilization);
    }
    let without = classify_us(&p, ON);
    assert_eq!(
        without.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
    assert_eq!(without.classification, UsClassification::Section351Product);
    // 351 by the guidance's default only: the data are the fact that could change it.
    assert!(
        without
            .missing
            .iter()
            .any(|m| *m == "processing.minimal_manipulation_data"),
        "{:?}",
        without.missing
    );

    if let Some(proc_) = p.processing.as_mut() {
        proc_.minimal_manipulation_data = Some(false);
    }
    let stated_none = classify_us(&p, ON);
    assert_eq!(
        stated_none.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
    // Stated: no data exist. Nothing is missing any more.
    assert!(stated_none.missing.is_empty(), "{:?}", stated_none.missing);

    if let Some(proc_) = p.processing.as_mut() {
        proc_.minimal_manipulation_data = Some(true);
    }
    let with = classify_us(&p, ON);
    assert_eq!(with.outcome_of(RuleId::UsMinimalManipulation), Outcome::Met);
    assert_eq!(with.classification, UsClassification::Section361Hctp);
}

#[test]
fn ground_marrow_back_in_the_same_operation_is_open_and_names_the_data_that_could_settle_it() {
    // Autologous marrow concentrate, ground and put back in the same operation: the exception is
    // open (the courts read "such HCT/P" narrowly, and grinding is not rinsing, cleansing, sizing
    // or shaping), and grinding without data on the process is more than minimal by the MM/HU
    // guidance's default — which data could change. Undetermined, and the data are missing.
    let mut p = named("ground marrow concentrate");
    p.preparation = Some(CellPreparation::BoneMarrowConcentrate);
    p.tissue = Some(TissueSource::BoneMarrow);
    p.donor = Some(Donor::Autologous);
    p.processing = Some(processing(&[ProcessingStep::Grinding], Some(true)));
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::Undetermined);
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
    assert!(
        report
            .missing
            .iter()
            .any(|m| *m == "processing.minimal_manipulation_data"),
        "{:?}",
        report.missing
    );
}

#[test]
fn minimal_manipulation_is_judged_on_the_tissue_class_in_the_donor() {
    // Density-gradient separation: more than minimal for structural tissue (adipose), minimal
    // for nonstructural cells (marrow) — the MM/HU definitions differ.
    let mut fat = fat_graft(Some(false));
    fat.processing = Some(processing(
        &[ProcessingStep::DensityGradientSeparation],
        Some(false),
    ));
    assert_eq!(
        classify_us(&fat, ON).outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );

    let mut cord = cord_blood(
        Donor::AllogeneicFirstDegreeRelative,
        &[TissueFunction::Hematopoiesis],
        &[Indication::HematopoieticReconstitution],
    );
    cord.processing = Some(processing(
        &[ProcessingStep::DensityGradientSeparation],
        Some(false),
    ));
    assert_eq!(
        classify_us(&cord, ON).outcome_of(RuleId::UsMinimalManipulation),
        Outcome::Met
    );
}

#[test]
fn tissue_fda_does_not_classify_is_undetermined_unless_every_class_agrees() {
    // Dental pulp: FDA's guidance gives no structural / nonstructural class.
    let mut p = named("Dental pulp cells");
    p.preparation = Some(CellPreparation::CultureExpandedMsc);
    p.tissue = Some(TissueSource::DentalPulp);
    p.donor = Some(Donor::AllogeneicUnrelated);
    p.processing = Some(processing(&[ProcessingStep::Filtering], Some(false)));
    p.intended_use = Some(use_for(&[TissueFunction::Immunomodulation], &[]));
    // Culture expansion (implied) is more than minimal for either class.
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::Section351Product);

    // Filtering only: minimal for nonstructural, data-dependent for structural.
    p.preparation = Some(CellPreparation::TissueSheet);
    let report = classify_us(&p, ON);
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::Undetermined
    );
    assert_ne!(report.classification, UsClassification::Section361Hctp);
}

#[test]
fn a_record_with_only_a_name_is_undetermined_and_lists_missing_facts() {
    let report = classify_us(&named("Stem cell injection"), ON);
    assert_eq!(report.classification, UsClassification::Undetermined);
    for path in [
        "donor",
        "preparation",
        "tissue",
        "processing.steps",
        "processing.added_articles",
        "intended_use",
    ] {
        assert!(
            report.missing.contains(&path),
            "{path}: {:?}",
            report.missing
        );
    }
    assert!(report.to_string().contains("Missing facts"));
}

#[test]
fn bmac_without_same_procedure_fact_is_undetermined() {
    // Non-homologous, so 351 unless the exception applies; whether it does is unknown.
    let mut p = same_day_bmac_for_knee_oa();
    p.processing = Some(processing(&[ProcessingStep::Centrifugation], None));
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::Undetermined);
    assert_eq!(report.missing, vec!["processing.same_surgical_procedure"]);
}

// ---- Step 1: exclusions from HCT/P ----------------------------------------------------------

#[test]
fn animal_cells_are_not_hctps() {
    let mut p = ryoncil();
    p.donor = Some(Donor::Xenogeneic);
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::NotAnHctp);
    assert!(
        report
            .finding(RuleId::UsIsHctp)
            .and_then(|f| f.reason.map(|r| r.text()))
            .is_some_and(|r| r.contains("1271.3(d)(6)"))
    );
}

#[test]
fn platelet_rich_plasma_is_a_blood_product_not_an_hctp() {
    let mut p = named("PRP injection");
    p.preparation = Some(CellPreparation::PlateletRichPlasma);
    p.donor = Some(Donor::Autologous);
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::NotAnHctp);
    // Outside Part 1271, not outside FDA law: PRP is a blood product (MM/HU guidance V.A).
    assert!(report.consequence.contains("Part 1271 does not apply"));
    assert!(report.consequence.contains("blood product"));
    assert!(!report.consequence.contains("unregulated"));
    assert!(!report.consequence.contains("no approval"));
}

#[test]
fn cell_free_exosomes_are_not_hctps_and_never_361() {
    let mut p = named("Wharton's jelly exosomes");
    p.preparation = Some(CellPreparation::ExtracellularVesicles);
    p.tissue = Some(TissueSource::WhartonsJelly);
    p.donor = Some(Donor::AllogeneicUnrelated);
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::NotAnHctp);
}

#[test]
fn amniotic_fluid_is_not_an_hctp_but_cells_isolated_from_it_are() {
    let mut fluid = named("Amniotic fluid secretome");
    fluid.preparation = Some(CellPreparation::ConditionedMedium);
    fluid.tissue = Some(TissueSource::AmnioticFluid);
    fluid.donor = Some(Donor::AllogeneicUnrelated);
    assert_eq!(
        classify_us(&fluid, ON).classification,
        UsClassification::NotAnHctp
    );

    let mut cells = fluid.clone();
    cells.preparation = Some(CellPreparation::CultureExpandedMsc);
    cells.processing = Some(processing(&[ProcessingStep::CultureExpansion], Some(false)));
    let report = classify_us(&cells, ON);
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::Met);
    assert_eq!(report.classification, UsClassification::Section351Product);
}

// ---- Each criterion flipped on its own, from a 361 baseline ----------------------------------

#[test]
fn criterion_1_flipped_by_culture_expansion() {
    let mut p = amniotic_membrane_covering();
    if let Some(proc_) = p.processing.as_mut() {
        proc_
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::CultureExpansion);
    }
    assert_eq!(
        failed(&classify_us(&p, ON)),
        vec![RuleId::UsMinimalManipulation]
    );
}

#[test]
fn criterion_2_flipped_by_a_non_basic_function() {
    let mut p = amniotic_membrane_covering();
    if let Some(u) = p.intended_use.as_mut() {
        u.functions
            .get_or_insert_with(Vec::new)
            .push(TissueFunction::NeuralRepair);
    }
    assert_eq!(failed(&classify_us(&p, ON)), vec![RuleId::UsHomologousUse]);
}

#[test]
fn criterion_2_flipped_by_a_myriad_of_diseases() {
    // Covering is homologous, but an offer for wounds, MS and autism is "an unproven treatment
    // for a myriad of diseases or conditions".
    let mut p = amniotic_membrane_covering();
    if let Some(u) = p.intended_use.as_mut() {
        u.indications = Some(vec![
            Indication::ChronicWound,
            Indication::MultipleSclerosis,
            Indication::Autism,
        ]);
    }
    assert_eq!(US_MYRIAD_INDICATION_CATEGORIES, 3);
    let report = classify_us(&p, ON);
    assert_eq!(failed(&report), vec![RuleId::UsHomologousUse]);
    assert!(
        report
            .finding(RuleId::UsHomologousUse)
            .and_then(|f| f.reason.map(|r| r.text()))
            .is_some_and(|r| r.contains("myriad"))
    );

    // Two categories stay within the threshold: the use may fail on other grounds (wound
    // healing is not a basic function of amnion, Example 19-4(b)), but not as "a myriad".
    if let Some(u) = p.intended_use.as_mut() {
        u.indications = Some(vec![
            Indication::ChronicWound,
            Indication::KneeOsteoarthritis,
        ]);
    }
    let report = classify_us(&p, ON);
    assert!(
        report
            .finding(RuleId::UsHomologousUse)
            .and_then(|f| f.reason.map(|r| r.text()))
            .is_some_and(|r| !r.contains("myriad"))
    );
}

#[test]
fn criterion_3_flipped_by_another_article_but_not_by_allowed_agents() {
    for other in [
        AddedArticle::HyaluronicAcid,
        AddedArticle::Scaffold,
        AddedArticle::FibrinGlue,
        AddedArticle::Drug,
    ] {
        let mut p = amniotic_membrane_covering();
        if let Some(proc_) = p.processing.as_mut() {
            proc_
                .added_articles
                .get_or_insert_with(Vec::new)
                .push(other);
        }
        assert_eq!(
            failed(&classify_us(&p, ON)),
            vec![RuleId::UsNoCombination],
            "{other}"
        );
    }
    for allowed in [
        AddedArticle::Water,
        AddedArticle::Crystalloid,
        AddedArticle::SterilizingAgent,
        AddedArticle::PreservingAgent,
    ] {
        let mut p = amniotic_membrane_covering();
        if let Some(proc_) = p.processing.as_mut() {
            proc_
                .added_articles
                .get_or_insert_with(Vec::new)
                .push(allowed);
        }
        assert_eq!(
            classify_us(&p, ON).classification,
            UsClassification::Section361Hctp,
            "{allowed}"
        );
    }
}

#[test]
fn criterion_4_flipped_by_living_cells_for_an_unrelated_patient() {
    let mut p = amniotic_membrane_covering();
    if let Some(u) = p.intended_use.as_mut() {
        u.depends_on_living_cells = Some(true);
    }
    assert_eq!(failed(&classify_us(&p, ON)), vec![RuleId::UsSystemicEffect]);

    // A systemic effect alone does it too.
    let mut p = amniotic_membrane_covering();
    if let Some(u) = p.intended_use.as_mut() {
        u.systemic_effect = Some(true);
    }
    assert_eq!(failed(&classify_us(&p, ON)), vec![RuleId::UsSystemicEffect]);

    // Reproductive use is allowed (1271.10(a)(4)(ii)(c)).
    if let Some(u) = p.intended_use.as_mut() {
        u.reproductive_use = Some(true);
    }
    assert_eq!(
        classify_us(&p, ON).classification,
        UsClassification::Section361Hctp
    );
}

#[test]
fn criterion_4_derives_living_cells_from_claimed_mechanisms_and_says_so() {
    let mut p = amniotic_membrane_covering();
    if let Some(u) = p.intended_use.as_mut() {
        u.depends_on_living_cells = None;
    }
    // Nothing recorded and no mechanism claimed: undetermined, never 361.
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::Undetermined);
    assert!(
        report
            .missing
            .contains(&"intended_use.depends_on_living_cells")
    );

    // MSCs acting by paracrine signalling depend on living cells.
    p.mechanisms = Some(vec![Mechanism::ParacrineSignalling]);
    let report = classify_us(&p, ON);
    assert_eq!(failed(&report), vec![RuleId::UsSystemicEffect]);
    let finding = report.finding(RuleId::UsSystemicEffect);
    assert!(
        finding
            .and_then(|f| f.reason.map(|r| r.text()))
            .is_some_and(|r| r.contains("derived"))
    );
}

#[test]
fn criterion_4_reads_an_intravenous_route_as_systemic_when_the_record_is_silent() {
    let mut p = amniotic_membrane_covering();
    if let Some(u) = p.intended_use.as_mut() {
        u.systemic_effect = None;
    }
    p.delivery = Some(Delivery {
        route: Route::Intravenous,
        guidance: None,
    });
    let report = classify_us(&p, ON);
    assert!(report.failed.contains(&RuleId::UsSystemicEffect));
    assert_eq!(
        us_finding(&report, RuleId::UsSystemicEffect)
            .fact_named("intended_use.systemic_effect")
            .map(|f| f.role),
        Some(msc_therapy::finding::FactRole::Derived)
    );
}

// ---- Same surgical procedure exception ------------------------------------------------------

#[test]
fn same_surgical_procedure_exception_needs_autologous_use() {
    let mut p = fat_graft(Some(true));
    p.donor = Some(Donor::AllogeneicFirstDegreeRelative);
    let report = classify_us(&p, ON);
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
    // Still 361: related donor, minimal, homologous.
    assert_eq!(report.classification, UsClassification::Section361Hctp);
}

#[test]
fn same_surgical_procedure_exception_lost_by_enzymes_culture_or_a_second_visit() {
    for steps in [
        &[ProcessingStep::Rinsing, ProcessingStep::EnzymaticDigestion][..],
        &[ProcessingStep::CultureExpansion][..],
    ] {
        let mut p = fat_graft(Some(true));
        p.processing = Some(processing(steps, Some(true)));
        assert_eq!(
            classify_us(&p, ON).outcome_of(RuleId::UsSameSurgicalProcedure),
            Outcome::NotMet,
            "{steps:?}"
        );
    }
    assert_eq!(
        classify_us(&fat_graft(Some(false)), ON).outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
}

#[test]
fn same_surgical_procedure_exception_lost_by_mixing_in_another_article() {
    // Mixed with hyaluronic acid, the fat is no longer "such HCT/P" in its original form.
    let mut p = fat_graft(Some(true));
    if let Some(proc_) = p.processing.as_mut() {
        proc_
            .added_articles
            .get_or_insert_with(Vec::new)
            .push(AddedArticle::HyaluronicAcid);
    }
    let report = classify_us(&p, ON);
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
    assert_eq!(report.classification, UsClassification::Section351Product);
    assert_eq!(failed(&report), vec![RuleId::UsNoCombination]);

    // Saline is a crystalloid: still excepted.
    let mut p = fat_graft(Some(true));
    if let Some(proc_) = p.processing.as_mut() {
        proc_
            .added_articles
            .get_or_insert_with(Vec::new)
            .push(AddedArticle::Crystalloid);
    }
    assert_eq!(
        classify_us(&p, ON).classification,
        UsClassification::ExceptedSameSurgicalProcedure
    );
}

#[test]
fn steps_after_the_deciding_one_are_not_applicable() {
    let mut p = ryoncil();
    p.donor = Some(Donor::Xenogeneic);
    let report = classify_us(&p, ON);
    assert_eq!(report.findings.len(), 6);
    assert_eq!(report.findings[0].rule, RuleId::UsIsHctp);
    for finding in &report.findings[1..] {
        assert_eq!(finding.outcome, Outcome::NotApplicable, "{}", finding.rule);
    }
    assert!(report.failed.is_empty());
}

// ---- Serialization, schema, rule table --------------------------------------------------------

#[test]
fn assessment_serializes_with_machine_names() {
    let json = serde_json::to_value(classify_us(&ryoncil(), ON)).expect("serializes");
    assert_eq!(json["classification"], "section_351_product");
    assert_eq!(json["failed"][0], "us.cfr1271.10.a.1");
    assert_eq!(json["findings"][0]["rule"], "us.cfr1271.3.d");
    assert_eq!(json["product"], "Ryoncil (remestemcel-L-rknd)");
}

#[cfg(feature = "schemars")]
#[test]
fn assessment_has_a_json_schema_that_accepts_its_output() {
    // An output document: its schema describes what serialization produces.
    let generator = schemars::generate::SchemaSettings::default()
        .for_serialize()
        .into_generator();
    let schema =
        serde_json::to_value(generator.into_root_schema_for::<UsAssessment>()).expect("schema");
    let instance = serde_json::to_value(classify_us(&ryoncil(), ON)).expect("serializes");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn classification_codes_round_trip() {
    for c in UsClassification::ALL {
        assert_eq!(c.code().parse::<UsClassification>().ok(), Some(*c));
    }
    assert_eq!(UsClassification::Section361Hctp.code(), "section_361_hctp");
    assert!(
        UsClassification::Section351Product
            .info()
            .consequence
            .contains("IND")
    );
}

#[test]
fn us_rule_ids_cite_their_sections() {
    for (rule, section) in [
        (RuleId::UsIsHctp, "1271.3(d)"),
        (RuleId::UsSameSurgicalProcedure, "1271.15(b)"),
        (RuleId::UsMinimalManipulation, "1271.10(a)(1)"),
        (RuleId::UsHomologousUse, "1271.10(a)(2)"),
        (RuleId::UsNoCombination, "1271.10(a)(3)"),
        (RuleId::UsSystemicEffect, "1271.10(a)(4)"),
    ] {
        assert!(rule.info().citation.contains(section), "{rule}");
        let report = classify_us(&ryoncil(), ON);
        assert_eq!(
            report.finding(rule).map(|f| f.citation()),
            Some(rule.info().citation)
        );
    }
}

// ---- Gaps found by mutation testing (cargo-mutants) ------------------------------------------

fn us_finding(report: &UsAssessment, rule: RuleId) -> &msc_therapy::Finding {
    report
        .finding(rule)
        .unwrap_or_else(|| panic!("the assessment has a {rule} finding"))
}

#[test]
fn memo_names_every_failed_criterion_and_only_when_one_failed() {
    // Ryoncil fails (a)(1), (a)(2) and (a)(4): the memo names all three, in the order of
    // 1271.10(a), separated by semicolons.
    let memo = classify_us(&ryoncil(), ON).to_string();
    let expected = [
        RuleId::UsMinimalManipulation,
        RuleId::UsHomologousUse,
        RuleId::UsSystemicEffect,
    ]
    .iter()
    .map(|r| format!("{r} ({})", r.label()))
    .collect::<Vec<_>>()
    .join("; ");
    assert!(
        memo.contains(&format!("Criteria not met: {expected}\n")),
        "{memo}"
    );
    // A 361 HCT/P meets every criterion: no such line.
    let memo = classify_us(&amniotic_membrane_covering(), ON).to_string();
    assert!(!memo.contains("Criteria not met"), "{memo}");
}

#[test]
fn a_failed_criterion_needs_an_answer_while_an_exclusion_or_exception_is_information() {
    // A failed 1271.10(a) criterion makes the product a 351 product (IND/BLA): a warning.
    let report = classify_us(&ryoncil(), ON);
    let criterion = us_finding(&report, RuleId::UsMinimalManipulation);
    assert_eq!(criterion.outcome, Outcome::NotMet);
    assert_eq!(criterion.severity, msc_therapy::Severity::Warning);
    // The same surgical procedure exception not applying is no defect in itself.
    let exception = us_finding(&report, RuleId::UsSameSurgicalProcedure);
    assert_eq!(exception.outcome, Outcome::NotMet);
    assert_eq!(exception.severity, msc_therapy::Severity::Info);

    // PRP is a blood product, not an HCT/P (1271.3(d)(2)): information, not a problem.
    let mut prp = same_day_bmac_for_knee_oa();
    prp.preparation = Some(CellPreparation::PlateletRichPlasma);
    let report = classify_us(&prp, ON);
    let hctp = us_finding(&report, RuleId::UsIsHctp);
    assert_eq!(hctp.outcome, Outcome::NotMet);
    assert_eq!(hctp.severity, msc_therapy::Severity::Info);
}

#[test]
fn minimal_manipulation_without_a_processing_record_names_it_as_missing() {
    let mut p = fat_graft(Some(true));
    p.processing = None;
    let report = classify_us(&p, ON);
    let finding = us_finding(&report, RuleId::UsMinimalManipulation);
    assert_eq!(finding.outcome, Outcome::Undetermined);
    assert_eq!(finding.missing, vec!["processing.steps"]);

    // An SVF is cells isolated from fat: more than minimal "regardless of the method" (MM/HU
    // guidance Q14, Example 14-1), so the missing step list cannot rescue it.
    let mut svf = svf_for_arthritis();
    svf.processing = None;
    let report = classify_us(&svf, ON);
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
}

#[test]
fn marrow_exclusion_unresolved_without_processing_names_it_once() {
    // 1271.3(d)(4) excludes marrow only when minimally manipulated and not combined: both need
    // the processing record, which is named once.
    let mut p = same_day_bmac_for_knee_oa();
    p.intended_use = Some(use_for(
        &[TissueFunction::Hematopoiesis],
        &[Indication::HematopoieticReconstitution],
    ));
    p.delivery = Some(Delivery {
        route: Route::Intravenous,
        guidance: None,
    });
    p.processing = None;
    let report = classify_us(&p, ON);
    let hctp = us_finding(&report, RuleId::UsIsHctp);
    assert_eq!(hctp.outcome, Outcome::Undetermined);
    assert_eq!(
        hctp.missing,
        vec!["processing.steps", "processing.added_articles"]
    );
    assert_eq!(report.classification, UsClassification::Undetermined);
}

fn dental_pulp_sheet(steps: &[ProcessingStep], data: Option<bool>) -> Product {
    // Dental pulp: FDA's guidance gives it no structural / nonstructural class.
    let mut p = named("Dental pulp tissue");
    p.preparation = Some(CellPreparation::TissueSheet);
    p.tissue = Some(TissueSource::DentalPulp);
    p.donor = Some(Donor::AllogeneicUnrelated);
    p.processing = Some(Processing {
        steps: Some(steps.to_vec()),
        minimal_manipulation_data: data,
        ..Processing::default()
    });
    p
}

#[test]
fn filtering_with_data_is_minimal_whatever_the_tissue_class() {
    // Filtering is minimal for nonstructural tissue and, with data, for structural tissue: both
    // readings agree, so the unknown class does not matter.
    let report = classify_us(
        &dental_pulp_sheet(&[ProcessingStep::Filtering], Some(true)),
        ON,
    );
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::Met
    );
}

#[test]
fn without_data_an_unclassified_tissue_fails_on_the_missing_data() {
    // "If no data show that processing meets the minimal-manipulation definition, FDA considers
    // the processing more than minimal": a step that needs data fails without it, whichever
    // class the tissue has, and the finding points at the missing data.
    for step in [ProcessingStep::Grinding, ProcessingStep::Lyophilization] {
        let report = classify_us(&dental_pulp_sheet(&[step], None), ON);
        let finding = us_finding(&report, RuleId::UsMinimalManipulation);
        assert_eq!(finding.outcome, Outcome::NotMet, "{step}");
        assert_eq!(
            finding.path.as_deref(),
            Some("processing.minimal_manipulation_data"),
            "{step}"
        );
        assert_eq!(
            finding
                .fact_named("processing.steps.without_data")
                .map(|f| &f.value),
            Some(&msc_therapy::finding::FactValue::Codes(
                vec![step.code()].into()
            )),
            "{step}"
        );
        assert!(
            finding
                .fact_named("processing.steps.more_than_minimal")
                .is_none()
        );
    }
    // Culture expansion alters the cells whatever the class (MM/HU Ex 16-1): the step itself
    // is the problem, not missing data.
    let report = classify_us(
        &dental_pulp_sheet(&[ProcessingStep::CultureExpansion], None),
        ON,
    );
    let finding = us_finding(&report, RuleId::UsMinimalManipulation);
    assert_eq!(finding.outcome, Outcome::NotMet);
    assert_eq!(finding.path.as_deref(), Some("processing.steps"));
    assert_eq!(
        finding
            .fact_named("processing.steps.more_than_minimal")
            .map(|f| &f.value),
        Some(&msc_therapy::finding::FactValue::Codes(
            vec!["culture_expansion"].into()
        ))
    );
}

#[test]
fn minimal_manipulation_names_both_the_altering_and_the_unsupported_steps() {
    let mut p = amniotic_membrane_covering();
    if let Some(proc_) = p.processing.as_mut() {
        proc_
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::CultureExpansion);
        proc_
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::Grinding);
        proc_
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::Lyophilization);
    }
    let report = classify_us(&p, ON);
    let finding = us_finding(&report, RuleId::UsMinimalManipulation);
    assert_eq!(finding.outcome, Outcome::NotMet);
    // Grinding amnion is more than minimal by FDA's own example (10-2(b)); lyophilizing a
    // structural tissue depends on data, and none is recorded.
    assert_eq!(
        finding
            .fact_named("processing.steps.more_than_minimal")
            .map(|f| &f.value),
        Some(&msc_therapy::finding::FactValue::Codes(
            vec!["culture_expansion", "grinding"].into()
        ))
    );
    assert_eq!(
        finding
            .fact_named("processing.steps.without_data")
            .map(|f| &f.value),
        Some(&msc_therapy::finding::FactValue::Codes(
            vec!["lyophilization"].into()
        ))
    );
}

#[test]
fn myriad_finding_states_how_many_categories_it_counted() {
    // Knee osteoarthritis, multiple sclerosis and autism: three unrelated families of disease.
    let mut p = amniotic_membrane_covering();
    if let Some(u) = p.intended_use.as_mut() {
        u.indications = Some(vec![
            Indication::KneeOsteoarthritis,
            Indication::MultipleSclerosis,
            Indication::Autism,
        ]);
    }
    let report = classify_us(&p, ON);
    let finding = us_finding(&report, RuleId::UsHomologousUse);
    assert_eq!(finding.outcome, Outcome::NotMet);
    assert_eq!(
        finding
            .fact_named("intended_use.indication_categories")
            .map(|f| &f.value),
        Some(&msc_therapy::finding::FactValue::Number(3.0))
    );
}

#[test]
fn reproductive_use_is_stated_as_a_fact_only_when_claimed() {
    let mut p = amniotic_membrane_covering();
    if let Some(u) = p.intended_use.as_mut() {
        u.depends_on_living_cells = Some(true);
    }
    let report = classify_us(&p, ON);
    let finding = us_finding(&report, RuleId::UsSystemicEffect);
    assert_eq!(finding.outcome, Outcome::NotMet);
    assert!(
        finding
            .fact_named("intended_use.reproductive_use")
            .is_none(),
        "{finding}"
    );

    // 1271.10(a)(4)(ii)(c): reproductive use qualifies, and the finding says why.
    if let Some(u) = p.intended_use.as_mut() {
        u.reproductive_use = Some(true);
    }
    let report = classify_us(&p, ON);
    let finding = us_finding(&report, RuleId::UsSystemicEffect);
    assert_eq!(finding.outcome, Outcome::Met);
    assert_eq!(
        finding
            .fact_named("intended_use.reproductive_use")
            .map(|f| &f.value),
        Some(&msc_therapy::finding::FactValue::Bool(true))
    );
}

#[test]
fn a_local_route_is_not_read_as_a_systemic_effect() {
    // Only an intravenous or intra-arterial route stands in for a systemic effect; an injection
    // into a joint says nothing either way.
    let mut p = amniotic_membrane_covering();
    if let Some(u) = p.intended_use.as_mut() {
        u.systemic_effect = None;
    }
    p.delivery = Some(Delivery {
        route: Route::IntraArticular,
        guidance: None,
    });
    let report = classify_us(&p, ON);
    let finding = us_finding(&report, RuleId::UsSystemicEffect);
    assert_eq!(finding.outcome, Outcome::Undetermined);
    assert!(finding.missing.contains(&"intended_use.systemic_effect"));
}

#[test]
fn living_cells_from_an_unknown_donor_are_undetermined_not_351() {
    // Living cells pass 1271.10(a)(4) for autologous use or a close blood relative: with the
    // donor unknown, the criterion cannot be judged either way.
    let mut p = amniotic_membrane_covering();
    p.donor = None;
    if let Some(u) = p.intended_use.as_mut() {
        u.depends_on_living_cells = Some(true);
    }
    let report = classify_us(&p, ON);
    let finding = us_finding(&report, RuleId::UsSystemicEffect);
    assert_eq!(finding.outcome, Outcome::Undetermined);
    assert!(finding.missing.contains(&"donor"));
    assert!(!report.failed.contains(&RuleId::UsSystemicEffect));
}

// ---- Properties -------------------------------------------------------------------------------

fn arb_option<T: Clone + std::fmt::Debug + 'static>(
    values: &'static [T],
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(prop::sample::select(values))
}

fn arb_vec<T: Clone + std::fmt::Debug + 'static>(
    values: &'static [T],
    max: usize,
) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec(prop::sample::select(values), 0..=max)
}

const BOOLS: &[bool] = &[true, false];

prop_compose! {
    fn arb_processing()(
        steps in arb_vec(ProcessingStep::ALL, 3),
        added_articles in arb_vec(AddedArticle::ALL, 2),
        same_surgical_procedure in arb_option(BOOLS),
        minimal_manipulation_data in arb_option(BOOLS),
    ) -> Processing {
        Processing { steps: Some(steps), added_articles: Some(added_articles), same_surgical_procedure, minimal_manipulation_data, effect_from_recombinant_nucleic_acid: None }
    }
}

prop_compose! {
    fn arb_use()(
        functions in arb_vec(TissueFunction::ALL, 2),
        indications in arb_vec(Indication::ALL, 3),
        systemic_effect in arb_option(BOOLS),
        depends_on_living_cells in arb_option(BOOLS),
        reproductive_use in any::<bool>(),
    ) -> IntendedUse {
        IntendedUse { functions: Some(functions), indications: Some(indications), systemic_effect, depends_on_living_cells, reproductive_use: Some(reproductive_use), site_of_use: None, other_indications: Vec::new() }
    }
}

prop_compose! {
    fn arb_product()(
        preparation in arb_option(CellPreparation::ALL),
        tissue in arb_option(TissueSource::ALL),
        donor in arb_option(Donor::ALL),
        processing in prop::option::of(arb_processing()),
        intended_use in prop::option::of(arb_use()),
        route in arb_option(Route::ALL),
        mechanisms in arb_vec(Mechanism::ALL, 2),
    ) -> Product {
        let mut p = named("generated");
        p.preparation = preparation;
        p.tissue = tissue;
        p.donor = donor;
        p.processing = processing;
        p.intended_use = intended_use;
        p.delivery = route.map(|route| Delivery { route, guidance: None });
        p.mechanisms = Some(mechanisms);
        p
    }
}

/// The same product with one fact removed, chosen by `which`.
fn without_fact(mut p: Product, which: usize) -> Product {
    match which % 12 {
        0 => p.tissue = None,
        1 => p.donor = None,
        2 => p.preparation = None,
        3 => p.processing = None,
        4 => p.intended_use = None,
        5 => p.delivery = None,
        6 => p.mechanisms.get_or_insert_with(Vec::new).clear(),
        7 => {
            if let Some(x) = p.processing.as_mut() {
                x.same_surgical_procedure = None;
            }
        }
        8 => {
            if let Some(x) = p.processing.as_mut() {
                x.minimal_manipulation_data = None;
            }
        }
        9 => {
            if let Some(u) = p.intended_use.as_mut() {
                u.systemic_effect = None;
            }
        }
        10 => {
            if let Some(u) = p.intended_use.as_mut() {
                u.depends_on_living_cells = None;
            }
        }
        _ => {
            if let Some(u) = p.intended_use.as_mut() {
                u.functions.get_or_insert_with(Vec::new).clear();
            }
        }
    }
    p
}

const MORE_THAN_MINIMAL_EVERYWHERE: &[ProcessingStep] = &[
    ProcessingStep::CultureExpansion,
    ProcessingStep::EnzymaticDigestion,
    ProcessingStep::GeneticModification,
    ProcessingStep::ActivationPriming,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn section_361_only_when_every_criterion_is_met(p in arb_product()) {
        let report = classify_us(&p, ON);
        if report.classification == UsClassification::Section361Hctp {
            prop_assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::Met);
            for rule in CRITERIA {
                prop_assert_eq!(report.outcome_of(rule), Outcome::Met);
            }
        }
        if report.classification == UsClassification::Section351Product {
            prop_assert!(!report.failed.is_empty());
        }
        if report.classification == UsClassification::Undetermined {
            // Open for a missing fact, or for a question no fact settles (the same surgical
            // procedure exception after the court decisions: only FDA's Tissue Reference Group
            // or a Request for Designation answers it), which its finding says.
            let open_question = report.findings.iter().any(|f| {
                f.outcome == Outcome::Undetermined
                    && f.missing.is_empty()
                    && f.basis == Basis::CourtDecision
            });
            prop_assert!(!report.missing.is_empty() || open_question);
        }
    }

    #[test]
    fn adding_a_more_than_minimal_step_never_moves_towards_361(
        p in arb_product(),
        step in prop::sample::select(MORE_THAN_MINIMAL_EVERYWHERE),
    ) {
        let before = classify_us(&p, ON).classification;
        let mut q = p.clone();
        q.processing.get_or_insert_with(Processing::default).steps.get_or_insert_with(Vec::new).push(step);
        let after = classify_us(&q, ON).classification;
        prop_assert_ne!(after, UsClassification::Section361Hctp);
        prop_assert_ne!(after, UsClassification::ExceptedSameSurgicalProcedure);
        if before == UsClassification::Section351Product {
            prop_assert_eq!(after, UsClassification::Section351Product);
        }
        if before != UsClassification::NotAnHctp {
            prop_assert_ne!(after, UsClassification::NotAnHctp);
        }
    }

    #[test]
    fn adding_a_non_homologous_claim_never_moves_towards_361(
        p in arb_product(),
        myriad in any::<bool>(),
    ) {
        let before = classify_us(&p, ON).classification;
        let mut q = p.clone();
        let u = q.intended_use.get_or_insert_with(IntendedUse::default);
        if myriad {
            u.indications.get_or_insert_with(Vec::new).extend([Indication::KneeOsteoarthritis, Indication::MultipleSclerosis, Indication::Autism]);
        } else {
            // No source tissue performs "general regeneration" in the donor.
            u.functions.get_or_insert_with(Vec::new).push(TissueFunction::GeneralRegeneration);
        }
        let after = classify_us(&q, ON).classification;
        prop_assert_ne!(after, UsClassification::Section361Hctp);
        if before == UsClassification::Section351Product {
            prop_assert_eq!(after, UsClassification::Section351Product);
        }
    }

    #[test]
    fn removing_a_fact_never_turns_a_product_into_361(p in arb_product(), which in 0usize..12) {
        let before = classify_us(&p, ON).classification;
        let after = classify_us(&without_fact(p, which), ON).classification;
        if after == UsClassification::Section361Hctp {
            // Only a 361 product, or one excepted whose exception can no longer be shown.
            prop_assert!(matches!(
                before,
                UsClassification::Section361Hctp | UsClassification::ExceptedSameSurgicalProcedure
            ));
        }
        if after == UsClassification::ExceptedSameSurgicalProcedure {
            prop_assert_eq!(before, UsClassification::ExceptedSameSurgicalProcedure);
        }
        if before == UsClassification::Undetermined {
            prop_assert_ne!(after, UsClassification::Section361Hctp);
            prop_assert_ne!(after, UsClassification::ExceptedSameSurgicalProcedure);
        }
    }
}

#[test]
fn once_a_criterion_fails_the_other_criteria_gaps_are_not_missing_facts() {
    // Donor fat injected into a knee for arthritis: not homologous (MM/HU Example 19-6(b)).
    // The preparation is not stated, so the product might be a cell-free or blood product and
    // not an HCT/P at all: that is the one fact that can still change the answer. What was
    // added to the cells is not stated either, but with homologous use failed it cannot turn
    // the product into a 361 HCT/P, so it is not listed.
    let mut p = named("Donor fat for the knee");
    p.tissue = Some(TissueSource::AdiposeTissue);
    p.donor = Some(Donor::AllogeneicUnrelated);
    p.processing = Some(Processing {
        steps: Some(vec![ProcessingStep::Rinsing]),
        ..Processing::default()
    });
    p.intended_use = Some(use_for(
        &[TissueFunction::Cushioning],
        &[Indication::KneeOsteoarthritis],
    ));
    p.delivery = Some(Delivery {
        route: Route::IntraArticular,
        guidance: None,
    });
    let report = classify_us(&p, ON);
    assert_eq!(report.classification, UsClassification::Undetermined);
    assert!(report.failed.contains(&RuleId::UsHomologousUse));
    assert_eq!(
        report.outcome_of(RuleId::UsNoCombination),
        Outcome::Undetermined
    );
    assert_eq!(report.missing, vec!["preparation"]);
}

#[test]
fn same_day_marrow_whose_use_is_unknown_is_outside_part_1271_either_way() {
    // Minimally manipulated marrow for homologous use is not an HCT/P (1271.3(d)(4)); for any
    // other use it is an HCT/P, here put back in the same surgical procedure (1271.15(b)). With
    // the use unknown, both answers keep Part 1271 out: the crate answers with the exception,
    // and still shows the HCT/P question as open. That holds only while the exception is met:
    // aspirate put back as drawn, with no step between (FDA SSP guidance, Nov 2017).
    // Given into a vein, where infused blood-forming cells can rebuild blood formation (MM/HU
    // Example 19-1(a)), so the site alone does not settle homologous use.
    let mut p = same_day_bmac_for_knee_oa();
    p.preparation = Some(CellPreparation::BoneMarrowAspirate);
    p.processing = Some(processing(&[], Some(true)));
    p.intended_use = None;
    p.delivery = Some(Delivery {
        route: Route::Intravenous,
        guidance: None,
    });
    let report = classify_us(&p, ON);
    assert_eq!(
        report.classification,
        UsClassification::ExceptedSameSurgicalProcedure
    );
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::Undetermined);
    // Concentrated in a centrifuge, the exception is open (9th Cir. 2024), and so is the
    // outcome: it does not settle what the sources leave open.
    let mut concentrate = p.clone();
    concentrate.preparation = Some(CellPreparation::BoneMarrowConcentrate);
    concentrate.processing = Some(processing(&[ProcessingStep::Centrifugation], Some(true)));
    let report = classify_us(&concentrate, ON);
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::Undetermined
    );
    assert_eq!(report.classification, UsClassification::Undetermined);
    // Not when the exception itself is open.
    if let Some(proc_) = p.processing.as_mut() {
        proc_.same_surgical_procedure = None;
    }
    assert_eq!(
        classify_us(&p, ON).classification,
        UsClassification::Undetermined
    );
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
