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

Three more traps showed in runs of 3,000 articles killed six times:

* a record can be handed to the agents twice in one assignment (two cluster
  records for one article, side by side in one transaction);
* after a rebalance Faust resumes the agents' partitions before it seeks them to
  their committed offsets, and records fetched in between were lost, with the
  commit of later records passing them (1 to 15 articles in half the runs);
* a stream acknowledges, without processing them, the records it skips during a
  rebalance, so an offset computed from acknowledgements can pass them.

:class:`ProcessedOffsets` therefore counts only what the agents processed,
stops the commit at the first skipped record and drops a record handed over
again, and the consumer resumes the partitions only once the seek is done.

:func:`install` replaces the transport's transaction manager and consumer
classes (Faust has no hook for any of this): a record goes into the transaction
of the input partition of the event being processed (the agents bind that event
before each send), a :class:`CommitGate` lets a commit run only between batches,
after the batch's events are acknowledged and the tables' changelog buffer is
flushed, and the committed offset is the one after the last processed record,
or the first skipped one.
Under at-least-once the gate is open and nothing is replaced.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from typing import Any

import faust
from faust.streams import current_event

__all__ = [
    "CommitGate",
    "ProcessedOffsets",
    "batches",
    "hold_event",
    "install",
    "release_event",
]

_EXACTLY_ONCE = faust.types.enums.ProcessingGuarantee.EXACTLY_ONCE


class ProcessedOffsets:
    """Per input partition: what the agents processed since the assignment.

    Offsets are the records' own; ``committed`` is the consumer's next offset to
    read, or None when unknown (a rebalance clears it). Kafka offsets of a
    transactional topic are not contiguous (markers, aborted records), so what
    was not processed is known only from what the stream acknowledged unseen.
    """

    def __init__(self) -> None:
        self._done: defaultdict[Any, set[int]] = defaultdict(set)
        self._skipped: defaultdict[Any, set[int]] = defaultdict(set)

    def is_repeat(self, tp: Any, offset: int, committed: int | None) -> bool:
        """Whether the record was processed before in this assignment.

        Below the committed offset its outputs are committed; otherwise they are
        in the open transaction, which commits with the next offset.
        """
        if committed is not None and offset < committed:
            return True
        return offset in self._done[tp]

    def done(self, tp: Any, offset: int) -> None:
        """Record that the agents processed (or dropped as a repeat) a record.

        A record skipped before and read again (the seek after a rebalance) is
        no longer a skip.
        """
        self._done[tp].add(offset)
        self._skipped[tp].discard(offset)

    def hold(self, tp: Any, offset: int) -> None:
        """Note a record an agent holds back unprocessed (its reorder wait).

        It counts as skipped, so no commit passes it until :meth:`done`.
        """
        self._skipped[tp].add(offset)

    def acked(self, tp: Any, offset: int, committed: int | None) -> None:
        """Note an acknowledgement: one of a record never processed is a skip."""
        if not self.is_repeat(tp, offset, committed):
            self._skipped[tp].add(offset)

    def next_offset(self, tp: Any, committed: int | None) -> int | None:
        """The offset to commit for ``tp``, or None; forgets what it covers.

        The one after the last processed record, unless a record below it was
        skipped: then that record, which a rebalance's seek reads again.
        """
        done = self._done.get(tp)
        if not done:
            return None
        offset = max(done) + 1
        skipped = self._skipped.get(tp, set())
        below = [
            s for s in skipped if s < offset and (committed is None or s >= committed)
        ]
        if below:
            offset = min(below)
        if committed is not None and offset <= committed:
            return None
        self._done[tp] = {o for o in done if o >= offset}
        self._skipped[tp] = {s for s in skipped if s >= offset}
        return offset

    def forget(self, tps: Any) -> None:
        """Drop revoked partitions: their open transaction ends with them."""
        for tp in tps:
            self._done.pop(tp, None)
            self._skipped.pop(tp, None)


class CommitGate:
    """Batches and commits exclude each other; a waiting commit goes first.

    Any number of batches may run at once (the agents are separate tasks); a
    commit waits until none is running, and batches that start while a commit
    waits wait for it, so a commit is never starved by a busy stream.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.offsets = ProcessedOffsets()
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


def hold_event(event: faust.EventT) -> None:
    """Keep an event from being acknowledged when its batch ends (see ``batches``)."""
    event.message.incref()


def release_event(app: faust.App, event: faust.EventT, gate: CommitGate) -> None:
    """Acknowledge a held event once processed: its offset may now be committed."""
    if gate.enabled:
        gate.offsets.done(event.message.tp, event.message.offset)
    event.message.ack(app.consumer)


async def batches(
    stream: faust.StreamT,
    take: int,
    within: float,
    gate: CommitGate,
    held: set[tuple[Any, int]] | None = None,
) -> AsyncIterator[Sequence[faust.EventT]]:
    """``stream.take_events`` whose batches run inside ``gate``.

    Under exactly-once a record already processed in this assignment is left out
    (see :class:`ProcessedOffsets`), and the events are acknowledged before the
    gate is released, so a commit that follows the batch includes their offsets.
    ``take_events`` acknowledges them again when the next batch is taken: the
    message ack is then a no-op, but Faust's active-events gauge is decremented a
    second time, so the early ack is made only where the gate needs it.

    An agent that holds an event back for a later batch (the clustering agent's
    reorder wait) calls :func:`hold_event` on it and puts its (partition,
    offset) in ``held``: its message keeps a reference, so neither acknowledgement
    lets a commit pass it (under at-least-once Faust commits only acknowledged
    runs; under exactly-once it counts as skipped), until :func:`release_event`.
    """
    async for events in stream.take_events(take, within=within):
        async with gate.batch():
            if not gate.enabled:
                yield events
                continue
            committed = stream.app.consumer._committed_offset  # noqa: SLF001
            offsets = gate.offsets
            fresh: list[faust.EventT] = []
            seen: set[tuple[Any, int]] = set()
            for event in events:
                tp, offset = event.message.tp, event.message.offset
                if (tp, offset) in seen or offsets.is_repeat(
                    tp, offset, committed.get(tp)
                ):
                    continue
                seen.add((tp, offset))
                fresh.append(event)
            if fresh:
                yield fresh
            for event in events:  # not reached if the batch raised
                tp, offset = event.message.tp, event.message.offset
                if held is not None and (tp, offset) in held:
                    offsets.hold(tp, offset)
                    continue
                offsets.done(tp, offset)
                await stream.ack(event)  # after done(): not taken for a skip


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
            """The offset after the last processed record of ``tp`` (see above).

            Faust commits only the first run of consecutive acknowledged offsets
            and fills holes from the transaction markers it noticed while
            fetching; a marker it missed holds the commit back while the
            transaction still commits the outputs of the records past it, and a
            crash then replays them. Under read_committed a hole below a
            processed record is a marker or an aborted record, and the gate
            makes commits happen between batches, when every record fetched
            before the last processed one has been processed or skipped.
            """
            self._acked[tp].clear()
            self._acked_index[tp].clear()
            self._gap[tp].clear()
            return gate.offsets.next_offset(tp, self._committed_offset[tp])

        def ack(self, message: Any) -> bool:
            """Tell processed records from those a stream skipped unseen."""
            if not message.acked and self.app.topics.acks_enabled_for(message.topic):
                tp = message.tp
                gate.offsets.acked(tp, message.offset, self._committed_offset[tp])
            return super().ack(message)

        async def highwaters(self, *partitions: Any) -> Any:
            """The partitions' last stable offsets, from the broker if not known.

            Under exactly-once Faust reads them from the fetcher's last response,
            which holds none for a partition right after a rebalance. Recovery then
            took a changelog's highwater for -1, and a worker on its second
            assignment (the one that follows a restart, when the killed member's
            session ends) crashed with ConsistencyError: "persisted offset 387 is
            higher than the last offset (-1)".
            """
            ends = dict(await super().highwaters(*partitions))
            unknown = [tp for tp in partitions if ends.get(tp) is None]
            if unknown:
                thread = self._thread
                ends.update(
                    await thread.call_thread(
                        thread._ensure_consumer().end_offsets,  # noqa: SLF001
                        unknown,
                    )
                )
            return ends

        _resume_after_seek: frozenset[Any] = frozenset()

        def resume_partitions(self, tps: Any) -> None:
            """Hold the agents' partitions back until the seek that follows.

            After a rebalance Faust resumes them and then seeks them to their
            committed offsets. Records fetched in between were handed to the
            agents while the seek ran, and the records after them in the same
            fetch were then lost: runs killed six times lost 1 to 15 articles
            that way, with the commit of later records passing them.
            """
            tps = set(tps)
            changelogs = self.app.tables.changelog_topics
            held = {tp for tp in tps if tp.topic not in changelogs}
            self._resume_after_seek = self._resume_after_seek | held
            super().resume_partitions(tps - held)  # recovery reads changelogs

        async def perform_seek(self) -> None:
            """Seek to the committed offsets, then resume the held partitions."""
            await super().perform_seek()
            tps, self._resume_after_seek = self._resume_after_seek, frozenset()
            if tps:
                super().resume_partitions(tps)

        async def on_partitions_revoked(self, revoked: Any) -> None:
            """Forget revoked partitions once the revocation's commit is done."""
            await super().on_partitions_revoked(revoked)
            gate.offsets.forget(revoked)

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
