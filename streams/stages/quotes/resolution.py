"""Speakers of quotes: resolve a mention to someone who can speak, named canonically.

Reads parsed spaCy tokens (the subject of a cue verb, the object of "according to")
and the article text; writes ``Speaker`` records (name, mention, start, end, role,
organization, resolved_by). spaCy has no coreference component for English in
its core models, so pronouns, relatives and descriptions ("he", "who", "the State
Department official", "the company") are resolved here over the people and
organisations named so far, short names ("Patel") take the fullest form the
article uses ("Vedant Patel"), and a document speaks for its issuer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from streams.records import Speaker
from streams.stages.quotes.bodies import Bodies
from streams.stages.quotes.descriptions import Descriptions
from streams.stages.quotes.documents import DocumentIssuers
from streams.stages.quotes.lexicon import (
    CALENDAR_WORDS,
    DOCUMENT_WORDS,
    FEMALE_PRONOUNS,
    FUNCTION_WORDS,
    GROUP_WORDS,
    HONORIFICS,
    LAW_WORDS,
    NOT_SURNAMES,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    QUANTIFIERS,
    ROLE_WORDS,
)
from streams.stages.quotes.mentions import (
    can_speak,
    clean_name,
    first_name_gender,
    is_title_word,
    mention_tokens,
    split_title,
)
from streams.stages.quotes.names import TextNames
from streams.stages.quotes.people import People, Person
from streams.stages.quotes.phrases import (
    compound_span,
    group_name,
    hyphen_inside,
    inside_phrase,
    is_dateline,
    joined,
    joint_partner,
    name_after,
    named_by,
    person_words,
    proper_name,
    redirect,
    role_of,
    wordlike,
)
from streams.stages.quotes.subjects import PROPN

__all__ = ["SpeakerResolver"]

logger = logging.getLogger(__name__)

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CONTINUING = frozenset({"added", "adds", "continued", "continues"})
ToOrig = Callable[[int], int]


class SpeakerResolver(Bodies, DocumentIssuers, Descriptions):
    """Per-article speaker state: people and organisations named so far.

    Args:
        text: the article text, searched for the fullest form of a short name.
        quoted: the quoted stretches (start, end) of the text, when already paired.
    """

    def __init__(self, text: str, quoted: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.orgs: list[tuple[int, Speaker]] = []
        self.org_ents: list[tuple[int, str]] = []
        self.last_group: Speaker | None = None
        # Documents named so far and who issued them: (position, noun, issuer).
        self.documents: list[tuple[int, str, Speaker]] = []
        self.names = TextNames(text, quoted)
        self.people = People(self.names)

    def note_entities(self, doc: Any, to_orig: ToOrig) -> None:
        """Record PERSON entities that are subjects and ORG entities of a unit."""
        for ent in doc.ents:
            if (
                ent.label_ == "PERSON"
                and ent.root.dep_ in _SUBJECT_DEPS
                # "the Bunnies lacked their usual potency": a team, not a person
                and not (ent.start > 0 and doc[ent.start - 1].lower_ == "the")
            ):
                self.people.note(ent.text, to_orig(ent.start_char))
            elif ent.label_ == "ORG" and ent.root.tag_ in PROPN:
                name = clean_name(ent.text)
                at = to_orig(ent.start_char)
                if name.lower() not in FUNCTION_WORDS and name:
                    if not self.names.in_title_line(at):  # "Panel Backs ..."
                        self.org_ents.append((at, name))

    # -- resolution ------------------------------------------------------------

    def resolve_name(self, name: str, start: int, end: int) -> Speaker:
        """The Speaker for a name found in the text, not by the parser.

        Used for '"..." ― Name' signatures, whose dash the tokenizer may glue to
        the closing mark.
        """
        clean, _ = split_title(clean_name(name))
        canonical = self.people.canonical(clean, start)
        known = self.people.note(canonical, start, mention=name) or Person(
            canonical, None, None, start
        )
        self.people.last_speaker = known
        return Speaker(
            canonical,
            mention=self.text[start:end],
            start=start,
            end=end,
            role=known.role,
            organization=known.organization,
            resolved_by="explicit" if canonical == clean else "alias",
        )

    def resolve(
        self, head: Any, to_orig: ToOrig, *, appos: Any | None = None
    ) -> Speaker:
        """Build the Speaker for the mention headed by ``head``."""
        target = redirect(head)
        if target is None:
            toks = mention_tokens(head)
            start = to_orig(toks[0].idx)
            end = to_orig(toks[-1].idx + len(toks[-1].text))
            base = {"mention": self.text[start:end], "start": start, "end": end}
            issued = self._issuer_before(head, start)
            if issued is not None:
                # "the statement said", after "Samsung said in a statement".
                return Speaker(
                    issued.name,
                    role=issued.role,
                    organization=issued.organization,
                    resolved_by="title",
                    **base,
                )
            return Speaker(None, **base)
        # "A ministry statement": the issuer is a body already named.
        issuer = target is not head and head.lower_ in DOCUMENT_WORDS
        spk = self._resolve(target, to_orig, appos=appos, issuer=issuer)
        if target is not head:
            # The mention stays the phrase as written ("who", "her statement").
            toks = mention_tokens(head)
            start = to_orig(toks[0].idx)
            end = to_orig(toks[-1].idx + len(toks[-1].text))
            spk = replace(spk, mention=self.text[start:end], start=start, end=end)
        partner = joint_partner(target)
        if spk.name and partner is not None:
            # "Wales and Kopel said": one joint speaker, "they" from here on.
            other = self._resolve(partner, to_orig, appos=None)
            if other.name and other.name != spk.name:
                end = max(spk.end or 0, other.end or 0)
                if spk.name in other.name or other.name in spk.name:
                    joint = max(spk.name, other.name, key=len)  # "NASA and ESA"
                else:
                    joint = f"{spk.name} and {other.name}"
                spk = replace(
                    spk,
                    name=joint,
                    mention=self.text[spk.start or 0 : end],
                    end=end,
                    role=None,
                    resolved_by="explicit",
                )
                self.last_group = spk
                return spk
        if spk.name:
            self._note_documents(head, target, issuer, spk)
            # Who spoke last, for the next "he"/"she" (a person only).
            known = self.people.latest(spk.name)
            if known is not None and not inside_phrase(head):
                self.people.last_speaker = replace(known, pos=spk.start or 0)
        return spk

    def _resolve(
        self, head: Any, to_orig: ToOrig, *, appos: Any | None, issuer: bool = False
    ) -> Speaker:
        toks = mention_tokens(head)
        start = to_orig(toks[0].idx)
        end = to_orig(toks[-1].idx + len(toks[-1].text))
        mention = self.text[start:end] if 0 <= start < end else head.text
        low = head.lower_
        doc = head.doc
        first, last = toks[0].i, toks[-1].i
        ents = [e for e in doc.ents if e.start <= last and e.end > first]
        people = [e for e in ents if e.label_ == "PERSON"]
        person = next(
            (e for e in people if e.start <= head.i < e.end),
            people[-1] if people else None,
        )
        orgs = [e for e in ents if e.label_ in ("ORG", "GPE", "NORP")]
        org = clean_name(orgs[0].text) if orgs else None
        base = {"mention": mention, "start": start, "end": end}
        if appos is None:
            appos = next((c for c in head.children if c.dep_ == "appos"), None)
        if person is None:
            person = named_by(head)  # "A Samsung spokesperson named Chris Langlois"
        if person is None and appos is not None and appos.ent_type_ == "PERSON":
            person = next((e for e in doc.ents if e.start <= appos.i < e.end), None)
        if person is None and appos is not None and appos.tag_ in PROPN:
            name_span = compound_span(appos)
            if is_title_word(low) or first_name_gender(name_span[0].text):
                person = name_span  # "Health Minister, Dr. Oly Ilunga Kalenga"
        if is_dateline(mention, start, self.text):
            # "BANGKOK (AFP): Thai Prime Minister Thaksin Shinawatra today said":
            # the parser hangs the subject on the dateline as an apposition.
            after = [
                c
                for c in head.children
                if c.dep_ == "appos"
                and c.i > head.i
                and c.tag_ in PROPN
                and doc[c.left_edge.i - 1].text != "("  # "(AFP)"
                and len(compound_span(c)) >= 2
            ]
            if after and not issuer:
                return self._resolve(after[-1], to_orig, appos=None)
            return Speaker(None, resolved_by="unresolved", **base)

        if person is None and is_title_word(low):
            person = name_after(toks[-1])  # "the former coach Dieter Hecking said"
        if person is None and is_title_word(low):
            # "Anansi president and publisher Sarah MacLachlan": two titles, one
            # person.
            conj = next(
                (
                    c
                    for c in head.children
                    if c.dep_ == "conj" and c.ent_type_ == "PERSON"
                ),
                None,
            )
            if conj is not None:
                person = next((e for e in doc.ents if e.start <= conj.i < e.end), None)
        if person is not None and person.text.split()[-1].lower() in NOT_SURNAMES:
            person = None  # "Tribunal Reforms Bill"
        if person is None and appos is not None and appos.tag_ in PROPN:
            if head.tag_ in ("NN", "NNS") and low not in PERSON_PRONOUNS:
                # "Canada's second biggest airline, WestJet, said"
                spk = Speaker(
                    proper_name(appos),
                    organization=org,
                    resolved_by="explicit",
                    **base,
                )
                self.orgs.append((start, spk))
                return spk
        if person is not None:
            belonging = self._belonging(head, person, base)
            if belonging is not None:
                return belonging
        if person is not None:
            commas = [t.i for t in person if t.text == ","]
            if commas and commas[-1] + 1 < person.end:
                person = doc[commas[-1] + 1 : person.end]  # "MySpace, Hemanshu Nigam"
            i = person.start
            if doc[i].text == "-" and i + 1 < person.end:
                i += 1  # a span starting at the hyphen ("-Luis Jr.")
            while i > 1 and hyphen_inside(doc[i - 1]):
                i -= 2  # "Sergio Ortiz-Luis Jr.": the recognizer took "Luis Jr."
                while (
                    i > 0 and doc[i - 1].tag_ in PROPN and doc[i - 1].dep_ == "compound"
                ):
                    i -= 1
            person = doc[i : person.end]
            name, title = split_title(clean_name(person.text))
            canonical = self.people.canonical(name, start)
            role = role_of(toks, person, orgs, appos, canonical) or title
            known = self.people.note(canonical, start, role, org, mention)
            if known is not None:
                role, org = known.role, known.organization
            how = "explicit" if canonical == name else "alias"
            return Speaker(
                canonical, role=role, organization=org, resolved_by=how, **base
            )

        office = self._whose_office(head, base)
        if office is not None:
            return office
        if low in PERSON_PRONOUNS:
            gender = "f" if low in FEMALE_PRONOUNS else "m"
            # '"...," he added' goes on with the last speaker whoever was named.
            continues = head.head.lower_ in _CONTINUING
            known = self.people.pronoun_target(start, gender, continues)
            if known is None:
                return Speaker(None, resolved_by="unresolved", **base)
            return Speaker(
                known.name,
                role=known.role,
                organization=known.organization,
                resolved_by="pronoun",
                **base,
            )
        # 'it said', 'it further wrote': a paper, a report or an organisation;
        # 'they said': a group. Both refer to the last group named.
        if low == "it" or low in PLURAL_PRONOUNS:
            grp = (
                self.last_group
                if low != "it"
                else (self._org_before(start) or self.last_group)
            )
            if grp is None or low in ("we", "i"):
                return Speaker(None, resolved_by="unresolved", **base)
            return Speaker(
                grp.name,
                role=grp.role,
                organization=grp.organization,
                resolved_by="pronoun",
                **base,
            )
        if low in ("i", "you", "me", "us") or not any(wordlike(t) for t in toks):
            return Speaker(None, resolved_by="unresolved", **base)

        # 'said Skelly' is often tagged as an adverb, 'Chamisa said' as a noun.
        named = head.tag_ in PROPN or (
            wordlike(head)
            and head.text[:1].isupper()
            and (head.i > 0 or self.people.known_person(head.text, start) is not None)
        )
        if named and low not in GROUP_WORDS:
            # A name the NER missed or took for an organisation ("Kuleba",
            # "Baerbock"): a known person's surname makes it that person.
            names = toks
            span = compound_span(head)
            if span.start < toks[0].i:
                names = [*span, *(t for t in toks if t.i > head.i)]  # "Wieczorek-Zeul"
            commas = [k for k, t in enumerate(toks) if t.text == ","]
            if commas and commas[-1] + 1 < len(toks):
                after = toks[commas[-1] + 1 :]
                if len(after) >= 2 and all(t.tag_ in PROPN for t in after):
                    names = after  # "The CEO of MySpace, Hemanshu Nigam"
            words = joined(
                [
                    t
                    for t in names
                    if t.tag_ in PROPN or t.i == head.i or hyphen_inside(t)
                ]
            )
            name, title = split_title(clean_name(words))
            canonical = self.people.known_person(name, start)
            # A title ("U.S. District Judge T.S. Ellis") makes a person even where
            # the title holds a place; no title and no known first name leaves an
            # unsure one ("Daily Dawn").
            # An honorific ("Dr Rodchenkov", "Mr Gusmao") makes a person too.
            honorific = words.split()[0].lower().rstrip(
                "."
            ) in HONORIFICS and not is_title_word(name)
            titled = title is not None or honorific
            sure = titled or first_name_gender(name.split()[0]) is not None
            if canonical is None and (" " in name or titled) and (not orgs or titled):
                canonical = name
            if canonical is not None and canonical.split()[-1].lower() in NOT_SURNAMES:
                canonical = None
            if canonical is not None and is_title_word(canonical.split()[-1]):
                canonical = None  # "the Health Minister": a title, not a name
            if canonical is not None:
                known = self.people.note(canonical, start, title, sure=sure) or Person(
                    canonical, None, None, start
                )
                how = "explicit" if canonical == name else "alias"
                return Speaker(
                    canonical,
                    role=known.role,
                    organization=known.organization,
                    resolved_by=how,
                    **base,
                )

        definite = issuer or any(
            t.lower_ in ("the", "this", "that")
            # "the State Department's first deputy spokesman"
            or (t.dep_ == "poss" and any(d.lower_ == "the" for d in t.lefts))
            for t in head.lefts
        )
        if named and not definite and is_title_word(low) and not person_words(toks):
            # A title alone ("Judge says ..." in a headline, "WHO Chief"): the
            # holder the article names later, else no one.
            return self._title_holder(low, toks, orgs, base)
        if (
            named
            and len(toks) == 1
            and not head.ent_type_
            and self.names.in_title_line(start)
        ):
            # "Panel Backs Prosecutors": a headline capitalises common nouns.
            return Speaker(None, resolved_by="unresolved", **base)
        if definite and head.tag_ in ("NN", "NNP") and low in ORG_NOUNS and not orgs:
            return self._org_description(low, toks, start, base)
        if definite:
            described = self._person_description(head, toks, orgs, appos, base)
            if described is not None:
                return described

        # A group, an organisation or an unnamed source; never a thing.
        if not named and not orgs and not can_speak(low):
            return Speaker(None, resolved_by="unresolved", **base)
        if definite and head.tag_ in ("NN", "NNS") and not orgs:
            known_org = self.names.org_named(low, start)
            if known_org is not None:
                return self._named_org(known_org, base)
        name = proper_name(head) if named else group_name(toks)
        if named and name:
            name = self.names.expand_acronym(name)
        if (
            not name
            or name.lower() in QUANTIFIERS
            or name.split()[-1].lower() in CALENDAR_WORDS | LAW_WORDS
            or name.split()[0].lower().rstrip(".") in CALENDAR_WORDS  # "Jun 8"
        ):
            return Speaker(None, resolved_by="unresolved", **base)
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if org is None and poss is not None and low in ROLE_WORDS:
            org = clean_name(poss.text)
        role = head.text if low in ROLE_WORDS else None
        spk = Speaker(name, role=role, organization=org, resolved_by="explicit", **base)
        if head.tag_ in ("NNS", "NNPS") or orgs or low in GROUP_WORDS:
            self.last_group = spk
        if orgs or (named and head.tag_ in PROPN):
            self.orgs.append((start, spk))
        return spk
