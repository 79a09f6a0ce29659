"""The merge model: one weight per feature, probabilities in (0, 1)."""

from __future__ import annotations

from streams.stages.cluster.model import FEATURE_NAMES, WEIGHTS, probability


def test_weights_match_features() -> None:
    assert len(WEIGHTS) == len(FEATURE_NAMES)
    assert FEATURE_NAMES[0] == "bias"


def test_probability_is_logistic_and_clipped() -> None:
    zero = [0.0] * len(WEIGHTS)
    assert probability(zero, [1.0] * len(WEIGHTS)) == 0.5
    big = [1e6] + [0.0] * (len(WEIGHTS) - 1)
    assert 0.99 < probability(big, [1.0] * len(WEIGHTS)) <= 1.0
