"""Shared fixtures: a private Kafka broker (deploy/kafka/kafka.sh), topics, workers."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.settings import Settings
from streams.testing import (  # re-exported for test modules
    KAFKA_SCRIPT,  # noqa: F401
    LocalBroker,
    WorkerProcess,
    free_port,
    settings_env,  # noqa: F401
)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "examples" / "seeds"


@pytest.fixture(scope="session")
def session_broker() -> Iterator[LocalBroker | None]:
    """This session's own broker, or None when ``STREAMS_TEST_BROKER`` names one.

    It runs on a free port pair with its data and logs in a temporary directory,
    so a dev broker (port 9092) is neither used nor disturbed and two test sessions
    can run side by side.
    """
    if os.environ.get("STREAMS_TEST_BROKER"):
        yield None
        return
    home = Path(tempfile.mkdtemp(prefix="news-streams-test-kafka-"))
    broker = LocalBroker(home)
    try:
        broker.start()
        yield broker
    finally:
        broker.stop()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def kafka_broker(session_broker: LocalBroker | None) -> str:
    """The URL of a real broker: ``STREAMS_TEST_BROKER`` if set, else the session's."""
    if session_broker is None:
        return os.environ["STREAMS_TEST_BROKER"]
    return session_broker.url


def isolated_settings(broker: str, data_dir: Path) -> Settings:
    """Settings with uuid-named topics, a fresh app id and a free web port."""
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


@pytest.fixture
def test_settings(kafka_broker: str, tmp_path: Path) -> Settings:
    """Isolated settings for one test (see ``isolated_settings``)."""
    return isolated_settings(kafka_broker, tmp_path / "worker")


@pytest.fixture
def worker_factory(tmp_path: Path) -> Iterator[object]:
    """Start workers for given settings; stops them (and deletes their topics) after."""
    workers: list[WorkerProcess] = []

    def make(settings: Settings, start: bool = True) -> WorkerProcess:
        worker = WorkerProcess(settings, tmp_path / f"worker-{len(workers)}.log")
        workers.append(worker)
        if start:
            worker.start()
        return worker

    yield make
    for worker in workers:
        worker.stop()
    for settings in {w.settings.app_id: w.settings for w in workers}.values():
        asyncio.run(_delete_topics(settings))


async def _delete_topics(settings: Settings) -> None:
    from aiokafka.admin import AIOKafkaAdminClient

    from streams.kafka_io import client_options, start_client

    admin = AIOKafkaAdminClient(**client_options(settings))
    try:
        await start_client(admin)
    except Exception:  # cleanup is best effort; the test reports why
        return
    try:
        prefix = settings.topic_raw.rsplit("articles.raw", 1)[0]
        names = [
            t
            for t in await admin.list_topics()
            if t.startswith((prefix, settings.app_id))
        ]
        if names:
            await admin.delete_topics(names)
    except Exception:  # noqa: S110 - cleanup is best effort
        pass
    finally:
        await admin.close()
