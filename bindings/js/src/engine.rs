//! The one place that calls the library's engines, with the evaluation date.

use msc_therapy::{
    CatalogKey, ClinicOffer, EuAssessment, IsoDate, JpAssessment, OfferEvaluation, OfferPolicy,
    PatientVerdict, Product, ProductAssessment, ProductTarget, QualityPolicy, QualityReport,
    SettlingFacts, SmallestChanges, UsAssessment,
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

pub(crate) fn settling_facts(p: &Product, on: IsoDate) -> SettlingFacts {
    msc_therapy::settling_facts(p, on.into())
}

pub(crate) fn settling_offer_facts(o: &ClinicOffer, on: IsoDate) -> SettlingFacts {
    msc_therapy::settling_offer_facts(o, on.into())
}

pub(crate) fn smallest_changes(p: &Product, target: ProductTarget, on: IsoDate) -> SmallestChanges {
    msc_therapy::smallest_changes(p, target, on.into())
}

pub(crate) fn smallest_offer_changes(
    o: &ClinicOffer,
    target: PatientVerdict,
    on: IsoDate,
) -> SmallestChanges {
    msc_therapy::smallest_offer_changes(o, target, on.into())
}
