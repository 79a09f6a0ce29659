"""Tests of the learned line classifier (clean/line_model.py)."""

from __future__ import annotations

import numpy as np
import pytest

from streams.stages.clean.language import stopwords_for
from streams.stages.clean.line_model import (
    BASE_NAMES,
    FEATURE_NAMES,
    base_features,
    best_block,
    content_terms,
    load_model,
    smooth_labels,
)


def test_line_model_is_packaged_and_matches_a_tree_walk() -> None:
    model = load_model()
    assert model is not None
    assert model.names == FEATURE_NAMES
    x = np.random.default_rng(0).normal(size=(30, len(FEATURE_NAMES))) * 3
    n_trees, n_int = model.feature.shape
    x32 = x.astype(np.float32)
    expected = []
    for row in x32:
        total = model.bias
        for t in range(n_trees):
            node = 0
            for _ in range(model.depth):
                right = row[model.feature[t, node]] > model.threshold[t, node]
                node = 2 * node + 1 + int(right)
            total += model.value[t, node - n_int]
        expected.append(total)
    assert np.allclose(model.log_odds(x), expected)
    assert model.log_odds(np.zeros((0, len(FEATURE_NAMES)))).shape == (0,)


@pytest.mark.parametrize(
    ("odds", "cost", "prior", "expected"),
    [
        ([], 2.0, 0.0, []),
        ([3.0, 3.0, -1.0, 3.0, 3.0], 2.0, 0.0, [True] * 5),  # a dip inside the body
        ([3.0, 3.0, -1.0, 3.0, 3.0], 0.0, 0.0, [True, True, False, True, True]),
        ([-4.0, 3.0, 3.0, -4.0, -4.0], 2.0, 0.0, [False, True, True, False, False]),
        ([0.6, -3.0, -3.0], 1.0, 0.0, [False, False, False]),  # too weak to enter
        ([-0.4, -0.4], 0.0, -0.5, [True, True]),  # the prior shifts the threshold
    ],
)
def test_smoothing(
    odds: list[float], cost: float, prior: float, expected: list[bool]
) -> None:
    assert smooth_labels(np.array(odds), cost, prior) == expected


def test_content_terms_drop_stopwords_and_split_cjk_into_bigrams() -> None:
    en = stopwords_for("en")
    words = ["the", "mayor", "met", "on", "2023", "to", "budget"]
    assert content_terms(words, en) == ("mayor", "met", "budget")
    assert content_terms(["設定で変更"], en) == ("設定", "定で", "で変", "変更")


def _base(text: str) -> dict[str, float]:
    return dict(
        zip(BASE_NAMES, base_features(text, text.split(), 0.0, False), strict=True)
    )


def test_base_features_count_cjk_words_and_cut_headlines() -> None:
    ja = "設定で変更できる箇所も少なく、融通が効かない面も多々あります。"
    assert _base(ja)["log_words"] > np.log1p(10)  # about two characters a word
    assert _base(ja)["terminal"] == 1.0
    assert (
        _base("Cool 14-inch Lenovo laptops with improved Alexa suppor...")["ellipsis"]
        == 1.0
    )
    assert _base("The council met on Monday.")["ellipsis"] == 0.0


@pytest.mark.parametrize(
    ("odds", "expected"),
    [
        ([-3.0, 1.0, -0.5, 2.0, -4.0], (1, 4)),
        ([-3.0, -1.0, -2.0], (1, 2)),  # all negative: the least bad line
        ([float("-inf"), -1.0, float("-inf")], (1, 2)),  # claimed lines never win
    ],
)
def test_best_block(odds: list[float], expected: tuple[int, int]) -> None:
    assert best_block(np.array(odds), 0.0) == expected
