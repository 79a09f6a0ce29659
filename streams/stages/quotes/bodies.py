"""Organisations an article names, for "it", "the company" and "the regulator".

Mixed into ``SpeakerResolver``: reads the organisations met as speakers and the
ORG entities of parsed sentences; writes the organisation a description or a
pronoun refers to.
"""

from __future__ import annotations

from typing import Any

from streams.records import Speaker
from streams.stages.quotes.lexicon import GROUP_WORDS, PERSON_BODIES
from streams.stages.quotes.mentions import can_speak, clean_name, split_title
from streams.stages.quotes.names import TextNames
from streams.stages.quotes.people import People

__all__ = ["Bodies"]


class Bodies:
    """Organisations named so far: as speakers and as entities."""

    text: str
    names: TextNames
    people: People
    last_group: Speaker | None
    # (position, speaker) of organisations and groups that spoke.
    orgs: list[tuple[int, Speaker]]
    # (position, name) of ORG entities in parsed sentences.
    org_ents: list[tuple[int, str]]

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

    def _org_before(
        self, pos: int, noun: str = "", words: frozenset[str] = frozenset()
    ) -> Speaker | None:
        """The last organisation named before ``pos``, one named by ``noun`` first.

        Among those, one whose name holds the description's other ``words`` too
        ("the international committee" -> International Paralympic Committee).
        """
        before = [spk for at, spk in self.orgs if at < pos and spk.name]
        if noun:
            # "the regulator": an organisation whose name or the words just before
            # it hold the noun ("communications-industry regulator Ofcom").
            by_noun = [
                s
                for s in before
                if noun in f"{s.name} {s.mention}".lower().split()
                or noun in self.text[max(0, (s.start or 0) - 40) : s.start].lower()
            ]
            before = by_noun or before
            fits = [s for s in before if words <= set((s.name or "").lower().split())]
            before = fits or before
        return before[-1] if before else None

    def _named_org(self, name: str, base: dict[str, Any]) -> Speaker:
        """An organisation a description names, kept for a later "it"."""
        spk = Speaker(name, resolved_by="title", **base)
        self.orgs.append((base["start"], spk))
        return spk

    def _org_description(
        self, low: str, toks: list[Any], start: int, base: dict[str, Any]
    ) -> Speaker:
        """Whom "the company", "the regulator" or "the firm" names, else no one."""
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

    def _belonging(
        self, head: Any, person: Any, base: dict[str, Any]
    ) -> Speaker | None:
        """A body or group that belongs to the named ``person``, as written.

        "the Bush administration", "the Trump campaign" (never "George W. Bush
        administration"), "Ali's defence team", "Trump's lawyers": they speak, not
        the person.
        """
        low = head.lower_
        if head.tag_ not in ("NN", "NNS"):
            return None
        name, _ = split_title(clean_name(person.text))
        if (
            low in PERSON_BODIES
            and not (person.start <= head.i < person.end)
            and all(t.dep_ == "compound" for t in person)
        ):
            spk = Speaker(f"{name} {head.text}", resolved_by="explicit", **base)
            self.last_group = spk
            self.orgs.append((base["start"], spk))
            return spk
        if (
            person.root.dep_ == "poss"
            and person.root.head.i == head.i
            and can_speak(low)
        ):
            doc = head.doc
            rest = doc[person.end : head.i + 1].text.lstrip("'’s ").strip()
            spk = Speaker(f"{name}'s {rest}", resolved_by="explicit", **base)
            if head.tag_ == "NNS" or low in GROUP_WORDS:
                self.last_group = spk
            return spk
        return None

    def _whose_office(self, head: Any, base: dict[str, Any]) -> Speaker | None:
        """The office of whom "his" or "her" means ("His office said")."""
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if head.lower_ not in PERSON_BODIES or poss is None:
            return None
        if poss.lower_ not in ("his", "her"):
            return None
        gender = "f" if poss.lower_ == "her" else "m"
        known = self.people.pronoun_target(base["start"], gender)
        if known is None:
            return None
        spk = Speaker(f"{known.name}'s {head.lower_}", resolved_by="pronoun", **base)
        self.orgs.append((base["start"], spk))
        return spk
