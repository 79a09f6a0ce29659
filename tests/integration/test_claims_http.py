"""Claims across outlets, read back over HTTP, surviving a worker restart."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import orjson
import pytest

from streams.inputs import iter_input_payloads
from tests.conftest import SEEDS
from tests.integration.helpers import ensure_topics, produce_payloads

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
    status, _ = get(base + "/clusters/no-such-cluster")
    assert status == 404
    status, _ = get(base + "/articles/no-such-article")
    assert status == 404
