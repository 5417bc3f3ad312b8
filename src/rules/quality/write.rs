//! Buffers the quality rules share (the verbs are [`crate::rules::write::Fill`]).

use super::*;

/// A short list of dotted input paths a rule gathers before it knows its outcome; on the stack
/// up to 16 entries.
pub(super) type PathList = SmallVec<[&'static str; 16]>;
