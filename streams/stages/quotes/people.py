"""People an article names: full names, genders, and whom a pronoun means.

Reads the text (through ``TextNames``) and the people the resolver has met; a
short name ("Patel") takes the fullest form the article uses ("Vedant Patel"),
"he"/"she" go to the last speaker, the subject of the sentence before, or the
last person of that gender.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.stages.quotes.lexicon import (
    BODY_NOUNS,
    FUNCTION_WORDS,
    GROUP_WORDS,
    NOT_SURNAMES,
    SPEAKING_NOUNS,
)
from streams.stages.quotes.mentions import (
    clean_name,
    first_name_gender,
    gender_of,
    is_title_word,
    split_title,
)
from streams.stages.quotes.names import TextNames

__all__ = ["People", "Person"]

# A pronoun refers to the speaker of the previous attribution when that was said
# within this many characters (about two short paragraphs); past it, to the last
# person named of its gender.
_SPEAKER_REACH = 600
# A person named in full this near before a pronoun is its antecedent.
_INTRODUCED_REACH = 300
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’]?\s")
# A sentence's subject is the antecedent of a pronoun this near after it.
_SUBJECT_REACH = 400


@dataclass(slots=True)
class Person:
    """A person the article names, as known at ``pos``."""

    name: str
    role: str | None
    organization: str | None
    pos: int
    gender: str | None = None  # "f", "m" or unknown
    # False for a name only guessed to be a person (no entity, no known first
    # name): it may be an organisation, so "he"/"she" never refer to it.
    sure: bool = True


class People:
    """The people an article has named so far, in the order met.

    Args:
        names: name lookups over the article text.
    """

    def __init__(self, names: TextNames) -> None:
        self.names = names
        self.persons: list[Person] = []
        # Who spoke last, for the next "he"/"she" (a person only).
        self.last_speaker: Person | None = None

    def canonical(self, name: str, pos: int, given: bool = True) -> str:
        """The fullest form of ``name`` in the article, nearest before ``pos`` first.

        A surname takes the full name that ends in it; a lone word that a known
        person's name starts with takes that name ("Tedros", "Zhang" for Tedros
        Adhanom Ghebreyesus and Zhang Lei, whose family name comes first). With
        ``given``, a lone word the article first wrote with a family name after
        it takes that form ("Somkid" for Somkid Jatusripitak).
        """
        words = name.split()
        if not words or len(words) > 3 or (len(words) == 1 and is_title_word(name)):
            return name
        if words[-1].rstrip(".") in _SUFFIXES:
            return name  # "Vicente Sotto III", never "Benigno Aquino III"
        forms = [f for f in self.names.full_forms(words[-1]) if len(f[1]) > len(name)]
        for person in self.persons:
            base = _without_suffix(person.name)
            if base.endswith(" " + words[-1]) and len(person.name) > len(name):
                forms.append((person.pos, person.name))
        # "Vicente Sotto" found in the text is "Vicente Sotto III" once met.
        forms = [
            next(
                ((at, p.name) for p in self.persons if _without_suffix(p.name) == f),
                (at, f),
            )
            for at, f in forms
        ]
        if not forms and len(words) == 1:
            forms = [
                (p.pos, p.name)
                for p in self.persons
                if p.name.startswith(name + " ") and first_name_gender(name) is None
            ]
            given = self.names.given_after(name) if not forms else None
            if given is not None:
                return given
            if not forms and given and name[:1].isupper():
                # "Somkid warned": a given name the first mention completes
                # ("Finance Minister Somkid Jatusripitak").
                longer = self.names.longer_first_mention(name)
                if longer != name:
                    return longer
            if not forms and len(name) >= 6:
                # A misspelt surname ("Morrision" for David Morrison).
                forms = [
                    (at, full)
                    for at, full, _ in self.names.first_last()
                    if _one_edit(name, full.split()[-1])
                ]
        if not forms and len(words) == 2:
            return self.names.longer_first_mention(name)
        if not forms:
            return name
        before = [f for f in forms if f[0] <= pos]
        pick = max(before) if before else min(forms)
        return pick[1]

    def known_person(self, name: str, pos: int) -> str | None:
        """The canonical name when ``name`` is (part of) a person's full name."""
        canonical = self.canonical(name, pos)
        if canonical != name:
            return canonical
        if any(p.name == name for p in self.persons) and " " in name:
            return name
        return None

    def note(
        self,
        name: str,
        pos: int,
        role: str | None = None,
        org: str | None = None,
        mention: str = "",
        sure: bool = True,
    ) -> Person | None:
        """Record a person named at ``pos`` (a speaker or a sentence subject).

        Returns the person as recorded, or None for a name that is no one's
        ("GSLV Mark III", a name ending in a weekday).
        """
        raw = name
        name, title = split_title(clean_name(name))
        name = self.canonical(name, pos)
        if not name or name.split()[-1].lower() in NOT_SURNAMES:
            return None
        if _without_suffix(name) == name and name.split()[-1] in _SUFFIXES:
            return None  # "GSLV Mark III" is a rocket
        role = role or title
        if role and set(role.split()) <= set(name.split()):
            role = None  # a piece of the name ("Noor" of Noor Hisham Abdullah)
        gender = gender_of(name, mention or raw)
        known = self.latest(name)
        if known is not None:
            role = role or known.role
            org = org or known.organization
            gender = gender or known.gender
        sure = sure or gender is not None or known is not None
        person = Person(name, role, org, pos, gender, sure)
        self.persons.append(person)
        return person

    def before(
        self, pos: int, words: set[str] | None = None, gender: str | None = None
    ) -> Person | None:
        """The last sure person before ``pos`` (of ``gender``, with ``words``).

        With ``words``, only a person whose role or organisation holds one.
        """
        best: Person | None = None
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

    def named_before(self, pos: int, gender: str | None) -> Person | None:
        """The last "First Last" name of a ``gender`` (any: None) before ``pos``.

        Only sentences with a quote or a cue are parsed, so a person introduced
        in another sentence ("Hillary Clinton met voters in Iowa.") is found by
        the first-name lexicon instead.
        """
        best = None
        for start, name, sex in self.names.first_last():
            if start >= pos:
                break
            if self.names.quoted(start):
                continue
            if gender is None or sex == gender:
                best = (start, name, sex)
        if best is None:
            return None
        return self._as_met(self.canonical(best[1], best[0]), best[0], best[2])

    def latest(self, name: str) -> Person | None:
        """The last record of the person called ``name``, if met."""
        return next((p for p in reversed(self.persons) if p.name == name), None)

    def _as_met(self, name: str, at: int, sex: str | None) -> Person:
        """``name`` at ``at``, with the role and organisation it was met with."""
        known = self.latest(name)
        return Person(
            name,
            known.role if known else None,
            known.organization if known else None,
            at,
            sex,
        )

    def sentence_subject(self, pos: int, gender: str, floor: int) -> Person | None:
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
            known = self.latest(canonical)
            if known is not None:
                sex = known.gender
            elif " " in canonical and (first_name_gender(canonical.split()[0]) or role):
                sex = gender_of(canonical)
            else:
                return None
            if sex not in (gender, None):
                return None
            return self._as_met(canonical, at, sex)
        return None

    def introduced(self, pos: int, gender: str, floor: int) -> Person | None:
        """A person named in full just before ``pos``, in a sentence after ``floor``.

        '... with coach Marc Wilmots putting things into perspective. "...," he
        said': a full name right before a quote, in a sentence of its own after
        the last speaker's, introduces its speaker wherever it stands.
        """
        for at, name, sex in reversed(self.names.first_last()):
            if at >= pos:
                continue
            if at <= floor or pos - at > _INTRODUCED_REACH or sex != gender:
                return None
            if self.names.quoted(at):
                continue  # "… reported to UAW Chairman Tim Rowe," he said
            between = self.names.text[max(floor, 0) : at]
            if floor >= 0 and not _SENTENCE_END.search(between):
                return None  # in the last speaker's sentence: what was said
            name = self.canonical(name, at)
            last = self.last_speaker
            if last is not None and last.name == name:
                return None
            return self._as_met(name, at, sex)
        return None

    def surname_before(self, pos: int, gender: str) -> Person | None:
        """A surname written just before ``pos`` whose full name the article gave.

        'Super Eagles handler, Sunday Oliseh, ... Though Oliseh apologised ..., he
        stressed': with no person of known gender named, the last surname of a
        full name is whom the pronoun means, of the pronoun's gender.
        """
        window = self.names.text[max(0, pos - _SUBJECT_REACH) : pos]
        for m in reversed(list(_CAPITALISED.finditer(window))):
            word = m.group(0)
            following = window[m.end() : m.end() + 12].split()
            if not following or following[0].lower() in FUNCTION_WORDS:
                continue  # "Columbia Christian and Grant Union high schools"
            low = word.lower()
            if (
                low in NOT_SURNAMES
                or low in BODY_NOUNS
                or low in GROUP_WORDS
                or low in SPEAKING_NOUNS
                or is_title_word(word)
            ):
                continue
            forms = [
                f
                for f in self.names.full_forms(word)
                if first_name_gender(f[1].split()[0])
            ]  # a person's name, not a paper's ("Daily Dawn")
            if forms:
                person = self.note(forms[0][1], pos - len(window) + m.start())
                if person is None or person.name != forms[0][1]:
                    return None
                # The pronoun is the evidence ("Sunday" is also a woman's name).
                person.gender = gender
                return person
        return None

    def pronoun_target(
        self, pos: int, gender: str, continues: bool = False
    ) -> Person | None:
        """Who "he" or "she" at ``pos`` refers to.

        The speaker of the previous attribution when it is near and agrees in
        gender ('"...," the coach said. "...," he added'), else the person of that
        gender named last, parsed or found by the first-name lexicon.
        """
        last = self.last_speaker
        opener = None
        if not continues:
            opener = self.sentence_subject(pos, gender, last.pos if last else -1)
        if opener is not None:
            return opener
        if not continues:
            opener = self.introduced(pos, gender, last.pos if last else -1)
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
        parsed = self.before(pos, gender=gender)
        named = self.named_before(pos, gender)
        if parsed is None and named is None:
            return self.surname_before(pos, gender)
        if (
            last is not None
            and last.pos < pos
            and last.gender in (gender, None)
            and (last.sure or "-" in last.name)
            and all(p.name == last.name for p in self.persons if p.pos > last.pos)
            and (named is None or named.pos < last.pos or named.name == last.name)
        ):
            return last  # far back, but no one else was named since
        if parsed is None:
            return named
        if named is not None and named.pos > parsed.pos and parsed.gender != gender:
            return named  # a name of the right gender beats an unknown one
        return parsed


# Generational suffixes: part of a name, never its surname.
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})


def _without_suffix(name: str) -> str:
    """A name without its generational suffix ("Vicente Sotto III")."""
    words = name.split()
    if len(words) > 2 and words[-1].rstrip(".") in _SUFFIXES:
        return " ".join(words[:-1]).rstrip(",")
    return name


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, dropped or changed letter."""
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]
