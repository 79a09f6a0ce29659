"""Near-duplicates: a copy is found, a rewrite is not, signatures round-trip."""

from __future__ import annotations

from streams.stages.cluster.dedup import (
    DuplicateIndex,
    decode_signature,
    encode_signature,
)
from streams.stages.cluster.features import extract_features

TEXT = " ".join(f"word{i}" for i in range(80))


def test_copy_found_and_removed() -> None:
    index = DuplicateIndex()
    sig = index.signature(extract_features(None, TEXT).shingles)
    index.add("a", sig)
    copy = index.signature(extract_features(None, TEXT + " extra").shingles)
    found = index.find(copy)
    assert found is not None
    assert found[0] == "a"
    other = index.signature(extract_features(None, TEXT[::-1]).shingles)
    assert index.find(other) is None
    index.remove("a")
    assert index.find(copy) is None
    assert index.signature([]) is None


def test_signature_round_trip() -> None:
    index = DuplicateIndex()
    sig = index.signature(extract_features(None, TEXT).shingles)
    assert sig is not None
    values = decode_signature(encode_signature(sig.hashvalues))
    assert (values == sig.hashvalues).all()
