"""Story clustering stage: CleanedArticle -> ClusterAssignment, online and bounded.

Reads ``article_id``, ``title``, ``text``, ``url``, ``dateline`` and
``published_at`` of each CleanedArticle; writes a ClusterAssignment
(``cluster_id``, ``new_cluster``, ``score``, ``duplicate_of``, ``cluster_size``).

Every article first gets an event time (``event_time``): its publication time,
dateline, url or text date, else unknown, never the wall clock. Then three
steps. (1) Near-duplicates: a MinHash LSH index over the latest members of every
cluster catches syndicated copies, which join the copy's cluster with
``duplicate_of`` set. (2) Candidates: an inverted index from terms, entity
proxies and numbers to the clusters whose centroids hold them; the article's
most specific keys (by IDF, skipping keys too common to discriminate) pick a
few candidate clusters, so no step scans all clusters (``candidates``).
(3) Merge or new: for each candidate a logistic model (``model``) combines
similarities of words, titles, names, numbers and what happened, time distance
or that a time is unknown, and cluster size; the article joins the most
probable candidate at or above ``min_probability`` or starts a story.

State is one compact dict per cluster (``state``: centroids, the first
article's terms once a second joins, first/last event time or None, size,
capped member list, the last few MinHash signatures); every index is derived
from those dicts, so a worker that mirrors ``drain_changes()`` to a table and
calls ``load_cluster`` for every entry on startup continues exactly as an
uninterrupted run would. IDF is derived from the index (a key's document
frequency is the number of live clusters holding it) and the watermark (the
newest event time seen) from the newest cluster, for the same reason.

Window: a dated article joins only a story whose event times lie within
``window_hours`` of its own. Stories whose newest article is older than the
window behind the watermark leave it; the newest ``max_stale`` of them stay for
articles of unknown time (archives, backfills, undated pages), which may join
any story, as may any article a story of unknown time.

Order: ``batch`` assigns articles by (event time, article id), unknown times
last, whatever order they come in, so the same articles give the same stories
and a story's id is the hash of its first article in that order (``order``).
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from streams.errors import StageError
from streams.records import CleanedArticle, ClusterAssignment
from streams.stages.cluster.candidates import CandidateIndex
from streams.stages.cluster.config import ClusterConfig
from streams.stages.cluster.dedup import (
    DuplicateIndex,
    decode_signature,
    encode_signature,
)
from streams.stages.cluster.event_time import event_time
from streams.stages.cluster.features import ArticleFeatures, extract_features
from streams.stages.cluster.model import FEATURE_NAMES, pair_features, probability
from streams.stages.cluster.order import order_key
from streams.stages.cluster.state import (
    READABLE_VERSIONS,
    StoryState,
    story_id,
)
from streams.stages.cluster.vectors import merge_weights, unit

__all__ = ["StoryClusterer"]

logger = logging.getLogger(__name__)


class StoryClusterer:
    """Online story clustering over a time window (see the module docstring).

    Deterministic: the same articles in the same order give the same cluster ids
    (a hash of the story's first article id) whether run in one go or across a
    restart through ``drain_changes``/``load_cluster``; ``batch`` puts them in
    the canonical order first, so any order of the same articles gives the same
    stories and ids.
    """

    def __init__(self, cfg: ClusterConfig | None = None) -> None:
        self.cfg = cfg or ClusterConfig()
        if len(self.cfg.weights) != len(FEATURE_NAMES):
            raise ValueError(f"weights must have {len(FEATURE_NAMES)} values")
        self._clusters: dict[str, StoryState] = {}
        self._candidates = CandidateIndex(
            self.cfg.query_terms, self.cfg.max_postings, self.cfg.max_candidates
        )
        self._dups = DuplicateIndex(
            num_perm=self.cfg.num_perm, min_jaccard=self.cfg.dup_jaccard
        )
        self._dup_owner: dict[str, str] = {}
        # Dated stories by newest event time; stale ones (behind the window) by
        # the same key, for eviction beyond ``max_stale``; undated ones in order.
        self._heap: list[tuple[float, str]] = []
        self._stale: set[str] = set()
        self._stale_heap: list[tuple[float, str]] = []
        self._undated: dict[str, None] = {}
        self._watermark: float | None = None
        self._changed: set[str] = set()
        self._index_sizes = (
            self.cfg.index_terms,
            self.cfg.index_entities,
            self.cfg.index_numbers,
        )

    def __len__(self) -> int:
        return len(self._clusters)

    # -- the stage ---------------------------------------------------------

    def __call__(self, article: CleanedArticle) -> ClusterAssignment:
        """Assign one article to a story cluster.

        Raises:
            StageError: on a record that is not a CleanedArticle, lacks an id,
                or has an empty body and title.
        """
        feats, t = self._prepare(article)
        sig = self._dups.signature(feats.shingles)
        dup = self._dups.find(sig)
        if dup is not None:
            dup_id, jac = dup
            cluster = self._clusters[self._dup_owner[dup_id]]
            if dup_id == article.article_id:
                # A re-delivery (at-least-once): same answer, state unchanged.
                return self._result(article, cluster, False, jac, None)
            self._join(cluster, article.article_id, feats, t, sig)
            return self._result(article, cluster, False, jac, dup_id)
        best: tuple[float, str] | None = None
        for cid, x in self.score_candidates(feats, t):
            p = self._probability(x)
            if best is None or p > best[0]:
                best = (p, cid)
        if best is not None and best[0] >= self.cfg.min_probability:
            cluster = self._clusters[best[1]]
            self._join(cluster, article.article_id, feats, t, sig)
            return self._result(article, cluster, False, best[0], None)
        cluster = self._new(article.article_id, feats, t, sig)
        return self._result(article, cluster, True, 1.0, None)

    def batch(self, articles: Iterable[CleanedArticle]) -> list[ClusterAssignment]:
        """Assign several articles in the canonical order; results in input order.

        The canonical order is (event time, article id) with unknown times last
        (:func:`order_key`), so any order of the same articles gives the same
        stories, ids and first articles.
        """
        arts = list(articles)
        keys = [order_key(a) for a in arts]
        out: list[ClusterAssignment | None] = [None] * len(arts)
        for i in sorted(range(len(arts)), key=keys.__getitem__):
            out[i] = self(arts[i])
        return [o for o in out if o is not None]

    def assign(
        self, article: CleanedArticle, cluster_id: str | None
    ) -> ClusterAssignment:
        """Put an article into a given cluster (None: a new one), skipping the model.

        Used to replay labelled streams when fitting the merge model.
        """
        feats, t = self._prepare(article)
        sig = self._dups.signature(feats.shingles)
        if cluster_id is not None and cluster_id in self._clusters:
            cluster = self._clusters[cluster_id]
            self._join(cluster, article.article_id, feats, t, sig)
            return self._result(article, cluster, False, 1.0, None)
        cluster = self._new(article.article_id, feats, t, sig)
        return self._result(article, cluster, True, 1.0, None)

    def features_of(
        self, article: CleanedArticle
    ) -> tuple[ArticleFeatures, float | None]:
        """The features and event time (None: unknown) used for an article."""
        return extract_features(article.title, article.text), event_time(article).t

    def score_candidates(
        self, feats: ArticleFeatures, t: float | None
    ) -> list[tuple[str, list[float]]]:
        """Candidate clusters from the inverted index with their model features."""
        n = len(self._clusters)
        if n == 0:
            return []
        # Stale stories are out of reach of an article at or after the
        # watermark; keep them from taking its candidate places.
        skip = (
            self._stale
            if t is not None and self._watermark is not None and t >= self._watermark
            else None
        )
        idf, ranked, q_mass = self._candidates.lookup(feats, n, skip)
        if not ranked:
            return []
        art_terms = unit(feats.terms)
        art_title = unit(feats.title)
        art_lead = unit(feats.lead)
        masses = (
            sum(v * idf[k] for k, v in feats.entities.items()),
            sum(v * idf[k] for k, v in feats.numbers.items()),
            sum(v * idf[k] for k, v in feats.title.items()),
        )
        n_rev = self.cfg.index_entities
        out = []
        window = self.cfg.window_hours * 3600.0
        for cid, qv in ranked:
            c = self._clusters[cid]
            if (
                t is not None
                and c.t_last is not None
                and (t - c.t_last > window or c.t_first - t > window)  # type: ignore[operator]
            ):
                continue  # outside the article's own window (late or early)
            x = pair_features(
                feats,
                (art_terms, art_title, art_lead),
                masses,
                c,
                idf,
                t,
                qv / q_mass,
                n_rev,
            )
            out.append((cid, x))
        return out

    # -- state for the worker -------------------------------------------------

    def drain_changes(self) -> dict[str, dict[str, Any] | None]:
        """JSON-able state of every cluster changed since the last call (None: gone)."""
        out: dict[str, dict[str, Any] | None] = {}
        for cid in sorted(self._changed):
            c = self._clusters.get(cid)
            out[cid] = c.to_state() if c is not None else None
        self._changed.clear()
        return out

    def load_cluster(self, cluster_id: str, state: dict[str, Any] | None) -> None:
        """Rebuild one cluster from a table value (None removes it).

        Raises:
            StageError: when the state is not one this version wrote.
        """
        self._drop(cluster_id, changed=False)
        if state is None:
            return
        try:
            if state.get("v") not in READABLE_VERSIONS:
                raise StageError("cluster", "bad_state", f"version {state.get('v')!r}")
            c = StoryState.from_state(cluster_id, state)
            sigs = {aid: decode_signature(s) for aid, s in c.sigs.items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StageError("cluster", "bad_state", str(exc)[:200]) from exc
        self._clusters[cluster_id] = c
        self._index(cluster_id, set(), c.keys(*self._index_sizes))
        for aid, values in sigs.items():
            self._dups.add(aid, self._dups.from_values(values))
            self._dup_owner[aid] = cluster_id
        if c.t_last is None:
            self._undated[cluster_id] = None
            return
        heapq.heappush(self._heap, (c.t_last, cluster_id))
        if self._watermark is None or c.t_last > self._watermark:
            self._watermark = c.t_last

    def members(self, cluster_id: str) -> list[str]:
        """Article ids of a cluster, oldest first (capped at ``max_members``)."""
        c = self._clusters.get(cluster_id)
        return list(c.members) if c else []

    def expire(self, now: datetime | float | None = None) -> list[str]:
        """Move stories behind the window to the stale pool; drop the oldest beyond it.

        Args:
            now: an event time (datetime or epoch seconds); it only moves the
                watermark forward. None uses the current watermark. Articles
                call this with their own event time, so batch and stream agree;
                the wall clock is never used.

        Returns:
            The ids of the clusters removed.
        """
        if isinstance(now, datetime):
            now = now.timestamp()
        if now is not None and (self._watermark is None or now > self._watermark):
            self._watermark = float(now)
        if self._watermark is None:
            return []
        horizon = self._watermark - self.cfg.window_hours * 3600.0
        while self._heap and self._heap[0][0] < horizon:
            t_last, cid = heapq.heappop(self._heap)
            c = self._clusters.get(cid)
            if c is not None and c.t_last == t_last:
                self._stale.add(cid)
                heapq.heappush(self._stale_heap, (t_last, cid))
        removed = []
        while len(self._stale) > self.cfg.max_stale and self._stale_heap:
            t_last, cid = heapq.heappop(self._stale_heap)
            c = self._clusters.get(cid)
            if cid in self._stale and c is not None and c.t_last == t_last:
                self._drop(cid, changed=True)
                removed.append(cid)
        return removed

    # -- internals ------------------------------------------------------------

    def _prepare(self, article: CleanedArticle) -> tuple[ArticleFeatures, float]:
        if not isinstance(article, CleanedArticle):
            raise StageError("cluster", "wrong_record", type(article).__name__)
        if not article.article_id:
            raise StageError("cluster", "missing_id")
        if not isinstance(article.text, str) or not (
            article.text.strip() or (article.title or "").strip()
        ):
            raise StageError("cluster", "empty_body", article.article_id)
        feats, t = self.features_of(article)
        if t is not None:
            self.expire(t)
        return feats, t

    def _probability(self, x: list[float]) -> float:
        return probability(self.cfg.weights, x)

    def _new(
        self, article_id: str, feats: ArticleFeatures, t: float | None, sig: Any
    ) -> StoryState:
        cid = story_id(article_id)
        n = 1
        while cid in self._clusters:  # a re-delivered or colliding id
            cid = story_id(f"{article_id}#{n}")
            n += 1
        c = StoryState(cid, 0, t, t, {}, {}, {}, {}, [])
        self._clusters[cid] = c
        self._join(c, article_id, feats, t, sig)
        while len(self._clusters) > self.cfg.max_clusters:
            if not self._evict_oldest():
                break
        return c

    def _evict_oldest(self) -> bool:
        """Drop the oldest story: stale first, then dated, then undated."""
        for heap in (self._stale_heap, self._heap):
            while heap:
                t_old, old = heapq.heappop(heap)
                oc = self._clusters.get(old)
                if oc is not None and oc.t_last == t_old:
                    self._drop(old, changed=True)
                    return True
        if self._undated:
            self._drop(next(iter(self._undated)), changed=True)
            return True
        return False

    def _join(
        self,
        c: StoryState,
        article_id: str,
        feats: ArticleFeatures,
        t: float | None,
        sig: Any,
    ) -> None:
        cfg = self.cfg
        old_keys = c.keys(*self._index_sizes)
        if c.size == 1 and c.seed is None:
            c.seed = c.terms
        c.terms = merge_weights(c.terms, feats.terms, cfg.max_terms)
        c.title = merge_weights(c.title, feats.title, cfg.max_title_terms)
        c.entities = merge_weights(c.entities, feats.entities, cfg.max_entities)
        c.numbers = merge_weights(c.numbers, feats.numbers, cfg.max_numbers)
        c.lead = merge_weights(c.lead, feats.lead, cfg.max_lead_terms)
        c.reset_norms()
        c.size += 1
        if t is not None:
            if c.t_first is None or c.t_last is None:
                c.t_first = c.t_last = t
                self._undated.pop(c.cid, None)
            else:
                c.t_first = min(c.t_first, t)
                if t > c.t_last:
                    c.t_last = t
        if len(c.members) < cfg.max_members:
            c.members.append(article_id)
        if sig is not None and article_id not in self._dup_owner:
            c.sigs[article_id] = encode_signature(sig.hashvalues)
            self._dups.add(article_id, sig)
            self._dup_owner[article_id] = c.cid
            while len(c.sigs) > cfg.dup_members:
                oldest = next(iter(c.sigs))
                del c.sigs[oldest]
                self._dups.remove(oldest)
                self._dup_owner.pop(oldest, None)
        self._index(c.cid, old_keys, c.keys(*self._index_sizes))
        self._changed.add(c.cid)
        if c.t_last is None:
            self._undated[c.cid] = None
            return
        heapq.heappush(self._heap, (c.t_last, c.cid))
        if self._watermark is None or c.t_last > self._watermark:
            self._watermark = c.t_last
        if c.cid in self._stale and (
            c.t_last >= self._watermark - cfg.window_hours * 3600.0
        ):
            self._stale.discard(c.cid)  # a late article brought it back

    def _index(self, cid: str, old: set[str], new: set[str]) -> None:
        self._candidates.update(cid, old, new)

    def _drop(self, cid: str, *, changed: bool) -> None:
        c = self._clusters.pop(cid, None)
        if c is None:
            return
        self._index(cid, c.keys(*self._index_sizes), set())
        self._stale.discard(cid)
        self._undated.pop(cid, None)
        for aid in c.sigs:
            self._dups.remove(aid)
            self._dup_owner.pop(aid, None)
        if changed:
            self._changed.add(cid)

    def _result(
        self,
        article: CleanedArticle,
        c: StoryState,
        new: bool,
        score: float,
        duplicate_of: str | None,
    ) -> ClusterAssignment:
        return ClusterAssignment(
            article_id=article.article_id,
            cluster_id=c.cid,
            new_cluster=new,
            score=score,
            duplicate_of=duplicate_of,
            cluster_size=c.size,
        )
