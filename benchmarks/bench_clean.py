"""Accuracy and speed of the cleaning stage on the article-extraction benchmark.

Prints one JSON object: the HTML shingle F1 (trafilatura path), the plain-text line
precision/recall/F1 and kept-text shingle F1, and pages/s for both paths, on the dev
half (ids sorted, even index: used for tuning), the test half (odd index) and all.

Plain-text variant (benchmark README): each page's full visible text from html-text
(``guess_layout=True``: one line per block element, navigation and teasers
included); a line is content when most of its 4-token shingles occur in the gold
body (a repeated line only as often as the gold repeats it). Lines of fewer than 4
tokens have no shingle: they are content when they equal a whole gold line (token
for token), at most as often as the gold has that line and only near the long
content lines (menus repeat headings). Computed on the fly; nothing is written.
With the HTML path, ``html_line`` scores its output on the same lines (a line
counts as kept when the same rule labels it content against that output): the
line task's figure for extraction with the markup.

    python benchmarks/bench_clean.py [--data DIR] [--no-html] [--errors N]

DIR defaults to $STREAMS_AEB_DIR or ../shared/data/article-extraction-benchmark.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import orjson

from streams.errors import StageError
from streams.records import RawArticle
from streams.stages.clean import CleanConfig, Cleaner, OutletMemory

_TOKEN = re.compile(r"\w+")
_DEFAULT_DIR = (
    Path(__file__).resolve().parents[2] / "shared/data/article-extraction-benchmark"
)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_counts(gold: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) for one page, as the benchmark scores it."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 1.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def shingle_f1(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Benchmark score: P and R averaged over pages, F1 of the averages."""
    precs, recs = [], []
    for gold, pred in pairs:
        tp, fp, fn = page_counts(gold, pred)
        precs.append(tp / (tp + fp) if tp + fp else 0.0)
        recs.append(tp / (tp + fn) if tp + fn else 0.0)
    p = sum(precs) / len(precs)
    r = sum(recs) / len(recs)
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4),
    }


def load(data_dir: Path) -> list[dict[str, Any]]:
    gold = orjson.loads((data_dir / "ground-truth.json").read_bytes())
    pages = []
    for page_id in sorted(gold):
        html = gzip.decompress((data_dir / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(
            {
                "id": page_id,
                "url": gold[page_id].get("url"),
                "gold": gold[page_id]["articleBody"],
                "html": html.decode("utf-8", "replace"),
            }
        )
    return pages


def label_lines(visible: str, gold: str) -> list[tuple[str, bool]]:
    """Split visible text into non-empty lines labelled content/boilerplate.

    A line of 4 or more tokens is content when most of its shingles are in the gold
    body, and no more copies of it than the gold has are content. A shorter line is
    content when it equals a whole gold line, lies within 3 lines of the span of
    long content lines, and that gold line has not been used up (menus repeat short
    headings such as the article's section or title).
    """
    gold_sh = shingles(gold)
    gold_text = " ".join(tokens(gold))
    repeats: Counter[str] = Counter()
    short_gold = Counter(
        " ".join(tokens(line)) for line in gold.splitlines() if line.strip()
    )
    lines = [line for line in visible.splitlines() if line.strip()]
    labels: list[bool | None] = []
    for line in lines:
        sh = shingles(line)
        if sh:
            hit = sum(min(c, gold_sh[s]) for s, c in sh.items())
            content = hit > 0.5 * sum(sh.values())
            if content:
                key = " ".join(tokens(line))
                repeats[key] += 1
                # A paragraph the page repeats more often than the gold has it
                # (a teaser of the lede, a pull quote): the first copies count.
                content = repeats[key] == 1 or gold_text.count(key) >= repeats[key]
            labels.append(content)
        else:
            labels.append(None)
    long_hits = [i for i, lab in enumerate(labels) if lab]
    lo = long_hits[0] - 3 if long_hits else 0
    hi = long_hits[-1] + 3 if long_hits else len(lines)
    out = []
    for i, (line, lab) in enumerate(zip(lines, labels, strict=True)):
        if lab is None:
            key = " ".join(tokens(line))
            lab = bool(key) and lo <= i <= hi and short_gold[key] > 0
            if lab:
                short_gold[key] -= 1
        out.append((line, lab))
    return out


def plain_text(html: str) -> str:
    import html_text

    return html_text.extract_text(html, guess_layout=True)


def line_scores(
    labelled: list[list[tuple[str, bool]]], kept: list[set[str]]
) -> dict[str, float]:
    """Micro-averaged line P/R/F1 (a line is kept when its stripped text is kept).

    Also the median of the per-page line F1 (pages with content lines) and the
    share of all wrong lines (kept furniture plus dropped body) that the five
    worst pages hold: a page of several hundred list or table lines weighs as
    much in the micro average as dozens of articles.
    """
    tp = fp = fn = 0
    page_f1, wrong = [], []
    for lines, keep in zip(labelled, kept, strict=True):
        ptp = pfp = pfn = 0
        for line, content in lines:
            k = line.strip() in keep
            ptp += k and content
            pfp += k and not content
            pfn += (not k) and content
        tp, fp, fn = tp + ptp, fp + pfp, fn + pfn
        wrong.append(pfp + pfn)
        if ptp + pfn:
            page_f1.append(2 * ptp / (2 * ptp + pfp + pfn))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "page_median_f1": round(float(statistics.median(page_f1)), 4)
        if page_f1
        else 0.0,
        "worst5_error_share": round(sum(sorted(wrong)[-5:]) / max(sum(wrong), 1), 3),
    }


def kept_set(text: str) -> set[str]:
    return {p.strip() for p in text.split("\n\n")}


def _text_or_empty(
    cleaner: Cleaner, raw: RawArticle, memory: OutletMemory | None
) -> str:
    try:
        return cleaner(raw, memory).text
    except StageError:  # nothing left: scored as an empty prediction
        return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data",
        type=Path,
        default=Path(os.environ.get("STREAMS_AEB_DIR", _DEFAULT_DIR)),
    )
    ap.add_argument(
        "--no-html", action="store_true", help="skip the (slower) HTML path"
    )
    ap.add_argument(
        "--errors", type=int, default=0, help="print N worst plain-text pages"
    )
    args = ap.parse_args(argv)

    pages = load(args.data)
    for p in pages:
        p["text"] = plain_text(p["html"])
        p["lines"] = label_lines(p["text"], p["gold"])
    splits = {"dev": pages[0::2], "test": pages[1::2], "all": pages}
    cleaner = Cleaner(CleanConfig())

    def run_text(subset: list[dict[str, Any]]) -> tuple[list[str], float]:
        out, t0 = [], time.perf_counter()
        for p in subset:
            raw = RawArticle(id=p["id"], url=p["url"], source=p["url"], text=p["text"])
            out.append(_text_or_empty(cleaner, raw, OutletMemory()))
        return out, time.perf_counter() - t0

    def run_html(subset: list[dict[str, Any]]) -> tuple[list[str], float]:
        out, t0 = [], time.perf_counter()
        for p in subset:
            raw = RawArticle(id=p["id"], url=p["url"], html=p["html"])
            out.append(_text_or_empty(cleaner, raw, None))
        return out, time.perf_counter() - t0

    text_out, text_s = run_text(pages)
    by_id = dict(zip((p["id"] for p in pages), text_out, strict=True))
    html_by_id: dict[str, str] = {}
    html_kept: dict[str, set[str]] = {}
    html_s = 0.0
    if not args.no_html:
        html_out, html_s = run_html(pages)
        html_by_id = dict(zip((p["id"] for p in pages), html_out, strict=True))
        # The HTML path's output projected onto the plain-text lines, by the same
        # rule that labels them from the gold body: what extraction with the
        # markup scores on the line task the plain-text path is measured on.
        html_kept = {
            p["id"]: {
                line.strip()
                for line, kept in label_lines(p["text"], html_by_id[p["id"]])
                if kept
            }
            for p in pages
        }

    result: dict[str, Any] = {"pages": len(pages)}
    for name, subset in splits.items():
        preds = [by_id[p["id"]] for p in subset]
        fig: dict[str, Any] = {
            "plain_line": line_scores(
                [p["lines"] for p in subset], [kept_set(t) for t in preds]
            ),
            "plain_shingle": shingle_f1(
                [(p["gold"], t) for p, t in zip(subset, preds, strict=True)]
            ),
        }
        if html_by_id:
            fig["html_shingle"] = shingle_f1(
                [(p["gold"], html_by_id[p["id"]]) for p in subset]
            )
            fig["html_line"] = line_scores(
                [p["lines"] for p in subset], [html_kept[p["id"]] for p in subset]
            )
        result[name] = fig
    result["plain_pages_per_s"] = round(len(pages) / text_s, 1)
    seeds = sorted((args.data.parent.parent / "seeds").glob("*.txt"))
    if seeds:  # article-sized text input (the benchmark pages are whole sites' text)
        raws = [
            RawArticle(
                id=f"{f.stem}-{i}", source=f.stem.split("-")[0], text=f.read_text()
            )
            for i in range(500)
            for f in seeds
        ]
        memories: dict[str, OutletMemory] = {}
        t0 = time.perf_counter()
        cleaner.batch(raws, memories)
        result["seed_articles_per_s"] = round(len(raws) / (time.perf_counter() - t0), 1)
    if html_by_id:
        result["html_pages_per_s"] = round(len(pages) / html_s, 1)
    print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())

    if args.errors:
        dev = splits["dev"]
        worst = sorted(dev, key=lambda p: page_counts(p["gold"], by_id[p["id"]])[0])[
            : args.errors
        ]
        for p in worst:
            keep = kept_set(by_id[p["id"]])
            print(
                "=" * 30,
                p["id"][:12],
                p["url"],
                page_counts(p["gold"], by_id[p["id"]]),
                file=sys.stderr,
            )
            for line, content in p["lines"]:
                k = line.strip() in keep
                mark = {
                    (True, True): "  ",
                    (True, False): "FP",
                    (False, True): "FN",
                    (False, False): "  ",
                }[(k, content)]
                print(f"{mark} {'K' if k else '-'} {line[:110]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
