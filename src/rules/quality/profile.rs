//! The facts about a product that several quality rules share, read once.

use super::*;

/// Whether the product was grown in culture, from both the preparation and the processing
/// steps, so that removing one of them cannot hide the expansion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expansion {
    Yes,
    No,
    Unknown,
}

/// A number of cells several rules use (per dose, or per kilogram), with where it comes from:
/// what its fact is called and whether it was computed. Small and `Copy`, so that it is worked
/// out once per product and turned into a [`Fact`] only where a finding shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct CellFigure {
    pub(super) value: f64,
    pub(super) name: &'static str,
    pub(super) unit: &'static str,
    pub(super) derived: bool,
}

impl CellFigure {
    pub(super) fn fact(self) -> Fact {
        let fact = Fact::number(self.name, self.value).with_unit(self.unit);
        if self.derived {
            fact.as_derived()
        } else {
            fact
        }
    }
}

/// The facts about a product that several rules share.
pub(super) struct Profile<'a> {
    pub(super) product: &'a Product,
    /// The evaluation date.
    pub(super) on: jiff::civil::Date,
    /// The release state is stated `fresh`, yet a cryopreservation step or a post-thaw
    /// viability figure is stated too.
    pub(super) fresh_and_frozen: bool,
    pub(super) release: Option<&'a ReleaseData>,
    /// Meant to deliver living cells; unknown preparations count as live (fail closed).
    pub(super) live: bool,
    pub(super) expansion: Expansion,
    /// Frozen for storage: from the release state, the processing steps or post-thaw figures.
    pub(super) state: Option<ProductState>,
    /// A same-day autologous bedside product, which needs fewer release entries.
    pub(super) bedside_autologous: bool,
    pub(super) called_msc: bool,
    /// The viable nucleated cells per dose: the lowest figure stated (in the dose or the
    /// release record); when neither is stated, total nucleated cells × applicable viability
    /// (the calculation of Ph. Eur. 2.7.29), marked as derived.
    pub(super) viable_cells: Option<CellFigure>,
    /// The dose per kilogram: stated, or computed from the viable cells and the body weight.
    pub(super) cells_per_kg: Option<CellFigure>,
}

impl<'a> Profile<'a> {
    pub(super) fn new(product: &'a Product, on: jiff::civil::Date) -> Self {
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

    pub(super) fn perinatal(&self) -> Option<bool> {
        self.product.tissue.map(|t| t.info().perinatal)
    }

    pub(super) fn route(&self) -> Option<Route> {
        self.product.delivery.map(|d| d.route)
    }

    pub(super) fn weight_kg(&self) -> Option<f64> {
        weight_kg(self.product)
    }
}

pub(super) fn weight_kg(product: &Product) -> Option<f64> {
    product.recipient.and_then(|r| r.weight_kg).map(|w| w.get())
}

/// See [`Profile::viable_cells`].
pub(super) fn viable_cells(
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
pub(super) fn derived_viable_cells(
    release: &ReleaseData,
    state: Option<ProductState>,
) -> Option<CellFigure> {
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
pub(super) fn cells_per_kg(
    product: &Product,
    viable_cells: Option<CellFigure>,
) -> Option<CellFigure> {
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
