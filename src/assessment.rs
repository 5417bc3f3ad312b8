//! Every engine over one product, in one document.

use crate::rules::eu::classify_eu_sharing;
use crate::rules::jp::classify_jp_sharing;
use crate::rules::profile::Profile;
use crate::rules::us::classify_us_sharing;
use crate::{EuAssessment, JpAssessment, Product, QualityPolicy, QualityReport, UsAssessment};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// **Everything the crate concludes about one product**: the US classification under
/// 21 CFR Part 1271, the release-quality verdict under a [`QualityPolicy`], and the EU and Japanese
/// classifications, with the product they were drawn from.
///
/// It is the document `msc-therapy product --json PRODUCT.json` prints, and its JSON
/// Schema is exported as `schemas/product_assessment.schema.json` (full form) and
/// `schemas/product_assessment_compact.schema.json` ([`Compact`](crate::Compact) form).
///
/// The assessment *borrows* the product it was drawn from ([`assess_product`] takes
/// `&Product`): assessing never copies the product, and the product stays the caller's. An
/// assessment read back from JSON owns its product, as does one passed through
/// [`ProductAssessment::into_owned`], which can outlive the product it was drawn from. A
/// `Cow` rather than a plain reference keeps one type for both, so that a stored assessment and
/// a fresh one compare with `==`.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{Product, assess_product};
/// use msc_therapy::engine::quality::QualityPolicy;
/// use msc_therapy::engine::us::UsClassification;
///
/// let product = Product::from_json(r#"{
///     "name": "Cultured marrow MSCs",
///     "preparation": "culture_expanded_msc",
///     "tissue": "bone_marrow",
///     "donor": "allogeneic_unrelated",
///     "processing": {"steps": ["culture_expansion"]}
/// }"#)?;
/// let assessment = assess_product(&product, jiff::civil::date(2026, 12, 7));
/// // Culture expansion is more than minimal manipulation: a 351 product, whatever else is missing.
/// assert_eq!(assessment.us.classification, UsClassification::Section351Product);
/// assert_eq!(*assessment.product, product);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProductAssessment<'a> {
    /// The product assessed.
    pub product: Cow<'a, Product>,
    /// US classification under 21 CFR Part 1271.
    pub us: UsAssessment,
    /// Release-quality findings.
    pub quality: QualityReport,
    /// EU classification under Regulation (EC) No 1394/2007.
    pub eu: EuAssessment,
    /// Japanese classification under the ASRM and the PMD Act.
    pub jp: JpAssessment,
    /// The date the assessment applied: the law, the catalog and certificate expiry as of this
    /// day (the caller's evaluation date).
    pub evaluated_on: crate::IsoDate,
}

impl ProductAssessment<'_> {
    /// The same assessment, owning its product (one copy of the product, if it was borrowed).
    #[must_use]
    pub fn into_owned(self) -> ProductAssessment<'static> {
        ProductAssessment {
            product: Cow::Owned(self.product.into_owned()),
            us: self.us,
            quality: self.quality,
            eu: self.eu,
            jp: self.jp,
            evaluated_on: self.evaluated_on,
        }
    }
}

/// Runs every engine over `product`, on the evaluation date `on`, with the default
/// [`QualityPolicy`] (the pharmacopoeias' and the law's limits).
///
/// Pure and infallible, like each engine: missing facts become "undetermined" findings. The
/// result borrows `product` (see [`ProductAssessment`]). The crate reads no clock: pass the day
/// whose law applies (`jiff::Zoned::now().date()` for today).
#[must_use]
pub fn assess_product(product: &Product, on: jiff::civil::Date) -> ProductAssessment<'_> {
    assess_product_with(product, &QualityPolicy::default(), on)
}

/// Runs every engine over `product`, on the evaluation date `on`, with a laboratory's own
/// quality thresholds (`policy`).
///
/// Pure and infallible, like each engine: missing facts become "undetermined" findings. The
/// result borrows `product` (see [`ProductAssessment`]).
#[must_use]
pub fn assess_product_with<'a>(
    product: &'a Product,
    policy: &QualityPolicy,
    on: jiff::civil::Date,
) -> ProductAssessment<'a> {
    // The US, EU and Japanese engines read the product once, through one profile: the steps
    // known, the site of use, the comparison of its use with its tissue's functions, ….
    let profile = Profile::new(product);
    ProductAssessment {
        product: Cow::Borrowed(product),
        us: classify_us_sharing(&profile, on),
        quality: crate::assess_quality(product, policy, on),
        eu: classify_eu_sharing(&profile, on),
        jp: classify_jp_sharing(&profile, on),
        evaluated_on: on.into(),
    }
}

impl fmt::Display for ProductAssessment<'_> {
    /// The product summary, then the US memo, the quality findings and the EU and Japan memos,
    /// separated by blank lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.product)?;
        writeln!(f, "{}", self.us)?;
        writeln!(f, "{}", self.quality)?;
        writeln!(f, "{}", self.eu)?;
        write!(f, "{}", self.jp)
    }
}
