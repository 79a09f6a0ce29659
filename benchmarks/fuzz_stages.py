"""Fuzz the clean, quotes, claims and cluster stages; print JSON figures.

    python benchmarks/fuzz_stages.py [--cases 10000] [--stages clean,quotes,...]
    python benchmarks/fuzz_stages.py --engine atheris --cases 10000 --stages clean

A stage may reject input only with StageError or SchemaError; any other exception
is a bug and is reported with the (truncated) input that raised it. Hypothesis
generates structured articles (sentences with quote marks, cue verbs, names,
numbers and hostile tokens: control and zero-width characters, unmatched quotes,
long words, HTML fragments); atheris, when installed, mutates raw bytes into the
RawArticle fields. The exit status is 1 when any stage raised a non-project
exception.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.errors import SchemaError, StageError
from streams.pipeline import passthrough_clean
from streams.records import (
    CleanedArticle,
    Cue,
    Quote,
    RawArticle,
    Speaker,
    SpeakerClaims,
)
from streams.settings import Settings
from streams.stages import STAGES

HANDLED = (StageError, SchemaError)

WORDS = (
    "the minister said that budget will pass on Monday reporters told according to "
    "Patel Iran Russia drones officials percent million he she they it was is "
    "stressed added claimed warned U.S. Dr. Mr. Jan. No. e.g. 2023 400 3.5"
).split()
HOSTILE = [
    '"', "“", "”", "‘", "’", "«", "»", "'", "''", '""', "—", "–", "-", ":", ";",
    "\x00", "\x07", "\x1b", "\r", "\t", "\u200b", "\u202e", "\ufeff", "\u2028",
    "\u00a0", "\ud7ff", "\U0001f600", "<p>", "</p>", "<div>", "<script>", "&amp;",
    "&#x0;", "x" * 300, "." * 50, "\n\n", "\n", "...", "?!", "(", ")", "[", "]",
]  # fmt: skip
NAMES = ["Vedant Patel", "Patel", "Maria Novak", "Novak", "He", "She", "", "O'Neil"]

tokens = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(HOSTILE),
    st.sampled_from(NAMES),
    st.text(max_size=12),
)
texts = st.one_of(
    st.lists(tokens, max_size=120).map(" ".join),
    st.lists(tokens, max_size=60).map("".join),
    st.text(max_size=400),
)
maybe_text = st.none() | texts
times = st.none() | st.datetimes(
    min_value=datetime(1990, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
    max_value=datetime(2040, 1, 1),  # noqa: DTZ001 - zone set by timezones=
    timezones=st.just(UTC),
)


def _article(article_id: str, text: str, title: str | None, when: datetime | None):
    return CleanedArticle(
        article_id=article_id,
        text=text,
        paragraphs=tuple(p for p in text.split("\n\n") if p.strip()),
        title=title,
        published_at=when,
        source="fuzz",
        language="en",
    )


class Run:
    """Counts cases and keeps the non-project exceptions of one stage."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cases = 0
        self.rejected = 0
        self.errors: list[dict[str, str]] = []
        self.error_count = 0
        self.slowest = 0.0

    def call(self, fn: Callable[[], Any], shown: Any) -> None:
        """Run one case; a project error counts as handled."""
        self.cases += 1
        started = time.perf_counter()
        try:
            fn()
        except HANDLED:
            self.rejected += 1
        except Exception as exc:  # the bugs we look for
            self.error_count += 1
            if len(self.errors) < 5:
                self.errors.append(
                    {
                        "error": f"{type(exc).__name__}: {exc}"[:300],
                        "input": repr(shown)[:400],
                        "where": traceback.format_exc(limit=-3)[-600:],
                    }
                )
        self.slowest = max(self.slowest, time.perf_counter() - started)

    def result(self, seconds: float) -> dict[str, Any]:
        """JSON figures."""
        return {
            "cases": self.cases,
            "rejected_with_stage_error": self.rejected,
            "exceptions": self.error_count,
            "examples": self.errors,
            "seconds": round(seconds, 1),
            "slowest_case_s": round(self.slowest, 3),
        }


def _hypothesis(cases: int, body: Callable[..., None], *strategies: Any) -> None:
    runner = settings(
        max_examples=cases,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )(given(*strategies)(body))
    runner()


def fuzz_clean(cases: int, run: Run, cfg: Settings) -> None:
    cleaner = STAGES["clean"](cfg)
    memory = cleaner.new_memory()
    fields = st.fixed_dictionaries(
        {},
        optional={
            "id": st.text(max_size=20),
            "source": st.sampled_from(["a", "b", ""]) | st.text(max_size=8),
            "title": maybe_text,
            "text": texts,
            "html": texts.map(lambda t: f"<html><body><p>{t}</p></body></html>")
            | texts,
            "published_at": st.none()
            | st.sampled_from(["2023-07-26", "2023-07-26T10:00:00Z", "bad", ""]),
            "language": st.none() | st.sampled_from(["en", "ru", "xx", ""]),
        },
    )

    def body(data: dict[str, Any]) -> None:
        def go() -> None:
            raw = RawArticle.from_dict(data)
            cleaner(raw, memory)

        run.call(go, data)

    _hypothesis(cases, body, fields)


def fuzz_quotes(cases: int, run: Run, cfg: Settings) -> None:
    extractor = STAGES["quotes"](cfg)

    def body(text: str, title: str | None) -> None:
        def go() -> None:
            article = passthrough_clean(RawArticle(id="q", text=text, title=title))
            for quote in extractor(article):
                if article.text[quote.start : quote.end] != quote.text:
                    raise AssertionError(f"offsets do not match {quote.quote_id}")

        run.call(go, text)

    _hypothesis(cases, body, texts, maybe_text)


def fuzz_claims(cases: int, run: Run, cfg: Settings) -> None:
    tracker = STAGES["claims"](cfg)
    state: dict[str, SpeakerClaims | None] = {}
    speakers = st.builds(
        Speaker,
        name=st.none() | st.sampled_from(NAMES) | st.text(max_size=30),
        mention=st.none() | st.sampled_from(NAMES),
        role=st.none() | st.sampled_from(["Spokesperson", "minister", ""]),
        organization=st.none() | st.text(max_size=20),
        resolved_by=st.sampled_from(["explicit", "pronoun", "alias", "unresolved"]),
    )
    quotes = st.builds(
        Quote,
        quote_id=st.text(min_size=1, max_size=10),
        article_id=st.sampled_from(["a1", "a2", "a3"]),
        kind=st.sampled_from(["direct", "indirect", "according_to", "mixed", "?"]),
        text=texts,
        start=st.integers(0, 10),
        end=st.integers(0, 10),
        cue=st.none() | st.just(Cue("said", 0, 4)),
        speaker=speakers,
    )
    refs = st.fixed_dictionaries(
        {
            "article_id": st.sampled_from(["a1", "a2", "a3", ""]),
            "source": st.none() | st.text(max_size=10),
            "url": st.none() | st.text(max_size=10),
            "published_at": st.none()
            | st.sampled_from(["2023-07-26T10:00:00Z", "garbage", ""]),
        }
    )

    def body(quote: Quote, ref: dict[str, Any], expire: bool) -> None:
        def go() -> None:
            key = tracker.speaker_key(quote)
            if key is None:
                return
            current = tracker.add(state.get(key), quote, ref)
            SpeakerClaims.from_dict(current.to_dict())
            if expire:
                current = tracker.expire(
                    current, datetime.now(UTC) + timedelta(days=60)
                )
            state[key] = current

        run.call(go, (quote, ref))

    _hypothesis(cases, body, quotes, refs, st.booleans())


def fuzz_cluster(cases: int, run: Run, cfg: Settings) -> None:
    holder = {"c": STAGES["cluster"](cfg)}
    table: dict[str, Any] = {}  # the worker's story_clusters table

    def body(
        article_id: str, text: str, title: str | None, when: Any, rt: bool
    ) -> None:
        def go() -> None:
            clusterer = holder["c"]
            try:
                clusterer(_article(article_id, text, title, when))
            finally:
                for cid, value in clusterer.drain_changes().items():
                    if value is None:
                        table.pop(cid, None)
                    else:
                        table[cid] = value
            if rt:  # a restart: rebuild from the table mirror, as the worker does
                fresh = STAGES["cluster"](cfg)
                for cid, value in table.items():
                    fresh.load_cluster(cid, value)
                holder["c"] = fresh

        run.call(go, (article_id, text, title, when))

    _hypothesis(
        cases,
        body,
        st.text(min_size=1, max_size=12) | st.just(""),
        texts,
        maybe_text,
        times,
        st.integers(0, 49).map(lambda i: i == 0),
    )


FUZZERS = {
    "clean": fuzz_clean,
    "quotes": fuzz_quotes,
    "claims": fuzz_claims,
    "cluster": fuzz_cluster,
}


def run_atheris(cases: int, stage: str, cfg: Settings) -> dict[str, Any]:
    """Coverage-guided byte mutation of RawArticle fields through clean (+quotes)."""
    import atheris  # optional: pip install atheris

    cleaner = STAGES["clean"](cfg)
    extractor = STAGES["quotes"](cfg) if stage == "quotes" else None
    run = Run(f"atheris-{stage}")

    def one(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        as_html = fdp.ConsumeBool()
        text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())

        def go() -> None:
            raw = (
                RawArticle(id="f", html=text)
                if as_html
                else RawArticle(id="f", text=text)
            )
            cleaned = cleaner(raw, cleaner.new_memory())
            if extractor is not None:
                extractor(cleaned)

        run.call(go, text)
        if run.cases == cases:
            # libFuzzer ends the process with exit() after the last run, before
            # control returns here: report now.
            out = {
                "engine": "atheris",
                stage: run.result(time.perf_counter() - started),
            }
            print(json.dumps(out, indent=1), flush=True)

    started = time.perf_counter()
    atheris.instrument_all()  # coverage feedback over every loaded module
    artifacts = tempfile.mkdtemp(prefix="fuzz-artifacts-")  # slow/crash inputs
    argv = [sys.argv[0], f"-runs={cases}", "-max_len=4096"]
    atheris.Setup([*argv, f"-artifact_prefix={artifacts}/"], one)
    try:
        atheris.Fuzz()
    except SystemExit:
        pass
    return run.result(time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--stages", default=",".join(FUZZERS))
    parser.add_argument(
        "--engine", choices=["hypothesis", "atheris"], default="hypothesis"
    )
    args = parser.parse_args()
    cfg = Settings()
    results: dict[str, Any] = {"engine": args.engine, "cases_per_stage": args.cases}
    for stage in args.stages.split(","):
        started = time.perf_counter()
        if args.engine == "atheris":
            results[stage] = run_atheris(args.cases, stage, cfg)
        else:
            run = Run(stage)
            FUZZERS[stage](args.cases, run, cfg)
            results[stage] = run.result(time.perf_counter() - started)
        print(json.dumps({stage: results[stage]}), file=sys.stderr, flush=True)
    results["total_exceptions"] = sum(
        r["exceptions"] for k, r in results.items() if isinstance(r, dict)
    )
    print(json.dumps(results, indent=1))
    return 1 if results["total_exceptions"] else 0


if __name__ == "__main__":
    sys.exit(main())
