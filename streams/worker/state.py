"""In-process state of a worker: the stage objects and their mirrors in tables."""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections import deque
from datetime import UTC, datetime, timedelta
from typing import Any

import faust
from faust.streams import _current_event

from streams.records import CleanedArticle, ClusterAssignment, Quote, format_time
from streams.settings import Settings
from streams.stages import STAGES
from streams.stages.claims import newest_seen
from streams.stages.claims.journal import DirectoryJournal
from streams.stages.clean import OutletMemory
from streams.stages.cluster.order import ReorderBuffer, order_key
from streams.worker import metrics
from streams.worker.parse_process import ParseProcess, QuoteResult, extract_batch
from streams.worker.story_index import (
    RecentStories,
    cluster_part,
    cluster_row,
    merge_story,
    story_of,
)

__all__ = ["WorkerState", "bind_event"]

logger = logging.getLogger(__name__)


def bind_event(event: faust.EventT) -> None:
    """Make ``event`` the current event, so a table access uses its partition.

    Agents batch with ``take_events``; Faust only sets the current event while it
    iterates a stream one event at a time. Table writes take their changelog
    partition from it, and RocksDB reads look only in its partition's database:
    a read bound to another key's event misses, and the write that follows
    overwrites the stored value. Bind the event that carried the key before
    reading or writing it.
    """
    _current_event.set(weakref.ref(event))


class WorkerState:
    """Stage objects plus the in-memory caches mirrored to tables."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cleaner = STAGES["clean"](settings)
        self.quotes = STAGES["quotes"](settings)
        self.parse_process = ParseProcess(settings) if settings.parse_process else None
        self.clusterer = STAGES["cluster"](settings)
        self.tracker = STAGES["claims"](settings)
        self.directory = STAGES["speakers"](settings)
        self.journal = DirectoryJournal(self.directory)
        self._memories: dict[str, OutletMemory] = {}
        self._memory_events: dict[str, faust.EventT] = {}
        self._clusters_loaded = False
        # Set when Faust reports the tables recovered after the last assignment.
        self.tables_ready = asyncio.Event()
        self._index_order: deque[tuple[str, bytes]] = deque()
        # Surnames the batch observed (their rows are written at its end).
        self._observed: set[str] = set()
        # The newest event time of this worker's part of the claims table; None
        # until read from the table after an assignment.
        self.claims_time: datetime | None = None
        # Articles waiting out the reorder wait, and their (partition, offset).
        self.reorder: ReorderBuffer[tuple[faust.EventT, CleanedArticle]] = (
            ReorderBuffer(settings.cluster_reorder_s, settings.cluster_reorder_max)
        )
        self.held: set[tuple[Any, int]] = set()
        # The agent and the reorder timer both cluster; one at a time.
        self.cluster_lock = asyncio.Lock()
        # Live stories by last activity, for the page; rebuilt after a rebalance.
        self.recent_stories = RecentStories()

    # -- cleaning ---------------------------------------------------------------

    def outlet_memory(self, source: str, table: faust.Table) -> OutletMemory:
        """The boilerplate memory of an outlet, restored from its table on first use."""
        memory = self._memories.get(source)
        if memory is None:
            stored = table.get(source.encode())
            memory = (
                self.cleaner.restore_memory(stored)
                if stored
                else self.cleaner.new_memory()
            )
            self._memories[source] = memory
        return memory

    def remember_event(self, source: str, event: faust.EventT) -> None:
        """Keep the last event of an outlet, to bind before saving its memory."""
        self._memory_events[source] = event

    def save_outlet_memory(self, source: str, table: faust.Table) -> None:
        """Write an outlet's memory snapshot back to its table."""
        event = self._memory_events.pop(source, None)
        if event is not None:
            bind_event(event)
            table[source.encode()] = self._memories[source].snapshot()

    def forget_memories(self) -> None:
        """Drop cached memories (after a rebalance the table is the truth)."""
        self._memories.clear()

    # -- quotes -----------------------------------------------------------------

    async def extract_quotes(self, articles: list[CleanedArticle]) -> list[QuoteResult]:
        """Extract quotes for a batch; a failing article gets its error instead.

        The parse is CPU-bound: it runs in the child process (``parse_process``)
        or in a thread, so heartbeats, commits and the HTTP views keep going
        during a long batch.
        """
        if self.parse_process is not None:
            return await self.parse_process.extract(articles)
        return await asyncio.to_thread(extract_batch, self.quotes, articles)

    # -- clustering -------------------------------------------------------------

    def ensure_clusters_loaded(
        self, clusters: faust.Table, index: faust.Table, directory: faust.Table
    ) -> None:
        """Rebuild clusterer, article index order and speaker directory from tables.

        Runs once after each partition assignment, before the first batch.
        """
        if self._clusters_loaded:
            return
        started = time.perf_counter()
        self.clusterer = STAGES["cluster"](self.settings)
        for cluster_id, row in clusters.items():
            self.clusterer.load_cluster(cluster_id.decode(), cluster_part(row))
        self._index_order = deque(
            sorted((value.get("indexed_at", ""), key) for key, value in index.items())
        )
        self.directory = STAGES["speakers"](self.settings)
        self.journal = DirectoryJournal(self.directory)
        self.journal.load((key.decode(), row) for key, row in directory.items())
        self._observed.clear()
        self._clusters_loaded = True
        metrics.recovery_seconds.set(time.perf_counter() - started)
        logger.info(
            "loaded %d story clusters, %d indexed articles",
            len(clusters),
            len(self._index_order),
        )

    def invalidate(self) -> None:
        """Forget in-memory state after partitions move; tables are reloaded.

        Held articles are dropped unacknowledged: the commit never passed them,
        so the partition's next owner reads them again.
        """
        self.tables_ready.clear()
        self._clusters_loaded = False
        self._memories.clear()
        self.claims_time = None
        self.drop_held()

    def drop_held(self) -> None:
        """Forget the articles in the reorder wait (unacknowledged, read again)."""
        self.reorder.release(0.0, flush=True)
        self.held.clear()

    def hold_article(
        self, event: faust.EventT, article: CleanedArticle, now: float
    ) -> bool:
        """Put an article in the reorder wait; False when it is already there."""
        ref = (event.message.tp, event.message.offset)
        if ref in self.held:
            return False  # handed over twice in one assignment
        self.held.add(ref)
        self.reorder.add(order_key(article), (event, article), now)
        return True

    def release_articles(
        self, now: float, *, flush: bool = False
    ) -> list[tuple[faust.EventT, CleanedArticle]]:
        """Held articles due at ``now``, in canonical order."""
        out = self.reorder.release(now, flush=flush)
        for event, _ in out:
            self.held.discard((event.message.tp, event.message.offset))
        return out

    def save_clusters(
        self, clusters: faust.Table, summaries: list[dict[str, Any]]
    ) -> None:
        """Mirror changed clusters, with their story summaries, to their table.

        A row holds a cluster's state and, under ``"story"``, the summary the
        analyst page shows, folded from the new article ``summaries``: each
        changed cluster is written once, and a cluster gone takes its story.
        """
        changes = self.clusterer.drain_changes()
        stored: dict[str, dict[str, Any] | None] = {}
        stories: dict[str, dict[str, Any]] = {}
        for summary in summaries:
            cluster_id = summary["cluster"]["cluster_id"]
            if cluster_id not in stories:
                stored[cluster_id] = clusters.get(cluster_id.encode())
                stories[cluster_id] = story_of(stored[cluster_id])
            stories[cluster_id] = merge_story(stories[cluster_id], summary)
        for cluster_id in sorted(changes.keys() | stories.keys()):
            key = cluster_id.encode()
            if cluster_id in changes:
                cluster_state = changes[cluster_id]
            else:  # a story folded in without its cluster changing
                cluster_state = cluster_part(stored[cluster_id])
            if cluster_state is None:
                clusters.pop(key, None)
                self.recent_stories.remove(cluster_id)
                stories.pop(cluster_id, None)
                continue
            story = stories.get(cluster_id) or story_of(clusters.get(key))
            clusters[key] = cluster_row(cluster_state, story)
        self.recent_stories.touch_all(stories.values())

    def article_summary(
        self,
        article: CleanedArticle,
        quotes: list[Quote],
        assignment: ClusterAssignment,
    ) -> dict[str, Any]:
        """What /articles/{id} and /clusters/{id} serve about an article."""
        return {
            "article_id": article.article_id,
            "source": article.source,
            "url": article.url,
            "title": article.title,
            "published_at": format_time(article.published_at),
            "language": article.language,
            "indexed_at": format_time(datetime.now(UTC)),
            "cluster": assignment.to_dict(),
            "quotes": [q.to_dict() for q in quotes],
        }

    def index_article(self, index: faust.Table, summary: dict[str, Any]) -> None:
        """Store an article summary for the HTTP views."""
        key = summary["article_id"].encode()
        index[key] = summary
        self._index_order.append((summary["indexed_at"], key))

    def load_recent_stories(self, clusters: faust.Table) -> None:
        """Rebuild the recent-stories index from the table (after recovery)."""
        self.recent_stories.rebuild(
            story for row in clusters.values() if (story := story_of(row))
        )

    def expire_articles(self, index: faust.Table) -> int:
        """Drop summaries older than the cluster window or beyond the cap."""
        horizon = format_time(
            datetime.now(UTC) - timedelta(hours=self.settings.cluster_window_hours)
        )
        dropped = 0
        order = self._index_order
        while order and (
            order[0][0] < (horizon or "")
            or len(order) > self.settings.max_indexed_articles
        ):
            _, key = order.popleft()
            index.pop(key, None)
            dropped += 1
        return dropped

    # -- speakers and claims ------------------------------------------------------

    def resolve_speaker(self, directory: faust.Table, quote: Quote) -> Quote:
        """Give a quote its canonical cross-article speaker and record it.

        The directory table is written by ``save_directory`` at the end of the
        batch, together with the clusters and the article index, so that a crash
        cannot leave the directory ahead of the articles marked as done.
        """
        surname = self.directory.surname_key(quote)
        if surname is not None:
            self._observed.add(surname)
        return self.directory.assign(quote)

    def save_directory(self, directory: faust.Table) -> None:
        """Mirror the batch's directory changes to their table: one row at most.

        The row holds every surname the batch observed; rows no longer needed
        go after it (``DirectoryJournal``), so the table stays within the cap.
        """
        writes, deletes = self.journal.commit(self._observed)
        self._observed.clear()
        for key, row in writes.items():
            directory[key.encode()] = row
        for key in deletes:
            directory.pop(key.encode(), None)

    def claims_now(self, claims: faust.Table) -> datetime | None:
        """The newest event time the claims table has seen (never the wall clock)."""
        if self.claims_time is None:
            self.claims_time = newest_seen(claims.values())
        return self.claims_time

    def saw_claims_at(self, when: datetime) -> None:
        """Move the claims table's event time forward to ``when``."""
        if self.claims_time is None or when > self.claims_time:
            self.claims_time = when

    def speaker_key(self, quote: Quote) -> str | None:
        """The speaker id a quote is tracked under (None when unresolved)."""
        return self.tracker.speaker_key(quote)
