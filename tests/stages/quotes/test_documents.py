"""Documents speak for their issuer, named with them or before."""

from __future__ import annotations

from streams.records import CleanedArticle
from streams.stages.quotes import extract_quotes


def _quotes(text: str) -> list:
    return extract_quotes(CleanedArticle(article_id="s", text=text))


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker.name, q.speaker.resolved_by) for q in _quotes(text)]


def test_a_document_named_again_speaks_for_its_earlier_issuer() -> None:
    text = (
        "A report released by the US Senate Intelligence Committee concluded that "
        "the CIA misinformed the White House. The report also revealed that "
        "officials were told late.\n\n"
        'Samsung said in a statement that it had engaged a firm. "We will enhance '
        'security," the statement said.\n\n'
        "A statement said the club was sold."
    )
    assert _speakers(text) == [
        ("US Senate Intelligence Committee", "explicit"),
        ("US Senate Intelligence Committee", "title"),
        ("Samsung", "explicit"),
        ("Samsung", "title"),
        (None, "unresolved"),
    ]
