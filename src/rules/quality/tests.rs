//! Unit tests of the quality engine.

use super::*;

#[test]
fn table_constants_are_valid_values() {
    assert!(Percent::new(DEFAULT_MIN_VIABILITY.get()).is_ok());
    assert!(Percent::new(DEFAULT_POSITIVE_MARKER_MIN.get()).is_ok());
    assert!(Percent::new(DEFAULT_NEGATIVE_MARKER_MAX.get()).is_ok());
    assert!(CellCount::from_u64(DEFAULT_MIN_VIABLE_CELLS.get()).is_ok());
}

#[test]
fn reference_doses_are_ordered_ranges() {
    for row in REFERENCE_DOSES {
        assert!(row.min > 0.0 && row.min <= row.max, "{row:?}");
    }
}

/// Every label dose of the catalog is a reference row for the label's route and every one of
/// its indications, and every label row comes from the catalog.
#[test]
fn reference_doses_are_the_catalog_label_doses() {
    let mut expected = 0;
    for p in crate::ApprovedProduct::ALL {
        for (basis, range) in [
            (DoseBasis::PerAdministration, p.dose.per_administration),
            (DoseBasis::PerKg, p.dose.per_kg),
        ] {
            let Some(range) = range else { continue };
            for indication in p.indications {
                expected += 1;
                assert!(
                    REFERENCE_DOSES.iter().any(|r| r.product == Some(p.key)
                        && r.route == p.route
                        && r.indication == *indication
                        && r.basis == basis
                        && r.min == range.min
                        && r.max == range.max),
                    "{} {basis:?}",
                    p.name
                );
            }
        }
    }
    let labels = REFERENCE_DOSES
        .iter()
        .filter(|r| r.product.is_some())
        .count();
    assert_eq!(labels, expected);
    assert!(DoseFactor::new(DEFAULT_FAR_BELOW_FACTOR.get()).is_ok());
}
