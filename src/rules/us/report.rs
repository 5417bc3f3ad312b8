//! The US assessment: the classification and its findings.

use super::*;

/// **The US classification of one product, with the reasons for it**: the outcome, the finding
/// of every step, the criteria that failed and the facts that were missing.
///
/// Returned by [`classify_us`]. `Display` renders a short regulatory memo: a heading with the
/// product's name and outcome, the consequence, the criteria that failed, the missing facts, then
/// one line per step (met / not met / undetermined / not applicable, with reason, facts and
/// citation).
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{Product, RuleId, classify_us};
/// use msc_therapy::engine::us::UsClassification;
///
/// let ryoncil = Product::from_json(r#"{
///     "name": "Ryoncil (remestemcel-L)",
///     "preparation": "culture_expanded_msc",
///     "tissue": "bone_marrow",
///     "donor": "allogeneic_unrelated",
///     "processing": {"steps": ["culture_expansion", "cryopreservation"], "added_articles": ["storage_agent"]},
///     "intended_use": {"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]},
///     "mechanisms": ["immunomodulation"]
/// }"#)?;
/// let report = classify_us(&ryoncil, jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.classification, UsClassification::Section351Product);
/// assert!(report.failed.contains(&RuleId::UsMinimalManipulation));
/// assert!(report.to_string().contains("Section 351"));
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
///
/// In JSON the full form writes the `consequence` and `citation` of the classification; the
/// [`Compact`](crate::Compact) form leaves that table text out, as it leaves out each finding's
/// summary and citation. Either form reads back into the same assessment: the text is looked up
/// from the classification when it is left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct UsAssessment {
    /// The product's name, as the record gives it.
    pub product: Text,
    /// The outcome.
    pub classification: UsClassification,
    /// What the outcome means for the product (from the [`UsClassification`] table).
    #[serde(skip_serializing_if = "crate::finding::table_text_implied")]
    pub consequence: &'static str,
    /// Where that consequence comes from.
    #[serde(skip_serializing_if = "crate::finding::table_text_implied")]
    pub citation: &'static str,
    /// The date the assessment applied (the caller's evaluation date).
    pub evaluated_on: crate::IsoDate,
    /// One finding per step, in the order of FDA's flowchart: `us.cfr1271.3.d`,
    /// `us.cfr1271.15.b`, then `us.cfr1271.10.a.1` to `.a.4`. Steps after the one that decided
    /// the outcome are [`Outcome::NotApplicable`]. Then one `us.determination` finding per
    /// determination the record holds for a US rule ([`crate::Determination`]): used, not used
    /// (dated after the evaluation date), or contradicted. For an evaluation date after the
    /// crate's knowledge horizon, a `law.knowledge_horizon` finding comes last.
    pub findings: Vec<Finding>,
    /// The criteria of 21 CFR 1271.10(a) that the product fails.
    pub failed: Vec<RuleId>,
    /// When the outcome is [`UsClassification::Undetermined`], the facts it lacks, as dotted
    /// input paths (`processing.same_surgical_procedure`), or `tissue.fda_class` /
    /// `tissue.basic_functions` when the tissue is one FDA's guidance does not classify, and
    /// `donor` when the donor is stated as `allogeneic` without the relation 1271.10(a)(4)
    /// needs. Only
    /// facts whose presence could change the outcome: once a 1271.10(a) criterion fails, the
    /// other criteria's gaps are left out. Empty otherwise.
    pub missing: Paths,
}

/// A US assessment as it is read: either form. `consequence` and `citation`, when given, must be
/// texts of the [`UsClassification`] table; when left out they are the classification's.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename = "UsAssessment")]
pub(super) struct UsAssessmentRepr {
    pub(super) product: Text,
    pub(super) classification: UsClassification,
    // Spelled `core::primitive::str` so that serde does not borrow it from the input: the text
    // is looked up in the table.
    #[serde(default, deserialize_with = "crate::readback::us_consequence_if_given")]
    pub(super) consequence: Option<&'static core::primitive::str>,
    #[serde(default, deserialize_with = "crate::readback::us_citation_if_given")]
    pub(super) citation: Option<&'static core::primitive::str>,
    pub(super) evaluated_on: crate::IsoDate,
    pub(super) findings: Vec<Finding>,
    pub(super) failed: Vec<RuleId>,
    pub(super) missing: Paths,
}

impl<'de> serde::Deserialize<'de> for UsAssessment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let repr = UsAssessmentRepr::deserialize(deserializer)?;
        let row = repr.classification.info();
        Ok(Self {
            product: repr.product,
            classification: repr.classification,
            consequence: repr.consequence.unwrap_or(row.consequence),
            citation: repr.citation.unwrap_or(row.citation),
            evaluated_on: repr.evaluated_on,
            findings: repr.findings,
            failed: repr.failed,
            missing: repr.missing,
        })
    }
}

/// **The US classification of one product, with the reasons for it**: the outcome, the finding
/// of every step, the criteria that failed and the facts that were missing.
///
/// Returned by [`classify_us`].
#[cfg(feature = "schemars")]
#[derive(schemars::JsonSchema)]
#[serde(rename = "UsAssessment", deny_unknown_fields)]
#[allow(dead_code)]
pub(super) struct UsAssessmentSchema {
    /// The product's name, as the record gives it.
    pub(super) product: Text,
    /// The outcome.
    pub(super) classification: UsClassification,
    /// What the outcome means for the product (from the [`UsClassification`] table).
    pub(super) consequence: String,
    /// Where that consequence comes from.
    pub(super) citation: String,
    /// The date the assessment applied (the caller's evaluation date).
    pub(super) evaluated_on: crate::IsoDate,
    /// One finding per step, in the order of FDA's flowchart: `us.cfr1271.3.d`,
    /// `us.cfr1271.15.b`, then `us.cfr1271.10.a.1` to `.a.4`. Steps after the one that decided
    /// the outcome are [`Outcome::NotApplicable`].
    pub(super) findings: Vec<Finding>,
    /// The criteria of 21 CFR 1271.10(a) that the product fails.
    pub(super) failed: Vec<RuleId>,
    /// When the outcome is [`UsClassification::Undetermined`], the facts it lacks, as dotted
    /// input paths (`processing.same_surgical_procedure`), or `tissue.fda_class` /
    /// `tissue.basic_functions` when the tissue is one FDA's guidance does not classify, and
    /// `donor` when the donor is stated as `allogeneic` without the relation 1271.10(a)(4)
    /// needs. Only
    /// facts whose presence could change the outcome: once a 1271.10(a) criterion fails, the
    /// other criteria's gaps are left out. Empty otherwise.
    pub(super) missing: Paths,
}

#[cfg(feature = "schemars")]
crate::finding::two_forms_schema!(UsAssessment, UsAssessmentSchema, "UsAssessment", |object| {
    // The compact form leaves out the table text, looked up from the classification.
    crate::finding::drop_required(object, "consequence");
    crate::finding::drop_required(object, "citation");
});

impl UsAssessment {
    /// The finding of one step, if the assessment has it.
    #[must_use]
    pub fn finding(&self, rule: RuleId) -> Option<&Finding> {
        self.findings.iter().find(|f| f.rule == rule)
    }

    /// The outcome of one step; [`Outcome::Undetermined`] if the assessment has no such step.
    #[must_use]
    pub fn outcome_of(&self, rule: RuleId) -> Outcome {
        self.finding(rule)
            .map_or(Outcome::Undetermined, |f| f.outcome)
    }
}

impl fmt::Display for UsAssessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "US classification under 21 CFR Part 1271: {}",
            self.product
        )?;
        writeln!(f, "Outcome: {}", self.classification.label())?;
        writeln!(f, "Consequence: {} [{}]", self.consequence, self.citation)?;
        if !self.failed.is_empty() {
            f.write_str("Criteria not met:")?;
            for (i, rule) in self.failed.iter().enumerate() {
                let sep = if i == 0 { " " } else { "; " };
                write!(f, "{sep}{rule} ({})", rule.label())?;
            }
            writeln!(f)?;
        }
        if !self.missing.is_empty() {
            writeln!(f, "Missing facts: {}", self.missing.join(", "))?;
        }
        f.write_str("Steps:")?;
        for (i, finding) in self.findings.iter().enumerate() {
            write!(f, "\n  {}. {finding}", i + 1)?;
        }
        Ok(())
    }
}
