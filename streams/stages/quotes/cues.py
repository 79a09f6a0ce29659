"""Cue words: which tokens introduce an attribution, and of what class."""

from __future__ import annotations

import logging
from typing import Any

from streams.stages.quotes.patterns import (
    CUE_FORMS,
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
    return tok.tag_.startswith("VB")


def sourceless_passive(cue: Any) -> bool:
    """A passive cue without a "by" agent ("is expected to"): it names no speaker."""
    deps = {c.dep_ for c in cue.children}
    return "auxpass" in deps and "agent" not in deps
