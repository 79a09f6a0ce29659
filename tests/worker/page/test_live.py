"""The analyst page's live events: ids and counts only."""

from __future__ import annotations

import orjson
import pytest
from aiokafka import ConsumerRecord

from streams.worker.page.live import event_of


def record(topic, key, value):
    return ConsumerRecord(
        topic=topic,
        partition=0,
        offset=0,
        timestamp=0,
        timestamp_type=0,
        key=key,
        value=value,
        checksum=None,
        serialized_key_size=0,
        serialized_value_size=0,
        headers=(),
    )


@pytest.mark.parametrize(
    ("topic", "key", "value", "expected"),
    [
        (
            "clusters",
            b"a1",
            {"article_id": "a1", "cluster_id": "c-1", "new_cluster": True},
            {
                "type": "article",
                "article_id": "a1",
                "cluster_id": "c-1",
                "new_cluster": True,
            },
        ),
        (
            "claims",
            b"vedant-patel",
            {"claims": [{"count": 2}, {"count": 3}], "name": "Vedant Patel"},
            {
                "type": "speaker",
                "speaker_id": "vedant-patel",
                "claims": 2,
                "reports": 5,
            },
        ),
        (
            "claims",
            b"gone",
            None,
            {"type": "speaker", "speaker_id": "gone", "claims": 0, "reports": 0},
        ),
        ("clusters", b"x", {"no": "cluster"}, None),
    ],
)
def test_live_events_carry_ids_and_counts_only(topic, key, value, expected):
    raw = orjson.dumps(value) if value is not None else None
    assert event_of(record(topic, key, raw), "clusters") == expected


def test_a_broken_record_makes_no_event():
    assert event_of(record("clusters", b"x", b"{not json"), "clusters") is None
