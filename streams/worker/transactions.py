"""Exactly-once: each input partition's outputs commit with its offsets.

Kafka's exactly-once contract is that the records produced while processing an
input record are committed in the same transaction as that record's offset.
faust-streaming 0.15 keeps one transaction per (partition group, partition) but
misses that contract in three ways, each of which showed as duplicates after a
``kill -9`` (``tests/reliability/test_crash_recovery.py``):

* it picks a record's transaction from the partition of the *output* topic, so a
  record sent while processing ``articles.cleaned`` partition 2 to the
  one-partition ``articles.analyzed`` (or to any partition of
  ``quotes.by-speaker``) commits with other partitions' offsets;
* it commits on a timer, whatever the agents are doing, so a commit can land in
  the middle of a batch: the batch's records so far are committed, its offsets
  are not;
* it commits only the first run of consecutive acknowledged offsets, filling the
  holes left by transaction markers only when it noticed them while fetching; a
  missed marker holds the offset back while the transaction commits the outputs
  of the records past it.

:func:`install` replaces the transport's transaction manager and consumer
classes (Faust has no hook for any of this): a record goes into the transaction
of the input partition of the event being processed (the agents bind that event
before each send), a :class:`CommitGate` lets a commit run only between batches,
after the batch's events are acknowledged and the tables' changelog buffer is
flushed, and the committed offset is the one after the last processed record.
Under at-least-once the gate is open and nothing is replaced.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from typing import Any

import faust
from faust.streams import current_event

__all__ = ["CommitGate", "batches", "install"]

_EXACTLY_ONCE = faust.types.enums.ProcessingGuarantee.EXACTLY_ONCE


class CommitGate:
    """Batches and commits exclude each other; a waiting commit goes first.

    Any number of batches may run at once (the agents are separate tasks); a
    commit waits until none is running, and batches that start while a commit
    waits wait for it, so a commit is never starved by a busy stream.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._running = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._open = asyncio.Event()
        self._open.set()
        self._commit_lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def batch(self) -> AsyncIterator[None]:
        """Hold the gate open while one batch is processed."""
        if not self.enabled:
            yield
            return
        await self._open.wait()
        self._running += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._running -= 1
            if self._running == 0:
                self._idle.set()

    @contextlib.asynccontextmanager
    async def commit(self) -> AsyncIterator[None]:
        """Close the gate, wait for running batches, then let the commit run."""
        if not self.enabled:
            yield
            return
        async with self._commit_lock:
            self._open.clear()
            try:
                await self._idle.wait()
                yield
            finally:
                self._open.set()


async def batches(
    stream: faust.StreamT, take: int, within: float, gate: CommitGate
) -> AsyncIterator[Sequence[faust.EventT]]:
    """``stream.take_events`` whose batches run inside ``gate``.

    Under exactly-once the events are acknowledged before the gate is released,
    so a commit that follows the batch includes their offsets. ``take_events``
    acknowledges them again when the next batch is taken: the message ack is then
    a no-op, but Faust's active-events gauge is decremented a second time, so the
    early ack is made only where the gate needs it.
    """
    async for events in stream.take_events(take, within=within):
        async with gate.batch():
            yield events
            if gate.enabled:
                for event in events:
                    await stream.ack(event)


def install(app: faust.App) -> CommitGate:
    """Make exactly-once hold per input partition; returns the agents' gate.

    Call once per app, before the worker starts, without touching
    ``app.consumer``: Faust decides whether the consumer is transactional when it
    is created, from a flag that is only true once the worker runs. Under
    at-least-once the gate is disabled and Faust is left as it is.
    """
    if app.conf.processing_guarantee != _EXACTLY_ONCE:
        return CommitGate(enabled=False)
    gate = CommitGate()
    transport = app.transport

    class TransactionManager(transport.TransactionManager):  # type: ignore[misc,name-defined]
        async def send(
            self,
            topic: str,
            key: bytes | None,
            value: bytes | None,
            partition: int | None,
            timestamp: float | None,
            headers: Any,
            *,
            transactional_id: str | None = None,
        ) -> Any:
            """Send in the transaction of the input event being processed.

            Without a current event (timers, the task that drains the tables'
            changelog buffer) Faust's choice stands: the transaction of the
            record's own partition. Table writes are co-partitioned with their
            agent's input, so that is the input's transaction too.
            """
            event = current_event()
            tids: set[str] = set()
            if event is not None:
                # Faust's own mapping, as used when it begins the transactions;
                # a topic the assignor has not grouped yet raises KeyError.
                with contextlib.suppress(KeyError):
                    tids = self._tps_to_transactional_ids({event.message.tp})
            tid = next(iter(tids), None)
            known = self.producer._transaction_producers  # noqa: SLF001
            if tid is None or tid not in known:
                return await super().send(
                    topic, key, value, partition, timestamp, headers
                )
            p = self.consumer.key_partition(topic, key, partition)
            return await self.producer.send(
                topic, key, value, p, timestamp, headers, transactional_id=tid
            )

    class Consumer(transport.Consumer):  # type: ignore[misc,name-defined]
        def _new_offset(self, tp: Any) -> int | None:
            """The offset after the last processed record of ``tp``.

            Faust commits only the first run of consecutive acknowledged offsets
            and fills holes from the transaction markers it noticed while
            fetching; a marker it missed holds the commit back while the
            transaction still commits the outputs of the records past it, and a
            crash then replays them. Under read_committed a hole below a
            processed record is a marker or an aborted record, and the gate
            makes commits happen between batches, when every record fetched
            before the last processed one has been processed.
            """
            acked = self._acked[tp]
            if not acked:
                return None
            offset = max(acked) + 1
            acked.clear()
            self._acked_index[tp].clear()
            self._gap[tp].clear()
            return offset

        async def commit(self, *args: Any, **kwargs: Any) -> bool:
            """Commit between batches, with the tables' changelog sent first."""
            async with gate.commit():
                # Changelog records wait in Faust's producer buffer; they belong
                # to the batches this commit covers.
                await self.app.producer.buffer.flush()
                return await super().commit(*args, **kwargs)

    transport.TransactionManager = TransactionManager
    transport.Consumer = Consumer
    return gate
