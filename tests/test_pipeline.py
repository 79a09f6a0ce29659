"""Batch mode without Kafka: pass-through cleaning, source refs, ordered runs."""

from __future__ import annotations

import pytest

from streams.errors import StageError, StreamsError
from streams.pipeline import Pipeline, article_ref, passthrough_clean
from streams.records import RawArticle

BODY = (
    'The mayor spoke on Monday. "The bridge will reopen to traffic in March '
    'after repairs," Mayor Anna Berg said.'
)


def test_passthrough_clean_keeps_the_text_and_splits_paragraphs() -> None:
    text = "One para.\n\n  Two para.  \n\n\n"
    cleaned = passthrough_clean(RawArticle(id="a", source="s", text=text))
    assert cleaned.text == text
    assert cleaned.paragraphs == ("One para.", "Two para.")
    assert (cleaned.article_id, cleaned.source) == ("a", "s")
    assert passthrough_clean(RawArticle(id="h", html="<p>Hi</p>")).text == "<p>Hi</p>"


def test_passthrough_clean_refuses_an_empty_body() -> None:
    with pytest.raises(StageError) as info:
        passthrough_clean(RawArticle(id="e", text="  \n"))
    assert (info.value.stage, info.value.reason) == ("clean", "empty_body")


def test_article_ref_keeps_the_source_fields() -> None:
    raw = RawArticle.from_dict(
        {
            "id": "a",
            "source": "turan",
            "url": "https://example.org/a",
            "text": "Body.",
            "published_at": "2023-07-26T10:00:00+02:00",
        }
    )
    assert article_ref(passthrough_clean(raw)) == {
        "article_id": "a",
        "source": "turan",
        "url": "https://example.org/a",
        "published_at": "2023-07-26T08:00:00Z",
    }


def test_process_all_keeps_input_order_and_clusters_canonically() -> None:
    pipeline = Pipeline(no_clean=True)
    raws = [
        RawArticle(id="b", text=BODY),
        RawArticle(id="empty", text="  "),
        RawArticle(id="a", text=BODY),
    ]
    errors: list[StreamsError] = []
    done: list[int] = []
    lines = pipeline.process_all(
        raws, on_error=errors.append, on_done=lambda: done.append(1)
    )
    assert [line["article_id"] for line in lines] == ["b", "a"]
    assert [str(e) for e in errors] == ["clean: empty_body"]
    assert len(done) == 3
    # Undated articles cluster by id: "a" opens the story, "b" duplicates it.
    b, a = (line["cluster"] for line in lines)
    assert a["new_cluster"]
    assert b["duplicate_of"] == "a"
    snapshot = pipeline.claims_snapshot()
    assert list(snapshot) == ["anna-berg"]
    (record,) = snapshot.values()
    assert [claim["count"] for claim in record["claims"]] == [2]
    with pytest.raises(StageError):
        Pipeline(no_clean=True).process_all(raws)


def test_clean_keeps_one_outlet_memory_per_source() -> None:
    pipeline = Pipeline()
    for source in ("turan", "turan", "apa", None):
        pipeline.clean(RawArticle(id=f"x-{source}", source=source, text=BODY))
    assert sorted(pipeline.memories) == ["apa", "turan"]
