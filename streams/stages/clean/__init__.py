"""Cleaning stage: RawArticle -> CleanedArticle (see ``cleaner``).

Reads RawArticle ``text`` or ``html`` with its metadata; writes the clean body as
paragraphs, with title, byline, dateline, language and every removed line with its
reason.

Modules, in the order an article passes through them: ``cleaner`` (the public entry
points; HTML goes through trafilatura, text is split into normalised lines),
``language`` (language and stoplist), ``boilerplate`` (a reason per line from the
rules of ``patterns`` and the per-outlet ``OutletMemory``), ``line_model`` (the
learned line classifier with smoothing, over ``data/line_model.json``) and
``dateline`` (strip and parse the dateline of the first paragraph).
"""

from __future__ import annotations

from streams.stages.clean.cleaner import (
    CleanConfig,
    Cleaner,
    OutletMemory,
    clean_article,
)

__all__ = ["CleanConfig", "Cleaner", "OutletMemory", "clean_article"]
