"""The seeds are one story with one id in every run through a worker.

Each run is a fresh worker, app id and set of topics; the seeds go to four
partitions, so which one reaches the clustering agent first varies. Two runs by
default (a worker start each); ``STREAMS_SEED_RUNS=20`` for the full check.
"""

from __future__ import annotations

import os

import pytest

from streams.inputs import iter_input_payloads
from streams.stages.cluster.state import story_id
from tests.conftest import SEEDS, isolated_settings
from tests.integration.helpers import collect, ensure_topics, produce_payloads

pytestmark = pytest.mark.kafka

RUNS = int(os.environ.get("STREAMS_SEED_RUNS", "2"))


def test_seeds_are_one_story_with_one_id_in_every_run(
    kafka_broker, tmp_path, worker_factory
):
    seeds = list(iter_input_payloads([SEEDS]))
    ids = {p["id"] for p in seeds}
    outcomes = []
    for run in range(RUNS):
        settings = isolated_settings(kafka_broker, tmp_path / f"run-{run}")
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
