"""Named entities for speaker mentions only, not for whole sentences.

Reads parsed spaCy docs (tags and dependencies, no ``ner``); writes ``doc.ents``
with the PERSON, ORG, GPE and NORP entities found inside proper-noun phrases.

The entity recognizer of en_core_web_sm has its own encoder and cost more than the
tagger and parser together on the sentences the quote stage parses (2.3 s of 4.1 s
on 60 PolNeAR train articles). Speakers are noun phrases, and a name is a run of
proper-noun tags, so only the proper-noun phrases in a speaker's place (with one
word of context on each side) go through the recognizer; its entities are mapped
back onto the sentence docs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Span

from streams.stages.quotes.lexicon import DAYS_AND_MONTHS
from streams.stages.quotes.mentions import mention_tokens
from streams.stages.quotes.patterns import (
    CUE_FORMS,
)
from streams.stages.quotes.subjects import PROPN

__all__ = ["cache_snapshot", "restore_cache", "tag_mentions"]

logger = logging.getLogger(__name__)

# Context words around a phrase: one on each side measured better speaker
# accuracy on PolNeAR train than none, at the same speed.
_CONTEXT = 1
# Where a speaker's noun phrase sits: subject of a cue verb (or of a verb joined
# to one), apposition, a verbless sentence ('Patel: "..."'), a conjunct. Other
# phrases never name a speaker; skipping them cut the recognizer's time by two
# thirds on train with the same speaker accuracy.
_SPEAKER_DEPS = frozenset({"appos", "ROOT", "conj", "npadvmod"})
# Days and months ('said Tuesday', parsed as a modifier) never name a speaker;
# they were a tenth of the phrases sent to the recognizer on train.
_CALENDAR = DAYS_AND_MONTHS
_INSIDE = frozenset({"compound", "flat", "poss", "amod", "nmod", "case"})


def _may_speak(tok: Any) -> bool:
    """Whether the noun phrase holding ``tok`` can be a speaker or a named subject."""
    head = tok
    while head.dep_ in _INSIDE and head.head.i != head.i:
        head = head.head
    if head.dep_ in ("nsubj", "nsubjpass"):
        verb = head.head
        return verb.lower_ in CUE_FORMS or verb.head.lower_ in CUE_FORMS
    if head.dep_ in _SPEAKER_DEPS:
        return True
    if head.dep_ == "dobj":
        return head.head.lower_ in ("quoted", "quoting", "quotes")  # "quoted X as"
    if head.dep_ == "pobj":
        prep = head.head
        return prep.dep_ == "agent" or prep.head.lower_ == "according"
    return False


def _windows(doc: Any) -> list[tuple[int, int]]:
    """Merged token ranges around each proper-noun phrase of ``doc``."""
    ranges: list[tuple[int, int]] = []
    for tok in doc:
        if tok.tag_ not in PROPN:
            continue
        if tok.head.i != tok.i and tok.head.tag_ in PROPN:
            continue  # inside a longer name: its top word covers it
        if tok.lower_ in _CALENDAR or not _may_speak(tok):
            continue
        toks = mention_tokens(tok)
        a = max(0, toks[0].i - _CONTEXT)
        b = min(len(doc), toks[-1].i + 1 + _CONTEXT)
        ranges.append((a, b))
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


# Entities of recognised pieces, by their words; bounded, and bound to one
# recognizer (tests may load another pipeline).
_CACHE_SIZE = 50_000
_CACHE: dict[tuple[str, ...], tuple[tuple[int, int, str], ...]] = {}
_CACHE_OWNER: list[Any] = [None]


def _reset_cache(ner: Any) -> dict[tuple[str, ...], tuple[tuple[int, int, str], ...]]:
    _CACHE.clear()
    _CACHE_OWNER[0] = ner
    return _CACHE


def cache_snapshot() -> dict[tuple[str, ...], tuple[tuple[int, int, str], ...]]:
    """A copy of the recognised-phrase cache (benchmarks time runs from one state)."""
    return dict(_CACHE)


def restore_cache(
    snapshot: dict[tuple[str, ...], tuple[tuple[int, int, str], ...]],
) -> None:
    """Put back a cache taken with ``cache_snapshot``."""
    _CACHE.clear()
    _CACHE.update(snapshot)


def tag_mentions(docs: Iterable[Any], nlp: Any, batch_size: int = 256) -> None:
    """Set ``doc.ents`` of parsed docs from NER run on their proper-noun phrases.

    Args:
        docs: docs parsed without the ``ner`` component.
        nlp: the pipeline whose ``ner`` component is used.
        batch_size: batch size of ``ner.pipe``.
    """
    ner = nlp.get_pipe("ner")
    # The same phrase ('" Trump said') recurs across sentences and articles:
    # recognise it once (a piece is recognised on its own, so the result depends
    # on its words only).
    cache = _CACHE if _CACHE_OWNER[0] is ner else _reset_cache(ner)
    jobs: list[tuple[Any, int, tuple[str, ...]]] = []
    known: dict[tuple[str, ...], tuple[tuple[int, int, str], ...]] = {}
    todo: dict[tuple[str, ...], Doc] = {}
    for doc in docs:
        for a, b in _windows(doc):
            words = [t.text for t in doc[a:b]]
            key = tuple(words)
            if key not in known and key not in todo:
                hit = cache.get(key)
                if hit is not None:
                    known[key] = hit
                else:
                    spaces = [bool(t.whitespace_) for t in doc[a:b]]
                    todo[key] = Doc(nlp.vocab, words=words, spaces=spaces)
            jobs.append((doc, a, key))
    if len(cache) + len(todo) > _CACHE_SIZE:
        cache.clear()
    for key, piece in zip(
        todo, ner.pipe(todo.values(), batch_size=batch_size), strict=True
    ):
        known[key] = cache[key] = tuple((e.start, e.end, e.label_) for e in piece.ents)
    found: dict[int, tuple[Any, list[Span]]] = {}
    for doc, a, key in jobs:
        spans = found.setdefault(id(doc), (doc, []))[1]
        spans.extend(Span(doc, a + s, a + e, label=lab) for s, e, lab in known[key])
    for doc, spans in found.values():
        doc.set_ents(spans, default="outside")
