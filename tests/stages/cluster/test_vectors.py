"""Sparse vectors: unit scaling, centroid merging, IDF similarities."""

from __future__ import annotations

import math

import pytest

from streams.stages.cluster.vectors import (
    containment,
    merge_weights,
    norm,
    similarity,
    top_weights,
    unit,
)


def test_top_weights_orders_by_weight_then_key() -> None:
    assert list(top_weights({"b": 1.0, "a": 1.0, "c": 2.0}, 2)) == ["c", "a"]


@pytest.mark.parametrize("vec", [{}, {"a": 3.0, "b": 4.0}])
def test_unit_has_norm_one_or_stays_empty(vec: dict[str, float]) -> None:
    out = unit(vec)
    assert out == {} if not vec else math.isclose(norm(out), 1.0)


def test_merge_weights_adds_unit_vectors_and_caps() -> None:
    merged = merge_weights(merge_weights({}, {"a": 1.0}, 5), {"a": 1.0, "b": 1.0}, 1)
    assert list(merged) == ["a"]
    assert merged["a"] == pytest.approx(1.0 + 1 / math.sqrt(2))


def test_similarity_and_containment_weigh_shared_keys_by_idf() -> None:
    idf = {"a": 1.0, "b": 0.5}
    art = unit({"a": 1.0, "b": 1.0})
    assert similarity(art, {"a": 1.0}, 1.0, idf) == pytest.approx(1 / math.sqrt(2))
    assert similarity({}, {"a": 1.0}, 1.0, idf) == 0.0
    assert containment({"a": 1.0, "b": 1.0}, {"b": 2.0}, idf, 1.5) == pytest.approx(
        1 / 3
    )
    assert containment({"a": 1.0}, {}, idf, 0.0) == 0.0
