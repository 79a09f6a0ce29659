"""Contents: what was said, without the reporting clause."""

from streams.records import CleanedArticle
from streams.stages.quotes import extract_quotes


def test_a_closing_reporting_clause_is_not_part_of_the_content() -> None:
    text = (
        "The State Department said on Tuesday Iran remains Russia's main backer, "
        "and the partnership is only deepening, TURAN's Washington correspondent "
        "reports."
    )
    quotes = extract_quotes(CleanedArticle(article_id="t", text=text))
    said = next(q for q in quotes if q.cue and q.cue.text == "said")
    assert said.text.endswith("is only deepening")
    assert "correspondent" not in said.text
