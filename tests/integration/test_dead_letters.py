"""Malformed messages land in the dead-letter topic; the worker keeps going."""

from __future__ import annotations

import base64

import pytest

from streams.schemas import validate
from tests.integration.helpers import collect, ensure_topics, produce_payloads

pytestmark = pytest.mark.kafka

VALID = {
    "id": "valid-after-bad",
    "source": "example",
    "title": "Minister says budget will pass",
    "text": (
        "The finance minister said on Monday that the budget would pass parliament "
        'before the summer recess.\n\n"We have the votes and we will use them," '
        "the minister told reporters in the capital."
    ),
}


def test_bad_messages_are_dead_lettered_and_valid_ones_still_flow(
    test_settings, worker_factory
):
    settings = test_settings
    ensure_topics(settings)
    worker_factory(settings)
    # 3 MiB: above the 2 MiB article limit, above Kafka's 1 MB default, and still
    # carried by broker and producer.
    huge = {"id": "huge", "text": "word " * (3 * 1024 * 1024 // 5)}
    bad = [
        b"{not json",
        b"\xff\xfe\x00 not utf-8",
        b"[1, 2, 3]",
        b"null",
        None,  # a tombstone
        {"id": "wrong-types", "text": 42, "title": ["x"]},
        {"id": "empty", "text": "   \n\t  "},
        {"id": "no-body", "title": "only a title"},
        huge,
    ]
    produce_payloads(settings, [*bad, VALID])

    def done(messages):
        letters = [m for m in messages if m[0] == settings.topic_dead_letter]
        valid = [m for m in messages if m[0] == settings.topic_clusters]
        return len(letters) >= len(bad) and valid

    messages = collect(
        settings, [settings.topic_dead_letter, settings.topic_clusters], done
    )
    letters = [v for t, _, v in messages if t == settings.topic_dead_letter]
    assert len(letters) == len(bad)
    for letter in letters:
        validate("dead-letter", letter)
        assert letter["stage"] == "decode"
        assert letter["topic"] == settings.topic_raw
        assert letter["offset"] is not None
    reasons = sorted(letter["reason"] for letter in letters)
    assert reasons == sorted(
        [
            "bad_json",
            "bad_json",
            "not_an_object",
            "not_an_object",
            "tombstone",
            "schema_violation",
            "empty_body",
            "schema_violation",
            "too_large",
        ]
    )
    binary = [x for x in letters if x["payload_encoding"] == "base64"]
    assert [base64.b64decode(x["payload"]) for x in binary] == [
        b"\xff\xfe\x00 not utf-8"
    ]

    # A tombstone keeps no payload; a message that is the JSON null keeps "null".
    (tombstone,) = [x for x in letters if x["reason"] == "tombstone"]
    assert (tombstone["payload"], tombstone["payload_encoding"]) == (None, None)
    assert tombstone["key"] == "tombstone"
    nulls = [x for x in letters if x["payload"] == "null"]
    assert [x["reason"] for x in nulls] == ["not_an_object"]

    clustered = [k for t, k, _ in messages if t == settings.topic_clusters]
    assert clustered == ["valid-after-bad"]
