"""The seeds flow through the real broker and a real worker to every output topic."""

from __future__ import annotations

from collections import defaultdict

import pytest

from streams.inputs import iter_input_payloads
from streams.schemas import validate
from streams.stages.cluster.state import story_id
from tests.conftest import SEEDS
from tests.integration.helpers import collect, ensure_topics, produce_payloads

pytestmark = pytest.mark.kafka


def test_seeds_reach_every_output_topic(test_settings, worker_factory):
    settings = test_settings
    ensure_topics(settings)
    worker_factory(settings)
    seeds = list(iter_input_payloads([SEEDS]))
    ids = {p["id"] for p in seeds}
    produce_payloads(settings, seeds)

    outputs = [settings.topic_cleaned, settings.topic_quotes, settings.topic_clusters]

    def done(messages):
        clustered = {k for t, k, _ in messages if t == settings.topic_clusters}
        return clustered >= ids

    messages = collect(settings, outputs, done)
    by_topic = defaultdict(list)
    for topic, key, value in messages:
        by_topic[topic].append((key, value))

    cleaned = dict(by_topic[settings.topic_cleaned])
    assert set(cleaned) == ids
    for key, value in cleaned.items():
        validate("cleaned-article", value)
        assert value["article_id"] == key
        assert "Iran remains Russia" in value["text"]

    quotes = by_topic[settings.topic_quotes]
    assert {k for k, _ in quotes} == ids
    for key, value in quotes:
        validate("quote", value)
        assert value["article_id"] == key
        text = cleaned[key]["text"]
        assert text[value["start"] : value["end"]] == value["text"]

    clusters = dict(by_topic[settings.topic_clusters])
    assert set(clusters) == ids
    for key, value in clusters.items():
        validate("cluster-assignment", value)
        assert value["article_id"] == key
    # The same briefing from two outlets is one story, named after its first
    # article by event time (Turan's dateline; Obozrevatel's date has no year),
    # whichever partition delivers first: the id batch mode gives too.
    assert {v["cluster_id"] for v in clusters.values()} == {
        story_id("turan-2023-07-26")
    }
    assert clusters["turan-2023-07-26"]["new_cluster"]
    assert sorted(v["cluster_size"] for v in clusters.values()) == [1, 2]
