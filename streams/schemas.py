"""JSON Schemas of the topic records (``schemas/``), loaded once and cached."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from streams.errors import SchemaError

__all__ = ["SCHEMA_DIR", "SCHEMA_FILES", "validate", "validator"]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

SCHEMA_FILES = {
    "raw-article": "raw-article.v1.json",
    "cleaned-article": "cleaned-article.v1.json",
    "quote": "quote.v1.json",
    "cluster-assignment": "cluster-assignment.v1.json",
    "speaker-claims": "speaker-claims.v1.json",
    "dead-letter": "dead-letter.v1.json",
}


def _schema_dir() -> Path:
    # Installed as a wheel the schemas ship inside the package; in a checkout they
    # sit at the repository root.
    packaged = Path(__file__).resolve().parent / "schemas"
    return packaged if packaged.is_dir() else SCHEMA_DIR


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """Return a compiled validator for one record schema (``quote``, ...)."""
    schema = orjson.loads((_schema_dir() / SCHEMA_FILES[name]).read_bytes())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def validate(name: str, record: Any) -> None:
    """Raise SchemaError when ``record`` does not match schema ``name``."""
    try:
        validator(name).validate(record)
    except ValidationError as exc:
        path = "/".join(str(p) for p in exc.absolute_path) or "<root>"
        raise SchemaError("schema_violation", f"{path}: {exc.message[:200]}") from exc
