"""Shared fixtures: the repository's sample documents and what the Rust library writes for them."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = sorted((ROOT / "examples" / "data" / "offers").glob("*.json")) + sorted(
    (ROOT / "examples" / "data" / "products").glob("*.json")
)
BROKEN = ROOT / "tests" / "data" / "broken"
#: The evaluation date of the comparisons with the Rust library.
ON = "2026-12-07"


def key(path: Path) -> str:
    """A sample's name in the reference results: `offers/x.json` or `products/x.json`."""
    return f"{path.parent.name}/{path.name}"


def is_offer(path: Path) -> bool:
    return "product" in json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def reference() -> dict[tuple[str, str], str]:
    """{(key(sample), engine): the Rust library's JSON}, from reference/src/main.rs.

    Runs `cargo run --release -p msc-therapy-python-reference` once per session (CARGO and
    CARGO_TARGET_DIR are honoured).
    """
    cargo = os.environ.get("CARGO", "cargo")
    command = [
        cargo,
        "run",
        "--quiet",
        "--release",
        "-p",
        "msc-therapy-python-reference",
        "--",
        "--on",
        ON,
        *map(str, SAMPLES),
    ]
    out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    results = {}
    for line in out.splitlines():
        row = json.loads(line)
        results[(key(Path(row["path"])), row["engine"])] = row["json"]
    return results
