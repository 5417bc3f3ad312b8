"""Loads real documents into the pydantic models that datamodel-code-generator wrote from the
bundled schemas, and dumps them back: the dump must equal the document as JSON.

usage: python load_models.py MODEL_DIR PAIRS
PAIRS: one line per document, "MODULE_STEM CLASS_NAME DOCUMENT_PATH".
"""

import importlib.util
import json
import pathlib
import sys

import pydantic


def load(models: pathlib.Path, stem: str):
    spec = importlib.util.spec_from_file_location(f"generated_{stem}", models / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    models, pairs = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    modules = {}
    failed = 0
    loaded = 0
    for line in pairs.read_text(encoding="utf-8").splitlines():
        stem, name, path = line.split(" ", 2)
        module = modules.setdefault(stem, load(models, stem))
        model = getattr(module, name)
        text = pathlib.Path(path).read_text(encoding="utf-8")
        try:
            value = model.model_validate_json(text)
        except pydantic.ValidationError as error:
            print(f"pydantic: {path} does not load into {stem}.{name}: {error}")
            failed += 1
            continue
        back = json.loads(value.model_dump_json(exclude_unset=True))
        if back != json.loads(text):
            print(f"pydantic: {path} does not dump back to the same JSON through {stem}.{name}")
            failed += 1
            continue
        loaded += 1
    # A misspelt marker is refused, as the parser refuses it.
    product = modules.get("product") or load(models, "product")
    try:
        product.Product.model_validate(
            {"name": "X", "release": {"identity": {"markers": {"cd7e": 99}}}}
        )
        print("pydantic: a misspelt marker loads into Product")
        failed += 1
    except pydantic.ValidationError:
        pass
    print(f"pydantic: {loaded} real documents loaded and dumped back equal, {failed} failures")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
