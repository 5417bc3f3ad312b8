//! The built-in catalog of approved MSC products, checked against the project's reference list
//! (`tests/data/approved-products.json`, a copy of `shared/reference/approved-products.json`).

use msc_therapy::catalog::{
    ApprovedProduct, AuthorisationKind, AuthorisationStatus, CatalogKey, Confidence, DoseRange,
    Jurisdiction, NumberKind,
};
use msc_therapy::vocab::{CellPreparation, Donor, Indication, Route, TissueSource};

use jiff::civil::date;

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
            ("dose", p.dose.text),
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
        let k: CatalogKey = json["key"].as_str().unwrap().parse().unwrap();
        assert_eq!(k, p.key);
        let kind: AuthorisationKind = json["kind"].as_str().unwrap().parse().unwrap();
        assert_eq!(kind, p.kind);
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
    assert!(ryoncil.dose.text.contains("2 x 10^6 MSC/kg"));
    assert_eq!(ryoncil.key, CatalogKey::RyoncilUs);
    assert_eq!(ryoncil.kind, AuthorisationKind::Full);
    assert_eq!(ryoncil.authorised_on, Some(date(2024, 12, 18)));
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

/// The reference list: Stemirac and Akuugo hold Japan's conditional and time-limited approval,
/// NeuroNata-R Korea's conditional approval, Ruibosheng China's, Prochymal Canada's NOC/c and
/// New Zealand's provisional consent; Obnitix is a German national authorisation (section 4b
/// AMG), not a marketing authorisation.
#[test]
fn conditional_approvals_are_marked() {
    let kind = |key: CatalogKey| key.product().kind;
    assert_eq!(kind(CatalogKey::StemiracJp), AuthorisationKind::Conditional);
    assert_eq!(kind(CatalogKey::AkuugoJp), AuthorisationKind::Conditional);
    assert_eq!(
        kind(CatalogKey::NeuronataRKr),
        AuthorisationKind::Conditional
    );
    assert_eq!(
        kind(CatalogKey::RuiboshengCn),
        AuthorisationKind::Conditional
    );
    assert_eq!(
        kind(CatalogKey::ProchymalCa),
        AuthorisationKind::Conditional
    );
    assert_eq!(
        kind(CatalogKey::ProchymalNz),
        AuthorisationKind::Provisional
    );
    assert_eq!(kind(CatalogKey::ObnitixDe), AuthorisationKind::National);
    assert_eq!(kind(CatalogKey::TemcellJp), AuthorisationKind::Full);
    // Stemirac: seven years from 28 Dec 2018; New Zealand's renewal ran two years from 14 Jun 2014.
    let stemirac = CatalogKey::StemiracJp.product();
    assert_eq!(stemirac.authorised_on, Some(date(2018, 12, 28)));
    assert_eq!(stemirac.time_limit_ends_on, Some(date(2025, 12, 27)));
    assert_eq!(
        CatalogKey::ProchymalNz.product().time_limit_ends_on,
        Some(date(2016, 6, 14))
    );
    // Canada's current marketing status is not confirmed; New Zealand's renewal ran to Jun 2016
    // and "no later renewal found": its time limit ended, and nothing shows it renewed.
    assert_eq!(
        CatalogKey::ProchymalCa.product().status,
        AuthorisationStatus::Unconfirmed
    );
    assert_eq!(
        CatalogKey::ProchymalNz.product().status,
        AuthorisationStatus::TimeLimitEnded
    );
}

#[test]
fn every_key_names_its_own_entry_and_parses_back() {
    assert_eq!(CatalogKey::ALL.len(), ApprovedProduct::ALL.len());
    for key in CatalogKey::ALL {
        assert_eq!(key.product().key, *key);
        assert_eq!(key.code().parse::<CatalogKey>().unwrap(), *key);
    }
}

/// Identity by number, never by name: the numbers are those of the reference list (Alofisel's
/// EMA product number EMEA/H/C/004258 and EU register number EU/1/17/1261; Stemirac's Japanese
/// approval number 23000FZX00001000).
#[test]
fn products_are_found_by_authorisation_number_not_by_name() {
    let key = |n: &str| ApprovedProduct::by_number(n).map(|p| p.key);
    assert_eq!(key("23000FZX00001000"), Some(CatalogKey::StemiracJp));
    assert_eq!(key("EMEA/H/C/004258"), Some(CatalogKey::AlofiselEu));
    assert_eq!(key(" eu/1/17/1261 "), Some(CatalogKey::AlofiselEu));
    assert_eq!(key("EU/1/17/1261/001"), Some(CatalogKey::AlofiselEu));
    assert_eq!(key("EU/1/17/126"), None);
    assert_eq!(key("Ryoncil"), None);
    assert_eq!(key("remestemcel-L-rknd"), None);
    let stemirac = CatalogKey::StemiracJp.product();
    assert_eq!(stemirac.numbers[0].kind, NumberKind::JapaneseApprovalNumber);
}

/// The label doses of the reference list, as numbers: per kg for Ryoncil, Temcell, Stempeucel,
/// Obnitix and NeuroNata-R; per administration for Alofisel, Stemirac, Cupistem,
/// Hearticellgram-AMI, StemOne (and NeuroNata-R's second review); none where the label doses by
/// area or volume, or the dose was not retrieved.
#[test]
fn label_doses_are_those_of_the_reference_list() {
    let r = |min: f64, max: f64| Some(DoseRange { min, max });
    let dose = |key: CatalogKey| {
        let d = key.product().dose;
        (d.per_administration, d.per_kg)
    };
    assert_eq!(dose(CatalogKey::RyoncilUs), (None, r(2e6, 2e6)));
    assert_eq!(dose(CatalogKey::TemcellJp), (None, r(2e6, 2e6)));
    assert_eq!(dose(CatalogKey::AlofiselEu), (r(120e6, 120e6), None));
    assert_eq!(dose(CatalogKey::AlofiselJp), (r(120e6, 120e6), None));
    assert_eq!(dose(CatalogKey::StemiracJp), (r(0.5e8, 2.0e8), None));
    assert_eq!(
        CatalogKey::StemiracJp.product().dose.max_per_kg,
        Some(3.34e6)
    );
    assert_eq!(dose(CatalogKey::HearticellgramKr), (r(5e7, 9e7), None));
    assert_eq!(dose(CatalogKey::CupistemKr), (r(3e7, 6e7), None));
    assert_eq!(dose(CatalogKey::NeuronataRKr), (r(4e7, 4e7), r(1e6, 1e6)));
    assert_eq!(dose(CatalogKey::StempeucelIn), (None, r(2e6, 2e6)));
    assert_eq!(dose(CatalogKey::StemoneIn), (r(25e6, 25e6), None));
    assert_eq!(dose(CatalogKey::ObnitixDe), (None, r(1e6, 2e6)));
    for key in [
        CatalogKey::ProchymalCa,
        CatalogKey::ProchymalNz,
        CatalogKey::AkuugoJp,
        CatalogKey::CartistemKr,
        CatalogKey::QueencellKr,
        CatalogKey::RuiboshengCn,
    ] {
        assert_eq!(dose(key), (None, None), "{key}");
    }
    // Queencell is minimally manipulated SVF, not expanded MSCs.
    assert_eq!(
        CatalogKey::QueencellKr.product().preparation,
        CellPreparation::StromalVascularFraction
    );
}

/// Dates serialize as `YYYY-MM-DD`; Alofisel's EU authorisation was withdrawn on 13 Dec 2024.
#[test]
fn dates_serialize_as_calendar_dates() {
    for p in ApprovedProduct::ALL {
        let json = serde_json::to_value(p).unwrap();
        for field in ["authorised_on", "time_limit_ends_on", "withdrawn_on"] {
            if let Some(text) = json[field].as_str() {
                assert!(
                    msc_therapy::vocab::IsoDate::new(text).is_ok(),
                    "{}: {text}",
                    p.name
                );
            }
        }
        assert_eq!(
            p.withdrawn_on.is_some(),
            p.status == AuthorisationStatus::Withdrawn,
            "{}",
            p.name
        );
    }
    assert_eq!(
        CatalogKey::AlofiselEu.product().withdrawn_on,
        Some(date(2024, 12, 13))
    );
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

/// The patients each label covers, read from the label wording of the reference list: the ages
/// it states ("2 months of age and older", "aged >=14 years", "adults", "paediatric" /
/// "children": below 17 on a US label (21 CFR 201.57(c)(9)(iv): birth to 16 years), below 18
/// elsewhere) and whether the condition must have resisted an earlier treatment
/// ("steroid-refractory", "refractory to systemic corticosteroids", "inadequate response to
/// >=1 ... therapy"). A label that states neither has no bound.
#[test]
fn label_populations_are_those_of_the_label_texts() {
    use msc_therapy::vocab::{Age, AgeUnit};
    let years = |v: f64| Some(Age::new(v, AgeUnit::Years).unwrap());
    let months = |v: f64| Some(Age::new(v, AgeUnit::Months).unwrap());
    let expected: &[(CatalogKey, Option<Age>, Option<Age>, bool)] = &[
        (CatalogKey::RyoncilUs, months(2.0), years(17.0), true),
        (CatalogKey::ProchymalCa, None, years(18.0), true),
        (CatalogKey::ProchymalNz, None, years(18.0), true),
        (CatalogKey::TemcellJp, None, None, false),
        (CatalogKey::AlofiselEu, years(18.0), None, true),
        (CatalogKey::AlofiselJp, None, None, true),
        (CatalogKey::StemiracJp, None, None, false),
        (CatalogKey::AkuugoJp, None, None, false),
        (CatalogKey::HearticellgramKr, None, None, false),
        (CatalogKey::CartistemKr, None, None, false),
        (CatalogKey::CupistemKr, None, None, false),
        (CatalogKey::NeuronataRKr, None, None, false),
        (CatalogKey::QueencellKr, None, None, false),
        (CatalogKey::StempeucelIn, None, None, false),
        (CatalogKey::StemoneIn, None, None, false),
        (CatalogKey::RuiboshengCn, years(14.0), None, true),
        (CatalogKey::ObnitixDe, years(2.0), None, true),
    ];
    assert_eq!(expected.len(), CatalogKey::ALL.len());
    for (key, min, below, prior) in expected {
        let p = key.product().population;
        assert_eq!(
            (p.min_age, p.below_age, p.after_prior_treatment),
            (*min, *below, *prior),
            "{key}"
        );
    }
    // The reference list's wording agrees: every label that says "refractory" or "inadequate
    // response" requires an earlier treatment, and no other does.
    let mut matched = 0;
    for entry in reference() {
        let text = entry["indication"].as_str().unwrap().to_lowercase();
        let Some(p) = ApprovedProduct::ALL.iter().find(|p| {
            entry["name"]
                .as_str()
                .unwrap()
                .starts_with(p.name.split(' ').next().unwrap())
                && jurisdiction_of(entry["jurisdiction"].as_str().unwrap()) == Some(p.jurisdiction)
        }) else {
            continue;
        };
        let says = text.contains("refractory") || text.contains("inadequate response");
        assert_eq!(p.population.after_prior_treatment, says, "{}", p.name);
        matched += 1;
    }
    assert_eq!(matched, CatalogKey::ALL.len());
}
