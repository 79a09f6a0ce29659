"""Clustering scores shared by the story benchmarks (bench_cluster, bench_stories)."""

from __future__ import annotations


def bcubed(pred: list[str], gold: list[str]) -> dict[str, float]:
    """BCubed precision, recall and F1 of predicted against gold cluster labels."""
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
