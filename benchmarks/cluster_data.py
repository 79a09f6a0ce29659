"""Build the story-clustering development stream (outside the repo).

Source texts: PolNeAR's train and dev splits (never its test split): 2015-16 US
political news from seven outlets (Breitbart, HuffPost, NYT, Politico, USA Today,
Washington Post, Western Journal), read from a git mirror or checkout. No public
repository reachable from here holds real multi-outlet articles labelled by
story (Miranda et al. 2018, WCEP, Multi-News, UCI News Aggregator and NewSHead
ship links or download scripts only), so the stream is a proxy:

- every PolNeAR article is its own story (articles whose word 3-gram Jaccard is
  >= 0.5 within two days, i.e. wire copies run by two outlets, are merged into
  one story); they are the same-actor, different-event hard negatives: most
  name Trump, Clinton, Sanders or Cruz and the stream packs them into --days
  days, so a 72-hour window holds a hundred or more of them;
- for 60% of stories, 1-4 "other outlet" versions are derived: a quarter to a
  half of the sentences (at most 8) in a new order, the lead mostly dropped, a
  third of the lower-case words dropped, a headline made from another sentence,
  name variants ("Mr. Trump"), reporting-verb substitutions, and background
  sentences (one, up to half as many as the story's own) taken from a nearby
  article that names the same people (a same-actor, different-event article),
  published 0-48 h later;
- 8% of stories get a syndicated copy (same text, new boilerplate line);
- the two seed articles (Obozrevatel, Turan; 25-26 July 2023) as one real
  cross-outlet story.

Derived versions share more wording with their source than independent
reporting does, so figures on this stream are optimistic for recall on real
multi-outlet coverage; the hard negatives are real, independent articles.

Stories are split in halves by a hash of the story id: ``dev`` (fit the merge
model) and ``test`` (report). Output: JSON lines with article_id, source, title,
text, published_at, story, split, kind.

    python benchmarks/cluster_data.py \
        --polnear /work/.mirror/networkdynamics+PolNeAR/repo \
        --seeds /work/shared/seeds --out /work/data-private/cluster-dev/stream.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

_SENT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_SWAPS = [
    ("said", "told reporters"),
    ("said", "stated"),
    ("says", "argues"),
    ("announced", "unveiled"),
    ("criticized", "slammed"),
    ("president", "commander in chief"),
    ("campaign", "team"),
    ("voters", "the electorate"),
    ("Tuesday", "earlier this week"),
    ("Republican", "GOP"),
    ("Democratic", "Democrat"),
    ("candidate", "contender"),
]
_NAMES = {
    "Donald Trump": ["Trump", "Mr. Trump", "Donald J. Trump", "the Republican nominee"],
    "Hillary Clinton": ["Clinton", "Mrs. Clinton", "Hillary Rodham Clinton"],
    "Bernie Sanders": ["Sanders", "Sen. Bernie Sanders", "Mr. Sanders"],
    "Ted Cruz": ["Cruz", "Sen. Ted Cruz", "Mr. Cruz"],
}
_OUTLETS = [
    "ap",
    "reuters",
    "cnn",
    "fox",
    "abc",
    "cbs",
    "npr",
    "guardian",
    "bbc",
    "axios",
]


def _git_show(repo: Path, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"HEAD:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _git_dir(path: Path) -> Path:
    return path / ".git" if (path / ".git").exists() else path


def load_polnear(repo: Path) -> list[dict]:
    """PolNeAR train+dev articles with publisher, date and title from metadata."""
    meta = {}
    for line in _git_show(repo, "data/metadata.tsv").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) > 7 and cols[0] in {"train", "dev", "annotator-training"}:
            meta[cols[1]] = (cols[0], cols[4], cols[5], cols[7])
    out = []
    for name, (split, publisher, date, title) in sorted(meta.items()):
        text = _git_show(repo, f"data/{split}/text/{name}.txt")
        paras = [p.strip() for p in text.split("\n") if p.strip()]
        if paras and paras[0].rstrip(".").lower() == title.rstrip(".").lower():
            paras = paras[1:]
        if len(" ".join(paras)) < 400:
            continue
        out.append(
            {
                "name": name,
                "source": publisher,
                "date": date,
                "title": title,
                "paragraphs": paras,
            }
        )
    return out


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())[:400]
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def _stories(arts: list[dict]) -> list[str]:
    """Story label per article: wire copies within two days share one."""
    parent = list(range(len(arts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sh = [_shingles(" ".join(a["paragraphs"])) for a in arts]
    days = [datetime.fromisoformat(a["date"]) for a in arts]
    for i in range(len(arts)):
        for j in range(i + 1, len(arts)):
            if abs((days[i] - days[j]).days) > 2 or not sh[i] or not sh[j]:
                continue
            if len(sh[i] & sh[j]) / len(sh[i] | sh[j]) >= 0.5:
                parent[find(i)] = find(j)
    return ["p-" + arts[find(i)]["name"] for i in range(len(arts))]


def _sentences(paras: list[str]) -> list[str]:
    return [s for p in paras for s in _SENT.split(p) if len(s.split()) >= 5]


def _caps(paras: list[str]) -> set[str]:
    return set(re.findall(r"\b[A-Z][a-z]{3,}\b", " ".join(paras[:3]))) - {
        "The",
        "This",
        "That",
    }


def _rewrite(art: dict, context: list[str], rng: random.Random) -> tuple[str, str]:
    """Another outlet's take: a third to a half of the facts, new order and wording.

    ``context`` holds sentences of other articles that name the same people,
    standing in for the background paragraphs outlets add.
    """
    sents = _sentences(art["paragraphs"])
    if len(sents) < 3:
        sents = sents * 2
    keep = min(8, max(2, int(len(sents) * rng.uniform(0.25, 0.5))))
    lead, rest = sents[0], sents[1:]
    rng.shuffle(rest)
    body = ([lead] if rng.random() < 0.3 else []) + rest[:keep]
    # Background stays a minority of the piece: at most half as many sentences.
    for _ in range(rng.randint(1, max(1, keep // 2))):
        if context:
            body.insert(rng.randint(1, len(body)), rng.choice(context))
    # Drop 30% of the lower-case words: outlets and translations word things
    # differently but keep the names and numbers.
    body = [
        " ".join(w for w in b.split() if not (w.islower() and rng.random() < 0.3))
        for b in body
    ]
    text = " ".join(body)
    for full, variants in _NAMES.items():
        if full in text:
            first, *later = text.split(full)
            text = first + full + "".join(rng.choice(variants) + p for p in later)
    for old, new in rng.sample(_SWAPS, 8):
        text = re.sub(rf"\b{old}\b", new, text, count=2)
    words = rng.choice(body[: max(1, len(body) // 2)]).split()
    title = " ".join(words[: rng.randint(7, 12)]).rstrip(",;:")
    sents2 = _SENT.split(text)
    paras, step = [], rng.randint(2, 3)
    for i in range(0, len(sents2), step):
        paras.append(" ".join(sents2[i : i + step]))
    return title, "\n\n".join(paras)


def _seed_articles(seeds: Path) -> list[dict]:
    out = []
    for path, src, when in (
        (seeds / "obozrevatel-2023-07-25.txt", "obozrevatel", "2023-07-25T15:40:00Z"),
        (seeds / "turan-2023-07-26.txt", "turan", "2023-07-26T06:10:00Z"),
    ):
        lines = [ln.strip() for ln in path.read_text().splitlines() if ln.strip()]
        title_at = 1 if src == "turan" else 0
        out.append(
            {
                "article_id": f"seed-{src}",
                "source": src,
                "title": lines[title_at],
                "text": "\n\n".join(lines[title_at + 1 :]),
                "published_at": when,
                "story": "seed-patel-briefing-2023-07-25",
                "kind": "seed",
            }
        )
    return out


def build(polnear: Path, seeds: Path | None, days: float, seed: int) -> list[dict]:
    rng = random.Random(seed)
    arts = load_polnear(_git_dir(polnear))
    stories = _stories(arts)
    order = sorted(range(len(arts)), key=lambda i: (arts[i]["date"], arts[i]["name"]))
    caps = [_caps(a["paragraphs"]) for a in arts]
    start = datetime(2016, 1, 1, tzinfo=UTC)
    span = days * 86400.0
    rows = []
    for rank, i in enumerate(order):
        a = arts[i]
        t0 = start + timedelta(seconds=span * rank / len(order) + rng.uniform(0, 3600))
        base = {
            "article_id": a["name"],
            "source": a["source"],
            "title": a["title"],
            "text": "\n\n".join(a["paragraphs"]),
            "published_at": t0,
            "story": stories[i],
            "kind": "base",
        }
        rows.append(base)
        if rng.random() < 0.6:
            near = [
                order[j] for j in range(max(0, rank - 40), min(len(order), rank + 40))
            ]
            related = [j for j in near if j != i and caps[j] & caps[i]] or near
            context = _sentences(arts[rng.choice(related)]["paragraphs"])
            for k in range(rng.choice([1, 1, 2, 2, 3, 4])):
                title, text = _rewrite(a, context, rng)
                rows.append(
                    {
                        "article_id": f"{a['name']}~r{k}",
                        "source": rng.choice(_OUTLETS),
                        "title": title,
                        "text": text,
                        "published_at": t0 + timedelta(hours=rng.uniform(0.2, 48)),
                        "story": stories[i],
                        "kind": "rewrite",
                    }
                )
        if rng.random() < 0.08:
            copy = dict(base)
            copy["article_id"] = f"{a['name']}~copy"
            copy["source"] = rng.choice(_OUTLETS)
            copy["text"] = (
                base["text"] + "\n\nCopyright the wire service. Used by permission."
            )
            copy["published_at"] = t0 + timedelta(hours=rng.uniform(0.1, 6))
            copy["kind"] = "copy"
            rows.append(copy)
    for row in rows:
        row["published_at"] = row["published_at"].isoformat().replace("+00:00", "Z")
    if seeds is not None:
        rows.extend(_seed_articles(seeds))
    for row in rows:
        h = hashlib.sha256(row["story"].encode()).digest()[0]
        row["split"] = "test" if row["kind"] == "seed" or h % 2 else "dev"
    rows.sort(key=lambda r: (r["published_at"], r["article_id"]))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--polnear", type=Path, required=True, help="PolNeAR git dir or checkout"
    )
    ap.add_argument(
        "--seeds", type=Path, default=None, help="directory of the seed articles"
    )
    ap.add_argument(
        "--out", type=Path, required=True, help="output JSONL (outside the repo)"
    )
    ap.add_argument("--days", type=float, default=20.0, help="days the stream spans")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    rows = build(args.polnear, args.seeds, args.days, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as fh:
        for row in rows:
            fh.write(orjson.dumps(row) + b"\n")
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row["kind"] + ":" + row["split"]] = (
            kinds.get(row["kind"] + ":" + row["split"], 0) + 1
        )
    print(
        orjson.dumps(
            {
                "articles": len(rows),
                "stories": len({r["story"] for r in rows}),
                "by_kind_split": dict(sorted(kinds.items())),
                "out": str(args.out),
            }
        ).decode()
    )


if __name__ == "__main__":
    main()
