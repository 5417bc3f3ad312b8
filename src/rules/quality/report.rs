//! The quality report and its verdict.

use super::*;

vocab! {
    /// **The overall quality verdict**, drawn from the findings.
    ///
    /// Ordered from least to most favourable (`Fail < Undetermined < PassWithWarnings < Pass`),
    /// so verdicts compare: worsening a measured value never gives a greater verdict.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::engine::quality::QualityVerdict;
    ///
    /// assert!(QualityVerdict::Fail < QualityVerdict::Undetermined);
    /// assert!(QualityVerdict::PassWithWarnings < QualityVerdict::Pass);
    /// ```
    pub enum QualityVerdict {
        /// A blocking requirement is not met: the product must not be released or used as described.
        Fail => "fail", "fail";
        /// No blocking requirement fails, but facts a blocking rule needs are missing.
        Undetermined => "undetermined", "undetermined (blocking facts missing)";
        /// Every blocking requirement is met; some warnings need an answer.
        PassWithWarnings => "pass_with_warnings", "pass with warnings";
        /// Every requirement is met.
        Pass => "pass", "pass";
    }
}

/// **The result of [`assess_quality`]**: the verdict and every finding behind it.
///
/// Findings that pass, or do not apply, carry [`Severity::Info`]; a finding's severity says how
/// much its outcome matters. The verdict is:
/// - [`QualityVerdict::Fail`] if any blocking finding is not met;
/// - else [`QualityVerdict::Undetermined`] if any blocking finding is undetermined;
/// - else [`QualityVerdict::PassWithWarnings`] if any finding is a warning;
/// - else [`QualityVerdict::Pass`].
///
/// `Display` prints the verdict, then the findings grouped by severity (blocking, warning,
/// info), one per line.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{Outcome, Product, RuleId, assess_quality};
/// use msc_therapy::engine::quality::{QualityPolicy, QualityVerdict};
///
/// let product = Product::from_json(r#"{
///     "name": "Expanded BM-MSC lot",
///     "preparation": "culture_expanded_msc",
///     "release": {"state": "cryopreserved",
///                 "viability": [{"percent": 65, "timing": "post_thaw"}]}
/// }"#)?;
/// let report = assess_quality(&product, &QualityPolicy::default(), jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.verdict, QualityVerdict::Fail);
/// let viability = report.finding(RuleId::QualityViabilityMinimum).unwrap();
/// assert_eq!(viability.outcome, Outcome::NotMet);
/// assert!(report.to_string().starts_with("Quality verdict: fail"));
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct QualityReport {
    /// The overall verdict.
    pub verdict: QualityVerdict,
    /// The date the assessment applied (the caller's evaluation date).
    pub evaluated_on: IsoDate,
    /// One finding per rule, in the order of the rule table.
    pub findings: Vec<Finding>,
}

impl QualityReport {
    /// Builds a report from findings, deriving the verdict.
    pub(super) fn from_findings(mut findings: Vec<Finding>, on: jiff::civil::Date) -> Self {
        findings.extend(crate::law::horizon_finding(on));
        crate::law::calibrate(&mut findings);
        let blocking = |outcome: Outcome| {
            findings
                .iter()
                .any(|f| f.severity == Severity::Blocking && f.outcome == outcome)
        };
        let verdict = if blocking(Outcome::NotMet) {
            QualityVerdict::Fail
        } else if findings.iter().any(|f| f.severity == Severity::Blocking) {
            QualityVerdict::Undetermined
        } else if findings.iter().any(|f| f.severity == Severity::Warning) {
            QualityVerdict::PassWithWarnings
        } else {
            QualityVerdict::Pass
        };
        Self {
            verdict,
            evaluated_on: on.into(),
            findings,
        }
    }

    /// The finding of one rule, if the report has it.
    #[must_use]
    pub fn finding(&self, rule: RuleId) -> Option<&Finding> {
        self.findings.iter().find(|f| f.rule == rule)
    }
}

impl fmt::Display for QualityReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Quality verdict: {}", self.verdict)?;
        for severity in Severity::ALL {
            let group = || self.findings.iter().filter(|x| x.severity == *severity);
            let count = group().count();
            if count == 0 {
                continue;
            }
            writeln!(f, "{} ({}):", severity.label(), count)?;
            for finding in group() {
                writeln!(f, "  {finding}")?;
            }
        }
        Ok(())
    }
}
