"""The batch CLI contract (DESIGN.md): one JSON line per article, in input order."""

from __future__ import annotations

import orjson
import pytest

from streams.cli import main
from streams.schemas import validate
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory):
    out = tmp_path_factory.mktemp("process") / "out.jsonl"
    claims = out.with_name("claims.json")
    assert (
        main(["process", str(SEEDS), "-o", str(out), "--claims-out", str(claims)]) == 0
    )
    lines = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    return lines, orjson.loads(claims.read_bytes())


def test_process_writes_contract_records_in_input_order(seed_output):
    lines, _ = seed_output
    assert [x["article_id"] for x in lines] == [
        "obozrevatel-2023-07-25",
        "turan-2023-07-26",
    ]
    for line in lines:
        assert set(line) == {"article_id", "cleaned", "quotes", "cluster"}
        validate("cleaned-article", line["cleaned"])
        validate("cluster-assignment", line["cluster"])
        assert line["quotes"]
        for quote in line["quotes"]:
            validate("quote", quote)
            text = line["cleaned"]["text"]
            assert text[quote["start"] : quote["end"]] == quote["text"]


def test_process_writes_claims_table(seed_output):
    _, claims = seed_output
    assert claims
    for value in claims.values():
        validate("speaker-claims", value)


def test_no_clean_offsets_index_the_input(tmp_path):
    text = 'Intro line\n\n"We will win this fight," the mayor said on Monday.\n'
    src = tmp_path / "in.jsonl"
    src.write_bytes(orjson.dumps({"id": "n1", "text": text}) + b"\n")
    out = tmp_path / "out.jsonl"
    assert main(["process", str(src), "--no-clean", "-o", str(out)]) == 0
    (line,) = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert line["cleaned"]["text"] == text
    assert line["quotes"]
    for quote in line["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
