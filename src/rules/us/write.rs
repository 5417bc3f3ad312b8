//! What the US rules share besides the verbs of [`crate::rules::write::Fill`]: the severity of a
//! step's outcome, and how the classification marks the steps it did not reach.

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
    finding.not_applicable(reason);
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

/// Sets a step's outcome with the severity [`severity`] gives it.
pub(super) fn conclude(finding: &mut Finding, outcome: Outcome) -> &mut Finding {
    finding.judge(outcome, severity(finding.rule, outcome))
}

pub(super) fn push_missing(missing: &mut PathList, path: &'static str) {
    if !missing.contains(&path) {
        missing.push(path);
    }
}

// ---------------------------------------------------------------------------------------------
