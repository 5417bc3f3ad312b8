//! Reading outputs back: text fields that come from one of the crate's tables.
//!
//! An output such as [`UsAssessment`](crate::UsAssessment) carries a few `&'static str` fields
//! copied from a table row (the consequence of a US classification and its citation). Reading
//! such an output back, the text must be one of the table's: it is looked up, never stored, and
//! a text that is in no row is an error naming the table.

use crate::UsClassification;
use serde::de::{self, Deserialize, Deserializer};
use std::borrow::Cow;

/// Finds `text` among `candidates`, or fails with a message naming `what`.
fn from_table<'de, D: Deserializer<'de>>(
    deserializer: D,
    what: &'static str,
    candidates: impl Iterator<Item = &'static str>,
) -> Result<&'static str, D::Error> {
    let text = Cow::<'de, str>::deserialize(deserializer)?;
    let mut candidates = candidates;
    candidates.find(|c| *c == text).ok_or_else(|| {
        de::Error::custom(format_args!(
            "{what} is not in the crate's table (got {:?})",
            text.chars().take(60).collect::<String>()
        ))
    })
}

/// The consequence of a [`UsClassification`], read back.
fn us_consequence<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    from_table(
        d,
        "consequence of a US classification",
        UsClassification::ALL.iter().map(|c| c.info().consequence),
    )
}

/// The consequence of a [`UsClassification`], read back when the form being read has it (the
/// full form does, the compact form leaves it out).
pub(crate) fn us_consequence_if_given<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<&'static str>, D::Error> {
    us_consequence(d).map(Some)
}

/// The citation of a [`UsClassification`], read back when the form being read has it.
pub(crate) fn us_citation_if_given<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<&'static str>, D::Error> {
    us_citation(d).map(Some)
}

/// The citation of a [`UsClassification`], read back.
fn us_citation<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    from_table(
        d,
        "citation of a US classification",
        UsClassification::ALL.iter().map(|c| c.info().citation),
    )
}
