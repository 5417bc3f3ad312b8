//! The sample documents bundled in `examples/data/`, by name: the one list the tests and the
//! benchmarks read them from. `tests/documents.rs` checks that it names every file of the two
//! folders, so a new sample cannot be left out of the tests that go over all of them.
#![allow(dead_code)]

/// The product documents of `examples/data/products/`: (file stem, JSON text).
pub const PRODUCTS: &[(&str, &str)] = &[
    (
        "cultured_bone_marrow_msc",
        include_str!("../../examples/data/products/cultured_bone_marrow_msc.json"),
    ),
    (
        "same_day_bmac",
        include_str!("../../examples/data/products/same_day_bmac.json"),
    ),
    (
        "umbilical_off_the_shelf",
        include_str!("../../examples/data/products/umbilical_off_the_shelf.json"),
    ),
    (
        "adipose_svf",
        include_str!("../../examples/data/products/adipose_svf.json"),
    ),
];

/// The clinic offers of `examples/data/offers/`: (file stem, JSON text).
pub const OFFERS: &[(&str, &str)] = &[
    (
        "strip_mall_umbilical",
        include_str!("../../examples/data/offers/strip_mall_umbilical.json"),
    ),
    (
        "same_day_bmac",
        include_str!("../../examples/data/offers/same_day_bmac.json"),
    ),
    (
        "trial_site",
        include_str!("../../examples/data/offers/trial_site.json"),
    ),
    (
        "ryoncil_on_label",
        include_str!("../../examples/data/offers/ryoncil_on_label.json"),
    ),
];
