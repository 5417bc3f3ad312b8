//! The EU assessment: the classification and its findings.

use super::*;

/// **The EU classification of one product**, with the findings that support it.
///
/// Produced by [`classify_eu`]. Each finding cites the article it applies: the two "engineered"
/// criteria of Regulation (EC) No 1394/2007 Art 2(1)(c), the ATMP class (Art 2(1)(a)-(b) and
/// Directive 2001/83/EC Annex I Part IV), Directive 2004/23/EC Art 2, and the informational
/// hospital exemption (Art 28) and CAT classification (Art 17) findings.
///
/// `Display` writes a short memo: the classification on the first line, then one line per
/// finding.
///
/// # Examples
///
/// ```
/// use msc_therapy::{Product, classify_eu};
/// use msc_therapy::engine::eu::EuClassification;
/// use msc_therapy::vocab::Text;
///
/// let report = classify_eu(&Product::named(Text::new("unknown product")?), jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.classification, EuClassification::Undetermined);
/// assert!(report.to_string().starts_with("EU classification: undetermined"));
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EuAssessment {
    /// Where EU law places the product.
    pub classification: EuClassification,
    /// The date the assessment applied (the caller's evaluation date).
    pub evaluated_on: crate::IsoDate,
    /// The findings, in the order the rules ran.
    pub findings: Vec<Finding>,
}

impl EuAssessment {
    /// The assessment on `on`: the findings held to the rule of certainty, and the knowledge
    /// horizon's warning added when `on` lies after it.
    pub(super) fn new(
        classification: EuClassification,
        mut findings: Vec<Finding>,
        on: Date,
    ) -> Self {
        findings.extend(crate::law::horizon_finding(on));
        crate::law::calibrate(&mut findings);
        Self {
            classification,
            evaluated_on: on.into(),
            findings,
        }
    }

    /// The finding of one rule, if it ran.
    #[must_use]
    pub fn finding(&self, rule: RuleId) -> Option<&Finding> {
        self.findings.iter().find(|f| f.rule == rule)
    }
}

impl fmt::Display for EuAssessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "EU classification: {} ({})",
            self.classification.code(),
            self.classification.label()
        )?;
        for finding in &self.findings {
            write!(f, "\n- {finding}")?;
        }
        Ok(())
    }
}
