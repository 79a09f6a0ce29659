"""Learned line classifier for plain-text pages: features, boosted trees, smoothing.

Reads per-line base features (computed once per line text by ``base_features``) and
the rule labels of ``boilerplate.py``; returns, per line, whether it is article body.
The model is a small ensemble of gradient-boosted trees (150 trees of depth 5) over
line features (shape, punctuation, lexical cues of furniture such as share/comment
vocabulary, list headers, photo credits and date stamps) and context features
(neighbour lines, position, distance to the densest block of prose lines on either
side, runs of short, link-like and headline-like lines, nearby furniture vocabulary,
name and date stamps and repeated lines, content words shared with the main
block), followed by a two-state Viterbi pass, because a news body is one or a few
contiguous blocks.

The trees are data (``data/line_model.json``; its "fitted" entry says how), fitted
by ``benchmarks/train_line_model.py`` on the dev half of the plain-text
article-extraction benchmark, with the smoothing switch cost and decision prior
chosen by 5-fold line and shingle F1 within that half; evaluating them takes a
handful of numpy operations per article. The cut-offs inside the context features
(10 words for a prose line, windows of 3-10 lines, gaps of 6 lines, 16 words for a
date stamp) were set by hand before fitting: the trees learn their own thresholds
over them.

Written by hand because no maintained library classifies *plain-text* lines
(jusText, trafilatura and boilerpipe need the HTML tree), and scikit-learn would be
a large runtime dependency for a few vectorised lookups.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Any

import numpy as np
import orjson

from streams.stages.clean import patterns as pat

__all__ = [
    "BASE_NAMES",
    "FEATURE_NAMES",
    "LineModel",
    "base_features",
    "best_block",
    "content_terms",
    "context_matrix",
    "load_model",
    "model_from_dict",
    "smooth_labels",
]

logger = logging.getLogger(__name__)

_TERMINAL = frozenset(".!?\"'”’»…)。！？」』")
_LISTY = "|»•·›>/#"
_NON_DIGIT = re.compile(r"\D+")
_NON_ALPHA = re.compile(r"[\W\d_]+")
# Chinese and Japanese script: no spaces between words, about two characters a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PAREN_COUNT = re.compile(r"\(\d+\)$")
_NUMERIC_TOKEN = re.compile(r"(?<!\S)\(?\d[\d:./\-,]*\)?(?!\S)")
_MAX_STAMP_WORDS = 16  # longer lines are sentences, not date or time stamps
_WORD_PUNCT = ",.;:|()[]"

# Per-line features, computed once per line text.
BASE_NAMES = (
    "log_chars",
    "log_words",
    "stop_density",
    "terminal",
    "colon_end",
    "cap_ratio",
    "digit_ratio",
    "alpha_ratio",
    "listy_chars",
    "mean_word_len",
    "sentences",
    "commas",
    "starts_lower",
    "name_like",
    "ellipsis",
    "furniture_words",
    "list_cue",
    "credit",
    "date_like",
    "ends_count",
    "credit_tail",
    "all_caps",
)
# Categorical signals from the rules of boilerplate.py, per article.
_RULE_NAMES = ("rule", "duplicate", "memory_seen", "jt_good", "jt_near", "jt_short")
_CONTEXT_NAMES = (
    "position",
    "chars_before",
    "line_share",
    "prose",
    "win_prose",
    "win_chars",
    "short_run",
    "link_run",
    "in_main",
    "main_dist",
    "main_share",
    "doc_stop",
    "n_lines",
    "headline_win",
    "repeat_win",
    "wide_prose",
    "wide_terminal",
    "wide_rule",
)
_PAGE_NAMES = (
    "before_main",
    "after_main",
    "headline_run",
    "cue_dist",
    "furniture_win",
    "rel_len",
    "stamp_win",
)
# Vocabulary shared with the main block: teasers of other stories, bios and
# comments on other subjects share few of the article's content words.
_TOPIC_NAMES = ("topic_share", "topic_hits", "page_share", "topic_win")
_NEIGHBOURS = (-2, -1, 1, 2)
_NEIGHBOUR_BASE = ("log_chars", "stop_density", "terminal", "cap_ratio", "date_like")
FEATURE_NAMES = (
    *BASE_NAMES,
    *_RULE_NAMES,
    *_CONTEXT_NAMES,
    *_PAGE_NAMES,
    *_TOPIC_NAMES,
    *(f"{name}@{d:+d}" for d in _NEIGHBOURS for name in (*_NEIGHBOUR_BASE, "rule")),
)
_IDX = {name: i for i, name in enumerate(BASE_NAMES)}
_IN_MAIN = FEATURE_NAMES.index("in_main")
_NB_IDX = [_IDX[name] for name in _NEIGHBOUR_BASE]


def _furniture_count(low: str, tokens: list[str]) -> int:
    """Words of the furniture vocabulary in a lower-cased line."""
    n = sum(map(pat.FURNITURE_WORDS.__contains__, tokens))
    n += sum(map(str.startswith, tokens, repeat(pat.FURNITURE_STEMS)))
    if not low.isascii():
        n += len(pat.FURNITURE_MARKS.findall(low))
    return n


def _date_like(low: str, tokens: list[str]) -> float:
    """Share of the words of a short line that belong to a date or time stamp."""
    if len(tokens) > _MAX_STAMP_WORDS:
        return 0.0
    hits = sum(map(pat.DATE_WORDS.__contains__, tokens))
    return (hits + len(_NUMERIC_TOKEN.findall(low))) / len(tokens)


def _ends_count(text: str) -> bool:
    """The line ends in a count: "Интересное 0", "Week 12 power rankings (133)"."""
    return text[-1].isdigit() or (
        text[-1] == ")" and _PAREN_COUNT.search(text[-12:]) is not None
    )


def _cue_features(text: str, words: list[str]) -> tuple[float, ...]:
    """Lexical cues of furniture: vocabulary, list headers, credits, stamps, counts."""
    low = text.lower()
    # map() keeps the per-word loops in C.
    tokens = list(map(str.strip, low.split(), repeat(_WORD_PUNCT)))
    n = len(words)
    return (
        math.log1p(_furniture_count(low, tokens)),
        float(n <= 10 and pat.LIST_CUE.search(low) is not None),
        float(n <= 12 and pat.CREDIT_WORDS.search(low) is not None),
        _date_like(low, tokens),
        float(_ends_count(text)),
        # A caption's credit closes the line: the last 80 characters suffice.
        float(pat.CREDIT_TAIL.search(low[-80:]) is not None),
        float(text.isupper()),  # capitalised teaser headlines and kickers
    )


def base_features(
    text: str, words: list[str], stop_density: float, name_like: bool
) -> tuple[float, ...]:
    """Context-free features of one line (order of ``BASE_NAMES``)."""
    n_chars = len(text)
    n_words = len(words)
    if not text.isascii() and (cjk := len(_CJK.findall(text))):
        n_words += cjk // 2
    if n_chars == 0 or n_words == 0:
        return (0.0,) * len(BASE_NAMES)
    caps = sum(w[0].isupper() for w in words)
    # Regex deletions and str.count run in C: a per-character loop cost 3x more.
    digits = len(_NON_DIGIT.sub("", text))
    alpha = len(_NON_ALPHA.sub("", text))
    listy = sum(text.count(c) for c in _LISTY)
    last = text[-1]
    return (
        math.log1p(n_chars),
        math.log1p(n_words),
        stop_density,
        float(last in _TERMINAL),
        float(last == ":"),
        caps / n_words,
        digits / n_chars,
        alpha / n_chars,
        math.log1p(listy),
        (n_chars - n_words + 1) / n_words,
        math.log1p(text.count(". ") + text.count("? ") + text.count("! ")),
        math.log1p(text.count(",")),
        float(text[0].islower()),
        float(name_like),
        float(last == "…" or text.endswith("...")),
        *_cue_features(text, words),
    )


def _window_mean(values: np.ndarray, half: int) -> np.ndarray:
    """Column means over the rows within ``half`` rows of each row (clipped)."""
    n = values.shape[0]
    csum = np.zeros((n + 1, values.shape[1]))
    np.cumsum(values, axis=0, out=csum[1:])
    pos = np.arange(n)
    lo = np.maximum(pos - half, 0)
    hi = np.minimum(pos + half + 1, n)
    return (csum[hi] - csum[lo]) / (hi - lo)[:, None]


def _runs(flags: np.ndarray) -> np.ndarray:
    """Length of the run of True values each position belongs to (0 when False)."""
    n = len(flags)
    out = np.zeros(n)
    i = 0
    fl = flags.tolist()
    while i < n:
        if not fl[i]:
            i += 1
            continue
        j = i
        while j < n and fl[j]:
            j += 1
        out[i:j] = j - i
        i = j
    return out


def _main_block(prose: np.ndarray, chars: np.ndarray, max_gap: int) -> tuple[int, int]:
    """First and last line of the block of prose lines with the most characters."""
    idx = np.flatnonzero(prose)
    if len(idx) == 0:
        return -1, -1
    best = (-1.0, -1, -1)
    start = prev = int(idx[0])
    total = 0.0
    for k in idx.tolist():
        if k - prev > max_gap + 1:
            if total > best[0]:
                best = (total, start, prev)
            start, total = k, 0.0
        total += chars[k]
        prev = k
    if total > best[0]:
        best = (total, start, prev)
    return best[1], best[2]


def _since(flags: np.ndarray) -> np.ndarray:
    """Lines since the last True at or before each position (``n`` when none)."""
    n = len(flags)
    pos = np.arange(n)
    last = np.maximum.accumulate(np.where(flags, pos, -1)) if n else pos
    return np.where(last >= 0, pos - last, n)


def _page_context(
    base: np.ndarray, kept: np.ndarray, prose: np.ndarray, first: int, last: int
) -> np.ndarray:
    """Side of the main block, headline runs, list headers, furniture, stamps.

    Furniture follows the body (related lists, comments) more than it precedes
    it, so the distance to the main block is split by side; body paragraphs are
    longer than teaser descriptions, so length is also taken relative to them.
    """
    n = base.shape[0]
    out = np.empty((n, len(_PAGE_NAMES)))
    pos = np.arange(n)
    words = np.expm1(base[:, _IDX["log_words"]])
    terminal = base[:, _IDX["terminal"]] > 0
    cut = base[:, _IDX["ellipsis"]] > 0
    if first >= 0:
        out[:, 0] = np.log1p(np.maximum(first - pos, 0))
        out[:, 1] = np.log1p(np.maximum(pos - last, 0))
        body_len = float(
            np.median(
                base[first : last + 1, _IDX["log_chars"]][prose[first : last + 1]]
            )
        )
    else:
        out[:, 0:2] = math.log1p(n)
        body_len = float(base[:, _IDX["log_chars"]].max(initial=0.0))
    headline = kept & (~terminal | cut) & (words >= 3) & (words <= 25)
    out[:, 2] = np.log1p(_runs(headline))
    out[:, 3] = np.log1p(_since(base[:, _IDX["list_cue"]] > 0))
    out[:, 4] = (base[:, _IDX["furniture_words"]] > 0).astype(float)
    out[:, 4:5] = _window_mean(out[:, 4:5], 3)
    out[:, 5] = base[:, _IDX["log_chars"]] - body_len
    # Reader comments and teaser lists stamp each item with a name or a time.
    stamp = (base[:, _IDX["date_like"]] >= 0.6) | (base[:, _IDX["name_like"]] > 0)
    out[:, 6] = stamp
    out[:, 6:7] = _window_mean(out[:, 6:7], 5)
    return out


def content_terms(lowered: list[str], stopwords: frozenset[str]) -> tuple[str, ...]:
    """A line's content words for the topic features (lower-cased, edges stripped).

    Words of three or more letters that are not stopwords or numbers; Chinese and
    Japanese runs, written without spaces, give their character bigrams instead.
    """
    out: list[str] = []
    for w in lowered:
        if not w.isascii() and _CJK.search(w):
            out.extend(w[i : i + 2] for i in range(len(w) - 1))
        elif len(w) > 2 and w not in stopwords and not w.isdigit():
            out.append(w)
    return tuple(out)


def _topic(terms: Sequence[tuple[str, ...]], main: np.ndarray) -> np.ndarray:
    """Share and count of each line's content words found in the main block.

    A main-block line's own words are discounted, so a line is never its own
    evidence; ``page_share`` counts words that occur in another line anywhere.
    """
    n = len(terms)
    out = np.zeros((n, len(_TOPIC_NAMES)))
    sets = [set(t) for t in terms]
    vocab: Counter[str] = Counter()
    page: Counter[str] = Counter()
    for i, words in enumerate(sets):
        page.update(words)
        if main[i]:
            vocab.update(words)
    for i, words in enumerate(terms):
        if not words:
            continue
        own = 1 if main[i] else 0
        hits = sum(vocab[w] > own for w in words)
        out[i, 0] = hits / len(words)
        out[i, 1] = math.log1p(hits)
        out[i, 2] = sum(page[w] > 1 for w in words) / len(words)
    out[:, 3:4] = _window_mean(out[:, 0:1], 2)
    return out


def context_matrix(
    base: np.ndarray,
    rule: np.ndarray,
    duplicate: np.ndarray,
    memory_seen: np.ndarray,
    classes: list[str],
    terms: Sequence[tuple[str, ...]],
    max_gap: int = 6,
) -> np.ndarray:
    """The full feature matrix (order of ``FEATURE_NAMES``) of one article's lines.

    Args:
        base: (n, len(BASE_NAMES)) rows of ``base_features``.
        rule: 1.0 where a pattern rule removed the line.
        duplicate: 1.0 where the line repeats an earlier one.
        memory_seen: how many earlier articles of the outlet had the line.
        classes: jusText classes after the context step (good/near/short/bad).
        terms: each line's ``content_terms``.
        max_gap: lines allowed between two prose lines of one block.
    """
    n, nb = base.shape
    out = np.empty((n, len(FEATURE_NAMES)))
    out[:, :nb] = base
    chars = np.expm1(base[:, _IDX["log_chars"]])
    words = np.expm1(base[:, _IDX["log_words"]])
    terminal = base[:, _IDX["terminal"]] > 0
    total = max(float(chars.sum()), 1.0)
    kept = rule == 0
    prose = (words >= 10) & terminal & kept
    first, last = _main_block(prose, chars, max_gap)
    pos = np.arange(n, dtype=float)
    c = nb
    out[:, c] = rule
    out[:, c + 1] = duplicate
    out[:, c + 2] = np.log1p(memory_seen)
    out[:, c + 3] = [k == "good" for k in classes]
    out[:, c + 4] = [k == "near" for k in classes]
    out[:, c + 5] = [k == "short" for k in classes]
    c += len(_RULE_NAMES)
    out[:, c] = pos / max(n - 1, 1)
    out[:, c + 1] = (np.cumsum(chars) - chars) / total
    out[:, c + 2] = chars / total
    out[:, c + 3] = prose
    out[:, c + 4] = prose
    out[:, c + 5] = base[:, _IDX["log_chars"]]
    out[:, c + 4 : c + 6] = _window_mean(out[:, c + 4 : c + 6], 3)
    out[:, c + 6] = np.log1p(_runs((words <= 4) & kept))
    out[:, c + 7] = np.log1p(_runs((words <= 8) & ~terminal))
    if first >= 0:
        out[:, c + 8] = (pos >= first) & (pos <= last)
        out[:, c + 9] = np.log1p(np.maximum(first - pos, 0) + np.maximum(pos - last, 0))
        out[:, c + 10] = float(chars[first : last + 1].sum()) / total
    else:
        out[:, c + 8] = 0.0
        out[:, c + 9] = math.log1p(n)
        out[:, c + 10] = 0.0
    out[:, c + 11] = float(base[:, _IDX["stop_density"]].mean()) if n else 0.0
    out[:, c + 12] = math.log1p(n)
    # Teaser lists alternate headline-like lines (capitalised, unpunctuated) with
    # descriptions; article bodies rarely have several headlines close together.
    caps = base[:, _IDX["cap_ratio"]]
    # A headline cut short ("...") is a teaser too, though it ends in a full stop.
    cut = base[:, _IDX["ellipsis"]] > 0
    out[:, c + 13] = (caps >= 0.5) & (~terminal | cut) & (words >= 3) & (words <= 20)
    out[:, c + 14] = duplicate
    out[:, c + 13 : c + 15] = _window_mean(out[:, c + 13 : c + 15], 4)
    out[:, c + 15] = prose
    out[:, c + 16] = terminal
    out[:, c + 17] = rule
    out[:, c + 15 : c + 18] = _window_mean(out[:, c + 15 : c + 18], 10)
    c += len(_CONTEXT_NAMES)
    out[:, c : c + len(_PAGE_NAMES)] = _page_context(base, kept, prose, first, last)
    c += len(_PAGE_NAMES)
    # Without a main block there is no prose line either: the topic shares are 0.
    out[:, c : c + len(_TOPIC_NAMES)] = _topic(terms, out[:, _IN_MAIN] > 0)
    c += len(_TOPIC_NAMES)
    k = len(_NEIGHBOUR_BASE) + 1
    padded = np.zeros((n + 4, k))
    padded[2 : n + 2, : k - 1] = base[:, _NB_IDX]
    padded[2 : n + 2, k - 1] = rule
    padded[:2, k - 1] = padded[n + 2 :, k - 1] = 1.0  # off the page: furniture
    for j, d in enumerate(_NEIGHBOURS):
        out[:, c + j * k : c + (j + 1) * k] = padded[2 + d : 2 + d + n]
    return out


@dataclass(frozen=True, slots=True)
class LineModel:
    """Depth-limited boosted trees stored as complete binary arrays.

    ``feature[t, k]`` and ``threshold[t, k]`` are tree ``t``'s internal nodes in
    heap order (children of ``k`` are ``2k+1`` and ``2k+2``; a leaf reached early
    has threshold +inf so every row goes left); ``value[t, j]`` are its leaves.
    """

    feature: np.ndarray
    threshold: np.ndarray
    value: np.ndarray
    bias: float
    depth: int
    switch_cost: float
    prior: float
    names: tuple[str, ...]

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        """Body-vs-furniture log odds of each row of ``x``."""
        n = x.shape[0]
        n_trees, n_int = self.feature.shape
        if n == 0:
            return np.zeros(0)
        # A walk down all trees at once that tests only the nodes on each row's
        # path (deep trees have far more nodes than levels); flat ``take`` runs
        # twice as fast as 2-d fancy indexing. The trees were fitted on float32
        # features (scikit-learn's tree dtype).
        flat_x = x.astype(np.float32).ravel()
        row_start = (np.arange(n) * x.shape[1])[:, None]
        features, thresholds = self.feature.ravel(), self.threshold.ravel()
        tree_start = np.arange(n_trees) * n_int
        node = np.zeros((n, n_trees), dtype=np.intp)
        for _ in range(self.depth):
            at = tree_start + node
            right = flat_x.take(row_start + features.take(at)) > thresholds.take(at)
            node = 2 * node + 1 + right
        leaf_start = np.arange(n_trees) * (n_int + 1) - n_int
        return self.bias + self.value.ravel().take(leaf_start + node).sum(axis=1)


def smooth_labels(log_odds: np.ndarray, switch_cost: float, prior: float) -> list[bool]:
    """Two-state Viterbi: body or furniture per line, paying ``switch_cost`` per change.

    Emissions are the classifier's log odds shifted by ``prior`` (a decision
    threshold); a page starts in furniture, so entering the body
    at the first line costs one switch too.
    """
    scores = (log_odds - prior).tolist()
    n = len(scores)
    if n == 0:
        return []
    # Scores of the best path ending in furniture (0) / body (1).
    s0, s1 = 0.0, -switch_cost
    back: list[tuple[int, int]] = []
    for e in scores:
        half = e / 2.0
        b0 = 0 if s0 >= s1 - switch_cost else 1
        b1 = 1 if s1 >= s0 - switch_cost else 0
        n0 = (s0 if b0 == 0 else s1 - switch_cost) - half
        n1 = (s1 if b1 == 1 else s0 - switch_cost) + half
        back.append((b0, b1))
        s0, s1 = n0, n1
    state = 0 if s0 >= s1 else 1
    out = [False] * n
    for i in range(n - 1, -1, -1):
        out[i] = state == 1
        state = back[i][state]
    return out


def best_block(log_odds: np.ndarray, prior: float) -> tuple[int, int]:
    """The run of lines with the largest summed log odds (``[start, end)``).

    The fallback when smoothing keeps nothing: a page handed to the cleaner has a
    body, and its most body-like block beats an empty article.
    """
    best, start, end = -math.inf, 0, 0
    run, run_start = 0.0, 0
    for i, e in enumerate((log_odds - prior).tolist()):
        if run <= 0:
            run, run_start = e, i
        else:
            run += e
        if run > best:
            best, start, end = run, run_start, i + 1
    return start, end


def model_from_dict(data: dict[str, Any]) -> LineModel:
    """A LineModel from its JSON form (as written by the training script)."""
    return LineModel(
        feature=np.asarray(data["feature"], dtype=np.intp),
        threshold=np.asarray(data["threshold"], dtype=np.float32),
        value=np.asarray(data["value"], dtype=float),
        bias=float(data["bias"]),
        depth=int(data["depth"]),
        switch_cost=float(data["switch_cost"]),
        prior=float(data["prior"]),
        names=tuple(data["names"]),
    )


@lru_cache(maxsize=1)
def load_model() -> LineModel | None:
    """The packaged model; None when missing or fitted on other features."""
    try:
        raw = resources.files("streams.stages.clean").joinpath("data/line_model.json")
        data = orjson.loads(raw.read_bytes())
    except (FileNotFoundError, OSError):
        logger.warning("line model data missing: plain text uses the rules only")
        return None
    if tuple(data.get("names", ())) != FEATURE_NAMES:
        logger.warning("line model was fitted on other features: ignored")
        return None
    return model_from_dict(data)
