"""msc-therapy for Python: validated MSC-therapy documents in, cited findings out.

The rules run in the Rust crate ``msc-therapy`` (compiled into ``msc_therapy._native``). Each
function takes a document as a dict (any JSON-compatible value) or as JSON text (``str`` or
``bytes``), reads it with the crate's own strict parser and returns the crate's result:

- ``assess_product(doc)`` → every engine over a product (``ProductAssessment``);
- ``evaluate_offer(doc)`` → a clinic's offer judged for a patient (``OfferEvaluation``);
- ``classify_us``, ``classify_eu``, ``classify_jp``, ``assess_quality`` → one engine each;
- ``settling_facts(doc)`` / ``settling_offer_facts(doc)`` → what would change the verdict: the
  facts whose statement would settle an open answer (``SettlingFacts``);
- ``smallest_changes(doc, target)`` / ``smallest_offer_changes(doc, target)`` → the smallest sets
  of one or two changes that reach a target headline (``SmallestChanges``).

Results are dicts equal to the Rust library's JSON for the same input and date; the
``*_json`` variants return that JSON text itself, and ``msc_therapy.typed`` returns pydantic
models (``msc_therapy.models``). ``on`` is the evaluation date (``datetime.date`` or an ISO
``YYYY-MM-DD`` string); it defaults to today by Python's clock, since the crate reads no clock.

A document that fails validation raises :class:`DocumentError` (a ``ValueError``) with the
crate's error ``kind``, the ``path`` of the offending field and a ``message``; so does a
``target`` that names no headline (kind ``unknown_code``, path ``target``).
"""

from __future__ import annotations

import datetime as _dt
import json as _json
from typing import Any, Dict, List, Mapping, Optional, Union, cast

from . import _native
from ._errors import DocumentError

__version__: str = _native.__version__

__all__ = [
    "DocumentError",
    "Document",
    "DateLike",
    "assess_product",
    "assess_product_json",
    "evaluate_offer",
    "evaluate_offer_json",
    "assess_quality",
    "assess_quality_json",
    "classify_us",
    "classify_us_json",
    "classify_eu",
    "classify_eu_json",
    "classify_jp",
    "classify_jp_json",
    "settling_facts",
    "settling_facts_json",
    "settling_offer_facts",
    "settling_offer_facts_json",
    "smallest_changes",
    "smallest_changes_json",
    "smallest_offer_changes",
    "smallest_offer_changes_json",
    "validate_product",
    "validate_offer",
    "vocabulary",
    "rules",
    "schemas",
]

#: A document: JSON text, or a JSON-compatible Python value (usually a dict).
Document = Union[str, bytes, bytearray, memoryview, Mapping[str, Any]]
#: An evaluation date: a ``datetime.date`` (a ``datetime`` counts by its date) or ``YYYY-MM-DD``.
DateLike = Union[_dt.date, str]


def _text(doc: Any, what: str) -> Union[str, bytes]:
    """JSON text of ``doc``: text passes as is, anything else goes through ``json.dumps``."""
    if isinstance(doc, (str, bytes)):
        return doc
    if isinstance(doc, (bytearray, memoryview)):
        return bytes(doc)
    try:
        # NaN and infinities are written as NaN / Infinity, which the crate rejects as a
        # syntax error at the field's path: the same answer as for JSON text.
        return _json.dumps(doc, ensure_ascii=False)
    except (TypeError, ValueError) as err:
        raise TypeError(
            f"{what} must be JSON text (str or bytes) or a JSON-compatible value "
            f"(dict, list, str, int, float, bool, None): {err}"
        ) from None


def _policy(policy: Any) -> Optional[Union[str, bytes]]:
    return None if policy is None else _text(policy, "policy")


def _date(on: Optional[DateLike]) -> str:
    """The ISO text of the evaluation date; today (local) when ``on`` is None."""
    if on is None:
        return _dt.date.today().isoformat()
    if isinstance(on, _dt.datetime):
        return on.date().isoformat()
    if isinstance(on, _dt.date):
        return on.isoformat()
    if isinstance(on, str):
        return on
    raise TypeError(f"on must be a datetime.date or an ISO date string, not {type(on).__name__}")


# ---- JSON text out: the crate's own JSON, byte for byte ---------------------------------------


def assess_product_json(
    doc: Document, *, on: Optional[DateLike] = None, policy: Optional[Document] = None
) -> str:
    """Every engine over a product: the ``ProductAssessment`` as the crate's JSON text.

    ``policy`` is a ``QualityPolicy`` document (fields left out keep their defaults).
    """
    return _native.assess_product(_text(doc, "doc"), _date(on), _policy(policy))


def evaluate_offer_json(
    doc: Document, *, on: Optional[DateLike] = None, policy: Optional[Document] = None
) -> str:
    """A clinic's offer judged for a patient: the ``OfferEvaluation`` as the crate's JSON text.

    ``policy`` is an ``OfferPolicy`` document (fields left out keep their defaults).
    """
    return _native.evaluate_offer(_text(doc, "doc"), _date(on), _policy(policy))


def assess_quality_json(
    doc: Document, *, on: Optional[DateLike] = None, policy: Optional[Document] = None
) -> str:
    """Release quality of a product: the ``QualityReport`` as the crate's JSON text."""
    return _native.assess_quality(_text(doc, "doc"), _date(on), _policy(policy))


def classify_us_json(doc: Document, *, on: Optional[DateLike] = None) -> str:
    """US classification under 21 CFR Part 1271: the ``UsAssessment`` as JSON text."""
    return _native.classify_us(_text(doc, "doc"), _date(on))


def classify_eu_json(doc: Document, *, on: Optional[DateLike] = None) -> str:
    """EU classification (Regulation (EC) No 1394/2007): the ``EuAssessment`` as JSON text."""
    return _native.classify_eu(_text(doc, "doc"), _date(on))


def classify_jp_json(
    doc: Document, *, on: Optional[DateLike] = None, catalog_key: Optional[str] = None
) -> str:
    """Japanese classification (ASRM, PMD Act): the ``JpAssessment`` as JSON text.

    With ``catalog_key`` (a key of the crate's catalog of approved products, e.g.
    ``"temcell_jp"``) the product is classified as that authorised product.
    """
    return _native.classify_jp(_text(doc, "doc"), _date(on), catalog_key)


def _target(target: Any) -> str:
    if not isinstance(target, str):
        raise TypeError(
            f"target must be a string such as 'us:section_361_hctp', not {type(target).__name__}"
        )
    return target


def settling_facts_json(doc: Document, *, on: Optional[DateLike] = None) -> str:
    """What would change the verdict of a product: the ``SettlingFacts`` as JSON text.

    Each fact whose statement would settle an open finding, with the headline (US, quality, EU,
    Japan) every value it could take leads to, most effect first.
    """
    return _native.settling_facts(_text(doc, "doc"), _date(on))


def settling_offer_facts_json(doc: Document, *, on: Optional[DateLike] = None) -> str:
    """The questions whose answers would move an offer's verdict: ``SettlingFacts`` as JSON text.

    The facts come with the questions to put to the clinic, those whose answers would move the
    verdict furthest first.
    """
    return _native.settling_offer_facts(_text(doc, "doc"), _date(on))


def smallest_changes_json(doc: Document, target: str, *, on: Optional[DateLike] = None) -> str:
    """The smallest changes to a product that reach ``target``: ``SmallestChanges`` as JSON text.

    ``target`` is ``engine:code`` (``"us:section_361_hctp"``, ``"quality:pass"``,
    ``"eu:not_atmp_tissues_and_cells"``, ``"jp_risk_class:class_iii"``,
    ``"jp_pmd_act:not_regenerative_medical_product"``) or a code only one engine answers
    (``"section_361_hctp"``, ``"pass"``). Single changes, then pairs, each re-checked by
    running the engines on the changed document; ``unreachable`` when no set within the
    documented limits (``limits``) reaches it. Raises :class:`DocumentError` (kind
    ``unknown_code``, path ``target``) for a target that names no headline.
    """
    return _native.smallest_changes(_text(doc, "doc"), _target(target), _date(on))


def smallest_offer_changes_json(
    doc: Document, target: str, *, on: Optional[DateLike] = None
) -> str:
    """The smallest changes to an offer that reach the verdict ``target`` (``"good_signs"``,
    ``"ask_first"``, ``"walk_away"``): ``SmallestChanges`` as JSON text."""
    return _native.smallest_offer_changes(_text(doc, "doc"), _target(target), _date(on))


# ---- dicts out --------------------------------------------------------------------------------


def assess_product(
    doc: Document, *, on: Optional[DateLike] = None, policy: Optional[Document] = None
) -> Dict[str, Any]:
    """Every engine over a product: the ``ProductAssessment`` as a dict."""
    return cast(Dict[str, Any], _json.loads(assess_product_json(doc, on=on, policy=policy)))


def evaluate_offer(
    doc: Document, *, on: Optional[DateLike] = None, policy: Optional[Document] = None
) -> Dict[str, Any]:
    """A clinic's offer judged for a patient: the ``OfferEvaluation`` as a dict."""
    return cast(Dict[str, Any], _json.loads(evaluate_offer_json(doc, on=on, policy=policy)))


def assess_quality(
    doc: Document, *, on: Optional[DateLike] = None, policy: Optional[Document] = None
) -> Dict[str, Any]:
    """Release quality of a product: the ``QualityReport`` as a dict."""
    return cast(Dict[str, Any], _json.loads(assess_quality_json(doc, on=on, policy=policy)))


def classify_us(doc: Document, *, on: Optional[DateLike] = None) -> Dict[str, Any]:
    """US classification under 21 CFR Part 1271: the ``UsAssessment`` as a dict."""
    return cast(Dict[str, Any], _json.loads(classify_us_json(doc, on=on)))


def classify_eu(doc: Document, *, on: Optional[DateLike] = None) -> Dict[str, Any]:
    """EU classification (Regulation (EC) No 1394/2007): the ``EuAssessment`` as a dict."""
    return cast(Dict[str, Any], _json.loads(classify_eu_json(doc, on=on)))


def classify_jp(
    doc: Document, *, on: Optional[DateLike] = None, catalog_key: Optional[str] = None
) -> Dict[str, Any]:
    """Japanese classification (ASRM, PMD Act): the ``JpAssessment`` as a dict."""
    return cast(Dict[str, Any], _json.loads(classify_jp_json(doc, on=on, catalog_key=catalog_key)))


def settling_facts(doc: Document, *, on: Optional[DateLike] = None) -> Dict[str, Any]:
    """What would change the verdict of a product: the ``SettlingFacts`` as a dict."""
    return cast(Dict[str, Any], _json.loads(settling_facts_json(doc, on=on)))


def settling_offer_facts(doc: Document, *, on: Optional[DateLike] = None) -> Dict[str, Any]:
    """The questions whose answers would move an offer's verdict: ``SettlingFacts`` as a dict."""
    return cast(Dict[str, Any], _json.loads(settling_offer_facts_json(doc, on=on)))


def smallest_changes(
    doc: Document, target: str, *, on: Optional[DateLike] = None
) -> Dict[str, Any]:
    """The smallest changes to a product that reach ``target``: ``SmallestChanges`` as a dict."""
    return cast(Dict[str, Any], _json.loads(smallest_changes_json(doc, target, on=on)))


def smallest_offer_changes(
    doc: Document, target: str, *, on: Optional[DateLike] = None
) -> Dict[str, Any]:
    """The smallest changes to an offer that reach the verdict ``target``, as a dict."""
    return cast(Dict[str, Any], _json.loads(smallest_offer_changes_json(doc, target, on=on)))


# ---- validation and vocabularies --------------------------------------------------------------


def validate_product(doc: Document) -> Dict[str, Any]:
    """Validates a product document; returns it as the crate reads it.

    Raises :class:`DocumentError` with the kind and path of the first problem.
    """
    return cast(Dict[str, Any], _json.loads(_native.validate_product(_text(doc, "doc"))))


def validate_offer(doc: Document) -> Dict[str, Any]:
    """Validates a clinic-offer document; returns it as the crate reads it.

    Raises :class:`DocumentError` with the kind and path of the first problem.
    """
    return cast(Dict[str, Any], _json.loads(_native.validate_offer(_text(doc, "doc"))))


def vocabulary() -> Dict[str, Any]:
    """Every vocabulary of the crate, each term with its code, label, description and facts."""
    return cast(Dict[str, Any], _json.loads(_native.vocabulary()))


def rules() -> List[Dict[str, str]]:
    """Every rule of the crate: ``id``, ``label``, ``summary``, ``citation``, ``explanation``."""
    return cast(List[Dict[str, str]], _json.loads(_native.rules()))


def schemas() -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every document, by file name."""
    return cast(Dict[str, Any], _json.loads(_native.schemas()))
