//! The verbs the US rules write their findings with.

use super::*;

pub(super) enum Reached {
    HctpOnly,
    ThroughException,
    All,
}

pub(super) fn is_criterion(rule: RuleId) -> bool {
    matches!(
        rule,
        RuleId::UsMinimalManipulation
            | RuleId::UsHomologousUse
            | RuleId::UsNoCombination
            | RuleId::UsSystemicEffect
    )
}

pub(super) fn not_reached(finding: &mut Finding, reason: &'static Reason) {
    finding.outcome = Outcome::NotApplicable;
    finding.severity = Severity::Info;
    finding.reason = Some(reason);
    finding.missing.clear();
}

/// Severity of a step's finding: a failed 1271.10(a) criterion or a missing fact needs an answer
/// (an IND/BLA, or the fact); everything else is information.
pub(super) fn severity(rule: RuleId, outcome: Outcome) -> Severity {
    match outcome {
        Outcome::Undetermined => Severity::Warning,
        Outcome::NotMet if is_criterion(rule) => Severity::Warning,
        Outcome::Met | Outcome::NotMet | Outcome::NotApplicable => Severity::Info,
    }
}

/// Builds a finding from an outcome, a reason and facts gathered by a rule.
pub(super) fn finish(
    rule: RuleId,
    outcome: Outcome,
    path: &'static str,
    reason: &'static Reason,
    facts: impl Into<Facts>,
    missing: impl Into<Paths>,
) -> Finding {
    let mut finding = Finding::new(rule, outcome, severity(rule, outcome))
        .at(path)
        .because(reason);
    finding.facts = facts.into();
    if outcome == Outcome::Undetermined {
        finding.missing = missing.into();
    }
    finding
}

pub(super) fn push_missing(missing: &mut Paths, path: &'static str) {
    if !missing.contains(&path) {
        missing.push(path);
    }
}

// ---------------------------------------------------------------------------------------------
