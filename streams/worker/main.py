"""Assemble a worker: app, topics, tables, agents, views, metrics and timers."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from dataclasses import dataclass, fields
from typing import Any

import faust
from faust.sensors.prometheus import setup_prometheus_sensors

from streams.records import SpeakerClaims, format_time
from streams.settings import Settings
from streams.stages.claims import newest_seen
from streams.worker import metrics, startup
from streams.worker.agents import register_agents
from streams.worker.app import build_app
from streams.worker.faust_fixes import offsets, transactions, watchdog
from streams.worker.page import register_page
from streams.worker.state import WorkerState
from streams.worker.tables import Tables, define_tables
from streams.worker.topics import Topics, define_topics
from streams.worker.views import register_views

__all__ = ["Worker", "create_worker", "declare_topics", "make_runner"]

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


def agent_input_topics(topics: Topics) -> set[str]:
    """Names of the topics the agents consume."""
    return {
        name
        for topic in (
            topics.raw,
            topics.by_source,
            topics.cleaned,
            topics.analyzed,
            topics.quotes_by_speaker,
        )
        for name in topic.topics
    }


def create_worker(settings: Settings) -> Worker:
    """Build a worker from settings (no broker connection until it starts)."""
    app = build_app(settings)
    startup.install(app, settings)
    offsets.install(app)
    gate = transactions.install(app)
    topics = define_topics(app, settings)
    tables = define_tables(app, settings)
    state = WorkerState(settings)
    agents = register_agents(app, settings, topics, tables, state, gate)
    register_views(app, settings, tables)
    register_page(app, settings, tables, state.recent_stories)
    # Faust's own sensors share our prefix, so every series is ``streams_*``.
    if id(app) not in _prometheus_done:
        setup_prometheus_sensors(app, pattern="/metrics", name_prefix="streams")
        _prometheus_done.add(id(app))

    assigned_at: list[float] = []

    @app.on_partitions_revoked.connect
    async def on_revoked(app: faust.App, revoked: Any, **kwargs: Any) -> None:
        # Held articles belong to the revoked assignment: never processed by
        # it, never committed, so whoever owns the partition next reads them.
        state.drop_held()

    @app.on_partitions_assigned.connect
    async def on_assigned(app: faust.App, assigned: Any, **kwargs: Any) -> None:
        assigned_at[:] = [time.monotonic()]
        state.invalidate()

    @app.on_rebalance_complete.connect
    async def on_recovered(app: faust.App, **kwargs: Any) -> None:
        state.load_recent_stories(tables.story_clusters)
        state.tables_ready.set()
        if assigned_at:
            metrics.table_recovery_seconds.set(time.monotonic() - assigned_at.pop())

    @app.timer(interval=settings.claim_expiry_interval_s)
    async def expire_claims() -> None:
        """Ask the owner of each speaker with stale claims to expire them.

        Tables can only change inside an agent (the write needs the partition of
        the event being processed), so the timer sends an ``expire`` command to the
        speaker's partition of ``quotes.by-speaker`` and ``track_claims`` applies it.
        Claims expire on event time: ``claim_ttl_days`` before the newest time the
        table has seen, never the wall clock, so a backfill keeps its claims.
        """
        records = list(tables.claims.items())
        now = newest_seen(value for _, value in records)
        if now is None:
            return
        state.saw_claims_at(now)
        for speaker_id, value in records:
            kept = state.tracker.expire(SpeakerClaims.from_dict(value), now)
            if kept is None or len(kept.claims) != len(value.get("claims") or ()):
                await topics.quotes_by_speaker.send(
                    key=speaker_id, value={"expire": format_time(now)}
                )

    lag_topics = agent_input_topics(topics)
    watchdog.install(app, lag_topics)

    @app.timer(interval=5.0)
    async def sample_gauges() -> None:
        """Table sizes and consumer lag for Prometheus."""
        # Labelled by field name, not by the (configurable) table name.
        for field in fields(tables):
            table = getattr(tables, field.name)
            metrics.table_entries.labels(table=field.name).set(len(table))
        metrics.speakers_tracked.set(len(tables.claims))
        metrics.claims_tracked.set(
            sum(len(v.get("claims") or ()) for v in tables.claims.values())
        )
        consumer = app.consumer
        # Faust keeps the next offset to read (Kafka's committed offset) per partition.
        committed = getattr(consumer, "_committed_offset", {})
        # Only partitions agents consume (changelogs are read by recovery, which
        # commits nothing); clearing drops partitions a rebalance took away.
        metrics.consumer_lag.clear()
        _, ends = offsets.partition_ends(consumer)
        for tp, high in ends.items():
            if tp.topic not in lag_topics:
                continue
            lag = high - (committed.get(tp) or 0) if high else 0
            metrics.consumer_lag.labels(
                topic=tp.topic, partition=str(tp.partition)
            ).set(max(0, lag))

    return Worker(app, settings, topics, tables, state, agents)


def declare_topics(worker: Worker) -> None:
    """Create the worker's topics before it subscribes.

    A consumer subscribed to a topic that does not exist yet only notices it at its
    next metadata refresh (minutes), so everything is declared up front.
    """
    from streams.kafka_io import create_topics

    by_partitions: dict[tuple[int, bool], list[str]] = {}
    for field in dataclasses.fields(worker.topics):
        topic = getattr(worker.topics, field.name)
        for name in topic.topics:
            by_partitions.setdefault((topic.partitions or 1, False), []).append(name)
    # Table changelogs too, compacted as Faust would declare them: one Faust
    # declares while its consumer subscribes is missing from the subscription,
    # and the first write to its table fails (PartitionsMismatch).
    for field in dataclasses.fields(worker.tables):
        changelog = getattr(worker.tables, field.name).changelog_topic
        key = (changelog.partitions or worker.settings.partitions, changelog.compacting)
        by_partitions.setdefault(key, []).extend(changelog.topics)
    for (partitions, compact), names in by_partitions.items():
        configs = {"cleanup.policy": "compact"} if compact else None
        asyncio.run(
            create_topics(
                worker.settings, names, partitions=partitions, configs=configs
            )
        )


def make_runner(app: faust.App, loglevel: str = "WARNING") -> faust.Worker:
    """The Faust runner of ``app``, without Faust's start-up spinner.

    The spinner sets the root logger to DEBUG so that every record turns it: each
    debug call of aiokafka and Faust then builds a LogRecord. That was a tenth of
    the event loop's time under load.
    """
    runner = faust.Worker(app, loglevel=loglevel.lower(), quiet=True)
    runner.spinner = None
    return runner
