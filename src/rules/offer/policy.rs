//! The offer policy: what the checklist counts as many conditions, with the source texts' default.

use super::*;

/// **How many families of conditions make "a myriad of diseases"**: a whole number from 2 to
/// the number of [`IndicationCategory`] families (12).
///
/// One family is one area of medicine (related joint problems are not a myriad), so the
/// smallest threshold is 2.
///
/// # Examples
///
/// ```
/// use msc_therapy::engine::offer::ConditionFamilies;
///
/// assert_eq!(ConditionFamilies::new(3)?.get(), 3);
/// assert_eq!(
///     ConditionFamilies::new(0).unwrap_err().to_string(),
///     "number of condition families must be between 2 and 12, got 0"
/// );
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
///
/// # Errors
///
/// [`ValueError::OutOfRange`] outside 2 to 12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct ConditionFamilies(u8);

impl ConditionFamilies {
    /// Validates and wraps a threshold.
    ///
    /// # Errors
    ///
    /// See the type's documentation.
    pub fn new(value: u64) -> Result<Self, ValueError> {
        #[allow(clippy::cast_possible_truncation)]
        let max = IndicationCategory::ALL.len() as u64;
        if (2..=max).contains(&value) {
            #[allow(clippy::cast_possible_truncation)]
            Ok(Self(value as u8))
        } else {
            #[allow(clippy::cast_precision_loss)]
            Err(ValueError::OutOfRange {
                what: "number of condition families",
                value: value as f64,
                min: 2.0,
                max: max as f64,
            })
        }
    }

    /// The threshold.
    #[must_use]
    pub const fn get(self) -> usize {
        self.0 as usize
    }
}

impl TryFrom<u64> for ConditionFamilies {
    type Error = ValueError;
    fn try_from(value: u64) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl From<ConditionFamilies> for u64 {
    fn from(value: ConditionFamilies) -> u64 {
        u64::from(value.0)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for ConditionFamilies {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ConditionFamilies".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "integer", "minimum": 2, "maximum": 12})
    }
}

/// **The thresholds the offer checklist uses**, each taken from the one place the crate keeps it.
///
/// Every number has a domain checked on construction and on deserialization (each field is a
/// validated type), so a policy document with `"myriad_min_categories": 0` is refused, naming
/// the field.
///
/// # Examples
///
/// ```
/// use msc_therapy::engine::offer::OfferPolicy;
/// use msc_therapy::engine::quality::QualityPolicy;
/// use msc_therapy::engine::us::US_MYRIAD_INDICATION_CATEGORIES;
///
/// let policy = OfferPolicy::default();
/// assert_eq!(policy.min_live_cells, QualityPolicy::default().min_viable_cells);
/// assert_eq!(policy.min_live_cells.get(), 1_000_000);
/// assert_eq!(policy.myriad_min_categories.get(), US_MYRIAD_INDICATION_CATEGORIES);
/// ```
///
/// # Errors
///
/// [`OfferPolicy::from_json`] returns a [`crate::DocumentError`] naming the failing field:
/// `myriad_min_categories: number of condition families must be between 2 and 12, got 0`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct OfferPolicy {
    /// The smallest live, nucleated cell count per injection the clinic should state (at least
    /// 1). Default: [`QualityPolicy`]'s `min_viable_cells` (10⁶): counts "in the millions"
    /// ("Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)", 'Ask for
    /// the Cell Count'). Here it is held against what the clinic *told* the patient, not against
    /// release data.
    pub min_live_cells: CellCount,
    /// How many distinct families of conditions ([`IndicationCategory`]) an offer may name
    /// before it matches FDA's "unproven treatment for a myriad of diseases or conditions"
    /// (MM/HU guidance, homologous use): 2 to 12. Default:
    /// [`crate::US_MYRIAD_INDICATION_CATEGORIES`] (3), the threshold the US engine uses.
    pub myriad_min_categories: ConditionFamilies,
    /// The policy the product's release data are assessed with ([`assess_quality`]); its
    /// `dose_far_below_factor` is the factor of [`RuleId::OfferDoseReference`].
    pub quality: QualityPolicy,
    /// The share of the live cell count the clinic states that an independent test must find
    /// for the two to agree ([`RuleId::OfferContentTest`]): below it, the measurement
    /// contradicts the statement. Default 50 %, the crate's reading: counts by different
    /// laboratories and methods differ by tens of percent, not by half.
    pub measured_count_min_share: crate::Percent,
}

impl Default for OfferPolicy {
    fn default() -> Self {
        let quality = QualityPolicy::default();
        #[allow(clippy::cast_possible_truncation)]
        let myriad = ConditionFamilies(crate::US_MYRIAD_INDICATION_CATEGORIES as u8);
        Self {
            min_live_cells: quality.min_viable_cells,
            myriad_min_categories: myriad,
            quality,
            measured_count_min_share: crate::Percent::from_table(50.0),
        }
    }
}

impl OfferPolicy {
    /// Reads a policy document from JSON; fields left out keep their defaults.
    ///
    /// # Errors
    ///
    /// A [`crate::DocumentError`] with the path of the failing field.
    #[cfg(feature = "json")]
    pub fn from_json(json: &str) -> Result<Self, crate::DocumentError> {
        crate::error::from_json(json)
    }
}

/// The default policy, built once.
pub(super) static DEFAULT_POLICY: LazyLock<OfferPolicy> = LazyLock::new(OfferPolicy::default);
