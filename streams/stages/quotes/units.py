"""Sentence units to parse: sentences holding a quote, a cue word or a colon.

Quoted contents are masked by a short placeholder so that long quotes stay out of
the parser, which is where the time goes.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from typing import Any

from streams.stages.quotes.cues import NEEDS_NEXT
from streams.stages.quotes.lexicon import (
    ABBREVIATIONS,
)
from streams.stages.quotes.marks import Part
from streams.stages.quotes.patterns import (
    CUE_CLASSES,
    CUE_FORMS,
)

logger = logging.getLogger(__name__)


PLACEHOLDER = "Yes"
# Words after a sentence-final quote searched for a cue ("Smith said", "the
# State Department spokesman said" fit in four).
_SPLIT_LOOKAHEAD = 4
# A set lookup over the words of a sentence: a regex alternation of the ~400 cue
# forms with IGNORECASE took three quarters of the pre-parse time.
_CUE_WORDS = frozenset(CUE_FORMS)
# Cue words that after a quote's full stop still attribute it ('"We will win."
# Smith said.'); '"..." The committee considered ...' starts a new sentence.
_SPEECH_WORDS = frozenset(
    form for form, lemma in CUE_FORMS.items() if CUE_CLASSES.get(lemma) is None
)
_DETERMINERS = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this"}
    | {"these", "those", "every", "each", "no", "any", "some"}
)
# Words that make a cue form a noun: "in support", "for comment", "reports from",
# "the so-called". On PolNeAR train, sentences whose only cue forms followed a
# preposition (45) or preceded "from" (20) held no gold attribution.
_NOT_BEFORE_VERB = _DETERMINERS | {"for", "of", "in", "by", "so"}
_NOT_AFTER_VERB = frozenset({"from"})
# Anchored at the first of a run of end marks and possessive, so a long run of dots
# or "!?" is matched once instead of retried from every position (quadratic).
# A sentence may open with a straight single mark: NYT text quotes with ''...''.
_SENT_END = re.compile(r"(?<![.!?])[.!?]++[\"”’»')]*+\s+(?=[\"“‘«'(A-Z0-9])")
WORD = re.compile(r"\w+")
# A wire dateline opening a paragraph: 'RENO, Nev. (AP) — '.
_DATELINE = re.compile(
    r"[A-Z][A-Z .'-]+(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?\s*"
    r"\((?:AP|Reuters|AFP|UPI|CNN)\)\s*[—–-]+\s*"
)


@dataclass(slots=True)
class Unit:
    """A sentence to parse, with quote contents replaced by a placeholder."""

    text: str
    segs: list[tuple[int, int, int, int]]  # unit start, orig start, length, part
    starts: list[int]
    doc: Any = None

    def to_orig(self, u: int) -> int:
        """Map a unit offset to an article offset."""
        k = max(0, bisect.bisect_right(self.starts, u) - 1)
        ustart, ostart, length, part = self.segs[k]
        if part >= 0:
            return ostart if u <= ustart else ostart + length
        return ostart + min(u - ustart, length)

    def part_at(self, u: int) -> int:
        """The part whose placeholder starts at unit offset ``u``, else -1."""
        k = bisect.bisect_right(self.starts, u) - 1
        if k >= 0 and self.segs[k][0] == u:
            return self.segs[k][3]
        return -1


def _sentences(masked: str) -> list[tuple[int, int]]:
    """Split a masked paragraph into sentences, skipping abbreviations."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(masked):
        if masked[m.start()] == ".":
            word = masked[masked.rfind(" ", start, m.start()) + 1 : m.start()]
            word = word.lower().lstrip('"“‘«(')
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(masked):
        out.append((start, len(masked)))
    return out


def _has_cue(sent: str) -> bool:
    """Whether a sentence holds a cue word form that may be a verb.

    A form after a determiner ("his plan", "the report", "a call") is a noun, and
    a sentence whose only cue forms are such nouns is not parsed.
    """
    words = WORD.findall(sent.lower())
    if _CUE_WORDS.isdisjoint(words):
        return False
    prev = ""
    for i, word in enumerate(words):
        if word in _CUE_WORDS and prev not in _NOT_BEFORE_VERB:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if word in NEEDS_NEXT:
                if nxt == NEEDS_NEXT[word]:
                    return True
            elif nxt not in _NOT_AFTER_VERB:
                return True
        prev = word
    return False


def _placeholder(text: str, p: Part) -> str:
    """The mask of a quote: with a full stop when the quote ends its sentence.

    '... on "knuckleheaded politicians." His comments came ...' must split after
    the quote; '"We will win." Smith said.' must not, so the stop is kept only
    when no cue word follows within a few words.
    """
    content = text[p.start : p.end].rstrip()
    if not p.closed or not content or content[-1] not in ".!?":
        return PLACEHOLDER
    nxt = text[p.end + 1 : p.end + 60].lstrip()
    if not nxt[:1].isupper():
        return PLACEHOLDER
    words = WORD.findall(nxt.lower())[:_SPLIT_LOOKAHEAD]
    if not _SPEECH_WORDS.isdisjoint(words):
        return PLACEHOLDER
    return PLACEHOLDER + "."


def sentence_units(text: str, parts: list[Part], max_chars: int) -> list[Unit]:
    """Sentences holding a quote or a cue word, with quotes masked."""
    phlen: dict[int, int] = {}
    units: list[Unit] = []
    pi = 0
    pos = 0
    n = len(text)
    while pos < n:
        eol = text.find("\n", pos)
        eol = n if eol < 0 else eol
        segs: list[tuple[int, int, int, int]] = []
        pieces: list[str] = []
        u = 0
        cur = pos
        dateline = _DATELINE.match(text, pos, eol)
        if dateline is not None:
            cur = dateline.end()  # 'RENO, Nev. (AP) — ' misleads the parser
        while pi < len(parts) and parts[pi].start <= eol:
            p = parts[pi]
            if not p.candidate:
                pi += 1
                continue
            if p.start > cur:
                segs.append((u, cur, p.start - cur, -1))
                pieces.append(text[cur : p.start])
                u += p.start - cur
            if p.open > 0 and text[p.open - 1] in ":,;":
                # 'said:'We ...': the tokenizer would glue "said:'Yes" into one.
                segs.append((u, p.start, 0, -1))
                pieces.append(" ")
                u += 1
            segs.append((u, p.start, p.end - p.start, pi))
            ph = _placeholder(text, p)
            phlen[pi] = len(ph)
            pieces.append(ph)
            u += len(ph)
            cur = p.end
            pi += 1
        if eol > cur:
            segs.append((u, cur, eol - cur, -1))
            pieces.append(text[cur:eol])
        masked = "".join(pieces)
        starts = [s[0] for s in segs]
        for a, b in _sentences(masked):
            sent = masked[a:b]
            if len(sent) > max_chars or not sent.strip():
                continue
            k0 = max(0, bisect.bisect_right(starts, a) - 1)
            k1 = bisect.bisect_left(starts, b)
            sub = []
            for us, os_, ln, part in segs[k0:k1]:
                plen = phlen[part] if part >= 0 else ln
                lo, hi = max(us, a), min(us + plen, b)
                if lo >= hi:
                    continue
                if part >= 0:
                    sub.append((lo - a, os_, ln, part))
                else:
                    sub.append((lo - a, os_ + (lo - us), hi - lo, -1))
            has_part = any(s[3] >= 0 for s in sub)
            colon = sent.rstrip().endswith(":")
            if sub and (has_part or colon or _has_cue(sent)):
                units.append(Unit(sent, sub, [s[0] for s in sub]))
        pos = eol + 1
    return units
