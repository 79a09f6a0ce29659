"""Extraction state for one article: cues, contents and speakers into Quotes."""

from __future__ import annotations

import bisect
import hashlib
import logging
from typing import Any

from streams.records import CleanedArticle, Cue, Quote, Speaker
from streams.stages.quotes.cataphora import name_lead_descriptions
from streams.stages.quotes.config import QuoteConfig
from streams.stages.quotes.contents import find_content
from streams.stages.quotes.cues import (
    cue_class,
    is_cue,
    lemma_class,
    sourceless_passive,
)
from streams.stages.quotes.direct import DirectSpeakers, without_nested
from streams.stages.quotes.marks import scan_marks
from streams.stages.quotes.patterns import (
    CUE_FORMS,
    OPENERS,
    STANCE_CUES,
)
from streams.stages.quotes.resolution import SpeakerResolver
from streams.stages.quotes.subjects import (
    clause_subject,
    find_subject,
    headed_name,
)
from streams.stages.quotes.units import PLACEHOLDER, WORD, Unit, sentence_units

logger = logging.getLogger(__name__)


# Cues that in a headline announce the news the article reports.
_HEADLINE_NEWS = frozenset({"announce", "confirm", "report", "unveil", "reveal"})


def _qid(article_id: str, start: int, end: int) -> str:
    key = f"{article_id}:{start}:{end}".encode()
    return hashlib.blake2b(key, digest_size=8).hexdigest()


class ArticleQuotes(DirectSpeakers):
    """Extraction state for one article."""

    def __init__(self, article: CleanedArticle, cfg: QuoteConfig) -> None:
        self.article = article
        self.cfg = cfg
        self.text = article.text
        self.parts = scan_marks(self.text)
        self.units = sentence_units(self.text, self.parts, cfg.max_unit_chars)
        self.part_starts = [p.start for p in self.parts]
        self.resolver = SpeakerResolver(
            self.text, [(p.start, p.end) for p in self.parts]
        )
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

    def run(self) -> list[Quote]:
        """Extract the article's quotes, in text order (units must be parsed)."""
        self._signatures()
        for unit in self.units:
            self._unit(unit)
        self._direct()
        self.quotes = without_nested(self.quotes)
        self.quotes.sort(key=lambda q: (q.start, q.end))
        return name_lead_descriptions(self.quotes, self.text)

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
