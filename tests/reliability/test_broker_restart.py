"""Stop and start the broker mid-stream: the worker reconnects and loses nothing.

The test runs its own broker (deploy/kafka/kafka.sh on a free port with its own data
directory, like the session broker) so that stopping it cannot disturb other tests
sharing the session broker.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator

import pytest

from streams.testing import LocalBroker
from tests.reliability.articles import generate_articles
from tests.reliability.harness import (
    Progress,
    describe_stall,
    ensure_all_topics,
    output_topics,
    produce_articles,
    read_outputs,
    wait_until_drained,
)

pytestmark = [pytest.mark.kafka, pytest.mark.reliability]

ARTICLES = int(os.environ.get("STREAMS_RESTART_ARTICLES", "800"))
DOWN_S = 8.0


@pytest.fixture
def private_broker(tmp_path_factory) -> Iterator[LocalBroker]:
    home = tmp_path_factory.mktemp("kafka")
    broker = LocalBroker(home, heap="384m")
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()
        shutil.rmtree(home, ignore_errors=True)


def test_worker_survives_a_broker_restart_mid_stream(
    private_broker, test_settings, worker_factory
):
    settings = test_settings.with_(
        broker=f"kafka://127.0.0.1:{private_broker.port}", session_timeout_s=10.0
    )
    articles = list(generate_articles(ARTICLES, seed=21))
    ids = {a["id"] for a in articles}
    ensure_all_topics(settings)
    produce_articles(settings, articles)
    worker = worker_factory(settings)
    with Progress(settings) as progress:
        assert progress.wait_for(ARTICLES // 4, 300), progress.done
        before = progress.done
        started = time.monotonic()
        private_broker.run("down")
        time.sleep(DOWN_S)
        assert worker.proc is not None
        assert worker.proc.poll() is None, "the worker exited while the broker was down"
        private_broker.run("up")
        completed = progress.wait_for(ARTICLES, 60 + ARTICLES / 5)
        recovered = time.monotonic() - started
    stall = "" if completed else describe_stall(settings, worker)
    if completed:
        wait_until_drained(settings, timeout=300)
    assert worker.proc.poll() is None, "the worker exited"

    out = read_outputs(settings, output_topics(settings))
    report = {
        "articles": ARTICLES,
        "completed": completed,
        "missing": {
            name: sorted(ids - set(out.first_values(topic)))[:10]
            for name, topic in [
                ("cleaned", settings.topic_cleaned),
                ("clusters", settings.topic_clusters),
                ("analyzed", f"{settings.app_id}.articles.analyzed"),
            ]
        },
        "done_before_stop": before,
        "seconds_from_stop_to_all_done": round(recovered, 1),
        "duplicates": {
            "cleaned": out.duplicates(settings.topic_cleaned),
            "clusters": out.duplicates(settings.topic_clusters),
        },
        "dead_letters": len(out.records[settings.topic_dead_letter]),
    }
    print("broker restart:", json.dumps(report))
    assert completed, stall
    assert set(out.first_values(settings.topic_cleaned)) == ids
    assert set(out.first_values(settings.topic_clusters)) == ids
    assert {k for k, _ in out.records[settings.topic_quotes]} <= ids
    assert report["dead_letters"] == 0
