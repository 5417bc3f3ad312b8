//! The built-in catalog of approved MSC products, checked against the project's reference list
//! (`tests/data/approved-products.json`, a copy of `shared/reference/approved-products.json`).

use msc_therapy::{
    ApprovedProduct, AuthorisationStatus, Confidence, Donor, Indication, Jurisdiction, Route,
    TissueSource,
};

const REFERENCE: &str = include_str!("data/approved-products.json");

fn reference() -> Vec<serde_json::Value> {
    serde_json::from_str(REFERENCE).expect("reference list is JSON")
}

fn jurisdiction_of(text: &str) -> Option<Jurisdiction> {
    let prefixes = [
        ("United States", Jurisdiction::UnitedStates),
        ("Canada", Jurisdiction::Canada),
        ("New Zealand", Jurisdiction::NewZealand),
        ("European Union", Jurisdiction::EuropeanUnion),
        ("Germany", Jurisdiction::Germany),
        ("Japan", Jurisdiction::Japan),
        ("South Korea", Jurisdiction::SouthKorea),
        ("India", Jurisdiction::India),
        ("China", Jurisdiction::China),
    ];
    prefixes
        .iter()
        .find(|(p, _)| text.starts_with(p))
        .map(|(_, j)| *j)
}

#[test]
fn every_entry_carries_a_citation_and_its_source_wording() {
    assert!(!ApprovedProduct::ALL.is_empty());
    for p in ApprovedProduct::ALL {
        for (field, value) in [
            ("name", p.name),
            ("nonproprietary_name", p.nonproprietary_name),
            ("sponsor", p.sponsor),
            ("pathway", p.pathway),
            ("indication_text", p.indication_text),
            ("route_text", p.route_text),
            ("dose", p.dose),
            ("status_text", p.status_text),
            ("citation", p.citation),
        ] {
            assert!(!value.trim().is_empty(), "{}: empty {field}", p.name);
        }
        assert!(!p.indications.is_empty(), "{}", p.name);
    }
}

#[test]
fn entries_serialize_with_machine_names_that_parse_back() {
    for p in ApprovedProduct::ALL {
        let json = serde_json::to_value(p).unwrap();
        let j: Jurisdiction = json["jurisdiction"].as_str().unwrap().parse().unwrap();
        assert_eq!(j, p.jurisdiction);
        let s: AuthorisationStatus = json["status"].as_str().unwrap().parse().unwrap();
        assert_eq!(s, p.status);
        let t: TissueSource = json["tissue"].as_str().unwrap().parse().unwrap();
        assert_eq!(t, p.tissue);
        let r: Route = json["route"].as_str().unwrap().parse().unwrap();
        assert_eq!(r, p.route);
        let c: Confidence = json["confidence"].as_str().unwrap().parse().unwrap();
        assert_eq!(c, p.confidence);
        for ind in json["indications"].as_array().unwrap() {
            let _: Indication = ind.as_str().unwrap().parse().unwrap();
        }
    }
}

/// Every authorised product of the reference list is in the catalog with the same jurisdiction,
/// year, donor type and confidence; the one "NOT APPROVED" entry (MesoCellA-Ortho) is not.
#[test]
fn catalog_matches_the_reference_list() {
    let reference = reference();
    let mut matched = 0;
    for entry in &reference {
        let name = entry["name"].as_str().unwrap();
        let status = entry["status"].as_str().unwrap();
        if status.contains("NOT APPROVED") {
            assert!(
                ApprovedProduct::ALL
                    .iter()
                    .all(|p| !name.starts_with(p.name)),
                "{name} is not approved and must not be in the catalog"
            );
            continue;
        }
        let jurisdiction = jurisdiction_of(entry["jurisdiction"].as_str().unwrap())
            .unwrap_or_else(|| panic!("jurisdiction of {name}"));
        let p = ApprovedProduct::ALL
            .iter()
            .find(|p| name.starts_with(p.name) && p.jurisdiction == jurisdiction)
            .unwrap_or_else(|| panic!("{name} ({jurisdiction}) missing from the catalog"));
        matched += 1;
        assert_eq!(
            p.year.map(u64::from),
            entry["approval_year"].as_u64(),
            "{name} year"
        );
        let autologous = entry["donor"].as_str().unwrap() == "autologous";
        assert_eq!(p.donor.is_autologous(), autologous, "{name} donor");
        assert_eq!(
            p.confidence.code(),
            entry["confidence"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            p.status == AuthorisationStatus::Withdrawn,
            status.contains("WITHDRAWN"),
            "{name} status"
        );
    }
    assert_eq!(matched, ApprovedProduct::ALL.len());
    assert_eq!(matched, reference.len() - 1);
}

#[test]
fn ryoncil_is_the_only_fda_approved_msc_product() {
    let us: Vec<_> = ApprovedProduct::by_jurisdiction(Jurisdiction::UnitedStates).collect();
    assert_eq!(us.len(), 1);
    let ryoncil = us[0];
    assert_eq!(ryoncil.name, "Ryoncil");
    assert_eq!(ryoncil.year, Some(2024));
    assert_eq!(ryoncil.indications, &[Indication::GraftVersusHostDisease]);
    assert_eq!(ryoncil.tissue, TissueSource::BoneMarrow);
    assert!(ryoncil.donor.is_allogeneic());
    assert_eq!(ryoncil.route, Route::Intravenous);
    assert!(ryoncil.dose.contains("2 x 10^6 MSC/kg"));
}

#[test]
fn no_fda_approval_for_knee_osteoarthritis_but_one_in_india() {
    assert_eq!(
        ApprovedProduct::approved_in(Jurisdiction::UnitedStates, Indication::KneeOsteoarthritis)
            .count(),
        0
    );
    let anywhere: Vec<_> = ApprovedProduct::approved_anywhere(Indication::KneeOsteoarthritis)
        .map(|p| (p.name, p.jurisdiction))
        .collect();
    assert_eq!(anywhere, vec![("StemOne / Ciplostem", Jurisdiction::India)]);
}

#[test]
fn alofisel_is_withdrawn_in_the_eu_but_not_in_japan() {
    let eu: Vec<_> = ApprovedProduct::by_jurisdiction(Jurisdiction::EuropeanUnion).collect();
    assert_eq!(eu.len(), 1);
    assert_eq!(eu[0].name, "Alofisel");
    assert_eq!(eu[0].status, AuthorisationStatus::Withdrawn);
    assert!(!eu[0].status.in_force());
    assert_eq!(
        ApprovedProduct::approved_in(Jurisdiction::EuropeanUnion, Indication::PerianalFistula)
            .count(),
        0
    );
    let japan: Vec<_> =
        ApprovedProduct::approved_in(Jurisdiction::Japan, Indication::PerianalFistula).collect();
    assert_eq!(japan.len(), 1);
    assert_eq!(japan[0].year, Some(2021));
}

#[test]
fn gvhd_products_across_jurisdictions() {
    let mut places: Vec<Jurisdiction> =
        ApprovedProduct::by_indication(Indication::GraftVersusHostDisease)
            .map(|p| p.jurisdiction)
            .collect();
    places.sort();
    let mut expected = vec![
        Jurisdiction::UnitedStates, // Ryoncil
        Jurisdiction::Canada,       // Prochymal
        Jurisdiction::NewZealand,   // Prochymal
        Jurisdiction::Japan,        // Temcell
        Jurisdiction::China,        // Ruibosheng
        Jurisdiction::Germany,      // Obnitix (national, not a marketing authorisation)
    ];
    expected.sort();
    assert_eq!(places, expected);
}

#[test]
fn conditional_approvals_are_marked() {
    let status = |name: &str| {
        ApprovedProduct::ALL
            .iter()
            .find(|p| p.name.starts_with(name))
            .unwrap()
            .status
    };
    assert_eq!(status("STEMIRAC"), AuthorisationStatus::Conditional);
    assert_eq!(status("NeuroNata-R"), AuthorisationStatus::Conditional);
    assert_eq!(status("AKUUGO"), AuthorisationStatus::Conditional);
    assert_eq!(status("Ruibosheng"), AuthorisationStatus::Conditional);
    assert_eq!(
        status("Obnitix"),
        AuthorisationStatus::NationalAuthorisation
    );
    assert_eq!(status("TEMCELL"), AuthorisationStatus::Authorised);
}

#[test]
fn autologous_products_match_the_reference() {
    let autologous: Vec<&str> = ApprovedProduct::ALL
        .iter()
        .filter(|p| p.donor == Donor::Autologous)
        .map(|p| p.name)
        .collect();
    assert_eq!(
        autologous,
        [
            "STEMIRAC for Injection",
            "Hearticellgram-AMI",
            "Cupistem",
            "NeuroNata-R Inj.",
            "Queencell"
        ]
    );
}
