"""Check that no regex in the code base backtracks super-linearly; print JSON.

    python benchmarks/regex_timing.py [--n 2000] [--factor 10] [--max-ratio 30]

Collects every compiled pattern reachable from the ``streams`` modules (module
attributes, and patterns inside module-level tuples, lists, sets and dicts) plus
every string literal passed to ``re.compile/search/match/fullmatch/sub/subn/
split/findall/finditer`` in the source. Each pattern is run (``search`` and a
full ``finditer`` pass) over adversarial strings of length n and factor*n: runs
of every literal character of the pattern and of quote marks, spaces, letters,
digits and punctuation, alternations of two such characters, and each of those
with a character that makes the match fail at the end. A linear pattern takes
about factor times longer on the longer string; the ratio printed is the worst
over all strings, and a pattern fails when it is above ``--max-ratio`` while
the long run takes more than a millisecond (below that, timer noise dominates).
Times are CPU time of the measuring thread (best of several runs). Each pattern
runs in a child process with a time limit, so a catastrophic one is reported as
a timeout instead of hanging the check.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import multiprocessing as mp
import pkgutil
import re
import sys
import time
from pathlib import Path
from typing import Any

import streams

ROOT = Path(streams.__file__).resolve().parent
_RE_FUNCS = {
    "compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall",
    "finditer",
}  # fmt: skip
BASE_CHARS = " \t\n.,;:!?-—–\"“”‘’«»'()[]<>/&aA1zZ9_\u00a0\u200b"


def _module_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages([str(ROOT)], prefix="streams."):
        if ".worker" in info.name or info.name.endswith(("cli", "__main__")):
            continue  # the worker imports faust; its regexes are none
        try:
            module = importlib.import_module(info.name)
        except Exception as exc:  # report it, keep going
            print(f"skip {info.name}: {exc}", file=sys.stderr)
            continue
        for name, value in vars(module).items():
            values = [value]
            if isinstance(value, tuple | list | set | frozenset):
                values = list(value)
            elif isinstance(value, dict):
                values = list(value.values())
            for v in values:
                if isinstance(v, re.Pattern) and isinstance(v.pattern, str):
                    found.setdefault(f"{info.name}.{name}", v)
    return found


def _literal_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _RE_FUNCS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"re", "regex"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            flags = 0
            for kw in node.keywords:
                if kw.arg == "flags" and isinstance(kw.value, ast.Attribute):
                    flags |= getattr(re, kw.value.attr, 0)
            try:
                pattern = re.compile(node.args[0].value, flags)
            except re.error:
                continue
            rel = path.relative_to(ROOT.parent)
            found.setdefault(f"{rel}:{node.lineno}", pattern)
    return found


def _families(pattern: str) -> list[tuple[str, str]]:
    """(unit, tail) pairs; a test string is unit * k + tail."""
    chars = sorted(
        {c for c in pattern if not c.isspace() or c == " "} | set(BASE_CHARS)
    )
    chars = [c for c in chars if c not in "\\^$|{}*+?"]
    units = list(chars)
    literal = sorted({c for c in pattern if c.isalnum() or c in "\"'“”‘’.,:-— "})
    for a in literal[:6]:
        for b in literal[:6]:
            if a != b:
                units.append(a + b)
    units += ["a ", "A.", 'a"', "“a", "a “", "Aa ", "1.", "a\n", "<a", "a.\n\n"]
    return [(u, t) for u in units for t in ("", "\x00", "!")]


def _time_once(pattern: re.Pattern[str], text: str) -> float:
    # CPU time of this thread: on a shared machine wall time includes preemption,
    # which inflates the long runs far more than the short ones.
    started = time.thread_time()
    pattern.search(text)
    for _ in pattern.finditer(text):
        pass
    return time.thread_time() - started


def _measure(pattern: re.Pattern[str], n: int, factor: int) -> dict[str, Any]:
    worst: dict[str, Any] = {"ratio": 0.0}
    for unit, tail in _families(pattern.pattern):
        small = unit * max(1, n // len(unit)) + tail
        large = unit * max(1, n * factor // len(unit)) + tail
        t_large = _time_once(pattern, large)
        if t_large < 1e-3:
            continue
        t_large = min(t_large, *(_time_once(pattern, large) for _ in range(3)))
        t_small = min(_time_once(pattern, small) for _ in range(5))
        ratio = t_large / max(t_small, 1e-6) * len(small) / len(large) * factor
        if ratio > worst["ratio"]:
            worst = {
                "ratio": round(ratio, 1),
                "unit": unit,
                "tail": tail,
                "us_per_char_small": round(t_small / len(small) * 1e6, 4),
                "us_per_char_large": round(t_large / len(large) * 1e6, 4),
            }
    return worst


def _child(pattern: str, flags: int, n: int, factor: int, queue: Any) -> None:
    queue.put(_measure(re.compile(pattern, flags), n, factor))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--max-ratio", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    patterns = _module_patterns() | _literal_patterns()
    unique: dict[tuple[str, int], str] = {}
    for name, p in patterns.items():
        unique.setdefault((p.pattern, p.flags), name)
    ctx = mp.get_context("fork")
    results: dict[str, Any] = {}
    started = time.perf_counter()
    for (pattern, flags), name in sorted(unique.items(), key=lambda kv: kv[1]):
        queue = ctx.Queue()
        proc = ctx.Process(
            target=_child, args=(pattern, flags, args.n, args.factor, queue)
        )
        proc.start()
        proc.join(args.timeout)
        if proc.is_alive():
            proc.kill()
            proc.join()
            results[name] = {"ratio": None, "timeout": True, "pattern": pattern[:200]}
            continue
        out = queue.get() if not queue.empty() else {"ratio": None, "error": True}
        out["pattern"] = pattern[:200]
        results[name] = out
    flagged = {
        k: v
        for k, v in results.items()
        if v.get("ratio") is None or v["ratio"] > args.max_ratio
    }
    worst = max(
        results.items(),
        key=lambda kv: 1e9 if kv[1].get("ratio") is None else kv[1]["ratio"],
    )
    summary = {
        "patterns": len(results),
        "n": args.n,
        "factor": args.factor,
        "max_ratio_allowed": args.max_ratio,
        "linear_expectation": args.factor,
        "worst": {"name": worst[0], **worst[1]},
        "flagged": flagged,
        "seconds": round(time.perf_counter() - started, 1),
        "ratios": {k: v.get("ratio") for k, v in sorted(results.items())},
    }
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
