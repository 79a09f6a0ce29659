"""CLI commands against the session's broker."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import uuid

import orjson
import pytest

from streams.kafka_io import create_topics, produce
from streams.settings import Settings
from streams.testing import REPO, settings_env

pytestmark = pytest.mark.kafka


async def _delete(settings: Settings, names: list[str]) -> None:
    from aiokafka.admin import AIOKafkaAdminClient

    from streams.kafka_io import client_options, start_client

    admin = AIOKafkaAdminClient(**client_options(settings))
    await start_client(admin)
    try:
        await admin.delete_topics(names)
    finally:
        await admin.close()


@pytest.fixture
def filled_topic(kafka_broker):
    settings = Settings(broker=kafka_broker)
    topic = f"t-{uuid.uuid4().hex[:10]}.tail"
    asyncio.run(create_topics(settings, [topic], partitions=1))
    messages = [(str(i).encode(), orjson.dumps({"n": i})) for i in range(30)]
    asyncio.run(produce(settings, topic, messages))
    yield settings, topic
    asyncio.run(_delete(settings, [topic]))


def test_tail_max_prints_exactly_that_many_records(filled_topic):
    settings, topic = filled_topic
    done = subprocess.run(
        [sys.executable, "-m", "streams.cli", "tail", topic, "--max", "2"],
        env=settings_env(settings),
        cwd=REPO,
        capture_output=True,
        timeout=120,
        check=True,
    )
    lines = [orjson.loads(x) for x in done.stdout.splitlines()]
    assert [x["value"]["n"] for x in lines] == [0, 1]
