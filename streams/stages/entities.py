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

from streams.stages.patterns import CUE_FORMS
from streams.stages.speakers import mention_tokens

__all__ = ["tag_mentions"]

logger = logging.getLogger(__name__)

_PROPN = ("NNP", "NNPS")  # Penn tags: no attribute_ruler, so no coarse POS
# Context words around a phrase: one on each side measured better speaker
# accuracy on PolNeAR train than none, at the same speed.
_CONTEXT = 1
# Where a speaker's noun phrase sits: subject of a cue verb (or of a verb joined
# to one), apposition, a verbless sentence ('Patel: "..."'), a conjunct. Other
# phrases never name a speaker; skipping them cut the recognizer's time by two
# thirds on train with the same speaker accuracy.
_SPEAKER_DEPS = frozenset({"appos", "ROOT", "conj", "npadvmod"})
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
    if head.dep_ == "pobj":
        prep = head.head
        return prep.dep_ == "agent" or prep.head.lower_ == "according"
    return False


def _windows(doc: Any) -> list[tuple[int, int]]:
    """Merged token ranges around each proper-noun phrase of ``doc``."""
    ranges: list[tuple[int, int]] = []
    for tok in doc:
        if tok.tag_ not in _PROPN:
            continue
        if tok.head.i != tok.i and tok.head.tag_ in _PROPN:
            continue  # inside a longer name: its top word covers it
        if not _may_speak(tok):
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


def tag_mentions(docs: Iterable[Any], nlp: Any, batch_size: int = 256) -> None:
    """Set ``doc.ents`` of parsed docs from NER run on their proper-noun phrases.

    Args:
        docs: docs parsed without the ``ner`` component.
        nlp: the pipeline whose ``ner`` component is used.
        batch_size: batch size of ``ner.pipe``.
    """
    ner = nlp.get_pipe("ner")
    jobs: list[tuple[Any, int]] = []
    pieces: list[Doc] = []
    for doc in docs:
        for a, b in _windows(doc):
            words = [t.text for t in doc[a:b]]
            spaces = [bool(t.whitespace_) for t in doc[a:b]]
            pieces.append(Doc(nlp.vocab, words=words, spaces=spaces))
            jobs.append((doc, a))
    found: dict[int, tuple[Any, list[Span]]] = {}
    for (doc, a), piece in zip(
        jobs, ner.pipe(pieces, batch_size=batch_size), strict=True
    ):
        spans = found.setdefault(id(doc), (doc, []))[1]
        spans.extend(
            Span(doc, a + e.start, a + e.end, label=e.label_) for e in piece.ents
        )
    for doc, spans in found.values():
        doc.set_ents(spans, default="outside")
