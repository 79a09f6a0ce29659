"""Story clustering stage: CleanedArticle -> ClusterAssignment, online and bounded.

Reads ``article_id``, ``title``, ``text`` and ``published_at`` of each
CleanedArticle; writes a ClusterAssignment (``cluster_id``, ``new_cluster``,
``score``, ``duplicate_of``, ``cluster_size``).

Each article goes through three steps. (1) Near-duplicates: a MinHash LSH index
over the latest members of every cluster catches syndicated copies, which join
the copy's cluster with ``duplicate_of`` set. (2) Candidates: an inverted index
from terms, entity proxies and numbers to the clusters whose centroids hold
them; the article's most specific keys (by IDF, skipping keys too common to
discriminate) pick a few candidate clusters, so no step scans all clusters.
(3) Merge or new: for each candidate a logistic model combines TF-IDF cosine of
title+body with the centroid and with the story's first article, cosine of
titles, IDF-weighted containment of the article's entities, numbers and title
words in the cluster, the share of the cluster's main entities the article
names, the rarest shared entity, the share of the article's query weight the
cluster matched, time distance and cluster size; the article joins the most
probable candidate at or above ``min_probability`` or starts a story. On the
development stream this beats one threshold on the cosine (see
``benchmarks/bench_cluster.py eval``, which prints both).

The package: ``features`` (what an article says), ``dedup`` (MinHash copies),
``candidates`` (the inverted index), ``model`` (pair features and weights),
``vectors`` and ``state`` (a story's centroids and table value), ``config``.

State is one compact dict per cluster (centroid top terms, the first
article's terms once a second joins, entity and number centroids, first/last
time, size, capped member list, the last few MinHash signatures); every index
is derived from those dicts, so a worker that mirrors ``drain_changes()`` to a
table and calls ``load_cluster`` for every entry on startup continues exactly
as an uninterrupted run would. IDF is derived from the index (a key's
document frequency is the number of live clusters holding it) and the time
watermark from the newest cluster, for the same reason.
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
from streams.stages.cluster.features import ArticleFeatures, extract_features
from streams.stages.cluster.model import FEATURE_NAMES, pair_features, probability
from streams.stages.cluster.state import STATE_VERSION, StoryState, story_id
from streams.stages.cluster.vectors import merge_weights, unit

__all__ = ["StoryClusterer"]

logger = logging.getLogger(__name__)


class StoryClusterer:
    """Online story clustering over a time window (see the module docstring).

    Deterministic: the same articles in the same order give the same cluster ids
    (a hash of the story's first article id) whether run in one go, in
    ``batch``, or across a restart through ``drain_changes``/``load_cluster``.
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
        self._heap: list[tuple[float, str]] = []
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
        """Assign several articles in order (same results as one by one)."""
        return [self(a) for a in articles]

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

    def features_of(self, article: CleanedArticle) -> tuple[ArticleFeatures, float]:
        """The features and window time the clusterer would use for an article."""
        return extract_features(article.title, article.text), self._time(article)

    def score_candidates(
        self, feats: ArticleFeatures, t: float
    ) -> list[tuple[str, list[float]]]:
        """Candidate clusters from the inverted index with their model features."""
        n = len(self._clusters)
        if n == 0:
            return []
        idf, ranked, q_mass = self._candidates.lookup(feats, n)
        if not ranked:
            return []
        art_terms = unit(feats.terms)
        art_title = unit(feats.title)
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
            if t - c.t_last > window or c.t_first - t > window:
                continue  # outside the article's own window (late or early)
            x = pair_features(
                feats, art_terms, art_title, masses, c, idf, t, qv / q_mass, n_rev
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
            if state.get("v") != STATE_VERSION:
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
        heapq.heappush(self._heap, (c.t_last, cluster_id))
        if self._watermark is None or c.t_last > self._watermark:
            self._watermark = c.t_last

    def members(self, cluster_id: str) -> list[str]:
        """Article ids of a cluster, oldest first (capped at ``max_members``)."""
        c = self._clusters.get(cluster_id)
        return list(c.members) if c else []

    def expire(self, now: datetime | float | None = None) -> list[str]:
        """Drop clusters whose newest article is older than the window.

        Args:
            now: the time to expire against (datetime or epoch seconds); it only
                moves the watermark forward. None uses the current watermark.
                Articles call this with their own time, so batch and stream agree.

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
        removed = []
        while self._heap and self._heap[0][0] < horizon:
            t_last, cid = heapq.heappop(self._heap)
            c = self._clusters.get(cid)
            if c is not None and c.t_last == t_last:
                self._drop(cid, changed=True)
                removed.append(cid)
        return removed

    # -- internals ------------------------------------------------------------

    def _time(self, article: CleanedArticle) -> float:
        if article.published_at is None:
            return self._watermark if self._watermark is not None else 0.0
        return article.published_at.timestamp()

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
        if article.published_at is not None and not self._watermark:
            self._anchor_undated(t)
        self.expire(t)
        return feats, t

    def _anchor_undated(self, t: float) -> None:
        """Give stories of undated articles the time of the first dated article.

        Undated articles take the newest time seen, which is 0 before any dated one;
        without this, a stream that starts undated would expire those stories (and
        keep them out of every window) as soon as a dated article arrives.
        """
        for c in self._clusters.values():
            if c.t_last <= 0.0:
                c.t_first = c.t_last = t
                heapq.heappush(self._heap, (t, c.cid))
                self._changed.add(c.cid)

    def _probability(self, x: list[float]) -> float:
        return probability(self.cfg.weights, x)

    def _new(
        self, article_id: str, feats: ArticleFeatures, t: float, sig: Any
    ) -> StoryState:
        cid = story_id(article_id)
        n = 1
        while cid in self._clusters:  # a re-delivered or colliding id
            cid = story_id(f"{article_id}#{n}")
            n += 1
        c = StoryState(cid, 0, t, t, {}, {}, {}, {}, [])
        self._clusters[cid] = c
        self._join(c, article_id, feats, t, sig)
        while len(self._clusters) > self.cfg.max_clusters and self._heap:
            t_old, old = heapq.heappop(self._heap)
            oc = self._clusters.get(old)
            if oc is not None and oc.t_last == t_old:
                self._drop(old, changed=True)
        return c

    def _join(
        self, c: StoryState, article_id: str, feats: ArticleFeatures, t: float, sig: Any
    ) -> None:
        cfg = self.cfg
        old_keys = c.keys(*self._index_sizes)
        if c.size == 1 and c.seed is None:
            c.seed = c.terms
        c.terms = merge_weights(c.terms, feats.terms, cfg.max_terms)
        c.title = merge_weights(c.title, feats.title, cfg.max_title_terms)
        c.entities = merge_weights(c.entities, feats.entities, cfg.max_entities)
        c.numbers = merge_weights(c.numbers, feats.numbers, cfg.max_numbers)
        c.reset_norms()
        c.size += 1
        c.t_first = min(c.t_first, t)
        if t > c.t_last or c.size == 1:
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
        heapq.heappush(self._heap, (c.t_last, c.cid))
        if self._watermark is None or c.t_last > self._watermark:
            self._watermark = c.t_last
        self._changed.add(c.cid)

    def _index(self, cid: str, old: set[str], new: set[str]) -> None:
        self._candidates.update(cid, old, new)

    def _drop(self, cid: str, *, changed: bool) -> None:
        c = self._clusters.pop(cid, None)
        if c is None:
            return
        self._index(cid, c.keys(*self._index_sizes), set())
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
