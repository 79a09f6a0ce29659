"""The worker's quote process: same quotes as in-process, errors back, crash-safe."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from streams.errors import StageError
from streams.records import CleanedArticle
from streams.settings import Settings
from streams.stages.quotes import QuoteExtractor
from streams.testing import running
from streams.worker.parse_process import ParseProcess, parse_children

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


def _seed_articles() -> list[CleanedArticle]:
    return [
        CleanedArticle(article_id=p.stem, text=p.read_text(encoding="utf-8"))
        for p in sorted(SEEDS.glob("*.txt"))
    ]


def _child_pids(proc: ParseProcess) -> list[int]:
    pool = proc._pool
    assert pool is not None
    return list(pool._processes)


@pytest.fixture
def parse_process():
    proc = ParseProcess(Settings(parse_processes=1))
    yield proc
    proc.close()


def test_a_batch_is_split_across_children_and_joined_in_order():
    articles = _seed_articles()
    proc = ParseProcess(Settings(parse_processes=2))
    try:
        there = asyncio.run(proc.extract(articles))
        assert len(_child_pids(proc)) == 2
    finally:
        proc.close()
    here = QuoteExtractor().batch(articles)
    assert [[q.to_dict() for q in qs] for qs in there] == [
        [q.to_dict() for q in qs] for qs in here
    ]


def test_by_default_every_core_but_the_event_loops_parses():
    assert parse_children(Settings()) == max(1, (os.cpu_count() or 1) - 1)
    assert parse_children(Settings(parse_processes=3)) == 3


def test_the_child_finds_the_quotes_of_the_thread(parse_process):
    articles = _seed_articles()
    assert len(articles) == 2
    there = asyncio.run(parse_process.extract(articles))
    here = QuoteExtractor().batch(articles)
    assert [[q.to_dict() for q in qs] for qs in there] == [
        [q.to_dict() for q in qs] for qs in here
    ]
    assert all(there), "every seed has quotes"


def test_a_bad_item_comes_back_as_its_stage_error(parse_process):
    good = _seed_articles()[0]
    bad = "not an article"
    results = asyncio.run(parse_process.extract([good, bad]))  # type: ignore[list-item]
    assert isinstance(results[0], list)
    assert results[0]
    assert isinstance(results[1], StageError)
    assert results[1].stage == "quotes"


def test_a_killed_child_is_replaced(parse_process):
    article = _seed_articles()[0]
    first = asyncio.run(parse_process.extract([article]))
    (pid,) = _child_pids(parse_process)
    os.kill(pid, signal.SIGKILL)
    again = asyncio.run(parse_process.extract([article]))
    assert again == first
    assert _child_pids(parse_process) != [pid]


def test_the_child_dies_with_a_killed_worker(tmp_path):
    script = textwrap.dedent(
        f"""
        import asyncio, os, sys, time
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
        from streams.records import CleanedArticle
        from streams.settings import Settings
        from streams.worker.parse_process import ParseProcess, parse_children

        proc = ParseProcess(Settings())
        asyncio.run(proc.extract([CleanedArticle(article_id="a", text="Hi.")]))
        print(*proc._pool._processes, flush=True)
        time.sleep(60)
        """
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    )
    try:
        child = int(worker.stdout.readline())
        assert running(child)
        worker.kill()
        worker.wait(timeout=10)
        deadline = time.monotonic() + 10
        while running(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not running(child), "the quote process outlived its worker"
    finally:
        worker.kill()


def test_a_child_whose_worker_died_during_its_start_leaves():
    # The worker may be killed before the child has asked to die with it.
    code = (
        "from streams.worker.parse_process import _die_with_parent\n"
        "_die_with_parent(parent=-1)\n"
        "print('still here')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0
    assert "still here" not in done.stdout
