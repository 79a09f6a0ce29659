"""Hostile messages on the real broker: a record or a dead letter, in bounded time.

Each message is produced on its own and its outcome awaited before the next, so the
time bound holds per message. The worker runs at INFO level and must never print
article text; it must still be running and process a valid article at the end.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import MessageSizeTooLargeError

from streams.kafka_io import client_options
from streams.schemas import validate
from streams.settings import Settings
from tests.integration.helpers import ensure_topics
from tests.reliability.hostile import CASES, MIB, HostileCase, article

pytestmark = pytest.mark.kafka

# Slowest case measured: 240k tags of HTML just under the 2 MiB limit, 12-15 s in
# trafilatura on a quiet core; the bound leaves room for a loaded CI machine.
PER_MESSAGE_S = 60.0
VALID_TEXT = (
    "The finance minister said on Monday that the budget would pass parliament "
    'before the summer recess.\n\n"We have the votes and we will use them," '
    "the minister told reporters in the capital."
)
# Phrases from the payloads that must not appear in the worker's log.
SECRET_PHRASES = ("budget would pass parliament", "We have the votes", "word word")


def _outcome(topic: str, value: Any, settings: Settings) -> str:
    if topic == settings.topic_dead_letter:
        validate("dead-letter", value)
        return str(value["reason"])
    validate("cluster-assignment", value)
    return "ok"


async def _run(settings: Settings, cases: list[HostileCase]) -> dict[str, Any]:
    opts = client_options(settings)
    consumer = AIOKafkaConsumer(
        settings.topic_dead_letter,
        settings.topic_clusters,
        **opts,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        fetch_max_bytes=settings.max_message_bytes,
        max_partition_fetch_bytes=settings.max_message_bytes,
    )
    producer = AIOKafkaProducer(**opts, max_request_size=32 * MIB, acks="all")
    await consumer.start()
    await producer.start()
    results: dict[str, Any] = {}
    seen: dict[str, tuple[str, Any]] = {}

    async def wait_for(keys: set[str], deadline: float) -> tuple[str, Any] | None:
        while time.monotonic() < deadline:
            for key in keys:
                if key in seen:
                    return seen[key]
            batch = await consumer.getmany(timeout_ms=200)
            for records in batch.values():
                for r in records:
                    key = r.key.decode("utf-8", "replace") if r.key else ""
                    seen.setdefault(key, (r.topic, orjson.loads(r.value)))
        return None

    try:
        for case in cases:
            started = time.monotonic()
            await producer.send_and_wait(settings.topic_raw, case.payload, key=case.key)
            got = await wait_for({case.name, case.article_id}, started + PER_MESSAGE_S)
            elapsed = time.monotonic() - started
            results[case.name] = (
                None if got is None else _outcome(got[0], got[1], settings),
                elapsed,
            )
        # Above the broker's message.max.bytes (16 MiB): refused at produce time,
        # never reaches the worker.
        with pytest.raises(MessageSizeTooLargeError):
            await producer.send_and_wait(
                settings.topic_raw,
                article("above-kafka-limit", text="w" * (17 * MIB)),
                key=b"above-kafka-limit",
            )
        started = time.monotonic()
        valid = article("valid-after-hostile", text=VALID_TEXT)
        await producer.send_and_wait(
            settings.topic_raw, valid, key=b"valid-after-hostile"
        )
        got = await wait_for({"valid-after-hostile"}, started + PER_MESSAGE_S)
        results["valid-after-hostile"] = (
            None if got is None else _outcome(got[0], got[1], settings),
            time.monotonic() - started,
        )
    finally:
        await producer.stop()
        await consumer.stop()
    return results


def test_hostile_messages_get_a_record_or_a_dead_letter_in_bounded_time(
    test_settings, worker_factory
):
    settings = test_settings.with_(log_level="INFO")
    ensure_topics(settings)
    worker = worker_factory(settings)
    results = asyncio.run(_run(settings, CASES))

    report = {name: (outcome, round(t, 2)) for name, (outcome, t) in results.items()}
    print("hostile outcomes (outcome, seconds):", report)
    for case in CASES:
        outcome, elapsed = results[case.name]
        assert outcome is not None, f"{case.name}: nothing within {PER_MESSAGE_S}s"
        assert outcome in case.outcomes, f"{case.name}: {outcome}"
        assert elapsed < PER_MESSAGE_S
    assert results["valid-after-hostile"][0] == "ok"
    assert worker.proc is not None
    assert worker.proc.poll() is None, "the worker stopped"

    log = worker.log.read_text("utf-8", "replace")
    assert "dead letter" in log  # INFO/WARNING output is there at all
    for phrase in SECRET_PHRASES:
        assert phrase not in log, f"article text in the worker log: {phrase!r}"
