"""Story clustering: BCubed accuracy, model fitting and throughput. Prints JSON.

    # build the stream first: benchmarks/cluster_data.py
    python benchmarks/bench_cluster.py eval --data STREAM.jsonl --split test
    python benchmarks/bench_cluster.py fit --data STREAM.jsonl --split dev
    python benchmarks/bench_cluster.py throughput --data STREAM.jsonl --n 100000

``STREAM.jsonl`` may also come from $STREAMS_CLUSTER_DATA. ``fit`` replays the
dev half with teacher forcing (each article is scored against the candidates the
index proposes, then added to its gold story), fits a logistic regression by
Newton's method and sweeps the join threshold for BCubed F1 on the same half.
``throughput`` builds N articles by recombining real sentences of the stream
(6-14 random sentences each, so nearly every article is its own story: the
worst case for state size), spread evenly over 70 hours so all stay inside
the 72-hour window, and times the stage alone. Rates are per CPU second of
this process (time.process_time), so other work on a shared machine does not
count against the stage; the stage is single-threaded, so that is one core.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import orjson

from streams.records import CleanedArticle, parse_time
from streams.stages.cluster import FEATURE_NAMES, ClusterConfig, StoryClusterer


def load(path: Path, split: str | None) -> list[tuple[CleanedArticle, str]]:
    rows = [orjson.loads(line) for line in path.read_bytes().splitlines() if line]
    if split and split != "all":
        rows = [r for r in rows if r["split"] == split]
    rows.sort(key=lambda r: (r["published_at"], r["article_id"]))
    out = []
    for r in rows:
        paras = tuple(p for p in r["text"].split("\n\n") if p.strip())
        art = CleanedArticle(
            article_id=r["article_id"],
            text=r["text"],
            paragraphs=paras,
            source=r["source"],
            title=r["title"],
            published_at=parse_time(r["published_at"]),
            language="en",
        )
        out.append((art, r["story"]))
    return out


def bcubed(pred: list[str], gold: list[str]) -> dict[str, float]:
    by_pred: dict[str, list[int]] = {}
    by_gold: dict[str, list[int]] = {}
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        by_pred.setdefault(p, []).append(i)
        by_gold.setdefault(g, []).append(i)
    prec = rec = 0.0
    for p, g in zip(pred, gold, strict=True):
        same = sum(1 for j in by_pred[p] if gold[j] == g)
        prec += same / len(by_pred[p])
        rec += same / len(by_gold[g])
    n = len(pred) or 1
    prec, rec = prec / n, rec / n
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4)}


def run_eval(data: list[tuple[CleanedArticle, str]], cfg: ClusterConfig) -> dict:
    clusterer = StoryClusterer(cfg)
    t0 = time.process_time()
    out = clusterer.batch([a for a, _ in data])
    secs = time.process_time() - t0
    pred = [o.cluster_id for o in out]
    gold = [g for _, g in data]
    res = bcubed(pred, gold)
    seeds = [
        o.cluster_id
        for (a, _), o in zip(data, out, strict=True)
        if a.article_id.startswith("seed-")
    ]
    res.update(
        articles=len(data),
        gold_stories=len(set(gold)),
        predicted_clusters=len(set(pred)),
        duplicates_flagged=sum(1 for o in out if o.duplicate_of),
        seeds_together=(len(set(seeds)) == 1) if len(seeds) == 2 else None,
        articles_per_s=round(len(data) / secs, 1),
    )
    return res


def fit(
    data: list[tuple[CleanedArticle, str]],
    cfg: ClusterConfig,
    l2: float,
    free_running: bool = False,
) -> np.ndarray:
    clusterer = StoryClusterer(cfg)
    gold_cluster: dict[str, str] = {}
    xs: list[list[float]] = []
    ys: list[float] = []
    for art, story in data:
        feats, t = clusterer.features_of(art)
        clusterer.expire(t)
        target = gold_cluster.get(story)
        for cid, x in clusterer.score_candidates(feats, t):
            xs.append(x)
            ys.append(1.0 if cid == target else 0.0)
        res = clusterer.assign(art, target)
        gold_cluster[story] = res.cluster_id
    if free_running:
        # A second pass with the current model deciding, so that the fit also
        # sees the impure clusters it makes itself; a candidate is positive when
        # most of its articles so far belong to the article's story.
        runner = StoryClusterer(replace(cfg, window_hours=ClusterConfig().window_hours))
        stories: dict[str, dict[str, int]] = {}
        for art, story in data:
            feats, t = runner.features_of(art)
            runner.expire(t)
            for cid, x in runner.score_candidates(feats, t):
                votes = stories.get(cid, {})
                xs.append(x)
                ys.append(1.0 if votes and max(votes, key=votes.get) == story else 0.0)
            res = runner(art)
            votes = stories.setdefault(res.cluster_id, {})
            votes[story] = votes.get(story, 0) + 1
    x = np.array(xs)
    y = np.array(ys)
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    print(orjson.dumps({"pairs": len(y), "positives": int(y.sum())}).decode())
    return w


def synth_stream(
    data: list[tuple[CleanedArticle, str]], n: int, hours: float, seed: int
) -> list[CleanedArticle]:
    rng = random.Random(seed)
    sents = [
        s
        for a, _ in data
        for s in re.split(r"(?<=[.!?])\s+", a.text)
        if len(s.split()) >= 6
    ]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        body = rng.sample(sents, rng.randint(6, 14))
        paras = tuple(" ".join(body[j : j + 3]) for j in range(0, len(body), 3))
        out.append(
            CleanedArticle(
                article_id=f"s{i}",
                text="\n\n".join(paras),
                paragraphs=paras,
                title=" ".join(body[0].split()[:10]),
                published_at=start + timedelta(seconds=hours * 3600.0 * i / n),
                source="synthetic",
            )
        )
    return out


def run_throughput(data: list[tuple[CleanedArticle, str]], n: int, tail: int) -> dict:
    arts = synth_stream(data, n, hours=70.0, seed=7)
    clusterer = StoryClusterer(ClusterConfig())
    t0 = time.process_time()
    for a in arts[: n - tail]:
        clusterer(a)
    t1 = time.process_time()
    for a in arts[n - tail :]:
        clusterer(a)
    t2 = time.process_time()
    drained = clusterer.drain_changes()
    state_bytes = sum(len(orjson.dumps(s)) for s in drained.values() if s)
    return {
        "articles": n,
        "clusters_in_window": len(clusterer),
        "articles_per_s_overall": round(n / (t2 - t0), 1),
        f"articles_per_s_last_{tail}": round(tail / (t2 - t1), 1),
        "table_bytes_per_cluster": round(state_bytes / max(1, len(drained)), 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["eval", "fit", "throughput"])
    ap.add_argument("--data", type=Path, default=os.environ.get("STREAMS_CLUSTER_DATA"))
    ap.add_argument("--split", default="test")
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--tail", type=int, default=10_000)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--fit-window-hours", type=float, default=240.0)
    ap.add_argument("--free-running", action="store_true")
    args = ap.parse_args()
    if args.data is None:
        ap.error("--data or $STREAMS_CLUSTER_DATA is required")
    if args.mode == "eval":
        data = load(args.data, args.split)
        print(
            orjson.dumps(
                {"split": args.split, **run_eval(data, ClusterConfig())}
            ).decode()
        )
    elif args.mode == "fit":
        data = load(args.data, args.split if args.split != "test" else "dev")
        # Candidates come from a wider window than the stage keeps, so that the
        # model sees same-actor stories days apart and learns the time decay.
        w = fit(
            data,
            ClusterConfig(window_hours=args.fit_window_hours),
            args.l2,
            free_running=args.free_running,
        )
        weights = tuple(round(float(v), 3) for v in w)
        print(orjson.dumps(dict(zip(FEATURE_NAMES, weights, strict=True))).decode())
        for thr in (0.3, 0.4, 0.5, 0.6, 0.7):
            cfg = replace(ClusterConfig(), weights=weights, min_probability=thr)
            print(orjson.dumps({"threshold": thr, **run_eval(data, cfg)}).decode())
    else:
        data = load(args.data, "all")
        print(orjson.dumps(run_throughput(data, args.n, args.tail)).decode())


if __name__ == "__main__":
    main()
