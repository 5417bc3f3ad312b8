//! The offer evaluation: the verdict, the findings in their groups, the classifications.

use super::*;

/// **The evaluation of a clinic's offer**, grouped as the patient would act on it.
///
/// The verdict is the worst group with a finding. The classifications the evaluation used are
/// kept for readers who want the regulatory detail: `us`, `eu` or `jp` for an offer made under
/// that law (none when the offer does not say where it is made), and `quality` for the product's
/// release data. `product` is the catalog entry the offer names, when it names one the catalog
/// holds.
///
/// `Display` writes a plain-language summary for the patient: the verdict, then each group
/// ("Walk away", "Ask first", "Good signs", "For your information") with one line per finding
/// (its reason, rule id and citation), the numbered questions to ask the clinic, what to expect,
/// and one line each for the classifications used and the release-quality verdict.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{ClinicOffer, RuleId, evaluate_offer};
/// use msc_therapy::engine::offer::PatientVerdict;
///
/// let offer = ClinicOffer::from_json(r#"{
///     "jurisdiction": "united_states",
///     "product": {"name": "Umbilical stem cell shot", "tissue": "whartons_jelly",
///                 "donor": "allogeneic_unrelated", "supply": "off_the_shelf"},
///     "indication": "knee_osteoarthritis",
///     "claims": [{"kind": "fda_approved", "indications": []}]
/// }"#)?;
/// let eval = evaluate_offer(&offer, jiff::civil::date(2026, 12, 7));
/// assert_eq!(eval.verdict, PatientVerdict::WalkAway);
/// assert!(eval.walk_away.iter().any(|f| f.rule == RuleId::OfferClaimFdaApproved));
/// assert!(eval.us.is_some() && eval.eu.is_none());
/// assert!(eval.to_string().starts_with("Verdict: walk away"));
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OfferEvaluation {
    /// What to do.
    pub verdict: PatientVerdict,
    /// Red flags: reasons to walk away (severity blocking).
    pub walk_away: Vec<Finding>,
    /// Open questions to settle before agreeing (severity warning).
    pub ask_first: Vec<Finding>,
    /// Checklist items the offer meets (severity info).
    pub good_signs: Vec<Finding>,
    /// Context that is neither good nor bad, and items that do not apply (severity info).
    pub notes: Vec<Finding>,
    /// Questions to ask the clinic, one per open or failed item whose answer the offer does not
    /// already give.
    pub questions: Vec<Question>,
    /// What to expect if the patient goes ahead.
    pub expectations: Vec<Expectation>,
    /// The catalog entry the offer names, when the catalog holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<CatalogKey>,
    /// The product's US classification under 21 CFR Part 1271 ([`classify_us`]), for an offer
    /// made in the United States.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub us: Option<UsAssessment>,
    /// The product's EU classification ([`classify_eu`]), for an offer made in the EU.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eu: Option<EuAssessment>,
    /// The product's Japanese classification ([`classify_jp`]), for an offer made in Japan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jp: Option<JpAssessment>,
    /// The assessment of the product's release data ([`assess_quality`]).
    pub quality: QualityReport,
    /// The date the evaluation applied: the law, the catalog and certificate expiry as of this
    /// day (the caller's evaluation date).
    pub evaluated_on: crate::IsoDate,
}

impl OfferEvaluation {
    /// Every finding, in the order walk away, ask first, good signs, notes.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.walk_away
            .iter()
            .chain(&self.ask_first)
            .chain(&self.good_signs)
            .chain(&self.notes)
    }

    /// The first finding of `rule`, in any group.
    #[must_use]
    pub fn finding(&self, rule: RuleId) -> Option<&Finding> {
        self.findings().find(|f| f.rule == rule)
    }
}

pub(super) fn write_group<'a>(
    f: &mut fmt::Formatter<'_>,
    title: &str,
    findings: impl Iterator<Item = &'a Finding>,
) -> fmt::Result {
    let mut findings = findings.peekable();
    if findings.peek().is_none() {
        return Ok(());
    }
    writeln!(f, "{title}:")?;
    for finding in findings {
        let text = finding
            .reason
            .map_or(finding.summary(), |reason| reason.text());
        writeln!(f, "  - {text} [{}; {}]", finding.rule, finding.citation())?;
    }
    Ok(())
}

impl fmt::Display for OfferEvaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.verdict {
            PatientVerdict::WalkAway => {
                "the offer shows red flags the source texts say to walk away from."
            }
            PatientVerdict::AskFirst => "get answers to the questions below before agreeing.",
            PatientVerdict::GoodSigns => {
                "the checklist found good signs; this is still a medical decision to take with your physician."
            }
        };
        writeln!(f, "Verdict: {} — {why}", self.verdict.label())?;
        write_group(f, "Walk away", self.walk_away.iter())?;
        write_group(f, "Ask first", self.ask_first.iter())?;
        write_group(f, "Good signs", self.good_signs.iter())?;
        let notes = self
            .notes
            .iter()
            .filter(|n| n.outcome != Outcome::NotApplicable);
        write_group(f, "For your information", notes)?;
        if !self.questions.is_empty() {
            writeln!(f, "Questions to ask the clinic:")?;
            for (i, q) in self.questions.iter().enumerate() {
                writeln!(f, "  {}. {}", i + 1, q.label())?;
            }
        }
        if !self.expectations.is_empty() {
            writeln!(f, "What to expect:")?;
            for e in &self.expectations {
                writeln!(f, "  - {} [{}]", e.info().text, e.info().citation)?;
            }
        }
        if let Some(us) = &self.us {
            writeln!(
                f,
                "US classification (21 CFR Part 1271): {}",
                us.classification.label()
            )?;
        }
        if let Some(eu) = &self.eu {
            writeln!(
                f,
                "EU classification (Regulation (EC) No 1394/2007): {}",
                eu.classification.label()
            )?;
        }
        if let Some(jp) = &self.jp {
            writeln!(
                f,
                "Japanese classification: ASRM {}, PMD Act {}",
                jp.risk_class.label(),
                jp.pmd_act.label()
            )?;
        }
        write!(f, "Release quality: {}", self.quality.verdict.label())
    }
}
