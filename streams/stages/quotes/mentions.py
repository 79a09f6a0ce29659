"""Speaker mentions: clean names, first-name genders, and who can speak at all.

A speaker is a person, an organisation, a group of people or a named medium
(DESIGN.md). Names never keep a leading conjunction, preposition, adverb or
title word ("But Mickelson", "Councillor James Whitfield"); relative pronouns,
quantifiers, documents and things ("who", "many", "a statement", "fear") are no
speakers by themselves. spaCy's small English model has no noun classes for
"can speak", so the lexicons (in ``lexicon.py``) are hand lists, checked on the
development set (benchmarks/bench_attribution.py).
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path
from typing import Any

from streams.stages.quotes.lexicon import (
    BODY_NOUNS,
    CALENDAR_WORDS,
    DEMONYMS,
    DOCUMENT_WORDS,
    FEMALE_HONORIFICS,
    FEMALE_NAMES,
    FUNCTION_WORDS,
    GROUP_WORDS,
    HONORIFICS,
    MALE_HONORIFICS,
    MALE_NAMES,
    ORG_NOUNS,
    QUANTIFIERS,
    RELATIVES,
    ROLE_WORDS,
    SPEAKING_NOUNS,
    TITLE_WORDS,
)
from streams.stages.quotes.patterns import (
    CUE_FORMS,
)

__all__ = [
    "can_speak",
    "clean_name",
    "first_name_gender",
    "gender_of",
    "is_title_word",
    "mention_tokens",
    "split_title",
]

logger = logging.getLogger(__name__)

_FIRST_NAMES = Path(__file__).with_name("first_names.tsv")

# Honours and offices written after a name.
_POSTNOMINALS = frozenset(
    "OBE MBE CBE KBE DBE QC KC MP MEP MLA MSP MPP TD PhD MD Esq".split()
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Dependents of a speaker's head word that belong to the mention itself.
_MENTION_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "flat", "nummod", "case", "quantmod"}
)


@cache
def _lexicon() -> dict[str, str]:
    """First name -> "f" or "m": US SSA baby names (public domain), hand lists on top.

    The SSA counts are built into ``first_names.tsv`` by
    ``scripts/build_first_names.py``; the hand lists in ``lexicon.py`` add names
    of politicians and officials that US births under-represent.
    """
    # Words that are titles, roles or bodies before they are names ("Judge",
    # "Press", "Court"): "Judge Ellis" and "Press Secretary" name no first name.
    common = (
        TITLE_WORDS | ROLE_WORDS | HONORIFICS | BODY_NOUNS | ORG_NOUNS | GROUP_WORDS
    ) | (FUNCTION_WORDS | DEMONYMS)
    out: dict[str, str] = {}
    for line in _FIRST_NAMES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, sex = line.split("\t")
            if name not in common:
                out[name] = sex
    out.update(dict.fromkeys(FEMALE_NAMES, "f"))
    out.update(dict.fromkeys(MALE_NAMES, "m"))
    return out


def first_name_gender(word: str) -> str | None:
    """The gender ("f"/"m") a first name is almost always given to, else None."""
    return _lexicon().get(word.lower().strip(".,'’"))


def gender_of(name: str, mention: str = "") -> str | None:
    """Gender of a person from an honorific in the mention or the first name."""
    for word in mention.lower().replace(".", " ").split()[:3]:
        if word in FEMALE_HONORIFICS:
            return "f"
        if word in MALE_HONORIFICS:
            return "m"
    words = name.split()
    return first_name_gender(words[0]) if len(words) > 1 else None


def is_title_word(word: str) -> bool:
    """Whether a word is a title or role that belongs to the role, not the name."""
    low = word.lower().rstrip(".")
    return low in TITLE_WORDS or low in HONORIFICS or low in ROLE_WORDS


def split_title(name: str) -> tuple[str, str | None]:
    """Split "Mayor Linda Okafor" into ("Linda Okafor", "Mayor").

    Everything up to the last title word is role ("NASA Administrator Charles
    Bolden" -> "Charles Bolden", "NASA Administrator"), so that a title never
    stays in a canonical name; a name of title words only is returned unchanged.
    """
    words = name.split()
    last = max((i for i, w in enumerate(words[:-1]) if is_title_word(w)), default=-1)
    if last < 0 and len(words) >= 3 and first_name_gender(words[0]) is None:
        # "United Louis van Gaal", "FC Goa Carlos Pena": a club or place glued on
        # before a known first name.
        last = next(
            (i - 1 for i, w in enumerate(words[1:-1], 1) if first_name_gender(w)), -1
        )
    if last < 0:
        return name, None
    if last + 2 < len(words) and words[last + 1].lower() in ("of", "for", "on"):
        # "Secretary of State Marco Rubio": the name starts at a known first
        # name, else it is the last word ("Secretary of State Blinken").
        first = next(
            (j for j in range(last + 2, len(words) - 1) if first_name_gender(words[j])),
            len(words) - 1,
        )
        last = first - 1
    rest = words[last + 1 :]
    if len(rest) >= 3 and first_name_gender(rest[0]) is None:
        # "Secretary Commerce Gina Raimondo": a portfolio left before the name.
        last += next(
            (i for i, w in enumerate(rest[1:-1], 1) if first_name_gender(w)), 0
        )
    return " ".join(words[last + 1 :]), " ".join(words[: last + 1])


def clean_name(text: str) -> str:
    """A name without leading function, title or cue words, or a possessive."""
    words = text.split()
    while len(words) > 1 and (
        words[0].lower() in FUNCTION_WORDS
        or words[0].lower().rstrip(".") in HONORIFICS
        or words[0].lower() in ROLE_WORDS
        or words[0].lower() in ("the", "a", "an", "this", "that")
        or words[0].lower() in CALENDAR_WORDS  # "(On) Tuesday Mueller"
        or (  # 'Said Ellis:', 'Stated Stone:' parsed as one name
            words[0].lower() in CUE_FORMS and first_name_gender(words[0]) is None
        )
    ):
        words = words[1:]
    while len(words) > 2 and words[-1].strip(",.") in _POSTNOMINALS:
        words = words[:-1]  # "Stephen Parnaby OBE"
    name = " ".join(words) if words else text
    return _POSSESSIVE.sub("", name).strip(" ,.;:")


def can_speak(head_lower: str) -> bool:
    """Whether a common noun can head a speaker (a person, a group, a body)."""
    word = head_lower.strip(".,'’")
    if word.endswith("s") and (
        word[:-1] in SPEAKING_NOUNS
        or word[:-1] in ROLE_WORDS
        or word[:-1] in TITLE_WORDS
    ):
        return True  # plurals: "riders", "coaches", "prosecutors"
    if word in DOCUMENT_WORDS or word in QUANTIFIERS or word in RELATIVES:
        return False
    if (
        word in SPEAKING_NOUNS
        or word in ROLE_WORDS
        or word in GROUP_WORDS
        or word in TITLE_WORDS
    ):
        return True
    if word.endswith("-old"):
        return True  # "the 47-year-old"
    # Agent nouns: scientist, physician, participant, spokesperson.
    return word.endswith(("ist", "ists", "ian", "ians", "ant", "ants", "person"))


def mention_tokens(head: Any) -> list[Any]:
    """Return the tokens of the noun phrase headed by ``head`` (no clauses)."""
    keep = [head]
    for child in head.children:
        if child.dep_ in _MENTION_DEPS or (
            child.dep_ == "prep"
            and child.lower_ in ("of", "for", "at")
            and head.lower_ in ROLE_WORDS
            and child.i > head.i
        ):
            keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    # The phrase must be contiguous: cut at the first gap around the head.
    out = [head]
    idx = {t.i for t in keep}
    i = head.i - 1
    # A mention stops at a cue verb or a closing mark: '"...," tweeted Rubio
    # spokesman Alex Conant' is often parsed with both inside the name.
    while i in idx and not _stops_mention(head.doc[i]):
        out.insert(0, head.doc[i])
        i -= 1
    i = head.i + 1
    while i in idx:
        out.append(head.doc[i])
        i += 1
    while len(out) > 1 and out[0].is_punct:
        out = out[1:]
    while len(out) > 1 and out[-1].is_punct:
        out = out[:-1]
    return out


def _stops_mention(tok: Any) -> bool:
    return tok.tag_ == "''" or (tok.lower_ in CUE_FORMS and tok.tag_[:2] == "VB")
