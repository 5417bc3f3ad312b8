"""Bad input: a DocumentError with the crate's kind and path, or a TypeError; never a panic."""

from __future__ import annotations

import json
import random

import msc_therapy
import pytest

from conftest import BROKEN, SAMPLES, is_offer

# What each broken document is, written from the document itself and the crate's documented
# error kinds (DocumentErrorKind): the kind and the dotted path of the offending field.
BROKEN_EXPECTED = {
    "blank_name.json": ("invalid_value", "name"),
    "duplicate_marker.json": ("duplicate_field", "release.identity.markers.cd73"),
    "fractional_cell_count.json": ("invalid_value", "dose.viable_cells"),
    "invalid_date.json": ("invalid_value", "release.certificate.issued_on"),
    "missing_name.json": ("missing_field", "."),
    "nan_viability.json": ("syntax", "release.viability[0].percent"),
    "negative_cell_count.json": ("invalid_value", "release.viable_nucleated_cells"),
    "passage_101.json": ("invalid_value", "release.passage"),
    "trailing_characters.json": ("syntax", "."),
    "unknown_field.json": ("unknown_field", "release.viabilty"),
    "unknown_marker.json": ("unknown_code", "release.identity.markers.cd7e"),
    "viability_140.json": ("invalid_value", "release.viability[0].percent"),
    "viability_not_a_list.json": ("wrong_type", "release.viability"),
    "wrong_enum_name.json": ("unknown_code", "tissue"),
    "zero_body_weight.json": ("invalid_value", "recipient.weight_kg"),
}


def test_every_broken_file_is_listed():
    assert sorted(p.name for p in BROKEN.glob("*.json")) == sorted(BROKEN_EXPECTED)


@pytest.mark.parametrize("name", sorted(BROKEN_EXPECTED))
def test_broken_document(name):
    kind, path = BROKEN_EXPECTED[name]
    text = (BROKEN / name).read_text(encoding="utf-8")
    for run in (msc_therapy.validate_product, msc_therapy.assess_product, msc_therapy.classify_us):
        with pytest.raises(msc_therapy.DocumentError) as info:
            run(text)
        err = info.value
        assert (err.kind, err.path) == (kind, path)
        assert isinstance(err, ValueError)
        assert err.message and err.message in str(err)
        assert str(err).startswith(f"{path}: ")
        # Every broken file is JSON text: the parser knows where it stopped.
        assert err.line is not None and err.line >= 1
        assert err.column is not None


def test_error_from_a_dict_names_the_field():
    doc = {"name": "X", "release": {"viability": [{"percent": 140.0, "timing": "post_thaw"}]}}
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.validate_product(doc)
    assert (info.value.kind, info.value.path) == ("invalid_value", "release.viability[0].percent")
    assert "140" in info.value.message


def test_nan_in_a_dict_is_rejected_at_its_path():
    doc = {"name": "X", "release": {"viability": [{"percent": float("nan"), "timing": "post_thaw"}]}}
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.assess_product(doc)
    assert (info.value.kind, info.value.path) == ("syntax", "release.viability[0].percent")


def test_offer_errors_carry_the_path_inside_the_offer():
    offer = json.loads(next(p for p in SAMPLES if is_offer(p)).read_text())
    offer["product"]["tissue"] = "bone_marow"
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.evaluate_offer(offer)
    assert (info.value.kind, info.value.path) == ("unknown_code", "product.tissue")
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.validate_offer({"product": {"name": "X"}, "pricee": 1})
    assert (info.value.kind, info.value.path) == ("unknown_field", "pricee")


def test_a_product_is_not_an_offer():
    product = next(p for p in SAMPLES if not is_offer(p)).read_text()
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.validate_offer(product)
    assert info.value.kind in ("unknown_field", "missing_field")


def test_the_error_pickles_and_keeps_its_fields():
    import pickle

    try:
        msc_therapy.validate_product("{}")
    except msc_therapy.DocumentError as err:
        copy = pickle.loads(pickle.dumps(err))
        assert (copy.kind, copy.path, copy.message) == (err.kind, err.path, err.message)
        assert str(copy) == str(err)
    else:
        pytest.fail("an empty object has no name")


# ---- garbage: nothing but DocumentError or TypeError, never a panic ---------------------------


def outcome(run, doc) -> str:
    """'ok', 'document_error' or 'type_error'; anything else (a PanicException, which is a
    BaseException, or a RuntimeError) fails the test."""
    try:
        run(doc)
    except msc_therapy.DocumentError as err:
        # The path is "" only for a member whose name is "" (an unknown field named "").
        assert err.kind and isinstance(err.path, str) and err.message
        return "document_error"
    except TypeError:
        return "type_error"
    except BaseException as other:  # noqa: BLE001  (PanicException derives from BaseException)
        pytest.fail(f"{run.__name__} raised {type(other).__name__}: {other}")
    return "ok"


ENGINES = [
    msc_therapy.validate_product,
    msc_therapy.validate_offer,
    msc_therapy.assess_product,
    msc_therapy.evaluate_offer,
]

GARBAGE = [
    "",
    " ",
    "null",
    "[]",
    "0",
    '"text"',
    "{",
    "}",
    "{}",
    '{"name": null}',
    '{"name": "X", "tissue": 5}',
    '{"name": "X", "dose": {"viable_cells": 1e400}}',
    '{"name": "X", "dose": {"viable_cells": -0}}',
    '{"name": "X"} // comment',
    "\ufeff{\"name\": \"X\"}",
    '{"name": "X\\ud800"}',
    "[" * 10_000 + "]" * 10_000,
    '{"name": "X", "processing": ' + '{"steps": ' * 500 + "[]" + "}" * 500 + "}",
    '{"name": "' + "x" * (1 << 20) + 'y"}',
    '{"name": "X", "release": {"viability": [' + ",".join(['{"percent": 90, "timing": "post_thaw"}'] * 10_001) + "]}}",
    b"\xff\xfe\x00",
    b'{"name": "\xc3"}',
    "\udcff",  # a lone surrogate: a str with no UTF-8 form
    '{"name": "\udcff"}',
]


@pytest.mark.parametrize("doc", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_text_is_a_document_error(doc):
    for run in ENGINES:
        assert outcome(run, doc) == "document_error"


@pytest.mark.parametrize("doc", [None, 5, 1.5, True, ["name"]], ids=repr)
def test_json_values_that_are_not_objects_are_document_errors(doc):
    for run in ENGINES:
        assert outcome(run, doc) == "document_error"
    with pytest.raises(msc_therapy.DocumentError) as info:
        msc_therapy.validate_product(doc)
    assert (info.value.kind, info.value.path) == ("wrong_type", ".")


@pytest.mark.parametrize(
    "doc", [object(), {1, 2}, {"name": object()}, {"name": b"X"}], ids=lambda d: type(d).__name__
)
def test_values_that_are_not_json_are_type_errors(doc):
    for run in ENGINES:
        assert outcome(run, doc) == "type_error"


def test_native_module_rejects_non_text():
    from msc_therapy import _native

    with pytest.raises(TypeError, match="must be JSON text"):
        _native.assess_product({"name": "X"}, "2026-12-07")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_prefix_of_a_sample_is_rejected(path):
    text = path.read_text(encoding="utf-8").rstrip()
    run = msc_therapy.evaluate_offer if is_offer(path) else msc_therapy.assess_product
    for end in range(0, len(text) - 1, 3):
        assert outcome(run, text[:end]) == "document_error", end


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_mutated_samples_never_panic(path):
    text = path.read_text(encoding="utf-8")
    rng = random.Random(f"msc-therapy:{path.name}")  # deterministic
    alphabet = '{}[]":,0123456789.-+eE \\ntruefalsnul' + "ü\u2028"
    outcomes = set()
    for _ in range(1000):
        chars = list(text)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(chars))
            action = rng.random()
            if action < 0.4:
                chars[i] = rng.choice(alphabet)
            elif action < 0.7:
                del chars[i]
            else:
                chars.insert(i, rng.choice(alphabet))
        mutated = "".join(chars)
        for run in ENGINES:
            outcomes.add(outcome(run, mutated))
    # The mutations exercised both paths: some documents still read, most do not.
    assert outcomes == {"ok", "document_error"}


def test_values_outside_every_range_never_panic():
    product = json.loads(next(p for p in SAMPLES if not is_offer(p)).read_text())
    odd_values = [0, -1, 1e308, -1e308, 5e-324, 2**63, 2**64 + 1, -(2**63) - 1, "", "x" * 50, [], {}, True]

    def walk(node, path):
        if isinstance(node, dict):
            for key in node:
                yield from walk(node[key], path + [key])
        elif isinstance(node, list):
            for i, item in enumerate(node):
                yield from walk(item, path + [i])
        yield path

    paths = [p for p in walk(product, []) if p]
    for path in paths:
        for value in odd_values:
            doc = json.loads(json.dumps(product))
            node = doc
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
            assert outcome(msc_therapy.assess_product, doc) in ("ok", "document_error")
