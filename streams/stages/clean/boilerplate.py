"""Boilerplate lines in plain-text articles: line features, per-outlet memory, labels.

Reads the lines of one article (already whitespace-normalised); returns a reason per
line (None = body) plus the headline and byline it found. Pattern rules give the
specific reasons (byline, teaser, call_to_action, ...); the lines no rule claims are
then kept or dropped ("low_content") by the learned line model of ``line_model.py``
with Viterbi smoothing, or, without model data, by jusText-style block selection.
The per-outlet memory is a bounded LRU table of normalised line hashes with the
number of distinct articles each was seen in, so lines that recur across an outlet's
articles are learned online (and feed the line model as a feature).

Written by hand because no maintained library labels *plain text* lines: jusText,
trafilatura and boilerpy work on HTML trees (links, tags). The context step follows
jusText's paragraph classification (Pomikálek 2011) and uses jusText's stoplists.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from streams.stages.clean import patterns as pat
from streams.stages.clean.line_model import (
    BASE_NAMES,
    base_features,
    best_block,
    content_terms,
    context_matrix,
    load_model,
    smooth_labels,
)
from streams.stages.common.normalize import fold_key

__all__ = [
    "BoilerplateConfig",
    "LineLabels",
    "OutletMemory",
    "article_tag",
    "label_lines",
    "line_matrix",
]

logger = logging.getLogger(__name__)

_TERMINAL = frozenset(".!?\"'”’»…)。！？」』")
_SNAPSHOT_VERSION = 1
_WORD_EDGES = ".,;:!?\"'“”‘’«»()[]"


@dataclass(frozen=True, slots=True)
class BoilerplateConfig:
    """Thresholds of the line classifier and the outlet memory.

    The classifier numbers start from jusText's defaults and were tuned on the dev
    half (even index of sorted ids) of the plain-text article-extraction benchmark
    (benchmarks/bench_clean.py); the test half was only scored.
    """

    length_low: int = 70  # chars; shorter lines are "short" (jusText default)
    length_high: int = 200  # chars; longer with enough stopwords are "good" (jusText)
    stopwords_low: float = 0.30  # stopword density of near-good lines (jusText)
    stopwords_high: float = 0.32  # stopword density of good lines (jusText)
    max_gap: int = 8  # removed lines allowed inside one content block (dev half)
    min_block_share: float = 0.25  # blocks smaller than this share of the main one go
    min_seed_words: int = 8  # fallback block seeds: punctuated lines this long
    max_heading_lines: int = 6  # lines searched for the headline before the body
    max_cta_words: int = 30  # longer lines mentioning "subscribe" etc. are body text
    memory_size: int = 1024  # line hashes kept per outlet: ~25 KB of JSON snapshot
    memory_min_articles: int = 3  # distinct articles a line must recur in to be dropped
    memory_max_chars: int = 400  # longer lines are not remembered (body, not furniture)
    # Exact repeats this long are dropped ("duplicate"); shorter ones (table cells,
    # list items such as "Meal 2") are left to the line model. Dev half line F1:
    # 0.884 with 0 (every repeat dropped), 0.891 with 7.
    dup_min_words: int = 7
    # Decide body lines with the learned line model (data/line_model.json) instead
    # of jusText's block selection when the model data is present.
    line_model: bool = True


@dataclass(slots=True)
class LineLabels:
    """Labels of one article's lines: reason per line (None = keep), title, byline."""

    reasons: list[str | None]
    title: str | None = None
    byline: str | None = None
    title_index: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _line_hash(key: str) -> int:
    # 48 bits: exact in JSON numbers everywhere; collisions irrelevant at 1k entries.
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=6)
    return int.from_bytes(digest.digest(), "big")


class OutletMemory:
    """Lines seen per outlet: a bounded LRU of line hash -> (article count, last tag).

    ``snapshot()`` is a small JSON-able dict (three parallel lists) that a Faust
    table can store per source; ``restore()`` rebuilds the object from it.
    """

    __slots__ = ("_table", "cfg")

    def __init__(self, cfg: BoilerplateConfig | Any = None) -> None:
        self.cfg = _bp_config(cfg)
        self._table: OrderedDict[int, list[int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._table)

    def seen(self, key: str) -> int:
        """Number of distinct earlier articles that contained the line with this key."""
        entry = self._table.get(_line_hash(key))
        return entry[0] if entry else 0

    def learn(self, keys: Sequence[str], article_tag: int) -> None:
        """Count each distinct key once for this article; evict the oldest entries."""
        table = self._table
        for h in {_line_hash(k) for k in keys}:
            entry = table.get(h)
            if entry is None:
                table[h] = [1, article_tag]
            else:
                if entry[1] != article_tag:  # the same article twice counts once
                    entry[0] += 1
                    entry[1] = article_tag
                table.move_to_end(h)
        while len(table) > self.cfg.memory_size:
            table.popitem(last=False)

    def snapshot(self) -> dict[str, Any]:
        """JSON-able copy: {"v", "h": hashes, "n": counts, "a": last article tags}."""
        return {
            "v": _SNAPSHOT_VERSION,
            "h": list(self._table),
            "n": [e[0] for e in self._table.values()],
            "a": [e[1] for e in self._table.values()],
        }

    @classmethod
    def restore(cls, snapshot: dict[str, Any] | None, cfg: Any = None) -> OutletMemory:
        """Rebuild from ``snapshot()``; an unknown snapshot gives an empty memory."""
        mem = cls(cfg)
        if not snapshot or snapshot.get("v") != _SNAPSHOT_VERSION:
            return mem
        for h, n, a in zip(snapshot["h"], snapshot["n"], snapshot["a"], strict=False):
            mem._table[int(h)] = [int(n), int(a)]
        while len(mem._table) > mem.cfg.memory_size:
            mem._table.popitem(last=False)
        return mem


def _bp_config(cfg: Any) -> BoilerplateConfig:
    if cfg is None:
        return BoilerplateConfig()
    if isinstance(cfg, BoilerplateConfig):
        return cfg
    return getattr(cfg, "boilerplate", None) or BoilerplateConfig()


def article_tag(text: str) -> int:
    """A short stable tag of an article, so re-processing it does not count twice."""
    return _line_hash(text[:4000])


@dataclass(slots=True)
class _Line:
    text: str
    key: str
    words: list[str]
    chars: int
    stop_density: float
    terminal: bool
    name_like: bool
    base: tuple[float, ...] = ()
    terms: tuple[str, ...] = ()  # content words, for the line model's topic features
    rule: str | None = None  # context-free rule reason, computed once per text
    byline: str | None = None  # the name when ``rule`` is "byline"
    seen: int = -1  # outlet memory count, looked up once per article


def _features(text: str, stopwords: frozenset[str], cfg: BoilerplateConfig) -> _Line:
    words = text.split()
    lowered = [w.strip(_WORD_EDGES) for w in text.lower().split()]
    stops = sum(w in stopwords for w in lowered)
    name_like = (
        1 < len(words) <= 4
        and pat.NAME.fullmatch(text) is not None
        and not any(w in stopwords and w not in {"van", "de", "la"} for w in lowered)
    )
    density = stops / len(words) if words else 0.0
    line = _Line(
        text=text,
        key=fold_key(text),
        words=words,
        chars=len(text),
        stop_density=density,
        terminal=text[-1] in _TERMINAL if text else False,
        name_like=name_like,
        base=base_features(text, words, density, name_like),
        terms=content_terms(lowered, stopwords),
    )
    line.rule, line.byline = _rule_reason(line, cfg)
    return line


def _rule_reason(line: _Line, cfg: BoilerplateConfig) -> tuple[str | None, str | None]:
    """The reason a line goes whatever its context, and the byline name if any."""
    if pat.SEPARATOR.match(line.text):
        return "separator", None
    if name := _glued_byline(line.text):
        return "byline", name
    if len(line.words) <= 8 and (m := pat.BYLINE_PREFIX.match(line.text)):
        return "byline", m["name"].strip()
    return _pattern_reason(line, cfg), None


def _glued_byline(text: str) -> str | None:
    """Split "Nadiya DanyshchukWorld" into the name when the tail is a section name."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return None
    last = words[-1]
    for i in range(2, len(last) - 1):
        head, tail = last[:i], last[i:]
        if tail[0].isupper() and head[-1].islower() and tail.lower() in pat.SECTIONS:
            name = " ".join([*words[:-1], head])
            if pat.NAME.fullmatch(name):
                return name
    return None


def _pattern_reason(line: _Line, cfg: BoilerplateConfig) -> str | None:
    text = line.text
    n = len(line.words)
    if pat.SEPARATOR.match(text):
        return "separator"
    if n <= 3 and line.key.rstrip(":") in pat.SECTIONS:
        return "section"
    if n <= 3 and pat.FOOTER.match(text):
        return "navigation"
    if n <= 12 and pat.TRANSITION.match(text):
        return "transition"
    if n <= 8 and pat.TEASER_HEADER.match(text):
        return "teaser_header"
    if n <= 20 and not line.terminal and pat.TEASER_INLINE.match(text):
        return "teaser"
    if n <= 12 and pat.COMMENTS.match(text):
        return "comments_header"
    if n <= 6 and pat.AUTHOR_BIO.match(text):
        return "author_bio"
    # The searched patterns are lower-case: matching the lowered line is four times
    # faster than re.IGNORECASE, and the cheap word-count tests go first.
    low = text.lower()
    if ("cookie" in low or "by continuing" in low) and pat.CONSENT.search(low):
        return "call_to_action"
    if n <= cfg.max_cta_words and pat.CTA.search(low):
        return "call_to_action"
    if n <= 20 and not line.terminal and pat.MEDIA.search(low):
        return "caption"
    return None


def _classify(line: _Line, cfg: BoilerplateConfig) -> str:
    """JusText's context-free class: good, near, short or bad."""
    if line.chars < cfg.length_low:
        return "short"
    if line.stop_density >= cfg.stopwords_high:
        return "good" if line.chars > cfg.length_high else "near"
    if line.stop_density >= cfg.stopwords_low:
        return "near"
    return "bad"


def _neighbour(classes: list[str], i: int, step: int, ignore_near: bool) -> str:
    j = i + step
    while 0 <= j < len(classes):
        c = classes[j]
        if c in ("good", "bad"):
            return c
        if c == "near" and not ignore_near:
            return c
        j += step
    return "bad"


def _revise(classes: list[str]) -> list[str]:
    """JusText's context step: short and near-good lines follow their neighbours."""
    out = list(classes)
    for i, c in enumerate(classes):
        if c != "short":
            continue
        prev = _neighbour(classes, i, -1, True)
        nxt = _neighbour(classes, i, 1, True)
        if prev == nxt == "good":
            out[i] = "good"
        elif prev == nxt == "bad":
            out[i] = "bad"
        elif (prev == "bad" and _neighbour(classes, i, -1, False) == "near") or (
            nxt == "bad" and _neighbour(classes, i, 1, False) == "near"
        ):
            out[i] = "good"
        else:
            out[i] = "bad"
    final = list(out)
    for i, c in enumerate(out):
        if c != "near":
            continue
        prev = _neighbour(out, i, -1, True)
        nxt = _neighbour(out, i, 1, True)
        final[i] = "good" if "good" in (prev, nxt) else "bad"
    return final


def _same_title(key: str, title_key: str) -> bool:
    if not title_key or not key:
        return False
    return key == title_key or (
        len(key) >= 20 and (title_key.startswith(key) or key.startswith(title_key))
    )


def _rule_labels(
    lines: Sequence[str],
    stopwords: frozenset[str],
    cfg: BoilerplateConfig,
    title: str | None,
    memory: OutletMemory | None,
    cache: dict[str, Any],
) -> tuple[list[_Line], LineLabels, list[str], int]:
    """Rule reasons, headline and byline; returns features, labels, classes, body."""
    feats = []
    for t in lines:
        f = cache.get(t)
        if f is None:
            f = cache[t] = _features(t, stopwords, cfg)
        feats.append(f)
    reasons: list[str | None] = [None] * len(feats)
    labels = LineLabels(reasons=reasons)
    seen_keys: set[str] = set()
    repeats: set[int] = set()  # short repeated lines: left to the line model
    for i, f in enumerate(feats):
        if f.rule == "separator":
            reasons[i] = "separator"
            continue
        if f.key in seen_keys:
            if len(f.words) >= cfg.dup_min_words:
                reasons[i] = "duplicate"
                continue
            repeats.add(i)
        seen_keys.add(f.key)
        if f.rule == "byline":
            reasons[i] = "byline"
            labels.byline = labels.byline or f.byline
            continue
        reasons[i] = f.rule
        if memory is not None and f.seen < 0:
            f.seen = memory.seen(f.key) if f.chars <= cfg.memory_max_chars else 0
        if reasons[i] is None and f.seen >= cfg.memory_min_articles:
            reasons[i] = "outlet_boilerplate"

    # jusText-style classes on the lines no pattern claimed.
    classes = _revise(
        ["bad" if r else _classify(f, cfg) for f, r in zip(feats, reasons, strict=True)]
    )
    first_body = next((i for i, c in enumerate(classes) if c == "good"), len(feats))

    # Headline: the given title, else the first title-like line before the body
    # (before its first punctuated line: jusText also calls a long headline good).
    title_key = fold_key(title) if title else ""
    if not title_key:
        heading_end = next(
            (i for i, c in enumerate(classes) if c == "good" and feats[i].terminal),
            len(feats),
        )
        for i in range(heading_end):
            f = feats[i]
            if reasons[i] is not None or f.name_like or i >= cfg.max_heading_lines:
                continue
            if 3 <= len(f.words) <= 30 and not f.text.endswith("."):
                labels.title, labels.title_index, title_key = f.text, i, f.key
                break
    for i, f in enumerate(feats):
        if reasons[i] is None and _same_title(f.key, title_key):
            reasons[i] = "title"
            classes[i] = "bad"

    # Author names on their own line: a tag before the body, a byline after it.
    for i, f in enumerate(feats):
        if reasons[i] is None and f.name_like:
            if i < first_body:
                reasons[i] = "tag"
            else:
                reasons[i] = "byline"
                labels.byline = labels.byline or f.text
            classes[i] = "bad"

    _mark_lists(feats, reasons, classes, first_body)
    labels.extra["repeats"] = repeats
    return feats, labels, classes, first_body


def _model_matrix(
    feats: list[_Line], labels: LineLabels, classes: list[str]
) -> np.ndarray:
    reasons = labels.reasons
    repeats = labels.extra["repeats"]
    n = len(feats)
    base = np.array([f.base for f in feats], dtype=float).reshape(n, len(BASE_NAMES))
    rule = np.array([r is not None and r != "duplicate" for r in reasons], dtype=float)
    dup = np.array(
        [r == "duplicate" or i in repeats for i, r in enumerate(reasons)], dtype=float
    )
    seen = np.array([max(f.seen, 0) for f in feats], dtype=float)
    return context_matrix(base, rule, dup, seen, classes, [f.terms for f in feats])


def line_matrix(
    lines: Sequence[str],
    stopwords: frozenset[str],
    cfg: BoilerplateConfig,
    title: str | None = None,
    memory: OutletMemory | None = None,
) -> tuple[np.ndarray, list[str | None]]:
    """The line model's feature matrix and the rule reasons (for training)."""
    feats, labels, classes, _ = _rule_labels(lines, stopwords, cfg, title, memory, {})
    return _model_matrix(feats, labels, classes), labels.reasons


def label_lines(
    lines: Sequence[str],
    stopwords: frozenset[str],
    cfg: BoilerplateConfig,
    title: str | None = None,
    memory: OutletMemory | None = None,
    cache: dict[str, Any] | None = None,
    blocks: bool = True,
) -> LineLabels:
    """Label each line as body (None) or boilerplate (a reason string).

    Args:
        lines: the article's non-empty, normalised lines in order.
        stopwords: lower-case stopwords of the article's language.
        cfg: thresholds.
        title: the known title (RawArticle.title); when None a headline is detected.
        memory: the outlet's memory; read only here (the caller learns afterwards).
        cache: features by line text, reused when the same lines are labelled again.
        blocks: choose the body lines by context (the line model, else the main
            content block by line density); False for text an extractor already
            reduced to the article (trafilatura's output).
    """
    feats, labels, classes, first_body = _rule_labels(
        lines, stopwords, cfg, title, memory, {} if cache is None else cache
    )
    reasons = labels.reasons
    if not blocks:
        return labels
    model = load_model() if cfg.line_model else None
    if model is None:
        _mark_blocks(feats, reasons, classes, cfg)
    else:
        odds = model.log_odds(_model_matrix(feats, labels, classes))
        body = smooth_labels(odds, model.switch_cost, model.prior)
        free = [r is None for r in reasons]
        if not any(b and f for b, f in zip(body, free, strict=True)) and any(free):
            # Nothing left: keep the most body-like block of the unclaimed lines.
            start, end = best_block(np.where(free, odds, -np.inf), model.prior)
            body = [start <= i < end for i in range(len(body))]
        for i, keep in enumerate(body):
            if reasons[i] is None and not keep:
                reasons[i] = "low_content"
    # Short unpunctuated lines between the headline and the body: photo captions.
    start = labels.title_index + 1 if labels.title_index is not None else 0
    for i in range(start, min(first_body, len(feats))):
        f = feats[i]
        if (
            reasons[i] in (None, "low_content")
            and 3 <= len(f.words) <= 20
            and not f.terminal
        ):
            reasons[i] = "caption"
    return labels


def _mark_lists(
    feats: list[_Line],
    reasons: list[str | None],
    classes: list[str],
    first_body: int,
) -> None:
    """Teaser lists: lines after a teaser header, and separator-delimited items.

    A comments header opens the comment section only after the first body line,
    or, on a page without one, after a line of prose: before them, "Leave a
    comment" is a link among the post's meta data.
    """
    n = len(feats)
    in_teasers = in_comments = prose_seen = False
    for i in range(n):
        r = reasons[i]
        if r == "comments_header":
            opens = i > first_body or (first_body == n and prose_seen)
            in_comments = in_comments or opens
            continue
        f = feats[i]
        prose_seen = prose_seen or (r is None and f.terminal and len(f.words) >= 10)
        if in_comments:
            if r is None:
                reasons[i] = "comments"
                classes[i] = "bad"
            continue
        if r == "teaser_header":
            in_teasers = True
            continue
        if r == "author_bio":
            if feats[i].rule == r:  # the header, not a bio line marked below it
                _mark_bio(feats, reasons, classes, i)
            continue
        if in_teasers:
            if (
                r is None
                and classes[i] in ("good", "near")
                and f.terminal
                and len(f.words) >= 12
            ):
                in_teasers = False
            elif r is None:
                reasons[i] = "teaser"
                classes[i] = "bad"
    seps = [i for i in range(n) if reasons[i] == "separator"]
    if len(seps) < 2:
        return
    for i in range(1, n):
        if reasons[i] is not None or reasons[i - 1] != "separator":
            continue
        nxt = reasons[i + 1] if i + 1 < n else "end"
        if nxt is not None:
            reasons[i] = "teaser"
            classes[i] = "bad"


def _mark_bio(
    feats: list[_Line], reasons: list[str | None], classes: list[str], header: int
) -> None:
    """The bio under an "About <name>" header: the lines that name the author.

    Under "About the author" (no name) only the next line is taken.
    """
    m = pat.AUTHOR_BIO.match(feats[header].text)
    name = m["name"] if m else None
    for i in range(header + 1, min(header + 3, len(feats))):
        if reasons[i] is not None or (name is None and i > header + 1):
            return
        if name is not None and name not in feats[i].text:
            return
        reasons[i] = "author_bio"
        classes[i] = "bad"


def _mark_blocks(
    feats: list[_Line],
    reasons: list[str | None],
    classes: list[str],
    cfg: BoilerplateConfig,
) -> None:
    """Keep the main content block(s); lines outside them are page furniture."""
    blocks: list[list[int]] = []
    # Seeds of content blocks: good lines; pages without any (short wire items,
    # tables, languages without a stoplist) fall back to near-good, then punctuated.
    seeds = [i for i, c in enumerate(classes) if c == "good" and reasons[i] is None]
    if not seeds:
        seeds = [i for i, c in enumerate(classes) if c == "near" and reasons[i] is None]
    if not seeds:
        seeds = [
            i
            for i, f in enumerate(feats)
            if reasons[i] is None and f.terminal and len(f.words) >= cfg.min_seed_words
        ]
    if not seeds:
        return
    seed_set = set(seeds)
    if classes.count("good") == 0:
        for i in seeds:
            classes[i] = "good"
    gap = cfg.max_gap + 1
    for i, _c in enumerate(classes):
        if reasons[i] is not None:
            gap += 1
            continue
        if i in seed_set:
            if gap > cfg.max_gap or not blocks:
                blocks.append([])
            blocks[-1].append(i)
            gap = 0
        else:
            gap += 1
    sizes = [sum(feats[i].chars for i in b) for b in blocks]
    best = max(sizes)
    keep: set[int] = set()
    for b, size in zip(blocks, sizes, strict=True):
        if size >= cfg.min_block_share * best:
            keep.update(b)
    for i, r in enumerate(reasons):
        if r is None and i not in keep:
            reasons[i] = "low_content" if classes[i] != "good" else "outside_main"
