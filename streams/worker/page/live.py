"""Live events for the open analyst page, as server-sent events (``GET /ui/events``).

Every worker can serve them: a ``LiveFeed`` tails the public clusters topic (an
article joined a story) and the claims table's changelog (a speaker's claims
changed) from their end, whichever worker did the work, and fans each event out
to the page's open streams. The tail consumer has no group and commits nothing;
it starts with the first open stream and stops a while after the last one closes.
Events carry ids and counts only, never article text.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import Any, cast

import faust
import orjson
from aiohttp import web as aioweb
from aiokafka import AIOKafkaConsumer, ConsumerRecord
from faust.web import Request, Response, View

from streams.kafka_io import client_options
from streams.settings import Settings

__all__ = ["LiveFeed", "event_of", "register_live_view"]

logger = logging.getLogger(__name__)

QUEUE_SIZE = 500  # events buffered per open page; beyond, it is told to refresh
KEEPALIVE_S = (
    10.0  # a comment this often finds closed connections and keeps proxies open
)
LINGER_S = 60.0  # the tail consumer outlives the last page by this (page reloads)
READY_TIMEOUT_S = 30.0  # longest wait for the tail before events flow without "ready"
RETRY_MS = 3000  # how soon a browser reconnects after a lost stream


def event_of(
    record: ConsumerRecord[bytes, bytes], clusters_topic: str
) -> dict[str, Any] | None:
    """The page event a clusters or claims record stands for (None: not one)."""
    key = (record.key or b"").decode("utf-8", "replace")
    try:
        value = orjson.loads(record.value) if record.value else None
    except orjson.JSONDecodeError:
        return None
    if record.topic == clusters_topic:
        if not isinstance(value, dict) or "cluster_id" not in value:
            return None
        return {
            "type": "article",
            "article_id": value.get("article_id") or key,
            "cluster_id": value["cluster_id"],
            "new_cluster": bool(value.get("new_cluster")),
        }
    claims = value.get("claims") if isinstance(value, dict) else None
    claims = claims if isinstance(claims, list) else []
    return {
        "type": "speaker",
        "speaker_id": key,
        "claims": len(claims),
        "reports": sum(int(c.get("count") or 0) for c in claims if isinstance(c, dict)),
    }


@dataclass(eq=False)
class _Subscriber:
    queue: asyncio.Queue[dict[str, Any] | None] = field(
        default_factory=lambda: asyncio.Queue(QUEUE_SIZE)
    )
    overflowed: bool = False

    def put(self, event: dict[str, Any] | None) -> None:
        if event is None:  # the end: make room for it
            while self.queue.full():
                self.queue.get_nowait()
            self.queue.put_nowait(None)
        elif not self.overflowed:
            try:
                self.queue.put_nowait(event)
            except asyncio.QueueFull:
                self.overflowed = True
                self.queue.get_nowait()
                self.queue.put_nowait({"type": "overflow"})


class LiveFeed:
    """Tail of the clusters topic and claims changelog, fanned out to open pages."""

    def __init__(self, settings: Settings, linger_s: float = LINGER_S) -> None:
        self.settings = settings
        self.linger_s = linger_s
        self.topics = (settings.topic_clusters, settings.table_claims)
        self._subscribers: set[_Subscriber] = set()
        self._task: asyncio.Task[None] | None = None
        self._ready: asyncio.Event | None = None
        self._closed = False

    def subscribe(self) -> _Subscriber:
        """A new open page; starts the tail when none runs."""
        subscriber = _Subscriber()
        self._subscribers.add(subscriber)
        if self._task is None or self._task.done():
            self._ready = asyncio.Event()
            self._task = asyncio.create_task(self._run(self._ready))
        return subscriber

    def unsubscribe(self, subscriber: _Subscriber) -> None:
        """A page went away."""
        self._subscribers.discard(subscriber)

    @property
    def ready(self) -> bool:
        """Whether the tail reads from the topics' end."""
        return self._ready is not None and self._ready.is_set()

    async def wait_ready(self) -> None:
        """Wait until the tail reads from the topics' end."""
        if self._ready is not None:
            await self._ready.wait()

    async def close(self) -> None:
        """End every open stream and the tail (worker shutdown)."""
        self._closed = True
        for subscriber in list(self._subscribers):
            subscriber.put(None)
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    def publish(self, event: dict[str, Any]) -> None:
        """Hand an event to every open page."""
        for subscriber in list(self._subscribers):
            subscriber.put(event)

    async def _run(self, ready: asyncio.Event) -> None:
        settings = self.settings
        consumer = AIOKafkaConsumer(
            **client_options(settings),
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="latest",
            fetch_max_bytes=settings.max_message_bytes,
            max_partition_fetch_bytes=settings.max_message_bytes,
        )
        idle_since: float | None = None
        try:
            await consumer.start()
            # Without a group, a subscription takes every partition of the topics.
            consumer.subscribe(list(self.topics))
            while not consumer.assignment():  # noqa: ASYNC110 - no public wait for it
                await asyncio.sleep(0.1)
            for tp in consumer.assignment():
                await consumer.position(tp)  # resolves "latest" to the end offset
            ready.set()
            while not self._closed:
                if self._subscribers:
                    idle_since = None
                elif idle_since is None:
                    idle_since = time.monotonic()
                elif time.monotonic() - idle_since > self.linger_s:
                    break
                batch = await consumer.getmany(timeout_ms=500)
                for records in batch.values():
                    for record in records:
                        event = event_of(record, settings.topic_clusters)
                        if event is not None:
                            self.publish(event)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("live feed stopped")
            self.publish({"type": "error"})
        finally:
            with contextlib.suppress(Exception):
                await consumer.stop()


def _sse(event: str, data: dict[str, Any]) -> bytes:
    return b"event: " + event.encode() + b"\ndata: " + orjson.dumps(data) + b"\n\n"


def register_live_view(app: faust.App, feed: LiveFeed) -> None:
    """Add ``/ui/events`` and close the open streams when the worker stops."""

    @app.page("/ui/events")
    async def live_events(web: View, request: Request) -> Response:
        """Server-sent events: ``ready``, ``article``, ``speaker``, ``overflow``."""
        raw = cast(aioweb.Request, request)
        response = aioweb.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-cache",
                "X-Accel-Buffering": "no",  # no buffering by a proxy in front
            }
        )
        await response.prepare(raw)
        subscriber = feed.subscribe()
        try:
            await response.write(f"retry: {RETRY_MS}\n\n".encode())
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(READY_TIMEOUT_S):
                    await feed.wait_ready()
            if feed.ready:
                await response.write(_sse("ready", {"topics": len(feed.topics)}))
            while True:
                try:
                    event = await asyncio.wait_for(subscriber.queue.get(), KEEPALIVE_S)
                except TimeoutError:
                    await response.write(b": keepalive\n\n")
                    continue
                if event is None:
                    break
                await response.write(_sse(event["type"], event))
        except ConnectionResetError:
            pass  # the page went away
        finally:
            feed.unsubscribe(subscriber)
        return cast(Response, response)

    async def stop(*args: Any, **kwargs: Any) -> None:
        await feed.close()

    app.on_before_shutdown.connect(stop)
    app.web.web_app.on_shutdown.append(stop)  # before aiohttp waits for handlers
