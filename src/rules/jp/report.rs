//! The Japanese assessment: the classifications and their findings.

use super::*;

/// **The Japanese classification of one product**: its ASRM risk class (clinical research and
/// private practice) and its PMD Act status (commercial products), with the findings.
///
/// Produced by [`classify_jp`]. `Display` writes a short memo: both answers on the first line,
/// then one line per finding.
///
/// # Examples
///
/// ```
/// use msc_therapy::{Product, classify_jp};
/// use msc_therapy::engine::jp::AsrmRiskClass;
/// use msc_therapy::vocab::Text;
///
/// let report = classify_jp(&Product::named(Text::new("unknown product")?), jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
/// assert!(report.to_string().starts_with("Japan: ASRM undetermined"));
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct JpAssessment {
    /// The ASRM risk class, for use in clinical research or private practice.
    pub risk_class: AsrmRiskClass,
    /// The PMD Act status, for commercial manufacture and sale.
    pub pmd_act: PmdActStatus,
    /// The date the assessment applied (the caller's evaluation date).
    pub evaluated_on: crate::IsoDate,
    /// The findings, in the order the rules ran.
    pub findings: Vec<Finding>,
}

impl JpAssessment {
    /// The finding of one rule, if it ran.
    #[must_use]
    pub fn finding(&self, rule: RuleId) -> Option<&Finding> {
        self.findings.iter().find(|f| f.rule == rule)
    }
}

impl fmt::Display for JpAssessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Japan: ASRM {} ({}); PMD Act {} ({})",
            self.risk_class.code(),
            self.risk_class.label(),
            self.pmd_act.code(),
            self.pmd_act.label()
        )?;
        for finding in &self.findings {
            write!(f, "\n- {finding}")?;
        }
        Ok(())
    }
}
