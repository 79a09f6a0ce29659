"""Paraphrase similarity of two short claim sentences.

Reads plain strings; returns a score in [0, 1] that the claims stage compares with
its merge threshold. The score mixes content-word overlap (after a light,
language-agnostic stemming), character 4-gram overlap of the content words (which
tolerates inflection and near-synonyms such as "backer"/"backbone"), and penalties
when numbers, negation or named entities disagree.

Why hand-made: the sentences are one or two clauses long and arrive one at a time,
so the vectoriser-based tools (scikit-learn, datasketch MinHash) cost more than the
handful of set operations done here, and a sentence-embedding model pulls torch
(see benchmarks/bench_claims.py for the measured comparison).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["ClaimFeatures", "SimilarityConfig", "claim_features", "similarity"]

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-'’]\w+)*", re.UNICODE)
_NEGATIONS = frozenset(
    {"not", "no", "never", "nobody", "nothing", "neither", "nor", "none", "without"}
)
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "fifty": "50",
    "hundred": "100",
    "hundreds": "100",
    "thousand": "1000",
    "thousands": "1000",
    "million": "1000000",
    "millions": "1000000",
    "billion": "1000000000",
    "billions": "1000000000",
    "dozen": "12",
    "dozens": "12",
    "half": "0.5",
}
# Number words and negations are compared on their own; the rest of spaCy's English
# stop list carries no claim content.
_STOP = frozenset(STOP_WORDS) - _NEGATIONS - set(_NUMBER_WORDS)
# Words that open a sentence capitalised without being names.
_NOT_ENTITIES = frozenset({"i", "we", "the", "this", "that", "it", "he", "she", "they"})


@dataclass(frozen=True, slots=True)
class SimilarityConfig:
    """Weights of the similarity score.

    The weights and penalties were picked by a grid search on the tuning half of
    benchmarks/data/claim_pairs.jsonl (benchmarks/bench_claims.py --tune).
    """

    stem_len: int = 5  # prefix stemming: "deepen"/"deepening" -> "deepe"
    token_weight: float = 0.3  # grid 0.3..0.8; rest goes to char 4-grams
    entity_weight: float = 0.5  # grid 0.5..1; a speaker's claims share names
    # Penalties below the claims merge threshold (0.52), so that a copy of a
    # statement with other numbers, or negated, never merges with it.
    number_penalty: float = 0.5  # both give numbers, none in common
    negation_penalty: float = 0.45  # one sentence negated, the other not
    entity_penalty: float = 0.7  # both name entities, none in common
    # One wording inside a longer one ("X" vs "While Y, he said X") scores its
    # containment times this, when the shorter side has this much content weight.
    containment_weight: float = 0.9  # grid 0, 0.7..0.9
    min_contained: float = 3.0


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """What the score needs from one sentence, computed once per wording."""

    stems: dict[str, float]  # stem -> weight (entities weigh less)
    grams: frozenset[str]  # char 4-grams of the content words
    numbers: frozenset[str]
    entities: frozenset[str]
    negated: bool


def _stem(word: str, stem_len: int) -> str:
    """Cut plural/possessive endings, then keep a fixed-length prefix."""
    word = re.sub(r"['’]s$", "", word)
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:stem_len]


@lru_cache(maxsize=8192)
def claim_features(
    text: str, cfg: SimilarityConfig = SimilarityConfig()
) -> ClaimFeatures:
    """Extract the features of one claim wording (cached by text)."""
    text = unicodedata.normalize("NFKC", text)
    stems: dict[str, float] = {}
    grams: set[str] = set()
    numbers: set[str] = set()
    entities: set[str] = set()
    negated = False
    for i, match in enumerate(_WORD.finditer(text)):
        raw = match.group(0)
        low = raw.lower().replace("’", "'")
        if low.endswith("n't"):
            negated = True
            low = low[:-3]
        if low in _NEGATIONS:
            negated = True
            continue
        if low in _NUMBER_WORDS:
            numbers.add(_NUMBER_WORDS[low])
            continue
        if raw[0].isdigit():
            numbers.add(raw.replace(",", ""))
            continue
        if low in _STOP or len(low) < 2:
            continue
        is_entity = raw[0].isupper() and (i > 0 or raw.isupper())
        is_entity = is_entity and low not in _NOT_ENTITIES
        stem = _stem(low, cfg.stem_len)
        weight = cfg.entity_weight if is_entity else 1.0
        stems[stem] = max(stems.get(stem, 0.0), weight)
        if is_entity:
            entities.add(stem)
        padded = f" {_stem(low, 99)} "
        grams.update(padded[j : j + 4] for j in range(max(1, len(padded) - 3)))
    return ClaimFeatures(
        stems=stems,
        grams=frozenset(grams),
        numbers=frozenset(numbers),
        entities=frozenset(entities),
        negated=negated,
    )


def _token_overlap(
    a: dict[str, float], b: dict[str, float], cfg: SimilarityConfig
) -> float:
    """Weighted Dice of the stems, or discounted containment if higher."""
    size_a, size_b = sum(a.values()), sum(b.values())
    if size_a == 0 or size_b == 0:
        return 0.0
    shared = sum(min(a[k], b[k]) for k in a.keys() & b.keys())
    dice = 2.0 * shared / (size_a + size_b)
    smaller = min(size_a, size_b)
    if smaller < cfg.min_contained:
        return dice
    return max(dice, cfg.containment_weight * shared / smaller)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2.0 * len(a & b) / (len(a) + len(b))


def similarity(a: str, b: str, cfg: SimilarityConfig = SimilarityConfig()) -> float:
    """Score how likely two wordings state the same claim, in [0, 1].

    Args:
        a: one wording.
        b: the other wording.
        cfg: weights and penalties.

    Returns:
        1.0 for identical wordings (punctuation aside), 0.0 when they share no
        content word or character 4-gram. Case is read: a capitalised word counts
        as a name, weighted apart, so the same words in capitals score a little
        lower ("THE TALKS WILL GO ON" against "the talks will go on": 0.90).
    """
    fa, fb = claim_features(a, cfg), claim_features(b, cfg)
    score = cfg.token_weight * _token_overlap(fa.stems, fb.stems, cfg) + (
        1.0 - cfg.token_weight
    ) * _dice(fa.grams, fb.grams)
    if fa.numbers and fb.numbers and not fa.numbers & fb.numbers:
        score *= cfg.number_penalty
    if fa.negated != fb.negated:
        score *= cfg.negation_penalty
    if fa.entities and fb.entities and not fa.entities & fb.entities:
        score *= cfg.entity_penalty
    return min(1.0, max(0.0, score))
