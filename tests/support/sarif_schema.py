"""The official SARIF 2.1.0 JSON Schema (OASIS, final rtm.5), for tests of icekit's SARIF output.

Not vendored: `make test` fetches it from the npm package @microsoft/jest-sarif (pinned version and sha256 in
the Makefile) into .tools/sarif/ and names it in ICEKIT_SARIF_SCHEMA. Without the variable and without that
file (a bare `pytest` before any `make test`), SARIF schema tests skip; with the variable naming a missing
file they fail.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import jsonschema
import pytest

__all__ = ["SCHEMA_ENV", "sarif_validator"]

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_ENV = "ICEKIT_SARIF_SCHEMA"
DEFAULT_LOCATION = ROOT / ".tools" / "sarif" / "sarif-2.1.0-rtm.5.json"


@cache
def _load(path: Path) -> jsonschema.protocols.Validator:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert "2.1.0" in schema["title"], f"{path} is not the SARIF 2.1.0 schema"
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return validator


def sarif_validator() -> jsonschema.protocols.Validator:
    location = os.environ.get(SCHEMA_ENV)
    if location:
        path = Path(location)
        return _load(path if path.is_absolute() else ROOT / path)
    if not DEFAULT_LOCATION.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not fetched ({SCHEMA_ENV} unset; `make test` fetches it)")
    return _load(DEFAULT_LOCATION)
