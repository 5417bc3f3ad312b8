"""What would change the verdict (issue #22): the settling facts and the smallest changes give,
through Python, exactly the JSON the Rust library writes, load into their pydantic models, and a
bad target or document raises a DocumentError naming it."""

from __future__ import annotations

import json

import msc_therapy
import pytest
from msc_therapy import models, typed

from conftest import ON, SAMPLES, is_offer, key

OFFERS = [p for p in SAMPLES if is_offer(p)]
PRODUCTS = [p for p in SAMPLES if not is_offer(p)]


@pytest.mark.parametrize("path", PRODUCTS, ids=lambda p: p.name)
def test_product_what_if_equals_rust(path, reference):
    text = path.read_text(encoding="utf-8")
    assert msc_therapy.settling_facts_json(text, on=ON) == reference[(key(path), "settling_facts")]
    for target in ("us:section_361_hctp", "quality:pass"):
        expected = reference[(key(path), f"smallest_changes:{target}")]
        assert msc_therapy.smallest_changes_json(text, target, on=ON) == expected
        # From a dict, and as a dict.
        assert msc_therapy.smallest_changes(json.loads(text), target, on=ON) == json.loads(expected)
    # A bare code that only one engine answers names the same target.
    assert msc_therapy.smallest_changes_json(text, "section_361_hctp", on=ON) == reference[
        (key(path), "smallest_changes:us:section_361_hctp")
    ]


@pytest.mark.parametrize("path", OFFERS, ids=lambda p: p.name)
def test_offer_what_if_equals_rust(path, reference):
    text = path.read_text(encoding="utf-8")
    expected = reference[(key(path), "settling_offer_facts")]
    assert msc_therapy.settling_offer_facts_json(text, on=ON) == expected
    assert msc_therapy.settling_offer_facts(json.loads(text), on=ON) == json.loads(expected)
    expected = reference[(key(path), "smallest_offer_changes:good_signs")]
    assert msc_therapy.smallest_offer_changes_json(text, "good_signs", on=ON) == expected


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_what_if_results_load_into_models(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    if is_offer(path):
        facts = typed.settling_offer_facts(doc, on=ON)
        changes = typed.smallest_offer_changes(doc, "good_signs", on=ON)
        raw = msc_therapy.settling_offer_facts(doc, on=ON)
    else:
        facts = typed.settling_facts(doc, on=ON)
        changes = typed.smallest_changes(doc, "quality:pass", on=ON)
        raw = msc_therapy.settling_facts(doc, on=ON)
    assert isinstance(facts, models.SettlingFacts)
    assert isinstance(changes, models.SmallestChanges)
    # Nothing lost or changed: the model writes back the same document.
    assert json.loads(facts.model_dump_json(exclude_unset=True)) == raw
    for fact in facts.facts:
        for rule in fact.open_findings:
            assert isinstance(rule, models.RuleId)


def test_the_mmhu_guidance_amnion_reaches_361_by_its_site_of_use():
    # FDA, "Regulatory Considerations for Human Cells, Tissues, and Cellular and Tissue-Based
    # Products: Minimal Manipulation and Homologous Use" (Nov 2017, rev. Jul 2020), example
    # 19-4: amniotic membrane over the eye surface is homologous use; injected into a joint it
    # is not. The search finds the site of use as the change back to a 361 HCT/P.
    injected = {
        "name": "Amniotic membrane sheet",
        "tissue": "amniotic_membrane",
        "preparation": "tissue_sheet",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["cryopreservation"], "added_articles": ["storage_agent"]},
        "intended_use": {
            "functions": ["covering"],
            "indications": [],
            "site_of_use": "joint_space",
            "systemic_effect": False,
            "depends_on_living_cells": False,
        },
        "delivery": {"route": "intra_articular"},
    }
    answer = msc_therapy.smallest_changes(injected, "us:section_361_hctp", on=ON)
    assert answer["unreachable"] is False
    assert any(
        change["path"] == "intended_use.site_of_use" and change["value"] == "eye_surface"
        for s in answer["sets"]
        for change in s["changes"]
    ), answer


@pytest.mark.parametrize(
    "target, listed",
    [
        ("us:section_362_hctp", "us:section_361_hctp"),
        ("undetermined", "quality:undetermined"),  # several engines answer it
        ("", "quality:pass"),
    ],
)
def test_a_bad_product_target_is_a_document_error_at_target(target, listed):
    product = PRODUCTS[0].read_text(encoding="utf-8")
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.smallest_changes(product, target, on=ON)
    assert (info.value.kind, info.value.path) == ("unknown_code", "target")
    assert listed in info.value.message
    assert str(info.value).startswith("target: ")


def test_a_bad_offer_target_is_a_document_error_at_target():
    offer = OFFERS[0].read_text(encoding="utf-8")
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.smallest_offer_changes(offer, "pass", on=ON)
    assert (info.value.kind, info.value.path) == ("unknown_code", "target")
    assert "good_signs" in info.value.message


def test_a_target_that_is_not_text_is_a_type_error():
    with pytest.raises(TypeError):
        msc_therapy.smallest_changes(PRODUCTS[0].read_text(encoding="utf-8"), 361, on=ON)


def test_a_bad_document_names_its_field():
    for run in (
        lambda doc: msc_therapy.settling_facts(doc, on=ON),
        lambda doc: msc_therapy.smallest_changes(doc, "quality:pass", on=ON),
    ):
        with pytest.raises(msc_therapy.DocumentError) as info:
            run({"name": "X", "tissue": "bone_marow"})
        assert (info.value.kind, info.value.path) == ("unknown_code", "tissue")
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.settling_offer_facts({"product": {"name": "X"}, "price": 12}, on=ON)
    assert info.value.path in ("price", ".")


def test_a_bad_date_is_a_value_error():
    with pytest.raises(ValueError):
        msc_therapy.settling_facts(PRODUCTS[0].read_text(encoding="utf-8"), on="2026-02-30")
