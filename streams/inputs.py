"""Read articles from files: .jsonl of RawArticle, .txt, .html/.htm, or directories."""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from streams.errors import SchemaError
from streams.records import RawArticle

__all__ = ["iter_input_payloads", "iter_inputs", "list_input_files"]

logger = logging.getLogger(__name__)

_SUFFIXES = (".jsonl", ".txt", ".html", ".htm", ".html.gz", ".htm.gz")
_DATE_TAIL = re.compile(r"[-_]\d{4}-\d{2}-\d{2}$")


def _suffix(path: Path) -> str | None:
    name = path.name.lower()
    return next((s for s in _SUFFIXES if name.endswith(s)), None)


def list_input_files(paths: list[str | Path]) -> list[Path]:
    """Expand directories (sorted, recursive) into the files we can read."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and _suffix(f)))
        elif p.is_file():
            if not _suffix(p):
                raise SchemaError("unknown_input", f"{p}: not .jsonl, .txt or .html")
            files.append(p)
        else:
            raise FileNotFoundError(p)
    return files


def _stem(path: Path) -> str:
    suffix = _suffix(path) or path.suffix
    return path.name[: -len(suffix)] if suffix else path.stem


def iter_input_payloads(paths: list[str | Path]) -> Iterator[dict[str, Any]]:
    """Yield one JSON-able RawArticle dict per article, in input order.

    A .txt or .html file is one article whose id is the file stem; its source is the
    stem without a trailing ``-YYYY-MM-DD`` (``turan-2023-07-26.txt`` -> ``turan``).
    """
    for path in list_input_files(paths):
        suffix = _suffix(path)
        if suffix == ".jsonl":
            with path.open("rb") as fh:
                for lineno, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        data = orjson.loads(line)
                    except orjson.JSONDecodeError as exc:
                        raise SchemaError(
                            "bad_json", f"{path}:{lineno}: {exc}"
                        ) from exc
                    yield data
            continue
        raw = path.read_bytes()
        if suffix and suffix.endswith(".gz"):
            raw = gzip.decompress(raw)
        content = raw.decode("utf-8", "replace")
        stem = _stem(path)
        body_key = "text" if suffix == ".txt" else "html"
        yield {"id": stem, "source": _DATE_TAIL.sub("", stem), body_key: content}


def iter_inputs(paths: list[str | Path]) -> Iterator[RawArticle]:
    """Yield RawArticle records from input files, in input order."""
    for payload in iter_input_payloads(paths):
        yield RawArticle.from_dict(payload)
