"""Assemble a worker: app, topics, tables, agents, views, metrics and timers."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import faust
from faust.sensors.prometheus import setup_prometheus_sensors

from streams.records import SpeakerClaims
from streams.settings import Settings
from streams.worker import metrics
from streams.worker.agents import register_agents
from streams.worker.app import build_app
from streams.worker.state import WorkerState
from streams.worker.tables import Tables, define_tables
from streams.worker.topics import Topics, define_topics
from streams.worker.views import register_views

__all__ = ["Worker", "create_worker", "run_worker"]

logger = logging.getLogger(__name__)

_prometheus_done: set[int] = set()


@dataclass(slots=True)
class Worker:
    """Everything one worker process holds."""

    app: faust.App
    settings: Settings
    topics: Topics
    tables: Tables
    state: WorkerState
    agents: dict[str, Any]


def create_worker(settings: Settings) -> Worker:
    """Build a worker from settings (no broker connection until it starts)."""
    app = build_app(settings)
    topics = define_topics(app, settings)
    tables = define_tables(app, settings)
    state = WorkerState(settings)
    agents = register_agents(app, settings, topics, tables, state)
    register_views(app, settings, tables)
    # Faust's own sensors share our prefix, so every series is ``streams_*``.
    if id(app) not in _prometheus_done:
        setup_prometheus_sensors(app, pattern="/metrics", name_prefix="streams")
        _prometheus_done.add(id(app))

    @app.on_partitions_assigned.connect
    async def on_assigned(app: faust.App, assigned: Any, **kwargs: Any) -> None:
        state.invalidate()

    @app.timer(interval=60.0)
    async def expire_state() -> None:
        """Expire claims and article summaries that left their windows."""
        now = datetime.now(UTC)
        expired = state.expire_articles(tables.article_index, now)
        dropped = 0
        for speaker_id, value in list(tables.claims.items()):
            kept = state.tracker.expire(SpeakerClaims.from_dict(value), now)
            if kept is None:
                tables.claims.pop(speaker_id, None)
                dropped += 1
            elif len(kept.claims) != len(value.get("claims") or ()):
                tables.claims[speaker_id] = kept.to_dict()
        if expired or dropped:
            logger.info("expired %d article summaries, %d speakers", expired, dropped)

    @app.timer(interval=5.0)
    async def sample_gauges() -> None:
        """Table sizes and consumer lag for Prometheus."""
        for table in (
            tables.outlet_memories,
            tables.story_clusters,
            tables.article_index,
            tables.claims,
        ):
            metrics.table_entries.labels(table=table.name).set(len(table))
        metrics.table_entries.labels(table="claims_total").set(
            sum(len(v.get("claims") or ()) for v in tables.claims.values())
        )
        consumer = app.consumer
        committed = getattr(consumer, "_committed_offset", {})
        for tp in consumer.assignment():
            try:
                high = consumer.highwater(tp)
            except Exception:  # noqa: S112 - partition not fetched yet; next sample
                continue
            done = committed.get(tp)
            lag = high - (done + 1 if done is not None else 0) if high else 0
            metrics.consumer_lag.labels(
                topic=tp.topic, partition=str(tp.partition)
            ).set(max(0, lag))

    return Worker(app, settings, topics, tables, state, agents)


def run_worker(settings: Settings, loglevel: str = "WARNING") -> None:
    """Run a worker until interrupted (the ``news-streams worker`` command)."""
    worker = create_worker(settings)
    faust.Worker(
        worker.app, loglevel=loglevel.lower(), quiet=True
    ).execute_from_commandline()
