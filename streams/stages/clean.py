"""Cleaning stage: RawArticle -> CleanedArticle (first version; see issue on cleaning)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from streams.errors import StageError
from streams.records import CleanedArticle, RawArticle, Removed

__all__ = ["CleanConfig", "Cleaner", "clean_article"]

logger = logging.getLogger(__name__)

_TERMINAL = re.compile(r"[.!?\"'”’»:)]\s*$")


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Cleaning settings."""

    max_bytes: int = 2 * 1024 * 1024
    min_words: int = 6  # lines shorter than this without end punctuation are dropped


def clean_article(raw: RawArticle, cfg: CleanConfig = CleanConfig()) -> CleanedArticle:
    """Turn a raw article into clean paragraphs.

    Reads `text` or `html` and the metadata fields. Writes CleanedArticle.
    """
    body = raw.text if raw.text is not None else raw.html
    if body is None or not body.strip():
        raise StageError("clean", "empty_body")
    if len(body.encode("utf-8", "surrogatepass")) > cfg.max_bytes:
        raise StageError("clean", "too_large", f"> {cfg.max_bytes} bytes")
    if raw.text is None and raw.html is not None:
        import trafilatura

        body = trafilatura.extract(raw.html) or ""
    kept: list[str] = []
    removed: list[Removed] = []
    for line in (ln.strip() for ln in body.splitlines()):
        if not line:
            continue
        if len(line.split()) < cfg.min_words and not _TERMINAL.search(line):
            removed.append(Removed(line, "short_line"))
        else:
            kept.append(line)
    if not kept:
        raise StageError("clean", "empty_body", "no content lines")
    return CleanedArticle(
        article_id=raw.article_id,
        text="\n\n".join(kept),
        paragraphs=tuple(kept),
        source=raw.source,
        url=raw.url,
        title=raw.title,
        published_at=raw.published_at,
        language=raw.language or "en",
        removed=tuple(removed),
    )


class Cleaner:
    """The cleaning stage with its config bound."""

    def __init__(self, cfg: CleanConfig = CleanConfig()) -> None:
        self.cfg = cfg

    def __call__(self, raw: RawArticle) -> CleanedArticle:
        """Clean one article."""
        return clean_article(raw, self.cfg)

    def batch(self, raws: list[RawArticle]) -> list[CleanedArticle]:
        """Clean several articles."""
        return [self(r) for r in raws]
