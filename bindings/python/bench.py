"""Call overhead of the Python package against the Rust call, in one run.

    bash bindings/python/test.sh                       # builds and installs the package first
    target/py-venv/bin/python bindings/python/bench.py [--rounds N]

For each bundled sample it times the main job (a product: `assess_product`; an offer:
`evaluate_offer`), on one fixed date:

- Rust: `reference/src/main.rs --bench` (release build): read the JSON text, assess, write the
  JSON text, as the library does it (`Product::from_json`, `assess_product`, `to_json`);
- Python, text in and out: `msc_therapy.assess_product_json(text)`, the same work plus the
  crossing into the native module;
- Python, dict in and out: `msc_therapy.assess_product(dict)`, plus `json.dumps` of the input and
  `json.loads` of the result;
- Python, typed: `msc_therapy.typed.assess_product(dict)`, plus validation into the pydantic model.

Prints a Markdown table: median time per call over the rounds, and the ratio to the Rust call.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import msc_therapy
from msc_therapy import typed

ROOT = Path(__file__).resolve().parents[2]
ON = "2026-12-07"
SAMPLES = sorted((ROOT / "examples/data/offers").glob("*.json")) + sorted(
    (ROOT / "examples/data/products").glob("*.json")
)


def rust_ns(paths: list[Path], calls: int) -> dict[Path, float]:
    cargo = os.environ.get("CARGO", "cargo")
    command = [
        cargo, "run", "--quiet", "--release", "-p", "msc-therapy-python-reference",
        "--", "--on", ON, "--bench", str(calls), *map(str, paths),
    ]
    out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return {Path(row["path"]): float(row["ns_per_call"]) for row in map(json.loads, out.splitlines())}


def python_ns(run, arg, calls: int) -> float:
    run(arg)  # warm up
    start = time.perf_counter_ns()
    for _ in range(calls):
        run(arg)
    return (time.perf_counter_ns() - start) / calls


def main() -> int:
    parser = argparse.ArgumentParser(description="Python call overhead against the Rust call")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the median is reported")
    parser.add_argument("--calls", type=int, default=2000, help="calls per round and sample")
    args = parser.parse_args()

    rows = {path: {"rust": [], "text": [], "dict": [], "typed": []} for path in SAMPLES}
    for _ in range(args.rounds):
        for path, ns in rust_ns(SAMPLES, args.calls).items():
            rows[path]["rust"].append(ns)
        for path in SAMPLES:
            text = path.read_text(encoding="utf-8")
            doc = json.loads(text)
            offer = "product" in doc
            as_text = msc_therapy.evaluate_offer_json if offer else msc_therapy.assess_product_json
            as_dict = msc_therapy.evaluate_offer if offer else msc_therapy.assess_product
            as_model = typed.evaluate_offer if offer else typed.assess_product
            rows[path]["text"].append(python_ns(lambda t: as_text(t, on=ON), text, args.calls))
            rows[path]["dict"].append(python_ns(lambda d: as_dict(d, on=ON), doc, args.calls))
            rows[path]["typed"].append(
                python_ns(lambda d: as_model(d, on=ON), doc, max(1, args.calls // 4))
            )

    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{args.rounds} rounds of {args.calls} calls, median µs per call (ratio to Rust)\n"
    )
    print("| sample | Rust | Python text→text | Python dict→dict | Python typed model |")
    print("|---|---:|---:|---:|---:|")
    totals = {k: [] for k in ("rust", "text", "dict", "typed")}
    for path, times in rows.items():
        med = {k: statistics.median(v) for k, v in times.items()}
        for k, v in med.items():
            totals[k].append(v)
        rust = med["rust"]
        cells = [f"{rust / 1000:.1f}"] + [
            f"{med[k] / 1000:.1f} (×{med[k] / rust:.2f})" for k in ("text", "dict", "typed")
        ]
        print(f"| {path.parent.name}/{path.name} | " + " | ".join(cells) + " |")
    rust = sum(totals["rust"])
    print(
        "| **all samples** | "
        + " | ".join(
            [f"{rust / 1000:.1f}"]
            + [f"{sum(totals[k]) / 1000:.1f} (×{sum(totals[k]) / rust:.2f})" for k in ("text", "dict", "typed")]
        )
        + " |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
