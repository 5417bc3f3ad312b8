//! What is the offer's own in writing a finding: the group it goes to. Everything else a rule
//! writes through the crate's one set of verbs, [`Fill`].

use super::*;

/// Where a finding goes: the patient's four lists. The group decides the severity (walk away
/// is blocking, ask first a warning, the rest informational); the rule decides the outcome.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    WalkAway,
    AskFirst,
    GoodSign,
    Note,
}

impl Group {
    pub(super) const fn severity(self) -> Severity {
        match self {
            Self::WalkAway => Severity::Blocking,
            Self::AskFirst => Severity::Warning,
            Self::GoodSign | Self::Note => Severity::Info,
        }
    }
}

/// How many findings an evaluation stages without a heap allocation. An offer gets 20 or 21
/// findings plus one per kind of claim (and per claim of FDA approval), so this covers every
/// offer with up to 11 such claims.
pub(super) const STAGED: usize = 32;

/// The findings of one evaluation, in the order the rules run, each built in place and tagged
/// with its group; [`evaluate_offer_with`] then moves each once into its group's list, sized
/// exactly.
///
/// Unlike the quality engine, whose report holds one finding per rule, an offer's findings are
/// not known before the rules run (one per kind of claim; one or two for the place), and each
/// goes to one of four lists: the collector is the offer's own for that, and for nothing else.
/// A rule files its finding with [`Collector::file`] and fills it with the [`Fill`] verbs.
pub(super) struct Collector {
    pub(super) findings: SmallVec<[Finding; STAGED]>,
    pub(super) groups: SmallVec<[Group; STAGED]>,
}

impl Collector {
    /// Room for `capacity` findings: on the stack up to [`STAGED`]. Built empty and then
    /// reserved, so that the staging area is never moved (it is large).
    pub(super) fn reserve(&mut self, capacity: usize) {
        self.findings.reserve_exact(capacity);
        self.groups.reserve_exact(capacity);
    }

    /// Files a finding of `rule` in `group`, with `outcome` and the group's severity, and hands
    /// it back in its place to be filled with the [`Fill`] verbs (its input path, reason, facts
    /// and missing facts).
    pub(super) fn file(&mut self, group: Group, rule: RuleId, outcome: Outcome) -> &mut Finding {
        self.groups.push(group);
        self.findings
            .push(Finding::new(rule, outcome, group.severity()));
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }
}

pub(super) fn owned(name: &'static str, text: String) -> Fact {
    Fact::new(name, FactValue::Text(Cow::Owned(text)))
}

/// A list of vocabulary terms from an iterator, stored by index (see [`crate::Codes`]).
pub(super) fn code_list_of<T: Vocab, I>(name: &'static str, codes: impl Fn() -> I) -> Fact
where
    I: Iterator<Item = T>,
{
    Fact::terms(name, codes())
}
