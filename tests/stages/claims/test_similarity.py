"""Paraphrase similarity of claim wordings: features, overlap and penalties."""

from __future__ import annotations

import pytest

from streams.stages.claims.similarity import (
    SimilarityConfig,
    claim_features,
    similarity,
)
from streams.stages.claims.tracker import ClaimConfig

MERGE = ClaimConfig().merge_threshold
BACKER = "Iran remains Russia's top military backer"


def test_claim_features_read_numbers_negation_and_entities() -> None:
    features = claim_features("Russia didn't receive three hundred drones from Iran")
    assert features.negated
    assert features.numbers == {"3", "100"}
    assert features.entities == {"iran"}
    # Entities weigh less than plain content words; stop words are dropped.
    assert features.stems == {"russi": 1.0, "recei": 1.0, "drone": 1.0, "iran": 0.5}


def test_identical_wordings_score_one_and_unrelated_ones_zero() -> None:
    assert similarity(BACKER, BACKER + "!!") == 1.0
    assert (
        similarity("The bridge will reopen in March", "Bananas grow on islands") == 0.0
    )
    assert similarity("", BACKER) == 0.0


def test_a_paraphrase_scores_above_the_merge_threshold() -> None:
    paraphrase = "Iran remains Russia's main military backbone"
    score = similarity(BACKER, paraphrase)
    assert MERGE <= score < 1.0
    assert score == similarity(paraphrase, BACKER)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Russia received 400 drones from Iran",
            "Russia received 300 drones from Iran",
        ),
        ("The talks will succeed", "The talks will not succeed"),
        ("The talks will succeed", "The talks won't succeed"),
        ("Patel met Blinken in Paris", "Smith met Jones in Paris"),
    ],
)
def test_other_numbers_negation_or_names_stay_below_the_threshold(
    a: str, b: str
) -> None:
    assert similarity(a, a) == 1.0
    assert similarity(a, b) < MERGE


def test_penalties_come_from_the_config() -> None:
    a, b = "The talks will succeed", "The talks will not succeed"
    lenient = SimilarityConfig(negation_penalty=1.0)
    assert similarity(a, b, lenient) == 1.0
    assert similarity(a, b) == pytest.approx(SimilarityConfig().negation_penalty)
