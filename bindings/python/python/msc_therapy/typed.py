"""The engines with typed results: pydantic v2 models from ``msc_therapy.models``.

Each function takes the same arguments as its namesake in ``msc_therapy`` and returns the
result validated into the model generated from the crate's JSON Schema::

    from msc_therapy import typed
    evaluation = typed.evaluate_offer(offer)
    evaluation.verdict            # PatientVerdict.walk_away
    evaluation.walk_away[0].rule  # RuleId(...)
"""

from __future__ import annotations

from typing import Optional

from . import (
    DateLike,
    Document,
    assess_product_json,
    assess_quality_json,
    classify_eu_json,
    classify_jp_json,
    classify_us_json,
    evaluate_offer_json,
    settling_facts_json,
    settling_offer_facts_json,
    smallest_changes_json,
    smallest_offer_changes_json,
)
from . import _native, _text
from .models import (
    ClinicOffer,
    EuAssessment,
    JpAssessment,
    OfferEvaluation,
    Product,
    ProductAssessment,
    QualityReport,
    SettlingFacts,
    SmallestChanges,
    UsAssessment,
)

__all__ = [
    "assess_product",
    "evaluate_offer",
    "assess_quality",
    "classify_us",
    "classify_eu",
    "classify_jp",
    "settling_facts",
    "settling_offer_facts",
    "smallest_changes",
    "smallest_offer_changes",
    "validate_product",
    "validate_offer",
]


def assess_product(
    doc: Document, *, on: Optional[DateLike] = None, policy: Optional[Document] = None
) -> ProductAssessment:
    """Every engine over a product, as a ``ProductAssessment`` model."""
    return ProductAssessment.model_validate_json(assess_product_json(doc, on=on, policy=policy))


def evaluate_offer(
    doc: Document, *, on: Optional[DateLike] = None, policy: Optional[Document] = None
) -> OfferEvaluation:
    """A clinic's offer judged for a patient, as an ``OfferEvaluation`` model."""
    return OfferEvaluation.model_validate_json(evaluate_offer_json(doc, on=on, policy=policy))


def assess_quality(
    doc: Document, *, on: Optional[DateLike] = None, policy: Optional[Document] = None
) -> QualityReport:
    """Release quality of a product, as a ``QualityReport`` model."""
    return QualityReport.model_validate_json(assess_quality_json(doc, on=on, policy=policy))


def classify_us(doc: Document, *, on: Optional[DateLike] = None) -> UsAssessment:
    """US classification under 21 CFR Part 1271, as a ``UsAssessment`` model."""
    return UsAssessment.model_validate_json(classify_us_json(doc, on=on))


def classify_eu(doc: Document, *, on: Optional[DateLike] = None) -> EuAssessment:
    """EU classification, as an ``EuAssessment`` model."""
    return EuAssessment.model_validate_json(classify_eu_json(doc, on=on))


def classify_jp(
    doc: Document, *, on: Optional[DateLike] = None, catalog_key: Optional[str] = None
) -> JpAssessment:
    """Japanese classification, as a ``JpAssessment`` model."""
    return JpAssessment.model_validate_json(classify_jp_json(doc, on=on, catalog_key=catalog_key))


def settling_facts(doc: Document, *, on: Optional[DateLike] = None) -> SettlingFacts:
    """What would change the verdict of a product, as a ``SettlingFacts`` model."""
    return SettlingFacts.model_validate_json(settling_facts_json(doc, on=on))


def settling_offer_facts(doc: Document, *, on: Optional[DateLike] = None) -> SettlingFacts:
    """The questions whose answers would move an offer's verdict, as a ``SettlingFacts`` model."""
    return SettlingFacts.model_validate_json(settling_offer_facts_json(doc, on=on))


def smallest_changes(
    doc: Document, target: str, *, on: Optional[DateLike] = None
) -> SmallestChanges:
    """The smallest changes to a product that reach ``target``, as a ``SmallestChanges`` model."""
    return SmallestChanges.model_validate_json(smallest_changes_json(doc, target, on=on))


def smallest_offer_changes(
    doc: Document, target: str, *, on: Optional[DateLike] = None
) -> SmallestChanges:
    """The smallest changes to an offer that reach the verdict ``target``, as a model."""
    return SmallestChanges.model_validate_json(smallest_offer_changes_json(doc, target, on=on))


def validate_product(doc: Document) -> Product:
    """A product document validated by the crate, as a ``Product`` model."""
    return Product.model_validate_json(_native.validate_product(_text(doc, "doc")))


def validate_offer(doc: Document) -> ClinicOffer:
    """A clinic-offer document validated by the crate, as a ``ClinicOffer`` model."""
    return ClinicOffer.model_validate_json(_native.validate_offer(_text(doc, "doc")))
