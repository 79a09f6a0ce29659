"""The quote stage in a child process of the worker, so the parse has a core of its own.

In a thread, the parse shares the interpreter lock with the event loop (Faust,
cleaning, clustering, claims): py-spy showed a worker using 1.26 of 2 cores, its
parse thread busy 60% of the time. A child process runs the same
``QuoteExtractor.batch`` with its own interpreter; articles go in and quotes come
back pickled. The child dies with the worker (``PR_SET_PDEATHSIG``, checked
once it is set), so a ``kill -9`` leaves nothing behind. This module imports no
faust: the child loads only the stages.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from streams.errors import SchemaError, StageError
from streams.records import CleanedArticle, Quote
from streams.settings import Settings
from streams.stages import STAGES

__all__ = ["ParseProcess", "QuoteResult", "extract_batch"]

logger = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
_extractor: Any = None

QuoteResult = list[Quote] | BaseException


def extract_batch(extractor: Any, articles: list[CleanedArticle]) -> list[QuoteResult]:
    """Quotes of each article of a batch; a failing article gets its error instead."""
    if not articles:
        return []
    try:
        return list(extractor.batch(articles))
    except (StageError, SchemaError):
        results: list[QuoteResult] = []
        for article in articles:
            try:
                results.append(extractor(article))
            except (StageError, SchemaError) as exc:
                results.append(exc)
        return results


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when the worker that started it dies.

    The child holds both ends of the pool's queues, so it would never see them
    close. A worker killed while the child was starting has already gone when
    the request is made: then the child leaves at once.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        logger.warning("prctl unavailable: the quote process may outlive its worker")
    if os.getppid() != parent:
        os._exit(0)


def _init(settings: Settings, parent: int) -> None:
    global _extractor
    _die_with_parent(parent)
    _extractor = STAGES["quotes"](settings)


def _run(articles: list[CleanedArticle]) -> list[QuoteResult]:
    return extract_batch(_extractor, articles)


def parse_children(settings: Settings) -> int:
    """How many parse children a worker runs: the setting, or every core but one."""
    if settings.parse_processes > 0:
        return settings.parse_processes
    return max(1, (os.cpu_count() or 1) - 1)


class ParseProcess:
    """Child processes that run the quote stage on batches of articles.

    A batch is split into as many contiguous slices as there are children
    (``parse_children``), parsed at once and joined in order.

    Args:
        settings: the worker's settings (the children build their stage from them).
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._pool: ProcessPoolExecutor | None = None
        self.children = parse_children(settings)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the worker has threads and open sockets.
            self._pool = ProcessPoolExecutor(
                max_workers=self.children,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init,
                initargs=(self._settings, os.getpid()),
            )
        return self._pool

    async def extract(self, articles: list[CleanedArticle]) -> list[QuoteResult]:
        """Quotes of each article, or its error; a dead child is replaced once.

        A batch that kills a fresh child too is answered with a StageError per
        article (the records go to the dead-letter topic) rather than stopping
        the worker.
        """
        loop = asyncio.get_running_loop()
        size = -(-len(articles) // self.children) if articles else 1
        slices = [articles[i : i + size] for i in range(0, len(articles), size)]
        for attempt in (1, 2):
            try:
                pool = self._executor()
                parts = await asyncio.gather(
                    *(loop.run_in_executor(pool, _run, part) for part in slices)
                )
                return [result for part in parts for result in part]
            except BrokenProcessPool:
                logger.warning("quote process died (try %d); starting another", attempt)
                self.close()
        return [StageError("quotes", "parse_process_died") for _ in articles]

    def close(self) -> None:
        """Stop the child (it also dies on its own when the worker does)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
