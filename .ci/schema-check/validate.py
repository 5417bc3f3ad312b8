"""Checks every schema of schemas/ with python-jsonschema (draft 2020-12, formats asserted) and
validates each document listed in the manifest against its schema.

usage: python3 validate.py SCHEMA_DIR MANIFEST [--standalone]
--standalone: no schema sees another (an empty registry): for schemas/bundled/, where each file
must be self-contained.
MANIFEST: one line per document, "SCHEMA_FILE DOCUMENT_PATH"; "!SCHEMA_FILE" for a document
that must be invalid.
"""

import json
import pathlib
import sys

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource


def refs(value):
    """Every `$ref` in a schema."""
    if isinstance(value, dict):
        if isinstance(value.get("$ref"), str):
            yield value["$ref"]
        for child in value.values():
            yield from refs(child)
    elif isinstance(value, list):
        for child in value:
            yield from refs(child)


def main() -> int:
    schema_dir, manifest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    standalone = sys.argv[3:] == ["--standalone"]
    label = f"jsonschema ({schema_dir}, each alone)" if standalone else "jsonschema"
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schema_dir.glob("*.schema.json"))
    }
    registry = Registry()
    if not standalone:
        registry = registry.with_resources(
            (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
        )
    failed = 0
    for name, schema in schemas.items():
        try:
            Draft202012Validator.check_schema(schema)
        except Exception as error:  # noqa: BLE001 - report every kind of failure
            print(f"{label}: {name} is not a valid draft 2020-12 schema: {error}")
            failed += 1
    # Every `$ref` of every schema resolves (a bundled schema: inside itself alone); this is
    # where `PointerToNowhere: '/$defs/Percent'` showed the bundling bug of issue #20.
    resolved = 0
    for name, schema in schemas.items():
        own = registry.with_resource(schema["$id"], Resource.from_contents(schema))
        resolver = own.resolver(base_uri=schema["$id"])
        for reference in refs(schema):
            try:
                resolver.lookup(reference)
                resolved += 1
            except Exception as error:  # noqa: BLE001 - report every kind of failure
                print(f"{label}: {name}: $ref {reference} does not resolve: {error!r}")
                failed += 1
    print(f"{label}: {resolved} $refs resolved")
    checked = 0
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        name, document = line.split(" ", 1)
        invalid = name.startswith("!")
        name = name.removeprefix("!")
        validator = Draft202012Validator(
            schemas[name], registry=registry, format_checker=FormatChecker()
        )
        data = json.loads(pathlib.Path(document).read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        if invalid:
            if errors:
                checked += 1
            else:
                print(f"{label}: {document} is valid against {name}, but the parser rejects it")
                failed += 1
        elif errors:
            for error in errors:
                print(f"{label}: {document} against {name}: {error.message} at {list(error.path)}")
            failed += 1
        else:
            checked += 1
    print(f"{label}: {len(schemas)} schemas checked, {checked} documents judged as the parser judges them, {failed} failures")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
