//! Findings: what a rule concluded, on which facts, under which citation.

use crate::RuleId;
use crate::table::vocab;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

vocab! {
    /// **What a rule concluded.**
    ///
    /// Rules fail closed: a rule answers [`Outcome::Met`] only on positive evidence. When a fact it
    /// needs is missing it answers [`Outcome::Undetermined`] and lists the missing facts — never
    /// "met" by default.
    pub enum Outcome {
        /// The requirement is met, on the facts given.
        Met => "met", "met";
        /// The requirement is not met.
        NotMet => "not_met", "not met";
        /// A fact the rule needs is missing, so it cannot decide.
        Undetermined => "undetermined", "undetermined";
        /// The rule does not apply to this product (e.g. passage limits for uncultured cells).
        NotApplicable => "not_applicable", "not applicable";
    }
}

vocab! {
    /// **How much a finding matters.**
    ///
    /// Ordered from most to least serious, so `min()` over findings gives the worst.
    pub enum Severity {
        /// Stops release, or stops the patient: the product must not be used as described.
        Blocking => "blocking", "blocking";
        /// Needs an answer or a fix before going ahead.
        Warning => "warning", "warning";
        /// For information; nothing to fix.
        Info => "info", "info";
    }
}

vocab! {
    /// **What part a fact played in a finding.**
    pub enum FactRole {
        /// A value read from the input document.
        Input => "input", "input";
        /// A threshold or limit the input was held against (from a policy or a regulation).
        Limit => "limit", "limit";
        /// A value the rule computed, e.g. a dose per kilogram.
        Derived => "derived", "derived";
    }
}

/// **The value of a fact.**
///
/// Serialized untagged: a JSON boolean, number, string or array of strings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum FactValue {
    /// A yes/no fact.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A text, usually a machine name from the vocabulary.
    Text(Cow<'static, str>),
    /// Several machine names, e.g. processing steps.
    Codes(Vec<&'static str>),
}

impl fmt::Display for FactValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bool(b) => write!(f, "{}", if *b { "yes" } else { "no" }),
            Self::Number(n) => crate::units::write_scientific(f, *n),
            Self::Text(t) => f.write_str(t),
            Self::Codes(codes) if codes.is_empty() => f.write_str("none"),
            Self::Codes(codes) => f.write_str(&codes.join(", ")),
        }
    }
}

/// **One fact a rule used**: a name (usually the dotted path of an input field, such as
/// `release.viability`), its value, its unit and its role.
///
/// # Examples
///
/// ```
/// use msc_therapy::{Fact, FactRole};
///
/// let fact = Fact::number("release.viability", 65.0).with_unit("%");
/// assert_eq!(fact.role, FactRole::Input);
/// assert_eq!(fact.to_string(), "release.viability = 65 %");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Fact {
    /// What the fact is: an input path like `release.viability` or a policy field.
    pub name: &'static str,
    /// Its value.
    pub value: FactValue,
    /// Its unit, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// Input, limit or derived.
    pub role: FactRole,
}

impl Fact {
    /// An input fact with any value.
    #[must_use]
    pub fn new(name: &'static str, value: FactValue) -> Self {
        Self {
            name,
            value,
            unit: None,
            role: FactRole::Input,
        }
    }

    /// An input number.
    #[must_use]
    pub fn number(name: &'static str, value: f64) -> Self {
        Self::new(name, FactValue::Number(value))
    }

    /// An input yes/no fact.
    #[must_use]
    pub fn flag(name: &'static str, value: bool) -> Self {
        Self::new(name, FactValue::Bool(value))
    }

    /// An input machine name (from a vocabulary enum).
    #[must_use]
    pub fn code(name: &'static str, code: &'static str) -> Self {
        Self::new(name, FactValue::Text(Cow::Borrowed(code)))
    }

    /// An input list of machine names.
    #[must_use]
    pub fn codes(name: &'static str, codes: Vec<&'static str>) -> Self {
        Self::new(name, FactValue::Codes(codes))
    }

    /// The same fact with a unit.
    #[must_use]
    pub fn with_unit(mut self, unit: &'static str) -> Self {
        self.unit = Some(unit);
        self
    }

    /// The same fact, marked as a limit.
    #[must_use]
    pub fn as_limit(mut self) -> Self {
        self.role = FactRole::Limit;
        self
    }

    /// The same fact, marked as derived.
    #[must_use]
    pub fn as_derived(mut self) -> Self {
        self.role = FactRole::Derived;
        self
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.name, self.value)?;
        if let Some(unit) = self.unit {
            write!(f, " {unit}")?;
        }
        Ok(())
    }
}

/// **One conclusion of one rule**: the shape of every result in the crate.
///
/// Like `validator`'s `{code, message, params}`: [`Finding::rule`] is the stable code,
/// [`Finding::facts`] the parameters, and the message is produced when the finding is displayed.
/// The rule's summary and citation are copied from the [`RuleId`] table so that JSON consumers
/// have them without a second lookup. `path` says where in the input document the problem lies.
///
/// # Examples
///
/// ```
/// use msc_therapy::{Fact, Finding, Outcome, RuleId, Severity};
///
/// let finding = Finding::new(RuleId::QualityViabilityMinimum, Outcome::NotMet, Severity::Blocking)
///     .at("release.viability")
///     .fact(Fact::number("release.viability", 65.0).with_unit("%"))
///     .fact(Fact::number("policy.min_viability_percent", 70.0).with_unit("%").as_limit());
/// assert_eq!(finding.citation, RuleId::QualityViabilityMinimum.info().citation);
/// assert!(finding.to_string().contains("release.viability = 65 %"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Finding {
    /// The rule's stable id.
    pub rule: RuleId,
    /// What the rule concluded.
    pub outcome: Outcome,
    /// How much it matters.
    pub severity: Severity,
    /// The rule's one-line summary (from the rule table).
    pub summary: &'static str,
    /// The rule's citation (from the rule table).
    pub citation: &'static str,
    /// Where in the input the problem lies, as a dotted path (`release.viability`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'static str>,
    /// Why the rule concluded what it did, in one sentence, when the facts alone do not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// The facts the rule used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
    /// Facts the rule needed and did not have (dotted input paths).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<&'static str>,
}

impl Finding {
    /// A finding with no facts yet.
    #[must_use]
    pub fn new(rule: RuleId, outcome: Outcome, severity: Severity) -> Self {
        let info = rule.info();
        Self {
            rule,
            outcome,
            severity,
            summary: info.summary,
            citation: info.citation,
            path: None,
            reason: None,
            facts: Vec::new(),
            missing: Vec::new(),
        }
    }

    /// Sets where in the input the finding points.
    #[must_use]
    pub fn at(mut self, path: &'static str) -> Self {
        self.path = Some(path);
        self
    }

    /// Sets the one-sentence reason.
    #[must_use]
    pub fn because(mut self, reason: &'static str) -> Self {
        self.reason = Some(reason);
        self
    }

    /// Adds a fact.
    #[must_use]
    pub fn fact(mut self, fact: Fact) -> Self {
        self.facts.push(fact);
        self
    }

    /// Records a missing fact (its dotted input path).
    #[must_use]
    pub fn missing(mut self, path: &'static str) -> Self {
        self.missing.push(path);
        self
    }

    /// The first fact with this name, if any.
    #[must_use]
    pub fn fact_named(&self, name: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.name == name)
    }
}

impl fmt::Display for Finding {
    /// `[not met · blocking] quality.viability.minimum: <summary> (release.viability = 65 %;
    /// limit policy.min_viability_percent = 70 %) [citation]`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{} · {}] {}: {}",
            self.outcome.label(),
            self.severity,
            self.rule,
            self.summary
        )?;
        if let Some(reason) = self.reason {
            write!(f, " — {reason}")?;
        }
        if !self.facts.is_empty() {
            f.write_str(" (")?;
            for (i, fact) in self.facts.iter().enumerate() {
                if i > 0 {
                    f.write_str("; ")?;
                }
                if fact.role == FactRole::Limit {
                    f.write_str("limit ")?;
                }
                write!(f, "{fact}")?;
            }
            f.write_str(")")?;
        }
        if !self.missing.is_empty() {
            write!(f, " missing: {}", self.missing.join(", "))?;
        }
        write!(f, " [{}]", self.citation)
    }
}
