"""Descriptions of people: whom "the lawyer" or "the Health Minister" means.

Mixed into ``SpeakerResolver``: reads the people met so far (``People``) and the
article text (``TextNames``); writes the person a definite description or a
title alone refers to, or no one.
"""

from __future__ import annotations

from typing import Any

from streams.records import Speaker
from streams.stages.quotes.lexicon import (
    BODY_NOUNS,
    DEMONYMS,
    GROUP_WORDS,
    MENTION_STOPWORDS,
    ORG_NOUNS,
)
from streams.stages.quotes.mentions import can_speak, clean_name, is_title_word
from streams.stages.quotes.names import TextNames
from streams.stages.quotes.people import People, Person
from streams.stages.quotes.phrases import role_of
from streams.stages.quotes.subjects import PROPN

__all__ = ["Descriptions", "person_noun"]


def person_noun(head: Any) -> bool:
    """Whether a description's head names a person.

    "the 49-year-old pianist", "the former Nurnberg coach", "The Serbian".
    """
    low = head.lower_
    doc = head.doc
    aged = low == "old" and head.i > 1 and doc[head.i - 1].text == "-"
    return (
        is_title_word(low)
        or aged  # "The 32-year-old did concede"
        or low in DEMONYMS  # "The Serbian conceded"
        or low == "native"  # "The Belgrade native"
        or (
            can_speak(low)
            and head.tag_ == "NN"
            and low not in BODY_NOUNS
            and low not in ORG_NOUNS
            and low not in GROUP_WORDS
        )
    )


class Descriptions:
    """Whom a description of a person refers to."""

    text: str
    names: TextNames
    people: People

    def _title_holder(
        self, title: str, toks: list[Any], orgs: list[Any], base: dict[str, Any]
    ) -> Speaker:
        """The person a title names later in the article, else no one."""
        role = " ".join(t.text for t in toks if is_title_word(t.text)) or None
        org = clean_name(orgs[0].text) if orgs else None
        holder = self.names.titled_after(title, base["start"])
        if holder is None:
            return Speaker(None, role=role, organization=org, **base)
        name = self.people.canonical(holder, base["start"])
        return Speaker(name, role=role, organization=org, resolved_by="title", **base)

    def _apposed(self, start: int) -> Person | None:
        """The person a sentence opens with, right before ", <description>"."""
        if self.text[max(0, start - 2) : start] != ", ":
            return None
        for at, name, _ in self.names.sentence_subjects():
            if at + len(name) == start - 2:
                canonical = self.people.canonical(name, at)
                return Person(canonical, None, None, at)
        return None

    def _person_description(
        self,
        head: Any,
        toks: list[Any],
        orgs: list[Any],
        appos: Any | None,
        base: dict[str, Any],
    ) -> Speaker | None:
        """The person "the lawyer" or "the government spokesman" means.

        None when the description is no person's (an organisation, "the AP"); a
        title no one holds gives a Speaker with no name.
        """
        low = head.lower_
        start = base["start"]
        if (
            head.tag_ not in ("NN", "NNP", "JJ")
            or not person_noun(head)
            or (head.ent_type_ == "ORG" and head.tag_ in PROPN)  # "the AP"
        ):
            return None
        words = {
            t.lower_
            for t in toks
            if t.lower_ not in MENTION_STOPWORDS and t.i != head.i
        }
        known = (
            # "On Tuesday Mueller, the government spokesman, responded": the
            # description is an apposition the parser missed.
            self._apposed(start)
            # "the lawyer" is "Prosecution lawyer David Russell"
            or (self.people.before(start, {low}) if is_title_word(low) else None)
            or self.people.before(start, words)
            or self.people.before(start)
            or self.people.named_before(start, None)
        )
        if known is None and is_title_word(low):
            return self._title_holder(low, toks, orgs, base)
        if known is None:
            return None
        org = clean_name(orgs[0].text) if orgs else None
        return Speaker(
            known.name,
            role=known.role or role_of(toks, None, orgs, appos),
            organization=org or known.organization,
            resolved_by="title",
            **base,
        )
