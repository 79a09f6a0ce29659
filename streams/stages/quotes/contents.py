"""What was said: the token range a cue attributes."""

from __future__ import annotations

import logging
from typing import Any

from streams.stages.quotes.cues import is_cue, naming_span, sourceless_passive
from streams.stages.quotes.lexicon import DOCUMENT_WORDS
from streams.stages.quotes.patterns import (
    COGNITION_CUES,
    CUE_FORMS,
    DASHES,
    STANCE_CUES,
)

logger = logging.getLogger(__name__)


_TRAIL = ".,;:"
# Cues that go on reporting the same speaker ("... and added that ..."), unlike
# "... rang two volunteers and asked for ...", which is part of what was said.
_GOING_ON = frozenset(
    {"add", "say", "note", "stress", "insist", "explain", "warn", "tell", "state"}
)
# Prepositions whose object is what a stance verb is about ("called for X").
_STANCE_PREPS = frozenset({"for", "about", "on", "against", "of", "over", "as"})


def _clause_of_document(cue: Any) -> list[Any]:
    """'said in a statement that X': X parsed as a clause of the statement."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "through", "via"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.lower_ not in DOCUMENT_WORDS:
                continue
            return [
                c
                for c in obj.children
                if c.dep_ in ("acl", "relcl")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ]
    return []


def find_content(cue: Any) -> tuple[int, int] | None:
    """Token range [i, j) of what a cue attributes, from the parse."""
    doc = cue.doc
    if cue.lower_ == "according":
        head = cue.head
        if head.i == cue.i:
            left, right = (0, cue.i), (cue.right_edge.i + 1, len(doc))
        else:
            lo, hi = head.left_edge.i, head.right_edge.i + 1
            left, right = (lo, cue.i), (cue.right_edge.i + 1, hi)
        span = left if left[1] - left[0] > right[1] - right[0] else right
    else:
        lemma = CUE_FORMS[cue.lower_]
        if lemma == "put":
            return None  # 'as X put it': the quote that follows is the content
        # "the plant is expected to ...": a passive cue's infinitive is a forecast
        # about its subject, who says nothing.
        passive = sourceless_passive(cue)
        if lemma == "ask" and passive:
            return None  # 'Patel was asked about X': the question is not his claim
        naming = naming_span(cue)
        if naming is not None:
            return _trimmed(doc, *naming)
        kids = [c for c in cue.children if c.dep_ in ("ccomp", "parataxis")]
        if not kids and lemma in STANCE_CUES:
            deps = ("dobj", "oprd") if passive else ("dobj", "xcomp", "oprd")
            kids = [c for c in cue.children if c.dep_ in deps]
            for prep in cue.children:
                if prep.dep_ in ("prep", "prt") and prep.lower_ in _STANCE_PREPS:
                    kids.extend(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))
        elif not kids and lemma in ("ask", "expect", "want", "hope", "plan"):
            if passive:
                return None
            kids = [c for c in cue.children if c.dep_ == "xcomp"]
        if not kids:
            kids = _clause_of_document(cue)
        if not kids and lemma not in COGNITION_CUES and lemma not in STANCE_CUES:
            kids = [
                c
                for c in cue.children
                if c.dep_ == "dobj" and CUE_FORMS[cue.lower_] not in ("tell", "ask")
            ]
        if kids:
            kid = max(kids, key=lambda c: c.right_edge.i - c.left_edge.i)
            span = (kid.left_edge.i, kid.right_edge.i + 1)
        elif cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i:
            head = cue.head
            if head.lower_ in CUE_FORMS and is_cue(head):
                return None  # "X said ..., our correspondent reports": X's cue holds it
            span = (head.left_edge.i, cue.left_edge.i)
        elif (
            cue.dep_ == "parataxis"
            and cue.head.i > cue.i
            and doc[cue.left_edge.i].text == ","
            and doc[cue.right_edge.i].text == ","
            and cue.right_edge.i + 1 < len(doc)
        ):
            # "The goal, he said, is to redirect an asteroid": what follows the
            # set-off reporting clause is the claim.
            span = (cue.right_edge.i + 1, cue.head.right_edge.i + 1)
        else:
            return None
    i, j = span
    # A reporting clause closing the content is not part of it: '..., and the
    # partnership is deepening, TURAN's Washington correspondent reports'.
    for tok in doc[i + 1 : j]:
        if tok.lower_ not in CUE_FORMS or tok.right_edge.i < j - 1:
            continue
        if tok.dep_ not in ("parataxis", "ccomp", "conj") or not is_cue(tok):
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
        cut = subj[-1].left_edge.i if subj else -1
        if cut > i + 1 and doc[cut - 1].text in ",;—–-" and tok.i - cut <= 6:
            j = cut
            break
    # "there have been 84 deaths and added that ...": a speech cue joined to what
    # was said starts a content of its own.
    for tok in doc[i + 1 : j]:
        if (
            tok.dep_ == "conj"
            and CUE_FORMS.get(tok.lower_) in _GOING_ON
            and is_cue(tok)
            and doc[tok.i - 1].lower_ == "and"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        ):
            j = tok.i - 1
            break
    return _trimmed(doc, i, j)


def _trimmed(doc: Any, i: int, j: int) -> tuple[int, int] | None:
    """[i, j) without a leading "that"/"and" or punctuation, nor trailing stops."""
    while i < j and (doc[i].is_punct or doc[i].lower_ in ("that", "and")):
        if doc[i].lower_ == "that" or doc[i].text in _TRAIL or doc[i].text in DASHES:
            i += 1
        else:
            break
    while j > i and doc[j - 1].text in _TRAIL:
        j -= 1
    return (i, j) if j > i else None
