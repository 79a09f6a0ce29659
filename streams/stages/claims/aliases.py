"""Speaker alias resolution across articles: "Patel" -> "Vedant Patel".

Reads `quote.speaker.name`, `role` and `organization`; writes a canonical
`speaker.name` (and `resolved_by="alias"` when it changed) through
`SpeakerDirectory.assign`. The directory remembers, per surname, the full names
seen with their roles and organisations, and maps a surname-only mention to one of
them when the context agrees. It is deterministic (no clock, no randomness): the
same quotes in the same order give the same ids in batch mode and in the stream.

The worker may keep one whole directory (``snapshot``/``restore``) or rows of
surnames (``export_people``, ``import_surname``, then ``settle``; the worker's
table holds one row per batch, ``journal.py``): resolution only ever looks at the
entries of one surname.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from streams.errors import StageError
from streams.records import Quote

__all__ = [
    "SpeakerConfig",
    "SpeakerDirectory",
    "SurnameState",
    "context_words",
    "speaker_id_for",
    "split_name",
]

logger = logging.getLogger(__name__)

# Courtesy and professional titles dropped from names; roles ("Secretary",
# "Spokesperson") stay in `role`, not in the name.
_HONORIFICS = frozenset(
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
        "lord", "lady", "rev", "fr", "sen", "senator", "rep", "gov", "governor",
        "pres", "president", "gen", "general", "col", "capt", "lt", "sgt", "adm",
        "amb", "ambassador", "hon", "judge", "justice", "minister", "secretary",
        "chancellor", "mayor", "king", "queen", "prince", "princess", "pope",
        "sheikh", "herr", "frau", "mme", "mlle", "m",
    }
)  # fmt: skip
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLES = frozenset(
    {"de", "da", "del", "der", "van", "von", "al", "el", "bin", "le"}
)
# Words too common in roles and organisations to tell two people apart.
_CONTEXT_STOP = frozenset(
    {
        "the", "of", "for", "and", "a", "an", "in", "on", "at", "to", "us", "u",
        "s", "united", "states", "state's", "office", "official", "officials",
    }
)  # fmt: skip


def speaker_id_for(name: str) -> str:
    """Return the speaker id: a slug of the canonical full name ("vedant-patel")."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "unknown"


def split_name(name: str) -> tuple[str, ...]:
    """Split a name into words without honorifics, suffixes or punctuation."""
    words = [w.strip(",;:") for w in re.split(r"[\s\u00a0]+", name.strip())]
    words = [w for w in words if w and w.strip("'’-")]
    while words and words[0].lower().rstrip(".") in _HONORIFICS and len(words) > 1:
        words = words[1:]
    while words and words[-1].lower().rstrip(".") in _SUFFIXES and len(words) > 1:
        words = words[:-1]
    return tuple(words)


def _surname(words: tuple[str, ...]) -> str:
    """The surname key of a split name, with particles ("van Gogh") kept on."""
    last = words[-1]
    if len(words) >= 3 and words[-2].lower() in _PARTICLES:
        last = f"{words[-2]} {last}"
    return speaker_id_for(last)


def context_words(*texts: str | None) -> frozenset[str]:
    """Distinctive lower-case words of roles and organisations."""
    out: set[str] = set()
    for text in texts:
        if text:
            for word in re.findall(r"\w+", text.lower()):
                if word not in _CONTEXT_STOP and len(word) > 1:
                    out.add(word)
    return frozenset(out)


# A surname's people as (speaker id, name, context words), least recently seen first.
SurnameState = tuple[tuple[str, str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class SpeakerConfig:
    """Bounds of the speaker directory."""

    # Distinct people kept per surname; the least recently seen is forgotten. Eight
    # covers the commonest surnames in a news day (PolNeAR train has at most 4).
    max_per_surname: int = 8
    # Surnames kept in a whole-directory snapshot (least recently seen dropped):
    # about 20 MB of snapshot at the observed 200 bytes an entry.
    max_surnames: int = 100_000
    max_context: int = 12  # roles + organisation words kept per person


class SpeakerDirectory:
    """Known speakers by surname, resolving surname-only mentions to full names.

    Rules, in order, for a quote whose speaker name is a single word (a surname,
    honorifics dropped):

    1. the known people with that surname whose role/organisation words overlap the
       quote's: if exactly one, it is the speaker;
    2. if the quote has no role or organisation (or none of the people has any),
       and exactly one person with that surname is known, it is the speaker;
    3. otherwise the surname alone is the speaker (kept apart, not guessed).

    A full name is its own speaker: "Vedant Patel" and "Priya Patel" never merge.
    """

    def __init__(self, cfg: SpeakerConfig | None = None) -> None:
        self.cfg = cfg or SpeakerConfig()
        # surname -> {speaker_id: {"name", "context": [words], "seen": int}}
        self._by_surname: OrderedDict[str, dict[str, dict[str, Any]]] = OrderedDict()
        self._seq = 0
        # Surnames dropped by the cap since the last ``take_evicted`` (for the table).
        self._evicted: list[str] = []

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_surname.values())

    @staticmethod
    def surname_key(quote: Quote) -> str | None:
        """The surname a quote's speaker is filed under, or None when unnamed."""
        words = split_name(quote.speaker.name or "")
        return _surname(words) if words else None

    def resolve(self, quote: Quote) -> tuple[str, str] | None:
        """Return (speaker id, canonical name) for a quote without remembering it.

        Returns None when the quote has no speaker name (unresolved speakers are not
        tracked).
        """
        words = split_name(quote.speaker.name or "")
        if not words:
            return None
        if len(words) > 1:
            name = " ".join(words)
            return speaker_id_for(name), name
        people = self._by_surname.get(_surname(words), {})
        full = {k: v for k, v in people.items() if len(v["name"].split()) > 1}
        context = context_words(quote.speaker.role, quote.speaker.organization)
        matches = [k for k, v in full.items() if context & set(v["context"])]
        if len(matches) == 1:
            return matches[0], full[matches[0]]["name"]
        known_context = any(v["context"] for v in full.values())
        if not matches and len(full) == 1 and (not context or not known_context):
            (only,) = full
            return only, full[only]["name"]
        return speaker_id_for(words[0]), words[0]

    def observe(self, quote: Quote) -> str | None:
        """Remember the quote's speaker (name, role, organisation); return its id."""
        resolved = self.resolve(quote)
        if resolved is None:
            return None
        sid, name = resolved
        surname = _surname(split_name(name))
        people = self._by_surname.setdefault(surname, {})
        self._by_surname.move_to_end(surname)
        self._seq += 1
        entry = people.setdefault(sid, {"name": name, "context": [], "seen": 0})
        entry["seen"] = self._seq
        context = context_words(quote.speaker.role, quote.speaker.organization)
        for word in sorted(context - set(entry["context"])):
            entry["context"].append(word)
        del entry["context"][: -self.cfg.max_context]
        if len(people) > self.cfg.max_per_surname:
            oldest = min(people, key=lambda k: people[k]["seen"])
            del people[oldest]
        while len(self._by_surname) > self.cfg.max_surnames:
            dropped, _ = self._by_surname.popitem(last=False)
            self._evicted.append(dropped)
        return sid

    def take_evicted(self) -> list[str]:
        """The surnames the cap dropped since the last call (their rows go too)."""
        evicted, self._evicted = self._evicted, []
        return [s for s in evicted if s not in self._by_surname]

    def assign(self, quote: Quote) -> Quote:
        """Observe a quote and return it with the canonical speaker name.

        Raises:
            StageError: the quote is not a Quote.
        """
        if not isinstance(quote, Quote):
            raise StageError("speakers", "not_a_quote", type(quote).__name__)
        resolved = self.resolve(quote)
        if resolved is None:
            return quote
        self.observe(quote)
        _, name = resolved
        if name == quote.speaker.name:
            return quote
        speaker = replace(quote.speaker, name=name, resolved_by="alias")
        return replace(quote, speaker=speaker)

    def surname_state(self, surname: str) -> SurnameState:
        """What resolution and eviction read of one surname's row.

        Its people (id, name, context words), least recently seen first: the
        ``seen`` counters only order them, so a row whose state is unchanged
        (the person seen was already the latest) needs no new write.
        """
        people = self._by_surname.get(surname, {})
        ordered = sorted(people.items(), key=lambda kv: (kv[1]["seen"], kv[0]))
        return tuple((sid, p["name"], tuple(p["context"])) for sid, p in ordered)

    @property
    def seq(self) -> int:
        """The counter that orders observations (stored with exported rows)."""
        return self._seq

    def has_surname(self, surname: str) -> bool:
        """Whether the directory holds anyone with this surname."""
        return surname in self._by_surname

    def export_people(self, surname: str) -> dict[str, Any]:
        """The JSON-able people of one surname, with their ``seen`` counters."""
        people = self._by_surname.get(surname, {})
        return {k: {**v, "context": list(v["context"])} for k, v in people.items()}

    def export_surname(self, surname: str) -> dict[str, Any]:
        """The JSON-able row of one surname (for a table keyed by surname)."""
        return {"seq": self._seq, "people": self.export_people(surname)}

    def import_surname(self, surname: str, row: dict[str, Any] | None) -> None:
        """Load one surname's row, as written by ``export_surname``."""
        if not row:
            return
        self._by_surname[surname] = {
            k: {**v, "context": list(v["context"])} for k, v in row["people"].items()
        }
        self._seq = max(self._seq, int(row.get("seq", 0)))

    def settle(self) -> list[str]:
        """After imports: order surnames as last seen, drop those beyond the cap.

        A surname was last seen when its latest person was (the ``seen`` counter),
        so the order and the cap's choice are those of an uninterrupted run.
        Returns the surnames dropped.
        """
        order = sorted(
            self._by_surname.items(),
            key=lambda kv: max((p["seen"] for p in kv[1].values()), default=0),
        )
        cut = max(0, len(order) - self.cfg.max_surnames)
        self._by_surname = OrderedDict(order[cut:])
        return [surname for surname, _ in order[:cut]]

    def snapshot(self) -> dict[str, Any]:
        """A JSON-able copy of the whole directory."""
        return {
            "seq": self._seq,
            "surnames": {s: self.export_surname(s)["people"] for s in self._by_surname},
        }

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Replace the state with a ``snapshot()`` copy.

        Raises:
            StageError: the snapshot has the wrong shape.
        """
        try:
            surnames = snapshot["surnames"]
            self._by_surname = OrderedDict(
                (s, {k: {**v, "context": list(v["context"])} for k, v in p.items()})
                for s, p in surnames.items()
            )
            self._seq = int(snapshot.get("seq", 0))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise StageError("speakers", "bad_snapshot", str(exc)[:200]) from exc
