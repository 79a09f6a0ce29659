"""Sparse vectors of story clustering: unit scaling, centroids, IDF similarities.

Reads and writes plain ``dict[str, float]`` maps (key -> weight). Centroids keep
their heaviest keys first, ties by key, so that their order is part of the state
and the same on every run.
"""

from __future__ import annotations

import logging
import math
from math import fsum

__all__ = [
    "containment",
    "merge_weights",
    "norm",
    "similarity",
    "top_weights",
    "unit",
]

logger = logging.getLogger(__name__)


def top_weights(weights: dict[str, float], k: int) -> dict[str, float]:
    """The k heaviest keys, heaviest first (ties by key): the order is state."""
    return dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:k])


def norm(weights: dict[str, float]) -> float:
    """L2 norm of a sparse vector."""
    return math.sqrt(sum(v * v for v in weights.values()))


def unit(weights: dict[str, float]) -> dict[str, float]:
    """The vector scaled to unit L2 norm (empty stays empty)."""
    length = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {k: v / length for k, v in weights.items()}


def merge_weights(
    centroid: dict[str, float], article: dict[str, float], k: int
) -> dict[str, float]:
    """Add an article's unit vector to a centroid and keep the k heaviest keys."""
    if not centroid:
        return top_weights(unit(article), k)
    out = dict(centroid)
    get = out.get
    for key, value in unit(article).items():
        out[key] = get(key, 0.0) + value
    return top_weights(out, k)


def containment(
    article: dict[str, float],
    centroid: dict[str, float],
    idf: dict[str, float],
    mass: float,
) -> float:
    """IDF-weighted share of the article's keys (names, numbers) the cluster holds.

    Containment rather than cosine: outlets name the same people and figures
    while their wording differs, and a cluster's centroid gathers names from
    several articles, which a cosine would count against it.
    """
    if mass == 0.0:
        return 0.0
    return sum(v * idf[k] for k, v in article.items() if k in centroid) / mass


def similarity(
    article: dict[str, float],
    centroid: dict[str, float],
    centroid_norm: float,
    idf: dict[str, float],
) -> float:
    """Cosine of a unit article vector and a centroid, each shared key scaled by IDF.

    ``idf`` maps every key of ``article`` to its scaled IDF. Norms ignore IDF so
    that a centroid's norm is computed once per update, not once per
    comparison; the IDF factor (in [0, 1]) still lets rare shared keys count
    more than common ones.
    """
    if not article or not centroid or centroid_norm == 0.0:
        return 0.0
    # The shared keys by a C-level set intersection (half the time of a loop of
    # lookups at 120 article and 100 centroid keys); fsum is exactly rounded, so
    # the set's order, which string hashing changes from run to run, cannot
    # change the result.
    shared = article.keys() & centroid.keys()
    return fsum([article[k] * centroid[k] * idf[k] for k in shared]) / centroid_norm
