"""Shared fixtures: a real Kafka broker (deploy/kafka/kafka.sh), topics, workers."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.settings import Settings
from streams.testing import (  # re-exported for test modules
    WorkerProcess,
    free_port,
    settings_env,  # noqa: F401
)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "examples" / "seeds"
KAFKA_SCRIPT = REPO / "deploy" / "kafka" / "kafka.sh"


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


@pytest.fixture(scope="session")
def kafka_broker() -> Iterator[str]:
    """A real broker: ``STREAMS_TEST_BROKER`` if set, else the local one."""
    given = os.environ.get("STREAMS_TEST_BROKER")
    if given:
        yield given
        return
    port = int(os.environ.get("KAFKA_PORT", "9092"))
    started = False
    if not _port_open("127.0.0.1", port):
        subprocess.run(["bash", str(KAFKA_SCRIPT), "up"], check=True)
        started = True
    yield f"kafka://127.0.0.1:{port}"
    if started and not os.environ.get("STREAMS_TEST_KEEP_BROKER"):
        subprocess.run(["bash", str(KAFKA_SCRIPT), "down"], check=False)


@pytest.fixture
def test_settings(kafka_broker: str, tmp_path: Path) -> Settings:
    """Settings with uuid-named topics, a fresh app id and a free web port."""
    run = uuid.uuid4().hex[:10]
    prefix = f"t-{run}."
    return Settings(
        broker=kafka_broker,
        app_id=f"news-streams-test-{run}",
        store="memory://",
        data_dir=str(tmp_path / "worker"),
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

    from streams.kafka_io import client_options

    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
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
