"""The shared spaCy pipeline: loaded once, trimmed components, numpy backend."""

from __future__ import annotations

from typing import Any

import pytest
from threadpoolctl import threadpool_info

from streams.stages.common.nlp import MODEL_NAME, TITLE_ABBREVIATIONS, get_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    return get_nlp()


def test_get_nlp_loads_the_model_once(nlp: Any) -> None:
    assert get_nlp() is nlp
    assert f"{nlp.meta['lang']}_{nlp.meta['name']}" == MODEL_NAME


def test_unused_components_are_left_out(nlp: Any) -> None:
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "ner"]
    doc = next(nlp.pipe(["The minister said the deal was signed."], disable=["ner"]))
    assert [t.tag_ for t in doc][:3] == ["DT", "NN", "VBD"]
    assert doc[2].dep_ == "ROOT"


@pytest.mark.parametrize("title", TITLE_ABBREVIATIONS)
def test_title_abbreviations_stay_one_token(nlp: Any, title: str) -> None:
    doc = nlp.make_doc(f"said {title} Kyle Sampson.")
    assert [t.text for t in doc] == ["said", title, "Kyle", "Sampson", "."]


def test_model_runs_on_numpy_blas_with_one_thread(nlp: Any) -> None:
    """Every layer of the loaded pipeline multiplies through numpy, not BLIS."""
    layers = [
        layer
        for _, pipe in nlp.pipeline
        if hasattr(pipe, "model")
        for layer in pipe.model.walk()
        if hasattr(layer.ops, "use_blis")
    ]
    assert layers
    gemm_layers = [layer for layer in layers if layer.has_param("W")]
    assert gemm_layers
    assert not any(layer.ops.use_blis for layer in gemm_layers)
    blas = [p for p in threadpool_info() if p["user_api"] == "blas"]
    assert blas
    assert all(p["num_threads"] == 1 for p in blas)
