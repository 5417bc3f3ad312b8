//! **One reading of the product** for the US, EU and Japanese engines: the facts they derive from
//! it, worked out once per product.
//!
//! [`crate::assess_product`] builds one [`Profile`] and hands it to the three engines; the public
//! `classify_us`, `classify_eu` and `classify_jp` each build their own. A rule reads a derived
//! fact from here, never works it out again: the steps known to have been done, whether the cells
//! were cultured, whether the preparation holds cells at all, the site of use, and the
//! homologous-use comparison (worked out on first use, as not every product reaches a rule that
//! needs it).
//!
//! Each derived fact keeps the one name its rule publishes it under; the profile holds values,
//! never names.

use crate::rules::homologous::{self, Homologous};
use crate::{ProcessingStep, Product, SiteOfUse};
use smallvec::SmallVec;
use std::cell::OnceCell;

/// **The derived facts about one product that the US, EU and Japanese rules share.**
pub(crate) struct Profile<'a> {
    /// The product read.
    pub(crate) product: &'a Product,
    /// The processing steps the record states (`Some(&[])`: it states that nothing was done;
    /// `None`: not stated).
    pub(crate) stated_steps: Option<&'a [ProcessingStep]>,
    /// The steps the kind of preparation cannot be made without
    /// ([`crate::PreparationInfo::implies`]), whether or not the record states them.
    pub(crate) implied_steps: &'static [ProcessingStep],
    /// The implied steps the stated list omits (every implied step when none is stated), in the
    /// order of [`Self::implied_steps`].
    unstated_implied: SmallVec<[ProcessingStep; 4]>,
    /// The cells were grown in culture: a culture-expansion step is stated, or the preparation
    /// is a culture-expanded one ([`crate::PreparationInfo::culture_expanded`]).
    pub(crate) cultured: bool,
    /// The preparation is stated and holds no cells at all ([`crate::PreparationInfo::cell_free`]:
    /// exosomes, conditioned medium).
    pub(crate) cell_free: bool,
    /// The site of use the intended use states ([`Product::stated_site_of_use`]).
    pub(crate) stated_site: Option<SiteOfUse>,
    /// The site of use the route implies ([`Product::route_site_of_use`]).
    pub(crate) route_site: Option<SiteOfUse>,
    /// The homologous-use comparison, worked out on first use ([`Self::homologous`]).
    homologous: OnceCell<Homologous<'a>>,
}

impl<'a> Profile<'a> {
    /// Reads `product` once. Allocates nothing.
    pub(crate) fn new(product: &'a Product) -> Self {
        let stated_steps = product.processing.as_ref().and_then(|p| p.steps_known());
        let implied_steps = product.preparation.map_or(&[][..], |p| p.info().implies);
        let stated = stated_steps.unwrap_or_default();
        let unstated_implied = implied_steps
            .iter()
            .copied()
            .filter(|s| !stated.contains(s))
            .collect();
        let cultured = stated.contains(&ProcessingStep::CultureExpansion)
            || product
                .preparation
                .is_some_and(|p| p.info().culture_expanded);
        Self {
            product,
            stated_steps,
            implied_steps,
            unstated_implied,
            cultured,
            cell_free: product.preparation.is_some_and(|p| p.info().cell_free),
            stated_site: product.stated_site_of_use(),
            route_site: product.route_site_of_use(),
            homologous: OnceCell::new(),
        }
    }

    /// The implied steps the stated list omits: those judged although the record does not
    /// list them (an SVF was isolated, a culture-expanded lot was cultured).
    pub(crate) fn unstated_implied_steps(&self) -> &[ProcessingStep] {
        &self.unstated_implied
    }

    /// Every step known to have been done: the stated ones, in their order, then the implied
    /// ones the record omits (the less favourable reading of the two).
    pub(crate) fn known_steps(&self) -> impl Iterator<Item = ProcessingStep> + Clone + '_ {
        self.stated_steps
            .unwrap_or_default()
            .iter()
            .chain(self.unstated_implied.iter())
            .copied()
    }

    /// Whether a step is known to have been done ([`Self::known_steps`]).
    pub(crate) fn known_step(&self, step: ProcessingStep) -> bool {
        self.known_steps().any(|s| s == step)
    }

    /// Whether the record states a step (only the stated list, not the implied steps).
    pub(crate) fn stated_step(&self, step: ProcessingStep) -> bool {
        self.stated_steps.is_some_and(|s| s.contains(&step))
    }

    /// The homologous-use comparison of the product (the US, EU and Japanese rules read it),
    /// worked out on the first call.
    pub(crate) fn homologous(&self) -> &Homologous<'a> {
        self.homologous.get_or_init(|| homologous::analyse(self))
    }
}
