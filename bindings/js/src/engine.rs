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
    let mut policy = policy.clone();
    policy.evaluated_on = Some(on);
    msc_therapy::assess_product(p, &policy)
}

pub(crate) fn evaluate_offer(
    o: &ClinicOffer,
    policy: &OfferPolicy,
    on: IsoDate,
) -> OfferEvaluation {
    let mut policy = policy.clone();
    policy.quality.evaluated_on = Some(on);
    msc_therapy::evaluate_offer_with(o, &policy)
}

pub(crate) fn assess_quality(p: &Product, policy: &QualityPolicy, on: IsoDate) -> QualityReport {
    let mut policy = policy.clone();
    policy.evaluated_on = Some(on);
    msc_therapy::assess_quality(p, &policy)
}

pub(crate) fn classify_us(p: &Product, _on: IsoDate) -> UsAssessment {
    msc_therapy::classify_us(p)
}

pub(crate) fn classify_eu(p: &Product, _on: IsoDate) -> EuAssessment {
    msc_therapy::classify_eu(p)
}

pub(crate) fn classify_jp(p: &Product, _on: IsoDate) -> JpAssessment {
    msc_therapy::classify_jp(p)
}

pub(crate) fn classify_jp_authorised(p: &Product, key: CatalogKey, _on: IsoDate) -> JpAssessment {
    msc_therapy::classify_jp_authorised(p, key)
}
