"""Prometheus metrics of news-streams (all named ``streams_*``; units in the names).

Labels stay bounded: ``stage``, ``outcome``, ``reason`` (a fixed vocabulary of stage
error reasons), ``topic``/``partition`` (fixed by deployment), and ``source``
capped at ``MAX_SOURCES`` distinct outlets, past which outlets count as ``other``.
"""

from __future__ import annotations

import logging
import threading

from prometheus_client import Counter, Gauge, Histogram, disable_created_metrics

__all__ = [
    "MAX_SOURCES",
    "articles_in",
    "claims_tracked",
    "cluster_size",
    "clusters_created",
    "consumer_lag",
    "dead_letters",
    "duplicates_found",
    "end_to_end_latency",
    "partition_reseeks",
    "quotes_per_article",
    "records_out",
    "recovery_seconds",
    "source_label",
    "speakers_tracked",
    "stage_latency",
    "table_entries",
    "table_recovery_seconds",
]

logger = logging.getLogger(__name__)

# A ``*_created`` series per counter and histogram doubles what a scrape carries and
# no dashboard or alert reads it.
disable_created_metrics()

# Enough for the outlets a desk follows; beyond it per-outlet series would grow
# without bound on an open-ended feed.
MAX_SOURCES = 50

_LATENCY_BUCKETS = (
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1,
    2.5,
    5,
    10,
)
_E2E_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30, 60)

articles_in = Counter(
    "streams_articles_in_total",
    "Articles read from articles.raw, by outlet.",
    ["source"],
)
records_out = Counter(
    "streams_records_out_total", "Records a stage emitted.", ["stage"]
)
dead_letters = Counter(
    "streams_dead_letters_total",
    "Messages sent to the dead-letter topic, by stage and reason.",
    ["stage", "reason"],
)
stage_latency = Histogram(
    "streams_stage_latency_seconds",
    "Time a stage spent per article.",
    ["stage"],
    buckets=_LATENCY_BUCKETS,
)
end_to_end_latency = Histogram(
    "streams_end_to_end_latency_seconds",
    "Time from the article's produce timestamp to its record on an output topic.",
    ["stage"],
    buckets=_E2E_BUCKETS,
)
quotes_per_article = Histogram(
    "streams_quotes_per_article",
    "Quotes extracted per article.",
    buckets=(0, 1, 2, 3, 5, 8, 13, 21, 34),
)
clusters_created = Counter("streams_clusters_created_total", "Story clusters started.")
duplicates_found = Counter(
    "streams_duplicates_total", "Articles found to be near-duplicates of another."
)
cluster_size = Histogram(
    "streams_cluster_size_articles",
    "Size of the cluster an article joined, after joining.",
    buckets=(1, 2, 3, 5, 10, 20, 50, 100, 500),
)
table_entries = Gauge(
    "streams_table_entries", "Entries held in a table on this worker.", ["table"]
)
speakers_tracked = Gauge(
    "streams_speakers_tracked", "Speakers in the claims table on this worker."
)
claims_tracked = Gauge(
    "streams_claims_tracked", "Claims held in the claims table on this worker."
)
partition_reseeks = Counter(
    "streams_partition_reseeks_total",
    "Partitions sought back to their committed offset because records fetched "
    "around a rebalance were dropped before any agent processed them.",
    ["topic"],
)
consumer_lag = Gauge(
    "streams_consumer_lag_messages",
    "Messages between the committed offset and the end of a partition.",
    ["topic", "partition"],
)
table_recovery_seconds = Gauge(
    "streams_table_recovery_seconds",
    "Seconds from partition assignment until tables were restored from their "
    "changelogs and streams resumed, at the last (re)start or rebalance.",
)
recovery_seconds = Gauge(
    "streams_cluster_rebuild_seconds",
    "Seconds the last rebuild of the story clusterer from its table took.",
)

# Per-stage series exist at zero from the start, so rate() and increase() count the
# first article a stage handles after a (re)start.
for _stage in ("decode", "clean", "quotes", "cluster", "claims"):
    records_out.labels(stage=_stage)
    stage_latency.labels(stage=_stage)
    if _stage != "decode":
        end_to_end_latency.labels(stage=_stage)

_sources: set[str] = set()
_sources_lock = threading.Lock()


def source_label(source: str | None) -> str:
    """Map an outlet to a bounded label value (``other`` past MAX_SOURCES)."""
    name = (source or "unknown")[:64]
    with _sources_lock:
        if name in _sources:
            return name
        if len(_sources) < MAX_SOURCES:
            _sources.add(name)
            return name
    return "other"
