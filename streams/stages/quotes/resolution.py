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
from dataclasses import dataclass, replace
from typing import Any

from streams.records import Speaker
from streams.stages.quotes.mentions import (
    can_speak,
    clean_name,
    first_name_gender,
    gender_of,
    is_title_word,
    mention_tokens,
    split_title,
)
from streams.stages.quotes.names import TextNames
from streams.stages.quotes.patterns import (
    BODY_NOUNS,
    DOCUMENT_WORDS,
    FEMALE_PRONOUNS,
    FUNCTION_WORDS,
    GROUP_WORDS,
    HONORIFICS,
    NOT_SURNAMES,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    QUANTIFIERS,
    ROLE_WORDS,
)
from streams.stages.quotes.phrases import (
    compound_span,
    group_name,
    is_dateline,
    joint_partner,
    name_after,
    person_words,
    proper_name,
    redirect,
    role_of,
)

__all__ = ["SpeakerResolver"]

logger = logging.getLogger(__name__)

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_STOP = frozenset({"the", "a", "an", "of", "for", "and", "'s", "’s", "this", "that"})
_PROPN = ("NNP", "NNPS")  # Penn tags: the attribute_ruler (coarse POS) is not loaded
# A pronoun refers to the speaker of the previous attribution when that was said
# within this many characters (about two short paragraphs); past it, to the last
# person named of its gender.
_SPEAKER_REACH = 600
_CONTINUING = frozenset({"added", "adds", "continued", "continues"})
# A sentence's subject is the antecedent of a pronoun this near after it.
_SUBJECT_REACH = 400

ToOrig = Callable[[int], int]


@dataclass(slots=True)
class _Person:
    name: str
    role: str | None
    organization: str | None
    pos: int
    gender: str | None = None  # "f", "m" or unknown
    # False for a name only guessed to be a person (no entity, no known first
    # name): it may be an organisation, so "he"/"she" never refer to it.
    sure: bool = True


class SpeakerResolver:
    """Per-article speaker state: people and organisations named so far.

    Args:
        text: the article text, searched for the fullest form of a short name.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.persons: list[_Person] = []
        self.orgs: list[tuple[int, Speaker]] = []
        self.org_ents: list[tuple[int, str]] = []
        self.last_group: Speaker | None = None
        self.last_speaker: _Person | None = None
        self.names = TextNames(text)

    # -- names -------------------------------------------------------------

    def canonical(self, name: str, pos: int) -> str:
        """The fullest form of ``name`` in the article, nearest before ``pos`` first.

        A surname takes the full name that ends in it; a lone word that a known
        person's name starts with takes that name ("Tedros", "Zhang" for Tedros
        Adhanom Ghebreyesus and Zhang Lei, whose family name comes first).
        """
        words = name.split()
        if not words or len(words) > 3 or (len(words) == 1 and is_title_word(name)):
            return name
        forms = [f for f in self.names.full_forms(words[-1]) if len(f[1]) > len(name)]
        for person in self.persons:
            if person.name.endswith(" " + words[-1]) and len(person.name) > len(name):
                forms.append((person.pos, person.name))
        if not forms and len(words) == 1:
            forms = [
                (p.pos, p.name)
                for p in self.persons
                if p.name.startswith(name + " ") and first_name_gender(name) is None
            ]
            given = self.names.given_after(name) if not forms else None
            if given is not None:
                return given
            if not forms and len(name) >= 6:
                # A misspelt surname ("Morrision" for David Morrison).
                forms = [
                    (at, full)
                    for at, full, _ in self.names.first_last()
                    if _one_edit(name, full.split()[-1])
                ]
        if not forms:
            return name
        before = [f for f in forms if f[0] <= pos]
        pick = max(before) if before else min(forms)
        return pick[1]

    def _known_person(self, name: str, pos: int) -> str | None:
        """The canonical name when ``name`` is (part of) a person's full name."""
        canonical = self.canonical(name, pos)
        if canonical != name:
            return canonical
        if any(p.name == name for p in self.persons) and " " in name:
            return name
        return None

    # -- registration --------------------------------------------------------

    def note_person(
        self,
        name: str,
        pos: int,
        role: str | None = None,
        org: str | None = None,
        mention: str = "",
        sure: bool = True,
    ) -> None:
        """Record a person named at ``pos`` (a speaker or a sentence subject)."""
        raw = name
        name, title = split_title(clean_name(name))
        name = self.canonical(name, pos)
        if not name or name.split()[-1].lower() in NOT_SURNAMES:
            return
        role = role or title
        gender = gender_of(name, mention or raw)
        for known in reversed(self.persons):
            if known.name == name:
                role = role or known.role
                org = org or known.organization
                gender = gender or known.gender
                break
        sure = sure or gender is not None or any(p.name == name for p in self.persons)
        self.persons.append(_Person(name, role, org, pos, gender, sure))

    def note_entities(self, doc: Any, to_orig: ToOrig) -> None:
        """Record PERSON entities that are subjects and ORG entities of a unit."""
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.root.dep_ in _SUBJECT_DEPS:
                self.note_person(ent.text, to_orig(ent.start_char))
            elif ent.label_ == "ORG" and ent.root.tag_ in _PROPN:
                name = clean_name(ent.text)
                at = to_orig(ent.start_char)
                if name.lower() not in FUNCTION_WORDS and name:
                    if not self.names.in_title_line(at):  # "Panel Backs ..."
                        self.org_ents.append((at, name))

    def _org_entity_before(self, pos: int) -> str | None:
        """The organisation entity named most often before ``pos`` (latest on ties).

        "the company" after a paragraph about Samsung whose sentences named it
        without making it a speaker.
        """
        counts: dict[str, tuple[int, int]] = {}
        for at, name in self.org_ents:
            if at < pos:
                n, _ = counts.get(name, (0, 0))
                counts[name] = (n + 1, at)
        if not counts:
            return None
        return max(counts.items(), key=lambda kv: kv[1])[0]

    def _person_before(
        self, pos: int, words: set[str] | None = None, gender: str | None = None
    ) -> _Person | None:
        best: _Person | None = None
        for person in self.persons:
            if person.pos >= pos or not person.sure:
                continue
            if gender and person.gender and person.gender != gender:
                continue
            if words:
                about = f"{person.role or ''} {person.organization or ''}".lower()
                if not words & set(about.split()):
                    continue
            if best is None or person.pos >= best.pos:
                best = person
        return best

    def _named_before(self, pos: int, gender: str | None) -> _Person | None:
        """The last "First Last" name of a ``gender`` (any: None) before ``pos``.

        Only sentences with a quote or a cue are parsed, so a person introduced
        in another sentence ("Hillary Clinton met voters in Iowa.") is found by
        the first-name lexicon instead.
        """
        best = None
        for start, name, sex in self.names.first_last():
            if start >= pos:
                break
            if gender is None or sex == gender:
                best = (start, name, sex)
        if best is None:
            return None
        name = self.canonical(best[1], best[0])
        for known in reversed(self.persons):
            if known.name == name:
                return _Person(name, known.role, known.organization, best[0], best[2])
        return _Person(name, None, None, best[0], best[2])

    def _sentence_subject(self, pos: int, gender: str, floor: int) -> _Person | None:
        """A person who opens a sentence after ``floor`` and near before ``pos``.

        'Harper was having some difficulties too. [...] "...," she said': the
        sentence subject named since the last speaker is whom the pronoun means,
        when it is a known person, has a known first name, or a role follows it.
        """
        for at, name, role in reversed(self.names.sentence_subjects()):
            if at >= pos:
                continue
            if at <= floor or pos - at > _SUBJECT_REACH:
                return None
            canonical = self.canonical(name, at)
            known = next(
                (p for p in reversed(self.persons) if p.name == canonical), None
            )
            if known is not None:
                sex = known.gender
            elif " " in canonical and (first_name_gender(canonical.split()[0]) or role):
                sex = gender_of(canonical)
            else:
                return None
            if sex not in (gender, None):
                return None
            return _Person(
                canonical,
                known.role if known else None,
                known.organization if known else None,
                at,
                sex,
            )
        return None

    def _pronoun_target(
        self, pos: int, gender: str, continues: bool = False
    ) -> _Person | None:
        """Who "he" or "she" at ``pos`` refers to.

        The speaker of the previous attribution when it is near and agrees in
        gender ('"...," the coach said. "...," he added'), else the person of that
        gender named last, parsed or found by the first-name lexicon.
        """
        last = self.last_speaker
        opener = None
        if not continues:
            opener = self._sentence_subject(pos, gender, last.pos if last else -1)
        if opener is not None:
            return opener
        if (
            last is not None
            and last.pos < pos
            and pos - last.pos <= _SPEAKER_REACH
            and last.gender in (gender, None)
            and (last.sure or "-" in last.name)  # "Shin Jong-kyun"
        ):
            return last
        parsed = self._person_before(pos, gender=gender)
        named = self._named_before(pos, gender)
        if parsed is None:
            return named
        if named is not None and named.pos > parsed.pos and parsed.gender != gender:
            return named  # a name of the right gender beats an unknown one
        return parsed

    def _org_before(
        self, pos: int, noun: str = "", words: frozenset[str] = frozenset()
    ) -> Speaker | None:
        """The last organisation named before ``pos``, one named by ``noun`` first.

        Among those, one whose name holds the description's other ``words`` too
        ("the international committee" -> International Paralympic Committee).
        """
        before = [spk for at, spk in self.orgs if at < pos and spk.name]
        if noun:
            by_noun = [s for s in before if noun in (s.name or "").lower().split()]
            before = by_noun or before
            fits = [s for s in before if words <= set((s.name or "").lower().split())]
            before = fits or before
        return before[-1] if before else None

    def _named_org(self, name: str, base: dict[str, Any]) -> Speaker:
        """An organisation a description names, kept for a later "it"."""
        spk = Speaker(name, resolved_by="title", **base)
        self.orgs.append((base["start"], spk))
        return spk

    def _title_holder(
        self, title: str, toks: list[Any], orgs: list[Any], base: dict[str, Any]
    ) -> Speaker:
        """The person a title names later in the article, else no one."""
        role = " ".join(t.text for t in toks if is_title_word(t.text)) or None
        org = clean_name(orgs[0].text) if orgs else None
        holder = self.names.titled_after(title, base["start"])
        if holder is None:
            return Speaker(None, role=role, organization=org, **base)
        name = self.canonical(holder, base["start"])
        return Speaker(name, role=role, organization=org, resolved_by="title", **base)

    # -- resolution ------------------------------------------------------------

    def resolve_name(self, name: str, start: int, end: int) -> Speaker:
        """The Speaker for a name found in the text, not by the parser.

        Used for '"..." ― Name' signatures, whose dash the tokenizer may glue to
        the closing mark.
        """
        clean, _ = split_title(clean_name(name))
        canonical = self.canonical(clean, start)
        self.note_person(canonical, start, mention=name)
        known = self.persons[-1]
        self.last_speaker = known
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
            return Speaker(None, mention=self.text[start:end], start=start, end=end)
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
            # Who spoke last, for the next "he"/"she" (a person only).
            known = next(
                (p for p in reversed(self.persons) if p.name == spk.name), None
            )
            if known is not None:
                self.last_speaker = replace(known, pos=spk.start or 0)
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
            person = _named_by(head)  # "A Samsung spokesperson named Chris Langlois"
        if person is None and appos is not None and appos.ent_type_ == "PERSON":
            person = next((e for e in doc.ents if e.start <= appos.i < e.end), None)
        if person is None and appos is not None and appos.tag_ in _PROPN:
            name_span = compound_span(appos)
            if is_title_word(low) or first_name_gender(name_span[0].text):
                person = name_span  # "Health Minister, Dr. Oly Ilunga Kalenga"
        if is_dateline(mention, start, self.text):
            return Speaker(None, resolved_by="unresolved", **base)

        if person is None and is_title_word(low):
            person = name_after(toks[-1])  # "the former coach Dieter Hecking said"
        if person is not None and person.text.split()[-1].lower() in NOT_SURNAMES:
            person = None  # "Tribunal Reforms Bill"
        if person is None and appos is not None and appos.tag_ in _PROPN:
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
            commas = [t.i for t in person if t.text == ","]
            if commas and commas[-1] + 1 < person.end:
                person = doc[commas[-1] + 1 : person.end]  # "MySpace, Hemanshu Nigam"
            name, title = split_title(clean_name(person.text))
            canonical = self.canonical(name, start)
            role = role_of(toks, person, orgs, appos) or title
            self.note_person(canonical, start, role, org, mention)
            role, org = self.persons[-1].role, self.persons[-1].organization
            how = "explicit" if canonical == name else "alias"
            return Speaker(
                canonical, role=role, organization=org, resolved_by=how, **base
            )

        if low in PERSON_PRONOUNS:
            gender = "f" if low in FEMALE_PRONOUNS else "m"
            # '"...," he added' goes on with the last speaker whoever was named.
            continues = head.head.lower_ in _CONTINUING
            known = self._pronoun_target(start, gender, continues)
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
        if low in ("i", "you", "me", "us") or not any(t.is_alpha for t in toks):
            return Speaker(None, resolved_by="unresolved", **base)

        # 'said Skelly' is often tagged as an adverb, 'Chamisa said' as a noun.
        named = head.tag_ in _PROPN or (
            head.is_alpha
            and head.text[:1].isupper()
            and (head.i > 0 or self._known_person(head.text, start) is not None)
        )
        if named and low not in GROUP_WORDS:
            # A name the NER missed or took for an organisation ("Kuleba",
            # "Baerbock"): a known person's surname makes it that person.
            words = " ".join(t.text for t in toks if t.tag_ in _PROPN or t.i == head.i)
            name, title = split_title(clean_name(words))
            canonical = self._known_person(name, start)
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
            if canonical is not None:
                self.note_person(canonical, start, title, sure=sure)
                known = self.persons[-1]
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
            about = frozenset(t.lower_ for t in toks if t.tag_ == "JJ")
            known_org = self._org_before(start, low, about)
            if known_org is not None:
                return Speaker(
                    known_org.name,
                    organization=known_org.organization,
                    resolved_by="title",
                    **base,
                )
            named_org = self._org_entity_before(start)
            if named_org is not None:
                return self._named_org(named_org, base)
            body = self.names.org_named(low, start)
            if body is not None:
                return self._named_org(body, base)
            # "the company" with no company named: no one a reader could name.
            return Speaker(None, resolved_by="unresolved", **base)
        person_noun = is_title_word(low) or (
            can_speak(low)
            and head.tag_ == "NN"
            and low not in BODY_NOUNS
            and low not in ORG_NOUNS
            and low not in GROUP_WORDS
        )  # "the 49-year-old pianist", "the former Nurnberg coach"
        if (
            definite
            and head.tag_ in ("NN", "NNP")
            and person_noun
            and not (head.ent_type_ == "ORG" and head.tag_ in _PROPN)  # "the AP"
        ):
            words = {t.lower_ for t in toks if t.lower_ not in _STOP and t.i != head.i}
            known = (
                self._person_before(start, words)
                or self._person_before(start)
                or self._named_before(start, None)
            )
            if known is None and is_title_word(low):
                return self._title_holder(low, toks, orgs, base)
            if known is not None:
                return Speaker(
                    known.name,
                    role=known.role or role_of(toks, None, orgs, appos),
                    organization=org or known.organization,
                    resolved_by="title",
                    **base,
                )

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
        if not name or name.lower() in QUANTIFIERS:
            return Speaker(None, resolved_by="unresolved", **base)
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if org is None and poss is not None and low in ROLE_WORDS:
            org = clean_name(poss.text)
        role = head.text if low in ROLE_WORDS else None
        spk = Speaker(name, role=role, organization=org, resolved_by="explicit", **base)
        if head.tag_ in ("NNS", "NNPS") or orgs or low in GROUP_WORDS:
            self.last_group = spk
        if orgs or (named and head.tag_ in _PROPN):
            self.orgs.append((start, spk))
        return spk


def _named_by(head: Any) -> Any | None:
    """The name in "a spokesperson named Chris Langlois", as a span."""
    for acl in head.rights:
        if acl.dep_ == "acl" and acl.lower_ in ("named", "called"):
            for obj in acl.children:
                if obj.dep_ in ("oprd", "dobj", "attr") and obj.tag_ in _PROPN:
                    span = compound_span(obj)
                    if first_name_gender(span[0].text) or obj.ent_type_ == "PERSON":
                        return span
    return None


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, dropped or changed letter."""
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]
