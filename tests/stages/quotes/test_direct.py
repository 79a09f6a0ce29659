"""Direct quotes attributed without a cue in their sentence."""

from __future__ import annotations

from streams.records import CleanedArticle, Quote, Speaker
from streams.stages.quotes import extract_quotes
from streams.stages.quotes.direct import without_nested


def _quotes(text: str) -> list[Quote]:
    return extract_quotes(CleanedArticle(article_id="d", text=text))


def test_a_signature_after_a_dash_names_the_speaker() -> None:
    (q,) = _quotes('"Stay curious and keep reading every day." ― Pamela Padilla')
    assert q.kind == "direct"
    assert q.speaker.name == "Pamela Padilla"


def test_a_quote_paragraph_inherits_the_attribution_before_it() -> None:
    text = (
        "Chief executive Ed Sims said that most staff left voluntarily.\n\n"
        '"It is through their sacrifices that we can preserve the airline."'
    )
    direct = [q for q in _quotes(text) if q.kind == "direct"]
    assert [q.speaker.name for q in direct] == ["Ed Sims"]
    assert direct[0].confidence == 0.6  # inherited, less sure than stated


def _quote(kind: str, start: int, end: int) -> Quote:
    return Quote(
        quote_id=f"{kind}{start}",
        article_id="d",
        kind=kind,
        text="x",
        start=start,
        end=end,
        cue=None,
        speaker=Speaker(None),
        confidence=0.5,
    )


def test_without_nested_drops_direct_quotes_inside_a_content() -> None:
    quotes = [
        _quote("mixed", 0, 100),
        _quote("direct", 40, 60),
        _quote("direct", 90, 120),
        _quote("direct", 130, 150),
    ]
    kept = [(q.kind, q.start) for q in without_nested(quotes)]
    assert kept == [("mixed", 0), ("direct", 90), ("direct", 130)]


def test_a_quote_named_as_someones_assessment_is_theirs() -> None:
    text = (
        "West Indies captain Jason Holder said the side had not performed.\n\n"
        "“We let ourselves down significantly,” was Holder’s withering assessment "
        "of his side’s campaign.\n\n"
        "“I don’t think we seized the crucial moments in this tournament."
        "\n\n“And in terms of our batting it was just too inconsistent.”"
    )
    names = [q.speaker.name for q in _quotes(text) if q.kind == "direct"]
    assert names == ["Jason Holder"] * 3
