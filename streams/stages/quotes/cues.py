"""Cue words: which tokens introduce an attribution, and of what class."""

from __future__ import annotations

import logging
from typing import Any

from streams.stages.quotes.patterns import (
    CUE_CLASSES,
    CUE_FORMS,
    SPEECH_OBJECT_CUES,
)

logger = logging.getLogger(__name__)


# Cue forms that are cues only before a given word.
NEEDS_NEXT = {"according": "to", "put": "it", "puts": "it"}


def is_cue(tok: Any) -> bool:
    """Whether a parsed token is a cue: a listed form, used as a verb."""
    if tok.lower_ not in CUE_FORMS:
        return False
    nxt = NEEDS_NEXT.get(tok.lower_)
    if nxt is not None:
        if tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != nxt:
            return False
        if tok.lower_ == "according":
            return True
    if (
        tok.lower_ == "said"
        and tok.i > 0
        and tok.doc[tok.i - 1].tag_ in ("DT", "IN")
        and tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].text[:1].isupper()
    ):
        return False  # "a discussion on said Bill": the legal adjective
    return tok.tag_.startswith("VB")


def sourceless_passive(cue: Any) -> bool:
    """A passive cue without a "by" agent ("is expected to"): it names no speaker."""
    deps = {c.dep_ for c in cue.children}
    return "auxpass" in deps and "agent" not in deps


def cue_class(cue: Any) -> str:
    """What a cue reports: speech, cognition, perception, intention or stance.

    The class comes from the lemma (``CUE_CLASSES``), except that a speech verb
    reports speech only with a clause, a quote or an object that is itself what
    was said ("announced 7,000 job losses"): "The city will add extra ferry
    crossings" or "urged residents to stay home" report no words, and are stance.
    """
    if naming_span(cue) is not None:
        return "speech"  # saying what something is
    cls = lemma_class(cue)
    if cls != "speech":
        return cls
    lemma = CUE_FORMS[cue.lower_]
    deps = {c.dep_ for c in cue.children}
    if deps & {"ccomp", "parataxis"}:
        return "speech"
    if lemma == "recall" and _product_recall(cue):
        return "stance"  # "said it will recall 1.1 million cars"
    if cue.dep_ in ("ccomp", "parataxis") and cue.head.i < cue.i:
        return "speech"  # 'X will win, she said'
    if lemma in SPEECH_OBJECT_CUES:
        if "neg" in deps and "dobj" in deps:
            return "stance"  # "did not reveal the album's title"
        return "speech"
    if any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in cue.children):
        # "calling for fresh elections", "called on the board"
        return "stance" if deps & {"dobj", "xcomp", "prep"} else "speech"
    return "stance" if deps & {"dobj", "xcomp"} else "speech"


# Verbs that say what something is: "called the verdict 'shameful'", "described
# the play as selfish", "termed the win the best of his career".
_NAMING = frozenset({"call", "describe", "term", "label", "dub", "brand"})


def naming_span(cue: Any) -> tuple[int, int] | None:
    """Token range of "X (as) Y" after a naming verb, or None without both."""
    if CUE_FORMS.get(cue.lower_) not in _NAMING:
        return None
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    pred = next(
        (
            c
            for c in cue.children
            if c.i > cue.i
            and (c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as"))
        ),
        None,
    )
    if obj is None or pred is None or pred.i < obj.i:
        return None
    return obj.left_edge.i, pred.right_edge.i + 1


def _product_recall(cue: Any) -> bool:
    """A product recall ("will recall 1.1 million cars"), not "Patel recalled"."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    future = any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "to") for c in cue.children
    )
    counted = any(c.dep_ == "nummod" for c in obj.children)
    return future or counted


def lemma_class(cue: Any) -> str:
    """The class of a cue's lemma alone, for a quote whose content is quoted."""
    return CUE_CLASSES.get(CUE_FORMS[cue.lower_], "speech")
