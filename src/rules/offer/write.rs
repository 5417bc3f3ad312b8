//! Where a finding goes, and the verbs the offer rules write findings with.

use super::*;

/// Where a finding goes.
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

    /// Adds a finding of `rule` at `path` for `reason`, and returns it for its facts and
    /// missing paths to be added in place.
    pub(super) fn add(
        &mut self,
        group: Group,
        rule: RuleId,
        outcome: Outcome,
        path: &'static str,
        reason: &'static Reason,
    ) -> &mut Finding {
        self.groups.push(group);
        self.findings
            .push(Finding::new(rule, outcome, group.severity()));
        let last = self.findings.len() - 1;
        let finding = &mut self.findings[last];
        finding.path = Some(Cow::Borrowed(path));
        finding.reason = Some(reason);
        finding
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
