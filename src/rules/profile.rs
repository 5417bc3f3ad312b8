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
use crate::{Product, SiteOfUse};
use std::cell::OnceCell;

/// **The derived facts about one product that the US, EU and Japanese rules share.**
pub(crate) struct Profile<'a> {
    /// The product read.
    pub(crate) product: &'a Product,
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
        Self {
            product,
            stated_site: product.stated_site_of_use(),
            route_site: product.route_site_of_use(),
            homologous: OnceCell::new(),
        }
    }

    /// The homologous-use comparison of the product (the US, EU and Japanese rules read it),
    /// worked out on the first call.
    pub(crate) fn homologous(&self) -> &Homologous<'a> {
        self.homologous.get_or_init(|| homologous::analyse(self))
    }
}
