"""Plain aiokafka producers and consumers for the CLI, tests and benchmarks."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Iterable
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError
from aiokafka.helpers import create_ssl_context

from streams.records import article_id_for
from streams.settings import Settings

__all__ = [
    "client_options",
    "consume",
    "create_topics",
    "key_for",
    "produce",
    "start_client",
]

logger = logging.getLogger(__name__)


def client_options(settings: Settings) -> dict[str, Any]:
    """Connection options shared by every aiokafka client (SASL/SSL from settings)."""
    opts: dict[str, Any] = {"bootstrap_servers": settings.bootstrap_servers}
    protocol = settings.security_protocol.upper()
    if protocol != "PLAINTEXT":
        opts["security_protocol"] = protocol
    if protocol in {"SSL", "SASL_SSL"}:
        opts["ssl_context"] = create_ssl_context(
            cafile=settings.ssl_cafile or None,
            certfile=settings.ssl_certfile or None,
            keyfile=settings.ssl_keyfile or None,
        )
    if protocol.startswith("SASL"):
        opts["sasl_mechanism"] = settings.sasl_mechanism
        opts["sasl_plain_username"] = settings.sasl_username
        opts["sasl_plain_password"] = settings.sasl_password
    return opts


class _BootstrapErrors(logging.Filter):
    """Keep aiokafka's bootstrap connection errors instead of logging them."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Unable connect to"):
            # ('Unable connect to "%s:%s": %s', host, port, error)
            args = record.args if isinstance(record.args, tuple) else ()
            self.messages.append(str(args[-1]) if args else record.getMessage())
            return False
        return True


async def start_client(
    client: AIOKafkaProducer | AIOKafkaConsumer | AIOKafkaAdminClient,
) -> None:
    """Start an aiokafka client; if it cannot, close it and raise why.

    aiokafka logs each failed bootstrap connection at ERROR, then raises a
    KafkaConnectionError that leaves out the cause: the cause goes into the error
    instead of the log, so a CLI can report an unreachable broker in one line.
    """
    errors = _BootstrapErrors()
    log = logging.getLogger("aiokafka")
    log.addFilter(errors)
    try:
        await client.start()
    except BaseException as exc:
        if isinstance(client, AIOKafkaAdminClient):
            await client.close()
        else:
            await client.stop()
        if isinstance(exc, KafkaConnectionError) and errors.messages:
            raise KafkaConnectionError(errors.messages[-1]) from exc
        raise
    finally:
        log.removeFilter(errors)


def key_for(payload: Any) -> bytes:
    """The message key of a RawArticle payload: its article id (DESIGN.md)."""
    if isinstance(payload, dict):
        given = payload.get("id")
        url = payload.get("url")
        body = payload.get("text") or payload.get("html")
        return article_id_for(
            str(given) if given not in (None, "") else None,
            url if isinstance(url, str) else None,
            body if isinstance(body, str) else None,
        ).encode()
    return uuid.uuid4().hex.encode()


async def create_topics(
    settings: Settings,
    names: Iterable[str],
    partitions: int | None = None,
    configs: dict[str, str] | None = None,
) -> None:
    """Create topics if missing (``partitions`` defaults to the settings).

    ``configs`` adds topic settings, e.g. ``cleanup.policy``.
    """
    admin = AIOKafkaAdminClient(**client_options(settings))
    await start_client(admin)
    try:
        existing = set(await admin.list_topics())
        new = [
            NewTopic(
                name,
                num_partitions=partitions or settings.partitions,
                replication_factor=1,
                topic_configs={
                    "max.message.bytes": str(settings.max_message_bytes),
                    **(configs or {}),
                },
            )
            for name in names
            if name not in existing
        ]
        if new:
            await admin.create_topics(new)
    finally:
        await admin.close()


async def produce(
    settings: Settings,
    topic: str,
    messages: Iterable[tuple[bytes | None, bytes]],
    *,
    rate: float | None = None,
    on_sent: Any = None,
) -> int:
    """Send (key, value) pairs, ``rate`` messages/s if given; returns the count."""
    producer = AIOKafkaProducer(
        **client_options(settings),
        max_request_size=settings.max_message_bytes,
        linger_ms=5,
        acks="all",
        enable_idempotence=True,
    )
    await start_client(producer)
    sent = 0
    started = time.perf_counter()
    try:
        pending = []
        for key, value in messages:
            if rate:
                delay = started + sent / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            pending.append(await producer.send(topic, value=value, key=key))
            sent += 1
            if on_sent is not None:
                on_sent(sent)
            if len(pending) >= 1000:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
        await producer.flush()
    finally:
        await producer.stop()
    return sent


async def consume(
    settings: Settings,
    topics: list[str],
    *,
    from_beginning: bool = True,
    idle_timeout: float = 5.0,
    max_messages: int | None = None,
    group_id: str | None = None,
) -> AsyncIterator[tuple[str, bytes | None, Any]]:
    """Yield (topic, key, decoded value) until idle for ``idle_timeout`` seconds.

    Stops after ``max_messages`` records when given.
    """
    consumer = AIOKafkaConsumer(
        *topics,
        **client_options(settings),
        group_id=group_id,
        auto_offset_reset="earliest" if from_beginning else "latest",
        enable_auto_commit=False,
        fetch_max_bytes=settings.max_message_bytes,
        max_partition_fetch_bytes=settings.max_message_bytes,
    )
    await start_client(consumer)
    seen = 0
    try:
        while max_messages is None or seen < max_messages:
            # A fetch returns whole batches: cap it so no more than the limit is read.
            left = None if max_messages is None else max_messages - seen
            batch = await consumer.getmany(
                timeout_ms=int(idle_timeout * 1000), max_records=left
            )
            if not batch:
                return
            for records in batch.values():
                for record in records:
                    try:
                        value = orjson.loads(record.value) if record.value else None
                    except orjson.JSONDecodeError:
                        value = record.value
                    yield record.topic, record.key, value
                    seen += 1
                    if max_messages is not None and seen >= max_messages:
                        return
    finally:
        await consumer.stop()
