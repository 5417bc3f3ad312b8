"""Vocabularies, rules and schemas, as the crate gives them; the package's typing files."""

from __future__ import annotations

import ast
import inspect
import json
from pathlib import Path

import msc_therapy
from msc_therapy import _native

from conftest import ROOT


def test_vocabulary_lists_the_terms():
    vocab = msc_therapy.vocabulary()
    tissue = vocab["vocabularies"]["TissueSource"]
    codes = {term["code"] for term in tissue["terms"]}
    # Bone marrow, fat and the umbilical cord's Wharton's jelly are sources of MSCs.
    assert {"bone_marrow", "adipose_tissue", "whartons_jelly"} <= codes
    assert vocab == json.loads((ROOT / "schemas" / "vocabulary.json").read_text(encoding="utf-8"))
    for term in tissue["terms"]:
        assert term["label"]


def test_rules_have_summary_and_citation():
    rules = msc_therapy.rules()
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    by_id = {rule["id"]: rule for rule in rules}
    # Criterion 1 of 21 CFR 1271.10(a) is minimal manipulation.
    minimal = by_id["us.cfr1271.10.a.1"]
    assert "1271.10(a)(1)" in minimal["citation"]
    assert "minimal" in minimal["label"]
    for rule in rules:
        assert set(rule) == {"id", "label", "summary", "citation", "explanation"}
        assert all(rule.values())


def test_schemas_are_the_exported_files():
    schemas = msc_therapy.schemas()
    files = {p.name for p in (ROOT / "schemas").glob("*.schema.json")}
    assert set(schemas) == files
    for name in files:
        assert schemas[name] == json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))


def test_the_stub_lists_what_the_native_module_exports():
    stub = Path(inspect.getfile(msc_therapy)).with_name("_native.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    stubbed = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    exported = {name for name in dir(_native) if not name.startswith("_") and callable(getattr(_native, name))}
    assert stubbed == exported


def test_the_package_is_typed():
    assert Path(inspect.getfile(msc_therapy)).with_name("py.typed").is_file()


def test_the_public_functions_are_listed():
    for name in msc_therapy.__all__:
        assert hasattr(msc_therapy, name), name
