"""Quote marks: pair curly, straight, German and French marks into quoted parts.

No library pairs marks across paragraphs and mixed conventions; titles and markup
values in marks are set aside so they never become quotes.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from streams.records import Speaker
from streams.stages.quotes.patterns import (
    CLOSERS,
    OPENERS,
    SINGLE_OPENERS,
)

logger = logging.getLogger(__name__)


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’&.-]*")
_TITLE_SMALL = frozenset(
    {"a", "an", "the", "of", "and", "for", "with", "in", "on", "at", "to", "by", "or"}
)
# Titles of shows and works on train are at most six words; longer title-case
# stretches are slogans or headlines quoted as speech.
_TITLE_MAX_WORDS = 6


@dataclass(slots=True)
class Part:
    """One quoted stretch inside one paragraph."""

    open: int
    start: int  # content start (after the mark)
    end: int  # content end (before the closing mark, or paragraph end)
    closed: bool
    prev: int | None = None  # previous part of a multi-paragraph quote
    candidate: bool = True  # False: a phrase inside a sentence, left for the parser
    title: bool = False  # a title, a show or a markup value: never a quote
    cue: Any = None
    speaker: Speaker | None = None
    how: str = "unresolved"
    kind: str | None = None  # None: not emitted


def _valid_single(text: str, i: int, opening: bool) -> bool:
    """Whether a single mark at i opens (or closes) a quote, not an apostrophe."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if opening:
        return not before.isalnum() and after.isalnum()
    return not after.isalnum() and not before.isspace()


def _double_turned(text: str, i: int, opening: bool) -> bool:
    """Whether a curly double mark at i is set the wrong way round.

    Some sources open with ” ('”Mr. Trump embodies ...”') or close with “
    ('“It's unusual,“ said ...'); the mark's place between a space and a word
    tells which it is.
    """
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if opening:
        return (before.isspace() or before in "([") and after.isalnum()
    return not before.isspace() and not after.isalnum()


_MARK = re.compile("[" + re.escape("".join(sorted(OPENERS | {"”"}))) + "]")
# Closing marks of each opener, with “ for the turned closing of “ ('...,“ said').
_CLOSER_RE = {
    c: re.compile("[" + re.escape("".join(sorted(set(c) | {"“"}))) + "]")
    for c in {*CLOSERS.values(), '”"'}
}
# Wire copy typed on old keyboards closes a straight quote with two apostrophes
# ('"I guess I'm stating the obvious,'' he said').
_CLOSER_RE[CLOSERS['"']] = re.compile("[" + re.escape('"”“') + "]|''")


def scan_marks(text: str) -> list[Part]:
    """Pair quote marks paragraph by paragraph (the paragraph is a line)."""
    parts: list[Part] = []
    pos = 0
    n = len(text)
    open_prev: int | None = None
    while pos < n:
        eol = text.find("\n", pos)
        eol = n if eol < 0 else eol
        i = pos
        first = True
        while i < eol:
            # Jump to the next mark: a loop over every character took a third of
            # the stage's own time.
            m = _MARK.search(text, i, eol)
            if m is None:
                break
            k = m.start()
            if first and not text[i:k].isspace() and k > i:
                first = False
            i = k
            ch = text[i]
            turned = ch == "”" and _double_turned(text, i, True)
            if (ch not in OPENERS and not turned) or (
                ch in SINGLE_OPENERS and not _valid_single(text, i, True)
            ):
                first = False
                i += 1
                continue
            closers = _CLOSER_RE['”"' if turned else CLOSERS[ch]]
            j = i + 1
            while True:
                c = closers.search(text, j, eol)
                if c is None:
                    j = eol
                    break
                j = c.start()
                if text[j] == "“":
                    if ch == "“" and _double_turned(text, j, False):
                        break
                    if turned or "“" not in CLOSERS[ch]:
                        j += 1
                        continue
                if ch not in SINGLE_OPENERS or _valid_single(text, j, False):
                    break
                j += 1
            prev = open_prev if first and open_prev is not None else None
            part = Part(i, i + 1, j, j < eol, prev)
            parts.append(part)
            open_prev = None if part.closed else len(parts) - 1
            first = False
            i = j + 1
        if (
            open_prev is not None
            and parts[open_prev].open < pos
            and text[pos:eol].strip()
        ):
            open_prev = None  # a continuation must start the next paragraph
        pos = eol + 1
    for p in parts:
        p.title = _is_title(text, p)
        p.candidate = not p.title and _is_candidate(text, p)
    return parts


def _is_title(text: str, p: Part) -> bool:
    """Whether a quoted stretch names a work or show, or is a markup value.

    Train articles cite shows and titles in marks ('on “Meet the Press.”',
    'datetime="2016-06-29"'); PolNeAR does not annotate them and they were the
    largest class of false direct quotes.
    """
    if not p.closed or p.prev is not None:
        return False
    if p.open > 0 and text[p.open - 1] == "=":
        return True
    content = text[p.start : p.end].strip()
    words = _TITLE_WORD.findall(content)
    if not words:
        return True
    if len(words) > _TITLE_MAX_WORDS or content.endswith(("!", "?")):
        return False
    return words[0][0].isupper() and all(
        w[0].isupper() or w.lower() in _TITLE_SMALL for w in words
    )


def _is_candidate(text: str, p: Part) -> bool:
    """Whether a quoted stretch may be a quotation rather than a phrase in a sentence.

    Quotations end in punctuation inside or right after the closing mark (or run on
    to the next paragraph); an unpunctuated span mid-sentence ('Iran "remains" as')
    is a scare quote, a title, or a partial quote inside indirect speech.
    """
    if not p.closed or p.prev is not None:
        return True
    content = text[p.start : p.end].rstrip()
    after = text[p.end + 1 : p.end + 2]
    return bool(content) and (
        content[-1] in ".,!?…:;" or after in (",", ".", "!", "?", ":", ";")
    )
