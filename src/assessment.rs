//! Every engine over one product, in one document.

use crate::{
    EuAssessment, JpAssessment, Product, QualityPolicy, QualityReport, UsAssessment, classify_eu,
    classify_jp, classify_us,
};
use serde::Serialize;
use std::fmt;

/// **Everything the crate concludes about one product**: the US classification under
/// 21 CFR Part 1271, the release-quality verdict under a [`QualityPolicy`], and the EU and Japanese
/// classifications, with the product they were drawn from.
///
/// It is the document `cargo run --example assess -- --json PRODUCT.json` prints, and its JSON
/// Schema is exported as `schemas/product_assessment.schema.json`.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{Product, QualityPolicy, UsClassification, assess_product};
///
/// let product = Product::from_json(r#"{
///     "name": "Cultured marrow MSCs",
///     "preparation": "culture_expanded_msc",
///     "tissue": "bone_marrow",
///     "donor": "allogeneic_unrelated",
///     "processing": {"steps": ["culture_expansion"]}
/// }"#)?;
/// let assessment = assess_product(&product, &QualityPolicy::default());
/// // Culture expansion is more than minimal manipulation: a 351 product, whatever else is missing.
/// assert_eq!(assessment.us.classification, UsClassification::Section351Product);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ProductAssessment {
    /// The product assessed.
    pub product: Product,
    /// US classification under 21 CFR Part 1271.
    pub us: UsAssessment,
    /// Release-quality findings.
    pub quality: QualityReport,
    /// EU classification under Regulation (EC) No 1394/2007.
    pub eu: EuAssessment,
    /// Japanese classification under the ASRM and the PMD Act.
    pub jp: JpAssessment,
}

/// Runs every engine over `product`.
///
/// Pure and infallible, like each engine: missing facts become "undetermined" findings.
#[must_use]
pub fn assess_product(product: &Product, policy: &QualityPolicy) -> ProductAssessment {
    ProductAssessment {
        product: product.clone(),
        us: classify_us(product),
        quality: crate::assess_quality(product, policy),
        eu: classify_eu(product),
        jp: classify_jp(product),
    }
}

impl fmt::Display for ProductAssessment {
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
