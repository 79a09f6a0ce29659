"""The commit gate of exactly-once processing (no broker needed)."""

from __future__ import annotations

import asyncio

from faust.types import TP
from faust.types.tuples import ConsumerMessage

from streams.settings import Settings
from streams.worker.app import build_app
from streams.worker.faust_fixes import offsets, transactions
from streams.worker.faust_fixes.transactions import CommitGate, ProcessedOffsets
from streams.worker.tables import define_tables


async def test_a_commit_waits_for_the_running_batch() -> None:
    gate = CommitGate()
    log: list[str] = []
    release = asyncio.Event()

    async def batch() -> None:
        async with gate.batch():
            log.append("batch start")
            await release.wait()
            log.append("batch end")

    async def commit() -> None:
        async with gate.commit():
            log.append("commit")

    running = asyncio.create_task(batch())
    await asyncio.sleep(0)
    committing = asyncio.create_task(commit())
    await asyncio.sleep(0.01)
    assert log == ["batch start"]
    release.set()
    await asyncio.gather(running, committing)
    assert log == ["batch start", "batch end", "commit"]


async def test_a_waiting_commit_goes_before_new_batches() -> None:
    gate = CommitGate()
    log: list[str] = []
    release = asyncio.Event()

    async def batch(name: str, wait: bool) -> None:
        async with gate.batch():
            log.append(name)
            if wait:
                await release.wait()

    async def commit() -> None:
        async with gate.commit():
            log.append("commit")

    first = asyncio.create_task(batch("first", wait=True))
    await asyncio.sleep(0)
    committing = asyncio.create_task(commit())
    await asyncio.sleep(0)
    second = asyncio.create_task(batch("second", wait=False))
    await asyncio.sleep(0.01)
    assert log == ["first"]  # the second batch waits behind the commit
    release.set()
    await asyncio.gather(first, committing, second)
    assert log == ["first", "commit", "second"]


async def test_batches_run_side_by_side_and_a_disabled_gate_never_waits() -> None:
    gate = CommitGate()
    async with gate.batch(), gate.batch():
        pass
    off = CommitGate(enabled=False)
    async with off.batch():
        await asyncio.wait_for(_enter_commit(off), timeout=0.5)


async def _enter_commit(gate: CommitGate) -> None:
    async with gate.commit():
        pass


def test_the_commit_passes_transaction_markers_but_stops_at_a_skipped_record() -> None:
    offsets = ProcessedOffsets()
    for offset in (10, 11, 13):  # 12: a transaction marker, never handed over
        offsets.done("tp", offset)
    assert offsets.next_offset("tp", committed=10) == 14
    # A rebalance stops the flow: the stream acknowledges 15 and 16 unseen.
    offsets.done("tp", 14)
    offsets.acked("tp", 14, committed=14)
    offsets.acked("tp", 15, committed=14)
    offsets.acked("tp", 16, committed=14)
    offsets.done("tp", 17)  # e.g. handed over before the skip was noticed
    assert offsets.next_offset("tp", committed=14) == 15
    assert offsets.next_offset("tp", committed=15) is None  # until 15 is read again
    offsets.done("tp", 15)
    offsets.done("tp", 16)
    assert offsets.next_offset("tp", committed=15) == 18


def test_a_record_handed_over_again_is_a_repeat_until_the_partition_is_revoked():
    offsets = ProcessedOffsets()
    offsets.done("tp", 7)
    assert offsets.is_repeat("tp", 7, committed=None)
    assert offsets.is_repeat("tp", 3, committed=5)  # committed with its outputs
    assert not offsets.is_repeat("tp", 8, committed=5)
    offsets.acked("tp", 7, committed=None)  # its own ack is not a skip
    assert offsets.next_offset("tp", committed=5) == 8
    offsets.done("tp", 9)
    offsets.forget(["tp"])
    assert not offsets.is_repeat("tp", 9, committed=None)
    assert offsets.next_offset("tp", committed=None) is None


def test_an_exactly_once_worker_leaves_the_transaction_flag_for_the_worker(tmp_path):
    """Faust caches ``in_transaction`` on first use, false until the worker runs.

    Reading it while the app is being built (e.g. by creating the consumer)
    would turn transactions off for good.
    """
    settings = Settings(
        store="memory://", data_dir=str(tmp_path), processing_guarantee="exactly_once"
    )
    app = build_app(settings)
    offsets.install(app)
    gate = transactions.install(app)
    define_tables(app, settings)
    assert gate.enabled
    assert "in_transaction" not in app.__dict__
    assert app.transport.Consumer.__module__ == transactions.__name__
    assert app.transport.TransactionManager.__module__ == transactions.__name__
    app.in_worker = True
    assert app.in_transaction


async def test_the_agents_partitions_resume_only_after_the_seek(tmp_path):
    """Records fetched between Faust's resume and its seek were lost or repeated."""
    settings = Settings(
        store="memory://", data_dir=str(tmp_path), processing_guarantee="exactly_once"
    )
    app = build_app(settings)
    transactions.install(app)
    tables = define_tables(app, settings)
    app.in_worker = True
    consumer = app.consumer
    changelog = TP(tables.claims.changelog_topic.get_topic_name(), 0)
    source = TP(settings.topic_cleaned, 0)
    consumer._active_partitions = set()
    sought: list[str] = []

    async def seek_to_committed() -> dict[TP, int]:
        sought.append("seek")
        assert source not in consumer._active_partitions  # not fetched before it
        return {source: 7}

    consumer.seek_to_committed = seek_to_committed
    consumer.resume_partitions({changelog, source})
    assert consumer._active_partitions == {changelog}  # recovery reads changelogs
    await consumer.perform_seek()
    assert sought == ["seek"]
    assert consumer._active_partitions == {changelog, source}
    assert consumer._committed_offset[source] == 7


async def test_unknown_highwaters_are_asked_of_the_broker(tmp_path):
    """Right after a rebalance the fetcher knows no last stable offset."""
    settings = Settings(
        store="memory://", data_dir=str(tmp_path), processing_guarantee="exactly_once"
    )
    app = build_app(settings)
    transactions.install(app)
    app.in_worker = True
    consumer = app.consumer
    known, fresh = TP("changelog", 0), TP("changelog", 1)
    asked: list[list[TP]] = []

    class Broker:
        async def end_offsets(self, tps: list[TP]) -> dict[TP, int]:
            asked.append(list(tps))
            return dict.fromkeys(tps, 388)

    class Thread:
        async def highwaters(self, *tps: TP) -> dict[TP, int | None]:
            return {known: 12, fresh: None}

        def _ensure_consumer(self) -> Broker:
            return Broker()

        async def call_thread(self, fn, *args):
            return await fn(*args)

    consumer._thread = Thread()
    assert await consumer.highwaters(known, fresh) == {known: 12, fresh: 388}
    assert asked == [[fresh]]


def test_a_held_record_stops_the_commit_until_it_is_done() -> None:
    tp = TP("articles.analyzed", 0)
    po = ProcessedOffsets()
    po.done(tp, 10)
    po.hold(tp, 11)  # waiting in the clustering agent's reorder buffer
    po.done(tp, 12)
    assert po.next_offset(tp, committed=10) == 11
    po.done(tp, 11)
    assert po.next_offset(tp, committed=11) == 13


def test_a_held_message_is_acknowledged_only_when_released() -> None:
    class Consumer:
        def __init__(self) -> None:
            self.acked: list[int] = []

        def ack(self, message: object) -> bool:
            self.acked.append(message.offset)  # type: ignore[attr-defined]
            return True

    class App:
        consumer = Consumer()

    class Event:
        message = ConsumerMessage("t", 0, 7, 0.0, 0, None, None, None, None)

    event = Event()
    event.message.incref()  # delivered to one stream
    transactions.hold_event(event)  # type: ignore[arg-type]
    event.message.ack(App.consumer)  # the batch ends: Faust acknowledges it
    assert App.consumer.acked == []
    transactions.release_event(App(), event, CommitGate(enabled=False))  # type: ignore[arg-type]
    assert App.consumer.acked == [7]
