"""Quote and attribution extraction stage: CleanedArticle -> [Quote].

Reads ``article_id`` and ``text`` of a CleanedArticle; writes Quote records
(quote_id, article_id, kind, text, start, end, cue, speaker, confidence) whose
offsets always satisfy ``article.text[start:end] == quote.text``.

Quote marks are paired by a scanner (no library pairs curly, straight, German and
French marks across paragraphs); titles and markup values in marks are set aside.
The quoted contents are then masked by a short placeholder and only the sentences
that hold a quote, a cue word (not after a determiner) or end in a colon are
parsed by spaCy, in batches with ``nlp.pipe`` and without its entity recognizer,
which runs on the proper-noun phrases that may name a speaker only
(``entities.py``). Masking keeps long quotes out of the parser, which is where
the time goes.

Besides quotes with a cue, the stage attributes: quotes in the paragraph after
'X said:', 'Speaker: "..."' and '"...," – Name' forms, quoted phrases inside a
cued sentence that no content clause covers, indirect speech and stance cues
(PolNeAR's wider notion of attribution: "Cruz is praising Bush as ..."), and
"according to" sources. An indirect content that holds a quote is "mixed".

Modules, in the order an article passes through them: ``marks`` (pair quote
marks), ``units`` (sentences to parse, quotes masked), ``cues`` (attribution words
and their class), ``contents`` (what was said), ``subjects`` (who says it, from the
parse), ``resolution`` and ``mentions`` (the speaker's canonical name), ``article``
(one article's state, emitting Quotes) and ``extractor`` (the public entry points).
"""

from __future__ import annotations

from streams.stages.quotes.config import QuoteConfig
from streams.stages.quotes.extractor import QuoteExtractor, extract_quotes

__all__ = ["QuoteConfig", "QuoteExtractor", "extract_quotes"]
