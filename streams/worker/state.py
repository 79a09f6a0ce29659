"""In-process state of a worker: the stage objects and their mirrors in tables."""

from __future__ import annotations

import logging
import time
import weakref
from datetime import UTC, datetime, timedelta
from typing import Any

import faust
from faust.streams import _current_event

from streams.errors import SchemaError, StageError
from streams.records import CleanedArticle, ClusterAssignment, Quote
from streams.settings import Settings
from streams.stages import STAGES
from streams.stages.clean import OutletMemory
from streams.worker import metrics

__all__ = ["WorkerState", "bind_event"]

logger = logging.getLogger(__name__)


def bind_event(event: faust.EventT) -> None:
    """Make ``event`` the current event, so a table write lands in its partition.

    Agents batch with ``take_events``; Faust only sets the current event while it
    iterates a stream one event at a time, and table writes take their changelog
    partition from it. Binding the event that carried the key keeps the table
    co-partitioned with its topic.
    """
    _current_event.set(weakref.ref(event))


class WorkerState:
    """Stage objects plus the in-memory caches mirrored to tables."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cleaner = STAGES["clean"](settings)
        self.quotes = STAGES["quotes"](settings)
        self.clusterer = STAGES["cluster"](settings)
        self.tracker = STAGES["claims"](settings)
        self.directory = STAGES["speakers"](settings) if "speakers" in STAGES else None
        self._memories: dict[str, OutletMemory] = {}
        self._memory_events: dict[str, faust.EventT] = {}
        self._clusters_loaded = False
        self._directory_loaded = False
        self._index_times: dict[str, float] = {}

    # -- cleaning ---------------------------------------------------------------

    def outlet_memory(self, source: str, table: faust.Table) -> OutletMemory:
        """The boilerplate memory of an outlet, restored from its table on first use."""
        memory = self._memories.get(source)
        if memory is None:
            stored = table.get(source)
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
            table[source] = self._memories[source].snapshot()

    def forget_memories(self) -> None:
        """Drop cached memories (after a rebalance the table is the truth)."""
        self._memories.clear()

    # -- quotes -----------------------------------------------------------------

    def extract_quotes(
        self, articles: list[CleanedArticle]
    ) -> list[list[Quote] | BaseException]:
        """Extract quotes for a batch; a failing article gets its error instead."""
        if not articles:
            return []
        try:
            return list(self.quotes.batch(articles))
        except (StageError, SchemaError):
            results: list[list[Quote] | BaseException] = []
            for article in articles:
                try:
                    results.append(self.quotes(article))
                except (StageError, SchemaError) as exc:
                    results.append(exc)
            return results

    # -- clustering -------------------------------------------------------------

    def ensure_clusters_loaded(self, table: faust.Table) -> None:
        """Rebuild the clusterer from the story_clusters table once per assignment."""
        if self._clusters_loaded:
            return
        started = time.perf_counter()
        self.clusterer = STAGES["cluster"](self.settings)
        count = 0
        for cluster_id, cluster_state in table.items():
            self.clusterer.load_cluster(cluster_id, cluster_state)
            count += 1
        self._clusters_loaded = True
        metrics.recovery_seconds.set(time.perf_counter() - started)
        logger.info("loaded %d story clusters", count)

    def invalidate(self) -> None:
        """Forget in-memory state after partitions move; tables are reloaded."""
        self._clusters_loaded = False
        self._directory_loaded = False
        self._memories.clear()

    def save_clusters(self, clusters: faust.Table, index: faust.Table) -> None:
        """Mirror changed clusters to their table and expire old article summaries."""
        for cluster_id, cluster_state in self.clusterer.drain_changes().items():
            if cluster_state is None:
                clusters.pop(cluster_id, None)
            else:
                clusters[cluster_id] = cluster_state

    def article_summary(
        self,
        article: CleanedArticle,
        quotes: list[Quote],
        assignment: ClusterAssignment,
    ) -> dict[str, Any]:
        """What /articles/{id} and /clusters/{id} serve about an article."""
        data = article.to_dict()
        return {
            "article_id": article.article_id,
            "source": article.source,
            "url": article.url,
            "title": article.title,
            "published_at": data["published_at"],
            "language": article.language,
            "indexed_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "cluster": assignment.to_dict(),
            "quotes": [q.to_dict() for q in quotes],
        }

    def expire_articles(self, index: faust.Table, now: datetime) -> int:
        """Delete article summaries older than the cluster window; returns how many."""
        horizon = now - timedelta(hours=self.settings.cluster_window_hours)
        stale = [
            key
            for key, value in index.items()
            if value.get("indexed_at", "") < horizon.isoformat().replace("+00:00", "Z")
        ]
        for key in stale:
            index.pop(key, None)
        return len(stale)

    # -- speakers and claims ------------------------------------------------------

    def ensure_directory_loaded(self, table: faust.Table) -> None:
        """Restore the speaker directory from its table once per assignment."""
        if self._directory_loaded or self.directory is None:
            self._directory_loaded = True
            return
        stored = table.get("directory")
        if stored:
            self.directory.restore(stored)
        self._directory_loaded = True

    def speaker_key(self, quote: Quote) -> str | None:
        """The speaker id a quote is tracked under (None when unresolved)."""
        if self.directory is not None:
            return self.directory.resolve(quote)
        return self.tracker.speaker_key(quote)

    def save_directory(self, table: faust.Table) -> None:
        """Write the speaker directory back to its table when it changed."""
        if self.directory is not None and self.directory.dirty:
            table["directory"] = self.directory.snapshot()
