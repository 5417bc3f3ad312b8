//! The one place that calls the library's engines, with the evaluation date.

use msc_therapy::{
    CatalogKey, ClinicOffer, EuAssessment, IsoDate, JpAssessment, OfferEvaluation, OfferPolicy,
    Product, ProductAssessment, QualityPolicy, QualityReport, UsAssessment,
};

pub(crate) fn assess_product<'a>(
    p: &'a Product,
    policy: &QualityPolicy,
    on: IsoDate,
) -> ProductAssessment<'a> {
    msc_therapy::assess_product_with(p, policy, on.into())
}

pub(crate) fn evaluate_offer(
    o: &ClinicOffer,
    policy: &OfferPolicy,
    on: IsoDate,
) -> OfferEvaluation {
    msc_therapy::evaluate_offer_with(o, policy, on.into())
}

pub(crate) fn assess_quality(p: &Product, policy: &QualityPolicy, on: IsoDate) -> QualityReport {
    msc_therapy::assess_quality(p, policy, on.into())
}

pub(crate) fn classify_us(p: &Product, on: IsoDate) -> UsAssessment {
    msc_therapy::classify_us(p, on.into())
}

pub(crate) fn classify_eu(p: &Product, on: IsoDate) -> EuAssessment {
    msc_therapy::classify_eu(p, on.into())
}

pub(crate) fn classify_jp(p: &Product, on: IsoDate) -> JpAssessment {
    msc_therapy::classify_jp(p, on.into())
}

pub(crate) fn classify_jp_authorised(p: &Product, key: CatalogKey, on: IsoDate) -> JpAssessment {
    msc_therapy::classify_jp_authorised(p, key, on.into())
}
