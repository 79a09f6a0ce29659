"""Agents: quotes.by-speaker holds one message per (article, partition); same claims."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from aiokafka.partitioner import DefaultPartitioner

from streams.errors import SchemaError
from streams.inputs import iter_inputs
from streams.pipeline import Pipeline, article_ref
from streams.records import Quote, SpeakerClaims
from streams.stages.claims import ClaimConfig, ClaimTracker
from streams.worker.agents import (
    _already_merged,
    by_partition,
    by_speaker,
    merge_quotes,
    speaker_groups,
    speaker_partition,
    speaker_quotes,
)
from tests.conftest import SEEDS

NOW = datetime(2023, 7, 27, tzinfo=UTC)


@pytest.fixture(scope="module")
def seed_quotes() -> list[tuple[dict[str, Any], list[Quote]]]:
    """Each seed article's reference and quotes, speakers resolved as in the worker."""
    pipeline = Pipeline()
    out = []
    for raw in iter_inputs([SEEDS]):
        cleaned = pipeline.clean(raw)
        quotes = [pipeline.speakers.assign(q) for q in pipeline.quotes(cleaned)]
        out.append((article_ref(cleaned), quotes))
    return out


def _wire(value: dict[str, Any]) -> dict[str, Any]:
    """A message value as the next agent reads it."""
    return orjson.loads(orjson.dumps(value))


def per_quote(
    tracker: ClaimTracker,
    articles: list[tuple[dict[str, Any], list[Quote]]],
) -> tuple[dict[str, SpeakerClaims], int]:
    """The claims table fed one message per quote (the earlier record)."""
    table: dict[str, SpeakerClaims] = {}
    sent = 0
    for ref, quotes in articles:
        for q in quotes:
            key = tracker.speaker_key(q)
            if key is None:
                continue
            value = _wire({"quote": q.to_dict(), "article": ref})
            sent += 1
            quote = Quote.from_dict(value["quote"])
            current = table.get(key)
            if current is not None and _already_merged(
                current, quote, value["article"]
            ):
                continue
            table[key] = tracker.add(current, quote, value["article"], NOW)
    return table, sent


def per_speaker(
    tracker: ClaimTracker,
    articles: list[tuple[dict[str, Any], list[Quote]]],
) -> tuple[dict[str, SpeakerClaims], int]:
    """The claims table fed one message per speaker per article."""
    table: dict[str, SpeakerClaims] = {}
    sent = 0
    for ref, quotes in articles:
        for key, said in by_speaker(quotes, tracker.speaker_key):
            value = _wire({"quotes": [q.to_dict() for q in said], "article": ref})
            sent += 1
            merged = merge_quotes(tracker, table.get(key), *speaker_quotes(value), NOW)
            if merged is not None:
                table[key] = merged
    return table, sent


def per_partition(
    tracker: ClaimTracker,
    articles: list[tuple[dict[str, Any], list[Quote]]],
    partitions: int,
) -> tuple[dict[str, SpeakerClaims], int]:
    """The claims table fed one message per article and partition (the worker's)."""
    table: dict[str, SpeakerClaims] = {}
    sent = 0
    for ref, quotes in articles:
        groups = by_speaker(quotes, tracker.speaker_key)
        for partition, said_by in by_partition(groups, partitions):
            speakers = [
                {"speaker_id": sid, "quotes": [q.to_dict() for q in said]}
                for sid, said in said_by
            ]
            value = _wire({"speakers": speakers, "article": ref})
            sent += 1
            for key, said in speaker_groups(value, ref["article_id"].encode())[0]:
                assert speaker_partition(key.decode(), partitions) == partition
                current = table.get(key.decode())
                merged = merge_quotes(tracker, current, said, value["article"], NOW)
                if merged is not None:
                    table[key.decode()] = merged
    return table, sent


def test_one_message_per_partition_gives_the_same_claims(seed_quotes):
    """Speakers of one article that share a partition share a message."""
    feed = [*seed_quotes, seed_quotes[0]]
    per_message, _ = per_quote(ClaimTracker(ClaimConfig(), clock=lambda: NOW), feed)
    _, sent_per_speaker = per_speaker(
        ClaimTracker(ClaimConfig(), clock=lambda: NOW), feed
    )
    for partitions in (1, 4):
        got, sent = per_partition(
            ClaimTracker(ClaimConfig(), clock=lambda: NOW), feed, partitions
        )
        assert {k: v.to_dict() for k, v in got.items()} == {
            k: v.to_dict() for k, v in per_message.items()
        }
        assert sent <= min(sent_per_speaker, partitions * len(feed))
    _, one = per_partition(ClaimTracker(ClaimConfig(), clock=lambda: NOW), feed, 1)
    assert one == len(feed) < sent_per_speaker


def test_a_speakers_partition_is_its_keys():
    """The partition Kafka's default partitioner gives the speaker id as key."""
    ids = ["vedant-patel", "ann-lee", "bo-chan", "cy-diaz", "di-eno", "ed-fox"]
    for n in (1, 3, 4):
        for sid in ids:
            expected = DefaultPartitioner()(sid.encode(), list(range(n)), None)
            assert speaker_partition(sid, n) == expected
    groups = [(sid, []) for sid in ids]
    parts = by_partition(groups, 4)
    assert len(parts) <= 4
    assert sorted(sid for _, said_by in parts for sid, _ in said_by) == sorted(ids)
    for partition, said_by in parts:
        assert {speaker_partition(sid, 4) for sid, _ in said_by} == {partition}
        # Speakers keep their order of first quote within a partition.
        assert [sid for sid, _ in said_by] == [
            sid for sid in ids if speaker_partition(sid, 4) == partition
        ]


def test_one_message_per_speaker_gives_the_same_claims(seed_quotes):
    """Several quotes by one speaker in one article: same table, fewer messages."""
    counts = {}
    for ref, quotes in seed_quotes:
        tracker = ClaimTracker(ClaimConfig(), clock=lambda: NOW)
        groups = by_speaker(quotes, tracker.speaker_key)
        counts[ref["article_id"]] = [len(said) for _, said in groups]
    # The seeds hold Vedant Patel's several claims in each article.
    assert max(max(c) for c in counts.values()) >= 4
    # Both articles, then the first again (a re-delivery after a crash).
    feed = [*seed_quotes, seed_quotes[0]]
    before, sent_before = per_quote(
        ClaimTracker(ClaimConfig(), clock=lambda: NOW), feed
    )
    after, sent_after = per_speaker(
        ClaimTracker(ClaimConfig(), clock=lambda: NOW), feed
    )
    assert {k: v.to_dict() for k, v in after.items()} == {
        k: v.to_dict() for k, v in before.items()
    }
    assert "vedant-patel" in after
    assert sent_after < sent_before
    first = counts[feed[0][0]["article_id"]]
    assert sent_after == sum(len(c) for c in counts.values()) + len(first)


def test_redelivery_merges_only_the_quotes_not_yet_merged(seed_quotes):
    """Idempotence holds per quote: a message half merged merges the other half."""
    ref, quotes = seed_quotes[0]
    tracker = ClaimTracker(ClaimConfig(), clock=lambda: NOW)
    groups = dict(by_speaker(quotes, tracker.speaker_key))
    said = max(groups.values(), key=len)
    whole = merge_quotes(tracker, None, said, ref, NOW)
    half = merge_quotes(tracker, None, said[: len(said) // 2], ref, NOW)
    assert merge_quotes(tracker, half, said, ref, NOW) == whole
    assert merge_quotes(tracker, whole, said, ref, NOW) is whole


def test_message_forms(seed_quotes):
    ref, quotes = seed_quotes[0]
    q = quotes[0].to_dict()
    assert speaker_quotes({"quote": q, "article": ref}) == ([quotes[0]], ref)
    assert speaker_quotes({"quotes": [q, q], "article": ref})[0] == [quotes[0]] * 2
    with pytest.raises(SchemaError):
        speaker_quotes({"quotes": q, "article": ref})
    with pytest.raises(SchemaError):
        speaker_quotes(["quotes"])
    with pytest.raises(KeyError):
        speaker_quotes({"quotes": [q]})


def test_grouped_message_forms(seed_quotes):
    ref, quotes = seed_quotes[0]
    q = quotes[0].to_dict()
    grouped = {
        "speakers": [
            {"speaker_id": "vedant-patel", "quotes": [q, q]},
            {"speaker_id": "ann-lee", "quotes": [q]},
        ],
        "article": ref,
    }
    assert speaker_groups(grouped, b"a1") == (
        [(b"vedant-patel", [quotes[0]] * 2), (b"ann-lee", [quotes[0]])],
        ref,
    )
    # One speaker's quotes keyed by the speaker id (written before).
    old = {"quotes": [q], "article": ref}
    assert speaker_groups(old, b"ann-lee") == ([(b"ann-lee", [quotes[0]])], ref)
    with pytest.raises(SchemaError):
        speaker_groups(old, None)
    with pytest.raises(SchemaError):
        speaker_groups({"speakers": {"ann-lee": [q]}, "article": ref}, b"a1")
    with pytest.raises(KeyError):
        speaker_groups({"speakers": [{"quotes": [q]}], "article": ref}, b"a1")
    with pytest.raises(SchemaError):
        speaker_groups({"speakers": [{"speaker_id": "x", "quotes": q}]}, b"a1")
