"""Who speaks: the head token of a cue's speaker, from the parse and its gaps."""

from __future__ import annotations

import logging
from typing import Any

from streams.stages.quotes.lexicon import CALENDAR_WORDS
from streams.stages.quotes.patterns import (
    CUE_FORMS,
    DASHES,
)
from streams.stages.quotes.units import PLACEHOLDER

logger = logging.getLogger(__name__)


PROPN = ("NNP", "NNPS")  # Penn tags: no attribute_ruler, so no coarse POS
_NOMINAL = frozenset({"NNP", "NNPS", "NN", "NNS", "PRP"})
_NO_SPEAKER = frozenset({"it", "there", "what", "that", "this", "which", "yes"})


def before_marks(doc: Any, tok: Any) -> list[Any]:
    """Up to three tokens before ``tok``, without opening marks and spaces."""
    return [
        t
        for t in doc[max(0, tok.i - 4) : tok.i]
        if t.text not in "\"“‘«'" and t.text != "''" and not t.is_space
    ]


def headed_name(doc: Any, tok: Any) -> Any | None:
    """The name heading a quote after a dash or at the sentence start.

    'Pollsters agree - Carl Bialik: "..."' names the quote's speaker even though
    a cue verb comes first; a name after a cue ('Trump told CNN: "..."') does not.
    """
    before = before_marks(doc, tok)
    if len(before) < 2 or before[-1].text != ":" or before[-2].tag_ not in PROPN:
        return None
    name = before[-2]
    i = name.i
    while i > 0 and doc[i - 1].tag_ in PROPN:
        i -= 1
    if i > 0 and doc[i - 1].text not in DASHES:
        return None
    while name.head.i != name.i and name.head.tag_ in PROPN:
        name = name.head
    return name


# Cues that go on reporting the speaker of the clause they are joined to.
_GOING_ON = frozenset({"add", "say", "note", "stress", "tell"})


def find_subject(cue: Any) -> Any | None:
    """Head token of who speaks for a cue (subject, agent, "according to" object)."""
    if cue.lower_ == "according":
        for to in cue.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
        nxt = cue.doc[cue.i + 1]
        return next((c for c in nxt.children if c.dep_ == "pobj"), None)
    quoted = _quoted_as(cue)
    if quoted is not None:
        return quoted
    verb = cue
    going_on = cue.dep_ == "conj" and CUE_FORMS.get(cue.lower_) in _GOING_ON
    for _ in range(3 if going_on else 2):
        subj = None
        for child in verb.children:
            if child.dep_ == "agent":
                subj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if subj is not None:
                    return subj
        subjects = [
            c
            for c in verb.children
            if c.dep_ in ("nsubj", "nsubjpass")
            # "Jun 8, 2011 (CIDRAP News) – Vermont health officials said": a date
            # line parsed as a second subject
            and c.lower_.rstrip(".") not in CALENDAR_WORDS
        ]
        if subjects:
            named = [c for c in subjects if c.tag_ in ("NNP", "NNPS", "PRP")]
            subj = (named or subjects)[0]
        if (
            going_on
            and verb is not cue
            and verb.dep_ == "ccomp"
            and (subj is None or subj.dep_ == "nsubjpass")
        ):
            # 'He said that there have been 84 deaths and added that ...':
            # "added" parsed as a conjunct inside what was said.
            verb = verb.head
            continue
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


_QUOTE_FORMS = frozenset({"quote", "quotes", "quoted", "quoting"})


def _quoted_as(cue: Any) -> Any | None:
    """The person a medium quotes: 'Dawn quoted Minister Baloch as saying ...'.

    The cue is "quoted" itself, or the "saying"/"adding" after its "as"; who
    speaks is the object of "quoted", not its subject.
    """
    verb = cue
    if cue.lower_ not in _QUOTE_FORMS:
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head  # "as saying and adding"
        if verb.dep_ != "pcomp" or verb.head.lower_ != "as":
            return None
        verb = verb.head.head
        if verb.lower_ not in _QUOTE_FORMS:
            return None
    if not any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.tag_ in PROPN:
        # "Federal Minister for Science and Technology Agha Hassan Baloch" is
        # parsed with the name as a conjunct of the title.
        named = [c for c in obj.children if c.dep_ == "conj" and c.tag_ in PROPN]
        if named and any(t.dep_ == "compound" for t in named[-1].lefts):
            return named[-1]
    return obj


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
    if subj.text == PLACEHOLDER:
        # The masked quote itself parsed as the subject: '"...," said the Sea
        # Games gold medallist'.
        after = next(
            (
                t
                for t in doc[cue.i + 1 : cue.i + 9]
                if t.head.i == cue.i
                and t.dep_ in ("nsubj", "dobj", "attr", "npadvmod")
                and t.tag_ in ("NN", "NNP", "NNS", "NNPS")
            ),
            None,
        )
        return after if after is not None else _right_name(cue)
    if not any(t.text == PLACEHOLDER for t in doc[subj.i + 1 : cue.i]):
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
        if tok.text == PLACEHOLDER or tok.text in ".;:" or tok.tag_ in ("``", "''"):
            break
        if tok.text == ",":
            commas += 1
            prev = doc[j - 1]
            if prev.tag_ in PROPN and prev.dep_ not in ("pobj", "dobj"):
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
        if prev.tag_ not in (*PROPN, "PRP"):
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
    if first >= 2 and doc[first - 1].text == "(" and doc[first - 2].tag_ in PROPN:
        return doc[first - 2]
    if tok.i >= 2 and doc[tok.i - 1].text == "(" and doc[tok.i - 2].tag_ in PROPN:
        return doc[tok.i - 2]
    return tok


def clause_subject(tok: Any) -> Any | None:
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
