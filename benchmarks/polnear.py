"""Read PolNeAR (brat standoff attributions with source, cue and content).

Each article is ``<split>/text/<name>.txt`` with one or more annotation files
``<split>/attributions/<name>_<annotator>.ann``; the first annotator's file (by
name) is used. The data is copyrighted: keep it outside the repository and pass
its path (the folder holding ``train/`` and ``dev/``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

QUOTE_MARKS = frozenset('"“”«»„')
# The NYT texts quote with doubled apostrophes (''...''), PTB style.
QUOTE_PAIRS = ("''", "``")

Spans = list[tuple[int, int]]


@dataclass(slots=True)
class Attribution:
    content: Spans
    source: Spans = field(default_factory=list)
    cue: Spans = field(default_factory=list)
    quoted: bool = False  # the content holds a quote mark


@dataclass(slots=True)
class Article:
    name: str
    text: str
    attributions: list[Attribution]


def _spans(field_text: str) -> Spans:
    out: Spans = []
    for piece in field_text.split(";"):
        a, b = piece.split()[-2:]
        out.append((int(a), int(b)))
    return out


def parse_ann(ann: str, text: str) -> list[Attribution]:
    """Attributions of one brat file: E lines tie T lines (Source, Cue, Content)."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            spans[cols[0]] = _spans(cols[1])
        elif line.startswith("E") and len(cols) >= 2:
            roles = dict(arg.split(":", 1) for arg in cols[1].split())
            events.append(roles)
    out: list[Attribution] = []
    for roles in events:
        content = spans.get(roles.get("Content", ""), [])
        if not content:
            continue
        ctext = "".join(text[a:b] for a, b in content)
        out.append(
            Attribution(
                content=content,
                source=spans.get(roles.get("Source", ""), []),
                cue=spans.get(roles.get("Cue", ""), []),
                quoted=any(ch in QUOTE_MARKS for ch in ctext)
                or any(pair in ctext for pair in QUOTE_PAIRS),
            )
        )
    return out


def load_split(root: str | Path, split: str, limit: int | None = None) -> list[Article]:
    """Articles of a split (``train`` or ``dev``) in name order, at most ``limit``."""
    if split == "test":
        raise ValueError("the test split is the acceptance set: do not tune on it")
    base = Path(root) / split
    if not base.is_dir():
        base = Path(root) / "data" / split
    articles: list[Article] = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        ann = anns[0].read_text(encoding="utf-8")
        articles.append(Article(txt.stem, text, parse_ann(ann, text)))
        if limit is not None and len(articles) >= limit:
            break
    return articles
