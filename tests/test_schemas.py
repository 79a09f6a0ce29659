"""Record JSON Schemas: every schema loads, validates, and names the bad field."""

from __future__ import annotations

from typing import Any

import pytest

from streams.errors import SchemaError
from streams.records import Quote, Speaker
from streams.schemas import SCHEMA_FILES, validate, validator


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_every_schema_compiles_once(name: str) -> None:
    compiled = validator(name)
    assert validator(name) is compiled
    assert compiled.schema["$id"].endswith(SCHEMA_FILES[name])


@pytest.mark.parametrize(
    "record",
    [{"id": "a1", "text": "Body."}, {"html": "<p>Body.</p>", "published_at": 1.5}],
)
def test_valid_raw_articles_pass(record: dict[str, Any]) -> None:
    validate("raw-article", record)


@pytest.mark.parametrize(
    ("record", "where"),
    [
        ({"id": "a1", "text": 5}, "text: "),
        ({"id": "a1"}, "<root>: "),
        ([], "<root>: "),
    ],
)
def test_invalid_records_raise_schema_error_with_the_path(
    record: Any, where: str
) -> None:
    with pytest.raises(SchemaError) as info:
        validate("raw-article", record)
    assert info.value.reason == "schema_violation"
    assert info.value.detail.startswith(where)


def test_a_quote_confidence_above_one_is_rejected() -> None:
    record = Quote(
        quote_id="q1",
        article_id="a1",
        kind="direct",
        text="We will win.",
        start=0,
        end=12,
        cue=None,
        speaker=Speaker(None),
        confidence=0.9,
    ).to_dict()
    validate("quote", record)
    with pytest.raises(SchemaError, match="confidence"):
        validate("quote", {**record, "confidence": 1.5})
