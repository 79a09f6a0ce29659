"""Hostile ``articles.raw`` messages: each must give a valid record or a dead letter.

Every case is (name, message bytes, allowed outcomes). An outcome is ``"ok"`` (the
article reaches ``articles.clusters``) or a dead-letter reason code. Sizes are
relative to the default ``STREAMS_MAX_ARTICLE_BYTES`` (2 MiB).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

__all__ = ["CASES", "HostileCase", "article"]

MIB = 1024 * 1024
_SENTENCE = (
    "The finance minister said on Monday that the budget would pass parliament "
    'before the summer recess. "We have the votes," the minister told reporters.'
)


def article(case_id: str, **fields: Any) -> bytes:
    """A RawArticle JSON message whose source is its id (dead letters keep the key)."""
    return orjson.dumps({"id": case_id, "source": case_id, **fields})


@dataclass(frozen=True, slots=True)
class HostileCase:
    """One hostile message and the outcomes that count as handled."""

    name: str
    payload: bytes
    outcomes: frozenset[str]
    article_id: str  # the key of its output records when it goes through

    @property
    def key(self) -> bytes:
        """The message key it is produced with."""
        return self.name.encode()


def _case(
    name: str, payload: bytes, *outcomes: str, article_id: str = ""
) -> HostileCase:
    return HostileCase(name, payload, frozenset(outcomes), article_id or name)


def _cases() -> list[HostileCase]:
    deep = "<div>" * 100_000 + _SENTENCE + "</div>" * 100_000
    many_tags = "<html><body><p>" + "<b>x</b>" * 240_000 + "</p></body></html>"
    tags_above_limit = "<i>" * 1_000_000  # a million tags, 3 MB
    quote_flood = '"' * 500_000
    curly_flood = "“ ”" * 200_000 + " he said."
    mixed_quotes = ('"' + "word " * 3 + "“") * 60_000
    long_line = "a" * 1_500_000
    long_word_sentence = _SENTENCE + " " + "x" * 300_000 + " " + _SENTENCE
    controls = "".join(chr(c) for c in range(32)) * 2000 + _SENTENCE
    bidi = "\u202e\u200b\ufeff\u2028\u2029" * 20_000 + _SENTENCE
    lone_surrogate = b'{"id": "lone-surrogate", "source": "lone-surrogate", '
    lone_surrogate += b'"text": "bad \\ud800 half ' + _SENTENCE.encode() + b'"}'
    return [
        _case("invalid-utf8", b"\xff\xfe\x00 not utf-8 \xc3\x28", "bad_json"),
        _case("truncated-json", b'{"id": "truncated", "text": "abc', "bad_json"),
        _case("json-array", b"[1, 2, 3]", "not_an_object"),
        _case("json-string", b'"just a string"', "not_an_object"),
        _case("json-null", b"null", "not_an_object"),
        _case("json-number", b"42", "not_an_object"),
        _case("empty-message", b"", "bad_json", "not_bytes"),
        _case(
            "wrong-types",
            article("wrong-types", text=42, title=["x"]),
            "schema_violation",
        ),
        _case("text-object", article("text-object", text={"a": 1}), "schema_violation"),
        _case(
            "id-number",
            orjson.dumps({"id": 7, "source": "id-number", "text": _SENTENCE}),
            "schema_violation",
            "ok",
            article_id="7",
        ),
        _case(
            "empty-body",
            article("empty-body", text=""),
            "empty_body",
            "schema_violation",
        ),
        _case(
            "whitespace-body",
            article("whitespace-body", text=" \n\t\u00a0\u3000 " * 50),
            "empty_body",
        ),
        _case(
            "no-body",
            article("no-body", title="only a title"),
            "empty_body",
            "schema_violation",
        ),
        _case(
            "above-article-limit",
            article("above-article-limit", text="word " * (3 * MIB // 5)),
            "too_large",
        ),
        _case(
            "html-deep-nesting",
            article("html-deep-nesting", html=deep),
            "ok",
            "no_text",
            "empty_body",
            "too_deep",
        ),
        _case(
            "html-many-tags",
            article("html-many-tags", html=many_tags),
            "ok",
            "no_text",
            "empty_body",
        ),
        _case(
            "html-million-tags",
            article("html-million-tags", html=tags_above_limit),
            "too_large",
        ),
        _case(
            "quote-flood",
            article("quote-flood", text=quote_flood),
            "ok",
            "no_text",
            "empty_body",
        ),
        _case(
            "curly-quote-flood",
            article("curly-quote-flood", text=curly_flood),
            "ok",
            "no_text",
            "empty_body",
        ),
        _case(
            "mixed-quote-flood",
            article("mixed-quote-flood", text=mixed_quotes),
            "ok",
            "no_text",
            "too_long",
        ),
        _case(
            "long-line",
            article("long-line", text=long_line),
            "ok",
            "no_text",
            "too_long",
        ),
        _case(
            "long-word", article("long-word", text=long_word_sentence), "ok", "too_long"
        ),
        _case(
            "control-chars", article("control-chars", text=controls), "ok", "no_text"
        ),
        _case(
            "bidi-zero-width",
            article("bidi-zero-width", text=bidi),
            "ok",
            # The cleaner drops the whole body, sentence included (a known loss).
            "empty_body",
        ),
        _case("lone-surrogate", lone_surrogate, "bad_json", "ok"),
        _case(
            "nul-in-html",
            article("nul-in-html", html="<p>\x00" + _SENTENCE + "\x00</p>"),
            "ok",
            # The HTML parser stops at NUL, so the body is lost (a known loss).
            "empty_body",
        ),
    ]


CASES: list[HostileCase] = _cases()
