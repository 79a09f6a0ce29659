"""Direct quotes and their speakers: signatures, dashes, run-ons and neighbours.

A direct quote is attributed by a cue in its sentence (``article.py``), else by
a dash and a name ('"..." ― Pamela Padilla'), the clause that runs on after it,
an interview-list header, or the quote or attribution next to it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from typing import Any

from streams.records import Cue, Quote, Speaker
from streams.stages.quotes.marks import Part
from streams.stages.quotes.mentions import first_name_gender
from streams.stages.quotes.patterns import DASHES
from streams.stages.quotes.resolution import SpeakerResolver
from streams.stages.quotes.subjects import PROPN, before_marks, clause_subject
from streams.stages.quotes.units import WORD, Unit

__all__ = ["DirectSpeakers", "without_nested"]


# A signature after a quote: '”― Pamela Padilla', '" — David Martosko (@dm)'. Up to
# five capitalised words, then the end of the line or a comma, stop or bracket.
_SIGNATURE = re.compile(
    r"[”\"’»']*[ \t\u00a0]*[-–—―]+[ \t\u00a0]*"
    r"([A-Z][\w'’.-]*(?:[ \u00a0]+(?:[A-Z][\w'’.-]*|de|la|van|von|del|da)){0,4})"
    r"(?=[ \t\u00a0]*(?:$|[,.(@]))",
    re.MULTILINE,
)


# A quote named as someone's words after its closing mark: '"We let ourselves
# down," was Holder's withering assessment', '"..." was the minister's reply'.
_VERDICT = re.compile(
    r"[”\"’»']*[ \t\u00a0]*(?:was|were|came)[ \t]+(?:the[ \t]+)?"
    r"([A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*){0,3})['’]s[ \t]+(?:[a-z-]+[ \t]+){0,2}"
    r"(?:assessment|verdict|reaction|response|reply|message|view|explanation|"
    r"comment|comments|words|warning|advice|summary|take|analysis|answer)\b"
)

# A paragraph that opens with a person's name and a comma or colon.
_HEADER_NAME = re.compile(r"([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})(?:,|:| —| –)")


def without_nested(quotes: list[Quote]) -> list[Quote]:
    """Direct quotes that lie inside another attribution's content are part of it.

    'he said they are happy that the court "confirmed our interpretation"' is
    one claim, the mixed one; the quoted words are not a second quote.
    """
    spans = sorted((q.start, q.end) for q in quotes if q.kind != "direct")
    if not spans:
        return quotes
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))
    kept = []
    for q in quotes:
        k = bisect.bisect_right(starts, q.start) - 1
        # A content starting at or before the quote and reaching past it holds it.
        if q.kind == "direct" and k >= 0 and reach[k] >= q.end:
            continue
        kept.append(q)
    return kept


class DirectSpeakers:
    """Speakers of direct quotes no cue in their sentence attributes.

    Mixed into ``ArticleQuotes``, whose state it reads and writes.
    """

    text: str
    parts: list[Part]
    quotes: list[Quote]
    resolver: SpeakerResolver
    colons: dict[int, tuple[Speaker, str, Cue | None]]
    cfg: Any
    # ArticleQuotes._emit(kind, start, end, cue, speaker, how)
    _emit: Callable[[str, int, int, Cue | None, Speaker, str], None]

    def _signatures(self) -> None:
        """Quotes signed with a dash and a name after the closing mark."""
        for part in self.parts:
            if not part.closed or not part.candidate:
                continue
            m = _SIGNATURE.match(self.text, part.end) or _VERDICT.match(
                self.text, part.end
            )
            if m is None:
                continue
            name = m.group(1).rstrip(".")
            s = m.start(1)
            part.speaker = self.resolver.resolve_name(name, s, s + len(name))
            part.how, part.kind = part.speaker.resolved_by, "direct"

    def _dash_speaker(self, doc: Any, tok: Any, unit: Unit) -> Speaker | None:
        """'"...," – Patel' or 'Patel: "..."' attributions with no verb."""
        after = [t for t in doc[tok.i + 1 : tok.i + 4] if t.text not in ",\"”’»'"]
        if after and after[0].text in DASHES and len(after) > 1:
            name = after[1]
            if name.tag_ in PROPN:
                while name.head.i != name.i and name.head.tag_ in PROPN:
                    name = name.head
                return self.resolver.resolve(name, unit.to_orig)
        before = before_marks(doc, tok)
        if len(before) >= 2 and before[-1].text == ":":
            if before[-2].tag_ in PROPN:
                return self.resolver.resolve(before[-2], unit.to_orig)
            subj = clause_subject(before[-2])
            if subj is not None:
                return self.resolver.resolve(subj, unit.to_orig)
        return None

    def _trailing_speaker(
        self, doc: Any, tok: Any, part: Part, unit: Unit
    ) -> Speaker | None:
        """The subject of any verb right after a quote that runs on with a comma.

        '"You know, it happens, right?" Trump went on', '"France will always be
        France," an angry Hollande retaliated': the verb is no cue word, but the
        clause that follows the quote names who spoke it.
        """
        content = self.text[part.start : part.end].rstrip()
        if not part.closed or not content or content[-1] not in ",?!":
            return None
        i = tok.i + 1
        while i < len(doc) and (doc[i].tag_ in ("''", "``") or doc[i].text == ","):
            i += 1
        for subj in doc[i : i + 6]:
            if subj.dep_ != "nsubj" or subj.left_edge.i > i:
                continue
            verb = subj.head
            if not verb.tag_.startswith("VB") or verb.i != subj.right_edge.i + 1:
                return None
            if subj.tag_ == "PRP" and subj.lower_ not in ("he", "she"):
                return None
            if subj.tag_ not in (*PROPN, "PRP", "NN"):
                return None
            return self.resolver.resolve(subj, unit.to_orig)
        return None

    def _continues(self, end: int, start: int) -> bool:
        """Whether a quote at ``start`` continues an attribution ending at ``end``.

        In the same paragraph, or as a paragraph of its own right after the
        attribution's ('Krall added that ... / "It is frustrating ..."').
        """
        lines = self.text[end:start].split("\n")
        if len(lines) == 1:
            return True
        return all(not line.strip() for line in lines[1:])

    def _header_speaker(self, start: int) -> Speaker | None:
        """The person a quote paragraph is introduced by, in interview lists.

        'Roberto Martinez, coach of Portugal. Drawn with Uzbekistan ...:' then
        the quote paragraphs.
        """
        if start > 0 and self.text[start - 1] != "\n":
            return None
        before = self.text[:start].rstrip()
        if not before.endswith(":"):
            return None
        par = before[before.rfind("\n") + 1 :]
        m = _HEADER_NAME.match(par)
        if m is None or first_name_gender(m.group(1).split()[0]) is None:
            return None
        at = len(before) - len(par)
        return self.resolver.resolve_name(m.group(1), at, at + len(m.group(1)))

    def _direct(self) -> None:
        """Emit the direct parts, giving unattributed ones their neighbour's speaker."""
        parts = self.parts
        for p in reversed(parts):  # a multi-paragraph quote is often attributed last
            if p.prev is not None and p.speaker is not None:
                q = parts[p.prev]
                if q.kind == "direct" and q.speaker is None:
                    q.speaker, q.cue, q.how = p.speaker, p.cue, "inherited"
        # Speakers of the indirect and mixed attributions, by where their cue ends:
        # '... loop-hole," she said. "We have no context ..."' continues "she".
        said = sorted(
            (q.cue.end, q.speaker, q.cue)
            for q in self.quotes
            if q.cue is not None and q.speaker.name and q.kind != "direct"
        )
        said_ends = [c[0] for c in said]
        last: Part | None = None
        for p in parts:
            if p.kind != "direct":
                continue
            if p.speaker is None:
                src = parts[p.prev] if p.prev is not None else last
                k = bisect.bisect_left(said_ends, p.open) - 1
                if p.prev is None and k >= 0:
                    end, spk, cue = said[k]
                    after = src.end if src is not None else -1
                    if end > after and self._continues(end, p.open):
                        p.speaker, p.cue, p.how = spk, cue, "inherited"
                        self._emit("direct", p.start, p.end, cue, spk, p.how)
                        continue
                header = self._header_speaker(p.open) if src is None else None
                if src is not None and src.speaker is not None:
                    p.speaker, p.cue, p.how = src.speaker, src.cue, "inherited"
                elif header is not None:
                    p.speaker, p.how = header, "inherited"
                    last = p
                else:
                    words = len(WORD.findall(self.text[p.start : p.end]))
                    if words < self.cfg.min_words:
                        continue
            elif p.speaker.name:
                last = p
            self._emit(
                "direct", p.start, p.end, p.cue, p.speaker or Speaker(None), p.how
            )
