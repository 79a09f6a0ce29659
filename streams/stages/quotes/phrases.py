"""Phrases around a speaker mention, read from the parse.

Proper names without their descriptions ("South Korean tech giant Samsung" ->
"Samsung"), joint speakers ("Wales and Kopel"), groups ("Some economic experts"),
the role words of a mention, datelines, and whom a relative pronoun, a document
or a quantifier speaks for. Pure functions of spaCy tokens; the resolver
(``resolution.py``) decides who a mention is.
"""

from __future__ import annotations

import re
from typing import Any

from streams.stages.quotes.lexicon import (
    BODY_NOUNS,
    DOCUMENT_WORDS,
    HONORIFICS,
    LAW_WORDS,
    MENTION_STOPWORDS,
    NOT_SURNAMES,
    QUANTIFIERS,
    RELATIVES,
    ROLE_WORDS,
)
from streams.stages.quotes.mentions import (
    clean_name,
    first_name_gender,
    is_title_word,
    mention_tokens,
)
from streams.stages.quotes.subjects import PROPN

__all__ = [
    "compound_span",
    "group_name",
    "is_dateline",
    "joint_partner",
    "name_after",
    "person_words",
    "proper_name",
    "redirect",
    "role_of",
]


def proper_name(head: Any) -> str:
    """The proper-noun name around ``head``, without descriptions or titles.

    "South Korean tech giant Samsung" -> "Samsung"; "Bank of America" and "World
    Anti-Doping Agency" stay whole.
    """
    doc = head.doc
    i = head.i
    while i > 0:
        prev = doc[i - 1]
        if prev.tag_ in PROPN and prev.dep_ not in ("poss", "appos"):
            i -= 1
        elif (
            i > 1
            and (prev.text in ("-", "&") or prev.lower_ == "and")
            and doc[i - 2].tag_ in PROPN
        ):
            i -= 2  # "Anti-Doping", "Aeronautics and Space"
        elif prev.ent_iob_ == "I" and head.ent_iob_ == "I" and prev.text[:1].isupper():
            i -= 1  # "World Anti-Doping Agency", "Doping" tagged an adjective
        elif (
            i > 1
            and prev.tag_ == "POS"
            and doc[i - 2].tag_ in PROPN
            and head.text[:1].isupper()
            and head.lower_ in BODY_NOUNS
        ):
            i -= 2  # "Colbert County Sheriff's Office"
        else:
            break
    j = head.i + 1
    # "Censor.NET": a name the tokenizer cut at an unspaced dot.
    while (
        j + 1 < len(doc)
        and doc[j].text == "."
        and not doc[j - 1].whitespace_
        and not doc[j].whitespace_
        and doc[j + 1].tag_ in PROPN
    ):
        j += 2
    # "Bank of America", but not "Andrew Coffman of Parks, Chesin & Walbert":
    # a person's name ends before the firm they are of.
    person = first_name_gender(doc[i].text) is not None and head.i > i
    while (
        not person
        and j + 1 < len(doc)
        and doc[j].lower_ in ("of", "for", "on")
        and (doc[j + 1].tag_ in PROPN or doc[j + 1].lower_ == "the")
        and doc[j + 1].lower_ not in NOT_SURNAMES  # "Apple on Monday"
    ):
        k = j + 1 + (doc[j + 1].lower_ == "the")
        if k >= len(doc) or doc[k].tag_ not in PROPN:
            break
        while k < len(doc) and doc[k].tag_ in PROPN:
            k += 1
        j = k
    return clean_name(doc[i:j].text)


def person_words(toks: list[Any]) -> list[Any]:
    """Proper-noun tokens of a mention that may name a person.

    Not titles, not organisations or places, not acronyms: "WHO Chief" and
    "Judge" have none.
    """
    return [
        t
        for t in toks
        if t.tag_ in PROPN
        and not is_title_word(t.text)
        and t.ent_type_ not in ("ORG", "GPE", "NORP")
        and not t.text.replace(".", "").isupper()
    ]


def joint_partner(head: Any) -> Any | None:
    """The second name of "A and B" when both are proper names ("Wales and Kopel")."""
    if head.tag_ not in PROPN or not any(
        c.dep_ == "cc" and c.lower_ == "and" for c in head.children
    ):
        return None
    conj = [c for c in head.children if c.dep_ == "conj"]
    if len(conj) != 1 or conj[0].tag_ not in PROPN:
        return None
    return conj[0]


def compound_span(tok: Any) -> Any:
    """``tok`` with the proper-noun compounds before it ("Dr. Oly Ilunga Kalenga")."""
    doc = tok.doc
    i = tok.i
    while i > 0:
        if doc[i - 1].tag_ in PROPN and doc[i - 1].dep_ == "compound":
            i -= 1
        elif i > 1 and doc[i - 1].text == "-" and doc[i - 2].tag_ in PROPN:
            i -= 2  # "Abubakar Al-Sadique"
        else:
            break
    return doc[i : tok.i + 1]


_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|—|–|-)")


def is_dateline(mention: str, start: int, text: str) -> bool:
    """Whether a mention is a dateline place ("KINSHASA, Congo (AP) —")."""
    if (
        len(mention) < 3
        or not mention.isupper()
        or not mention.replace(" ", "").isalpha()
    ):
        return False
    if start > 0 and text[start - 1] != "\n":
        return False
    return _DATELINE_AFTER.match(text, start + len(mention)) is not None


def name_after(tok: Any) -> Any | None:
    """A person's name right after a title ("coach Dieter Hecking"), as a span."""
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and doc[j].tag_ in PROPN and doc[j].text[:1].isupper():
        j += 1
    span = doc[tok.i + 1 : j]
    if len(span) >= 2 and first_name_gender(span[0].text) is not None:
        return span
    return None


# Prepositional phrases that say which group a plural speaker is, up to a length.
_GROUP_PREPS = frozenset({"in", "at", "of", "from", "with"})
_GROUP_PREP_WORDS = 6


def group_name(toks: list[Any]) -> str:
    """A group or body as written, without quantifiers or numbers.

    "Some economic experts" -> "economic experts", "more than a dozen riders" ->
    "riders".
    """
    words = list(toks)
    while len(words) > 1 and (
        words[0].lower_ in QUANTIFIERS
        or words[0].lower_
        in ("than", "a", "an", "the", "about", "around", "nearly", "dozen", "other")
        or (words[0].like_num and words[1].text != "-")  # "three-member panel"
        or words[0].is_punct
    ):
        words = words[1:]
    doc = words[0].doc
    end = words[-1].i + 1
    head = words[0].head if words[0].head in words else words[-1]
    for prep in head.rights:
        # "officials in the Trump administration", "experts at the WHO"
        if prep.dep_ == "prep" and prep.lower_ in _GROUP_PREPS and prep.i == end:
            phrase = doc[prep.i : prep.right_edge.i + 1]
            if (
                len(phrase) <= _GROUP_PREP_WORDS + 1
                and any(t.tag_ in PROPN for t in phrase)  # not "in a statement"
                and not any(t.lower_ in DOCUMENT_WORDS for t in phrase)
            ):
                end = prep.right_edge.i + 1
            break
    # "Experts at the World Health Organization (WHO)": no parenthesis.
    end = next((t.i for t in doc[words[0].i : end] if t.text == "("), end)
    return clean_name(doc[words[0].i : end].text)


def redirect(head: Any) -> Any | None:
    """The token that names who speaks for ``head``, or None when no one does.

    A relative pronoun speaks for its antecedent ('the mayor, who said'); a
    document for its issuer ('her statement', 'a statement from the ministry',
    'a ministry statement'); a quantifier for the group it counts ('many of the
    residents'). A bare quantifier or a document with no issuer names no one.
    """
    low = head.lower_
    if low in RELATIVES and head.tag_ in ("WP", "WDT", "IN", "DT"):
        verb = head.head
        if verb.dep_ == "relcl" and verb.head.i != verb.i:
            return verb.head
        return None
    if low in QUANTIFIERS and head.tag_ not in PROPN:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        return None
    if low in LAW_WORDS:
        return None  # a law speaks for no one
    if low in DOCUMENT_WORDS and head.tag_ in ("NN", "NNS"):
        for child in head.children:
            if child.dep_ == "poss":
                return child
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.lower_ not in DOCUMENT_WORDS:
                    return obj
            if prep.dep_ == "acl" and prep.tag_ == "VBN":
                # "A report released by the US Senate Intelligence Committee"
                for agent in prep.children:
                    if agent.dep_ == "agent":
                        obj = next(
                            (c for c in agent.children if c.dep_ == "pobj"), None
                        )
                        if obj is not None and obj.lower_ not in DOCUMENT_WORDS:
                            return obj
        compound = [c for c in head.lefts if c.dep_ in ("compound", "nmod", "amod")]
        if compound and compound[-1].tag_ in (*PROPN, "NN", "NNS"):
            return compound[-1]
        return None
    return head


def role_of(
    toks: list[Any], person: Any, orgs: list[Any], appos: Any, name: str = ""
) -> str | None:
    """Role words outside the name and organisation, or of an appositive.

    Words of the speaker's ``name`` and honorifics are never part of the role.
    """
    named = set(name.split())
    skip: set[int] = {
        t.i for t in toks if t.text in named or t.lower_.rstrip(".") in HONORIFICS
    }
    if person is not None:
        skip.update(
            t.i
            for t in person
            if t.lower_ not in ROLE_WORDS and t.lower_.rstrip(".") not in HONORIFICS
        )
    for ent in orgs:
        skip.update(range(ent.start, ent.end))
    words = [t for t in toks if t.i not in skip]
    if not any(t.lower_ in ROLE_WORDS for t in words) and appos is not None:
        words = [t for t in mention_tokens(appos) if t.i not in skip]
    while words and (words[-1].lower_ in MENTION_STOPWORDS or words[-1].is_punct):
        words = words[:-1]
    while words and (words[0].lower_ in MENTION_STOPWORDS or words[0].is_punct):
        words = words[1:]
    # Keep only the run of role words before "of"/"for" ("Deputy Press Secretary").
    cut = next(
        (i for i, t in enumerate(words) if t.lower_ in MENTION_STOPWORDS), len(words)
    )
    words = words[:cut]
    if not any(t.lower_ in ROLE_WORDS for t in words):
        return None
    # As written: "director-general", not "director - general".
    return "".join(t.text_with_ws for t in words).strip()


def hyphen_inside(tok: Any) -> bool:
    """A hyphen inside a name: "Wieczorek-Zeul"."""
    return (
        tok.text == "-"
        and not tok.whitespace_
        and 0 < tok.i < len(tok.doc) - 1
        and not tok.nbor(-1).whitespace_
        and tok.nbor(-1).tag_ in PROPN
        and tok.nbor(1).tag_ in PROPN
    )


def joined(toks: list[Any]) -> str:
    """Tokens as written: spaces where the text has them, none around a hyphen."""
    out = ""
    for k, tok in enumerate(toks):
        glued = (
            k > 0
            and (tok.text == "-" or toks[k - 1].text == "-")
            and (not toks[k - 1].whitespace_)
        )
        out += ("" if glued or not out else " ") + tok.text
    return out


def inside_phrase(head: Any) -> bool:
    """Whether a speaker is the agent of a participle inside a noun phrase.

    "the measure mentioned by the President": the sentence reports someone
    else, so the President is not whom the next "he" means.
    """
    return (
        head.dep_ == "pobj"
        and head.head.dep_ == "agent"
        and head.head.head.dep_ in ("acl", "relcl")
    )


def wordlike(tok: Any) -> bool:
    """Letters, with an apostrophe or hyphen inside at most ("O’Laughlin")."""
    return tok.is_alpha or (
        tok.text[:1].isalpha()
        and tok.text.replace("’", "").replace("'", "").replace("-", "").isalpha()
    )


def named_by(head: Any) -> Any | None:
    """The name in "a spokesperson named Chris Langlois", as a span."""
    for acl in head.rights:
        if acl.dep_ == "acl" and acl.lower_ in ("named", "called"):
            for obj in acl.children:
                if obj.dep_ in ("oprd", "dobj", "attr") and obj.tag_ in PROPN:
                    span = compound_span(obj)
                    if first_name_gender(span[0].text) or obj.ent_type_ == "PERSON":
                        return span
    return None
