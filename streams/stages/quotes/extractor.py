"""The quote stage's public entry points: ``extract_quotes`` and ``QuoteExtractor``."""

from __future__ import annotations

import logging
from typing import Any

from streams.errors import StageError
from streams.records import CleanedArticle, Quote
from streams.stages.common.nlp import get_nlp
from streams.stages.quotes.article import ArticleQuotes
from streams.stages.quotes.config import QuoteConfig
from streams.stages.quotes.entities import tag_mentions

logger = logging.getLogger(__name__)


def _check(article: Any) -> CleanedArticle:
    if not isinstance(article, CleanedArticle) or not isinstance(article.text, str):
        raise StageError("quotes", "bad_input", type(article).__name__)
    return article


def extract_quotes(
    article: CleanedArticle, cfg: QuoteConfig | None = None
) -> list[Quote]:
    """Find direct quotes, indirect speech and "according to" attributions.

    Reads ``article_id`` and ``text``. Returns new Quote records in text order.

    Raises:
        StageError: the input is not a CleanedArticle.
    """
    return QuoteExtractor(cfg or QuoteConfig()).batch([article])[0]


class QuoteExtractor:
    """The quote stage with its config bound; parses batches with ``nlp.pipe``.

    Args:
        cfg: extraction settings.
    """

    def __init__(self, cfg: QuoteConfig | None = None) -> None:
        self.cfg = cfg or QuoteConfig()

    def __call__(self, article: CleanedArticle) -> list[Quote]:
        """Extract quotes from one article."""
        return self.batch([article])[0]

    def parsed_sentences(self, article: CleanedArticle) -> list[str]:
        """The masked sentences of an article that the stage hands to the parser."""
        return [u.text for u in ArticleQuotes(_check(article), self.cfg).units]

    def batch(self, articles: list[CleanedArticle]) -> list[list[Quote]]:
        """Extract quotes from several articles, parsing all their sentences at once.

        Raises:
            StageError: an item is not a CleanedArticle.
        """
        states = [ArticleQuotes(_check(a), self.cfg) for a in articles]
        units = [u for st in states for u in st.units]
        if units:
            nlp = get_nlp()
            docs = nlp.pipe(
                (u.text for u in units),
                batch_size=self.cfg.batch_size,
                disable=["ner"],
            )
            for unit, doc in zip(units, docs, strict=True):
                unit.doc = doc
            tag_mentions((u.doc for u in units), nlp, self.cfg.batch_size)
        return [st.run() for st in states]
