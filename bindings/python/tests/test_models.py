"""The pydantic models generated from the crate's schemas load real results."""

from __future__ import annotations

import inspect
import json
import re

import msc_therapy
import pydantic
import pytest
from msc_therapy import models, typed

from conftest import ON, SAMPLES, is_offer

PRODUCT_ENGINES = {
    "assess_product": models.ProductAssessment,
    "assess_quality": models.QualityReport,
    "classify_us": models.UsAssessment,
    "classify_eu": models.EuAssessment,
    "classify_jp": models.JpAssessment,
}


def test_models_are_named_by_title():
    names = {name for name, obj in inspect.getmembers(models, inspect.isclass) if obj.__module__ == models.__name__}
    for expected in ("Product", "ClinicOffer", "ProductAssessment", "OfferEvaluation", "Finding", "RuleId", "TissueSource", "MarkerPercentages"):
        assert expected in names
    assert not [n for n in names if re.fullmatch(r"Schema(_\d+)?|Model\d*", n)]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_results_load_into_models_and_dump_back(path):
    text = path.read_text(encoding="utf-8")
    if is_offer(path):
        runs = {"evaluate_offer": models.OfferEvaluation}
        models.ClinicOffer.model_validate_json(text)
    else:
        runs = PRODUCT_ENGINES
        models.Product.model_validate_json(text)
    for engine, model in runs.items():
        result = getattr(msc_therapy, f"{engine}_json")(text, on=ON)
        loaded = model.model_validate_json(result)
        # Nothing lost or changed: the model writes back the same document.
        assert json.loads(loaded.model_dump_json(exclude_unset=True)) == json.loads(result)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_typed_functions(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    if is_offer(path):
        evaluation = typed.evaluate_offer(doc, on=ON)
        assert isinstance(evaluation, models.OfferEvaluation)
        assert isinstance(evaluation.verdict, models.PatientVerdict)
        assert evaluation.verdict.value == msc_therapy.evaluate_offer(doc, on=ON)["verdict"]
        assert isinstance(typed.validate_offer(doc), models.ClinicOffer)
    else:
        assessment = typed.assess_product(doc, on=ON)
        assert isinstance(assessment, models.ProductAssessment)
        assert isinstance(assessment.us.classification, models.UsClassification)
        for finding in assessment.us.findings:
            assert isinstance(finding.rule, models.RuleId)
        assert isinstance(typed.validate_product(doc), models.Product)
        assert isinstance(typed.assess_quality(doc, on=ON), models.QualityReport)
        assert isinstance(typed.classify_us(doc, on=ON), models.UsAssessment)
        assert isinstance(typed.classify_eu(doc, on=ON), models.EuAssessment)
        assert isinstance(typed.classify_jp(doc, on=ON), models.JpAssessment)


def test_models_reject_a_wrong_value():
    result = json.loads(msc_therapy.evaluate_offer_json(SAMPLES[0].read_text(), on=ON))
    result["verdict"] = "maybe"
    with pytest.raises(pydantic.ValidationError):
        models.OfferEvaluation.model_validate(result)
    result = json.loads(msc_therapy.evaluate_offer_json(SAMPLES[0].read_text(), on=ON))
    result["unexpected"] = 1
    with pytest.raises(pydantic.ValidationError):
        models.OfferEvaluation.model_validate(result)


def test_rule_ids_of_the_model_are_the_crates_rules():
    assert {r.value for r in models.RuleId} == {rule["id"] for rule in msc_therapy.rules()}


def test_the_marker_map_is_typed_by_its_keys():
    # A misspelt surface marker is rejected by the model as by the crate.
    doc = {"name": "X", "release": {"identity": {"markers": {"cd73": 99.0, "cd7e": 99.0}}}}
    with pytest.raises(pydantic.ValidationError):
        models.Product.model_validate(doc)
    with pytest.raises(msc_therapy.DocumentError):
        msc_therapy.validate_product(doc)
    doc["release"]["identity"]["markers"].pop("cd7e")
    assert models.Product.model_validate(doc).release.identity.markers.cd73 == 99.0
