//! The rule engines. Each module exposes one entry function and its report type; all are pure
//! functions over validated documents, and all answer with [`crate::Finding`]s.
//!
//! Each engine adds its `mod` line below, in its own line, and its re-exports in `lib.rs`.

// A wildcard arm lets a new variant slip past a decision silently: in the engines every match
// over a vocabulary names its variants.
#![deny(clippy::wildcard_enum_match_arm)]

pub(crate) mod eu;
pub(crate) mod homologous;
pub(crate) mod jp;
pub(crate) mod offer;
pub(crate) mod profile;
pub(crate) mod quality;
pub(crate) mod us;
pub(crate) mod write;

/// Every engine's reason table, in the order [`crate::Reason::all`] lists them.
pub(crate) const REASON_TABLES: &[&[crate::Reason]] = &[
    us::reasons::ALL,
    quality::reasons::ALL,
    eu::reasons::ALL,
    jp::reasons::ALL,
    offer::reasons::ALL,
    homologous::REASONS,
    crate::determination::REASONS,
    crate::law::REASONS,
];
