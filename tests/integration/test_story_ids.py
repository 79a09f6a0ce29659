"""The seeds are one story with one id in every run through a worker.

Each run is a fresh worker, app id and set of topics; the seeds go to four
partitions, so which one reaches the clustering agent first varies. Two runs by
default (a worker start each); ``STREAMS_SEED_RUNS=20`` for the full check.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from streams.inputs import iter_input_payloads
from streams.settings import Settings
from streams.stages.cluster.state import story_id
from tests.conftest import SEEDS, free_port
from tests.integration.helpers import collect, ensure_topics, produce_payloads

pytestmark = pytest.mark.kafka

RUNS = int(os.environ.get("STREAMS_SEED_RUNS", "2"))


def run_settings(broker: str, data_dir: Path) -> Settings:
    run = uuid.uuid4().hex[:10]
    prefix = f"t-{run}."
    return Settings(
        broker=broker,
        app_id=f"news-streams-test-{run}",
        store="memory://",
        data_dir=str(data_dir),
        web_port=free_port(),
        topic_raw=prefix + "articles.raw",
        topic_cleaned=prefix + "articles.cleaned",
        topic_quotes=prefix + "articles.quotes",
        topic_clusters=prefix + "articles.clusters",
        topic_dead_letter=prefix + "articles.dead-letter",
        table_claims=prefix + "claims",
        batch_within_s=0.05,
    )


def test_seeds_are_one_story_with_one_id_in_every_run(
    kafka_broker, tmp_path, worker_factory
):
    seeds = list(iter_input_payloads([SEEDS]))
    ids = {p["id"] for p in seeds}
    outcomes = []
    for run in range(RUNS):
        settings = run_settings(kafka_broker, tmp_path / f"run-{run}")
        ensure_topics(settings)
        worker = worker_factory(settings)
        produce_payloads(settings, seeds if run % 2 else seeds[::-1])

        def done(messages):
            return {k for _, k, _ in messages} >= ids

        messages = collect(settings, [settings.topic_clusters], done)
        worker.stop()
        clusters = {k: v for _, k, v in messages}
        outcomes.append(
            (
                frozenset(v["cluster_id"] for v in clusters.values()),
                frozenset(k for k, v in clusters.items() if v["new_cluster"]),
            )
        )
    expected = (
        frozenset({story_id("turan-2023-07-26")}),
        frozenset({"turan-2023-07-26"}),
    )
    assert outcomes == [expected] * RUNS
