"""A lead's unnamed speaker named in the next attribution.

News leads often hold a name back: "New Zealand's health minister says ...", then
"Tony Ryall told reporters ..."; "..., a senior health official said today",
then "said Hariadi Wibisono, a director at the Health Ministry". Reads the
article's quotes in text order; where a person described but not named speaks
before anyone is named, the next attribution's named person is that person.
"""

from __future__ import annotations

from dataclasses import replace

from streams.records import Quote, Speaker
from streams.stages.quotes.lexicon import (
    BODY_NOUNS,
    GROUP_WORDS,
    ORG_NOUNS,
    SPEAKING_NOUNS,
)
from streams.stages.quotes.mentions import first_name_gender, is_title_word

__all__ = ["name_lead_descriptions"]

# The named attribution must follow the description within this many characters
# (about two short paragraphs).
_REACH = 700


def _described(spk: Speaker) -> bool:
    """A single person described by a role, not named ("the health minister")."""
    if not spk.name or not spk.mention:
        return False
    words = spk.name.split()
    head = words[-1]
    if (
        not head.islower()
        or head.endswith("s")
        or head in GROUP_WORDS
        or head in BODY_NOUNS
        or head in ORG_NOUNS
    ):
        return False  # "the company said" is no person to name later
    # "the health minister", "a Franklin County resident"
    return is_title_word(head) or head in SPEAKING_NOUNS


def _named_person(spk: Speaker) -> bool:
    """A speaker named as a person, in full, in the text itself."""
    if not spk.name or spk.resolved_by not in ("explicit", "alias"):
        return False
    words = spk.name.split()
    return (
        2 <= len(words) <= 5
        and all(w[:1].isupper() or w[:1] in "ad" for w in words)
        # a known first name, or a role said with it ("Hariadi Wibisono, a
        # director at the Health Ministry")
        and (first_name_gender(words[0]) is not None or spk.role is not None)
    )


def _capitalised(text: str) -> set[str]:
    return {
        w.removesuffix("'s").removesuffix("’s").strip(",.").lower()
        for w in text.split()
        if w[:1].isupper()
    }


def _fits(description: Speaker, named: Speaker) -> bool:
    """Whether the named speaker can hold the description's role.

    The role word must be said of them, or nothing at all; and a place or body
    the description names must not differ from theirs ("Kuwait's oil minister"
    is not "Iraq's oil minister Hussein al-Shahristani").
    """
    head = (description.name or "").split()[-1]
    about = f"{named.mention or ''} {named.role or ''} {named.organization or ''}"
    generic = head in ("official", "officer")  # any office holder is one
    if not generic and head not in about.lower() and (named.role or named.organization):
        return False
    theirs = _capitalised(about) - _capitalised(named.name or "")
    ours = _capitalised(description.name or "")
    return not (ours and theirs and not ours & theirs)


def name_lead_descriptions(quotes: list[Quote], text: str) -> list[Quote]:
    """Give a lead's described speaker the name the next attribution gives.

    Only a name the article has not written before the description: "Sajid Ali
    ... was jailed after a judge said" is not the judge.
    """
    named_yet = False
    for i, quote in enumerate(quotes):
        spk = quote.speaker
        if _named_person(spk):
            named_yet = True
            continue
        if named_yet or not _described(spk):
            continue
        later = next(
            (
                q
                for q in quotes[i + 1 :]
                if _named_person(q.speaker) or _described(q.speaker)
            ),
            None,
        )
        if (
            later is None
            or not _named_person(later.speaker)
            or later.start - quote.end > _REACH
            or not _fits(spk, later.speaker)
            or (later.speaker.name or "").split()[-1] in text[: quote.start]
        ):
            continue
        quotes[i] = replace(
            quote,
            speaker=replace(
                spk,
                name=later.speaker.name,
                role=spk.role or later.speaker.role,
                organization=later.speaker.organization or spk.organization,
                resolved_by="title",
            ),
        )
    return quotes
