"""Story state: one cluster's centroids and its JSON table value.

Reads and writes plain dicts: a StoryState holds the term, title, entity and
number centroids (sums of unit article vectors, heaviest keys first), the
first article's terms (``seed``, kept once a second article joins), first and
last article times, size, listed members and the MinHash signatures of its
latest members; ``to_state()``/``from_state`` are the Faust table value. A value
written before ``seed`` existed still loads (its story then compares against
the centroid only), and one written before ``lead`` with an empty lead. Version 2
allows ``None`` times (a story of articles whose
event time is unknown); version 1 values, whose times are numbers, still load.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from streams.stages.cluster.vectors import norm, similarity, top_weights

__all__ = ["READABLE_VERSIONS", "STATE_VERSION", "StoryState", "story_id"]

logger = logging.getLogger(__name__)

STATE_VERSION = 2
READABLE_VERSIONS = frozenset({1, 2})


@dataclass(slots=True)
class StoryState:
    """One story: centroids, times, size, listed members, recent signatures.

    ``to_state()`` is the JSON-able table value; ``from_state`` rebuilds it.
    """

    cid: str
    size: int
    t_first: float | None  # event times; None while no article has one
    t_last: float | None
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
    # Lead centroid: titles and first sentences (what happened), if any.
    lead: dict[str, float] = field(default_factory=dict)
    _norms: tuple[float, float, float, float, float] | None = None
    _seed_norm: float | None = None

    def norms(self) -> tuple[float, float, float, float, float]:
        """L2 norms of the five centroids, cached until the next update."""
        if self._norms is None:
            self._norms = (
                norm(self.terms),
                norm(self.title),
                norm(self.entities),
                norm(self.numbers),
                norm(self.lead),
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
            "lead": self.lead,
        }

    @classmethod
    def from_state(cls, cid: str, state: dict[str, Any]) -> StoryState:
        """Rebuild from ``to_state()`` output (centroids re-sorted by weight)."""
        return cls(
            cid=cid,
            size=int(state["size"]),
            t_first=_time(state["t_first"]),
            t_last=_time(state["t_last"]),
            terms=top_weights(state["terms"], len(state["terms"])),
            title=top_weights(state["title"], len(state["title"])),
            entities=top_weights(state["entities"], len(state["entities"])),
            numbers=top_weights(state["numbers"], len(state["numbers"])),
            members=list(state["members"]),
            sigs={aid: sig for aid, sig in state.get("sigs") or ()},
            seed=None
            if state.get("seed") is None
            else top_weights(state["seed"], len(state["seed"])),
            lead=top_weights(state.get("lead") or {}, len(state.get("lead") or {})),
        )


def _time(value: Any) -> float | None:
    return None if value is None else float(value)


def story_id(seed: str) -> str:
    """A story's id: a short hash of its first article's id."""
    digest = hashlib.sha1(seed.encode("utf-8", "surrogatepass"), usedforsecurity=False)
    return "c-" + digest.hexdigest()[:12]
