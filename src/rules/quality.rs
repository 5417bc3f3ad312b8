//! Quality and release assessment: viability, cell dose, identity, safety tests, expansion and
//! the certificate of analysis.
//!
//! One entry point, [`assess_quality`], reads a [`Product`] and a [`QualityPolicy`] and answers
//! with a [`QualityReport`]: one [`Finding`] per rule, and a [`QualityVerdict`] drawn from them.
//! Every threshold lives in the policy (or, for the pharmacopoeial endotoxin constant K, in the
//! cited [`crate::Route`] table); none is written in the rules.

use crate::table::vocab;
use crate::{
    CatalogKey, CellCount, Donor, EndotoxinEuPerMl, Fact, Finding, Indication, IsoDate,
    NotPerformedReason, Outcome, Passage, Percent, PopulationDoublings, ProcessingStep, Product,
    ProductState, ReleaseData, ReleaseTest, Route, RuleId, Severity, SupplyModel, SurfaceMarker,
    TestOutcome, ValueError, ViabilityTiming,
};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::fmt;

// ---------------------------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------------------------

/// **Which products must come with a certificate of analysis (CoA).**
///
/// A product needs one when any condition below holds. Unknown facts count as requiring one
/// (an unknown supply model or donor never exempts a product).
///
/// # Examples
///
/// ```
/// use msc_therapy::{CoaRequirement, SupplyModel};
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

const DEFAULT_MIN_VIABILITY: Percent = Percent::from_table(70.0);
const DEFAULT_MIN_VIABLE_CELLS: CellCount = CellCount::from_table(1_000_000);
const DEFAULT_POSITIVE_MARKER_MIN: Percent = Percent::from_table(95.0);
const DEFAULT_NEGATIVE_MARKER_MAX: Percent = Percent::from_table(2.0);
const DEFAULT_FAR_BELOW_FACTOR: DoseFactor = DoseFactor(10.0);

/// **How many times below a reference a dose must be to count as "far below"**: a number
/// greater than 1 and at most 1000.
///
/// # Examples
///
/// ```
/// use msc_therapy::DoseFactor;
///
/// assert_eq!(DoseFactor::new(10.0)?.get(), 10.0);
/// assert_eq!(
///     DoseFactor::new(1.0).unwrap_err().to_string(),
///     "dose factor must be between 1.000001 and 1000, got 1"
/// );
/// # Ok::<(), msc_therapy::ValueError>(())
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
/// use msc_therapy::QualityPolicy;
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

// ---------------------------------------------------------------------------------------------
// Reference doses
// ---------------------------------------------------------------------------------------------

vocab! {
    /// **How a reference dose is written**: per kilogram of body weight, or per administration.
    ///
    /// Cells given into a vein spread through the body, so systemic doses scale with body weight
    /// (Ryoncil: 2 × 10⁶ cells/kg); cells injected into a joint or a lesion stay there, so their
    /// dose is a number of cells per injection.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::DoseBasis;
    ///
    /// assert_eq!(DoseBasis::PerKg.label(), "cells/kg");
    /// assert_eq!("per_administration".parse::<DoseBasis>()?, DoseBasis::PerAdministration);
    /// # Ok::<(), msc_therapy::UnknownCode>(())
    /// ```
    pub enum DoseBasis {
        /// Viable cells per kilogram of body weight (systemic routes).
        PerKg => "per_kg", "cells/kg";
        /// Viable cells per administration.
        PerAdministration => "per_administration", "cells per administration";
    }
}

/// **A published dose for one route and condition**: one row of [`REFERENCE_DOSES`].
///
/// Most rows are the dose of one approved product's label ([`ReferenceDose::product`]), in
/// viable cells per kilogram or per administration ([`DoseBasis`]); two rows give the range of
/// doses used in trials where no label exists for the route (knee osteoarthritis, intra-articular)
/// or where trials bracket the label (acute GvHD, intravenous). A yardstick for questions, not a
/// limit: no regulation fixes an MSC dose.
///
/// # Examples
///
/// ```
/// use msc_therapy::{CatalogKey, DoseBasis, Indication, REFERENCE_DOSES, Route};
///
/// let ryoncil = REFERENCE_DOSES
///     .iter()
///     .find(|r| r.product == Some(CatalogKey::RyoncilUs))
///     .unwrap();
/// assert_eq!((ryoncil.route, ryoncil.indication), (Route::Intravenous, Indication::GraftVersusHostDisease));
/// assert_eq!(ryoncil.basis, DoseBasis::PerKg);
/// assert_eq!((ryoncil.min, ryoncil.max), (2e6, 2e6));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct ReferenceDose {
    /// The route.
    pub route: Route,
    /// The condition.
    pub indication: Indication,
    /// Per kilogram or per administration.
    pub basis: DoseBasis,
    /// The lowest dose.
    pub min: f64,
    /// The highest dose.
    pub max: f64,
    /// The approved product whose label gives the dose; `None` for a range of trial doses.
    pub product: Option<CatalogKey>,
    /// What the row covers.
    pub context: &'static str,
    /// Where it comes from.
    pub source: &'static str,
}

#[allow(clippy::too_many_arguments)]
const fn label(
    product: CatalogKey,
    route: Route,
    indication: Indication,
    basis: DoseBasis,
    min: f64,
    max: f64,
    context: &'static str,
    source: &'static str,
) -> ReferenceDose {
    ReferenceDose {
        route,
        indication,
        basis,
        min,
        max,
        product: Some(product),
        context,
        source,
    }
}

/// **Dose references by route and condition**: the dose of every label in the catalog that
/// gives one ([`crate::LabelDose`]; a unit test keeps the two in step), and two ranges of trial
/// doses. Used by [`RuleId::QualityDoseReference`] and [`RuleId::OfferDoseReference`].
pub const REFERENCE_DOSES: &[ReferenceDose] = &[
    label(
        CatalogKey::RyoncilUs,
        Route::Intravenous,
        Indication::GraftVersusHostDisease,
        DoseBasis::PerKg,
        2e6,
        2e6,
        "steroid-refractory acute GvHD in children: 2 x 10^6 MSC/kg per infusion",
        "RYONCIL (remestemcel-L-rknd) US prescribing information, FDA 2024, section 2",
    ),
    label(
        CatalogKey::TemcellJp,
        Route::Intravenous,
        Indication::GraftVersusHostDisease,
        DoseBasis::PerKg,
        2e6,
        2e6,
        "acute GvHD after haematopoietic stem cell transplantation: 2 x 10^6 cells/kg per dose",
        "TEMCELL HS Inj. label, JCR Pharmaceuticals (Japan, 2015)",
    ),
    label(
        CatalogKey::ObnitixDe,
        Route::Intravenous,
        Indication::GraftVersusHostDisease,
        DoseBasis::PerKg,
        1e6,
        2e6,
        "steroid-refractory acute GvHD: about 1-2 x 10^6 cells/kg per weekly application",
        "Obnitix SmPC (Germany, section 4b AMG); Bonig et al., Cells 2019;8:1577",
    ),
    ReferenceDose {
        route: Route::Intravenous,
        indication: Indication::GraftVersusHostDisease,
        basis: DoseBasis::PerKg,
        min: 0.84e6,
        max: 2.56e6,
        product: None,
        context: "acute GvHD trials: doses given 0.84-2.56 x 10^6/kg",
        source: "Ann Hematol 2023 s00277-023-05216-3",
    },
    label(
        CatalogKey::StemiracJp,
        Route::Intravenous,
        Indication::SpinalCordInjury,
        DoseBasis::PerAdministration,
        0.5e8,
        2.0e8,
        "traumatic spinal cord injury: 0.5-2.0 x 10^8 autologous MSC per administration",
        "STEMIRAC for Injection product information, Nipro (Japan, 2018)",
    ),
    label(
        CatalogKey::AlofiselEu,
        Route::Intralesional,
        Indication::PerianalFistula,
        DoseBasis::PerAdministration,
        1.2e8,
        1.2e8,
        "complex perianal fistula in Crohn's disease: single dose of 120 x 10^6 cells",
        "Alofisel EU SmPC, section 4.2 (marketing authorisation withdrawn Dec 2024)",
    ),
    label(
        CatalogKey::AlofiselJp,
        Route::Intralesional,
        Indication::PerianalFistula,
        DoseBasis::PerAdministration,
        1.2e8,
        1.2e8,
        "complex perianal fistula in Crohn's disease: single 24 mL injection of 120 x 10^6 cells",
        "Alofisel Japanese approval, Takeda 27 Sep 2021",
    ),
    label(
        CatalogKey::CupistemKr,
        Route::Intralesional,
        Indication::PerianalFistula,
        DoseBasis::PerAdministration,
        3e7,
        6e7,
        "Crohn's perianal fistula: 3 x 10^7 cells (up to 1 cm) to 6 x 10^7 cells (1-2 cm), by fistula size",
        "Cupistem approval, Anterogen (Korea, 2012); PMC10536665 Table 1",
    ),
    label(
        CatalogKey::HearticellgramKr,
        Route::Intracoronary,
        Indication::AcuteMyocardialInfarction,
        DoseBasis::PerAdministration,
        5e7,
        9e7,
        "acute myocardial infarction: 5, 7 or 9 x 10^7 cells by body weight",
        "Hearticellgram-AMI approval, FCB-Pharmicell (Korea, 2011); PMC10536665 Table 1",
    ),
    label(
        CatalogKey::NeuronataRKr,
        Route::Intrathecal,
        Indication::Als,
        DoseBasis::PerKg,
        1e6,
        1e6,
        "ALS: about 1 x 10^6 cells/kg per intrathecal injection",
        "NeuroNata-R conditional approval, Corestem (Korea, 2014); PMC10536665 Table 1",
    ),
    label(
        CatalogKey::NeuronataRKr,
        Route::Intrathecal,
        Indication::Als,
        DoseBasis::PerAdministration,
        4e7,
        4e7,
        "ALS: 4.0 x 10^7 cells in 4 mL per intrathecal injection (a second review)",
        "NeuroNata-R conditional approval, Corestem (Korea, 2014); Trials 2022;23:415",
    ),
    label(
        CatalogKey::StempeucelIn,
        Route::Intramuscular,
        Indication::CriticalLimbIschemia,
        DoseBasis::PerKg,
        2e6,
        2e6,
        "critical limb ischaemia: 2 x 10^6 cells/kg",
        "Stempeucel approval, DCGI (India, 2016/2020); Stem Cells Transl Med 2021;10:1602",
    ),
    label(
        CatalogKey::StemoneIn,
        Route::IntraArticular,
        Indication::KneeOsteoarthritis,
        DoseBasis::PerAdministration,
        2.5e7,
        2.5e7,
        "knee osteoarthritis: single dose of 25 x 10^6 cells with hyaluronic acid",
        "StemOne / Ciplostem approval, DCGI/CDSCO (India, 2022)",
    ),
    ReferenceDose {
        route: Route::IntraArticular,
        indication: Indication::KneeOsteoarthritis,
        basis: DoseBasis::PerAdministration,
        min: 2e6,
        max: 1e8,
        product: None,
        context: "knee osteoarthritis trials: 2 x 10^6 to 1 x 10^8 cells per injection",
        source: "Jo et al., Stem Cells 2014;32(5):1254; Pers et al., SCTM 2016;5(7):847; Lee et al., SCTM 2019;8:504",
    },
];

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

vocab! {
    /// **The overall quality verdict**, drawn from the findings.
    ///
    /// Ordered from least to most favourable (`Fail < Undetermined < PassWithWarnings < Pass`),
    /// so verdicts compare: worsening a measured value never gives a greater verdict.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::QualityVerdict;
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
/// use msc_therapy::{assess_quality, Product, QualityPolicy, QualityVerdict, RuleId, Outcome};
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
    fn from_findings(mut findings: Vec<Finding>, on: jiff::civil::Date) -> Self {
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

// ---------------------------------------------------------------------------------------------
// Facts about the product the rules share
// ---------------------------------------------------------------------------------------------

/// Whether the product was grown in culture, from both the preparation and the processing
/// steps, so that removing one of them cannot hide the expansion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expansion {
    Yes,
    No,
    Unknown,
}

/// A number of cells several rules use (per dose, or per kilogram), with where it comes from:
/// what its fact is called and whether it was computed. Small and `Copy`, so that it is worked
/// out once per product and turned into a [`Fact`] only where a finding shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CellFigure {
    value: f64,
    name: &'static str,
    unit: &'static str,
    derived: bool,
}

impl CellFigure {
    fn fact(self) -> Fact {
        let fact = Fact::number(self.name, self.value).with_unit(self.unit);
        if self.derived {
            fact.as_derived()
        } else {
            fact
        }
    }
}

/// The facts about a product that several rules share.
struct Profile<'a> {
    product: &'a Product,
    /// The evaluation date.
    on: jiff::civil::Date,
    /// The release state is stated `fresh`, yet a cryopreservation step or a post-thaw
    /// viability figure is stated too.
    fresh_and_frozen: bool,
    release: Option<&'a ReleaseData>,
    /// Meant to deliver living cells; unknown preparations count as live (fail closed).
    live: bool,
    expansion: Expansion,
    /// Frozen for storage: from the release state, the processing steps or post-thaw figures.
    state: Option<ProductState>,
    /// A same-day autologous bedside product, which needs fewer release entries.
    bedside_autologous: bool,
    called_msc: bool,
    /// The viable nucleated cells per dose: the lowest figure stated (in the dose or the
    /// release record); when neither is stated, total nucleated cells × applicable viability
    /// (the calculation of Ph. Eur. 2.7.29), marked as derived.
    viable_cells: Option<CellFigure>,
    /// The dose per kilogram: stated, or computed from the viable cells and the body weight.
    cells_per_kg: Option<CellFigure>,
}

impl<'a> Profile<'a> {
    fn new(product: &'a Product, on: jiff::civil::Date) -> Self {
        let release = product.release.as_ref();
        let live = product.preparation.is_none_or(|p| p.info().live_cells);
        let steps = product.processing.as_ref().and_then(|p| p.steps_known());
        let step = |s: ProcessingStep| steps.is_some_and(|steps| steps.contains(&s));
        let expansion = if product
            .preparation
            .is_some_and(|p| p.info().culture_expanded)
            || step(ProcessingStep::CultureExpansion)
        {
            Expansion::Yes
        } else if product.preparation.is_some() && steps.is_some() {
            // Both the preparation and the steps are stated and neither shows culture: leaving
            // either out leaves culture open (fail closed).
            Expansion::No
        } else {
            Expansion::Unknown
        };
        let post_thaw_figure = release.is_some_and(|r| {
            r.viability
                .iter()
                .any(|v| v.timing == Some(ViabilityTiming::PostThaw))
        });
        let frozen = step(ProcessingStep::Cryopreservation) || post_thaw_figure;
        let stated_state = release.and_then(|r| r.state);
        let state = if frozen {
            Some(ProductState::Cryopreserved)
        } else {
            stated_state
        };
        // "Fresh" with a cryopreservation step or a post-thaw figure: the record contradicts
        // itself, and the contradiction is a finding (deleting either side must not read
        // better than keeping both).
        let fresh_and_frozen = frozen && stated_state == Some(ProductState::Fresh);
        let bedside_autologous = product.donor == Some(Donor::Autologous)
            && product.supply == Some(SupplyModel::PointOfCare)
            && expansion == Expansion::No;
        let viable_cells = viable_cells(product, release, state);
        let cells_per_kg = cells_per_kg(product, viable_cells);
        Self {
            product,
            on,
            fresh_and_frozen,
            release,
            live,
            expansion,
            state,
            bedside_autologous,
            called_msc: product.designation.is_some(),
            viable_cells,
            cells_per_kg,
        }
    }

    fn perinatal(&self) -> Option<bool> {
        self.product.tissue.map(|t| t.info().perinatal)
    }

    fn route(&self) -> Option<Route> {
        self.product.delivery.map(|d| d.route)
    }

    fn weight_kg(&self) -> Option<f64> {
        weight_kg(self.product)
    }
}

fn weight_kg(product: &Product) -> Option<f64> {
    product.recipient.and_then(|r| r.weight_kg).map(|w| w.get())
}

/// See [`Profile::viable_cells`].
fn viable_cells(
    product: &Product,
    release: Option<&ReleaseData>,
    state: Option<ProductState>,
) -> Option<CellFigure> {
    let figure = |value: f64, name: &'static str, derived: bool| CellFigure {
        value,
        name,
        unit: "cells",
        derived,
    };
    let from_dose = product
        .dose
        .and_then(|d| d.viable_cells)
        .map(|c| figure(c.as_f64(), "dose.viable_cells", false));
    let from_release = release
        .and_then(|r| r.viable_nucleated_cells)
        .map(|c| figure(c.as_f64(), "release.viable_nucleated_cells", false));
    let stated = [from_dose, from_release]
        .into_iter()
        .flatten()
        .min_by(|a, b| a.value.total_cmp(&b.value));
    if stated.is_some() {
        return stated;
    }
    derived_viable_cells(release?, state)
}

/// Total nucleated cells × the viability that applies (the calculation of Ph. Eur. 2.7.29).
fn derived_viable_cells(release: &ReleaseData, state: Option<ProductState>) -> Option<CellFigure> {
    let total = release.total_nucleated_cells?.as_f64();
    let viability = release.viability_for(state)?.get();
    Some(CellFigure {
        value: total * viability / 100.0,
        name: "derived.viable_nucleated_cells",
        unit: "cells",
        derived: true,
    })
}

/// See [`Profile::cells_per_kg`].
fn cells_per_kg(product: &Product, viable_cells: Option<CellFigure>) -> Option<CellFigure> {
    if let Some(per_kg) = product.dose.and_then(|d| d.cells_per_kg) {
        return Some(CellFigure {
            value: per_kg.get(),
            name: "dose.cells_per_kg",
            unit: "cells/kg",
            derived: false,
        });
    }
    let count = viable_cells?.value;
    let weight = weight_kg(product)?;
    Some(CellFigure {
        value: count / weight,
        name: "derived.cells_per_kg",
        unit: "cells/kg",
        derived: true,
    })
}

// ---------------------------------------------------------------------------------------------
// Writing findings in place
// ---------------------------------------------------------------------------------------------

/// Filling in a finding where it lies, in the report's own buffer.
///
/// A [`Finding`] is several hundred bytes (its facts are stored inline); moving one through a
/// chain of by-value builders copies it at every step. Each rule below is handed the finding of
/// its rule, already in the report, and sets its parts through `&mut`: the finding starts as
/// met and informational, and a rule changes only what differs.
trait Fill {
    /// Sets the outcome and its severity.
    fn judge(&mut self, outcome: Outcome, severity: Severity) -> &mut Self;
    /// Sets the one-sentence reason.
    fn why(&mut self, reason: &'static str) -> &mut Self;
    /// Sets where in the input the finding points.
    fn point_at(&mut self, path: &'static str) -> &mut Self;
    /// Adds a fact.
    fn add(&mut self, fact: Fact) -> &mut Self;
    /// Adds a fact, if there is one.
    fn add_opt(&mut self, fact: Option<Fact>) -> &mut Self;
    /// Records a missing fact (its dotted input path).
    fn lack(&mut self, path: &'static str) -> &mut Self;
    /// Records missing facts, in order.
    fn lack_all(&mut self, paths: &[&'static str]) -> &mut Self;
    /// Marks the rule as not applicable, for this reason.
    fn not_applicable(&mut self, reason: &'static str) -> &mut Self;
}

impl Fill for Finding {
    fn judge(&mut self, outcome: Outcome, severity: Severity) -> &mut Self {
        self.outcome = outcome;
        self.severity = severity;
        self
    }

    fn why(&mut self, reason: &'static str) -> &mut Self {
        self.reason = Some(Cow::Borrowed(reason));
        self
    }

    fn point_at(&mut self, path: &'static str) -> &mut Self {
        self.path = Some(Cow::Borrowed(path));
        self
    }

    fn add(&mut self, fact: Fact) -> &mut Self {
        self.facts.push(fact);
        self
    }

    fn add_opt(&mut self, fact: Option<Fact>) -> &mut Self {
        if let Some(fact) = fact {
            self.facts.push(fact);
        }
        self
    }

    fn lack(&mut self, path: &'static str) -> &mut Self {
        self.missing.push(path);
        self
    }

    fn lack_all(&mut self, paths: &[&'static str]) -> &mut Self {
        if self.missing.is_empty() {
            // One allocation at most, sized from the list, instead of growing one push at a time.
            self.missing = paths.iter().copied().collect();
        } else {
            for &path in paths {
                self.missing.push(path);
            }
        }
        self
    }

    fn not_applicable(&mut self, reason: &'static str) -> &mut Self {
        self.judge(Outcome::NotApplicable, Severity::Info)
            .why(reason)
    }
}

/// A short list of dotted input paths a rule gathers before it knows its outcome; on the stack
/// up to 16 entries.
type PathList = SmallVec<[&'static str; 16]>;

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/// A quality rule: fills in its finding (which starts as met and informational).
type Rule = fn(&Profile<'_>, &QualityPolicy, &mut Finding);

/// Every quality rule, in the order of the rule table and of the report.
const RULES: [(RuleId, Rule); 23] = [
    (RuleId::QualityViabilityMinimum, viability_minimum),
    (RuleId::QualityViabilityPostThaw, viability_post_thaw),
    (RuleId::QualityViableCellCount, viable_cell_count),
    (RuleId::QualityDosePerKg, dose_per_kg),
    (RuleId::QualityDoseReference, dose_reference),
    (RuleId::QualityIdentityPositiveMarkers, positive_markers),
    (RuleId::QualityIdentityNegativeMarkers, negative_markers),
    (RuleId::QualityIdentityPlasticAdherence, plastic_adherence),
    (RuleId::QualityIdentityTrilineage, trilineage),
    (RuleId::QualitySterility, sterility),
    (RuleId::QualityMycoplasma, mycoplasma),
    (RuleId::QualityEndotoxin, endotoxin),
    (RuleId::QualityExpansionLimit, expansion_limit),
    (RuleId::QualityPerinatalMscEvidence, perinatal_msc_evidence),
    (RuleId::QualityCertificatePresent, certificate_present),
    (RuleId::QualityCertificateConsistent, certificate_consistent),
    (RuleId::QualityCertificateEntries, certificate_entries),
    (RuleId::QualityDonorEligibility, donor_eligibility),
    (RuleId::QualityAsepticValidation, aseptic_validation),
    (RuleId::QualityReagentGrade, reagent_grade),
    (
        RuleId::QualitySterilityInvestigation,
        sterility_investigation,
    ),
    (RuleId::QualityExpiryDating, expiry_dating),
    (RuleId::QualityReleaseBeforeResults, release_before_results),
];

/// **Assesses a product's release quality against a policy.**
///
/// Runs every quality rule of the [`RuleId`] table ("Quality and release" section) and returns
/// one finding per rule with the verdict they lead to. Pure: no I/O, no clock. Rules fail
/// closed: a missing fact gives [`Outcome::Undetermined`] (blocking when the rule protects the
/// patient), never a pass.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{assess_quality, Product, QualityPolicy, QualityVerdict};
///
/// let product = Product::from_json(r#"{
///     "name": "Same-day bone marrow concentrate",
///     "preparation": "bone_marrow_concentrate",
///     "tissue": "bone_marrow",
///     "donor": "autologous",
///     "supply": "point_of_care",
///     "processing": {"steps": ["centrifugation"]},
///     "delivery": {"route": "intra_articular"},
///     "dose": {"volume_ml": 4},
///     "recipient": {"weight_kg": 80},
///     "release": {"state": "fresh",
///                 "viable_nucleated_cells": 3.2e8,
///                 "viability": [{"percent": 96, "timing": "before_freezing"}],
///                 "sterility": "negative",
///                 "endotoxin_eu_per_ml": 0.1,
///                 "endotoxin_limit_eu_per_ml": 0.5}
/// }"#)?;
/// let report = assess_quality(&product, &QualityPolicy::default(), jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.verdict, QualityVerdict::Pass);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn assess_quality(
    product: &Product,
    policy: &QualityPolicy,
    on: jiff::civil::Date,
) -> QualityReport {
    let p = Profile::new(product, on);
    // One allocation for the report's findings, each written once where it lies.
    let mut findings: Vec<Finding> = RULES
        .iter()
        .map(|&(rule, _)| Finding::new(rule, Outcome::Met, Severity::Info))
        .collect();
    for (finding, (_, rule)) in findings.iter_mut().zip(&RULES) {
        rule(&p, policy, finding);
    }
    QualityReport::from_findings(findings, on)
}

const CELL_FREE: &str = "the product is not meant to deliver living cells";

fn percent_fact(name: &'static str, value: f64) -> Fact {
    Fact::number(name, value).with_unit("%")
}

// ---------------------------------------------------------------------------------------------
// Viability
// ---------------------------------------------------------------------------------------------

fn viability_minimum(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if !p.live {
        f.not_applicable(CELL_FREE);
        return;
    }
    let min = policy.min_viability_percent.get();
    let figure = p.release.and_then(|r| r.viability_for(p.state));
    // A figure of unstated timing below the minimum fails the product whatever its timing:
    // after thawing it is the product as given; before freezing, the product as given is no
    // more viable (freezing and thawing kill cells); never frozen, it is the product itself.
    let unstated = p
        .release
        .and_then(ReleaseData::lowest_viability_of_unstated_timing);
    let unstated_low = unstated.filter(|u| u.get() < min);
    match figure {
        Some(v) if v.get() >= min => {}
        Some(_) => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why("fewer cells are alive than the policy requires");
        }
        None if unstated_low.is_some() => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why("a viability figure whose timing is not stated is below the policy minimum: whenever it was measured, the cells as given are no more viable than that");
        }
        None => {
            let reported = p.release.is_some_and(|r| !r.viability.is_empty());
            f.judge(Outcome::Undetermined, Severity::Blocking);
            if reported && p.state.is_none() {
                f.why("no post-thaw viability is reported and whether the product was frozen is not stated: a figure taken before freezing, or of unstated timing, describes the product only if it was given fresh")
                    .lack("release.state");
                if unstated.is_some() {
                    f.lack("release.viability.timing");
                }
                f.lack("release.viability (post_thaw)");
            } else if reported && unstated.is_some() {
                f.why("the product is cryopreserved and no viability figure is stated to be post-thaw: a figure whose timing is not stated never counts as the post-thaw result it is judged on")
                    .lack("release.viability.timing")
                    .lack("release.viability (post_thaw)");
            } else if reported {
                f.why("the product is cryopreserved and only viability before freezing is reported; it is judged on post-thaw viability")
                    .lack("release.viability (post_thaw)");
            } else {
                f.why("no viability is reported for a product meant to deliver living cells")
                    .lack("release.viability");
            }
        }
    }
    f.point_at("release.viability")
        .add_opt(figure.map(|v| percent_fact("release.viability", v.get())))
        .add_opt(unstated.map(|u| percent_fact("release.viability.timing_not_stated", u.get())))
        .add_opt(p.state.map(|s| Fact::code("release.state", s.code())))
        .add(percent_fact("policy.min_viability_percent", min).as_limit());
}

/// The stated timings of the viability figures, and how many figures state none.
fn timing_facts(figures: &[crate::Viability]) -> impl Iterator<Item = Fact> {
    let unstated = figures.iter().filter(|v| v.timing.is_none()).count();
    std::iter::once(Fact::terms(
        "release.viability.timing",
        figures.iter().filter_map(|v| v.timing),
    ))
    .chain((unstated > 0).then(|| {
        #[allow(clippy::cast_precision_loss)] // a list of at most MAX_LIST_LEN figures
        Fact::number("derived.viability_timing_not_stated", unstated as f64).as_derived()
    }))
}

fn viability_post_thaw(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let figures = p.release.map_or(&[][..], |r| r.viability.as_slice());
    // The contradiction is reported whether or not the product delivers living cells: the
    // state it leaves open decides whether the release tests are required at all.
    if p.fresh_and_frozen {
        let frozen_by = if p
            .product
            .processing
            .as_ref()
            .and_then(|x| x.steps_known())
            .is_some_and(|s| s.contains(&ProcessingStep::Cryopreservation))
        {
            "processing.steps"
        } else {
            "release.viability"
        };
        f.judge(Outcome::Undetermined, Severity::Blocking)
            .why("the record says the product is given fresh, and also that it was cryopreserved (a cryopreservation step or a post-thaw viability figure): the two statements contradict each other, so which viability describes what the patient receives is not known")
            .point_at("release.state")
            .add(Fact::code("release.state", ProductState::Fresh.code()))
            .add(Fact::code_list("contradicts", ["release.state", frozen_by]));
        f.facts.extend(timing_facts(figures));
        return;
    }
    if !p.live {
        f.not_applicable(CELL_FREE);
        return;
    }
    match p.state {
        Some(ProductState::Fresh) => {
            f.not_applicable("the product is given fresh, never frozen")
                .add(Fact::code("release.state", ProductState::Fresh.code()));
            return;
        }
        Some(ProductState::Cryopreserved) => {
            if figures
                .iter()
                .any(|v| v.timing == Some(ViabilityTiming::PostThaw))
            {
            } else if figures.is_empty() {
                f.judge(Outcome::Undetermined, Severity::Warning)
                    .why("no viability is reported")
                    .lack("release.viability");
            } else if figures.iter().any(|v| v.timing.is_none()) {
                f.judge(Outcome::Undetermined, Severity::Warning)
                    .why("the product is cryopreserved and the timing of a viability figure is not stated: a figure of unstated timing never counts as post-thaw")
                    .lack("release.viability.timing");
            } else {
                f.judge(Outcome::NotMet, Severity::Warning)
                    .why("the product is cryopreserved but its viability was measured only before freezing");
            }
        }
        None => {
            f.judge(Outcome::Undetermined, Severity::Warning)
                .why("whether the product was frozen is not stated, so the timing of its viability cannot be checked")
                .lack("release.state");
        }
    }
    f.point_at("release.viability")
        .add_opt(p.state.map(|s| Fact::code("release.state", s.code())));
    f.facts.extend(timing_facts(figures));
}

// ---------------------------------------------------------------------------------------------
// Cell count and dose
// ---------------------------------------------------------------------------------------------

fn viable_cell_count(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if !p.live {
        f.not_applicable(CELL_FREE);
        return;
    }
    let min = policy.min_viable_cells.as_f64();
    let total = p
        .release
        .and_then(|r| r.total_nucleated_cells)
        .map(|t| Fact::number("release.total_nucleated_cells", t.as_f64()).with_unit("cells"));
    match p.viable_cells {
        Some(cells) => {
            // Written as the test that passes, so that a count that compares with nothing
            // (NaN) fails, as it always has.
            let enough = cells.value >= min;
            // A stated count that fails while total nucleated cells × viability would pass:
            // the two statements disagree, and the disagreement is part of the finding (so
            // that deleting the stated count is deleting one side of a contradiction).
            let derived = (!cells.derived)
                .then(|| derived_viable_cells(p.release?, p.state))
                .flatten()
                .filter(|d| !enough && d.value >= min);
            if !enough {
                f.judge(Outcome::NotMet, Severity::Blocking);
                if derived.is_some() {
                    f.why("fewer live nucleated cells per dose than the policy minimum, as stated; the total nucleated cells and the viability stated would give more, so the record contradicts itself and the lower figure counts");
                } else {
                    f.why("fewer live nucleated cells per dose than the policy minimum");
                }
            }
            f.add(cells.fact());
            if cells.derived || derived.is_some() {
                f.add_opt(total);
            }
            if let Some(d) = derived {
                f.add(d.fact())
                    .add(Fact::code_list("contradicts", [cells.name, d.name]));
            }
        }
        None => {
            f.judge(Outcome::Undetermined, Severity::Blocking)
                .why("the number of live nucleated cells per dose is not disclosed")
                .lack("release.viable_nucleated_cells")
                .add_opt(total);
        }
    }
    f.point_at("release.viable_nucleated_cells").add(
        Fact::number("policy.min_viable_cells", min)
            .with_unit("cells")
            .as_limit(),
    );
}

fn dose_per_kg(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    if !p.live {
        f.not_applicable(CELL_FREE);
        return;
    }
    let Some(route) = p.route() else {
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why("the route is not stated, so whether the dose must be written per kg is unknown")
            .lack("delivery.route");
        return;
    };
    if !route.info().systemic {
        f.not_applicable("the route is not systemic; the dose is judged per administration")
            .add(Fact::code("delivery.route", route.code()));
        return;
    }
    match p.cells_per_kg {
        Some(per_kg) => {
            f.add(per_kg.fact());
        }
        None => {
            f.judge(Outcome::Undetermined, Severity::Warning)
                .why("a systemic dose needs the cells per kg, or the cell count and the patient's weight");
            if p.viable_cells.is_none() {
                f.lack("dose.viable_cells");
            }
            if p.weight_kg().is_none() {
                f.lack("recipient.weight_kg");
            }
            // The dose per kg, stated, settles it alone.
            f.lack("dose.cells_per_kg");
        }
    }
    f.point_at("dose")
        .add(Fact::code("delivery.route", route.code()));
}

/// How a dose compares with the reference doses for its route and condition. "Far below" means
/// at least the policy factor below every label dose that compares (or, when no label dose
/// compares, every trial range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DoseVerdict {
    /// The comparison does not apply (no living cells, no reference of the product's kind).
    NotApplicable(&'static str),
    /// The dose is not stated in a form any reference uses, or the route is unknown.
    Undetermined,
    /// Within the range of at least one reference.
    Within,
    /// Outside every reference, but not far below all of them.
    Outside,
    /// Below every reference by more than the policy factor.
    FarBelow,
}

/// The comparison of a dose with [`REFERENCE_DOSES`], with the facts and missing inputs for a
/// finding.
pub(crate) struct DoseComparison {
    pub(crate) verdict: DoseVerdict,
    pub(crate) facts: Vec<Fact>,
    pub(crate) missing: Vec<&'static str>,
}

/// The comparison of a dose with [`REFERENCE_DOSES`] as small `Copy` data: what its facts are
/// made from, so that they are built once, straight into the finding that shows them
/// (`finding.facts.extend(plan.facts())`, no intermediate `Vec`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct DosePlan {
    pub(crate) verdict: DoseVerdict,
    /// The route, shown first when the comparison got as far as the route.
    route: Option<Route>,
    /// The dose per kilogram, shown when a reference row is written per kilogram.
    per_kg: Option<CellFigure>,
    /// The viable cells per administration, shown when a reference row is written so.
    per_administration: Option<CellFigure>,
    /// The reference row shown: the first one the dose lies within, else the closest.
    nearest: Option<&'static ReferenceDose>,
    /// The policy factor, shown when the dose was compared with at least one row.
    factor: Option<f64>,
    /// The inputs that would let the dose be compared, in order.
    pub(crate) missing: &'static [&'static str],
}

impl DosePlan {
    const fn done(
        verdict: DoseVerdict,
        route: Option<Route>,
        missing: &'static [&'static str],
    ) -> Self {
        Self {
            verdict,
            route,
            per_kg: None,
            per_administration: None,
            nearest: None,
            factor: None,
            missing,
        }
    }

    /// The facts of the comparison, in order. The iterator knows its exact length, so that a
    /// list collecting it allocates (when it must) once.
    pub(crate) fn facts(self) -> impl Iterator<Item = Fact> {
        let nearest = self.nearest;
        self.route
            .into_iter()
            .map(|route| Fact::code("delivery.route", route.code()))
            .chain(self.per_kg.into_iter().map(CellFigure::fact))
            .chain(self.per_administration.into_iter().map(CellFigure::fact))
            .chain(
                nearest.into_iter().map(|row| {
                    Fact::code("reference.indication", row.indication.code()).as_limit()
                }),
            )
            .chain(nearest.into_iter().map(|row| {
                Fact::number("reference.min", row.min)
                    .with_unit(reference_unit(row))
                    .as_limit()
            }))
            .chain(nearest.into_iter().map(|row| {
                Fact::number("reference.max", row.max)
                    .with_unit(reference_unit(row))
                    .as_limit()
            }))
            .chain(
                nearest
                    .into_iter()
                    .map(|row| text_fact("reference.context", row.context)),
            )
            .chain(
                nearest
                    .into_iter()
                    .map(|row| text_fact("reference.source", row.source)),
            )
            .chain(
                self.factor
                    .into_iter()
                    .map(|factor| Fact::number("policy.dose_far_below_factor", factor).as_limit()),
            )
    }
}

const fn reference_unit(row: &ReferenceDose) -> &'static str {
    match row.basis {
        DoseBasis::PerKg => "cells/kg",
        DoseBasis::PerAdministration => "cells",
    }
}

fn text_fact(name: &'static str, text: &'static str) -> Fact {
    Fact::new(name, crate::FactValue::Text(Cow::Borrowed(text)))
}

/// Compares the product's dose with the references for its route and, when `indications` is
/// given, those conditions (otherwise every condition of the route).
///
/// Only culture-expanded (or possibly expanded) products are compared: every reference is a
/// label or trial dose of expanded MSCs, and no label doses a bedside concentrate or a
/// minimally manipulated preparation by its nucleated cells.
pub(crate) fn compare_dose(
    product: &Product,
    indications: Option<&[Indication]>,
    factor: DoseFactor,
) -> DoseComparison {
    let plan = plan_product_dose(product, indications, factor);
    DoseComparison {
        verdict: plan.verdict,
        facts: plan.facts().collect(),
        missing: plan.missing.to_vec(),
    }
}

/// [`compare_dose`] without building its lists: the plan's [`DosePlan::facts`] and
/// [`DosePlan::missing`] go straight into the finding that shows them.
pub(crate) fn plan_product_dose(
    product: &Product,
    indications: Option<&[Indication]>,
    factor: DoseFactor,
) -> DosePlan {
    // The dose comparison reads no date.
    plan_dose(
        &Profile::new(product, crate::KNOWLEDGE_HORIZON),
        indications,
        factor,
    )
}

fn plan_dose(p: &Profile<'_>, indications: Option<&[Indication]>, factor: DoseFactor) -> DosePlan {
    if !p.live {
        return DosePlan::done(DoseVerdict::NotApplicable(CELL_FREE), None, &[]);
    }
    if p.expansion == Expansion::No {
        return DosePlan::done(
            DoseVerdict::NotApplicable(
                "the cells were not grown in culture: every label dose is for culture-expanded MSCs, and no label doses a bedside concentrate or minimally manipulated preparation by its nucleated cells",
            ),
            None,
            &[],
        );
    }
    let Some(route) = p.route() else {
        return DosePlan::done(DoseVerdict::Undetermined, None, &["delivery.route"]);
    };
    let rows = || {
        REFERENCE_DOSES.iter().filter(move |r| {
            r.route == route && indications.is_none_or(|list| list.contains(&r.indication))
        })
    };
    let (mut any_per_kg, mut any_per_administration) = (false, false);
    for row in rows() {
        match row.basis {
            DoseBasis::PerKg => any_per_kg = true,
            DoseBasis::PerAdministration => any_per_administration = true,
        }
    }
    if !any_per_kg && !any_per_administration {
        return DosePlan::done(
            DoseVerdict::NotApplicable(
                "no label or trial dose is known for this route and condition",
            ),
            Some(route),
            &[],
        );
    }
    let per_kg = p.cells_per_kg;
    let per_administration = p.viable_cells;
    let mut within = false;
    let mut compared = 0_usize;
    // "Far below" is judged against the label doses when any compares, else the trial ranges.
    let labels_compare = rows().any(|r| {
        r.product.is_some()
            && match r.basis {
                DoseBasis::PerKg => per_kg.is_some(),
                DoseBasis::PerAdministration => per_administration.is_some(),
            }
    });
    let mut all_far_below = true;
    // The row shown: the first one the dose lies within, else the closest (by ratio).
    let mut nearest: Option<(&'static ReferenceDose, f64)> = None;
    for row in rows() {
        let value = match row.basis {
            DoseBasis::PerKg => per_kg.map(|d| d.value),
            DoseBasis::PerAdministration => per_administration.map(|d| d.value),
        };
        let Some(value) = value else { continue };
        compared += 1;
        let inside = value >= row.min && value <= row.max;
        within |= inside;
        if row.product.is_some() || !labels_compare {
            all_far_below &= value * factor.get() <= row.min;
        }
        let distance = if inside {
            0.0
        } else {
            (value / row.min)
                .ln()
                .abs()
                .min((value / row.max).ln().abs())
        };
        if nearest.is_none_or(|(_, d)| distance < d) {
            nearest = Some((row, distance));
        }
    }
    let shown = DosePlan {
        per_kg: per_kg.filter(|_| any_per_kg),
        per_administration: per_administration.filter(|_| any_per_administration),
        ..DosePlan::done(DoseVerdict::Undetermined, Some(route), &[])
    };
    if compared == 0 {
        // Exactly the inputs that could make a row compare: the viable cells (for a row per
        // administration, and with the weight for a row per kg), the weight when it is not
        // given, or the dose per kg itself.
        let missing: &'static [&'static str] = match (
            any_per_kg,
            per_administration.is_none(),
            p.weight_kg().is_none(),
        ) {
            (false, _, _) => &["dose.viable_cells"],
            (true, true, true) => &[
                "dose.viable_cells",
                "recipient.weight_kg",
                "dose.cells_per_kg",
            ],
            (true, true, false) => &["dose.viable_cells", "dose.cells_per_kg"],
            (true, false, true) => &["recipient.weight_kg", "dose.cells_per_kg"],
            (true, false, false) => &["dose.cells_per_kg"],
        };
        return DosePlan { missing, ..shown };
    }
    let verdict = if within {
        DoseVerdict::Within
    } else if all_far_below {
        DoseVerdict::FarBelow
    } else {
        DoseVerdict::Outside
    };
    DosePlan {
        verdict,
        nearest: nearest.map(|(row, _)| row),
        factor: Some(factor.get()),
        ..shown
    }
}

fn dose_reference(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    let indications = p
        .product
        .intended_use
        .as_ref()
        .and_then(|u| u.indications_known())
        .filter(|list| !list.is_empty());
    let plan = plan_dose(p, indications, policy.dose_far_below_factor);
    match plan.verdict {
        DoseVerdict::NotApplicable(reason) => {
            f.not_applicable(reason);
        }
        DoseVerdict::Undetermined => {
            f.judge(Outcome::Undetermined, Severity::Info).why(
                "the dose cannot be compared: it is not stated in the form the references use",
            );
        }
        DoseVerdict::Within => {}
        DoseVerdict::Outside => {
            f.judge(Outcome::NotMet, Severity::Info)
                .why("the dose lies outside the label and trial doses for this route and condition; ask why");
        }
        DoseVerdict::FarBelow => {
            f.judge(Outcome::NotMet, Severity::Warning)
                .why("the dose is far below every label and trial dose for this route and condition: a 'whiff' of cells is not enough");
        }
    }
    f.point_at("dose").lack_all(plan.missing);
    f.facts.extend(plan.facts());
}

// ---------------------------------------------------------------------------------------------
// Identity (ISCT 2006)
// ---------------------------------------------------------------------------------------------

/// The dotted input path of a marker's result.
const fn marker_path(marker: SurfaceMarker) -> &'static str {
    match marker {
        SurfaceMarker::Cd73 => "release.identity.markers.cd73",
        SurfaceMarker::Cd90 => "release.identity.markers.cd90",
        SurfaceMarker::Cd105 => "release.identity.markers.cd105",
        SurfaceMarker::Cd45 => "release.identity.markers.cd45",
        SurfaceMarker::Cd34 => "release.identity.markers.cd34",
        SurfaceMarker::Cd14 => "release.identity.markers.cd14",
        SurfaceMarker::Cd11b => "release.identity.markers.cd11b",
        SurfaceMarker::Cd79a => "release.identity.markers.cd79a",
        SurfaceMarker::Cd19 => "release.identity.markers.cd19",
        SurfaceMarker::HlaDr => "release.identity.markers.hla_dr",
        SurfaceMarker::Cd29 => "release.identity.markers.cd29",
        SurfaceMarker::Cd44 => "release.identity.markers.cd44",
        SurfaceMarker::Cd31 => "release.identity.markers.cd31",
    }
}

/// What a missing "or" pair is called in `missing`.
const fn pair_path(marker: SurfaceMarker) -> &'static str {
    match marker {
        SurfaceMarker::Cd14 | SurfaceMarker::Cd11b => {
            "release.identity.markers.cd14 or release.identity.markers.cd11b"
        }
        SurfaceMarker::Cd79a | SurfaceMarker::Cd19 => {
            "release.identity.markers.cd79a or release.identity.markers.cd19"
        }
        other @ (SurfaceMarker::Cd73
        | SurfaceMarker::Cd90
        | SurfaceMarker::Cd105
        | SurfaceMarker::Cd45
        | SurfaceMarker::Cd34
        | SurfaceMarker::HlaDr
        | SurfaceMarker::Cd29
        | SurfaceMarker::Cd44
        | SurfaceMarker::Cd31) => marker_path(other),
    }
}

/// Whether identity rules apply, and how much a failure matters. The scope follows from what
/// the product is (live cells, culture-expanded, called MSCs), never from whether a panel was
/// reported: otherwise leaving a panel out would take a product out of the rules.
fn identity_scope(p: &Profile<'_>) -> Result<Severity, &'static str> {
    if !p.live {
        return Err(CELL_FREE);
    }
    match p.expansion {
        Expansion::Yes | Expansion::Unknown => Ok(Severity::Blocking),
        Expansion::No if p.called_msc => Ok(Severity::Warning),
        Expansion::No => Err(
            "the product is neither culture-expanded nor called MSCs, so the ISCT identity criteria are not its release criteria",
        ),
    }
}

/// Checks the markers of one ISCT expectation, in the order of [`SurfaceMarker::ALL`]: calls
/// `measured` with each result given, and returns the outcome and the missing markers (an "or"
/// pair counts once, and not at all when its other marker was measured).
fn check_markers(
    p: &Profile<'_>,
    expectation: crate::MarkerExpectation,
    passes: impl Fn(f64) -> bool,
    mut measured: impl FnMut(SurfaceMarker, f64),
) -> (Outcome, PathList) {
    let markers = p
        .release
        .and_then(|r| r.identity.as_ref())
        .map(|i| &i.markers);
    let value = |m: SurfaceMarker| markers.and_then(|ms| ms.get(&m)).map(|v| v.get());
    let mut missing = PathList::new();
    let mut failed = false;
    for &marker in SurfaceMarker::ALL {
        let info = marker.info();
        if info.expectation != expectation {
            continue;
        }
        match value(marker) {
            Some(v) => {
                measured(marker, v);
                failed |= !passes(v);
            }
            None => {
                let alternative_measured = info.alternative.and_then(value).is_some();
                let path = pair_path(marker);
                if !alternative_measured && !missing.contains(&path) {
                    missing.push(path);
                }
            }
        }
    }
    let outcome = if failed {
        Outcome::NotMet
    } else if missing.is_empty() {
        Outcome::Met
    } else {
        Outcome::Undetermined
    };
    (outcome, missing)
}

fn marker_finding(
    p: &Profile<'_>,
    f: &mut Finding,
    expectation: crate::MarkerExpectation,
    limit: Fact,
    passes: impl Fn(f64) -> bool,
) {
    let severity = match identity_scope(p) {
        Ok(s) => s,
        Err(reason) => {
            f.not_applicable(reason);
            return;
        }
    };
    // The facts go straight into the finding as the markers are read; the outcome follows.
    let (outcome, missing) = check_markers(p, expectation, passes, |marker, value| {
        f.facts.push(percent_fact(marker_path(marker), value));
    });
    let measured_none = f.facts.is_empty();
    match outcome {
        Outcome::Met => {}
        Outcome::NotMet => {
            f.judge(outcome, severity)
                .why("a marker lies outside the ISCT limit: the cells are not shown to be MSCs");
        }
        Outcome::Undetermined | Outcome::NotApplicable if p.called_msc && measured_none => {
            f.judge(outcome, severity).why(
                "the product is called mesenchymal stem/stromal cells but reports no identity data",
            );
        }
        Outcome::Undetermined | Outcome::NotApplicable => {
            f.judge(outcome, severity)
                .why("not every ISCT marker was measured");
        }
    }
    f.point_at("release.identity.markers").add(limit);
    if outcome != Outcome::NotMet {
        f.lack_all(&missing);
    }
}

fn positive_markers(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    let min = policy.positive_marker_min_percent.get();
    marker_finding(
        p,
        f,
        crate::MarkerExpectation::Positive,
        percent_fact("policy.positive_marker_min_percent", min).as_limit(),
        |v| v >= min,
    );
}

fn negative_markers(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    let max = policy.negative_marker_max_percent.get();
    marker_finding(
        p,
        f,
        crate::MarkerExpectation::Negative,
        percent_fact("policy.negative_marker_max_percent", max).as_limit(),
        |v| v <= max,
    );
}

fn reported_property(
    p: &Profile<'_>,
    f: &mut Finding,
    path: &'static str,
    value: Option<bool>,
    failure: &'static str,
) {
    let severity = match identity_scope(p) {
        Ok(s) => s,
        Err(reason) => {
            f.not_applicable(reason);
            return;
        }
    };
    match value {
        Some(true) => {
            f.add(Fact::flag(path, true));
        }
        Some(false) => {
            f.judge(Outcome::NotMet, severity)
                .why(failure)
                .add(Fact::flag(path, false));
        }
        None => {
            f.judge(Outcome::Undetermined, Severity::Info)
                .why("not reported; checked only when reported")
                .lack(path);
        }
    }
    f.point_at(path);
}

fn plastic_adherence(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    reported_property(
        p,
        f,
        "release.identity.plastic_adherent",
        p.release
            .and_then(|r| r.identity.as_ref())
            .and_then(|i| i.plastic_adherent),
        "the cells do not adhere to plastic, which MSCs do",
    );
}

fn trilineage(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    reported_property(
        p,
        f,
        "release.identity.trilineage_differentiation",
        p.release
            .and_then(|r| r.identity.as_ref())
            .and_then(|i| i.trilineage_differentiation),
        "the cells did not differentiate into bone, fat and cartilage cells",
    );
}

// ---------------------------------------------------------------------------------------------
// Safety release tests
// ---------------------------------------------------------------------------------------------

/// Whether a safety release result may be absent without blocking: a same-day autologous
/// preparation at the bedside. No lot is released — the cells are given within the procedure,
/// and a culture would report only after they are — and the law asks no release test of it
/// (21 CFR 610.12 concerns lots of licensed biological products). The facts that make it so
/// must be stated: the patient's own cells, prepared at the point of care, not cultured, not
/// cryopreserved, and shown to be same-day (the same surgical procedure, or a fresh product).
fn release_tests_optional(p: &Profile<'_>) -> bool {
    let same_day = p
        .product
        .processing
        .as_ref()
        .and_then(|x| x.same_surgical_procedure)
        == Some(true)
        || p.state == Some(ProductState::Fresh);
    p.bedside_autologous && same_day && p.state != Some(ProductState::Cryopreserved)
}

/// The reasons the safety rules give, by test and case.
struct TestText {
    /// The fact naming a stated "not performed" and its reason.
    not_performed_fact: &'static str,
    /// A lot whose test was stated as not performed.
    lot_not_performed: &'static str,
    /// A bedside preparation whose test was stated as not performed.
    bedside_not_performed: &'static str,
    /// A bedside preparation without a result.
    bedside_absent: &'static str,
    /// A bedside preparation whose test had not finished.
    bedside_pending: &'static str,
    /// A result stated together with "not performed".
    contradiction: &'static str,
}

const fn test_text(test: ReleaseTest) -> TestText {
    match test {
        ReleaseTest::Mycoplasma => TestText {
            not_performed_fact: "release.not_performed.mycoplasma",
            lot_not_performed: "the record states that mycoplasma testing was not performed, but a product that may have been cultured is tested for mycoplasma before release, whatever the reason",
            bedside_not_performed: "mycoplasma testing was not performed: absence of mycoplasma is not shown",
            bedside_absent: "no mycoplasma result is reported: absence of mycoplasma is not shown",
            bedside_pending: "the mycoplasma test had not finished when the cells were given: absence of mycoplasma is not shown",
            contradiction: "the record states a mycoplasma result and also that the test was not performed: the two statements contradict each other",
        },
        ReleaseTest::Endotoxin => TestText {
            not_performed_fact: "release.not_performed.endotoxin",
            lot_not_performed: "the record states that endotoxin testing was not performed, but each lot released to patients is tested for bacterial endotoxins (USP <85>), whatever the reason",
            bedside_not_performed: "endotoxin testing was not performed: a same-day autologous bedside preparation is not a released lot and no release test is required of it, but that endotoxin is within the USP <85> limit is not shown",
            bedside_absent: "no endotoxin result is reported: a same-day autologous bedside preparation is not a released lot and no release test is required of it, but that endotoxin is within the USP <85> limit is not shown",
            bedside_pending: "the endotoxin test had not finished when the cells were given: that endotoxin is within the USP <85> limit is not shown",
            contradiction: "the record states an endotoxin result and also that the test was not performed: the two statements contradict each other",
        },
        ReleaseTest::Sterility => TestText {
            not_performed_fact: "release.not_performed.sterility",
            lot_not_performed: "the record states that sterility testing was not performed, but 21 CFR 610.12 requires a sterility test of each lot, whatever the reason",
            bedside_not_performed: "sterility testing was not performed: a same-day autologous bedside preparation is not a released lot and no release test is required of it (a culture would report after the injection), but sterility is not shown",
            bedside_absent: "no sterility result is reported: a same-day autologous bedside preparation is not a released lot and no release test is required of it (a culture would report after the injection), but sterility is not shown",
            bedside_pending: "the sterility culture had not finished when the cells were given, as is usual for a same-day bedside preparation: sterility is not shown",
            contradiction: "the record states a sterility result and also that the test was not performed: the two statements contradict each other",
        },
    }
}

/// A stated "not performed" for `test`, with its reason.
fn not_performed(p: &Profile<'_>, test: ReleaseTest) -> Option<NotPerformedReason> {
    p.release.and_then(|r| r.not_performed.get(&test)).copied()
}

/// Judges a result that is not shown (absent, pending or not performed): blocking for a lot,
/// a warning saying what was not shown for a same-day bedside preparation, whose release tests
/// the law does not require (so the warning rests on the crate's reading of that law).
fn not_shown(
    p: &Profile<'_>,
    f: &mut Finding,
    test: ReleaseTest,
    outcome: Option<TestOutcome>,
    lot_reason: &'static str,
) {
    let text = test_text(test);
    let reason = not_performed(p, test);
    if release_tests_optional(p) {
        let why = match (outcome, reason) {
            (Some(TestOutcome::Pending), _) => text.bedside_pending,
            (_, Some(_)) => text.bedside_not_performed,
            (Some(TestOutcome::Negative | TestOutcome::Positive) | None, None) => {
                text.bedside_absent
            }
        };
        f.judge(Outcome::Undetermined, Severity::Warning).why(why);
        f.basis = crate::Basis::CrateReading;
    } else {
        let why = if reason.is_some() && outcome.is_none() {
            text.lot_not_performed
        } else {
            lot_reason
        };
        f.judge(Outcome::Undetermined, Severity::Blocking).why(why);
    }
    f.add_opt(reason.map(|r| Fact::code(text.not_performed_fact, r.code())));
}

fn test_outcome(p: &Profile<'_>, f: &mut Finding, test: ReleaseTest, outcome: Option<TestOutcome>) {
    let path = test.info().result_path;
    let reason = not_performed(p, test);
    match (outcome, reason) {
        // A stated failing value fails, whatever else the record says.
        (Some(TestOutcome::Positive), _) => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why("contamination was detected");
        }
        (Some(_), Some(r)) => {
            f.judge(Outcome::Undetermined, Severity::Blocking)
                .why(test_text(test).contradiction)
                .add(Fact::code(test_text(test).not_performed_fact, r.code()));
        }
        (Some(TestOutcome::Negative), None) => {}
        (Some(_), None) => not_shown(p, f, test, outcome, "the test had not finished at release"),
        (None, _) => {
            not_shown(p, f, test, outcome, "no result is reported");
            f.lack(path);
        }
    }
    f.point_at(path)
        .add_opt(outcome.map(|o| Fact::code(path, o.code())));
}

fn sterility(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    test_outcome(
        p,
        f,
        ReleaseTest::Sterility,
        p.release.and_then(|r| r.sterility),
    );
}

fn mycoplasma(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let result = p.release.and_then(|r| r.mycoplasma);
    // Whether the cells were cultured decides whether the test is a release criterion, never
    // whether a result was reported: culture unknown is judged as culture (fail closed).
    if p.expansion == Expansion::No {
        f.not_applicable(
            "the cells were not grown in culture, where mycoplasma contaminate, so mycoplasma testing is not a release criterion",
        )
        .add_opt(result.map(|o| Fact::code("release.mycoplasma", o.code())));
        return;
    }
    test_outcome(p, f, ReleaseTest::Mycoplasma, result);
}

/// The code of the fact that names the endotoxin limit a finding used.
const LIMIT_SOURCE: &str = "limit.source";

fn endotoxin(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let measured = p
        .release
        .and_then(|r| r.endotoxin_eu_per_ml)
        .map(EndotoxinEuPerMl::get);
    let spec = p
        .release
        .and_then(|r| r.endotoxin_limit_eu_per_ml)
        .map(EndotoxinEuPerMl::get);
    let route = p.route();
    if let Some(route) = route {
        if route.info().endotoxin_k_eu_per_kg.is_none() {
            f.not_applicable(
                "USP <85> sets no endotoxin constant for this route (not parenteral), so endotoxin is not a release criterion",
            )
            .add(Fact::code("delivery.route", route.code()));
            return;
        }
    }
    if let Some(m) = measured {
        f.add(Fact::number("release.endotoxin_eu_per_ml", m).with_unit("EU/mL"));
    }
    if let Some(route) = route {
        f.add(Fact::code("delivery.route", route.code()));
    }
    // The facts that K/M still needs.
    let mut missing = PathList::new();
    // USP <85>: limit = K / M, M = dose volume per kg in one hour (whole dose within the hour).
    let k = route.and_then(|r| r.info().endotoxin_k_eu_per_kg);
    let volume = p.product.dose.and_then(|d| d.volume_ml).map(|v| v.get());
    let weight = p.weight_kg();
    let usp_limit = match (k, volume, weight) {
        (Some(k), Some(volume), Some(weight)) => {
            let m = volume / weight;
            let limit = k / m;
            f.add(Fact::number("usp85.k", k).with_unit("EU/kg").as_limit())
                .add(Fact::number("dose.volume_ml", volume).with_unit("mL"))
                .add(Fact::number("recipient.weight_kg", weight).with_unit("kg"))
                .add(
                    Fact::number("derived.usp85.m", m)
                        .with_unit("mL/kg/h")
                        .as_derived(),
                )
                .add(
                    Fact::number("derived.endotoxin_limit_eu_per_ml", limit)
                        .with_unit("EU/mL")
                        .as_derived(),
                );
            Some(limit)
        }
        _ => {
            if route.is_none() {
                missing.push("delivery.route");
            }
            if volume.is_none() {
                missing.push("dose.volume_ml");
            }
            if weight.is_none() {
                missing.push("recipient.weight_kg");
            }
            None
        }
    };
    if let Some(spec) = spec {
        f.add(
            Fact::number("release.endotoxin_limit_eu_per_ml", spec)
                .with_unit("EU/mL")
                .as_limit(),
        );
    }
    // The limit the result is held to: the pharmacopoeia's K/M is the default; the product's
    // own specification, stated, tightens it. Absent, it is not missing: the default applies.
    let (limit, source) = match (usp_limit, spec) {
        (Some(usp), Some(spec)) if spec < usp => (Some(spec), "product_specification"),
        (Some(usp), _) => (Some(usp), "usp_85"),
        // K/M unknown: the specification can fail a result, never pass it.
        (None, Some(spec)) => (Some(spec), "product_specification"),
        (None, None) => (None, ""),
    };
    let stated_not_performed = not_performed(p, ReleaseTest::Endotoxin);
    f.point_at("release.endotoxin_eu_per_ml");
    match (measured, limit) {
        (Some(m), Some(limit)) if m > limit => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why(if source == "usp_85" {
                    "endotoxin exceeds the USP <85> limit K/M for this route, dose volume and body weight"
                } else {
                    "endotoxin exceeds the product's own specification"
                })
                .add(Fact::code(LIMIT_SOURCE, source));
        }
        (Some(_), _) if stated_not_performed.is_some() => {
            let text = test_text(ReleaseTest::Endotoxin);
            f.judge(Outcome::Undetermined, Severity::Blocking)
                .why(text.contradiction)
                .add_opt(
                    stated_not_performed.map(|r| Fact::code(text.not_performed_fact, r.code())),
                );
        }
        // A stated result that could still fail is judged even where the test is optional
        // (a bedside preparation): leaving the volume or the weight out must not read better
        // than the failure they might show.
        (Some(_), _) if usp_limit.is_none() => {
            f.judge(Outcome::Undetermined, Severity::Blocking)
                .why(if spec.is_some() {
                    "the result meets the product's own specification, but the USP <85> limit K/M for this dose and patient cannot be computed"
                } else {
                    "the USP <85> limit K/M cannot be computed without the route, the dose volume and the body weight"
                })
                .lack_all(&missing);
        }
        (Some(_), _) => {
            f.why(if source == "usp_85" && spec.is_none() {
                "within the USP <85> limit K/M, the default where the product states no endotoxin specification of its own"
            } else if source == "usp_85" {
                "within the USP <85> limit K/M, which is stricter here than the product's own specification"
            } else {
                "within the product's own specification, which is stricter here than the USP <85> limit K/M"
            })
            .add(Fact::code(LIMIT_SOURCE, source));
        }
        (None, _) => {
            not_shown(
                p,
                f,
                ReleaseTest::Endotoxin,
                None,
                "no endotoxin result is reported",
            );
            f.lack("release.endotoxin_eu_per_ml").lack_all(&missing);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Expansion
// ---------------------------------------------------------------------------------------------

fn expansion_limit(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if p.expansion == Expansion::No {
        f.not_applicable("the cells were not grown in culture");
        return;
    }
    let release = p.release;
    let passage = release.and_then(|r| r.passage).map(Passage::get);
    let doublings = release
        .and_then(|r| r.population_doublings)
        .map(PopulationDoublings::get);
    // The strictest of the product's own limit and the policy's (none by default).
    let passage_limit = [release.and_then(|r| r.passage_limit), policy.max_passage]
        .into_iter()
        .flatten()
        .map(Passage::get)
        .min();
    let doubling_limit = [
        release.and_then(|r| r.population_doubling_limit),
        policy.max_population_doublings,
    ]
    .into_iter()
    .flatten()
    .map(PopulationDoublings::get)
    .min_by(f64::total_cmp);

    let over_passage = matches!((passage, passage_limit), (Some(v), Some(l)) if v > l);
    let over_doublings = matches!((doublings, doubling_limit), (Some(v), Some(l)) if v > l);
    let judged_passage = passage.is_some() && passage_limit.is_some();
    let judged_doublings = doublings.is_some() && doubling_limit.is_some();

    if over_passage || over_doublings {
        f.judge(Outcome::NotMet, Severity::Blocking)
            .why("the cells were expanded beyond the limit of the product's specification");
    } else if (passage_limit.is_some() && passage.is_none())
        || (doubling_limit.is_some() && doublings.is_none())
    {
        // A limit is stated for a figure the record leaves out: the figure is a missing fact,
        // and leaving it out must not read better than exceeding the limit would.
        f.judge(Outcome::Undetermined, Severity::Blocking)
            .why("a limit is stated for a figure the record does not report");
        if passage_limit.is_some() && passage.is_none() {
            f.lack("release.passage");
        }
        if doubling_limit.is_some() && doublings.is_none() {
            f.lack("release.population_doublings");
        }
    } else if judged_passage || judged_doublings {
    } else if passage.is_none() && doublings.is_none() {
        // As blocking as exceeding the limit: leaving the figures out must not read better.
        f.judge(Outcome::Undetermined, Severity::Blocking)
            .why("a culture-expanded product reports neither passage number nor population doublings")
            .lack("release.passage")
            .lack("release.population_doublings");
    } else {
        // A limit is a specification: absent, the default applies — and for expansion no
        // consensus numeric limit exists in a citable source, so there is none to apply. The
        // figure is reported and cannot be judged: a warning that says so, not a blocking gap
        // (the product's own specification, stated, settles it).
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why("the product states no limit of its own, and no consensus numeric passage or population-doubling limit exists to apply by default: the expansion is reported but not judged against any limit")
            .add(Fact::code("limit.source", "no_consensus_limit"))
            .lack(if passage.is_some() {
                "release.passage_limit"
            } else {
                "release.population_doubling_limit"
            });
    }
    if p.expansion == Expansion::Unknown && f.outcome == Outcome::Undetermined {
        f.lack("processing.steps");
    }
    f.point_at("release.passage")
        .add_opt(passage.map(|v| Fact::number("release.passage", f64::from(v))))
        .add_opt(passage_limit.map(|v| Fact::number("limit.passage", f64::from(v)).as_limit()))
        .add_opt(doublings.map(|v| Fact::number("release.population_doublings", v)))
        .add_opt(doubling_limit.map(|v| Fact::number("limit.population_doublings", v).as_limit()));
}

// ---------------------------------------------------------------------------------------------
// Perinatal products
// ---------------------------------------------------------------------------------------------

fn perinatal_msc_evidence(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if !p.live {
        f.not_applicable(CELL_FREE);
        return;
    }
    match p.perinatal() {
        Some(false) => {
            f.not_applicable("the tissue is not perinatal");
            return;
        }
        None if p.product.supply != Some(SupplyModel::OffTheShelf) => {
            f.judge(Outcome::Undetermined, Severity::Info)
                .why("the source tissue is not stated")
                .lack("tissue");
            return;
        }
        _ => {}
    }
    let (identity, _) = check_markers(
        p,
        crate::MarkerExpectation::Positive,
        |v| v >= policy.positive_marker_min_percent.get(),
        |_, _| {},
    );
    let cfu = p.release.and_then(|r| r.cfu_f_per_million).map(|c| c.get());
    if identity == Outcome::Met || cfu.is_some_and(|c| c > 0.0) {
    } else if cfu.is_some() || identity == Outcome::NotMet {
        let severity = if p.called_msc {
            Severity::Blocking
        } else {
            Severity::Warning
        };
        f.judge(Outcome::NotMet, severity)
            .why("no colony-forming cells were found and identity markers do not show MSCs: live cells alone are not MSCs");
    } else {
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why("viable cells alone do not show MSCs; ask for identity markers or a colony-forming (CFU-F) assay")
            .lack("release.cfu_f_per_million")
            .lack("release.identity.markers");
    }
    f.point_at("release.cfu_f_per_million")
        .add_opt(p.product.tissue.map(|t| Fact::code("tissue", t.code())))
        .add_opt(
            cfu.map(|c| Fact::number("release.cfu_f_per_million", c).with_unit("CFU-F/10^6 cells")),
        )
        .add(Fact::code("derived.identity_positive_markers", identity.code()).as_derived());
}

// ---------------------------------------------------------------------------------------------
// Certificate of analysis
// ---------------------------------------------------------------------------------------------

fn coa_required(p: &Profile<'_>, policy: &QualityPolicy) -> bool {
    let rule = &policy.require_coa_for;
    let by_supply = p.product.supply.is_none_or(|s| rule.supply.contains(&s));
    let by_donor = rule.non_autologous && p.product.donor.is_none_or(|d| !d.is_autologous());
    let by_expansion = rule.culture_expanded && p.expansion != Expansion::No;
    by_supply || by_donor || by_expansion
}

/// A fact whose text is the product's own (a lot number, a date): copied, as a fact's text is
/// `'static` or owned.
fn owned_text(name: &'static str, text: &str) -> Fact {
    Fact::new(name, crate::FactValue::Text(Cow::Owned(text.to_owned())))
}

fn certificate_present(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if !coa_required(p, policy) {
        f.not_applicable(
            "the policy does not require a certificate for this supply model, donor and processing",
        );
        return;
    }
    let certificate = p.release.and_then(|r| r.certificate.as_ref());
    let issued = p.release.and_then(|r| r.certificate_issued);
    match (certificate, issued) {
        (Some(_), Some(false)) => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why("the record gives a certificate of analysis and also states that none was issued")
                .add(Fact::flag("release.certificate_issued", false));
        }
        (Some(c), _) => {
            f.add(owned_text("release.certificate.lot", c.lot.as_str()));
        }
        (None, Some(false)) => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why("no certificate of analysis was issued for a product that needs one")
                .add(Fact::flag("release.certificate_issued", false));
        }
        (None, _) => {
            f.judge(Outcome::Undetermined, Severity::Blocking)
                .why("no certificate of analysis is recorded for a product that needs one")
                .lack("release.certificate");
        }
    }
    f.point_at("release.certificate")
        .add_opt(p.product.supply.map(|s| Fact::code("supply", s.code())))
        .add_opt(p.product.donor.map(|d| Fact::code("donor", d.code())));
}

fn certificate_consistent(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    let release = p.release;
    let Some(certificate) = release.and_then(|r| r.certificate.as_ref()) else {
        f.not_applicable("no certificate of analysis is recorded")
            .point_at("release.certificate");
        return;
    };
    // The facts go straight into the finding, in the order the checks read them; the outcome
    // is set once every check has been made.
    f.add(owned_text(
        "release.certificate.lot",
        certificate.lot.as_str(),
    ));
    let mut problems = PathList::new();
    let mut missing = PathList::new();
    if release.and_then(|r| r.certificate_issued) == Some(false) {
        problems.push("release.certificate_issued");
    }
    match release.and_then(|r| r.lot.as_ref()) {
        Some(lot) => {
            f.add(owned_text("release.lot", lot.as_str()));
            if lot.as_str().trim() != certificate.lot.as_str().trim() {
                problems.push("release.certificate.lot");
            }
        }
        None => missing.push("release.lot"),
    }
    let issued = certificate.issued_on;
    let expires = certificate.expires_on;
    if let Some(d) = issued {
        f.add(Fact::date("release.certificate.issued_on", d));
    }
    if let Some(d) = expires {
        f.add(Fact::date("release.certificate.expires_on", d));
    }
    match (issued, expires) {
        (Some(i), Some(e)) if e < i => problems.push("release.certificate.expires_on"),
        (None, _) => missing.push("release.certificate.issued_on"),
        _ => {}
    }
    f.add(Fact::date("evaluated_on", p.on).as_limit());
    match expires {
        Some(e) => {
            if e < p.on && !problems.contains(&"release.certificate.expires_on") {
                problems.push("release.certificate.expires_on");
            }
        }
        None => missing.push("release.certificate.expires_on"),
    }
    let expired = expires.is_some_and(|e| e < p.on);
    let inverted = matches!((issued, expires), (Some(i), Some(e)) if e < i);
    if problems.is_empty() && missing.is_empty() {
    } else if problems.is_empty() {
        // Where a certificate is required its issue and expiry dates are what make it one:
        // leaving one out must not read better than an expired certificate. The product's own
        // lot (`release.lot`) is not part of the certificate: without it the match cannot be
        // checked, which leaves the finding open at information.
        let dates_missing = missing.iter().any(|m| {
            matches!(
                *m,
                "release.certificate.issued_on" | "release.certificate.expires_on"
            )
        });
        let severity = match (dates_missing, coa_required(p, policy)) {
            (true, true) => Severity::Blocking,
            (true, false) => Severity::Warning,
            // Only the product's own lot is missing: the certificate names its lot, and a
            // record naming another lot fails (a contradiction, reported as one).
            (false, _) => Severity::Info,
        };
        f.judge(Outcome::Undetermined, severity)
            .why("not every consistency check can be made: the product's lot, or the certificate's issue or expiry date, is not given");
    } else {
        let reason = if problems.contains(&"release.certificate_issued") {
            "the record gives a certificate of analysis and also states that none was issued"
        } else if problems.contains(&"release.certificate.lot") {
            "the certificate of analysis is for another lot than the product's"
        } else if expired && !inverted {
            "the certificate of analysis has expired on the evaluation date"
        } else {
            "the certificate of analysis expires before the date it was issued"
        };
        f.judge(Outcome::NotMet, Severity::Blocking).why(reason);
    }
    f.point_at("release.certificate");
    if f.outcome == Outcome::NotMet {
        // Each problem with the statement it contradicts.
        let mut sides = PathList::new();
        for problem in &problems {
            let other = match *problem {
                "release.certificate_issued" => Some("release.certificate"),
                "release.certificate.lot" => Some("release.lot"),
                _ if inverted => Some("release.certificate.issued_on"),
                // Expired on the evaluation date: a failing value, not a contradiction.
                _ => None,
            };
            if !sides.contains(problem) {
                sides.push(problem);
            }
            if let Some(other) = other.filter(|o| !sides.contains(o)) {
                sides.push(other);
            }
        }
        f.add(Fact::code_list("contradicts", sides.iter().copied()));
    } else {
        f.lack_all(&missing);
    }
}

fn certificate_entries(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let r = p.release;
    let has = |test: &dyn Fn(&ReleaseData) -> bool| r.is_some_and(test);
    let mut missing = PathList::new();
    let mut need = |present: bool, path: &'static str| {
        if !present {
            missing.push(path);
        }
    };
    if p.live {
        need(
            has(&|r| r.viable_nucleated_cells.is_some()),
            "release.viable_nucleated_cells",
        );
        need(has(&|r| !r.viability.is_empty()), "release.viability");
    }
    if !p.bedside_autologous {
        let cert = r.and_then(|r| r.certificate.as_ref());
        need(cert.is_some(), "release.certificate");
        if let Some(c) = cert {
            need(c.issuer.is_some(), "release.certificate.issuer");
            need(c.issued_on.is_some(), "release.certificate.issued_on");
            need(c.expires_on.is_some(), "release.certificate.expires_on");
        }
        if p.live {
            need(has(&|r| r.state.is_some()), "release.state");
        }
        need(has(&|r| r.sterility.is_some()), "release.sterility");
        need(
            has(&|r| r.endotoxin_eu_per_ml.is_some()),
            "release.endotoxin_eu_per_ml",
        );
    }
    if p.live && p.expansion != Expansion::No {
        need(has(&|r| r.mycoplasma.is_some()), "release.mycoplasma");
        need(has(&|r| r.identity.is_some()), "release.identity");
        need(
            has(&|r| r.passage.is_some() || r.population_doublings.is_some()),
            "release.passage or release.population_doublings",
        );
    }
    if p.live && p.perinatal() == Some(true) {
        need(
            has(&|r| r.identity.is_some() || r.cfu_f_per_million.is_some()),
            "release.identity or release.cfu_f_per_million",
        );
    }
    let kind = if p.bedside_autologous {
        "same-day autologous bedside product"
    } else {
        "manufactured or donor lot"
    };
    if !missing.is_empty() {
        f.judge(Outcome::NotMet, Severity::Warning)
            .why("the release record lacks entries required for this type of product");
    }
    f.point_at("release")
        .add(Fact::code("derived.product_type", kind).as_derived())
        .lack_all(&missing);
}

// ---------------------------------------------------------------------------------------------
// Manufacturing and release compliance
// ---------------------------------------------------------------------------------------------

/// One stated manufacturing fact, judged: the value that fails the lot fails it (blocking), the
/// other meets the rule, and an absent one is undetermined at `absent_severity` with the fact
/// listed as missing.
struct ManufacturingFact {
    /// The dotted input path.
    path: &'static str,
    /// The value, if stated.
    value: Option<bool>,
    /// The value that fails the lot.
    failing: bool,
    /// The reason of a stated failing value.
    not_met: &'static str,
    /// The reason, and the severity, of an absent value.
    absent: &'static str,
    absent_severity: Severity,
}

fn manufacturing<'a>(p: &Profile<'a>) -> Option<&'a crate::Manufacturing> {
    p.product.manufacturing.as_ref()
}

fn judge_manufacturing_fact(f: &mut Finding, fact: &ManufacturingFact) {
    f.point_at(fact.path);
    match fact.value {
        Some(v) if v == fact.failing => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why(fact.not_met)
                .add(Fact::flag(fact.path, v));
        }
        Some(v) => {
            f.add(Fact::flag(fact.path, v));
        }
        None => {
            f.judge(Outcome::Undetermined, fact.absent_severity)
                .why(fact.absent)
                .lack(fact.path);
        }
    }
}

/// The reason of the establishment's process facts when they are not stated.
const PROCESS_NOT_STATED: &str = "not stated: it concerns the establishment's process, not a result of the lot, and is judged when stated";

fn donor_eligibility(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let rule = RuleId::QualityDonorEligibility;
    if !rule.holds_on(p.on) {
        f.not_applicable("21 CFR 1271 subpart C, and with it the donor-eligibility determination, applies from 25 May 2005")
            .add(Fact::date("evaluated_on", p.on).as_limit());
        return;
    }
    let donor = p.product.donor;
    if let Some(d) = donor {
        if d.is_autologous() {
            f.not_applicable("the patient's own cells: no donor-eligibility determination is required for autologous use (21 CFR 1271.90(a)(1))")
                .add(Fact::code("donor", d.code()));
            return;
        }
        if d == Donor::Xenogeneic {
            f.not_applicable("cells from an animal: the donor-eligibility rules of 21 CFR 1271 subpart C concern human donors")
                .add(Fact::code("donor", d.code()));
            return;
        }
    }
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.donor_eligibility_determined",
            value: manufacturing(p).and_then(|m| m.donor_eligibility_determined),
            failing: false,
            not_met: "no donor-eligibility determination was made for the donor of the lot's cells: the lot may not be made available for distribution (21 CFR 1271.265(c)(2)) and stays in quarantine (21 CFR 1271.60)",
            absent: "whether a donor-eligibility determination was made for the donor of the lot's cells is not stated: a lot from another person's cells may not be distributed without one (21 CFR 1271.265(c)(2)); a certificate of analysis rarely states it, so ask for the summary of records that must accompany the lot (21 CFR 1271.55)",
            // A condition of distributing the lot, not one of its test results: a warning that
            // asks, not a verdict that waits (a lot table that omits it still shows the lot's
            // results).
            absent_severity: Severity::Warning,
        },
    );
    match donor {
        Some(d) => {
            f.add(Fact::code("donor", d.code()));
        }
        None if f.outcome == Outcome::Undetermined => {
            // The patient's own cells need no determination: the donor, stated, may settle it.
            f.lack("donor");
        }
        None => {}
    }
}

fn aseptic_validation(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.aseptic_process_validated",
            value: manufacturing(p).and_then(|m| m.aseptic_process_validated),
            failing: false,
            not_met: "the aseptic process the lot was made by is not validated: living cells cannot be sterilised at the end, so nothing shows the lot sterile beyond the units tested (21 CFR 211.113(b))",
            absent: PROCESS_NOT_STATED,
            absent_severity: Severity::Info,
        },
    );
}

fn reagent_grade(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.research_grade_reagents_used",
            value: manufacturing(p).and_then(|m| m.research_grade_reagents_used),
            failing: true,
            not_met: "a research-grade or non-sterile reagent went into the lot: it is not made or tested for use in people (21 CFR 211.84(d); 21 CFR 1271.210)",
            absent: "not stated: the grade of the reagents does not appear in a release record, and is judged when stated",
            absent_severity: Severity::Info,
        },
    );
}

fn sterility_investigation(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.sterility_failures_investigated",
            value: manufacturing(p).and_then(|m| m.sterility_failures_investigated),
            failing: false,
            not_met: "a positive sterility result was not thoroughly investigated: its cause, and the other lots it may touch, are unknown (21 CFR 211.192)",
            absent: PROCESS_NOT_STATED,
            absent_severity: Severity::Info,
        },
    );
    f.add_opt(
        p.release
            .and_then(|r| r.sterility)
            .map(|o| Fact::code("release.sterility", o.code())),
    );
}

fn expiry_dating(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.expiry_supported_by_stability_data",
            value: manufacturing(p).and_then(|m| m.expiry_supported_by_stability_data),
            failing: false,
            not_met: "the lot's expiry date, or its extension, is not supported by stability data: nothing shows the lot still meets its specification until that day (21 CFR 211.137(a), 211.166(a))",
            absent: PROCESS_NOT_STATED,
            absent_severity: Severity::Info,
        },
    );
}

fn release_before_results(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    judge_manufacturing_fact(
        f,
        &ManufacturingFact {
            path: "manufacturing.distributed_before_release_results",
            value: manufacturing(p).and_then(|m| m.distributed_before_release_results),
            failing: true,
            not_met: "the lot was distributed before its release results were in and met specification: it reached patients unproven (21 CFR 211.165(a); 21 CFR 610.1; 21 CFR 1271.265(c))",
            absent: "not stated: the release results the record gives are judged by their own rules (a result pending at release already blocks), and when the lot left is judged when stated",
            absent_severity: Severity::Info,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_constants_are_valid_values() {
        assert!(Percent::new(DEFAULT_MIN_VIABILITY.get()).is_ok());
        assert!(Percent::new(DEFAULT_POSITIVE_MARKER_MIN.get()).is_ok());
        assert!(Percent::new(DEFAULT_NEGATIVE_MARKER_MAX.get()).is_ok());
        assert!(CellCount::from_u64(DEFAULT_MIN_VIABLE_CELLS.get()).is_ok());
    }

    #[test]
    fn reference_doses_are_ordered_ranges() {
        for row in REFERENCE_DOSES {
            assert!(row.min > 0.0 && row.min <= row.max, "{row:?}");
        }
    }

    /// Every label dose of the catalog is a reference row for the label's route and every one of
    /// its indications, and every label row comes from the catalog.
    #[test]
    fn reference_doses_are_the_catalog_label_doses() {
        let mut expected = 0;
        for p in crate::ApprovedProduct::ALL {
            for (basis, range) in [
                (DoseBasis::PerAdministration, p.dose.per_administration),
                (DoseBasis::PerKg, p.dose.per_kg),
            ] {
                let Some(range) = range else { continue };
                for indication in p.indications {
                    expected += 1;
                    assert!(
                        REFERENCE_DOSES.iter().any(|r| r.product == Some(p.key)
                            && r.route == p.route
                            && r.indication == *indication
                            && r.basis == basis
                            && r.min == range.min
                            && r.max == range.max),
                        "{} {basis:?}",
                        p.name
                    );
                }
            }
        }
        let labels = REFERENCE_DOSES
            .iter()
            .filter(|r| r.product.is_some())
            .count();
        assert_eq!(labels, expected);
        assert!(DoseFactor::new(DEFAULT_FAR_BELOW_FACTOR.get()).is_ok());
    }
}
