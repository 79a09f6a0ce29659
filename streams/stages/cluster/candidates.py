"""Candidate stories: an inverted index from a story's heaviest keys to the story.

Reads an article's :class:`ArticleFeatures`; returns the few live stories that
share its most specific keys (by IDF, skipping keys too common to discriminate),
so that no step scans all stories. IDF is derived from the index itself: a key's
document frequency is the number of live stories indexing it, so a worker that
reloads its stories gets the same IDF as an uninterrupted run.
"""

from __future__ import annotations

import heapq
import logging
import math

from streams.stages.cluster.features import ArticleFeatures

__all__ = ["CandidateIndex", "Lookup"]

logger = logging.getLogger(__name__)

# log(df + 1) for small document frequencies, looked up ~150 times per article.
_LOG1P_SIZE = 4096
_LOG1P = [math.log(df + 1) for df in range(_LOG1P_SIZE)]

# (scaled IDF of every article key, [(story id, shared query weight)] best
# first, total query weight of the article).
Lookup = tuple[dict[str, float], list[tuple[str, float]], float]


class CandidateIndex:
    """Postings from index keys to story ids, and the candidate lookup over them."""

    def __init__(self, query_terms: int, max_postings: int, max_candidates: int):
        self.query_terms = query_terms
        self.max_postings = max_postings
        self.max_candidates = max_candidates
        self.postings: dict[str, set[str]] = {}

    def update(self, cid: str, old: set[str], new: set[str]) -> None:
        """Move a story from its old index keys to its new ones."""
        for key in old - new:
            post = self.postings.get(key)
            if post is not None:
                post.discard(cid)
                if not post:
                    del self.postings[key]
        for key in new - old:
            self.postings.setdefault(key, set()).add(cid)

    def lookup(
        self, feats: ArticleFeatures, n: int, skip: set[str] | None = None
    ) -> Lookup:
        """IDF of the article's keys and its best candidate stories.

        Args:
            feats: the article's features.
            n: the number of live stories (the IDF's collection size).
            skip: stories that may not be candidates (they still count for IDF).
        """
        postings = self.postings
        log_n = math.log(n + 1)
        idf_max = log_n + 1.0
        max_postings = self.max_postings
        # IDF of a key is log((n+1)/(df+1))+1 with df the number of live
        # clusters indexing it, scaled by its maximum to [0, 1]. Every IDF the
        # features need is an article key's, so one pass computes them all.
        idf: dict[str, float] = {}
        query: list[tuple[float, str]] = []
        logs = _LOG1P
        for vec in (feats.terms, feats.entities, feats.numbers):
            for key, tf in vec.items():
                post = postings.get(key)
                if post is None:
                    idf[key] = 1.0
                    continue
                df = len(post)
                log_df = logs[df] if df < _LOG1P_SIZE else math.log(df + 1)
                w = idf[key] = (log_n - log_df + 1.0) / idf_max
                if df <= max_postings:
                    query.append((tf * w, key))
        for key in (*feats.title, *feats.lead):
            if key not in idf:  # a title or lead word cut from the top terms
                post = postings.get(key)
                df = len(post) if post else 0
                idf[key] = (log_n - math.log(df + 1) + 1.0) / idf_max
        query.sort(key=lambda wk: (-wk[0], wk[1]))
        acc: dict[str, float] = {}
        get = acc.get
        q_mass = sum(w for w, _ in query[: self.query_terms]) or 1.0
        for w, key in query[: self.query_terms]:
            for cid in postings[key]:
                acc[cid] = get(cid, 0.0) + w
        if skip:
            for cid in skip.intersection(acc):
                del acc[cid]
        if not acc:
            return idf, [], q_mass
        # The k-th best score by a C-level heap, then an exact (score, id) sort of
        # the few at or above it: ties break by id, never by set order.
        k = self.max_candidates
        floor = heapq.nlargest(k, acc.values())[-1] if len(acc) > k else 0.0
        ranked = sorted(
            ((cid, v) for cid, v in acc.items() if v >= floor),
            key=lambda kv: (-kv[1], kv[0]),
        )
        return idf, ranked[:k], q_mass
