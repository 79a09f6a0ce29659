"""Organisations an article names, for "it", "the company" and "the regulator".

Mixed into ``SpeakerResolver``: reads the organisations met as speakers and the
ORG entities of parsed sentences; writes the organisation a description or a
pronoun refers to.
"""

from __future__ import annotations

from typing import Any

from streams.records import Speaker
from streams.stages.quotes.names import TextNames

__all__ = ["Bodies"]


class Bodies:
    """Organisations named so far: as speakers and as entities."""

    text: str
    names: TextNames
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
