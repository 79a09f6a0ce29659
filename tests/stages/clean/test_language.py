"""Language identification of clean text and the stopword lists per language."""

from __future__ import annotations

import pytest

from streams.stages.clean.language import detect_language, stopwords_for


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "The committee will meet on Tuesday to discuss the budget for next year.",
            "en",
        ),
        (
            "Der Ausschuss wird am Dienstag zusammentreten und den Haushalt beraten.",
            "de",
        ),
        (
            "Le comité se réunira mardi pour discuter du budget de l'année prochaine.",
            "fr",
        ),
    ],
)
def test_detect_language_gives_the_iso_code(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text", ["", "Hi there", "12345 67890 !!! ?? 2023-07-26 12:00", "a" * 19]
)
def test_too_few_letters_give_no_language(text: str) -> None:
    assert detect_language(text) is None


def test_only_the_start_of_a_long_text_is_read() -> None:
    english = "The committee will meet on Tuesday to discuss the budget. " * 6
    german = "Der Ausschuss wird am Dienstag den Haushalt beraten. " * 20
    assert len(english) >= 300
    assert detect_language(english + german) == "en"


def test_stopwords_by_language_lower_case() -> None:
    english, german = stopwords_for("en"), stopwords_for("de")
    assert {"the", "and", "of"} <= english
    assert {"und", "der", "nicht"} <= german
    assert "und" not in english
    assert all(word == word.lower() for word in german)


@pytest.mark.parametrize("language", [None, "xx", "tl"])
def test_unknown_language_falls_back_to_english_stopwords(
    language: str | None,
) -> None:
    assert stopwords_for(language) == stopwords_for("en")
