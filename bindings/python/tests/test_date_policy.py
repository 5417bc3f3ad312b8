"""The evaluation date and the policy reach the engines."""

from __future__ import annotations

import datetime
import json

import msc_therapy
import pytest

from conftest import ROOT

PRODUCT = json.loads((ROOT / "examples/data/products/cultured_bone_marrow_msc.json").read_text())
COA = "quality.coa.consistent"


def finding(report: dict, rule: str) -> dict:
    (found,) = [f for f in report["findings"] if f["rule"] == rule]
    return found


def test_an_expired_certificate_is_a_finding_only_after_its_expiry():
    # The sample's certificate of analysis expires on 2027-03-13.
    assert PRODUCT["release"]["certificate"]["expires_on"] == "2027-03-13"
    before = msc_therapy.assess_quality(PRODUCT, on="2027-03-12")
    after = msc_therapy.assess_quality(PRODUCT, on=datetime.date(2027, 3, 14))
    # The sample gives no lot of its own, so the check stays open before expiry; after it, the
    # expired certificate fails it.
    assert finding(before, COA)["outcome"] != "not_met"
    assert finding(after, COA)["outcome"] == "not_met"
    assert "expired" in finding(after, COA)["reason"]
    assert after["verdict"] == "fail"


def test_a_policy_document_changes_the_verdict():
    # The sample's post-thaw viability is below 99 %; a policy asking for 99 % must fail it.
    viabilities = [v["percent"] for v in PRODUCT["release"]["viability"]]
    assert min(viabilities) < 99
    default = msc_therapy.assess_quality(PRODUCT, on="2026-12-07")
    strict = msc_therapy.assess_quality(
        PRODUCT, on="2026-12-07", policy={"min_viability_percent": 99}
    )
    assert default["verdict"] != "fail"
    assert strict["verdict"] == "fail"


def test_a_bad_policy_is_a_document_error():
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.assess_product(PRODUCT, policy={"min_viability_percent": 140})
    assert (info.value.kind, info.value.path) == ("invalid_value", "min_viability_percent")
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.evaluate_offer(
            json.loads((ROOT / "examples/data/offers/trial_site.json").read_text()),
            policy={"quality": {"min_viabilty_percent": 80}},
        )
    assert (info.value.kind, info.value.path) == ("unknown_field", "quality.min_viabilty_percent")


@pytest.mark.parametrize("on", ["2025-02-29", "yesterday", "2026-12-7", ""])
def test_a_bad_date_is_a_value_error(on):
    with pytest.raises(ValueError) as info:
        msc_therapy.assess_product(PRODUCT, on=on)
    assert not isinstance(info.value, msc_therapy.DocumentError)
    assert str(info.value).startswith("on: ")


def test_a_date_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError):
        msc_therapy.assess_product(PRODUCT, on=20261207)


def test_jp_with_a_catalog_key():
    plain = msc_therapy.classify_jp(PRODUCT, on="2026-12-07")
    authorised = msc_therapy.classify_jp(PRODUCT, on="2026-12-07", catalog_key="temcell_jp")
    assert plain != authorised
    with pytest.raises(ValueError, match="catalog_key"):
        msc_therapy.classify_jp(PRODUCT, catalog_key="temcel_jp")
