"""Build the story development stream's labels from the gathered pages.

    .venv/bin/python benchmarks/build_stories_dev.py /work/data-private/cluster-dev

Reads every ``*.jsonl`` file of the given folder (outside the repository): one
page a line, ``{"id", "url", "outlet", "published_at" (ISO date or null),
"date_source", "title", "text", "story", "actor", "desk", "licence"}``, where
``text`` is the page text from its beginning, ``story`` the event it reports and
``actor`` who it is about (two stories with one actor are a same-actor,
different-event pair: the hard case). Writes
``benchmarks/data/stories_dev/labels.jsonl``: labels, urls, dates, a length and
a SHA-256 of each text, and the half: ``fit`` or ``check`` by a hash of the
actor, so that a hard-negative pair is never split across the halves and the
model is fitted and calibrated on one half only. Texts under an open licence
(Wikinews, CC BY 2.5; Voice of America's own reporting, public domain) go to
``benchmarks/data/stories_dev/texts/<id>.txt`` (title, blank line, text); all
others stay in the private folder, which ``bench_stories.py`` reads.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent / "data" / "stories_dev"
OPEN_LICENCES = ("CC BY 2.5", "public domain")
LABEL_FIELDS = (
    "id",
    "url",
    "outlet",
    "published_at",
    "date_source",
    "story",
    "actor",
    "desk",
    "licence",
)


def split_of(actor: str) -> str:
    """The half of an actor's stories: stable, and never splits a hard pair."""
    return "check" if hashlib.sha256(actor.encode()).digest()[0] % 2 else "fit"


def read_pages(folder: Path) -> list[dict[str, Any]]:
    """Every page of the folder's JSONL files, first occurrence of an id kept."""
    rows: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            if not line.strip():
                continue
            try:
                row = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue  # a line still being written
            if isinstance(row, dict) and row.get("id") and row.get("text"):
                rows.setdefault(row["id"], row)
    return list(rows.values())


def is_open(licence: str | None) -> bool:
    return any(name in (licence or "") for name in OPEN_LICENCES)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("private", type=Path, help="folder of the gathered *.jsonl")
    args = ap.parse_args()
    pages = read_pages(args.private)
    seen_urls: set[str] = set()
    labels = []
    (HERE / "texts").mkdir(parents=True, exist_ok=True)
    for row in sorted(pages, key=lambda r: r["id"]):
        if row["url"] in seen_urls:
            continue
        seen_urls.add(row["url"])
        text = row["text"]
        label = {k: row.get(k) for k in LABEL_FIELDS}
        label["split"] = split_of(row["actor"])
        label["chars"] = len(text)
        label["sha256"] = hashlib.sha256(text.encode()).hexdigest()
        labels.append(label)
        if is_open(row.get("licence")):
            body = f"{row.get('title') or ''}\n\n{text}\n"
            (HERE / "texts" / f"{row['id']}.txt").write_text(body, encoding="utf-8")
    with (HERE / "labels.jsonl").open("wb") as fh:
        for label in labels:
            fh.write(orjson.dumps(label) + b"\n")
    stories = {lab["story"] for lab in labels}
    actors: dict[str, set[str]] = {}
    for lab in labels:
        actors.setdefault(lab["actor"], set()).add(lab["story"])
    hard = sum(len(s) for s in actors.values() if len(s) > 1)
    print(
        orjson.dumps(
            {
                "articles": len(labels),
                "stories": len(stories),
                "stories_in_same_actor_groups": hard,
                "outlets": len({lab["outlet"] for lab in labels}),
                "undated": sum(lab["published_at"] is None for lab in labels),
                "open_texts": sum(is_open(lab["licence"]) for lab in labels),
                "by_split": {
                    s: sum(lab["split"] == s for lab in labels)
                    for s in ("fit", "check")
                },
            }
        ).decode()
    )


if __name__ == "__main__":
    main()
