//! Reference data: the doses of approved MSC products, from their labels.

use super::*;

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
    /// use msc_therapy::engine::quality::DoseBasis;
    ///
    /// assert_eq!(DoseBasis::PerKg.label(), "cells/kg");
    /// assert_eq!("per_administration".parse::<DoseBasis>()?, DoseBasis::PerAdministration);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
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
/// use msc_therapy::catalog::CatalogKey;
/// use msc_therapy::engine::quality::{DoseBasis, REFERENCE_DOSES};
/// use msc_therapy::vocab::{Indication, Route};
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
pub(super) const fn label(
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
