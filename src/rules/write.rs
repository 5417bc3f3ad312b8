//! **The one set of verbs every rule writes its finding with.**
//!
//! A rule is handed the finding of its rule id, already in its place in the report, and sets
//! what differs from "met, informational" through these verbs: [`Fill::judge`] (outcome and
//! severity), [`Fill::why`] (a row of the engine's reason table), [`Fill::point_at`] (the input
//! path), [`Fill::add`] / [`Fill::add_opt`] (facts), [`Fill::lack`] / [`Fill::lack_all`] (the
//! facts that could change the outcome), [`Fill::not_applicable`] and [`Fill::rest_on`] (the
//! basis, where it is not the rule's default).

use crate::{Basis, Fact, Finding, Outcome, Reason, Severity};
use std::borrow::Cow;

/// Filling in a finding where it lies, in the report's own buffer.
///
/// A [`Finding`] is several hundred bytes (its facts are stored inline); moving one through a
/// chain of by-value builders copies it at every step. Each rule below is handed the finding of
/// its rule, already in the report, and sets its parts through `&mut`: the finding starts as
/// met and informational, and a rule changes only what differs.
pub(crate) trait Fill {
    /// Sets the outcome and its severity.
    fn judge(&mut self, outcome: Outcome, severity: Severity) -> &mut Self;
    /// Sets the one-sentence reason.
    fn why(&mut self, reason: &'static Reason) -> &mut Self;
    /// Sets where in the input the finding points.
    fn point_at(&mut self, path: &'static str) -> &mut Self;
    /// Adds a fact.
    fn add(&mut self, fact: Fact) -> &mut Self;
    /// Adds a fact, if there is one.
    fn add_opt(&mut self, fact: Option<Fact>) -> &mut Self;
    /// Records a missing fact (its dotted input path).
    fn lack(&mut self, path: &'static str) -> &mut Self;
    /// Records missing facts, in order.
    fn lack_all(&mut self, paths: &[&'static str]) -> &mut Self;
    /// Marks the rule as not applicable, for this reason.
    fn not_applicable(&mut self, reason: &'static Reason) -> &mut Self;
    /// Sets what the conclusion rests on, where it is not the rule's default basis.
    fn rest_on(&mut self, basis: Basis) -> &mut Self;
}

impl Fill for Finding {
    fn judge(&mut self, outcome: Outcome, severity: Severity) -> &mut Self {
        self.outcome = outcome;
        self.severity = severity;
        self
    }

    fn why(&mut self, reason: &'static Reason) -> &mut Self {
        self.reason = Some(reason);
        self
    }

    fn point_at(&mut self, path: &'static str) -> &mut Self {
        self.path = Some(Cow::Borrowed(path));
        self
    }

    fn add(&mut self, fact: Fact) -> &mut Self {
        self.facts.push(fact);
        self
    }

    fn add_opt(&mut self, fact: Option<Fact>) -> &mut Self {
        if let Some(fact) = fact {
            self.facts.push(fact);
        }
        self
    }

    fn lack(&mut self, path: &'static str) -> &mut Self {
        self.missing.push(path);
        self
    }

    fn lack_all(&mut self, paths: &[&'static str]) -> &mut Self {
        if self.missing.is_empty() {
            // One allocation at most, sized from the list, instead of growing one push at a time.
            self.missing = paths.iter().copied().collect();
        } else {
            for &path in paths {
                self.missing.push(path);
            }
        }
        self
    }

    fn not_applicable(&mut self, reason: &'static Reason) -> &mut Self {
        self.judge(Outcome::NotApplicable, Severity::Info)
            .why(reason)
    }

    fn rest_on(&mut self, basis: Basis) -> &mut Self {
        self.basis = basis;
        self
    }
}
