"""Story state: one cluster's centroids, its JSON table value and similarities.

Reads and writes plain dicts: a StoryState holds the term, title, entity and
number centroids (sums of unit article vectors, heaviest keys first), the
first article's terms (``seed``, kept once a second article joins), first and
last article times, size, listed members and the MinHash signatures of its
latest members; ``to_state()``/``from_state`` are the Faust table value. A value
written before ``seed`` existed still loads (its story then compares against
the centroid only), so the state version stays 1.
The similarity functions compare an article's features with a centroid.
"""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

__all__ = [
    "STATE_VERSION",
    "StoryState",
    "containment",
    "merge_weights",
    "norm",
    "similarity",
    "story_id",
    "top_weights",
    "unit",
]

logger = logging.getLogger(__name__)

STATE_VERSION = 1


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


@dataclass(slots=True)
class StoryState:
    """One story: centroids, times, size, listed members, recent signatures.

    ``to_state()`` is the JSON-able table value; ``from_state`` rebuilds it.
    """

    cid: str
    size: int
    t_first: float
    t_last: float
    terms: dict[str, float]
    title: dict[str, float]
    entities: dict[str, float]
    numbers: dict[str, float]
    members: list[str]
    sigs: dict[str, str] = field(default_factory=dict)
    # The first article's terms, kept once a second article joins (until then
    # they are ``terms``): rewrites match their source better than a centroid
    # that later versions and background paragraphs have diluted.
    seed: dict[str, float] | None = None
    _norms: tuple[float, float, float, float] | None = None
    _seed_norm: float | None = None

    def norms(self) -> tuple[float, float, float, float]:
        """L2 norms of the four centroids, cached until the next update."""
        if self._norms is None:
            self._norms = (
                norm(self.terms),
                norm(self.title),
                norm(self.entities),
                norm(self.numbers),
            )
        return self._norms

    def seed_similarity(
        self, article: dict[str, float], idf: dict[str, float]
    ) -> float:
        """:func:`similarity` of a unit article vector and the first article's terms."""
        if self.seed is None:
            return similarity(article, self.terms, self.norms()[0], idf)
        if self._seed_norm is None:
            self._seed_norm = norm(self.seed)
        return similarity(article, self.seed, self._seed_norm, idf)

    def reset_norms(self) -> None:
        """Forget cached norms after the centroids changed."""
        self._norms = None

    def keys(self, n_terms: int, n_entities: int, n_numbers: int) -> set[str]:
        """Index keys: the heaviest few of each centroid (they are kept sorted)."""
        keys = set(islice(self.terms, n_terms))
        keys.update(islice(self.entities, n_entities))
        keys.update(islice(self.numbers, n_numbers))
        return keys

    def to_state(self) -> dict[str, Any]:
        """The JSON-able table value."""
        return {
            "v": STATE_VERSION,
            "size": self.size,
            "t_first": self.t_first,
            "t_last": self.t_last,
            "terms": self.terms,
            "title": self.title,
            "entities": self.entities,
            "numbers": self.numbers,
            "members": self.members,
            # A list, oldest first: the order decides which signature goes
            # next, and a list keeps it whatever the table's JSON codec does.
            "sigs": [[aid, sig] for aid, sig in self.sigs.items()],
            "seed": self.seed,
        }

    @classmethod
    def from_state(cls, cid: str, state: dict[str, Any]) -> StoryState:
        """Rebuild from ``to_state()`` output (centroids re-sorted by weight)."""
        return cls(
            cid=cid,
            size=int(state["size"]),
            t_first=float(state["t_first"]),
            t_last=float(state["t_last"]),
            terms=top_weights(state["terms"], len(state["terms"])),
            title=top_weights(state["title"], len(state["title"])),
            entities=top_weights(state["entities"], len(state["entities"])),
            numbers=top_weights(state["numbers"], len(state["numbers"])),
            members=list(state["members"]),
            sigs={aid: sig for aid, sig in state.get("sigs") or ()},
            seed=None
            if state.get("seed") is None
            else top_weights(state["seed"], len(state["seed"])),
        )


def story_id(seed: str) -> str:
    """A story's id: a short hash of its first article's id."""
    digest = hashlib.sha1(seed.encode("utf-8", "surrogatepass"), usedforsecurity=False)
    return "c-" + digest.hexdigest()[:12]


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
    small, large = (
        (article, centroid) if len(article) < len(centroid) else (centroid, article)
    )
    get = large.get
    dot = 0.0
    for key, value in small.items():
        other = get(key)
        if other is not None:
            dot += value * other * idf[key]
    return dot / centroid_norm
