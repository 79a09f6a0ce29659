"""Candidate lookup: shared specific keys find stories; ties break by id."""

from __future__ import annotations

from streams.stages.cluster.candidates import CandidateIndex
from streams.stages.cluster.features import extract_features


def test_lookup_ranks_by_shared_weight_then_id() -> None:
    index = CandidateIndex(query_terms=10, max_postings=150, max_candidates=2)
    index.update("c-b", set(), {"drone", "e:patel"})
    index.update("c-a", set(), {"drone", "e:patel"})
    index.update("c-z", set(), {"budget"})
    feats = extract_features("Drone", "Vedant Patel spoke about the drone plant.")
    idf, ranked, q_mass = index.lookup(feats, 3)
    assert 0.0 < idf["drone"] <= 1.0
    assert [cid for cid, _ in ranked] == ["c-a", "c-b"]
    assert q_mass > 0
    index.update("c-a", {"drone", "e:patel"}, set())
    assert "c-a" not in index.postings["drone"]


def test_lookup_on_empty_index() -> None:
    index = CandidateIndex(query_terms=10, max_postings=150, max_candidates=8)
    _, ranked, _ = index.lookup(extract_features(None, "Nothing indexed yet."), 0)
    assert ranked == []
