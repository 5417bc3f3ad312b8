"""Every bundled sample gives, through Python, exactly the JSON the Rust library writes."""

from __future__ import annotations

import datetime
import json

import msc_therapy
import pytest

from conftest import ON, SAMPLES, is_offer, key

OFFERS = [p for p in SAMPLES if is_offer(p)]
PRODUCTS = [p for p in SAMPLES if not is_offer(p)]

PRODUCT_ENGINES = {
    "assess_product": msc_therapy.assess_product_json,
    "assess_quality": msc_therapy.assess_quality_json,
    "classify_us": msc_therapy.classify_us_json,
    "classify_eu": msc_therapy.classify_eu_json,
    "classify_jp": msc_therapy.classify_jp_json,
}


def test_the_samples_are_there():
    # Four offers and four products are bundled; a sample lost from the list would go untested.
    assert len(OFFERS) == 4 and len(PRODUCTS) == 4


@pytest.mark.parametrize("path", OFFERS, ids=lambda p: p.name)
def test_offer_json_equals_rust(path, reference):
    text = path.read_text(encoding="utf-8")
    expected = reference[(key(path), "evaluate_offer")]
    assert msc_therapy.evaluate_offer_json(text, on=ON) == expected
    # The same from a dict, from bytes, and with the date as a datetime.date.
    assert msc_therapy.evaluate_offer_json(json.loads(text), on=ON) == expected
    assert msc_therapy.evaluate_offer_json(text.encode(), on=datetime.date(2026, 12, 7)) == expected
    assert msc_therapy.evaluate_offer(json.loads(text), on=ON) == json.loads(expected)


@pytest.mark.parametrize("path", PRODUCTS, ids=lambda p: p.name)
@pytest.mark.parametrize("engine", sorted(PRODUCT_ENGINES))
def test_product_json_equals_rust(path, engine, reference):
    text = path.read_text(encoding="utf-8")
    expected = reference[(key(path), engine)]
    run = PRODUCT_ENGINES[engine]
    assert run(text, on=ON) == expected
    assert run(json.loads(text), on=ON) == expected
    as_dict = getattr(msc_therapy, engine)(json.loads(text), on=ON)
    assert as_dict == json.loads(expected)


@pytest.mark.parametrize("path", PRODUCTS, ids=lambda p: p.name)
def test_validate_product_equals_rust(path, reference):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert msc_therapy.validate_product(doc) == json.loads(reference[(key(path), "validate_product")])


@pytest.mark.parametrize("path", OFFERS, ids=lambda p: p.name)
def test_validate_offer_keeps_the_offer(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    read = msc_therapy.validate_offer(doc)
    # Read and written back, the offer reads again to the same document.
    assert msc_therapy.validate_offer(read) == read
    assert read["product"]["name"] == doc["product"]["name"]


def test_the_default_date_is_today():
    path = OFFERS[0]
    today = datetime.date.today()
    assert msc_therapy.evaluate_offer_json(path.read_text()) == msc_therapy.evaluate_offer_json(
        path.read_text(), on=today
    )
