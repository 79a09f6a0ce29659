"""Records round-trip through to_dict/from_dict and validate against schemas/."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.errors import SchemaError
from streams.records import (
    CleanedArticle,
    ClusterAssignment,
    Cue,
    Dateline,
    DeadLetter,
    Quote,
    RawArticle,
    Removed,
    Speaker,
    SpeakerClaims,
    article_id_for,
    parse_time,
)
from streams.schemas import validate

WHEN = datetime(2023, 7, 26, 10, 0, tzinfo=UTC)

CLEANED = CleanedArticle(
    article_id="a1",
    text="One.\n\nTwo.",
    paragraphs=("One.", "Two."),
    source="turan",
    title="T",
    byline="Alex Raufoglu",
    dateline=Dateline("Washington D.C.", "2023-07-26"),
    published_at=WHEN,
    language="en",
    removed=(Removed("Politics", "section_label"),),
)
QUOTE = Quote(
    quote_id="q1",
    article_id="a1",
    kind="direct",
    text="One.",
    start=0,
    end=4,
    cue=Cue("said", 6, 10),
    speaker=Speaker("Vedant Patel", "he", 12, 14, "Spokesperson", None, "pronoun"),
    confidence=0.9,
)


@pytest.mark.parametrize(
    ("schema", "record", "cls"),
    [
        ("cleaned-article", CLEANED, CleanedArticle),
        ("quote", QUOTE, Quote),
        (
            "cluster-assignment",
            ClusterAssignment("a1", "c1", True, 1.0, None, 1),
            ClusterAssignment,
        ),
        (
            "speaker-claims",
            SpeakerClaims("vedant-patel", "Vedant Patel"),
            SpeakerClaims,
        ),
    ],
)
def test_to_dict_validates_and_round_trips(schema, record, cls):
    data = record.to_dict()
    validate(schema, data)
    assert cls.from_dict(data) == record


def test_raw_article_round_trip_and_schema():
    raw = RawArticle(id="x", text="body", published_at=WHEN, source="s")
    data = raw.to_dict()
    validate("raw-article", data)
    assert data["published_at"] == "2023-07-26T10:00:00Z"
    assert RawArticle.from_dict(data) == raw


def test_dead_letter_base64_for_binary_and_schema():
    letter = DeadLetter.from_bytes(
        "decode", SchemaError("bad_json", "x"), b"\xff\x00", key=b"k", topic="t"
    )
    data = letter.to_dict()
    validate("dead-letter", data)
    assert data["payload_encoding"] == "base64"
    assert data["reason"] == "bad_json"
    assert data["key"] == "k"


def test_dead_letter_of_a_tombstone_differs_from_a_json_null():
    tombstone = DeadLetter.from_bytes("decode", SchemaError("tombstone"), None)
    null = DeadLetter.from_bytes("decode", SchemaError("not_an_object"), b"null")
    for letter in (tombstone, null):
        validate("dead-letter", letter.to_dict())
    assert (tombstone.payload, tombstone.payload_encoding) == (None, None)
    assert (null.payload, null.payload_encoding) == ("null", "utf-8")


@pytest.mark.parametrize(
    ("given", "url", "content", "prefix"),
    [
        ("id-1", "http://x", "c", "id-1"),
        (None, "http://x", "c", "u-"),
        (None, None, "c", "c-"),
    ],
)
def test_article_id_rules(given, url, content, prefix):
    assert article_id_for(given, url, content).startswith(prefix)
    assert article_id_for(given, url, content) == article_id_for(given, url, content)


@pytest.mark.parametrize("bad", [{"text": 1}, [], "x", {"id": [1], "text": "t"}])
def test_raw_article_rejects_wrong_shapes(bad):
    with pytest.raises(SchemaError):
        RawArticle.from_dict(bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-07-26T10:00:00Z", WHEN),
        ("2023-07-26T12:00:00+02:00", WHEN),
        ("2023-07-26T10:00:00", WHEN),
        (None, None),
    ],
)
def test_parse_time_is_utc(value, expected):
    assert parse_time(value) == expected


def test_parse_time_rejects_garbage():
    with pytest.raises(SchemaError):
        parse_time("yesterday")
