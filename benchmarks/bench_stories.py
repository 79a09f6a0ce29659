"""Stories on a real multi-outlet stream: BCubed three ways, against plain TF-IDF.

    python benchmarks/bench_stories.py eval --texts /work/data-private/cluster-dev
    python benchmarks/bench_stories.py fit --texts DIR [--proxy STREAM.jsonl]

Labels and urls are in ``benchmarks/data/stories_dev/labels.jsonl`` (built by
``build_stories_dev.py``); texts come from ``--texts`` (the private folder of
gathered ``*.jsonl`` pages) and, for openly licensed pages, from
``benchmarks/data/stories_dev/texts/``. The stream is what ``news-streams
process`` would see: each page a RawArticle (id, url, outlet, title, text,
published_at), cleaned by the cleaning stage, then clustered. Its order is the
dated pages by date, then the undated ones (by id).

``eval`` prints, for the ``fit`` half, the ``check`` half and both, BCubed
precision, recall and F1 of the clustering stage in three modes: ``given`` (dates
as gathered, a share of pages undated), ``removed`` (every published_at removed;
event times then come from datelines, urls and text only) and ``dated_only``
(the ``given`` run scored on the pages that have a date). In the same run, the
baseline: single-pass clustering on plain TF-IDF cosine (sublinear tf, IDF over
the scored stream, a story joins the most similar centroid at or above the
threshold), at the threshold that maximises its F1 on the very pages scored.

``fit`` replays the fit half (both date modes, so that unknown times are
learned) and, with ``--proxy``, the dev half of the PolNeAR proxy stream
(``cluster_data.py``) with teacher forcing, fits the merge model's logistic
weights by Newton's method and sweeps the join threshold on the fit half.
"""

from __future__ import annotations

import argparse
import math
import re
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from scoring import bcubed

from streams.errors import StageError
from streams.pipeline import passthrough_clean
from streams.records import CleanedArticle, RawArticle, parse_time
from streams.stages.clean import CleanConfig, Cleaner
from streams.stages.cluster import FEATURE_NAMES, ClusterConfig, StoryClusterer
from streams.stages.cluster.event_time import event_time
from streams.stages.cluster.order import order_key

HERE = Path(__file__).resolve().parent / "data" / "stories_dev"
MODES = ("given", "removed", "dated_only")
HALVES = ("fit", "check", "all")
REJECTED: set[str] = set()


# -- data ------------------------------------------------------------------------


def load(labels: Path, texts: Path | None) -> list[dict[str, Any]]:
    """Labels joined with their texts; pages without a text are left out."""
    pages: dict[str, dict[str, Any]] = {}
    if texts is not None:
        for path in sorted(texts.glob("*.jsonl")):
            for line in path.read_bytes().splitlines():
                try:
                    row = orjson.loads(line)
                except orjson.JSONDecodeError:
                    continue
                if isinstance(row, dict) and row.get("id"):
                    pages.setdefault(row["id"], row)
    rows = []
    for line in labels.read_bytes().splitlines():
        if not line.strip():
            continue
        lab = orjson.loads(line)
        page = pages.get(lab["id"])
        if page is not None:
            title, text = page.get("title"), page["text"]
        else:
            path = HERE / "texts" / f"{lab['id']}.txt"
            if not path.exists():
                continue
            title, _, text = path.read_text(encoding="utf-8").partition("\n\n")
            text = text.rstrip("\n")
        rows.append({**lab, "title": title, "text": text})
    return rows


def stream_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dated pages by date then id, then undated pages by id."""
    return sorted(
        rows,
        key=lambda r: (r["published_at"] is None, r["published_at"] or "", r["id"]),
    )


def clean_all(rows: list[dict[str, Any]], dated: bool) -> list[CleanedArticle]:
    """What the clustering stage sees: each page through the cleaning stage."""
    cleaner = Cleaner(CleanConfig())
    memories: dict[str, Any] = {}
    out = []
    for r in rows:
        raw = RawArticle(
            id=r["id"],
            url=r["url"],
            source=r["outlet"],
            title=r["title"],
            text=r["text"],
            published_at=parse_time(r["published_at"]) if dated else None,
        )
        memory = memories.get(r["outlet"])
        if memory is None:
            memory = memories[r["outlet"]] = cleaner.new_memory()
        try:
            out.append(cleaner(raw, memory))
        except StageError:
            # The cleaning stage kept nothing (a page of furniture lines):
            # ``process`` would skip it; here it is clustered on its raw text
            # and counted (``cleaning_rejected``).
            REJECTED.add(r["id"])
            out.append(passthrough_clean(raw))
    return out


# -- scores ----------------------------------------------------------------------


def run_ours(arts: list[CleanedArticle], cfg: ClusterConfig) -> list[str]:
    return [a.cluster_id for a in StoryClusterer(cfg).batch(arts)]


# -- the baseline: plain TF-IDF, single pass --------------------------------------

_WORD = re.compile(r"\w+")


def tfidf(rows: list[dict[str, Any]]) -> list[dict[str, float]]:
    docs = [
        Counter(_WORD.findall(f"{r['title'] or ''} {r['text']}".lower())) for r in rows
    ]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)
    out = []
    for d in docs:
        vec = {
            w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1)
            for w, c in d.items()
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({w: v / norm for w, v in vec.items()})
    return out


def single_pass(vecs: list[dict[str, float]], threshold: float) -> list[str]:
    centroids: list[dict[str, float]] = []
    norms: list[float] = []
    pred = []
    for v in vecs:
        best, best_i = -1.0, -1
        for i, (c, cn) in enumerate(zip(centroids, norms, strict=True)):
            small, large = (v, c) if len(v) < len(c) else (c, v)
            dot = sum(x * large.get(k, 0.0) for k, x in small.items())
            if dot / cn > best:
                best, best_i = dot / cn, i
        if best >= threshold:
            c = centroids[best_i]
            for k, x in v.items():
                c[k] = c.get(k, 0.0) + x
            norms[best_i] = math.sqrt(sum(x * x for x in c.values()))
        else:
            centroids.append(dict(v))
            norms.append(1.0)
            best_i = len(centroids) - 1
        pred.append(f"b{best_i}")
    return pred


THRESHOLDS = [round(0.05 + 0.025 * i, 3) for i in range(23)]  # 0.05 .. 0.60


def best_baseline(rows: list[dict[str, Any]], scored: list[int]) -> dict[str, Any]:
    """The baseline at its best threshold for the pages ``scored`` (on the answers)."""
    vecs = tfidf(rows)
    gold = [rows[i]["story"] for i in scored]
    best: dict[str, Any] = {"f1": -1.0}
    for thr in THRESHOLDS:
        pred = single_pass(vecs, thr)
        res = bcubed([pred[i] for i in scored], gold)
        if res["f1"] > best["f1"]:
            best = {"threshold": thr, **res}
    return best


# -- eval --------------------------------------------------------------------------


def evaluate(rows: list[dict[str, Any]], cfg: ClusterConfig) -> dict[str, Any]:
    rows = stream_order(rows)
    gold = [r["story"] for r in rows]
    dated = [i for i, r in enumerate(rows) if r["published_at"] is not None]
    out: dict[str, Any] = {
        "articles": len(rows),
        "stories": len(set(gold)),
        "outlets": len({r["outlet"] for r in rows}),
        "undated": len(rows) - len(dated),
    }
    given = run_ours(clean_all(rows, dated=True), cfg)
    removed_arts = clean_all(rows, dated=False)
    removed = run_ours(removed_arts, cfg)
    out["ours"] = {
        "given": bcubed(given, gold),
        "removed": bcubed(removed, gold),
        "dated_only": bcubed([given[i] for i in dated], [gold[i] for i in dated]),
    }
    known: Counter[str] = Counter()
    for a in removed_arts:
        known[event_time(a).source] += 1
    out["removed_event_time_sources"] = dict(sorted(known.items()))
    # Plain TF-IDF knows no dates: ``given`` and ``removed`` see the same stream.
    base_all = best_baseline(rows, list(range(len(rows))))
    out["baseline"] = {
        "given": base_all,
        "removed": base_all,
        "dated_only": best_baseline(rows, dated),
    }
    return out


# -- fit ---------------------------------------------------------------------------


def collect_pairs(
    arts: list[CleanedArticle], stories: list[str], cfg: ClusterConfig
) -> tuple[list[list[float]], list[float]]:
    """Teacher forcing in the canonical order: candidates scored, then gold joined."""
    clusterer = StoryClusterer(cfg)
    gold_cluster: dict[str, str] = {}
    xs: list[list[float]] = []
    ys: list[float] = []
    order = sorted(range(len(arts)), key=lambda i: order_key(arts[i]))
    for i in order:
        art, story = arts[i], stories[i]
        feats, t = clusterer.features_of(art)
        if t is not None:
            clusterer.expire(t)
        target = gold_cluster.get(story)
        for cid, x in clusterer.score_candidates(feats, t):
            xs.append(x)
            ys.append(1.0 if cid == target else 0.0)
        gold_cluster[story] = clusterer.assign(art, target).cluster_id
    return xs, ys


def newton(
    xs: list[list[float]], ys: list[float], sw: list[float], l2: float
) -> np.ndarray:
    x, y, s = np.array(xs), np.array(ys), np.array(sw)
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -50, 50)))
        grad = x.T @ (s * (p - y)) + l2 * w
        hess = (x * (s * p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def load_proxy(path: Path) -> tuple[list[CleanedArticle], list[str]]:
    arts, stories = [], []
    for line in path.read_bytes().splitlines():
        r = orjson.loads(line)
        if r["split"] != "dev":
            continue
        paras = tuple(p for p in r["text"].split("\n\n") if p.strip())
        arts.append(
            CleanedArticle(
                article_id=r["article_id"],
                text=r["text"],
                paragraphs=paras,
                source=r["source"],
                title=r["title"],
                published_at=parse_time(r["published_at"]),
                language="en",
            )
        )
        stories.append(r["story"])
    return arts, stories


def fit(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    rows = stream_order([r for r in rows if r["split"] == "fit"])
    stories = [r["story"] for r in rows]
    wide = ClusterConfig(window_hours=args.fit_window_hours)
    xs: list[list[float]] = []
    ys: list[float] = []
    sw: list[float] = []
    for dated in (True, False):
        x, y = collect_pairs(clean_all(rows, dated), stories, wide)
        xs += x
        ys += y
        sw += [args.real_weight] * len(y)
    n_real = len(ys)
    if args.proxy:
        parts, pstories = load_proxy(args.proxy)
        x, y = collect_pairs(parts, pstories, wide)
        xs += x
        ys += y
        sw += [1.0] * len(y)
    w = newton(xs, ys, sw, args.l2)
    weights = tuple(round(float(v), 3) for v in w)
    print(
        orjson.dumps(
            {
                "pairs_real": n_real,
                "positives_real": int(sum(ys[:n_real])),
                "pairs_proxy": len(ys) - n_real,
                "weights": dict(zip(FEATURE_NAMES, weights, strict=True)),
            }
        ).decode()
    )
    given = clean_all(rows, True)
    removed = clean_all(rows, False)
    for thr in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        cfg = replace(ClusterConfig(), weights=weights, min_probability=thr)
        print(
            orjson.dumps(
                {
                    "threshold": thr,
                    "given": bcubed(run_ours(given, cfg), stories)["f1"],
                    "removed": bcubed(run_ours(removed, cfg), stories)["f1"],
                }
            ).decode()
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["eval", "fit"])
    ap.add_argument("--labels", type=Path, default=HERE / "labels.jsonl")
    ap.add_argument("--texts", type=Path, default=None, help="private *.jsonl folder")
    ap.add_argument(
        "--proxy", type=Path, default=None, help="fit: PolNeAR proxy stream"
    )
    ap.add_argument("--l2", type=float, default=1e-2)
    ap.add_argument("--real-weight", type=float, default=1.0)
    ap.add_argument("--fit-window-hours", type=float, default=240.0)
    args = ap.parse_args()
    rows = load(args.labels, args.texts)
    if args.mode == "fit":
        fit(rows, args)
        return
    started = time.process_time()
    res: dict[str, Any] = {}
    for half in HALVES:
        part = rows if half == "all" else [r for r in rows if r["split"] == half]
        res[half] = evaluate(part, ClusterConfig())
    res["cleaning_rejected"] = sorted(REJECTED)
    res["cpu_s"] = round(time.process_time() - started, 1)
    print(orjson.dumps(res, option=orjson.OPT_INDENT_2).decode())


if __name__ == "__main__":
    main()
