"""Produce to and read back from the real broker in integration tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer

from streams.kafka_io import client_options, create_topics, key_for, produce
from streams.settings import Settings

Message = tuple[str, str | None, Any]


def produce_payloads(settings: Settings, payloads: list[Any]) -> None:
    """Produce RawArticle dicts (or raw bytes, or None for a tombstone) to the raw
    topic, keyed by article id."""
    messages: list[tuple[bytes, bytes | None]] = []
    for payload in payloads:
        if payload is None:
            messages.append((b"tombstone", None))
        elif isinstance(payload, bytes):
            messages.append((b"raw-bytes", payload))
        else:
            messages.append((key_for(payload), orjson.dumps(payload)))
    asyncio.run(produce(settings, settings.topic_raw, messages))


def ensure_topics(settings: Settings) -> None:
    """Create the public topics up front, before the worker starts."""
    asyncio.run(
        create_topics(
            settings,
            [
                settings.topic_raw,
                settings.topic_cleaned,
                settings.topic_quotes,
                settings.topic_clusters,
                settings.topic_dead_letter,
            ],
        )
    )


def collect(
    settings: Settings,
    topics: list[str],
    done: Callable[[list[Message]], bool],
    timeout: float = 120.0,
) -> list[Message]:
    """Read topics from the beginning until ``done(messages)`` or the timeout."""

    async def run() -> list[Message]:
        consumer = AIOKafkaConsumer(
            *topics,
            **client_options(settings),
            group_id=None,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            fetch_max_bytes=settings.max_message_bytes,
            max_partition_fetch_bytes=settings.max_message_bytes,
            metadata_max_age_ms=1000,
        )
        await consumer.start()
        out: list[Message] = []
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=500)
                for records in batch.values():
                    for r in records:
                        key = r.key.decode("utf-8", "replace") if r.key else None
                        out.append(
                            (r.topic, key, orjson.loads(r.value) if r.value else None)
                        )
                if done(out):
                    return out
        finally:
            await consumer.stop()
        return out

    return asyncio.run(run())
