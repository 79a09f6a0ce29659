"""Quote and attribution extraction stage: CleanedArticle -> [Quote].

Reads ``article_id`` and ``text`` of a CleanedArticle; writes Quote records
(quote_id, article_id, kind, text, start, end, cue, speaker, confidence) whose
offsets always satisfy ``article.text[start:end] == quote.text``.

Quote marks are paired by a scanner (no library pairs curly, straight, German and
French marks across paragraphs); titles and markup values in marks are set aside.
The quoted contents are then masked by a short placeholder and only the sentences
that hold a quote, a cue word (not after a determiner) or end in a colon are
parsed by spaCy, in batches with ``nlp.pipe`` and without its entity recognizer,
which runs on the proper-noun phrases that may name a speaker only
(``entities.py``). Masking keeps long quotes out of the parser, which is where
the time goes.

Besides quotes with a cue, the stage attributes: quotes in the paragraph after
'X said:', 'Speaker: "..."' and '"...," – Name' forms, quoted phrases inside a
cued sentence that no content clause covers, indirect speech and stance cues
(PolNeAR's wider notion of attribution: "Cruz is praising Bush as ..."), and
"according to" sources. An indirect content that holds a quote is "mixed".
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from streams.errors import StageError
from streams.records import CleanedArticle, Cue, Quote, Speaker
from streams.stages.entities import tag_mentions
from streams.stages.nlp import get_nlp
from streams.stages.patterns import (
    ABBREVIATIONS,
    CLOSERS,
    COGNITION_CUES,
    CUE_FORMS,
    DASHES,
    OPENERS,
    SINGLE_OPENERS,
    STANCE_CUES,
)
from streams.stages.speakers import SpeakerResolver

__all__ = ["QuoteConfig", "QuoteExtractor", "extract_quotes"]

logger = logging.getLogger(__name__)

_PLACEHOLDER = "Yes"
# Words after a sentence-final quote searched for a cue ("Smith said", "the
# State Department spokesman said" fit in four).
_SPLIT_LOOKAHEAD = 4
# A set lookup over the words of a sentence: a regex alternation of the ~400 cue
# forms with IGNORECASE took three quarters of the pre-parse time.
_CUE_WORDS = frozenset(CUE_FORMS)
_DETERMINERS = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this"}
    | {"these", "those", "every", "each", "no", "any", "some"}
)
# Words that make a cue form a noun: "in support", "for comment", "reports from",
# "the so-called". On PolNeAR train, sentences whose only cue forms followed a
# preposition (45) or preceded "from" (20) held no gold attribution.
_NOT_BEFORE_VERB = _DETERMINERS | {"for", "of", "in", "by", "so"}
_NOT_AFTER_VERB = frozenset({"from"})
# Cue forms that are cues only before a given word.
_NEEDS_NEXT = {"according": "to", "put": "it", "puts": "it"}
# Anchored at the first of a run of end marks and possessive, so a long run of dots
# or "!?" is matched once instead of retried from every position (quadratic).
# A sentence may open with a straight single mark: NYT text quotes with ''...''.
_SENT_END = re.compile(r"(?<![.!?])[.!?]++[\"”’»')]*+\s+(?=[\"“‘«'(A-Z0-9])")
_TRAIL = ".,;:"
_WORD = re.compile(r"\w+")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’&.-]*")
_TITLE_SMALL = frozenset(
    {"a", "an", "the", "of", "and", "for", "with", "in", "on", "at", "to", "by", "or"}
)
# Titles of shows and works on train are at most six words; longer title-case
# stretches are slogans or headlines quoted as speech.
_TITLE_MAX_WORDS = 6
# A wire dateline opening a paragraph: 'RENO, Nev. (AP) — '.
_DATELINE = re.compile(
    r"[A-Z][A-Z .'-]+(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?\s*"
    r"\((?:AP|Reuters|AFP|UPI|CNN)\)\s*[—–-]+\s*"
)
_PROPN = ("NNP", "NNPS")  # Penn tags: no attribute_ruler, so no coarse POS
# A signature after a quote: '”― Pamela Padilla', '" — David Martosko (@dm)'. Up to
# five capitalised words, then the end of the line or a comma, stop or bracket.
_SIGNATURE = re.compile(
    r"[”\"’»']*[ \t\u00a0]*[-–—―]+[ \t\u00a0]*"
    r"([A-Z][\w'’.-]*(?:[ \u00a0]+(?:[A-Z][\w'’.-]*|de|la|van|von|del|da)){0,4})"
    r"(?=[ \t\u00a0]*(?:$|[,.(@]))",
    re.MULTILINE,
)
_NOMINAL = frozenset({"NNP", "NNPS", "NN", "NNS", "PRP"})
_NO_SPEAKER = frozenset({"it", "there", "what", "that", "this", "which", "yes"})
# Prepositions whose object is what a stance verb is about ("called for X").
_STANCE_PREPS = frozenset({"for", "about", "on", "against", "of", "over", "as"})


@dataclass(frozen=True, slots=True)
class QuoteConfig:
    """Quote extraction settings (numbers chosen on PolNeAR train, see benchmarks)."""

    # Quoted spans shorter than this with no cue are scare quotes or titles.
    min_words: int = 4
    # A quote inside a sentence with no cue word is kept only from this length up:
    # below it, train articles showed mostly slogans and titles of works.
    min_embedded_words: int = 8
    # A quoted phrase inside a cued sentence (not punctuated as a quotation) is an
    # attribution of its own from this length up: on PolNeAR train, uncovered
    # phrases of 3+ words overlapped a gold content 46 times to 25, shorter ones
    # 40 times to 143.
    min_phrase_words: int = 3
    # Indirect contents shorter than this are dropped. PolNeAR annotates one-word
    # contents ("said so", "said yes", "said that"); 1 beat 3 on train (all F1
    # 0.738 -> 0.755).
    min_indirect_words: int = 1
    # Sentences longer than this are not parsed (runaway text without full stops).
    max_unit_chars: int = 3000
    batch_size: int = 128  # nlp.pipe batch; 64-256 measured within 3 % of each other
    # Confidence by how the speaker was found: a stated name is the most reliable.
    confidence: dict[str, float] = field(
        default_factory=lambda: {
            "explicit": 0.9,
            "alias": 0.85,
            "pronoun": 0.75,
            "title": 0.75,
            "inherited": 0.6,
            "unresolved": 0.3,
        }
    )
    indirect_penalty: float = 0.1  # content clause bounds come from the parse


@dataclass(slots=True)
class _Part:
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


@dataclass(slots=True)
class _Unit:
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


def _qid(article_id: str, start: int, end: int) -> str:
    key = f"{article_id}:{start}:{end}".encode()
    return hashlib.blake2b(key, digest_size=8).hexdigest()


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


def _scan(text: str) -> list[_Part]:
    """Pair quote marks paragraph by paragraph (the paragraph is a line)."""
    parts: list[_Part] = []
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
            part = _Part(i, i + 1, j, j < eol, prev)
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


def _is_title(text: str, p: _Part) -> bool:
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


def _is_candidate(text: str, p: _Part) -> bool:
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
    words = _WORD.findall(sent.lower())
    if _CUE_WORDS.isdisjoint(words):
        return False
    prev = ""
    for i, word in enumerate(words):
        if word in _CUE_WORDS and prev not in _NOT_BEFORE_VERB:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if word in _NEEDS_NEXT:
                if nxt == _NEEDS_NEXT[word]:
                    return True
            elif nxt not in _NOT_AFTER_VERB:
                return True
        prev = word
    return False


def _placeholder(text: str, p: _Part) -> str:
    """The mask of a quote: with a full stop when the quote ends its sentence.

    '... on "knuckleheaded politicians." His comments came ...' must split after
    the quote; '"We will win." Smith said.' must not, so the stop is kept only
    when no cue word follows within a few words.
    """
    content = text[p.start : p.end].rstrip()
    if not p.closed or not content or content[-1] not in ".!?":
        return _PLACEHOLDER
    nxt = text[p.end + 1 : p.end + 60].lstrip()
    if not nxt[:1].isupper():
        return _PLACEHOLDER
    words = _WORD.findall(nxt.lower())[:_SPLIT_LOOKAHEAD]
    if not _CUE_WORDS.isdisjoint(words):
        return _PLACEHOLDER
    return _PLACEHOLDER + "."


def _units(text: str, parts: list[_Part], max_chars: int) -> list[_Unit]:
    """Sentences holding a quote or a cue word, with quotes masked."""
    phlen: dict[int, int] = {}
    units: list[_Unit] = []
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
                units.append(_Unit(sent, sub, [s[0] for s in sub]))
        pos = eol + 1
    return units


def _is_cue(tok: Any) -> bool:
    if tok.lower_ not in CUE_FORMS:
        return False
    nxt = _NEEDS_NEXT.get(tok.lower_)
    if nxt is not None:
        if tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != nxt:
            return False
        if tok.lower_ == "according":
            return True
    return tok.tag_.startswith("VB")


def _before_marks(doc: Any, tok: Any) -> list[Any]:
    """Up to three tokens before ``tok``, without opening marks and spaces."""
    return [
        t
        for t in doc[max(0, tok.i - 4) : tok.i]
        if t.text not in "\"“‘«'" and t.text != "''" and not t.is_space
    ]


def _headed_name(doc: Any, tok: Any) -> Any | None:
    """The name heading a quote after a dash or at the sentence start.

    'Pollsters agree - Carl Bialik: "..."' names the quote's speaker even though
    a cue verb comes first; a name after a cue ('Trump told CNN: "..."') does not.
    """
    before = _before_marks(doc, tok)
    if len(before) < 2 or before[-1].text != ":" or before[-2].tag_ not in _PROPN:
        return None
    name = before[-2]
    i = name.i
    while i > 0 and doc[i - 1].tag_ in _PROPN:
        i -= 1
    if i > 0 and doc[i - 1].text not in DASHES:
        return None
    while name.head.i != name.i and name.head.tag_ in _PROPN:
        name = name.head
    return name


def _subject(cue: Any) -> Any | None:
    """Head token of who speaks for a cue (subject, agent, "according to" object)."""
    if cue.lower_ == "according":
        for to in cue.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
        nxt = cue.doc[cue.i + 1]
        return next((c for c in nxt.children if c.dep_ == "pobj"), None)
    verb = cue
    for _ in range(2):
        subj = None
        for child in verb.children:
            if child.dep_ == "agent":
                subj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if subj is not None:
                    return subj
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            named = [c for c in subjects if c.tag_ in ("NNP", "NNPS", "PRP")]
            subj = (named or subjects)[0]
        if subj is not None:
            if subj.lower_ in ("there", "what", "that"):
                return None
            if subj.lower_ == "it" and (
                subj.dep_ != "nsubj" or not verb.tag_.startswith("VB")
            ):
                return None  # 'it is said that', 'it was reported'
            if subj.lower_ == "it" and any(c.dep_ == "auxpass" for c in verb.children):
                return None
            inverted = _inverted(cue, subj)
            return inverted if inverted is not None else _before_parens(subj)
        if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
            break
        verb = verb.head
    return _left_noun(cue) or _right_name(cue) or _governor_subject(cue)


def _sourceless_passive(cue: Any) -> bool:
    """A passive cue without a "by" agent ("is expected to"): it names no speaker."""
    deps = {c.dep_ for c in cue.children}
    return "auxpass" in deps and "agent" not in deps


def _governor_subject(cue: Any) -> Any | None:
    """Subject of the verb that governs a participle cue.

    '... deflected questions before saying, "..."', 'punctuated his list by saying
    "..."', 'issued a statement Tuesday saying, "..."': the participle hangs off a
    preposition or a noun, and who speaks is the subject of the clause above.
    """
    if cue.tag_ != "VBG":
        return None
    tok = cue
    for _ in range(4):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.tag_.startswith("VB"):
            subj = next(
                (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None
            )
            if subj is not None:
                if subj.lower_ in _NO_SPEAKER:
                    return None
                return _before_parens(subj)
    return None


_CALENDAR = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "today",
        "yesterday", "tonight", "last", "this", "in", "on", "at",
    }
)  # fmt: skip


def _right_name(cue: Any) -> Any | None:
    """The name right after a cue the parser left without a subject.

    '"...," said Skelly' and 'Said Ellis: "..."' are often parsed with the name
    as an adverb or a compound: the inverted subject is the capitalised run (or
    "he"/"she") that follows a finite cue verb.
    """
    doc = cue.doc
    after_quote = cue.i > 0 and doc[cue.i - 1].tag_ == "''"
    if cue.tag_ not in ("VBD", "VBZ", "VBP") and not (
        cue.tag_ == "VBN" and after_quote  # '"...," added Zarate' as a modifier
    ):
        return None
    i = cue.i + 1
    if i >= len(doc):
        return None
    tok = doc[i]
    if tok.lower_ in ("he", "she"):
        return tok
    if tok.lower_ in ("a", "an", "the", "another") and after_quote:
        # '"...," added another New Hampshire Republican', '"...," tweeted another'
        if tok.head.i > tok.i and tok.head.tag_ in _NOMINAL:
            return tok.head
        return tok if tok.lower_ == "another" else None
    if not tok.text[:1].isupper() or tok.lower_ in _CALENDAR:
        return None
    if not tok.is_alpha and not tok.text.endswith("."):
        return None
    while (
        i + 1 < len(doc)
        and doc[i + 1].text[:1].isupper()
        and (doc[i + 1].is_alpha or doc[i + 1].text.endswith("."))
    ):
        i += 1
    tok = doc[i]
    # 'tweeted Rubio spokesman Alex Conant': the run modifies a later head noun.
    while tok.head.i > tok.i and tok.head.tag_ in _NOMINAL and tok.dep_ == "compound":
        tok = tok.head
    return tok


def _inverted(cue: Any, subj: Any) -> Any | None:
    """The name after a cue when the parsed subject lies before a quote.

    'They ''actually had chemistry,''  said Benjamin J. Rhodes' is parsed with
    "They", inside the quote, as the subject of "said".
    """
    doc = cue.doc
    if subj.i > cue.i or cue.tag_ != "VBD" or cue.i + 1 >= len(doc):
        return None
    if not any(t.text == _PLACEHOLDER for t in doc[subj.i + 1 : cue.i]):
        return None
    return _right_name(cue)


# Cue lemmas whose bare participle after a name is an active verb mis-tagged
# ('Romney, the 2012 nominee, tweeted in response:'), not a reduced passive
# ('Trump, asked about ...').
_ACTIVE_PARTICIPLES = frozenset(
    {"say", "tweet", "add", "write", "note", "explain", "continue", "reply"}
    | {"respond", "declare", "state", "post", "insist", "argue", "joke"}
)


def _insert_subject(doc: Any, i: int) -> Any | None:
    """The name before a comma-set insert ending at token ``i`` (a comma).

    'Col. Steven H. Warren, a military spokesman in Baghdad, said' and
    'Mr. Daniloff, now 81 and retired in Cambridge, Mass., said' are often parsed
    with no subject: the name is the proper noun before one of the (up to three)
    commas that open the insert, a subject by preference.
    """
    found = []
    j = i - 1
    commas = 0
    while j > 0 and commas < 3:
        tok = doc[j]
        if tok.text == _PLACEHOLDER or tok.text in ".;:" or tok.tag_ in ("``", "''"):
            break
        if tok.text == ",":
            commas += 1
            prev = doc[j - 1]
            if prev.tag_ in _PROPN and prev.dep_ not in ("pobj", "dobj"):
                found.append(prev)
        j -= 1
    if not found:
        return None
    return next((t for t in reversed(found) if t.dep_ in ("nsubj", "ROOT")), found[0])


def _left_noun(cue: Any) -> Any | None:
    """The noun right before a finite cue verb the parser left without a subject.

    'Trump described ...' after a fronted participle clause, or '"...?" the
    43-year-old asked' are often parsed with no subject at all.
    """
    doc = cue.doc
    if cue.i == 0:
        return None
    aux = [c for c in cue.children if c.dep_ in ("aux", "auxpass")]
    perfect = bool(aux) and all(
        c.dep_ == "aux" and c.lower_ in ("had", "has", "have") for c in aux
    )
    if cue.tag_ == "VBN" and not perfect:
        # 'Trump described ...' mis-tagged as a participle: only right after a
        # name, or after a comma-set insert for verbs rarely used as passives.
        if aux:
            return None
        prev = doc[cue.i - 1]
        if prev.text == "," and CUE_FORMS[cue.lower_] in _ACTIVE_PARTICIPLES:
            return _insert_subject(doc, cue.i - 1)
        if prev.tag_ not in (*_PROPN, "PRP"):
            return None
    elif cue.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return None
    i = cue.i - 1
    while i >= 0:
        tok = doc[i]
        if tok.tag_ in ("RB", "MD") or tok.dep_ == "aux":
            i -= 1
        elif tok.dep_ == "pobj" and tok.head.i < i and tok.head.tag_ == "IN":
            i = tok.head.i - 1  # '..., on Tuesday called'
        elif tok.lower_ in _CALENDAR and tok.dep_ == "npadvmod":
            i -= 1
        else:
            break
    if i > 0 and doc[i].text == ",":
        return _insert_subject(doc, i)
    if i >= 0 and doc[i].text == ")":
        while i >= 0 and doc[i].text != "(":
            i -= 1
        i -= 1  # 'Sen. Elizabeth Warren (D-MA) said'
    if i < 0 or doc[i].tag_ not in _NOMINAL or doc[i].lower_ in _NO_SPEAKER:
        return None
    tok = doc[i]
    while tok.head.i != tok.i and tok.head.i < cue.i and tok.head.tag_ in _NOMINAL:
        tok = tok.head
    return tok


def _before_parens(tok: Any) -> Any:
    """The name before a parenthesis the parser took as the subject.

    'Sen. Elizabeth Warren (D-MA) said' is often parsed with "MA" as the subject.
    """
    doc = tok.doc
    first = tok.left_edge.i
    if first >= 2 and doc[first - 1].text == "(" and doc[first - 2].tag_ in _PROPN:
        return doc[first - 2]
    if tok.i >= 2 and doc[tok.i - 1].text == "(" and doc[tok.i - 2].tag_ in _PROPN:
        return doc[tok.i - 2]
    return tok


def _clause_subject(tok: Any) -> Any | None:
    """Subject of the clause ``tok`` ends ('the supporter retorted: "..."')."""
    verb = tok
    while verb.head.i != verb.i and not verb.tag_.startswith("VB"):
        verb = verb.head
    while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in ("it", "there", "this", "that", "what", "which"):
        return None
    return subj


def _content(cue: Any) -> tuple[int, int] | None:
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
        kids = [c for c in cue.children if c.dep_ in ("ccomp", "parataxis")]
        # "the plant is expected to ...": a passive cue's infinitive is a forecast
        # about its subject, who says nothing.
        passive = _sourceless_passive(cue)
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
            if head.lower_ in CUE_FORMS and _is_cue(head):
                return None  # "X said ..., our correspondent reports": X's cue holds it
            span = (head.left_edge.i, cue.left_edge.i)
        else:
            return None
    i, j = span
    while i < j and (doc[i].is_punct or doc[i].lower_ in ("that", "and")):
        if doc[i].lower_ == "that" or doc[i].text in _TRAIL or doc[i].text in DASHES:
            i += 1
        else:
            break
    while j > i and doc[j - 1].text in _TRAIL:
        j -= 1
    return (i, j) if j > i else None


class _Article:
    """Extraction state for one article."""

    def __init__(self, article: CleanedArticle, cfg: QuoteConfig) -> None:
        self.article = article
        self.cfg = cfg
        self.text = article.text
        self.parts = _scan(self.text)
        self.units = _units(self.text, self.parts, cfg.max_unit_chars)
        self.part_starts = [p.start for p in self.parts]
        self.resolver = SpeakerResolver(self.text)
        self.quotes: list[Quote] = []
        # Offset of a colon ending a sentence -> who speaks in the block it opens.
        self.colons: dict[int, tuple[Speaker, str, Cue | None]] = {}

    def _cue_record(self, cue: Any, unit: _Unit) -> Cue:
        end_tok = cue.doc[cue.i + 1] if cue.lower_ == "according" else cue
        s = unit.to_orig(cue.idx)
        e = unit.to_orig(end_tok.idx + len(end_tok.text))
        return Cue(self.text[s:e], s, e)

    def _emit(
        self, kind: str, s: int, e: int, cue: Cue | None, spk: Speaker, how: str
    ) -> None:
        text = self.text
        while s < e and text[s].isspace():
            s += 1
        while e > s and (
            text[e - 1].isspace() or (kind == "direct" and text[e - 1] == ",")
        ):
            e -= 1
        if e <= s or not _WORD.search(text[s:e]):
            return
        conf = self.cfg.confidence.get(how, 0.5)
        if kind != "direct":
            conf -= self.cfg.indirect_penalty
        self.quotes.append(
            Quote(
                quote_id=_qid(self.article.article_id, s, e),
                article_id=self.article.article_id,
                kind=kind,
                text=text[s:e],
                start=s,
                end=e,
                cue=cue,
                speaker=spk,
                confidence=round(max(0.0, min(1.0, conf)), 4),
            )
        )

    def _speaker(self, cue: Any, unit: _Unit) -> tuple[Speaker, str]:
        subj = _subject(cue)
        if subj is None:
            return Speaker(None), "unresolved"
        spk = self.resolver.resolve(subj, unit.to_orig)
        return spk, (spk.resolved_by if spk.name else "unresolved")

    def _signatures(self) -> None:
        """Quotes signed with a dash and a name after the closing mark."""
        for part in self.parts:
            if not part.closed or not part.candidate:
                continue
            m = _SIGNATURE.match(self.text, part.end)
            if m is None:
                continue
            name = m.group(1).rstrip(".")
            s = m.start(1)
            part.speaker = self.resolver.resolve_name(name, s, s + len(name))
            part.how, part.kind = part.speaker.resolved_by, "direct"

    def run(self) -> list[Quote]:
        self._signatures()
        for unit in self.units:
            self._unit(unit)
        self._direct()
        self.quotes.sort(key=lambda q: (q.start, q.end))
        return self.quotes

    def _unit(self, unit: _Unit) -> None:
        doc = unit.doc
        if doc is None:
            return
        self.resolver.note_entities(doc, unit.to_orig)
        cues = []
        holes = []
        for t in doc:
            if t.lower_ in CUE_FORMS:
                if _is_cue(t):
                    cues.append(t)
            elif t.text == _PLACEHOLDER:
                p = unit.part_at(t.idx)
                if p >= 0:
                    holes.append((t, p))
        if unit.text.rstrip().endswith(":"):
            self._colon(doc, cues, unit)
        used: set[int] = set()
        contents = {c.i: _content(c) for c in cues}
        for tok, pi in holes:
            part = self.parts[pi]
            if part.kind == "direct" and part.speaker is not None:
                continue  # signed with a dash and a name
            cue = min(
                (c for c in cues if not _sourceless_passive(c)),
                key=lambda c: abs(c.i - tok.i),
                default=None,
            )
            name = _headed_name(doc, tok)
            if name is not None:
                part.speaker = self.resolver.resolve(name, unit.to_orig)
                part.how, part.kind = part.speaker.resolved_by, "direct"
                continue
            if cue is not None:
                span = contents[cue.i]
                inside = span is not None and span[0] <= tok.i < span[1]
                other = 0
                if inside and span is not None:
                    other = sum(
                        1
                        for t in doc[span[0] : span[1]]
                        if t.is_alpha and t.text != _PLACEHOLDER and t.lower_ != "that"
                    )
                if inside and (other >= 2 or cue.lower_ == "according"):
                    continue  # part of an indirect or "according to" content
                part.cue = self._cue_record(cue, unit)
                part.speaker, part.how = self._speaker(cue, unit)
                part.kind = "direct"
                used.add(cue.i)
                continue
            spk = self._dash_speaker(doc, tok, unit) or self._trailing_speaker(
                doc, tok, part, unit
            )
            if spk is not None:
                part.speaker, part.how, part.kind = spk, spk.resolved_by, "direct"
                continue
            intro = self.colons.get(self._colon_before(part.open))
            if intro is not None:
                part.speaker, part.how, part.cue = intro
                part.kind = "direct"
                continue
            words = len(_WORD.findall(self.text[part.start : part.end]))
            if (
                part.prev is not None
                or words >= self.cfg.min_embedded_words
                or not any(
                    t.is_alpha and t.text != _PLACEHOLDER for t in doc if t.i != tok.i
                )
            ):
                part.kind = "direct"  # speaker inherited in _direct()
        self._phrases(doc, unit, cues, contents)
        for cue in cues:
            if cue.i in used:
                continue
            if contents[cue.i] is None:
                if _subject(cue) is not None:
                    self._speaker(cue, unit)  # still names a person for later mentions
                continue
            if _subject(cue) is None and (
                cue.tag_ in ("VB", "VBG") or CUE_FORMS[cue.lower_] in STANCE_CUES
            ):
                continue  # "It is worth reminding that": no one speaks
            i, j = contents[cue.i]  # type: ignore[misc]
            span = doc[i:j]
            words = sum(1 for t in span if t.is_alpha)
            if words < self.cfg.min_indirect_words:
                continue
            has_quote = any(
                t.text == _PLACEHOLDER and unit.part_at(t.idx) >= 0 for t in span
            )
            s = unit.to_orig(span.start_char)
            e = unit.to_orig(span.end_char)
            if has_quote:
                e = self._past_close(e)
                s = self._before_open(s)
            if cue.lower_ == "according":
                kind = "according_to"
            elif has_quote or self._holds_phrase(s, e):
                kind = "mixed"
            else:
                kind = "indirect"
            spk, how = self._speaker(cue, unit)
            self._emit(kind, s, e, self._cue_record(cue, unit), spk, how)

    def _holds_phrase(self, s: int, e: int) -> bool:
        """Whether a quoted phrase lies inside the article range [s, e)."""
        k = bisect.bisect_left(self.part_starts, s)
        return k < len(self.parts) and self.parts[k].end <= e

    def _phrases(
        self,
        doc: Any,
        unit: _Unit,
        cues: list[Any],
        contents: dict[int, tuple[int, int] | None],
    ) -> None:
        """Quoted phrases inside a cued sentence that no content clause covers.

        PolNeAR counts a partial quote ('Trump blasted Disney for its "outrageous
        practices"') as an attribution of its own when the cue's clause does not
        hold it; the phrase is emitted as a direct quote of the cue's speaker.
        """
        lo = unit.segs[0][1]
        hi = unit.segs[-1][1] + unit.segs[-1][2]
        k = bisect.bisect_left(self.part_starts, lo)
        while k < len(self.parts) and self.parts[k].start < hi:
            part = self.parts[k]
            k += 1
            if part.candidate or part.title or part.kind is not None:
                continue
            words = len(_WORD.findall(self.text[part.start : part.end]))
            if words < self.cfg.min_phrase_words:
                continue
            tok = next((t for t in doc if unit.to_orig(t.idx) >= part.start), None)
            if tok is None:
                continue
            cue = min(
                (c for c in cues if not _sourceless_passive(c)),
                key=lambda c: abs(c.i - tok.i),
                default=None,
            )
            if cue is None:
                continue
            span = contents.get(cue.i)
            if span is not None and span[0] <= tok.i < span[1]:
                continue  # inside an indirect content: the mixed quote holds it
            part.kind = "direct"
            if _subject(cue) is not None:
                part.cue = self._cue_record(cue, unit)
                part.speaker, part.how = self._speaker(cue, unit)

    def _colon(self, doc: Any, cues: list[Any], unit: _Unit) -> None:
        """Note who speaks in the quote a sentence ending in a colon opens."""
        for cue in reversed(cues):
            subj = _subject(cue)
            if subj is not None:
                spk, how = self._speaker(cue, unit)
                self.colons[unit.to_orig(len(unit.text.rstrip()) - 1)] = (
                    spk,
                    how,
                    self._cue_record(cue, unit),
                )
                return
        last = next((t for t in reversed(doc) if not t.is_punct), None)
        if (
            last is not None
            and last.i > 0
            and doc[0].lower_ in CUE_FORMS
            and last.text[:1].isupper()
        ):
            subj = last  # 'Stated Stone:', 'Added the senator:'
        else:
            subj = _clause_subject(last) if last is not None else None
        if subj is None:
            return
        spk = self.resolver.resolve(subj, unit.to_orig)
        how = spk.resolved_by if spk.name else "unresolved"
        self.colons[unit.to_orig(len(unit.text.rstrip()) - 1)] = (spk, how, None)

    def _colon_before(self, pos: int) -> int:
        """Offset of the colon right before ``pos`` across blank space, else -1."""
        j = pos - 1
        if j >= 0 and self.text[j] == "'":
            j -= 1  # the first mark of an '' opening (NYT)
        while j >= 0 and self.text[j].isspace():
            j -= 1
        return j if j >= 0 and self.text[j] == ":" else -1

    def _past_close(self, e: int) -> int:
        """Extend an offset that ends a quote's content over its closing mark."""
        text = self.text
        while e < len(text) and text[e] in "\"”’»'.,":
            if text[e] in ".,":
                break
            e += 1
        return e

    def _before_open(self, s: int) -> int:
        text = self.text
        if s > 0 and text[s - 1] in OPENERS:
            return s - 1
        return s

    def _dash_speaker(self, doc: Any, tok: Any, unit: _Unit) -> Speaker | None:
        """'"...," – Patel' or 'Patel: "..."' attributions with no verb."""
        after = [t for t in doc[tok.i + 1 : tok.i + 4] if t.text not in ",\"”’»'"]
        if after and after[0].text in DASHES and len(after) > 1:
            name = after[1]
            if name.tag_ in _PROPN:
                while name.head.i != name.i and name.head.tag_ in _PROPN:
                    name = name.head
                return self.resolver.resolve(name, unit.to_orig)
        before = _before_marks(doc, tok)
        if len(before) >= 2 and before[-1].text == ":":
            if before[-2].tag_ in _PROPN:
                return self.resolver.resolve(before[-2], unit.to_orig)
            subj = _clause_subject(before[-2])
            if subj is not None:
                return self.resolver.resolve(subj, unit.to_orig)
        return None

    def _trailing_speaker(
        self, doc: Any, tok: Any, part: _Part, unit: _Unit
    ) -> Speaker | None:
        """The subject of any verb right after a quote that runs on with a comma.

        '"You know, it happens, right?" Trump went on', '"France will always be
        France," an angry Hollande retaliated': the verb is no cue word, but the
        clause that follows the quote names who spoke it.
        """
        content = self.text[part.start : part.end].rstrip()
        if not part.closed or not content or content[-1] not in ",?!":
            return None
        i = tok.i + 1
        while i < len(doc) and (doc[i].tag_ in ("''", "``") or doc[i].text == ","):
            i += 1
        for subj in doc[i : i + 6]:
            if subj.dep_ != "nsubj" or subj.left_edge.i > i:
                continue
            verb = subj.head
            if not verb.tag_.startswith("VB") or verb.i != subj.right_edge.i + 1:
                return None
            if subj.tag_ == "PRP" and subj.lower_ not in ("he", "she"):
                return None
            if subj.tag_ not in (*_PROPN, "PRP", "NN"):
                return None
            return self.resolver.resolve(subj, unit.to_orig)
        return None

    def _direct(self) -> None:
        """Emit the direct parts, giving unattributed ones their neighbour's speaker."""
        parts = self.parts
        for p in reversed(parts):  # a multi-paragraph quote is often attributed last
            if p.prev is not None and p.speaker is not None:
                q = parts[p.prev]
                if q.kind == "direct" and q.speaker is None:
                    q.speaker, q.cue, q.how = p.speaker, p.cue, "inherited"
        # Speakers of the indirect and mixed attributions, by where their cue ends:
        # '... loop-hole," she said. "We have no context ..."' continues "she".
        said = sorted(
            (q.cue.end, q.speaker, q.cue)
            for q in self.quotes
            if q.cue is not None and q.speaker.name and q.kind != "direct"
        )
        said_ends = [c[0] for c in said]
        last: _Part | None = None
        for p in parts:
            if p.kind != "direct":
                continue
            if p.speaker is None:
                src = parts[p.prev] if p.prev is not None else last
                k = bisect.bisect_left(said_ends, p.open) - 1
                if p.prev is None and k >= 0:
                    end, spk, cue = said[k]
                    after = src.end if src is not None else -1
                    if end > after and "\n" not in self.text[end : p.open]:
                        p.speaker, p.cue, p.how = spk, cue, "inherited"
                        self._emit("direct", p.start, p.end, cue, spk, p.how)
                        continue
                if src is not None and src.speaker is not None:
                    p.speaker, p.cue, p.how = src.speaker, src.cue, "inherited"
                else:
                    words = len(_WORD.findall(self.text[p.start : p.end]))
                    if words < self.cfg.min_words:
                        continue
            elif p.speaker.name:
                last = p
            self._emit(
                "direct", p.start, p.end, p.cue, p.speaker or Speaker(None), p.how
            )


def _check(article: Any) -> CleanedArticle:
    if not isinstance(article, CleanedArticle) or not isinstance(article.text, str):
        raise StageError("quotes", "bad_input", type(article).__name__)
    return article


def extract_quotes(
    article: CleanedArticle, cfg: QuoteConfig | None = None
) -> list[Quote]:
    """Find direct quotes, indirect speech and "according to" attributions.

    Reads ``article_id`` and ``text``. Returns new Quote records in text order.

    Raises:
        StageError: the input is not a CleanedArticle.
    """
    return QuoteExtractor(cfg or QuoteConfig()).batch([article])[0]


class QuoteExtractor:
    """The quote stage with its config bound; parses batches with ``nlp.pipe``.

    Args:
        cfg: extraction settings.
    """

    def __init__(self, cfg: QuoteConfig | None = None) -> None:
        self.cfg = cfg or QuoteConfig()

    def __call__(self, article: CleanedArticle) -> list[Quote]:
        """Extract quotes from one article."""
        return self.batch([article])[0]

    def parsed_sentences(self, article: CleanedArticle) -> list[str]:
        """The masked sentences of an article that the stage hands to the parser."""
        return [u.text for u in _Article(_check(article), self.cfg).units]

    def batch(self, articles: list[CleanedArticle]) -> list[list[Quote]]:
        """Extract quotes from several articles, parsing all their sentences at once.

        Raises:
            StageError: an item is not a CleanedArticle.
        """
        states = [_Article(_check(a), self.cfg) for a in articles]
        units = [u for st in states for u in st.units]
        if units:
            nlp = get_nlp()
            docs = nlp.pipe(
                (u.text for u in units),
                batch_size=self.cfg.batch_size,
                disable=["ner"],
            )
            for unit, doc in zip(units, docs, strict=True):
                unit.doc = doc
            tag_mentions((u.doc for u in units), nlp, self.cfg.batch_size)
        return [st.run() for st in states]
