//! Quality and release assessment: viability, cell dose, identity, safety tests, expansion and
//! the certificate of analysis.
//!
//! One entry point, [`assess_quality`], reads a [`Product`] and a [`QualityPolicy`] and answers
//! with a [`QualityReport`]: one [`Finding`] per rule, and a [`QualityVerdict`] drawn from them.
//! Every threshold lives in the policy (or, for the pharmacopoeial endotoxin constant K, in the
//! cited [`crate::Route`] table); none is written in the rules.

use crate::table::vocab;
use crate::{
    CellCount, Donor, EndotoxinEuPerMl, Fact, Finding, Outcome, Passage, Percent,
    PopulationDoublings, ProcessingStep, Product, ProductState, ReleaseData, Route, RuleId,
    Severity, SupplyModel, SurfaceMarker, TestOutcome, ViabilityTiming,
};
use serde::{Deserialize, Serialize};
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
    /// The lowest viability accepted, in percent of nucleated cells alive. Default 70 %: the
    /// low end of published MSC release specifications (J Transl Med 2018 s12967-018-1659-4,
    /// Table 2: ≥ 70 %; others ask 80-90 %), and the figure FDA-advised release tests give
    /// ("generally > 70 %", World J Med Genet 2015, Table 3).
    pub min_viability_percent: Percent,
    /// The fewest viable nucleated cells per dose accepted. Default 10⁶: counts "in the
    /// millions", as "Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)"
    /// tells patients to expect.
    pub min_viable_cells: CellCount,
    /// The lowest share of cells positive for CD73, CD90 and CD105. Default 95 % (ISCT,
    /// Dominici et al. 2006).
    pub positive_marker_min_percent: Percent,
    /// The highest share of cells positive for each negative marker. Default 2 % (ISCT,
    /// Dominici et al. 2006).
    pub negative_marker_max_percent: Percent,
    /// A passage number no product may exceed, on top of each product's own limit. Default
    /// none: no consensus numeric limit exists in a citable source (products set their own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_passage: Option<Passage>,
    /// A number of population doublings no product may exceed, on top of each product's own
    /// limit. Default none, for the same reason as `max_passage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_population_doublings: Option<PopulationDoublings>,
    /// Which products must come with a certificate of analysis.
    pub require_coa_for: CoaRequirement,
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
    /// # Ok::<(), strum::ParseError>(())
    /// ```
    pub enum DoseBasis {
        /// Viable cells per kilogram of body weight (systemic routes).
        PerKg => "per_kg", "cells/kg";
        /// Viable cells per administration.
        PerAdministration => "per_administration", "cells per administration";
    }
}

/// **A published dose range for one route**: one row of [`REFERENCE_DOSES`].
///
/// The range spans the doses of approved products and clinical trials for that route, in
/// viable cells per kilogram or per administration ([`DoseBasis`]). It is a yardstick for
/// questions, not a limit.
///
/// # Examples
///
/// ```
/// use msc_therapy::{DoseBasis, REFERENCE_DOSES, Route};
///
/// let iv = REFERENCE_DOSES.iter().find(|r| r.route == Route::Intravenous).unwrap();
/// assert_eq!(iv.basis, DoseBasis::PerKg);
/// assert!(iv.min <= 2e6 && 2e6 <= iv.max); // Ryoncil's label dose
/// assert!(iv.source.contains("RYONCIL"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReferenceDose {
    /// The route.
    pub route: Route,
    /// Per kilogram or per administration.
    pub basis: DoseBasis,
    /// The lowest dose used.
    pub min: f64,
    /// The highest dose used.
    pub max: f64,
    /// What the range covers.
    pub context: &'static str,
    /// Where it comes from.
    pub source: &'static str,
}

/// **Dose ranges of approved products and trials, by route**, for the informational comparison
/// of [`RuleId::QualityDoseReference`]. Not limits: no regulation fixes an MSC dose.
pub const REFERENCE_DOSES: &[ReferenceDose] = &[
    ReferenceDose {
        route: Route::Intravenous,
        basis: DoseBasis::PerKg,
        min: 0.84e6,
        max: 2.56e6,
        context: "acute graft-versus-host disease: approved label dose 2 x 10^6/kg; doses given in studies 0.84-2.56 x 10^6/kg",
        source: "RYONCIL US label (2024); TEMCELL HS Inj. label; Ann Hematol 2023 s00277-023-05216-3",
    },
    ReferenceDose {
        route: Route::IntraArticular,
        basis: DoseBasis::PerAdministration,
        min: 2e6,
        max: 1e8,
        context: "knee osteoarthritis trials: 2 x 10^6 to 1 x 10^8 cells per injection",
        source: "Jo et al., Stem Cells 2014;32(5):1254; Pers et al., SCTM 2016;5(7):847; Lee et al., SCTM 2019;8:504",
    },
    ReferenceDose {
        route: Route::Intralesional,
        basis: DoseBasis::PerAdministration,
        min: 1.2e8,
        max: 1.2e8,
        context: "complex perianal fistula in Crohn's disease: single dose of 120 x 10^6 cells (darvadstrocel)",
        source: "Alofisel EU SmPC (marketing authorisation withdrawn Dec 2024)",
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
/// let report = assess_quality(&product, &QualityPolicy::default());
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
pub struct QualityReport {
    /// The overall verdict.
    pub verdict: QualityVerdict,
    /// One finding per rule, in the order of the rule table.
    pub findings: Vec<Finding>,
}

impl QualityReport {
    /// Builds a report from findings, deriving the verdict.
    fn from_findings(findings: Vec<Finding>) -> Self {
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
        Self { verdict, findings }
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
            let group: Vec<&Finding> = self
                .findings
                .iter()
                .filter(|x| x.severity == *severity)
                .collect();
            if group.is_empty() {
                continue;
            }
            writeln!(f, "{} ({}):", severity.label(), group.len())?;
            for finding in group {
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

/// The facts about a product that several rules share.
struct Profile<'a> {
    product: &'a Product,
    release: Option<&'a ReleaseData>,
    /// Meant to deliver living cells; unknown preparations count as live (fail closed).
    live: bool,
    expansion: Expansion,
    /// Frozen for storage: from the release state, the processing steps or post-thaw figures.
    state: Option<ProductState>,
    /// A same-day autologous bedside product, which needs fewer release entries.
    bedside_autologous: bool,
    called_msc: bool,
}

impl<'a> Profile<'a> {
    fn new(product: &'a Product) -> Self {
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
        } else if product.preparation.is_some() || steps.is_some() {
            Expansion::No
        } else {
            Expansion::Unknown
        };
        let post_thaw_figure = release.is_some_and(|r| {
            r.viability
                .iter()
                .any(|v| v.timing == ViabilityTiming::PostThaw)
        });
        let state = if step(ProcessingStep::Cryopreservation) || post_thaw_figure {
            Some(ProductState::Cryopreserved)
        } else {
            release.and_then(|r| r.state)
        };
        let bedside_autologous = product.donor == Some(Donor::Autologous)
            && product.supply == Some(SupplyModel::PointOfCare)
            && expansion == Expansion::No;
        Self {
            product,
            release,
            live,
            expansion,
            state,
            bedside_autologous,
            called_msc: product.designation.is_some(),
        }
    }

    /// Severity of a missing release test: blocking for a manufactured lot, a warning for a
    /// same-day autologous bedside product.
    fn missing_test_severity(&self) -> Severity {
        if self.bedside_autologous {
            Severity::Warning
        } else {
            Severity::Blocking
        }
    }

    fn perinatal(&self) -> Option<bool> {
        self.product.tissue.map(|t| t.info().perinatal)
    }

    fn route(&self) -> Option<Route> {
        self.product.delivery.map(|d| d.route)
    }

    fn weight_kg(&self) -> Option<f64> {
        self.product
            .recipient
            .and_then(|r| r.weight_kg)
            .map(|w| w.get())
    }

    /// The viable nucleated cells per dose, with the fact that carries them: the lowest figure
    /// stated (in the dose or the release record); when neither is stated, total nucleated
    /// cells × applicable viability (the calculation of Ph. Eur. 2.7.29), marked as derived.
    fn viable_cells(&self) -> Option<(f64, Fact)> {
        let from_dose = self
            .product
            .dose
            .and_then(|d| d.viable_cells)
            .map(|c| (c.as_f64(), "dose.viable_cells"));
        let from_release = self
            .release
            .and_then(|r| r.viable_nucleated_cells)
            .map(|c| (c.as_f64(), "release.viable_nucleated_cells"));
        let stated = [from_dose, from_release]
            .into_iter()
            .flatten()
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((count, path)) = stated {
            return Some((count, Fact::number(path, count).with_unit("cells")));
        }
        let release = self.release?;
        let total = release.total_nucleated_cells?.as_f64();
        let viability = release.viability_for(self.state)?.get();
        let count = total * viability / 100.0;
        Some((
            count,
            Fact::number("derived.viable_nucleated_cells", count)
                .with_unit("cells")
                .as_derived(),
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

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
///                 "endotoxin_eu_per_ml": 0.1}
/// }"#)?;
/// let report = assess_quality(&product, &QualityPolicy::default());
/// assert_eq!(report.verdict, QualityVerdict::Pass);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn assess_quality(product: &Product, policy: &QualityPolicy) -> QualityReport {
    let p = Profile::new(product);
    let findings = vec![
        viability_minimum(&p, policy),
        viability_post_thaw(&p),
        viable_cell_count(&p, policy),
        dose_per_kg(&p),
        dose_reference(&p),
        positive_markers(&p, policy),
        negative_markers(&p, policy),
        plastic_adherence(&p),
        trilineage(&p),
        sterility(&p),
        mycoplasma(&p),
        endotoxin(&p),
        expansion_limit(&p, policy),
        perinatal_msc_evidence(&p, policy),
        certificate_present(&p, policy),
        certificate_entries(&p),
    ];
    QualityReport::from_findings(findings)
}

fn met(rule: RuleId) -> Finding {
    Finding::new(rule, Outcome::Met, Severity::Info)
}

fn not_applicable(rule: RuleId, reason: &'static str) -> Finding {
    Finding::new(rule, Outcome::NotApplicable, Severity::Info).because(reason)
}

const CELL_FREE: &str = "the product is not meant to deliver living cells";

fn percent_fact(name: &'static str, value: f64) -> Fact {
    Fact::number(name, value).with_unit("%")
}

// ---------------------------------------------------------------------------------------------
// Viability
// ---------------------------------------------------------------------------------------------

fn viability_minimum(p: &Profile<'_>, policy: &QualityPolicy) -> Finding {
    const RULE: RuleId = RuleId::QualityViabilityMinimum;
    if !p.live {
        return not_applicable(RULE, CELL_FREE);
    }
    let limit = percent_fact(
        "policy.min_viability_percent",
        policy.min_viability_percent.get(),
    )
    .as_limit();
    let figure = p.release.and_then(|r| r.viability_for(p.state));
    match figure {
        Some(v) if v.get() >= policy.min_viability_percent.get() => met(RULE),
        Some(_) => Finding::new(RULE, Outcome::NotMet, Severity::Blocking)
            .because("fewer cells are alive than the policy requires"),
        None => {
            let reported = p.release.is_some_and(|r| !r.viability.is_empty());
            let finding = Finding::new(RULE, Outcome::Undetermined, Severity::Blocking);
            if reported && p.state.is_none() {
                finding
                    .because("only viability before freezing is reported and whether the product was frozen is not stated: a figure taken before freezing describes the product only if it was given fresh")
                    .missing("release.state")
                    .missing("release.viability (post_thaw)")
            } else if reported {
                finding
                    .because("the product is cryopreserved and only viability before freezing is reported; it is judged on post-thaw viability")
                    .missing("release.viability (post_thaw)")
            } else {
                finding
                    .because("no viability is reported for a product meant to deliver living cells")
                    .missing("release.viability")
            }
        }
    }
    .at("release.viability")
    .fact_opt(figure.map(|v| percent_fact("release.viability", v.get())))
    .fact_opt(p.state.map(|s| Fact::code("release.state", s.code())))
    .fact(limit)
}

fn viability_post_thaw(p: &Profile<'_>) -> Finding {
    const RULE: RuleId = RuleId::QualityViabilityPostThaw;
    if !p.live {
        return not_applicable(RULE, CELL_FREE);
    }
    let figures = p.release.map_or(&[][..], |r| r.viability.as_slice());
    let finding = match p.state {
        Some(ProductState::Fresh) => {
            return not_applicable(RULE, "the product is given fresh, never frozen")
                .fact(Fact::code("release.state", ProductState::Fresh.code()));
        }
        Some(ProductState::Cryopreserved) => {
            if figures.iter().any(|v| v.timing == ViabilityTiming::PostThaw) {
                met(RULE)
            } else if figures.is_empty() {
                Finding::new(RULE, Outcome::Undetermined, Severity::Warning)
                    .because("no viability is reported")
                    .missing("release.viability")
            } else {
                Finding::new(RULE, Outcome::NotMet, Severity::Warning)
                    .because("the product is cryopreserved but its viability was measured only before freezing")
            }
        }
        None => Finding::new(RULE, Outcome::Undetermined, Severity::Warning)
            .because("whether the product was frozen is not stated, so the timing of its viability cannot be checked")
            .missing("release.state"),
    };
    finding
        .at("release.viability")
        .fact_opt(p.state.map(|s| Fact::code("release.state", s.code())))
        .fact(Fact::code_list(
            "release.viability.timing",
            figures.iter().map(|v| v.timing.code()),
        ))
}

// ---------------------------------------------------------------------------------------------
// Cell count and dose
// ---------------------------------------------------------------------------------------------

fn viable_cell_count(p: &Profile<'_>, policy: &QualityPolicy) -> Finding {
    const RULE: RuleId = RuleId::QualityViableCellCount;
    if !p.live {
        return not_applicable(RULE, CELL_FREE);
    }
    let limit = Fact::number("policy.min_viable_cells", policy.min_viable_cells.as_f64())
        .with_unit("cells")
        .as_limit();
    let total = p
        .release
        .and_then(|r| r.total_nucleated_cells)
        .map(|t| Fact::number("release.total_nucleated_cells", t.as_f64()).with_unit("cells"));
    match p.viable_cells() {
        Some((count, fact)) => {
            let finding = if count >= policy.min_viable_cells.as_f64() {
                met(RULE)
            } else {
                Finding::new(RULE, Outcome::NotMet, Severity::Blocking)
                    .because("fewer live nucleated cells per dose than the policy minimum")
            };
            let derived = fact.role == crate::FactRole::Derived;
            finding
                .fact(fact)
                .fact_opt(if derived { total } else { None })
        }
        None => Finding::new(RULE, Outcome::Undetermined, Severity::Blocking)
            .because("the number of live nucleated cells per dose is not disclosed")
            .missing("release.viable_nucleated_cells")
            .fact_opt(total),
    }
    .at("release.viable_nucleated_cells")
    .fact(limit)
}

/// The dose per kilogram: stated, or computed from the viable cells and the body weight.
fn cells_per_kg(p: &Profile<'_>) -> Option<(f64, Fact)> {
    if let Some(per_kg) = p.product.dose.and_then(|d| d.cells_per_kg) {
        let value = per_kg.get();
        return Some((
            value,
            Fact::number("dose.cells_per_kg", value).with_unit("cells/kg"),
        ));
    }
    let (count, _) = p.viable_cells()?;
    let weight = p.weight_kg()?;
    let value = count / weight;
    Some((
        value,
        Fact::number("derived.cells_per_kg", value)
            .with_unit("cells/kg")
            .as_derived(),
    ))
}

fn dose_per_kg(p: &Profile<'_>) -> Finding {
    const RULE: RuleId = RuleId::QualityDosePerKg;
    if !p.live {
        return not_applicable(RULE, CELL_FREE);
    }
    let Some(route) = p.route() else {
        return Finding::new(RULE, Outcome::Undetermined, Severity::Info)
            .because(
                "the route is not stated, so whether the dose must be written per kg is unknown",
            )
            .missing("delivery.route");
    };
    if !route.info().systemic {
        return not_applicable(
            RULE,
            "the route is not systemic; the dose is judged per administration",
        )
        .fact(Fact::code("delivery.route", route.code()));
    }
    let finding = match cells_per_kg(p) {
        Some((_, fact)) => met(RULE).fact(fact),
        None => {
            let mut f = Finding::new(RULE, Outcome::Undetermined, Severity::Warning)
                .because("a systemic dose needs the cells per kg, or the cell count and the patient's weight");
            if p.viable_cells().is_none() {
                f = f.missing("dose.viable_cells");
            }
            if p.weight_kg().is_none() {
                f = f.missing("recipient.weight_kg");
            }
            f
        }
    };
    finding
        .at("dose")
        .fact(Fact::code("delivery.route", route.code()))
}

fn dose_reference(p: &Profile<'_>) -> Finding {
    const RULE: RuleId = RuleId::QualityDoseReference;
    if !p.live {
        return not_applicable(RULE, CELL_FREE);
    }
    let Some(route) = p.route() else {
        return Finding::new(RULE, Outcome::Undetermined, Severity::Info).missing("delivery.route");
    };
    let Some(reference) = REFERENCE_DOSES.iter().find(|r| r.route == route) else {
        return not_applicable(
            RULE,
            "the crate holds no published dose range for this route",
        )
        .fact(Fact::code("delivery.route", route.code()));
    };
    let (dose, unit) = match reference.basis {
        DoseBasis::PerKg => (cells_per_kg(p), "cells/kg"),
        DoseBasis::PerAdministration => (p.viable_cells(), "cells"),
    };
    let finding = match dose {
        Some((value, fact)) => {
            let within = value >= reference.min && value <= reference.max;
            let f = if within {
                met(RULE)
            } else {
                Finding::new(RULE, Outcome::NotMet, Severity::Info)
                    .because("the dose lies outside the range of approved products and trials for this route; ask why")
            };
            f.fact(fact)
        }
        None => Finding::new(RULE, Outcome::Undetermined, Severity::Info)
            .because("the dose cannot be compared: it is not stated in the form the reference uses")
            .missing(match reference.basis {
                DoseBasis::PerKg => "dose.cells_per_kg",
                DoseBasis::PerAdministration => "dose.viable_cells",
            }),
    };
    finding
        .at("dose")
        .fact(Fact::code("delivery.route", route.code()))
        .fact(
            Fact::number("reference.min", reference.min)
                .with_unit(unit)
                .as_limit(),
        )
        .fact(
            Fact::number("reference.max", reference.max)
                .with_unit(unit)
                .as_limit(),
        )
        .fact(Fact::new(
            "reference.context",
            crate::FactValue::Text(std::borrow::Cow::Borrowed(reference.context)),
        ))
        .fact(Fact::new(
            "reference.source",
            crate::FactValue::Text(std::borrow::Cow::Borrowed(reference.source)),
        ))
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
        other => marker_path(other),
    }
}

/// Whether identity rules apply, and how much a failure matters.
fn identity_scope(p: &Profile<'_>) -> Result<Severity, &'static str> {
    let panel = p.release.is_some_and(|r| r.identity.is_some());
    if !p.live && !panel {
        return Err(CELL_FREE);
    }
    match p.expansion {
        Expansion::Yes => Ok(Severity::Blocking),
        Expansion::Unknown => Ok(Severity::Warning),
        Expansion::No if p.called_msc || panel => Ok(Severity::Warning),
        Expansion::No => Err(
            "the product is neither culture-expanded nor called MSCs, so the ISCT identity criteria are not its release criteria",
        ),
    }
}

/// Checks the markers of one ISCT expectation. Returns (outcome, facts, missing).
fn check_markers(
    p: &Profile<'_>,
    expectation: crate::MarkerExpectation,
    passes: impl Fn(f64) -> bool,
) -> (Outcome, crate::Facts, Vec<&'static str>) {
    let markers = p
        .release
        .and_then(|r| r.identity.as_ref())
        .map(|i| &i.markers);
    let value = |m: SurfaceMarker| markers.and_then(|ms| ms.get(&m)).map(|v| v.get());
    let mut facts = crate::Facts::new();
    let mut missing = Vec::new();
    let mut failed = false;
    for &marker in SurfaceMarker::ALL {
        let info = marker.info();
        if info.expectation != expectation {
            continue;
        }
        match value(marker) {
            Some(v) => {
                facts.push(percent_fact(marker_path(marker), v));
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
    (outcome, facts, missing)
}

fn marker_finding(
    p: &Profile<'_>,
    rule: RuleId,
    expectation: crate::MarkerExpectation,
    limit: Fact,
    passes: impl Fn(f64) -> bool,
) -> Finding {
    let severity = match identity_scope(p) {
        Ok(s) => s,
        Err(reason) => return not_applicable(rule, reason),
    };
    let (outcome, facts, missing) = check_markers(p, expectation, passes);
    let mut finding = match outcome {
        Outcome::Met => met(rule),
        Outcome::NotMet => Finding::new(rule, outcome, severity)
            .because("a marker lies outside the ISCT limit: the cells are not shown to be MSCs"),
        _ if p.called_msc && facts.is_empty() => Finding::new(rule, outcome, severity).because(
            "the product is called mesenchymal stem/stromal cells but reports no identity data",
        ),
        _ => Finding::new(rule, outcome, severity).because("not every ISCT marker was measured"),
    };
    finding = finding.at("release.identity.markers");
    for fact in facts {
        finding = finding.fact(fact);
    }
    finding = finding.fact(limit);
    if outcome != Outcome::NotMet {
        for path in missing {
            finding = finding.missing(path);
        }
    }
    finding
}

fn positive_markers(p: &Profile<'_>, policy: &QualityPolicy) -> Finding {
    let min = policy.positive_marker_min_percent.get();
    marker_finding(
        p,
        RuleId::QualityIdentityPositiveMarkers,
        crate::MarkerExpectation::Positive,
        percent_fact("policy.positive_marker_min_percent", min).as_limit(),
        |v| v >= min,
    )
}

fn negative_markers(p: &Profile<'_>, policy: &QualityPolicy) -> Finding {
    let max = policy.negative_marker_max_percent.get();
    marker_finding(
        p,
        RuleId::QualityIdentityNegativeMarkers,
        crate::MarkerExpectation::Negative,
        percent_fact("policy.negative_marker_max_percent", max).as_limit(),
        |v| v <= max,
    )
}

fn reported_property(
    p: &Profile<'_>,
    rule: RuleId,
    path: &'static str,
    value: Option<bool>,
    failure: &'static str,
) -> Finding {
    let severity = match identity_scope(p) {
        Ok(s) => s,
        Err(reason) => return not_applicable(rule, reason),
    };
    match value {
        Some(true) => met(rule).fact(Fact::flag(path, true)),
        Some(false) => Finding::new(rule, Outcome::NotMet, severity)
            .because(failure)
            .fact(Fact::flag(path, false)),
        None => Finding::new(rule, Outcome::Undetermined, Severity::Info)
            .because("not reported; checked only when reported")
            .missing(path),
    }
    .at(path)
}

fn plastic_adherence(p: &Profile<'_>) -> Finding {
    reported_property(
        p,
        RuleId::QualityIdentityPlasticAdherence,
        "release.identity.plastic_adherent",
        p.release
            .and_then(|r| r.identity.as_ref())
            .and_then(|i| i.plastic_adherent),
        "the cells do not adhere to plastic, which MSCs do",
    )
}

fn trilineage(p: &Profile<'_>) -> Finding {
    reported_property(
        p,
        RuleId::QualityIdentityTrilineage,
        "release.identity.trilineage_differentiation",
        p.release
            .and_then(|r| r.identity.as_ref())
            .and_then(|i| i.trilineage_differentiation),
        "the cells did not differentiate into bone, fat and cartilage cells",
    )
}

// ---------------------------------------------------------------------------------------------
// Safety release tests
// ---------------------------------------------------------------------------------------------

fn test_outcome(
    rule: RuleId,
    path: &'static str,
    outcome: Option<TestOutcome>,
    missing_severity: Severity,
) -> Finding {
    match outcome {
        Some(TestOutcome::Negative) => met(rule),
        Some(TestOutcome::Positive) => Finding::new(rule, Outcome::NotMet, Severity::Blocking)
            .because("contamination was detected"),
        Some(TestOutcome::Pending) => Finding::new(rule, Outcome::Undetermined, missing_severity)
            .because("the test had not finished at release"),
        None => Finding::new(rule, Outcome::Undetermined, missing_severity)
            .because("no result is reported")
            .missing(path),
    }
    .at(path)
    .fact_opt(outcome.map(|o| Fact::code(path, o.code())))
}

fn sterility(p: &Profile<'_>) -> Finding {
    test_outcome(
        RuleId::QualitySterility,
        "release.sterility",
        p.release.and_then(|r| r.sterility),
        p.missing_test_severity(),
    )
}

fn mycoplasma(p: &Profile<'_>) -> Finding {
    const RULE: RuleId = RuleId::QualityMycoplasma;
    let result = p.release.and_then(|r| r.mycoplasma);
    let severity = match p.expansion {
        Expansion::Yes => Severity::Blocking,
        Expansion::Unknown => Severity::Warning,
        Expansion::No if result.is_some() => Severity::Info,
        Expansion::No => {
            return not_applicable(
                RULE,
                "the cells were not grown in culture, where mycoplasma contaminate",
            );
        }
    };
    test_outcome(RULE, "release.mycoplasma", result, severity)
}

fn endotoxin(p: &Profile<'_>) -> Finding {
    const RULE: RuleId = RuleId::QualityEndotoxin;
    let measured = p.release.and_then(|r| r.endotoxin_eu_per_ml);
    let spec = p.release.and_then(|r| r.endotoxin_limit_eu_per_ml);
    let route = p.route();
    if let Some(route) = route {
        if route.info().endotoxin_k_eu_per_kg.is_none() && spec.is_none() {
            return not_applicable(
                RULE,
                "USP <85> sets no endotoxin constant for this route (not parenteral)",
            )
            .fact(Fact::code("delivery.route", route.code()));
        }
    }
    let mut facts = crate::Facts::new();
    let mut missing = Vec::new();
    if let Some(route) = route {
        facts.push(Fact::code("delivery.route", route.code()));
    }
    // USP <85>: limit = K / M, M = dose volume per kg in one hour (whole dose within the hour).
    let k = route.and_then(|r| r.info().endotoxin_k_eu_per_kg);
    let volume = p.product.dose.and_then(|d| d.volume_ml).map(|v| v.get());
    let weight = p.weight_kg();
    let usp_limit = match (k, volume, weight) {
        (Some(k), Some(volume), Some(weight)) => {
            let m = volume / weight;
            facts.push(Fact::number("usp85.k", k).with_unit("EU/kg").as_limit());
            facts.push(Fact::number("dose.volume_ml", volume).with_unit("mL"));
            facts.push(Fact::number("recipient.weight_kg", weight).with_unit("kg"));
            facts.push(
                Fact::number("derived.usp85.m", m)
                    .with_unit("mL/kg/h")
                    .as_derived(),
            );
            let limit = k / m;
            facts.push(
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
        facts.push(
            Fact::number("release.endotoxin_limit_eu_per_ml", spec.get())
                .with_unit("EU/mL")
                .as_limit(),
        );
    }
    let limit = match (usp_limit, spec.map(EndotoxinEuPerMl::get)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if let Some(m) = measured {
        facts.insert(
            0,
            Fact::number("release.endotoxin_eu_per_ml", m.get()).with_unit("EU/mL"),
        );
    }
    let severity = p.missing_test_severity();
    // USP <85> applies unless the route is known and has no constant K (not parenteral).
    let usp_applies = route.is_none_or(|r| r.info().endotoxin_k_eu_per_kg.is_some());
    let mut finding = match (measured, limit) {
        (Some(m), Some(limit)) if m.get() > limit => {
            Finding::new(RULE, Outcome::NotMet, Severity::Blocking)
                .because("endotoxin exceeds the limit for this route, volume and body weight")
        }
        (Some(_), Some(_)) if usp_applies && usp_limit.is_none() => {
            Finding::new(RULE, Outcome::Undetermined, Severity::Warning)
                .because("the result meets the product's own specification, but the USP <85> limit K/M for this dose and patient cannot be computed")
        }
        (Some(_), Some(_)) => met(RULE),
        (None, _) => {
            missing.insert(0, "release.endotoxin_eu_per_ml");
            Finding::new(RULE, Outcome::Undetermined, severity)
                .because("no endotoxin result is reported")
        }
        (Some(_), None) => Finding::new(RULE, Outcome::Undetermined, severity)
            .because("the limit K/M cannot be computed without the route, the dose volume and the body weight"),
    };
    finding = finding.at("release.endotoxin_eu_per_ml");
    for fact in facts {
        finding = finding.fact(fact);
    }
    if finding.outcome == Outcome::Undetermined {
        for path in missing {
            finding = finding.missing(path);
        }
    }
    finding
}

// ---------------------------------------------------------------------------------------------
// Expansion
// ---------------------------------------------------------------------------------------------

fn expansion_limit(p: &Profile<'_>, policy: &QualityPolicy) -> Finding {
    const RULE: RuleId = RuleId::QualityExpansionLimit;
    if p.expansion == Expansion::No {
        return not_applicable(RULE, "the cells were not grown in culture");
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

    let mut facts = crate::Facts::new();
    if let Some(v) = passage {
        facts.push(Fact::number("release.passage", f64::from(v)));
    }
    if let Some(v) = passage_limit {
        facts.push(Fact::number("limit.passage", f64::from(v)).as_limit());
    }
    if let Some(v) = doublings {
        facts.push(Fact::number("release.population_doublings", v));
    }
    if let Some(v) = doubling_limit {
        facts.push(Fact::number("limit.population_doublings", v).as_limit());
    }

    let over_passage = matches!((passage, passage_limit), (Some(v), Some(l)) if v > l);
    let over_doublings = matches!((doublings, doubling_limit), (Some(v), Some(l)) if v > l);
    let judged_passage = passage.is_some() && passage_limit.is_some();
    let judged_doublings = doublings.is_some() && doubling_limit.is_some();

    let mut finding = if over_passage || over_doublings {
        Finding::new(RULE, Outcome::NotMet, Severity::Blocking)
            .because("the cells were expanded beyond the limit of the product's specification")
    } else if judged_passage || judged_doublings {
        met(RULE)
    } else if passage.is_none() && doublings.is_none() {
        Finding::new(RULE, Outcome::Undetermined, Severity::Warning)
            .because("a culture-expanded product reports neither passage number nor population doublings")
            .missing("release.passage")
            .missing("release.population_doublings")
    } else {
        Finding::new(RULE, Outcome::Undetermined, Severity::Warning)
            .because("no limit is stated to judge the expansion against; no universal limit exists, so the product's specification must give one")
            .missing(if passage.is_some() {
                "release.passage_limit"
            } else {
                "release.population_doubling_limit"
            })
    };
    if p.expansion == Expansion::Unknown && finding.outcome == Outcome::Undetermined {
        finding = finding.missing("processing.steps");
    }
    finding = finding.at("release.passage");
    for fact in facts {
        finding = finding.fact(fact);
    }
    finding
}

// ---------------------------------------------------------------------------------------------
// Perinatal products
// ---------------------------------------------------------------------------------------------

fn perinatal_msc_evidence(p: &Profile<'_>, policy: &QualityPolicy) -> Finding {
    const RULE: RuleId = RuleId::QualityPerinatalMscEvidence;
    if !p.live {
        return not_applicable(RULE, CELL_FREE);
    }
    match p.perinatal() {
        Some(false) => return not_applicable(RULE, "the tissue is not perinatal"),
        None if p.product.supply != Some(SupplyModel::OffTheShelf) => {
            return Finding::new(RULE, Outcome::Undetermined, Severity::Info)
                .because("the source tissue is not stated")
                .missing("tissue");
        }
        _ => {}
    }
    let (identity, _, _) = check_markers(p, crate::MarkerExpectation::Positive, |v| {
        v >= policy.positive_marker_min_percent.get()
    });
    let cfu = p.release.and_then(|r| r.cfu_f_per_million).map(|c| c.get());
    let mut finding = if identity == Outcome::Met || cfu.is_some_and(|c| c > 0.0) {
        met(RULE)
    } else if cfu.is_some() || identity == Outcome::NotMet {
        let severity = if p.called_msc {
            Severity::Blocking
        } else {
            Severity::Warning
        };
        Finding::new(RULE, Outcome::NotMet, severity)
            .because("no colony-forming cells were found and identity markers do not show MSCs: live cells alone are not MSCs")
    } else {
        Finding::new(RULE, Outcome::Undetermined, Severity::Warning)
            .because("viable cells alone do not show MSCs; ask for identity markers or a colony-forming (CFU-F) assay")
            .missing("release.cfu_f_per_million")
            .missing("release.identity.markers")
    };
    finding = finding
        .at("release.cfu_f_per_million")
        .fact_opt(p.product.tissue.map(|t| Fact::code("tissue", t.code())))
        .fact_opt(
            cfu.map(|c| Fact::number("release.cfu_f_per_million", c).with_unit("CFU-F/10^6 cells")),
        )
        .fact(Fact::code("derived.identity_positive_markers", identity.code()).as_derived());
    finding
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

fn certificate_present(p: &Profile<'_>, policy: &QualityPolicy) -> Finding {
    const RULE: RuleId = RuleId::QualityCertificatePresent;
    if !coa_required(p, policy) {
        return not_applicable(
            RULE,
            "the policy does not require a certificate for this supply model, donor and processing",
        );
    }
    let certificate = p.release.and_then(|r| r.certificate.as_ref());
    match certificate {
        Some(c) => met(RULE).fact(Fact::new(
            "release.certificate.lot",
            crate::FactValue::Text(std::borrow::Cow::Owned(c.lot.as_str().to_owned())),
        )),
        None => Finding::new(RULE, Outcome::Undetermined, Severity::Blocking)
            .because("no certificate of analysis is recorded for a product that needs one")
            .missing("release.certificate"),
    }
    .at("release.certificate")
    .fact_opt(p.product.supply.map(|s| Fact::code("supply", s.code())))
    .fact_opt(p.product.donor.map(|d| Fact::code("donor", d.code())))
}

fn certificate_entries(p: &Profile<'_>) -> Finding {
    const RULE: RuleId = RuleId::QualityCertificateEntries;
    let r = p.release;
    let has = |f: &dyn Fn(&ReleaseData) -> bool| r.is_some_and(f);
    let mut missing: Vec<&'static str> = Vec::new();
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
    let mut finding = if missing.is_empty() {
        met(RULE)
    } else {
        Finding::new(RULE, Outcome::NotMet, Severity::Warning)
            .because("the release record lacks entries required for this type of product")
    };
    finding = finding
        .at("release")
        .fact(Fact::code("derived.product_type", kind).as_derived());
    for path in missing {
        finding = finding.missing(path);
    }
    finding
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

trait FindingExt {
    fn fact_opt(self, fact: Option<Fact>) -> Self;
}

impl FindingExt for Finding {
    fn fact_opt(self, fact: Option<Fact>) -> Self {
        match fact {
            Some(fact) => self.fact(fact),
            None => self,
        }
    }
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
}
