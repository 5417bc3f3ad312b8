//! The one place that calls the library's engines, with the evaluation date.

use msc_therapy::catalog::CatalogKey;
use msc_therapy::engine::eu::EuAssessment;
use msc_therapy::engine::jp::JpAssessment;
use msc_therapy::engine::offer::{OfferEvaluation, OfferPolicy, PatientVerdict};
use msc_therapy::engine::quality::{QualityPolicy, QualityReport};
use msc_therapy::engine::us::UsAssessment;
use msc_therapy::vocab::IsoDate;
use msc_therapy::what_if::{ProductTarget, SettlingFacts, SmallestChanges};
use msc_therapy::{ClinicOffer, Product, ProductAssessment};

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
    msc_therapy::what_if::settling_facts(p, on.into())
}

pub(crate) fn settling_offer_facts(o: &ClinicOffer, on: IsoDate) -> SettlingFacts {
    msc_therapy::what_if::settling_offer_facts(o, on.into())
}

pub(crate) fn smallest_changes(p: &Product, target: ProductTarget, on: IsoDate) -> SmallestChanges {
    msc_therapy::what_if::smallest_changes(p, target, on.into())
}

pub(crate) fn smallest_offer_changes(
    o: &ClinicOffer,
    target: PatientVerdict,
    on: IsoDate,
) -> SmallestChanges {
    msc_therapy::what_if::smallest_offer_changes(o, target, on.into())
}
