"""Learned line classifier for plain-text pages: features, boosted trees, smoothing.

Reads per-line base features (computed once per line text by ``base_features``) and
the rule labels of ``boilerplate.py``; returns, per line, whether it is article body.
The model is a small ensemble of gradient-boosted trees (100 trees of depth 3) over
line features and context features (neighbour lines, position, distance to the
densest block of prose lines, runs of short and link-like lines, nearby headline-like
and repeated lines), followed by a two-state Viterbi pass, because a news body is
one or a few contiguous blocks.

The trees are data (``data/line_model.json``; its "fitted" entry says how), fitted
by ``benchmarks/train_line_model.py`` on the dev half of the plain-text
article-extraction benchmark, with the smoothing switch cost and decision prior
chosen by 2-fold line F1 within that half; evaluating them takes a handful of numpy
operations per article. The cut-offs inside the context features (10 words for a
prose line, windows of 3-4 lines, gaps of 6 lines) were set by hand before fitting:
the trees learn their own thresholds over them.

Written by hand because no maintained library classifies *plain-text* lines
(jusText, trafilatura and boilerpipe need the HTML tree), and scikit-learn would be
a large runtime dependency for a few vectorised lookups.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import orjson

__all__ = [
    "BASE_NAMES",
    "FEATURE_NAMES",
    "LineModel",
    "base_features",
    "best_block",
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
_NEIGHBOURS = (-2, -1, 1, 2)
_NEIGHBOUR_BASE = ("log_chars", "stop_density", "terminal", "cap_ratio")
FEATURE_NAMES = (
    *BASE_NAMES,
    *_RULE_NAMES,
    *_CONTEXT_NAMES,
    *(f"{name}@{d:+d}" for d in _NEIGHBOURS for name in (*_NEIGHBOUR_BASE, "rule")),
)
_IDX = {name: i for i, name in enumerate(BASE_NAMES)}
_NB_IDX = [_IDX[name] for name in _NEIGHBOUR_BASE]


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


def context_matrix(
    base: np.ndarray,
    rule: np.ndarray,
    duplicate: np.ndarray,
    memory_seen: np.ndarray,
    classes: list[str],
    max_gap: int = 6,
) -> np.ndarray:
    """The full feature matrix (order of ``FEATURE_NAMES``) of one article's lines.

    Args:
        base: (n, len(BASE_NAMES)) rows of ``base_features``.
        rule: 1.0 where a pattern rule removed the line.
        duplicate: 1.0 where the line repeats an earlier one.
        memory_seen: how many earlier articles of the outlet had the line.
        classes: jusText classes after the context step (good/near/short/bad).
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
        # Every internal node's test at once, then a walk down by index arithmetic;
        # the trees were fitted on float32 features (scikit-learn's tree dtype).
        tests = x.astype(np.float32)[:, self.feature.ravel()] > self.threshold.ravel()
        rows = np.arange(n)[:, None]
        base = np.arange(n_trees) * n_int
        node = np.zeros((n, n_trees), dtype=np.intp)
        for _ in range(self.depth):
            node = 2 * node + 1 + tests[rows, base + node]
        leaves = node - n_int
        return self.bias + self.value[np.arange(n_trees), leaves].sum(axis=1)


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
        raw = resources.files("streams.stages").joinpath("data/line_model.json")
        data = orjson.loads(raw.read_bytes())
    except (FileNotFoundError, OSError):
        logger.warning("line model data missing: plain text uses the rules only")
        return None
    if tuple(data.get("names", ())) != FEATURE_NAMES:
        logger.warning("line model was fitted on other features: ignored")
        return None
    return model_from_dict(data)
