"""Names as the article writes them, found in its text rather than its parse.

Only sentences with a quote or a cue are parsed, so full names ("First [Middle]
Last") and organisation names ("Congo Ministry of Health") are looked up in the
raw text: the fullest form of a surname, the "First Last" names whose first name
the lexicon knows, capitalised organisation names, and the names acronyms
stand for. Regular expressions over the text, cached per article.
"""

from __future__ import annotations

import bisect
import re

from streams.stages.quotes.lexicon import (
    BODY_NOUNS,
    CALENDAR_WORDS,
    DEMONYMS,
    FUNCTION_WORDS,
    GROUP_WORDS,
    MENTION_STOPWORDS,
    NOT_SURNAMES,
    ORG_NOUNS,
    QUANTIFIERS,
    ROLE_WORDS,
    TITLE_WORDS,
)
from streams.stages.quotes.marks import scan_marks
from streams.stages.quotes.mentions import first_name_gender, is_title_word
from streams.stages.quotes.patterns import (
    CUE_FORMS,
)

__all__ = ["TextNames"]

# Capitals and letters of Latin scripts, accents included ("Micheál", "Łukasz").
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_NAME_WORD = re.compile(rf"[{_UPPER}][^\W\d_'’.-]*(?:['’.-][^\W\d_]*)*$")
# Up to three capitalised words (or initials) right before a surname; searched in
# a window before each occurrence rather than compiling a regex per surname, which
# took a third of the time after parsing.
_GIVEN_BEFORE = re.compile(
    r"((?:(?:(?:[A-Z]\.){2,3}|[A-Z][\w'’-]*(?:\.(?<=\b[A-Z]\.))?) ){1,3})\Z"
)
_GIVEN_WINDOW = 120
# A lookahead, so that "Senator Maria Lopez" yields "Maria Lopez" too; a name
# runs no further ("Kennedy Space Center" is no one).
_FULL_NAME = re.compile(
    rf"\b(?=([{_UPPER}][^\W\d_]+)(?: [A-Z]\.)? ([{_UPPER}][\w'’-]*\w)\b"
    rf"(?! [{_UPPER}][a-z]))"
)
# Portfolio words that end a title before a name ("Secretary of State Marco Rubio").
_OFFICE_WORDS = frozenset(
    "state defense defence justice health commerce treasury interior energy "
    "education labor labour transportation transport agriculture homeland "
    "security finance trade technology science sports sport culture tourism "
    "information affairs development environment housing welfare".split()
)
_ACRONYM_SKIP = frozenset({"of", "for", "on", "and", "the", "&"})
# Lower-case particles glued to a family name: "Ali al-Nuaimi".
_NEXT_NAME_WORD = re.compile(r"[A-Z][a-z][\w'’-]*\b(?![.,]? [A-Z][a-z])")
_PARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|ash|an|bin|ibn|abu)-\Z")
_POSSESSIVE_END = re.compile(r"(?:'s|’s)$")
_ORG_NAME = re.compile(
    r"(?:[A-Z][\w.&'’-]*\s)*[A-Z][\w.&'’-]*(?:\s(?:of|for|on|and)(?:\sthe)?"
    r"(?:\s[A-Z][\w.&'’-]*)+)*"
)


# A name opening a sentence, then a lower-case word (its verb) or a comma (an
# apposition): "Harper was having ...", "Tonderai Bosha, a ZANU-PF spokesman,".
_TITLE_ALT = "|".join(sorted(map(re.escape, TITLE_WORDS | ROLE_WORDS), key=len)[::-1])
_SENTENCE_NAME = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?] )|(?<=[.!?][\"”’] ))"
    # "On Tuesday Mueller, the government spokesman, responded"
    r"(?:(?:On|Last|Earlier|Later) [A-Z][a-z]+,? )?"
    rf"((?:[A-Z][\w'’.-]* ){{0,2}}(?i:{_TITLE_ALT})\.? )?"  # "Finance minister"
    r"(?:(?:Mr|Mrs|Ms|Dr)\.? )?"
    r"([A-Z][\w'’.-]*[a-z](?: (?:[A-Z][\w'’.-]*[a-z]|de|van|von)){0,3})"
    r"(?= [a-z]|,)",
    re.MULTILINE,
)
_NOT_OPENING = (
    FUNCTION_WORDS
    | MENTION_STOPWORDS
    | frozenset(
        "it its he she they his her their there here every each another".split()
    )
)
_APPOSITIVE = re.compile(r", (?:an? |the )?([^,.\n]{2,60}),")
# Compiled "Title Name" patterns, by title (a few dozen titles in practice).
_TITLED: dict[str, re.Pattern[str]] = {}


def _after_preposition(text: str, m: re.Match[str], word: str) -> bool:
    """Whether ``word`` in the given-name match ``m`` follows "on", "last" ..."""
    at = text.rfind(word, m.start(), max(m.end(), m.start() + len(word)))
    before = text[max(0, at - 8) : at].split()
    return bool(before) and before[-1].lower() in ("on", "last", "this", "next", "by")


class TextNames:
    """Name lookups over one article's text.

    Args:
        text: the article text.
        quoted: its quoted stretches (start, end) in text order, when the caller
            has paired the marks already.
    """

    def __init__(self, text: str, quoted: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self._full: dict[str, list[tuple[int, str]]] = {}
        self._first_last: list[tuple[int, str, str]] | None = None
        self._org_names: list[tuple[int, str]] | None = None
        self._subjects: list[tuple[int, str, bool]] | None = None
        # Quoted stretches (start, end) in text order; paired here when not given.
        self._quoted = quoted

    def full_forms(self, last: str) -> list[tuple[int, str]]:
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
                particle = _PARTICLE.search(text, start, i)
                if after != word_end:
                    m = _GIVEN_BEFORE.search(
                        text, start, particle.start() if particle else i
                    )
                if m is not None and self.in_title_line(m.start()):
                    m = None  # "US Track Runners Harper, Richards Reflect on Joy"
                i = text.find(last, end)
                if m is None:
                    continue
                given: list[str] = []
                for word in reversed(m.group(1).split()):
                    low = word.lower().rstrip(".")
                    if (
                        is_title_word(word)
                        or low in FUNCTION_WORDS
                        or low in GROUP_WORDS
                        or low in MENTION_STOPWORDS
                        or (low in CUE_FORMS and first_name_gender(low) is None)
                        or not _NAME_WORD.match(word)
                        # "On Tuesday Mueller", but "Sunday Oliseh" is a name
                        or (low in CALENDAR_WORDS and _after_preposition(text, m, word))
                        # "Following Cooper", but "Erling", "Mohammed"
                        or (
                            low.endswith(("ing", "ed"))
                            and first_name_gender(word) is None
                        )
                        or word.endswith(("'s", "’s"))
                        # "NAB Javed Arshad", "Bangkok Bank Kosit Panpiemras"
                        or (len(word) > 1 and word.isupper() and "." not in word)
                        or low in BODY_NOUNS
                        or low in ORG_NOUNS
                    ):
                        break
                    given.insert(0, word)
                # "Secretary of State Marco Rubio", "Minister for Science and
                # Technology Agha Hassan Baloch": the portfolio ends the title.
                while len(given) > 1 and given[0].lower() in _OFFICE_WORDS:
                    given = given[1:]
                while given and given[0].lower() in DEMONYMS:
                    given = given[
                        1:
                    ]  # "Kenyan Daniel Wanjiru", "fellow Kenyan Wanjiru"
                if given:
                    family = (particle.group(0) if particle else "") + last
                    forms.append((m.start(), " ".join([*given, family])))
            self._full[last] = forms
        return self._full[last]

    def first_last(self) -> list[tuple[int, str, str]]:
        """Positions, names and genders of "First Last" with a known first name."""
        if self._first_last is None:
            self._first_last = []
            for m in _FULL_NAME.finditer(self.text):
                sex = first_name_gender(m.group(1))
                if (
                    sex
                    and not self.in_title_line(m.start())  # "Royal Mail Falls"
                    and not (
                        m.group(1).lower() in CALENDAR_WORDS
                        and _after_preposition(self.text, m, m.group(1))
                    )  # "On Tuesday Mueller"
                    and m.group(2).lower() not in NOT_SURNAMES
                    and m.group(2) not in ("II", "III", "IV", "Jr", "Sr")  # "Mark III"
                ):
                    last = _POSSESSIVE_END.sub("", m.group(2))
                    self._first_last.append((m.start(), f"{m.group(1)} {last}", sex))
        return self._first_last

    def org_names(self) -> list[tuple[int, str]]:
        """Positions and capitalised names ("Bank of America") in text order."""
        if self._org_names is None:
            self._org_names = [
                (m.start(), m.group(0))
                for m in _ORG_NAME.finditer(self.text)
                if not self.in_title_line(m.start())  # a headline capitalises all
            ]
        return self._org_names

    def org_named(self, noun: str, pos: int) -> str | None:
        """A capitalised name holding ``noun`` before ``pos``, for a body.

        "the ministry" -> "Congo Ministry of Health".
        """
        if noun not in BODY_NOUNS:
            return None
        found = None
        for at, match in self.org_names():
            if at >= pos:
                break
            words = match.split()
            low = [w.lower() for w in words]
            if noun not in low or len(words) > 8:
                continue
            k = low.index(noun)
            if k + 1 < len(words) and low[k + 1] not in ("of", "for", "on"):
                words = words[: k + 1]  # "World Health Organization Director ..."
            found = " ".join(words)
        return found

    def expand_acronym(self, name: str) -> str:
        """The full name an acronym stands for, when the article spells it out.

        "WHO" -> "World Health Organization", "U.N." -> "United Nations".
        """
        letters = name.replace(".", "")
        if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
            return name
        for _, phrase in self.org_names():
            words = [w for w in phrase.split() if w.lower() not in _ACRONYM_SKIP]
            if len(words) == len(letters) and all(
                w[0] == c for w, c in zip(words, letters, strict=True)
            ):
                return phrase.removeprefix("The ")
        return name

    def titled_after(self, title: str, pos: int) -> str | None:
        """The first full name after ``pos`` that ``title`` comes right before.

        A headline's "Judge says ..." or "the judge overseeing the trial" is the
        judge the article names later: "U.S. District Judge Royce Lamberth".
        """
        pattern = _TITLED.get(title)
        if pattern is None:
            pattern = re.compile(
                rf"\b(?i:{re.escape(title)})\.?"
                r"(?:\s+(?:of|for)(?:\s+the)?\s+[A-Z][\w'’-]*)?\s+"  # "of Parliament"
                r"((?:(?:[A-Z][\w'’.-]*|de|da|van|von|bin)\s+){1,3}?[A-Z][\w'’-]*[a-z])\b"
            )
            if len(_TITLED) < 1000:
                _TITLED[title] = pattern
        m = pattern.search(self.text, pos)
        if m is None:
            return None
        words = m.group(1).split()
        if any(is_title_word(w) or w.lower() in FUNCTION_WORDS for w in words):
            return None
        if words[-1].lower() in NOT_SURNAMES:
            return None
        return " ".join(words)

    def longer_first_mention(self, name: str) -> str:
        """The name as first written when a family name follows it there.

        "Dr Noor Hisham Abdullah said ... Dr Noor Hisham noted": a name is
        written in full the first time.
        """
        at = self.text.find(name + " ")
        if at < 0:
            return name
        m = _NEXT_NAME_WORD.match(self.text, at + len(name) + 1)
        if m is None:
            return name
        word = m.group(0)
        low = word.lower()
        if (
            low in FUNCTION_WORDS
            or low in MENTION_STOPWORDS
            or low in CUE_FORMS
            or is_title_word(word)
            or low in NOT_SURNAMES
        ):
            return name
        return f"{name} {word}"

    def quoted(self, pos: int) -> bool:
        """Whether ``pos`` lies inside quote marks: a name there is what was said."""
        if self._quoted is None:
            self._quoted = [(p.start, p.end) for p in scan_marks(self.text)]
        k = bisect.bisect_right(self._quoted, (pos, len(self.text))) - 1
        return k >= 0 and self._quoted[k][0] <= pos < self._quoted[k][1]

    def in_title_line(self, pos: int) -> bool:
        """Whether ``pos`` lies in a headline-style line ("Panel Backs Prosecutors")."""
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        line = self.text[start : end if end >= 0 else len(self.text)]
        words = [w for w in line.split() if len(w) > 3 and w[:1].isalpha()]
        if len(words) < 3 or line.rstrip().endswith("."):
            return False
        return sum(w[0].isupper() for w in words) >= 0.8 * len(words)

    def sentence_subjects(self) -> list[tuple[int, str, bool]]:
        """Names that open a sentence: position, name, and whether a role follows.

        Only sentences with a quote or a cue are parsed; the subject of another
        sentence ("Harper was having some difficulties too.") is often who the
        next "she said" means.
        """
        if self._subjects is None:
            self._subjects = []
            for m in _SENTENCE_NAME.finditer(self.text):
                words = m.group(2).split()
                if words[0].lower().rstrip(".") in _NOT_OPENING | QUANTIFIERS:
                    continue
                if any(w.lower() in FUNCTION_WORDS for w in words):
                    continue
                app = _APPOSITIVE.match(self.text, m.end())
                role = m.group(1) is not None or (
                    app is not None
                    and any(is_title_word(w) for w in app.group(1).split())
                )
                self._subjects.append((m.start(2), m.group(2), role))
        return self._subjects

    def given_after(self, family: str) -> str | None:
        """The full name of a family name written before a hyphenated given name.

        "Shin" -> "Shin Jong-kyun", "Ban" -> "Ban Ki-moon".
        """
        m = re.search(rf"\b{re.escape(family)} ([A-Z][a-z]+-[a-z]+)\b(?!-)", self.text)
        return f"{family} {m.group(1)}" if m else None
