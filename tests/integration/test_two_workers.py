"""A second worker joining mid-stream: the group rebalances and finishes every article.

Records fetched around a rebalance used to be dropped and their partitions to stall
until the next rebalance, until the watchdog
(``streams/worker/faust_fixes/watchdog.py``) re-read them.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import orjson
import pytest

from streams.testing import free_port
from tests.conftest import REPO
from tests.integration.helpers import collect, ensure_topics, produce_payloads

BENCHMARK = REPO.parent / "shared" / "data" / "article-extraction-benchmark"

pytestmark = pytest.mark.kafka


def _long_articles(count: int) -> list[dict[str, Any]]:
    """Full-length bodies (the benchmark's gold texts), one outlet, fresh ids."""
    gold = orjson.loads((BENCHMARK / "ground-truth.json").read_bytes())
    bodies = [v["articleBody"] for _, v in sorted(gold.items())]
    bodies = [b for b in bodies if len(b) > 3000][:count]
    run = uuid.uuid4().hex[:6]
    return [
        {"id": f"{run}-{i}", "source": "wire", "text": body}
        for i, body in enumerate(bodies)
    ]


def test_two_workers_joining_while_articles_arrive_finish_every_article(
    test_settings, worker_factory
):
    settings = test_settings
    ensure_topics(settings)
    for _ in range(2):
        worker_factory(settings.with_(web_port=free_port()))
    articles = _long_articles(20)
    ids = {a["id"] for a in articles}
    # The first worker is fetching and parsing when the second one's join
    # rebalances the group.
    time.sleep(1.5)
    produce_payloads(settings, articles)

    def done(messages):
        finished = {k for t, k, _ in messages if t == settings.topic_clusters}
        return finished >= ids

    messages = collect(settings, [settings.topic_clusters], done, timeout=120)
    finished = {k for _, k, _ in messages}
    assert finished >= ids, f"{len(ids - finished)} of {len(ids)} never clustered"
