"""Extraction state for one article: cues, contents and speakers into Quotes."""

from __future__ import annotations

import bisect
import hashlib
import itertools
import logging
import re
from typing import Any

from streams.records import CleanedArticle, Cue, Quote, Speaker
from streams.stages.quotes.config import QuoteConfig
from streams.stages.quotes.contents import find_content
from streams.stages.quotes.cues import (
    cue_class,
    is_cue,
    lemma_class,
    sourceless_passive,
)
from streams.stages.quotes.marks import Part, scan_marks
from streams.stages.quotes.mentions import first_name_gender
from streams.stages.quotes.patterns import (
    CUE_FORMS,
    DASHES,
    OPENERS,
    STANCE_CUES,
)
from streams.stages.quotes.resolution import SpeakerResolver
from streams.stages.quotes.subjects import (
    PROPN,
    before_marks,
    clause_subject,
    find_subject,
    headed_name,
)
from streams.stages.quotes.units import PLACEHOLDER, WORD, Unit, sentence_units

logger = logging.getLogger(__name__)


# A signature after a quote: '”― Pamela Padilla', '" — David Martosko (@dm)'. Up to
# five capitalised words, then the end of the line or a comma, stop or bracket.
_SIGNATURE = re.compile(
    r"[”\"’»']*[ \t\u00a0]*[-–—―]+[ \t\u00a0]*"
    r"([A-Z][\w'’.-]*(?:[ \u00a0]+(?:[A-Z][\w'’.-]*|de|la|van|von|del|da)){0,4})"
    r"(?=[ \t\u00a0]*(?:$|[,.(@]))",
    re.MULTILINE,
)


# A paragraph that opens with a person's name and a comma or colon.
_HEADER_NAME = re.compile(r"([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})(?:,|:| —| –)")


# Cues that in a headline announce the news the article reports.
_HEADLINE_NEWS = frozenset({"announce", "confirm", "report", "unveil", "reveal"})


def _without_nested(quotes: list[Quote]) -> list[Quote]:
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


def _qid(article_id: str, start: int, end: int) -> str:
    key = f"{article_id}:{start}:{end}".encode()
    return hashlib.blake2b(key, digest_size=8).hexdigest()


class ArticleQuotes:
    """Extraction state for one article."""

    def __init__(self, article: CleanedArticle, cfg: QuoteConfig) -> None:
        self.article = article
        self.cfg = cfg
        self.text = article.text
        self.parts = scan_marks(self.text)
        self.units = sentence_units(self.text, self.parts, cfg.max_unit_chars)
        self.part_starts = [p.start for p in self.parts]
        self.resolver = SpeakerResolver(self.text)
        self.quotes: list[Quote] = []
        # Offset of a colon ending a sentence -> who speaks in the block it opens.
        self.colons: dict[int, tuple[Speaker, str, Cue | None]] = {}
        # Cue offset -> its class by lemma and by the parse (see cues.cue_class).
        self.cue_classes: dict[int, tuple[str, str]] = {}

    def _cue_record(self, cue: Any, unit: Unit) -> Cue:
        end_tok = cue.doc[cue.i + 1] if cue.lower_ == "according" else cue
        s = unit.to_orig(cue.idx)
        e = unit.to_orig(end_tok.idx + len(end_tok.text))
        self.cue_classes[s] = (lemma_class(cue), cue_class(cue))
        return Cue(self.text[s:e], s, e)

    def _class(self, kind: str, cue: Cue | None) -> str:
        """The cue class of an emitted quote (by the lemma alone when quoted)."""
        if cue is None:
            return "none"
        if kind == "according_to":
            return "according_to"
        by_lemma, by_parse = self.cue_classes.get(cue.start, ("speech", "speech"))
        return by_lemma if kind == "direct" else by_parse

    def _emit(
        self, kind: str, s: int, e: int, cue: Cue | None, spk: Speaker, how: str
    ) -> None:
        text = self.text
        while s < e and text[s].isspace():
            s += 1
        while e > s and (
            text[e - 1].isspace() or (kind == "direct" and text[e - 1] == ",")
        ):
            e -= 1
        if e <= s or not WORD.search(text[s:e]):
            return
        conf = self.cfg.confidence.get(how, 0.5)
        if kind != "direct":
            conf -= self.cfg.indirect_penalty
        self.quotes.append(
            Quote(
                quote_id=_qid(self.article.article_id, s, e),
                article_id=self.article.article_id,
                kind=kind,
                text=text[s:e],
                start=s,
                end=e,
                cue=cue,
                speaker=spk,
                confidence=round(max(0.0, min(1.0, conf)), 4),
                cue_class=self._class(kind, cue),
            )
        )

    def _speaker(self, cue: Any, unit: Unit) -> tuple[Speaker, str]:
        subj = find_subject(cue)
        if subj is None:
            return Speaker(None), "unresolved"
        spk = self.resolver.resolve(subj, unit.to_orig)
        return spk, (spk.resolved_by if spk.name else "unresolved")

    def _signatures(self) -> None:
        """Quotes signed with a dash and a name after the closing mark."""
        for part in self.parts:
            if not part.closed or not part.candidate:
                continue
            m = _SIGNATURE.match(self.text, part.end)
            if m is None:
                continue
            name = m.group(1).rstrip(".")
            s = m.start(1)
            part.speaker = self.resolver.resolve_name(name, s, s + len(name))
            part.how, part.kind = part.speaker.resolved_by, "direct"

    def run(self) -> list[Quote]:
        """Extract the article's quotes, in text order (units must be parsed)."""
        self._signatures()
        for unit in self.units:
            self._unit(unit)
        self._direct()
        self.quotes = _without_nested(self.quotes)
        self.quotes.sort(key=lambda q: (q.start, q.end))
        return self.quotes

    def _unit(self, unit: Unit) -> None:
        doc = unit.doc
        if doc is None:
            return
        self.resolver.note_entities(doc, unit.to_orig)
        cues = []
        holes = []
        for t in doc:
            if t.lower_ in CUE_FORMS:
                if is_cue(t):
                    cues.append(t)
            elif t.text == PLACEHOLDER:
                p = unit.part_at(t.idx)
                if p >= 0:
                    holes.append((t, p))
        if unit.text.rstrip().endswith(":"):
            self._colon(doc, cues, unit)
        used: set[int] = set()
        contents = {c.i: find_content(c) for c in cues}
        for tok, pi in holes:
            part = self.parts[pi]
            if part.kind == "direct" and part.speaker is not None:
                continue  # signed with a dash and a name
            cue = min(
                (c for c in cues if not sourceless_passive(c)),
                key=lambda c: abs(c.i - tok.i),
                default=None,
            )
            name = headed_name(doc, tok)
            if name is not None:
                part.speaker = self.resolver.resolve(name, unit.to_orig)
                part.how, part.kind = part.speaker.resolved_by, "direct"
                continue
            if cue is not None:
                span = contents[cue.i]
                inside = span is not None and span[0] <= tok.i < span[1]
                other = 0
                if inside and span is not None:
                    other = sum(
                        1
                        for t in doc[span[0] : span[1]]
                        if t.is_alpha and t.text != PLACEHOLDER and t.lower_ != "that"
                    )
                if inside and (other >= 2 or cue.lower_ == "according"):
                    continue  # part of an indirect or "according to" content
                part.cue = self._cue_record(cue, unit)
                part.speaker, part.how = self._speaker(cue, unit)
                part.kind = "direct"
                used.add(cue.i)
                continue
            spk = self._dash_speaker(doc, tok, unit) or self._trailing_speaker(
                doc, tok, part, unit
            )
            if spk is not None:
                part.speaker, part.how, part.kind = spk, spk.resolved_by, "direct"
                continue
            intro = self.colons.get(self._colon_before(part.open))
            if intro is not None:
                part.speaker, part.how, part.cue = intro
                part.kind = "direct"
                continue
            words = len(WORD.findall(self.text[part.start : part.end]))
            if (
                part.prev is not None
                or words >= self.cfg.min_embedded_words
                or not any(
                    t.is_alpha and t.text != PLACEHOLDER for t in doc if t.i != tok.i
                )
            ):
                part.kind = "direct"  # speaker inherited in _direct()
        self._phrases(doc, unit, cues, contents)
        for cue in cues:
            if cue.i in used or self._in_quote(unit.to_orig(cue.idx)):
                continue  # 'the court "confirmed our view"': the quoted speaker's
            if contents[cue.i] is None:
                if find_subject(cue) is not None:
                    self._speaker(cue, unit)  # still names a person for later mentions
                continue
            if find_subject(cue) is None and (
                cue.tag_ in ("VB", "VBG") or CUE_FORMS[cue.lower_] in STANCE_CUES
            ):
                continue  # "It is worth reminding that": no one speaks
            if CUE_FORMS[cue.lower_] in _HEADLINE_NEWS and (
                self.resolver.names.in_title_line(unit.to_orig(cue.idx))
            ):
                continue  # "Congo Announces 11 New Ebola Cases": news, no claim
            i, j = contents[cue.i]  # type: ignore[misc]
            span = doc[i:j]
            words = sum(1 for t in span if t.is_alpha)
            if words < self.cfg.min_indirect_words:
                continue
            has_quote = any(
                t.text == PLACEHOLDER and unit.part_at(t.idx) >= 0 for t in span
            )
            s = unit.to_orig(span.start_char)
            e = unit.to_orig(span.end_char)
            if has_quote:
                e = self._past_close(e)
                s = self._before_open(s)
            if cue.lower_ == "according":
                kind = "according_to"
            elif has_quote or self._holds_phrase(s, e):
                kind = "mixed"
            else:
                kind = "indirect"
            spk, how = self._speaker(cue, unit)
            self._emit(kind, s, e, self._cue_record(cue, unit), spk, how)

    def _in_quote(self, pos: int) -> bool:
        """Whether the article offset ``pos`` lies inside a quoted phrase."""
        k = bisect.bisect_right(self.part_starts, pos) - 1
        return k >= 0 and pos < self.parts[k].end

    def _holds_phrase(self, s: int, e: int) -> bool:
        """Whether a quoted phrase lies inside the article range [s, e)."""
        k = bisect.bisect_left(self.part_starts, s)
        return k < len(self.parts) and self.parts[k].end <= e

    def _phrases(
        self,
        doc: Any,
        unit: Unit,
        cues: list[Any],
        contents: dict[int, tuple[int, int] | None],
    ) -> None:
        """Quoted phrases inside a cued sentence that no content clause covers.

        PolNeAR counts a partial quote ('Trump blasted Disney for its "outrageous
        practices"') as an attribution of its own when the cue's clause does not
        hold it; the phrase is emitted as a direct quote of the cue's speaker.
        """
        lo = unit.segs[0][1]
        hi = unit.segs[-1][1] + unit.segs[-1][2]
        k = bisect.bisect_left(self.part_starts, lo)
        while k < len(self.parts) and self.parts[k].start < hi:
            part = self.parts[k]
            k += 1
            if part.candidate or part.title or part.kind is not None:
                continue
            words = len(WORD.findall(self.text[part.start : part.end]))
            if words < self.cfg.min_phrase_words:
                continue
            tok = next((t for t in doc if unit.to_orig(t.idx) >= part.start), None)
            if tok is None:
                continue
            cue = min(
                (c for c in cues if not sourceless_passive(c)),
                key=lambda c: abs(c.i - tok.i),
                default=None,
            )
            if cue is None:
                continue
            span = contents.get(cue.i)
            if span is not None and span[0] <= tok.i < span[1]:
                continue  # inside an indirect content: the mixed quote holds it
            part.kind = "direct"
            if find_subject(cue) is not None:
                part.cue = self._cue_record(cue, unit)
                part.speaker, part.how = self._speaker(cue, unit)

    def _colon(self, doc: Any, cues: list[Any], unit: Unit) -> None:
        """Note who speaks in the quote a sentence ending in a colon opens."""
        for cue in reversed(cues):
            subj = find_subject(cue)
            if subj is not None:
                spk, how = self._speaker(cue, unit)
                self.colons[unit.to_orig(len(unit.text.rstrip()) - 1)] = (
                    spk,
                    how,
                    self._cue_record(cue, unit),
                )
                return
        last = next((t for t in reversed(doc) if not t.is_punct), None)
        if (
            last is not None
            and last.i > 0
            and doc[0].lower_ in CUE_FORMS
            and last.text[:1].isupper()
        ):
            subj = last  # 'Stated Stone:', 'Added the senator:'
        else:
            subj = clause_subject(last) if last is not None else None
        if subj is None:
            return
        spk = self.resolver.resolve(subj, unit.to_orig)
        how = spk.resolved_by if spk.name else "unresolved"
        self.colons[unit.to_orig(len(unit.text.rstrip()) - 1)] = (spk, how, None)

    def _colon_before(self, pos: int) -> int:
        """Offset of the colon right before ``pos`` across blank space, else -1."""
        j = pos - 1
        if j >= 0 and self.text[j] == "'":
            j -= 1  # the first mark of an '' opening (NYT)
        while j >= 0 and self.text[j].isspace():
            j -= 1
        return j if j >= 0 and self.text[j] == ":" else -1

    def _past_close(self, e: int) -> int:
        """Extend an offset that ends a quote's content over its closing mark."""
        text = self.text
        while e < len(text) and text[e] in "\"”’»'.,":
            if text[e] in ".,":
                break
            e += 1
        return e

    def _before_open(self, s: int) -> int:
        text = self.text
        if s > 0 and text[s - 1] in OPENERS:
            return s - 1
        return s

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
