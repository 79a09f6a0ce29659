"""Claims across outlets, read back over HTTP, surviving a worker restart."""

from __future__ import annotations

import asyncio
import re
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from streams.inputs import iter_input_payloads
from streams.kafka_io import produce
from streams.records import format_time, parse_time
from streams.worker.agents import speaker_partition
from tests.conftest import SEEDS
from tests.integration.helpers import ensure_topics, produce_payloads
from tests.stages.claims.test_tracker import quote

pytestmark = pytest.mark.kafka

THIRD = Path(__file__).resolve().parent.parent / "data" / "third-outlet.jsonl"
CLAIMS = {
    "backer": re.compile(r"top military backer|main military backbone"),
    "deepen": re.compile(r"continues to (be )?deepen"),
    "drones": re.compile(r"hundreds of"),
}


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - localhost
            return resp.status, orjson.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, orjson.loads(exc.read())


def source_counts(base: str) -> dict[str, int]:
    """Sources per seed claim of the one speaker named like Patel."""
    status, listing = get(base + "/speakers?q=patel")
    if status != 200 or listing["total"] != 1:
        return {}
    speaker_id = listing["speakers"][0]["speaker_id"]
    status, page = get(f"{base}/speakers/{speaker_id}/claims?limit=100")
    counts: dict[str, int] = {}
    for name, pattern in CLAIMS.items():
        matching = [c for c in page["claims"] if pattern.search(c["text"])]
        if len(matching) == 1:
            counts[name] = len(matching[0]["sources"])
    return counts


def wait_for(base: str, expected: int, timeout: float = 120.0) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    counts: dict[str, int] = {}
    while time.monotonic() < deadline:
        counts = source_counts(base)
        if counts and all(counts.get(k) == expected for k in CLAIMS):
            return counts
        time.sleep(1)
    return counts


def test_one_speaker_three_claims_sources_grow_and_survive_restart(
    test_settings, worker_factory
):
    settings = test_settings.with_(store="rocksdb://")
    ensure_topics(settings)
    worker = worker_factory(settings)
    base = worker.url

    produce_payloads(settings, list(iter_input_payloads([SEEDS])))
    assert wait_for(base, 2) == {"backer": 2, "deepen": 2, "drones": 2}

    status, listing = get(base + "/speakers?q=patel")
    assert status == 200
    (speaker,) = listing["speakers"]
    assert speaker["name"] == "Vedant Patel"
    status, one = get(f"{base}/speakers/{speaker['speaker_id']}")
    assert status == 200
    assert one["name"] == "Vedant Patel"

    produce_payloads(settings, list(iter_input_payloads([THIRD])))
    assert wait_for(base, 3) == {"backer": 3, "deepen": 3, "drones": 3}

    worker.restart()
    assert wait_for(base, 3, timeout=60) == {"backer": 3, "deepen": 3, "drones": 3}

    status, body = get(base + "/speakers/nobody-at-all")
    assert status == 404
    assert "error" in body
    status, body = get(base + "/speakers?limit=100000")
    assert status == 400
    status, body = get(base + "/speakers?offset=-1")
    assert status == 400
    status, body = get(f"{base}/speakers/{speaker['speaker_id']}/claims?limit=abc")
    assert status == 400

    status, article = get(base + "/articles/turan-2023-07-26")
    assert status == 200
    assert article["quotes"]
    status, cluster = get(f"{base}/clusters/{article['cluster']['cluster_id']}")
    assert status == 200
    ids = {a["article_id"] for a in cluster["articles"]}
    assert "turan-2023-07-26" in ids
    # Times are ISO in every endpoint.
    for field in ("first_seen", "last_seen"):
        assert parse_time(cluster[field]) is not None, cluster[field]
        assert cluster[field].endswith("Z")
    status, _ = get(base + "/clusters/no-such-cluster")
    assert status == 404
    status, body = get(base + "/no/such/route")  # JSON too, not text/plain
    assert (status, body["status"], body["error"]) == (404, 404, "not found")
    status, _ = get(base + "/articles/no-such-article")
    assert status == 404


def test_a_batch_across_partitions_keeps_each_speakers_history(
    test_settings, worker_factory
):
    """Each speaker's record is read from its own partition, whatever the batch.

    On RocksDB a table read looks only in the partition of the current event; a
    read bound to another speaker's event misses the record and the merge
    overwrites the speaker's history. Odd rounds send one message per speaker
    keyed by its id (the form written before), even rounds the worker's form:
    one message per partition with the quotes of each of its speakers.
    """
    settings = test_settings.with_(store="rocksdb://")
    ensure_topics(settings)
    worker = worker_factory(settings)
    topic = f"{settings.app_id}.quotes.by-speaker"
    # One speaker per partition of four, by Kafka's default partitioner.
    speakers = ["Vedant Patel", "Ann Lee", "Bo Chan", "Cy Diaz", "Di Eno", "Ed Fox"]
    texts = [
        "Drone deliveries doubled over the summer months",
        "The factory will open next spring near Alabuga",
        "Talks on the grain corridor collapsed last week",
        "Sanctions have cut the supply of microchips sharply",
    ]
    for round_, text in enumerate(texts):
        messages = []
        grouped: dict[int, list[dict[str, Any]]] = {}
        for n, speaker in enumerate(speakers):
            article = {"article_id": f"a{round_}-{n}", "source": f"outlet{n}"}
            q = quote(text, speaker, article_id=article["article_id"]).to_dict()
            value = {"quotes": [q], "article": article}
            key = speaker.lower().replace(" ", "-").encode()
            messages.append((key, orjson.dumps(value)))
            partition = speaker_partition(key.decode(), settings.partitions)
            grouped.setdefault(partition, []).append(
                {"speaker_id": key.decode(), "quotes": [q]}
            )
        if round_ % 2 == 0:
            # Keyed by a speaker of the partition, so the message lands there.
            messages = [
                (
                    group[0]["speaker_id"].encode(),
                    orjson.dumps(
                        {"speakers": group, "article": {"article_id": f"a{round_}"}}
                    ),
                )
                for group in grouped.values()
            ]
            assert len(messages) < len(speakers)
        asyncio.run(produce(settings, topic, messages))
        deadline = time.monotonic() + 60
        for speaker in speakers:
            # Each partition is processed on its own schedule: wait for each
            # speaker's round, then check that no earlier claim was lost.
            speaker_id = speaker.lower().replace(" ", "-")
            while True:
                status, page = get(
                    f"{worker.url}/speakers/{speaker_id}/claims?limit=100"
                )
                done = status == 200 and len(page["claims"]) >= round_ + 1
                if done or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            assert status == 200
            got = sorted(c["text"] for c in page["claims"])
            assert got == sorted(texts[: round_ + 1]), speaker


def test_a_year_old_backfill_keeps_every_claim(test_settings, worker_factory):
    # Expiry checks every second here; claims a year old are 30 days within the
    # newest event time the table has seen, so none may go.
    settings = test_settings.with_(claim_expiry_interval_s=1.0)
    ensure_topics(settings)
    worker = worker_factory(settings)
    year_ago = datetime.now(UTC) - timedelta(days=365)
    seeds = list(iter_input_payloads([SEEDS]))
    for i, payload in enumerate(seeds):
        payload["published_at"] = format_time(year_ago + timedelta(hours=i))
    produce_payloads(settings, seeds)
    assert wait_for(worker.url, 2) == {"backer": 2, "deepen": 2, "drones": 2}

    status, before = get(worker.url + "/speakers?limit=100")
    assert status == 200
    assert before["total"] >= 1
    time.sleep(5)  # several expiry rounds
    status, after = get(worker.url + "/speakers?limit=100")
    assert after == before
    for speaker in after["speakers"]:
        last_seen = parse_time(speaker["last_seen"])
        assert last_seen is not None
        assert last_seen < year_ago + timedelta(days=1)
