//! The vocabulary: for every enum, the machine name is the same in JSON, `Display`, `FromStr`,
//! `IntoStaticStr`, `AsRef<str>` and `code()`; labels are there and distinct; the table is
//! complete. Then the domain facts the tables carry, checked against the references
//! (21 CFR 1271 and FDA's MM/HU guidance, USP <85>, Dominici et al. 2006, Annex I of
//! Regulation (EC) 1394/2007, UBERON, Cell Ontology, SNOMED CT and EDQM route codes).

use msc_therapy::document::UnknownCode;
use msc_therapy::finding::FactRole;
use msc_therapy::vocab::{
    AddedArticle, CellPreparation, Donor, FdaTissueClass, ImageGuidance, Indication,
    IndicationCategory, ManipulationLevel, MarkerExpectation, Mechanism, MscDesignation,
    ProcessingStep, ProductState, Route, SecretedFactor, SupplyModel, SurfaceMarker, TestOutcome,
    TissueFunction, TissueSource, ViabilityMethod, ViabilityTiming,
};
use msc_therapy::{Outcome, RuleId, Severity};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::fmt::{Debug, Display};
use std::str::FromStr;

// ---------------------------------------------------------------------------------------------
// Names: one generic check, run for every enum by a macro
// ---------------------------------------------------------------------------------------------

/// The characters a machine name may use: snake_case, plus `.` for the dotted rule ids.
fn is_machine_name(code: &str, dots_allowed: bool) -> bool {
    !code.is_empty()
        && code.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || (dots_allowed && b == b'.')
        })
        && !code.starts_with(['_', '.'])
        && !code.ends_with(['_', '.'])
        && !code.contains("__")
        && !code.contains("..")
}

fn check_names<E>(
    all: &[E],
    iterated: Vec<E>,
    count: usize,
    code: fn(E) -> &'static str,
    label: fn(E) -> &'static str,
    dots_allowed: bool,
) where
    E: Copy
        + Eq
        + Debug
        + Display
        + FromStr
        + Serialize
        + DeserializeOwned
        + Into<&'static str>
        + AsRef<str>,
    E: FromStr<Err = UnknownCode> + for<'a> TryFrom<&'a str, Error = UnknownCode>,
{
    assert_eq!(
        iterated, all,
        "ALL lists every variant, in declaration order"
    );
    assert_eq!(all.len(), count, "ALL.len() == COUNT");

    let mut codes = BTreeSet::new();
    let mut labels = BTreeSet::new();
    for &v in all {
        let c = code(v);
        assert!(
            is_machine_name(c, dots_allowed),
            "{v:?}: machine name {c:?}"
        );
        assert!(codes.insert(c), "{v:?}: machine name {c:?} used twice");

        assert_eq!(v.to_string(), c, "{v:?}: Display");
        let static_str: &'static str = v.into();
        assert_eq!(static_str, c, "{v:?}: IntoStaticStr");
        assert_eq!(v.as_ref(), c, "{v:?}: AsRef<str>");
        assert_eq!(c.parse::<E>().ok(), Some(v), "{v:?}: FromStr");
        assert_eq!(
            serde_json::to_value(v).expect("serializes"),
            serde_json::Value::String(c.to_owned()),
            "{v:?}: serde name"
        );
        let back: E = serde_json::from_value(serde_json::Value::String(c.to_owned()))
            .expect("deserializes its own name");
        assert_eq!(back, v, "{v:?}: serde round trip");

        // Names are exact: upper case is another name, for strum and serde alike.
        let upper = c.to_ascii_uppercase();
        assert!(
            upper.parse::<E>().is_err(),
            "{v:?}: FromStr is case-sensitive"
        );
        assert!(
            serde_json::from_value::<E>(serde_json::Value::String(upper)).is_err(),
            "{v:?}: serde is case-sensitive"
        );

        let l = label(v);
        assert!(!l.trim().is_empty(), "{v:?}: label");
        assert_eq!(l, l.trim(), "{v:?}: label has no outer white space");
        assert!(labels.insert(l), "{v:?}: label {l:?} used twice");
    }
    // The error names the input and lists every code, in table order.
    let err = "not_a_name".parse::<E>().expect_err("not a code");
    assert_eq!(err.input(), "not_a_name");
    let listed: Vec<&str> = all.iter().map(|&v| code(v)).collect();
    assert_eq!(err.allowed(), listed.as_slice());
    assert!(err.to_string().contains(" `not_a_name`, expected one of `"));
    assert_eq!(E::try_from("not_a_name").err(), Some(err));
    assert!(serde_json::from_str::<E>("\"not_a_name\"").is_err());
}

#[test]
fn parse_error_names_the_input_and_every_allowed_code() {
    let err = "frozen".parse::<ProductState>().expect_err("not a code");
    assert_eq!(
        err.to_string(),
        "unknown product state `frozen`, expected one of `fresh`, `cryopreserved`"
    );
    assert_eq!(err.vocabulary(), "ProductState");
    let err = "bone_marow".parse::<Donor>().expect_err("not a donor");
    assert_eq!(
        err.to_string(),
        "unknown donor `bone_marow`, expected one of `autologous`, \
         `allogeneic_first_degree_relative`, `allogeneic_second_degree_relative`, \
         `allogeneic_unrelated`, `allogeneic`, `xenogeneic`"
    );
    // A long input is cut to a short prefix.
    let long = "x".repeat(500);
    let err = long.parse::<ProductState>().expect_err("long");
    assert_eq!(err.input(), long);
    assert_eq!(
        err.to_string(),
        format!(
            "unknown product state `{}…`, expected one of `fresh`, `cryopreserved`",
            "x".repeat(32)
        )
    );
    // An acronym stays one word.
    let err = "x".parse::<RuleId>().expect_err("not a rule");
    assert!(err.to_string().starts_with("unknown rule id `x`"), "{err}");
}

macro_rules! names_agree {
    ($($test:ident: $ty:ty $(, dots $dots:literal)?;)+) => {
        $(
            #[test]
            fn $test() {
                #[allow(unused_mut, unused_assignments)]
                let mut dots = false;
                $(dots = $dots;)?
                // The inherent `iter()` and `COUNT`: no strum in the caller's dependencies.
                check_names::<$ty>(<$ty>::ALL, <$ty>::iter().collect(), <$ty>::COUNT, <$ty>::code, <$ty>::label, dots);
            }
        )+
    };
}

names_agree! {
    names_tissue_source: TissueSource;
    names_fda_tissue_class: FdaTissueClass;
    names_tissue_function: TissueFunction;
    names_donor: Donor;
    names_supply_model: SupplyModel;
    names_manipulation_level: ManipulationLevel;
    names_processing_step: ProcessingStep;
    names_added_article: AddedArticle;
    names_cell_preparation: CellPreparation;
    names_route: Route;
    names_image_guidance: ImageGuidance;
    names_mechanism: Mechanism;
    names_secreted_factor: SecretedFactor;
    names_msc_designation: MscDesignation;
    names_indication_category: IndicationCategory;
    names_indication: Indication;
    names_marker_expectation: MarkerExpectation;
    names_surface_marker: SurfaceMarker;
    names_test_outcome: TestOutcome;
    names_product_state: ProductState;
    names_viability_timing: ViabilityTiming;
    names_viability_method: ViabilityMethod;
    names_outcome: Outcome;
    names_severity: Severity;
    names_fact_role: FactRole;
    names_rule_id: RuleId, dots true;
}

#[test]
fn machine_name_check_rejects_what_it_should() {
    assert!(is_machine_name("bone_marrow", false));
    assert!(is_machine_name("us.cfr1271.10.a.1", true));
    for bad in [
        "",
        "Bone_marrow",
        "bone-marrow",
        "bone marrow",
        "_x",
        "x_",
        "a__b",
        "a.b",
    ] {
        assert!(!is_machine_name(bad, false), "{bad:?}");
    }
    for bad in [".a", "a.", "a..b", "a-b"] {
        assert!(!is_machine_name(bad, true), "{bad:?}");
    }
}

#[test]
fn labels_for_people_differ_from_machine_names_where_punctuation_matters() {
    assert_eq!(TissueSource::WhartonsJelly.code(), "whartons_jelly");
    assert_eq!(TissueSource::WhartonsJelly.label(), "Wharton's jelly");
    assert_eq!(SurfaceMarker::HlaDr.label(), "HLA-DR");
    assert_eq!(SecretedFactor::Igf1.label(), "IGF-1");
}

// ---------------------------------------------------------------------------------------------
// Tissues (21 CFR 1271.3; FDA MM/HU guidance, 2017 rev. 2020)
// ---------------------------------------------------------------------------------------------

#[test]
fn structural_tissues_follow_the_mmhu_guidance() {
    // "Amniotic membrane and umbilical cord" and adipose tissue are named structural tissues;
    // cells isolated from them are judged as structural (Q14).
    for tissue in [
        TissueSource::AdiposeTissue,
        TissueSource::UmbilicalCordTissue,
        TissueSource::WhartonsJelly,
        TissueSource::AmnioticMembrane,
    ] {
        assert_eq!(
            tissue.info().fda_class,
            Some(FdaTissueClass::Structural),
            "{tissue}"
        );
    }
}

#[test]
fn bone_marrow_and_cord_blood_are_nonstructural() {
    for tissue in [TissueSource::BoneMarrow, TissueSource::UmbilicalCordBlood] {
        assert_eq!(
            tissue.info().fda_class,
            Some(FdaTissueClass::CellsOrNonstructural),
            "{tissue}"
        );
        assert!(
            tissue
                .info()
                .basic_functions
                .contains(&TissueFunction::Hematopoiesis),
            "{tissue}: hematopoietic"
        );
    }
}

#[test]
fn amniotic_fluid_is_the_one_secreted_fluid_and_its_cells_are_nonstructural() {
    let secreted: Vec<TissueSource> = TissueSource::iter()
        .filter(|t| t.info().secreted_fluid)
        .collect();
    assert_eq!(secreted, [TissueSource::AmnioticFluid]);
    assert_eq!(
        TissueSource::AmnioticFluid.info().fda_class,
        Some(FdaTissueClass::CellsOrNonstructural)
    );
}

#[test]
fn adipose_tissue_cushions_and_supports() {
    let functions = TissueSource::AdiposeTissue.info().basic_functions;
    assert!(functions.contains(&TissueFunction::Cushioning));
    assert!(functions.contains(&TissueFunction::Support));
}

#[test]
fn amniotic_membrane_covers_and_is_a_barrier_but_does_not_modulate_immunity() {
    let functions = TissueSource::AmnioticMembrane.info().basic_functions;
    assert!(functions.contains(&TissueFunction::Covering));
    assert!(functions.contains(&TissueFunction::Barrier));
    assert!(!functions.contains(&TissueFunction::Immunomodulation));
}

#[test]
fn therapeutic_aims_are_no_tissue_s_basic_function() {
    for aim in [
        TissueFunction::MusculoskeletalRepair,
        TissueFunction::Immunomodulation,
        TissueFunction::WoundHealing,
        TissueFunction::Angiogenesis,
        TissueFunction::NeuralRepair,
        TissueFunction::CardiacRepair,
        TissueFunction::GeneralRegeneration,
    ] {
        for tissue in TissueSource::iter() {
            assert!(
                !tissue.info().basic_functions.contains(&aim),
                "{tissue}: {aim}"
            );
        }
    }
}

#[test]
fn perinatal_tissues_are_the_birth_tissues() {
    let perinatal: BTreeSet<TissueSource> = TissueSource::iter()
        .filter(|t| t.info().perinatal)
        .collect();
    let expected: BTreeSet<TissueSource> = [
        TissueSource::UmbilicalCordTissue,
        TissueSource::WhartonsJelly,
        TissueSource::UmbilicalCordBlood,
        TissueSource::Placenta,
        TissueSource::AmnioticMembrane,
        TissueSource::ChorionicMembrane,
        TissueSource::AmnioticFluid,
    ]
    .into();
    assert_eq!(perinatal, expected);
}

#[test]
fn tissues_fda_does_not_classify_have_no_class() {
    for tissue in [
        TissueSource::DentalPulp,
        TissueSource::SynovialMembrane,
        TissueSource::Endometrium,
    ] {
        assert_eq!(tissue.info().fda_class, None, "{tissue}");
    }
}

#[test]
fn tissue_codes_match_uberon_and_cell_ontology() {
    // UBERON and CL ids from the ontology releases (reference: quality-and-codes.md 4.1, 4.2).
    let expected: &[(TissueSource, &str, Option<&str>)] = &[
        (
            TissueSource::BoneMarrow,
            "UBERON:0002371",
            Some("CL:0002540"),
        ),
        (
            TissueSource::AdiposeTissue,
            "UBERON:0001013",
            Some("CL:0002570"),
        ),
        (
            TissueSource::UmbilicalCordTissue,
            "UBERON:0002331",
            Some("CL:0002569"),
        ),
        (
            TissueSource::WhartonsJelly,
            "UBERON:0003422",
            Some("CL:0002568"),
        ),
        (TissueSource::UmbilicalCordBlood, "UBERON:0012168", None),
        (TissueSource::Placenta, "UBERON:0001987", Some("CL:2000061")),
        (
            TissueSource::AmnioticMembrane,
            "UBERON:0000305",
            Some("CL:0002537"),
        ),
        (
            TissueSource::ChorionicMembrane,
            "UBERON:0003124",
            Some("CL:0002541"),
        ),
        (TissueSource::AmnioticFluid, "UBERON:0000173", None),
        (
            TissueSource::DentalPulp,
            "UBERON:0001754",
            Some("CL:4030035"),
        ),
        // No CL term exists for synovial or endometrial MSCs.
        (TissueSource::SynovialMembrane, "UBERON:0002018", None),
        (TissueSource::Endometrium, "UBERON:0001295", None),
    ];
    assert_eq!(expected.len(), TissueSource::COUNT);
    for &(tissue, uberon, cl) in expected {
        assert_eq!(tissue.info().uberon, uberon, "{tissue}");
        assert_eq!(tissue.info().cell_ontology, cl, "{tissue}");
    }
}

#[test]
fn iccbba_isct_abbreviations() {
    // Viswanathan et al., Cytotherapy 2021;23(12):1060-1063.
    assert_eq!(
        TissueSource::BoneMarrow.info().isbt_abbreviation,
        Some("MSC(M)")
    );
    assert_eq!(
        TissueSource::UmbilicalCordBlood.info().isbt_abbreviation,
        Some("MSC(CB)")
    );
    assert_eq!(
        TissueSource::AdiposeTissue.info().isbt_abbreviation,
        Some("MSC(AT)")
    );
    assert_eq!(
        TissueSource::WhartonsJelly.info().isbt_abbreviation,
        Some("MSC(WJ)")
    );
}

#[test]
fn donors() {
    let autologous: Vec<Donor> = Donor::iter().filter(|d| d.is_autologous()).collect();
    assert_eq!(autologous, [Donor::Autologous]);
    let relatives: Vec<Donor> = Donor::iter().filter(|d| d.is_blood_relative()).collect();
    assert_eq!(
        relatives,
        [
            Donor::AllogeneicFirstDegreeRelative,
            Donor::AllogeneicSecondDegreeRelative
        ]
    );
    assert!(Donor::AllogeneicUnrelated.is_allogeneic());
    // Animal cells are not HCT/Ps (1271.3(d)(6)) and not allogeneic.
    assert!(!Donor::Xenogeneic.is_allogeneic());
    assert!(!Donor::Xenogeneic.is_autologous());
}

// ---------------------------------------------------------------------------------------------
// Processing (MM/HU guidance; SSP guidance; Annex I of Regulation (EC) 1394/2007)
// ---------------------------------------------------------------------------------------------

#[test]
fn culture_expansion_and_enzymatic_digestion_are_more_than_minimal_and_leave_the_ssp_exception() {
    for step in [
        ProcessingStep::CultureExpansion,
        ProcessingStep::EnzymaticDigestion,
    ] {
        for class in FdaTissueClass::iter() {
            assert_eq!(
                step.level_for(class),
                ManipulationLevel::MoreThanMinimal,
                "{step} on {class}"
            );
        }
        assert!(!step.info().keeps_same_surgical_procedure, "{step}");
        assert!(!step.info().eu_annex_i, "{step} is substantial in the EU");
    }
}

#[test]
fn rinsing_is_minimal_and_keeps_the_ssp_exception() {
    let rinsing = ProcessingStep::Rinsing;
    assert!(rinsing.info().keeps_same_surgical_procedure);
    for class in FdaTissueClass::iter() {
        assert_eq!(rinsing.level_for(class), ManipulationLevel::Minimal);
    }
}

#[test]
fn steps_that_keep_the_ssp_exception_are_minimal_everywhere() {
    // "Such HCT/P": only steps such as rinsing, cleansing, sizing and shaping in between.
    for step in ProcessingStep::iter().filter(|s| s.info().keeps_same_surgical_procedure) {
        for class in FdaTissueClass::iter() {
            assert_eq!(
                step.level_for(class),
                ManipulationLevel::Minimal,
                "{step} on {class}"
            );
        }
    }
}

#[test]
fn level_for_reads_the_row_for_the_class() {
    // Density-gradient separation of structural tissue is more than minimal; of marrow, minimal.
    let step = ProcessingStep::DensityGradientSeparation;
    assert_eq!(
        step.level_for(FdaTissueClass::Structural),
        step.info().on_structural
    );
    assert_eq!(
        step.level_for(FdaTissueClass::CellsOrNonstructural),
        step.info().on_nonstructural
    );
    assert_ne!(step.info().on_structural, step.info().on_nonstructural);
}

#[test]
fn an_unclassified_step_is_never_assumed_minimal() {
    let step = ProcessingStep::Unclassified;
    for class in FdaTissueClass::iter() {
        assert_ne!(step.level_for(class), ManipulationLevel::Minimal);
    }
    assert!(!step.info().keeps_same_surgical_procedure);
    assert!(!step.info().eu_annex_i);
}

#[test]
fn eu_annex_i_flags_exactly_the_steps_listed_in_annex_i() {
    // Annex I of Regulation (EC) 1394/2007: cutting, grinding, shaping, centrifugation, soaking
    // in antibiotic or antimicrobial solutions, sterilization, irradiation, cell separation,
    // concentration or purification, filtering, lyophilization, freezing, cryopreservation,
    // vitrification. Of the crate's steps these are:
    let annex_i: BTreeSet<ProcessingStep> = [
        ProcessingStep::Cutting,                   // 1. cutting
        ProcessingStep::Grinding,                  // 2. grinding
        ProcessingStep::SizingShaping,             // 3. shaping
        ProcessingStep::Centrifugation,            // 4. centrifugation
        ProcessingStep::Sterilization,             // 6. sterilization, 7. irradiation
        ProcessingStep::DensityGradientSeparation, // 8. cell separation
        ProcessingStep::CellIsolation, // 8. cell separation, concentration, purification
        ProcessingStep::Filtering,     // 9. filtering
        ProcessingStep::Lyophilization, // 10. lyophilization
        ProcessingStep::Cryopreservation, // 11-12. freezing, cryopreservation
    ]
    .into();
    let flagged: BTreeSet<ProcessingStep> = ProcessingStep::iter()
        .filter(|s| s.info().eu_annex_i)
        .collect();
    assert_eq!(flagged, annex_i);
    // Explicitly not on the list: culture, enzymatic digestion, activation, genetic modification.
    for step in [
        ProcessingStep::CultureExpansion,
        ProcessingStep::EnzymaticDigestion,
        ProcessingStep::ActivationPriming,
        ProcessingStep::GeneticModification,
    ] {
        assert!(!annex_i.contains(&step));
    }
}

#[test]
fn articles_allowed_by_1271_10_a_3() {
    // "water, crystalloids, or a sterilizing, preserving, or storage agent".
    let allowed: BTreeSet<AddedArticle> = AddedArticle::iter()
        .filter(|a| a.info().allowed_by_1271_10_a_3)
        .collect();
    let expected: BTreeSet<AddedArticle> = [
        AddedArticle::Water,
        AddedArticle::Crystalloid,
        AddedArticle::SterilizingAgent,
        AddedArticle::PreservingAgent,
        AddedArticle::StorageAgent,
        // Anticoagulant-preservative solutions (ACD-A) keep an aspirate as it was until it is
        // processed: the crate reads them as "preserving or storage agents" (documented on the row).
        AddedArticle::Anticoagulant,
    ]
    .into();
    assert_eq!(allowed, expected);
    // Articles that add something meant to act, or a structure, are never allowed.
    for other in [
        AddedArticle::HyaluronicAcid,
        AddedArticle::Scaffold,
        AddedArticle::Drug,
        AddedArticle::FibrinGlue,
        AddedArticle::PlateletProduct,
        AddedArticle::Device,
    ] {
        assert!(!other.info().allowed_by_1271_10_a_3, "{other}");
    }
}

#[test]
fn preparations() {
    let cultured: Vec<CellPreparation> = CellPreparation::iter()
        .filter(|p| p.info().culture_expanded)
        .collect();
    assert_eq!(
        cultured,
        [
            CellPreparation::CultureExpandedMsc,
            CellPreparation::CulturedCells
        ]
    );
    for cell_free in [
        CellPreparation::ExtracellularVesicles,
        CellPreparation::ConditionedMedium,
    ] {
        assert!(!cell_free.info().live_cells, "{cell_free}");
    }
    assert!(CellPreparation::BoneMarrowConcentrate.info().live_cells);
}

// ---------------------------------------------------------------------------------------------
// Routes (USP <85>; FDA enforcement priorities; SNOMED CT / EDQM)
// ---------------------------------------------------------------------------------------------

#[test]
fn endotoxin_constant_k_follows_usp_85() {
    // K is 0.2 EU/kg intrathecally and 5 EU/kg for any other parenteral route.
    assert_eq!(Route::Intrathecal.info().endotoxin_k_eu_per_kg, Some(0.2));
    assert_eq!(Route::Intravenous.info().endotoxin_k_eu_per_kg, Some(5.0));
    for route in Route::iter() {
        match route.info().endotoxin_k_eu_per_kg {
            Some(k) if route == Route::Intrathecal => assert_eq!(k, 0.2),
            Some(k) => assert_eq!(k, 5.0, "{route}"),
            None => assert!(
                matches!(route, Route::Inhalation | Route::Topical),
                "{route} is parenteral"
            ),
        }
    }
}

#[test]
fn fda_higher_risk_routes_are_those_fda_named() {
    // IV, aerosol inhalation, intraocular, and injection or infusion into the central nervous
    // system (MM/HU guidance, section V), over intradermal, subcutaneous or intra-articular use.
    let higher: BTreeSet<Route> = Route::iter().filter(|r| r.info().fda_higher_risk).collect();
    let expected: BTreeSet<Route> = [
        Route::Intravenous,
        Route::Inhalation,
        Route::Intraocular,
        Route::Intrathecal,
        Route::Intracerebral,
    ]
    .into();
    assert_eq!(higher, expected);
}

#[test]
fn systemic_and_orthopaedic_routes() {
    let systemic: BTreeSet<Route> = Route::iter().filter(|r| r.info().systemic).collect();
    assert_eq!(systemic, [Route::Intravenous, Route::IntraArterial].into());
    let orthopaedic: BTreeSet<Route> = Route::iter().filter(|r| r.info().orthopaedic).collect();
    assert_eq!(
        orthopaedic,
        [
            Route::IntraArticular,
            Route::Periarticular,
            Route::Intradiscal,
            Route::Intraosseous
        ]
        .into()
    );
}

#[test]
fn route_codes_match_snomed_ct_and_edqm() {
    // Reference: quality-and-codes.md 4.3 (FHIR route-codes value set; EDQM Standard Terms).
    let expected: &[(Route, Option<&str>, Option<&str>)] = &[
        (Route::Intravenous, Some("47625008"), Some("20045000")),
        (Route::IntraArterial, Some("58100008"), Some("20023000")),
        (Route::IntraArticular, Some("12130007"), Some("20024000")),
        (Route::Periarticular, Some("372474001"), Some("20057000")),
        (Route::Intradiscal, Some("372465003"), Some("20031000")),
        (Route::Intraosseous, Some("417255000"), Some("20036500")),
        (Route::Intralesional, Some("372466002"), Some("20032000")),
        (Route::Intramuscular, Some("78421000"), Some("20035000")),
        (Route::Intrathecal, Some("72607000"), Some("20042000")),
        (Route::Intracoronary, Some("372463005"), Some("20029000")),
        // No intramyocardial term: transendocardial is the SNOMED proxy, EDQM has none.
        (Route::Intramyocardial, Some("446435000"), None),
        (Route::Subcutaneous, Some("34206005"), Some("20066000")),
        (Route::Intradermal, Some("372464004"), Some("20030000")),
        // EDQM has no "topical" term.
        (Route::Topical, Some("6064005"), None),
    ];
    for &(route, snomed, edqm) in expected {
        assert_eq!(route.info().snomed_ct, snomed, "{route} SNOMED CT");
        assert_eq!(route.info().edqm, edqm, "{route} EDQM");
    }
}

#[test]
fn only_landmark_guidance_is_blind() {
    let blind: Vec<ImageGuidance> = ImageGuidance::iter().filter(|g| !g.is_imaging()).collect();
    assert_eq!(blind, [ImageGuidance::Landmark]);
}

// ---------------------------------------------------------------------------------------------
// Identity markers (Dominici et al., Cytotherapy 2006;8(4):315-317)
// ---------------------------------------------------------------------------------------------

fn markers_with(expectation: MarkerExpectation) -> BTreeSet<SurfaceMarker> {
    SurfaceMarker::iter()
        .filter(|m| m.info().expectation == expectation)
        .collect()
}

#[test]
fn isct_positive_and_negative_markers() {
    assert_eq!(
        markers_with(MarkerExpectation::Positive),
        [
            SurfaceMarker::Cd73,
            SurfaceMarker::Cd90,
            SurfaceMarker::Cd105
        ]
        .into()
    );
    assert_eq!(
        markers_with(MarkerExpectation::Negative),
        [
            SurfaceMarker::Cd45,
            SurfaceMarker::Cd34,
            SurfaceMarker::Cd14,
            SurfaceMarker::Cd11b,
            SurfaceMarker::Cd79a,
            SurfaceMarker::Cd19,
            SurfaceMarker::HlaDr,
        ]
        .into()
    );
}

#[test]
fn cd14_cd11b_and_cd79a_cd19_are_mutual_alternatives() {
    for (a, b) in [
        (SurfaceMarker::Cd14, SurfaceMarker::Cd11b),
        (SurfaceMarker::Cd79a, SurfaceMarker::Cd19),
    ] {
        assert_eq!(a.info().alternative, Some(b));
        assert_eq!(b.info().alternative, Some(a));
    }
    // No other marker has an alternative, and alternatives are always symmetric negatives.
    let with_alternative: BTreeSet<SurfaceMarker> = SurfaceMarker::iter()
        .filter(|m| m.info().alternative.is_some())
        .collect();
    assert_eq!(with_alternative.len(), 4);
    for m in with_alternative {
        assert_eq!(m.info().expectation, MarkerExpectation::Negative);
    }
}

#[test]
fn marker_genes_are_hgnc_symbols() {
    assert_eq!(SurfaceMarker::Cd73.info().gene, "NT5E");
    assert_eq!(SurfaceMarker::Cd90.info().gene, "THY1");
    assert_eq!(SurfaceMarker::Cd105.info().gene, "ENG");
    assert_eq!(SurfaceMarker::Cd45.info().gene, "PTPRC");
}

// ---------------------------------------------------------------------------------------------
// Mechanisms, indications, findings
// ---------------------------------------------------------------------------------------------

#[test]
fn differentiation_is_the_one_unsupported_mechanism() {
    let unsupported: Vec<Mechanism> = Mechanism::iter().filter(|m| !m.info().supported).collect();
    assert_eq!(unsupported, [Mechanism::DifferentiationEngraftment]);
    for m in Mechanism::iter() {
        assert!(!m.info().citation.is_empty(), "{m}");
    }
}

#[test]
fn secretome_includes_the_four_growth_factors_of_the_source_text() {
    // VEGF, HGF, IGF-1, TGF-beta.
    let genes: BTreeSet<&str> = SecretedFactor::iter().map(|f| f.info().gene).collect();
    for gene in ["VEGFA", "HGF", "IGF1", "TGFB1"] {
        assert!(genes.contains(gene), "{gene}");
    }
}

#[test]
fn indication_codes_match_the_reference() {
    // MONDO and ICD-10-CM from quality-and-codes.md 4.4.
    let expected: &[(Indication, Option<&str>, Option<&str>)] = &[
        (
            Indication::KneeOsteoarthritis,
            Some("MONDO:0005416"),
            Some("M17"),
        ),
        (
            Indication::RheumatoidArthritis,
            Some("MONDO:0008383"),
            Some("M06.9"),
        ),
        (
            Indication::CrohnsDisease,
            Some("MONDO:0005011"),
            Some("K50.90"),
        ),
        (
            Indication::PerianalFistula,
            Some("MONDO:0005537"),
            Some("K60.3"),
        ),
        (
            Indication::GraftVersusHostDisease,
            Some("MONDO:0013730"),
            Some("D89.81"),
        ),
        (Indication::SpinalCordInjury, Some("MONDO:0043797"), None),
        (
            Indication::HeartFailure,
            Some("MONDO:0005252"),
            Some("I50.9"),
        ),
        (Indication::Copd, Some("MONDO:0005002"), Some("J44.9")),
        (Indication::Lupus, Some("MONDO:0007915"), Some("M32.9")),
        (
            Indication::MultipleSclerosis,
            Some("MONDO:0005301"),
            Some("G35"),
        ),
        (Indication::DiabeticWound, None, Some("E11.621")),
        (Indication::Ards, Some("MONDO:0006502"), Some("J80")),
        (Indication::AclTear, None, Some("S83.51")),
        (Indication::Als, Some("MONDO:0004976"), Some("G12.21")),
        (
            Indication::CriticalLimbIschemia,
            Some("MONDO:0000491"),
            Some("I70.22"),
        ),
    ];
    for &(indication, mondo, icd) in expected {
        assert_eq!(indication.info().mondo, mondo, "{indication} MONDO");
        assert_eq!(indication.info().icd10cm, icd, "{indication} ICD-10-CM");
    }
    for indication in Indication::iter() {
        if let Some(mondo) = indication.info().mondo {
            let digits = mondo.strip_prefix("MONDO:").expect("MONDO: prefix");
            assert_eq!(digits.len(), 7, "{indication}");
            assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{indication}");
        }
    }
}

#[test]
fn every_indication_category_is_used() {
    let used: BTreeSet<IndicationCategory> =
        Indication::iter().map(|i| i.info().category).collect();
    assert_eq!(used.len(), IndicationCategory::COUNT);
}

#[test]
fn severity_orders_from_most_to_least_serious() {
    assert!(Severity::Blocking < Severity::Warning);
    assert!(Severity::Warning < Severity::Info);
    assert_eq!(Severity::iter().min(), Some(Severity::Blocking));
}

#[test]
fn rule_table_rows_are_complete() {
    for rule in RuleId::iter() {
        let info = rule.info();
        assert!(!info.summary.trim().is_empty(), "{rule}: summary");
        assert!(!info.citation.trim().is_empty(), "{rule}: citation");
        assert!(!info.explanation.trim().is_empty(), "{rule}: explanation");
    }
    assert!(
        RuleId::UsMinimalManipulation
            .info()
            .citation
            .contains("1271.10(a)(1)")
    );
    assert!(
        RuleId::UsSameSurgicalProcedure
            .info()
            .citation
            .contains("1271.15(b)")
    );
}

// ---------------------------------------------------------------------------------------------
// The documentation: the rule table, the glossary, the README, shipped files
// ---------------------------------------------------------------------------------------------

fn repo_file(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[test]
fn the_rule_table_in_the_docs_is_the_rule_table_of_the_code() {
    let committed = repo_file("docs/rules.md");
    assert!(
        committed == RuleId::table_markdown(),
        "docs/rules.md is out of date: run `cargo run --example export_schemas`"
    );
    // Every rule has its own row with its machine name, summary, citation and explanation.
    for rule in RuleId::ALL {
        let info = rule.info();
        let row = committed
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", rule.code())))
            .unwrap_or_else(|| panic!("{rule}: no row"));
        let plain = row
            .replace("&lt;", "<")
            .replace("\\[", "[")
            .replace("\\]", "]");
        for text in [info.summary, info.citation, info.explanation, rule.label()] {
            assert!(plain.contains(&text.replace('|', "\\|")), "{rule}: {text}");
        }
    }
    let (rules, reasons) = committed
        .split_once("\n## Reasons\n")
        .expect("a section of reasons");
    assert_eq!(
        rules.lines().filter(|l| l.starts_with("| `")).count(),
        RuleId::ALL.len()
    );
    // Every reason, with its code and sentence, and nothing else.
    for reason in msc_therapy::finding::Reason::all() {
        let row = format!("| `{}` | ", reason.code());
        let line = reasons
            .lines()
            .find(|l| l.starts_with(&row))
            .unwrap_or_else(|| panic!("{}: no row", reason.code()));
        assert!(
            line.replace("\\[", "[")
                .replace("\\]", "]")
                .replace("&lt;", "<")
                .contains(reason.text()),
            "{line}"
        );
    }
    assert_eq!(
        reasons.lines().filter(|l| l.starts_with("| `")).count(),
        msc_therapy::finding::Reason::all().count()
    );
}

#[test]
fn the_glossary_expands_every_acronym_the_crate_uses() {
    let glossary = repo_file("docs/glossary.md");
    for term in [
        "IND",
        "BLA",
        "HCT/P",
        "PMD Act",
        "ASRM",
        "MM/HU",
        "CFU-F",
        "K/M",
        "ATMP",
        "CAT",
        "TEP",
        "sCTMP",
        "ISCT",
        "SVF",
        "BMAC",
        "CoA",
        "PHS Act",
        "CFR",
        "GMP",
        "LAL",
        "EU/mL",
        "EMA",
        "PMDA",
        "aGvHD",
        "DMSO",
        "UBERON",
        "SNOMED CT",
        "EDQM",
    ] {
        assert!(
            glossary.contains(&format!("**{term}")) || glossary.contains(&format!(", {term}")),
            "the glossary does not define {term}"
        );
    }
}

#[test]
fn the_readme_has_no_rustdoc_only_lines() {
    let readme = repo_file("README.md");
    let mut in_rust = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_rust = line == "```rust";
            continue;
        }
        if in_rust {
            assert!(
                !line.trim_start().starts_with("# ") && line.trim() != "#",
                "a hidden rustdoc line in the README would be printed when pasted: {line}"
            );
        }
    }
}

#[test]
fn no_shipped_file_names_a_machine_path() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![root.to_path_buf()];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable") {
            let path = entry.expect("entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') && name != ".ci" || name == "target" || name == "node_modules"
            {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if name == "Cargo.lock" || name == "package-lock.json" {
                continue;
            }
            // Spelt in pieces, so that this file does not name them itself.
            for machine in [
                concat!("/", "work/"),
                concat!("/", "home/"),
                concat!("/", "root/"),
                concat!("/", "Users/"),
                concat!("C:", "\\"),
            ] {
                assert!(
                    !text.contains(machine),
                    "{} names a machine path ({machine})",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} files checked");
}

/// The `cell_free` column of the preparation table, the one place the US, EU, Japanese and offer
/// rules and the FHIR export learn which preparations hold no cells (issue #21). Exosome products
/// are cell-free products FDA regulates as drugs and biological products (FDA, Public Safety
/// Notification on Exosome Products, 6 Dec 2019); conditioned medium ("secretome") is a product
/// secreted by cells, among the "secreted or extracted human products, such as ... cell factors"
/// of 21 CFR 1271.3(d)(3). A cell-free row delivers no live cells and implies no processing step.
#[test]
fn the_cell_free_column_names_the_secreted_products_and_nothing_with_cells() {
    use msc_therapy::vocab::CellPreparation;
    let cell_free: Vec<CellPreparation> = CellPreparation::iter()
        .filter(|p| p.info().cell_free)
        .collect();
    assert_eq!(
        cell_free,
        [
            CellPreparation::ExtracellularVesicles,
            CellPreparation::ConditionedMedium
        ]
    );
    for preparation in cell_free {
        let info = preparation.info();
        assert!(!info.live_cells && !info.culture_expanded && info.implies.is_empty());
    }
    // Platelet-rich plasma is a blood product (1271.3(d)(2)), a secreted fluid may hold cells:
    // each has its own rule, not this column.
    assert!(!CellPreparation::PlateletRichPlasma.info().cell_free);
    assert!(!CellPreparation::SecretedFluid.info().cell_free);
    // Every row that delivers live cells holds cells.
    for preparation in CellPreparation::iter().filter(|p| p.info().live_cells) {
        assert!(!preparation.info().cell_free, "{preparation}");
    }
}
