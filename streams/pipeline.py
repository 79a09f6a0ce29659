"""Batch mode: the worker's stage functions, run in one process without Kafka."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from streams.errors import SchemaError, StageError, StreamsError
from streams.records import (
    CleanedArticle,
    ClusterAssignment,
    Quote,
    RawArticle,
    SpeakerClaims,
)
from streams.settings import Settings
from streams.stages import STAGES
from streams.stages.clean import OutletMemory
from streams.stages.cluster.order import order_key

__all__ = ["Pipeline", "article_ref", "passthrough_clean"]

logger = logging.getLogger(__name__)


def passthrough_clean(raw: RawArticle) -> CleanedArticle:
    """Take the input text as the clean text unchanged (``--no-clean``)."""
    text = raw.text if raw.text is not None else raw.html
    if text is None or not text.strip():
        raise StageError("clean", "empty_body")
    paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
    return CleanedArticle(
        article_id=raw.article_id,
        text=text,
        paragraphs=paragraphs,
        source=raw.source,
        url=raw.url,
        title=raw.title,
        published_at=raw.published_at,
        language=raw.language,
    )


def article_ref(article: CleanedArticle) -> dict[str, Any]:
    """The source reference a claim keeps for an article."""
    return {
        "article_id": article.article_id,
        "source": article.source,
        "url": article.url,
        "published_at": article.to_dict()["published_at"],
    }


class Pipeline:
    """Clean, extract quotes, cluster and track claims, article by article, in order."""

    def __init__(
        self, settings: Settings | None = None, *, no_clean: bool = False
    ) -> None:
        self.settings = settings or Settings()
        self.no_clean = no_clean
        self.cleaner = STAGES["clean"](self.settings)
        self.quotes = STAGES["quotes"](self.settings)
        self.clusterer = STAGES["cluster"](self.settings)
        self.claims = STAGES["claims"](self.settings)
        self.speakers = STAGES["speakers"](self.settings)
        self.memories: dict[str, OutletMemory] = {}
        self.claims_table: dict[str, SpeakerClaims] = {}
        # The newest event time the claims table has seen (stages/claims/tracker.py).
        self.claims_time: datetime | None = None

    def clean(self, raw: RawArticle) -> CleanedArticle:
        """Run the cleaning stage (or pass the text through with ``no_clean``)."""
        if self.no_clean:
            return passthrough_clean(raw)
        memory = None
        if raw.source:
            memory = self.memories.get(raw.source)
            if memory is None:
                memory = self.memories[raw.source] = self.cleaner.new_memory()
        return self.cleaner(raw, memory)

    def track(self, article: CleanedArticle, quotes: list[Quote]) -> None:
        """Merge an article's quotes into the claims table."""
        ref = article_ref(article)
        for quote in quotes:
            quote = self.speakers.assign(quote)
            key = self.claims.speaker_key(quote)
            if key is None:
                continue
            when = self.claims.event_time(ref, self.claims_time)
            self.claims_table[key] = self.claims.add(
                self.claims_table.get(key), quote, ref, self.claims_time
            )
            self.claims_time = max(when, self.claims_time or when)

    def process_all(
        self,
        raws: Iterable[RawArticle],
        on_error: Callable[[StreamsError], None] | None = None,
        on_done: Callable[[], None] | None = None,
    ) -> list[dict[str, Any]]:
        """Run every stage on many articles; returns their output lines in input order.

        Cleaning, quotes and claims take the articles in input order; clustering
        takes them in the canonical order (event time, article id), as the worker
        does within its reorder wait, so any order of the same articles gives the
        same stories and ids. An article a stage rejects is passed to
        ``on_error`` and left out; ``on_done`` is called once per input article.
        """
        analysed: list[tuple[CleanedArticle, list[Quote]]] = []
        for raw in raws:
            try:
                cleaned = self.clean(raw)
                analysed.append((cleaned, self.quotes(cleaned)))
            except (StageError, SchemaError) as exc:
                if on_error is None:
                    raise
                on_error(exc)
            if on_done is not None:
                on_done()
        order = sorted(range(len(analysed)), key=lambda i: order_key(analysed[i][0]))
        clusters: dict[int, ClusterAssignment] = {}
        for i in order:
            try:
                clusters[i] = self.clusterer(analysed[i][0])
            except StageError as exc:
                if on_error is None:
                    raise
                on_error(exc)
        lines = []
        for i, (cleaned, quotes) in enumerate(analysed):
            if i not in clusters:
                continue
            self.track(cleaned, quotes)
            lines.append(
                {
                    "article_id": cleaned.article_id,
                    "cleaned": cleaned.to_dict(),
                    "quotes": [q.to_dict() for q in quotes],
                    "cluster": clusters[i].to_dict(),
                }
            )
        return lines

    def process(self, raw: RawArticle) -> dict[str, Any]:
        """Run every stage on one article now; returns its output line (DESIGN.md).

        Clustering sees this article after those processed before it; use
        :meth:`process_all` for the canonical order.
        """
        cleaned = self.clean(raw)
        quotes = self.quotes(cleaned)
        cluster = self.clusterer(cleaned)
        self.track(cleaned, quotes)
        return {
            "article_id": cleaned.article_id,
            "cleaned": cleaned.to_dict(),
            "quotes": [q.to_dict() for q in quotes],
            "cluster": cluster.to_dict(),
        }

    def claims_snapshot(self) -> dict[str, Any]:
        """The final claims table as JSON-able dicts keyed by speaker id."""
        return {k: v.to_dict() for k, v in sorted(self.claims_table.items())}
