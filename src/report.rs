//! What every report shares: its headline answer ([`Report::headline`]), its findings, and, with
//! the `json` feature, `to_json` / `to_json_pretty`.

#[cfg(feature = "json")]
use crate::ProductAssessment;
use crate::{
    AsrmRiskClass, EuAssessment, EuClassification, Finding, JpAssessment, OfferEvaluation,
    PatientVerdict, PmdActStatus, QualityReport, QualityVerdict, UsAssessment, UsClassification,
};
use std::fmt;

/// **The one-line answer of a report**: the US classification, the quality verdict, the EU
/// classification, the two Japanese answers, or the patient's verdict on an offer.
///
/// Each report names its answer in its own words (`classification`, `verdict`, `risk_class`);
/// this enum lets code that handles any report read it in one place.
///
/// # Examples
///
/// ```
/// use msc_therapy::{Headline, Product, Report, classify_us};
/// use msc_therapy::vocab::Text;
///
/// let product = Product::named(Text::new("Unknown vial")?);
/// let headline = classify_us(&product, jiff::civil::date(2026, 12, 7)).headline();
/// assert_eq!(headline.codes(), vec!["undetermined"]);
/// assert!(!headline.is_settled());
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Headline {
    /// The US classification under 21 CFR Part 1271.
    Us(UsClassification),
    /// The release-quality verdict.
    Quality(QualityVerdict),
    /// The EU classification under Regulation (EC) No 1394/2007.
    Eu(EuClassification),
    /// Japan: the ASRM risk class and the PMD Act status.
    Japan {
        /// The risk class under the Act on the Safety of Regenerative Medicine.
        risk_class: AsrmRiskClass,
        /// The status under the PMD Act.
        pmd_act: PmdActStatus,
    },
    /// The patient's verdict on a clinic's offer.
    Offer(PatientVerdict),
    /// Everything concluded about one product ([`crate::ProductAssessment`]): the US
    /// classification, the quality verdict, the EU classification and the two Japanese answers.
    Product {
        /// The US classification under 21 CFR Part 1271.
        us: UsClassification,
        /// The release-quality verdict.
        quality: QualityVerdict,
        /// The EU classification under Regulation (EC) No 1394/2007.
        eu: EuClassification,
        /// The risk class under the Act on the Safety of Regenerative Medicine.
        risk_class: AsrmRiskClass,
        /// The status under the PMD Act.
        pmd_act: PmdActStatus,
    },
}

impl Headline {
    /// The machine name(s) of the answer, as the report's JSON writes them (two for Japan, five
    /// for a product: US, quality, EU, then Japan's two).
    #[must_use]
    pub fn codes(&self) -> Vec<&'static str> {
        match *self {
            Self::Us(c) => vec![c.code()],
            Self::Quality(v) => vec![v.code()],
            Self::Eu(c) => vec![c.code()],
            Self::Japan {
                risk_class,
                pmd_act,
            } => vec![risk_class.code(), pmd_act.code()],
            Self::Offer(v) => vec![v.code()],
            Self::Product {
                us,
                quality,
                eu,
                risk_class,
                pmd_act,
            } => vec![
                us.code(),
                quality.code(),
                eu.code(),
                risk_class.code(),
                pmd_act.code(),
            ],
        }
    }

    /// The answer is settled: no part of it is "undetermined" (an offer's verdict always is).
    #[must_use]
    pub fn is_settled(&self) -> bool {
        !self.codes().contains(&"undetermined")
    }
}

impl fmt::Display for Headline {
    /// The label(s) for people: `Section 351 drug / biological product`,
    /// `Class I (high risk); regenerative medical product`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Us(c) => f.write_str(c.label()),
            Self::Quality(v) => f.write_str(v.label()),
            Self::Eu(c) => f.write_str(c.label()),
            Self::Japan {
                risk_class,
                pmd_act,
            } => write!(f, "{}; {}", risk_class.label(), pmd_act.label()),
            Self::Offer(v) => f.write_str(v.label()),
            Self::Product {
                us,
                quality,
                eu,
                risk_class,
                pmd_act,
            } => write!(
                f,
                "US: {}; quality: {}; EU: {}; Japan: {}; {}",
                us.label(),
                quality.label(),
                eu.label(),
                risk_class.label(),
                pmd_act.label()
            ),
        }
    }
}

/// **What every report of the crate offers**: its headline answer and the findings behind it.
///
/// Implemented by [`UsAssessment`], [`QualityReport`], [`EuAssessment`], [`JpAssessment`],
/// [`OfferEvaluation`] and [`crate::ProductAssessment`] (all four engines over one product).
///
/// # Examples
///
/// ```
/// use msc_therapy::{Product, Report, assess_quality, classify_eu, classify_us};
/// use msc_therapy::engine::quality::QualityPolicy;
/// use msc_therapy::vocab::Text;
///
/// let product = Product::named(Text::new("Unknown vial")?);
/// let reports: Vec<Box<dyn Report>> = vec![
///     Box::new(classify_us(&product, jiff::civil::date(2026, 12, 7))),
///     Box::new(assess_quality(&product, &QualityPolicy::default(), jiff::civil::date(2026, 12, 7))),
///     Box::new(classify_eu(&product, jiff::civil::date(2026, 12, 7))),
/// ];
/// for report in &reports {
///     assert!(report.findings().count() > 0, "{}", report.headline());
/// }
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
pub trait Report {
    /// The report's one-line answer.
    fn headline(&self) -> Headline;

    /// Every finding of the report, in the report's order.
    fn findings(&self) -> Box<dyn Iterator<Item = &Finding> + '_>;
}

impl Report for UsAssessment {
    fn headline(&self) -> Headline {
        Headline::Us(self.classification)
    }
    fn findings(&self) -> Box<dyn Iterator<Item = &Finding> + '_> {
        Box::new(self.findings.iter())
    }
}

impl Report for QualityReport {
    fn headline(&self) -> Headline {
        Headline::Quality(self.verdict)
    }
    fn findings(&self) -> Box<dyn Iterator<Item = &Finding> + '_> {
        Box::new(self.findings.iter())
    }
}

impl Report for EuAssessment {
    fn headline(&self) -> Headline {
        Headline::Eu(self.classification)
    }
    fn findings(&self) -> Box<dyn Iterator<Item = &Finding> + '_> {
        Box::new(self.findings.iter())
    }
}

impl Report for JpAssessment {
    fn headline(&self) -> Headline {
        Headline::Japan {
            risk_class: self.risk_class,
            pmd_act: self.pmd_act,
        }
    }
    fn findings(&self) -> Box<dyn Iterator<Item = &Finding> + '_> {
        Box::new(self.findings.iter())
    }
}

impl Report for crate::ProductAssessment<'_> {
    fn headline(&self) -> Headline {
        Headline::Product {
            us: self.us.classification,
            quality: self.quality.verdict,
            eu: self.eu.classification,
            risk_class: self.jp.risk_class,
            pmd_act: self.jp.pmd_act,
        }
    }
    /// The findings of the four reports: US, quality, EU, then Japan.
    fn findings(&self) -> Box<dyn Iterator<Item = &Finding> + '_> {
        Box::new(
            self.us
                .findings()
                .chain(self.quality.findings())
                .chain(self.eu.findings())
                .chain(self.jp.findings()),
        )
    }
}

impl Report for OfferEvaluation {
    fn headline(&self) -> Headline {
        Headline::Offer(self.verdict)
    }
    fn findings(&self) -> Box<dyn Iterator<Item = &Finding> + '_> {
        Box::new(
            self.walk_away
                .iter()
                .chain(&self.ask_first)
                .chain(&self.good_signs)
                .chain(&self.notes),
        )
    }
}

/// `to_json` and `to_json_pretty` for output documents.
#[cfg(feature = "json")]
macro_rules! to_json {
    ($($ty:ty),+) => {$(
        impl $ty {
            /// The report as compact JSON, in the shape of its exported schema.
            #[must_use]
            #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
            pub fn to_json(&self) -> String {
                // Every output serializes: string keys only, no fallible `Serialize` impl.
                crate::json::to_string(self).expect("an output document serializes")
            }

            /// The report as JSON indented by two spaces, in the shape of its exported schema.
            #[must_use]
            #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
            pub fn to_json_pretty(&self) -> String {
                serde_json::to_string_pretty(self).expect("an output document serializes")
            }
        }
    )+};
}

#[cfg(feature = "json")]
to_json!(
    Finding,
    UsAssessment,
    QualityReport,
    EuAssessment,
    JpAssessment,
    ProductAssessment<'_>,
    OfferEvaluation,
    crate::what_if::SettlingFacts,
    crate::what_if::SmallestChanges
);
