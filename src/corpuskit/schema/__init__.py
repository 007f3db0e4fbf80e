"""The JSON Schema of a corpuskit record (documented in docs/schema.md)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

SCHEMA_FILE = "record.schema.json"


def schema_text() -> str:
    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@functools.cache
def load_schema() -> dict[str, Any]:
    """The record schema as a dict (draft 2020-12), e.g. for ``jsonschema.validate``."""
    return json.loads(schema_text())
