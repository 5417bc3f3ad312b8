#!/usr/bin/env python3
"""Validate the crate's FHIR R5 BiologicallyDerivedProduct export with python fhir.resources 8.x.

fhir.resources 8.x is generated from the FHIR R5 (5.0.0) specification; its pydantic models
forbid unknown elements (model_config extra = "forbid") and check types and cardinalities.

    validate_fhir.py FILE...             every file must be a valid R5 BiologicallyDerivedProduct
    validate_fhir.py --negative FILE     the validator must reject FILE with a wrong element:
                                         an R4-only element (processing), an R6-ballot shape
                                         (productCategory as a list) and a made-up element
"""
import copy
import json
import sys

import fhir.resources
from fhir.resources.biologicallyderivedproduct import BiologicallyDerivedProduct
from pydantic import ValidationError


def check_version():
    major = int(fhir.resources.__version__.split(".")[0])
    fhir_version = getattr(fhir.resources, "__fhir_version__", "?")
    if major != 8 or not fhir_version.startswith("5."):
        sys.exit(f"need fhir.resources 8.x (FHIR R5); found {fhir.resources.__version__} (FHIR {fhir_version})")
    print(f"fhir.resources {fhir.resources.__version__}, FHIR {fhir_version}")


def valid(resource):
    try:
        BiologicallyDerivedProduct.model_validate(resource)
        return None
    except ValidationError as err:
        return str(err).splitlines()[0:3]


def main(argv):
    check_version()
    if argv and argv[0] == "--negative":
        resource = json.load(open(argv[1]))
        problem = valid(resource)
        if problem:
            sys.exit(f"{argv[1]}: the base resource must be valid: {problem}")
        wrong = {
            "R4-only element processing": lambda r: r.__setitem__(
                "processing", [{"description": "culture expansion"}]),
            "productCategory as a list (R6 ballot shape)": lambda r: r.__setitem__(
                "productCategory", [r["productCategory"]]),
            "made-up element donorRelationship": lambda r: r["collection"].__setitem__(
                "donorRelationship", "allogeneic"),
            "property without its required value[x]": lambda r: r["property"][0].pop(
                next(k for k in r["property"][0] if k.startswith("value"))),
        }
        failed = False
        for name, edit in wrong.items():
            broken = copy.deepcopy(resource)
            edit(broken)
            problem = valid(broken)
            if problem:
                print(f"rejected as expected: {name}: {' '.join(p.strip() for p in problem)}")
            else:
                print(f"NOT REJECTED: {name}")
                failed = True
        sys.exit(1 if failed else 0)
    failed = False
    for path in argv:
        problem = valid(json.load(open(path)))
        if problem:
            print(f"INVALID {path}: {problem}")
            failed = True
        else:
            print(f"valid R5 BiologicallyDerivedProduct: {path}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
