"""Story clustering stage: CleanedArticle -> ClusterAssignment (first version)."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Any

from streams.records import CleanedArticle, ClusterAssignment

__all__ = ["ClusterConfig", "StoryClusterer"]

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Clustering settings."""

    threshold: float = 0.3
    max_clusters: int = 10_000


class StoryClusterer:
    """Online clustering: each article joins the most similar recent story or starts one.

    State is a dict of clusters; ``drain_changes()`` hands changed clusters to the
    caller (the worker stores them in a table) and ``load_cluster`` rebuilds state.
    """

    def __init__(self, cfg: ClusterConfig = ClusterConfig()) -> None:
        self.cfg = cfg
        self._clusters: dict[str, dict[str, Any]] = {}
        self._changed: set[str] = set()

    def __call__(self, article: CleanedArticle) -> ClusterAssignment:
        """Assign one article to a cluster."""
        words = {
            w.lower() for w in _WORD.findall(f"{article.title or ''} {article.text}")
        }
        best, best_score = None, 0.0
        for cid, state in self._clusters.items():
            terms = set(state["terms"])
            score = len(words & terms) / (len(words | terms) or 1)
            if score > best_score:
                best, best_score = cid, score
        if best is not None and best_score >= self.cfg.threshold:
            state = self._clusters[best]
            state["members"].append(article.article_id)
            self._changed.add(best)
            return ClusterAssignment(
                article.article_id, best, False, best_score, None, len(state["members"])
            )
        cid = hashlib.sha1(article.article_id.encode()).hexdigest()[:12]  # noqa: S324 - an id
        self._clusters[cid] = {"terms": sorted(words), "members": [article.article_id]}
        self._changed.add(cid)
        return ClusterAssignment(article.article_id, cid, True, 1.0, None, 1)

    def batch(self, articles: list[CleanedArticle]) -> list[ClusterAssignment]:
        """Assign several articles in order."""
        return [self(a) for a in articles]

    def drain_changes(self) -> dict[str, dict[str, Any] | None]:
        """Return clusters changed since the last call (None for removed ones)."""
        out = {cid: self._clusters.get(cid) for cid in self._changed}
        self._changed.clear()
        return out

    def load_cluster(self, cluster_id: str, state: dict[str, Any] | None) -> None:
        """Restore one cluster from a table value (None removes it)."""
        if state is None:
            self._clusters.pop(cluster_id, None)
        else:
            self._clusters[cluster_id] = state

    def members(self, cluster_id: str) -> list[str]:
        """Article ids of a cluster, oldest first."""
        state = self._clusters.get(cluster_id)
        return list(state["members"]) if state else []
