"""Quote extraction stage: CleanedArticle -> [Quote] (first version)."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

from streams.records import CleanedArticle, Quote, Speaker

__all__ = ["QuoteConfig", "QuoteExtractor", "extract_quotes"]

logger = logging.getLogger(__name__)

_DIRECT = re.compile(r"[\"“«]([^\"“”«»\n]{3,2000})[\"”»]")


@dataclass(frozen=True, slots=True)
class QuoteConfig:
    """Quote extraction settings."""

    min_words: int = 3  # shorter quoted spans are scare quotes or titles


def extract_quotes(
    article: CleanedArticle, cfg: QuoteConfig = QuoteConfig()
) -> list[Quote]:
    """Find direct quotes in an article body.

    Reads `text`. Returns new Quote records.
    """
    quotes: list[Quote] = []
    for m in _DIRECT.finditer(article.text):
        content = m.group(1)
        if len(content.split()) < cfg.min_words:
            continue
        start, end = m.start(1), m.end(1)
        qid = hashlib.sha1(f"{article.article_id}:{start}:{end}".encode()).hexdigest()[
            :16
        ]  # noqa: S324 - an id, not security
        quotes.append(
            Quote(
                quote_id=qid,
                article_id=article.article_id,
                kind="direct",
                text=content,
                start=start,
                end=end,
                speaker=Speaker(name=None),
                confidence=0.5,
            )
        )
    return quotes


class QuoteExtractor:
    """The quote stage with its config bound."""

    def __init__(self, cfg: QuoteConfig = QuoteConfig()) -> None:
        self.cfg = cfg

    def __call__(self, article: CleanedArticle) -> list[Quote]:
        """Extract quotes from one article."""
        return extract_quotes(article, self.cfg)

    def batch(self, articles: list[CleanedArticle]) -> list[list[Quote]]:
        """Extract quotes from several articles."""
        return [self(a) for a in articles]
