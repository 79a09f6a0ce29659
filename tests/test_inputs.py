"""Reading articles from files: .jsonl, .txt, .html(.gz) and directories."""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest

from streams.errors import SchemaError
from streams.inputs import iter_input_payloads, iter_inputs, list_input_files


def test_directories_expand_sorted_and_recursive(tmp_path: Path) -> None:
    tree = tmp_path / "in"
    (tree / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.jsonl", "sub/c.html.gz", "notes.md", "sub/d.htm"):
        (tree / name).write_bytes(b"")
    single = tmp_path / "z.txt"
    single.write_bytes(b"")
    files = list_input_files([single, tree])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "z.txt",
        "in/a.jsonl",
        "in/b.txt",
        "in/sub/c.html.gz",
        "in/sub/d.htm",
    ]


def test_unknown_or_missing_files_are_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("x")
    with pytest.raises(SchemaError) as info:
        list_input_files([notes])
    assert info.value.reason == "unknown_input"
    with pytest.raises(FileNotFoundError):
        list_input_files([tmp_path / "absent.txt"])


def test_text_and_html_files_are_one_article_each(tmp_path: Path) -> None:
    (tmp_path / "turan-2023-07-26.txt").write_text("Body text.", encoding="utf-8")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(b"<p>Caf\xc3\xa9</p>"))
    assert list(iter_input_payloads([tmp_path])) == [
        {"id": "page", "source": "page", "html": "<p>Café</p>"},
        {"id": "turan-2023-07-26", "source": "turan", "text": "Body text."},
    ]


def test_jsonl_lines_in_order_and_blank_lines_skipped(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [{"id": "n1", "text": "One."}, {"id": 7, "html": "<p>Two.</p>"}]
    src.write_bytes(orjson.dumps(rows[0]) + b"\n\n" + orjson.dumps(rows[1]) + b"\n")
    assert list(iter_input_payloads([src])) == rows
    raws = list(iter_inputs([src]))
    assert [(r.article_id, r.text, r.html) for r in raws] == [
        ("n1", "One.", None),
        ("7", None, "<p>Two.</p>"),
    ]


def test_bad_json_names_the_file_and_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": "ok", "text": "x"}\n{not json\n')
    payloads = iter_input_payloads([src])
    assert next(payloads)["id"] == "ok"
    with pytest.raises(SchemaError) as info:
        next(payloads)
    assert info.value.reason == "bad_json"
    assert info.value.detail.startswith(f"{src}:2: ")
