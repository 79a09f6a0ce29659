"""Turn labelled article files into the quote development set's labels.

    .venv/bin/python benchmarks/build_quotes_dev.py SRC_DIR... \
        --private /work/data-private/quotes-dev/texts

Each source file is one article as labelled (``data/quotes_dev/GUIDE.md``): its
text and, for every quote and speech attribution, the content, cue and speaker
mention as strings, and the canonical speaker. Strings become character offsets
here: the content's n-th occurrence, then the cue and the mention occurrences
nearest to the content. Writes ``benchmarks/data/quotes_dev/labels.jsonl``
(labels, urls and offsets only) and the texts: openly licensed ones (Wikinews,
CC BY 2.5; Voice of America's own reporting, public domain) into
``benchmarks/data/quotes_dev/texts/``, all others into the ``--private`` folder,
which must stay outside the repository.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent / "data" / "quotes_dev"
OPEN_LICENCES = {"CC BY 2.5", "public domain"}


def _nth(text: str, sub: str, n: int) -> int:
    i = -1
    for _ in range(n):
        i = text.find(sub, i + 1)
        if i < 0:
            raise ValueError(f"not found: {sub[:60]!r}")
    return i


def _nearest(text: str, sub: str | None, s: int, e: int) -> list[int] | None:
    """Offsets of the occurrence of ``sub`` nearest the content [s, e), not inside."""
    if not sub:
        return None
    best: tuple[int, int] | None = None
    i = text.find(sub)
    while i >= 0:
        j = i + len(sub)
        inside = s <= i and j <= e
        dist = 0 if inside else (s - j if j <= s else i - e if i >= e else 0)
        key = (int(inside), abs(dist))
        if best is None or key < (best[0], best[1]):
            best = (int(inside), abs(dist))
            found = i
        i = text.find(sub, i + 1)
    if best is None:
        raise ValueError(f"not found: {sub!r}")
    return [found, found + len(sub)]


def _split(article_id: str) -> str:
    """Half the articles tune, the other half check (stable by id)."""
    digest = hashlib.blake2b(article_id.encode(), digest_size=2).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def build(src: dict[str, Any], split: str | None = None) -> dict[str, Any]:
    text = src["text"]
    quotes = []
    for q in src["quotes"]:
        s = _nth(text, q["content"], q.get("n", 1))
        e = s + len(q["content"])
        quotes.append(
            {
                "start": s,
                "end": e,
                "kind": q["kind"],
                "cue": _nearest(text, q.get("cue"), s, e),
                "mention": _nearest(text, q.get("mention"), s, e),
                "speaker": q.get("speaker"),
            }
        )
    return {
        "id": src["id"],
        "url": src["url"],
        "outlet": src["outlet"],
        "desk": src["desk"],
        "licence": src["licence"],
        "title": src.get("title"),
        "split": split or _split(src["id"]),
        "chars": len(text),
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "quotes": quotes,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sources", nargs="+", help="folders of labelled .json files")
    ap.add_argument("--private", required=True, help="folder for non-open texts")
    ap.add_argument(
        "--out", type=Path, default=HERE, help="set folder (default: quotes_dev)"
    )
    ap.add_argument(
        "--split-as", help="one split for every article (default: tune/check by id)"
    )
    args = ap.parse_args()
    private = Path(args.private)
    private.mkdir(parents=True, exist_ok=True)
    out: Path = args.out
    (out / "texts").mkdir(parents=True, exist_ok=True)
    rows = []
    for folder in args.sources:
        for path in sorted(Path(folder).glob("*.json")):
            src = orjson.loads(path.read_bytes())
            row = build(src, args.split_as)
            rows.append(row)
            where = out / "texts" if src["licence"] in OPEN_LICENCES else private
            (where / f"{src['id']}.txt").write_text(src["text"], encoding="utf-8")
    rows.sort(key=lambda r: r["id"])
    with (out / "labels.jsonl").open("wb") as fh:
        for row in rows:
            fh.write(orjson.dumps(row) + b"\n")
    print(f"{len(rows)} articles, {sum(len(r['quotes']) for r in rows)} quotes")


if __name__ == "__main__":
    main()
