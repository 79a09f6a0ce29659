"""Speakers of quotes: find the mention, resolve it, and name it canonically.

Reads parsed spaCy tokens (the subject of a cue verb, the object of "according to")
and the article text; writes ``Speaker`` records (name, mention, start, end, role,
organization, resolved_by). spaCy has no coreference component for English in
its core models, so pronouns and role descriptions ("he", "the State Department
official") are resolved here by recency over the people named so far, and short
names ("Patel") take the fullest form the article uses ("Vedant Patel").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from streams.records import Speaker
from streams.stages.quotes.patterns import (
    CUE_FORMS,
    FEMALE_HONORIFICS,
    FEMALE_NAMES,
    FEMALE_PRONOUNS,
    GROUP_WORDS,
    HONORIFICS,
    MALE_HONORIFICS,
    MALE_NAMES,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    ROLE_WORDS,
)

__all__ = ["SpeakerResolver", "mention_tokens"]

logger = logging.getLogger(__name__)

# Dependents of a speaker's head word that belong to the mention itself.
_MENTION_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "flat", "nummod", "case", "quantmod"}
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_STOP = frozenset({"the", "a", "an", "of", "for", "and", "'s", "’s", "this", "that"})
_NAME_WORD = re.compile(r"[A-Z][a-zA-Z'’.-]*$")
_PROPN = ("NNP", "NNPS")  # Penn tags: the attribute_ruler (coarse POS) is not loaded
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Up to three capitalised words (or initials) right before a surname; searched in
# a window before each occurrence rather than compiling a regex per surname, which
# took a third of the time after parsing.
_GIVEN_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*(?:\.(?<=\b[A-Z]\.))? ){1,3})\Z")
_GIVEN_WINDOW = 120
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+)(?: [A-Z]\.)? ([A-Z][\w'’-]+)")

ToOrig = Callable[[int], int]


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


@dataclass(slots=True)
class _Person:
    name: str
    role: str | None
    organization: str | None
    pos: int
    gender: str | None = None  # "f", "m" or unknown


def _gender(name: str, mention: str = "") -> str | None:
    """Gender of a person from an honorific in the mention or the first name."""
    for word in mention.lower().replace(".", " ").split()[:3]:
        if word in FEMALE_HONORIFICS:
            return "f"
        if word in MALE_HONORIFICS:
            return "m"
    first = name.split()[0].lower() if " " in name else ""
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    return None


def _clean_name(text: str) -> str:
    words = text.split()
    while len(words) > 1 and (
        words[0].lower().rstrip(".") in HONORIFICS
        or words[0].lower() in ROLE_WORDS
        or words[0].lower() in _STOP
        or (  # 'Said Ellis:', 'Stated Stone:' parsed as one name
            words[0].lower() in CUE_FORMS
            and words[0].lower() not in FEMALE_NAMES
            and words[0].lower() not in MALE_NAMES
        )
    ):
        words = words[1:]
    name = " ".join(words) if words else text
    return _POSSESSIVE.sub("", name).strip(" ,.;:")


class SpeakerResolver:
    """Per-article speaker state: people named so far, last speakers, name index.

    Args:
        text: the article text, searched for the fullest form of a short name.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.persons: list[_Person] = []
        self.last_group: Speaker | None = None
        self._full: dict[str, list[tuple[int, str]]] = {}
        self._names: list[tuple[int, str, str]] | None = None

    # -- names -------------------------------------------------------------

    def _full_forms(self, last: str) -> list[tuple[int, str]]:
        """Positions and forms "First [Middle] Last" of a surname in the article."""
        if last not in self._full:
            forms: list[tuple[int, str]] = []
            text = self.text
            i = text.find(last) if last else -1
            # The surname must end at a word boundary, as r"\b" after it would.
            word_end = last[-1:].isalnum() or last[-1:] == "_"
            while i >= 0:
                end = i + len(last)
                start = max(0, i - _GIVEN_WINDOW)
                m = None
                after = end < len(text) and (text[end].isalnum() or text[end] == "_")
                if after != word_end:
                    m = _GIVEN_BEFORE.search(text, start, i)
                i = text.find(last, end)
                if m is None:
                    continue
                words = m.group(1).split()
                given: list[str] = []
                for word in reversed(words):
                    low = word.lower().rstrip(".")
                    if (
                        low in ROLE_WORDS
                        or low in HONORIFICS
                        or low in GROUP_WORDS
                        or low in _STOP
                        or (low in CUE_FORMS and low not in FEMALE_NAMES)
                        or not _NAME_WORD.match(word)
                        or word.endswith(("'s", "’s"))
                    ):
                        break
                    given.insert(0, word)
                if given:
                    forms.append((m.start(), " ".join([*given, last])))
            self._full[last] = forms
        return self._full[last]

    def canonical(self, name: str, pos: int) -> str:
        """The fullest form of ``name`` in the article, nearest before ``pos`` first."""
        words = name.split()
        if not words or len(words) > 3:
            return name
        forms = [f for f in self._full_forms(words[-1]) if len(f[1]) > len(name)]
        for person in self.persons:
            if person.name.endswith(" " + words[-1]) and len(person.name) > len(name):
                forms.append((person.pos, person.name))
        if not forms:
            return name
        before = [f for f in forms if f[0] <= pos]
        pick = max(before) if before else min(forms)
        return pick[1]

    # -- registration --------------------------------------------------------

    def note_person(
        self,
        name: str,
        pos: int,
        role: str | None = None,
        org: str | None = None,
        mention: str = "",
    ) -> None:
        """Record a person named at ``pos`` (a speaker or a sentence subject)."""
        raw = name
        name = self.canonical(_clean_name(name), pos)
        if not name:
            return
        gender = _gender(name, mention or raw)
        for known in reversed(self.persons):
            if known.name == name:
                role = role or known.role
                org = org or known.organization
                gender = gender or known.gender
                break
        self.persons.append(_Person(name, role, org, pos, gender))

    def note_entities(self, doc: Any, to_orig: ToOrig) -> None:
        """Record PERSON entities that are subjects in a parsed unit."""
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.root.dep_ in _SUBJECT_DEPS:
                self.note_person(ent.text, to_orig(ent.start_char))

    def _person_before(
        self, pos: int, words: set[str] | None = None, gender: str | None = None
    ) -> _Person | None:
        best: _Person | None = None
        for person in self.persons:
            if person.pos >= pos:
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

    def _named_before(self, pos: int, gender: str) -> _Person | None:
        """The last "First Last" name of a ``gender`` before ``pos``, parsed or not.

        Only sentences with a quote or a cue are parsed, so a person introduced
        in another sentence ("Hillary Clinton met voters in Iowa.") is found by
        the first-name lists instead.
        """
        if self._names is None:
            self._names = []
            for m in _FULL_NAME.finditer(self.text):
                first = m.group(1).lower()
                sex = "f" if first in FEMALE_NAMES else None
                sex = sex or ("m" if first in MALE_NAMES else None)
                if sex:
                    self._names.append((m.start(), f"{m.group(1)} {m.group(2)}", sex))
        best = None
        for start, name, sex in self._names:
            if start >= pos:
                break
            if sex == gender:
                best = (start, name)
        if best is None:
            return None
        name = self.canonical(best[1], best[0])
        for known in reversed(self.persons):
            if known.name == name:
                return _Person(name, known.role, known.organization, best[0], gender)
        return _Person(name, None, None, best[0], gender)

    # -- resolution ------------------------------------------------------------

    def resolve_name(self, name: str, start: int, end: int) -> Speaker:
        """The Speaker for a name found in the text, not by the parser.

        Used for '"..." ― Name' signatures, whose dash the tokenizer may glue to
        the closing mark.
        """
        clean = _clean_name(name)
        canonical = self.canonical(clean, start)
        self.note_person(canonical, start, mention=name)
        known = self.persons[-1]
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
        org = _clean_name(orgs[0].text) if orgs else None
        role_words = [t.text for t in toks if t.lower_ in ROLE_WORDS]
        base = {"mention": mention, "start": start, "end": end}
        if appos is None:
            appos = next((c for c in head.children if c.dep_ == "appos"), None)
        if person is None and appos is not None and appos.ent_type_ == "PERSON":
            person = next((e for e in doc.ents if e.start <= appos.i < e.end), None)

        if person is not None:
            name = _clean_name(person.text)
            canonical = self.canonical(name, start)
            role = self._role(toks, person, orgs, appos)
            self.note_person(canonical, start, role, org, mention)
            role, org = self.persons[-1].role, self.persons[-1].organization
            how = "explicit" if canonical == name else "alias"
            return Speaker(
                canonical, role=role, organization=org, resolved_by=how, **base
            )

        if low in PERSON_PRONOUNS:
            gender = "f" if low in FEMALE_PRONOUNS else "m"
            known = self._person_before(start, gender=gender)
            if known is None:
                # Preferring such a name over a later parsed person of unknown
                # gender measured the same on PolNeAR train: kept as a fallback.
                known = self._named_before(start, gender)
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
            if self.last_group is None:
                return Speaker(None, resolved_by="unresolved", **base)
            grp = self.last_group
            return Speaker(
                grp.name,
                role=grp.role,
                organization=grp.organization,
                resolved_by="pronoun",
                **base,
            )

        named = head.tag_ in _PROPN or (
            head.i > 0 and head.is_alpha and head.text[:1].isupper()
        )  # 'said Skelly' is often tagged as an adverb
        if named and not orgs and low not in GROUP_WORDS:
            # A name the NER missed, e.g. "Patel" alone: match it to a known person.
            name = _clean_name(
                " ".join(t.text for t in toks if t.tag_ in _PROPN or t.i == head.i)
            )
            canonical = self.canonical(name, start)
            if canonical != name or " " in name:
                self.note_person(canonical, start)
                known = self.persons[-1]
                how = "explicit" if canonical == name else "alias"
                return Speaker(
                    canonical,
                    role=known.role,
                    organization=known.organization,
                    resolved_by=how,
                    **base,
                )

        definite = any(t.lower_ in ("the", "this", "that") for t in head.lefts)
        if low in ROLE_WORDS and head.tag_ in ("NN", "NNP") and definite:
            words = {t.lower_ for t in toks if t.lower_ not in _STOP and t.i != head.i}
            known = self._person_before(start, words) or self._person_before(start)
            if known is not None:
                return Speaker(
                    known.name,
                    role=known.role or self._role(toks, None, orgs, appos),
                    organization=org or known.organization,
                    resolved_by="title",
                    **base,
                )
            return Speaker(
                None, role=" ".join(role_words) or None, organization=org, **base
            )

        # A group, an organisation, a document or an unnamed source.
        name = _clean_name(mention)
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if org is None and poss is not None and low in ROLE_WORDS:
            org = _clean_name(poss.text)
        role = head.text if low in ROLE_WORDS else None
        spk = Speaker(
            name or None, role=role, organization=org, resolved_by="explicit", **base
        )
        if head.tag_ in ("NNS", "NNPS") or orgs or low in GROUP_WORDS:
            self.last_group = spk
        return spk

    def _role(
        self, toks: list[Any], person: Any, orgs: list[Any], appos: Any
    ) -> str | None:
        """Role words outside the name and organisation, or of an appositive."""
        skip: set[int] = set()
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
        while words and (words[-1].lower_ in _STOP or words[-1].is_punct):
            words = words[:-1]
        while words and (words[0].lower_ in _STOP or words[0].is_punct):
            words = words[1:]
        # Keep only the run of role words before "of"/"for" ("Deputy Press Secretary").
        cut = next((i for i, t in enumerate(words) if t.lower_ in _STOP), len(words))
        words = words[:cut]
        if not any(t.lower_ in ROLE_WORDS for t in words):
            return None
        return " ".join(t.text for t in words)
