#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema (any draft the schema names).

Usage: Scripts/validate-json.py SCHEMA FILE...

Exit 0 when every file is valid, 1 with one line per problem otherwise, 3 when the Python
package `jsonschema` is missing (the tests then skip with that reason).
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3 module jsonschema is not installed (pip install jsonschema)", file=sys.stderr)
    sys.exit(3)


def main(arguments):
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(arguments[0], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    problems = 0
    for path in arguments[1:]:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(part) for part in error.absolute_path)
            print(f"{path}: /{where}: {error.message}")
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
