"""The commit gate of exactly-once processing (no broker needed)."""

from __future__ import annotations

import asyncio

from streams.settings import Settings
from streams.worker import offsets, transactions
from streams.worker.app import build_app
from streams.worker.tables import define_tables
from streams.worker.transactions import CommitGate


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
    assert app.transport.Consumer.__module__ == "streams.worker.transactions"
    assert app.transport.TransactionManager.__module__ == "streams.worker.transactions"
    app.in_worker = True
    assert app.in_transaction
