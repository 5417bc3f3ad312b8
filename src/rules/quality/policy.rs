//! The quality policy: the thresholds a laboratory or clinic sets, each with the default the law or the pharmacopoeia supplies.

use super::*;

/// **Which products must come with a certificate of analysis (CoA).**
///
/// A product needs one when any condition below holds. Unknown facts count as requiring one
/// (an unknown supply model or donor never exempts a product).
///
/// # Examples
///
/// ```
/// use msc_therapy::engine::quality::CoaRequirement;
/// use msc_therapy::vocab::SupplyModel;
///
/// let rule = CoaRequirement::default();
/// assert!(rule.supply.contains(&SupplyModel::OffTheShelf));
/// assert!(rule.non_autologous);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct CoaRequirement {
    /// Supply models that require a CoA. Default: off-the-shelf lots and patient-specific
    /// batches — anything made away from the bedside. "Mesenchymal Stem Cells: What Science Is
    /// Actually Getting Right (and Wrong)" asks for the CoA of any donor tissue supplied in a vial.
    pub supply: Vec<SupplyModel>,
    /// Cells from anyone but the patient (allogeneic, or animal) require a CoA. Default: yes.
    pub non_autologous: bool,
    /// Culture-expanded cells require a CoA: they are a biological product released lot by lot
    /// (21 CFR 610). Default: yes.
    pub culture_expanded: bool,
}

impl Default for CoaRequirement {
    fn default() -> Self {
        Self {
            supply: vec![SupplyModel::OffTheShelf, SupplyModel::PatientSpecific],
            non_autologous: true,
            culture_expanded: true,
        }
    }
}

pub(super) const DEFAULT_MIN_VIABILITY: Percent = Percent::from_table(70.0);
pub(super) const DEFAULT_MIN_VIABLE_CELLS: CellCount = CellCount::from_table(1_000_000);
pub(super) const DEFAULT_POSITIVE_MARKER_MIN: Percent = Percent::from_table(95.0);
pub(super) const DEFAULT_NEGATIVE_MARKER_MAX: Percent = Percent::from_table(2.0);
pub(super) const DEFAULT_FAR_BELOW_FACTOR: DoseFactor = DoseFactor(10.0);

/// **How many times below a reference a dose must be to count as "far below"**: a number
/// greater than 1 and at most 1000.
///
/// # Examples
///
/// ```
/// use msc_therapy::engine::quality::DoseFactor;
///
/// assert_eq!(DoseFactor::new(10.0)?.get(), 10.0);
/// assert_eq!(
///     DoseFactor::new(1.0).unwrap_err().to_string(),
///     "dose factor must be between 1.000001 and 1000, got 1"
/// );
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
///
/// # Errors
///
/// [`ValueError::OutOfRange`] outside (1, 1000]; [`ValueError::NotFinite`] for NaN or infinity.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct DoseFactor(f64);

impl DoseFactor {
    /// Validates and wraps a factor.
    ///
    /// # Errors
    ///
    /// See the type's documentation.
    pub fn new(value: f64) -> Result<Self, ValueError> {
        const WHAT: &str = "dose factor";
        if !value.is_finite() {
            return Err(ValueError::NotFinite { what: WHAT, value });
        }
        if value <= 1.0 || value > 1000.0 {
            return Err(ValueError::OutOfRange {
                what: WHAT,
                value,
                min: 1.000_001,
                max: 1000.0,
            });
        }
        Ok(Self(value))
    }

    /// The factor.
    #[must_use]
    pub const fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for DoseFactor {
    type Error = ValueError;
    fn try_from(value: f64) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl From<DoseFactor> for f64 {
    fn from(value: DoseFactor) -> f64 {
        value.0
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for DoseFactor {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DoseFactor".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number", "exclusiveMinimum": 1, "maximum": 1000,
            "description": "How many times below a reference dose counts as far below."
        })
    }
}

/// **Every threshold the quality rules use, with its default and its source.**
///
/// A laboratory can keep its own policy in a JSON file ([`QualityPolicy::from_json`]); fields
/// left out take their defaults, unknown fields are rejected, and every value is validated
/// (a minimum viability of 140 % is refused, naming the field).
///
/// The endotoxin constant K is not a policy choice: USP <85> fixes it per route (5 EU/kg, or
/// 0.2 EU/kg intrathecally), so it is read from [`crate::RouteInfo::endotoxin_k_eu_per_kg`].
/// M, the dose per kilogram in one hour, is computed as the whole dose volume per kilogram of
/// body weight: the dose is taken to be given within one hour, the strictest reading (a slower
/// infusion would allow more).
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::engine::quality::QualityPolicy;
///
/// let policy = QualityPolicy::from_json(r#"{"min_viability_percent": 80}"#)?;
/// assert_eq!(policy.min_viability_percent.get(), 80.0);
/// assert_eq!(policy.negative_marker_max_percent.get(), 2.0); // default kept
///
/// let err = QualityPolicy::from_json(r#"{"min_viability_percent": 140}"#).unwrap_err();
/// assert_eq!(err.path(), "min_viability_percent");
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
///
/// # Errors
///
/// [`QualityPolicy::from_json`] returns a [`crate::DocumentError`] naming the failing field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct QualityPolicy {
    /// The lowest viability accepted, in percent of nucleated cells alive (a [`Percent`], 0 to
    /// 100). Default 70 %: the
    /// low end of published MSC release specifications (J Transl Med 2018 s12967-018-1659-4,
    /// Table 2: ≥ 70 %; others ask 80-90 %), and the figure FDA-advised release tests give
    /// ("generally > 70 %", World J Med Genet 2015, Table 3).
    pub min_viability_percent: Percent,
    /// The fewest viable nucleated cells per dose accepted (a [`CellCount`]: a whole number, at
    /// least 1). Default 10⁶: counts "in the
    /// millions", as "Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)"
    /// tells patients to expect.
    pub min_viable_cells: CellCount,
    /// The lowest share of cells positive for CD73, CD90 and CD105 (0 to 100 %). Default 95 % (ISCT,
    /// Dominici et al. 2006).
    pub positive_marker_min_percent: Percent,
    /// The highest share of cells positive for each negative marker (0 to 100 %). Default 2 % (ISCT,
    /// Dominici et al. 2006).
    pub negative_marker_max_percent: Percent,
    /// A passage number no product may exceed, on top of each product's own limit (a
    /// [`Passage`], 0 to 100). Default
    /// none: no consensus numeric limit exists in a citable source (products set their own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_passage: Option<Passage>,
    /// A number of population doublings no product may exceed, on top of each product's own
    /// limit (a [`PopulationDoublings`]). Default none, for the same reason as `max_passage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_population_doublings: Option<PopulationDoublings>,
    /// Which products must come with a certificate of analysis.
    pub require_coa_for: CoaRequirement,
    /// A dose this many times below every label dose for its route and condition is "far
    /// below" (a warning): a [`DoseFactor`], greater than 1 and at most 1000; default 10.
    /// "Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)": "a 'whiff' of
    /// cells isn't enough to trigger a biological response".
    pub dose_far_below_factor: DoseFactor,
}

impl Default for QualityPolicy {
    fn default() -> Self {
        Self {
            min_viability_percent: DEFAULT_MIN_VIABILITY,
            min_viable_cells: DEFAULT_MIN_VIABLE_CELLS,
            positive_marker_min_percent: DEFAULT_POSITIVE_MARKER_MIN,
            negative_marker_max_percent: DEFAULT_NEGATIVE_MARKER_MAX,
            max_passage: None,
            max_population_doublings: None,
            require_coa_for: CoaRequirement::default(),
            dose_far_below_factor: DEFAULT_FAR_BELOW_FACTOR,
        }
    }
}

impl QualityPolicy {
    /// Reads a policy from JSON; missing fields take their defaults.
    ///
    /// # Errors
    ///
    /// A [`crate::DocumentError`] with the path of the failing field: malformed JSON, an
    /// unknown field, or a value outside its domain.
    #[cfg(feature = "json")]
    pub fn from_json(json: &str) -> Result<Self, crate::DocumentError> {
        crate::error::from_json(json)
    }
}
