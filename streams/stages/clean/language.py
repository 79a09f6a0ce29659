"""Language identification for clean article text with py3langid (offline, small).

Reads a text; returns an ISO 639-1 code or None when the text is too short to say.
"""

from __future__ import annotations

import logging
from functools import lru_cache

__all__ = ["detect_language", "stopwords_for"]

logger = logging.getLogger(__name__)

# py3langid is reliable from a sentence or two; on fewer letters than this it guesses.
_MIN_LETTERS = 20
# Enough text to decide (a few sentences); py3langid's cost grows with the sample
# (about 0.13 ms at 150 characters, 0.26 ms at 600). At 300 characters of the long
# lines it agreed with 600 on 89 of the 91 dev-half benchmark pages (the other two
# wrong at one length or the other).
_MAX_CHARS = 300

# jusText ships stopword lists by language name; these are the ones news streams meet.
_STOPLIST_NAMES = {
    "en": "English",
    "uk": "Ukrainian",
    "ru": "Russian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "tr": "Turkish",
    "az": "Azerbaijani",
    "ka": "Georgian",
    "cs": "Czech",
    "ro": "Romanian",
    "sv": "Swedish",
    "id": "Indonesian",
    "ms": "Malay",
    "ar": "Arabic",
    "fa": "Persian",
    "hi": "Hindi",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "hr": "Croatian",
    "hu": "Hungarian",
    "el": "Greek",
    "he": "Hebrew",
    "fi": "Finnish",
    "da": "Danish",
    "no": "Norwegian_Bokmal",
    "sk": "Slovak",
    "be": "Belarusian",
    "kk": "Kazakh",
    "vi": "Vietnamese",
    "ko": "Korean",
    "ca": "Catalan",
}


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of ``text`` or None when it has too few letters."""
    sample = text[:_MAX_CHARS]
    if sum(map(str.isalpha, sample)) < _MIN_LETTERS:
        return None
    import py3langid  # loads its model (about 0.3 s) on first use

    lang, _score = py3langid.classify(sample)
    return str(lang)


@lru_cache(maxsize=32)
def stopwords_for(language: str | None) -> frozenset[str]:
    """Lower-case stopwords of a language (English when unknown), from jusText."""
    import justext

    name = _STOPLIST_NAMES.get(language or "en", "English")
    try:
        return frozenset(w.lower() for w in justext.get_stoplist(name))
    except ValueError:
        return frozenset(w.lower() for w in justext.get_stoplist("English"))
