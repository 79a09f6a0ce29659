"""The analyst page in a real headless Chromium, against a real worker on the broker.

The tests share one worker (module scope) and run in order: the seeds, Vedant
Patel's page, a third outlet arriving while the page is open, then hostile text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import PATEL_CLAIMS, get_json, wait_until
from tests.conftest import REPO

pytestmark = [pytest.mark.kafka, pytest.mark.browser]

THIRD = REPO / "tests" / "data" / "third-outlet.jsonl"
SCREENSHOTS = REPO / "docs"
SEED_SOURCES = {"obozrevatel", "turan"}


def show(browser: Any, base: str, fragment: str, ready: str) -> None:
    """Load the page at ``fragment`` and wait for an element of the view."""
    browser.get("about:blank")
    browser.get(f"{base}/ui/{fragment}")
    wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, ready), 20, ready)


def texts(root: Any, css: str) -> list[str]:
    return [e.text for e in root.find_elements(By.CSS_SELECTOR, css)]


def live(browser: Any) -> None:
    """Wait until the page's event stream reads from the topics' end."""
    wait_until(
        lambda: browser.execute_script("return document.body.dataset.live") == "ready",
        30,
        "the live event stream",
    )


def notice(browser: Any) -> str:
    element = browser.find_element(By.ID, "notice")
    return element.text if element.is_displayed() else ""


def screenshot(browser: Any, name: str) -> Path:
    """The whole view as docs/<name>.png (the window grows to the page's height)."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(int(height) + 20, 700), 2400))
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert browser.save_screenshot(str(path))
    browser.set_window_size(1280, 900)
    return path


def seed_story_id(base: str) -> str:
    _, body = get_json(base + "/stories?q=patel")
    (story,) = body["stories"]
    return story["cluster_id"]


def side_by_side(browser: Any) -> list[dict[str, str]]:
    """Rows of the claims table as {outlet: wording} (cells with a wording)."""
    rows = []
    for row in browser.find_elements(By.CSS_SELECTOR, "#side-by-side tr.claim-row"):
        cells = row.find_elements(By.CSS_SELECTOR, "td.wording")
        rows.append({c.get_attribute("data-source"): c.text for c in cells})
    return rows


def test_the_seeds_are_one_story_with_both_outlets_side_by_side(browser, page_worker):
    base = page_worker.url
    show(browser, base, "#/", "#stories .story")
    (card,) = browser.find_elements(By.CSS_SELECTOR, "#stories .story")
    assert "2 outlets · 2 articles" in card.text
    assert "Vedant Patel" in texts(card, ".chip.speaker")

    # The search box looks in headlines and speaker names.
    box = browser.find_element(By.ID, "q")
    for query, expected in (("patel", "1 story"), ("no such words", "0 stories")):
        box.clear()
        box.send_keys(query)
        wait_until(
            lambda q=query, e=expected: browser.find_element(
                By.ID, "stories-total"
            ).text.startswith(f"{e} matching “{q}”"),
            10,
            f"search for {query!r}",
        )
    box.clear()
    box.send_keys("iran remains")  # both seeds' headlines begin so
    wait_until(
        lambda: len(browser.find_elements(By.CSS_SELECTOR, "#stories .story")) == 1,
        10,
        "the story found by its headline",
    )

    browser.find_element(By.CSS_SELECTOR, "#stories .story h2 a").click()
    wait_until(
        lambda: browser.find_elements(By.CSS_SELECTOR, "#claims[data-loaded='true']"),
        20,
        "the story's claims",
    )
    articles = browser.find_elements(By.CSS_SELECTOR, "#timeline li.article")
    assert {a.get_attribute("data-source") for a in articles} == SEED_SOURCES
    firsts = [a for a in articles if a.find_elements(By.CSS_SELECTOR, ".badge")]
    assert len(firsts) == 1
    assert browser.find_element(By.ID, "headline").text == card_headline(base)

    rows = side_by_side(browser)
    backer = [r for r in rows if "top military backer" in r.get("turan", "")]
    assert backer == [
        {
            "turan": "Iran remains Russia's top military backer",
            "obozrevatel": "Iran remains Russia's main military backbone",
        }
    ]
    # Every claim both outlets reported comes before those only one did.
    widths = [len(r) for r in rows]
    assert widths == sorted(widths, reverse=True)
    assert widths.count(2) >= len(PATEL_CLAIMS)
    assert "Vedant Patel" in texts(browser, "#quotes .speaker-quotes h3")


def card_headline(base: str) -> str:
    _, body = get_json(base + "/stories")
    return body["stories"][0]["headline"]


def test_vedant_patels_page_lists_his_claims_with_both_outlets(browser, page_worker):
    show(browser, page_worker.url, "#/speaker/vedant-patel", "#claims .claim")
    assert browser.find_element(By.ID, "speaker-name").text == "Vedant Patel"
    roles = browser.find_element(By.CSS_SELECTOR, "dd.roles").text
    assert "Principal Deputy Spokesperson" in roles
    assert (
        "State Department"
        in browser.find_element(By.CSS_SELECTOR, "dd.organisations").text
    )

    cards = browser.find_elements(By.CSS_SELECTOR, "#claims .claim")
    outlets = [int(c.get_attribute("data-outlets")) for c in cards]
    assert outlets == sorted(outlets, reverse=True), "most widely reported first"
    for name, pattern in PATEL_CLAIMS.items():
        (card,) = [c for c in cards if pattern.search(c.text)]
        assert set(texts(card, ".outlet-chip")) == SEED_SOURCES, name
        assert len(card.find_elements(By.CSS_SELECTOR, ".sources li")) == 2, name
        assert len(card.find_elements(By.CSS_SELECTOR, ".variant")) == 2, name
        assert "first seen" in card.text
        assert "last seen" in card.text
    # The seeds give him one more claim both outlets carry (the drone strikes on
    # Kyiv, reported, not quoted) and two that only one outlet has.
    assert outlets.count(2) >= len(PATEL_CLAIMS)
    assert outlets.count(1) >= 1

    # An article link opens the article's story with the article marked.
    card.find_element(By.CSS_SELECTOR, ".sources li a[href^='#/article/']").click()
    wait_until(
        lambda: browser.find_elements(By.CSS_SELECTOR, "#timeline li.highlight"),
        20,
        "the article in its story",
    )


def test_a_third_outlet_updates_the_open_page_without_a_reload(browser, page_worker):
    base = page_worker.url
    story_id = seed_story_id(base)
    show(browser, base, f"#/story/{story_id}", "#claims[data-loaded='true']")
    live(browser)
    story_window = browser.current_window_handle
    browser.execute_script("window.__sameDocument = 'yes'")
    browser.switch_to.new_window("window")
    show(browser, base, "#/speaker/vedant-patel", "#claims .claim")
    live(browser)
    browser.execute_script("window.__sameDocument = 'yes'")
    speaker_window = browser.current_window_handle

    reports = page_worker.reports("vedant-patel")
    page_worker.produce(THIRD)

    # Notices, not moving content: the speaker's claims still show two outlets.
    # The notice counts his new reports (one per quote of the new article).
    def counted() -> bool:
        new = page_worker.reports("vedant-patel") - reports
        return new >= len(PATEL_CLAIMS) and notice(browser) == f"{new} new"

    wait_until(counted, 30, "'N new' on the speaker's page")
    top = browser.find_elements(By.CSS_SELECTOR, "#claims .claim")[0]
    assert top.get_attribute("data-outlets") == "2"
    browser.switch_to.window(story_window)
    wait_until(lambda: notice(browser) == "1 new", 30, "'1 new' on the story")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline li.article")) == 2

    browser.find_element(By.ID, "notice").click()
    wait_until(
        lambda: (
            len(browser.find_elements(By.CSS_SELECTOR, "#timeline li.article")) == 3
        ),
        20,
        "the third article in the story",
    )
    wait_until(
        lambda: browser.find_elements(By.CSS_SELECTOR, "#claims[data-loaded='true']"),
        20,
        "the story's claims",
    )
    assert browser.execute_script("return window.__sameDocument") == "yes"
    assert not browser.find_element(By.ID, "notice").is_displayed()
    sources = texts(browser, "#timeline li.article .outlet")
    assert set(sources) == {*SEED_SOURCES, "kyivpost"}
    # A published time (the third article's) comes before arrival times.
    first = browser.find_element(By.CSS_SELECTOR, "#timeline li.article:first-child")
    assert first.get_attribute("data-source") == "kyivpost"
    assert first.find_elements(By.CSS_SELECTOR, ".badge.first-reporter")
    backer = [
        r
        for r in side_by_side(browser)
        if "kyivpost" in r and "backbone" in r.get("obozrevatel", "")
    ]
    assert len(backer) == 1
    assert set(backer[0]) == {*SEED_SOURCES, "kyivpost"}
    screenshot(browser, "page-story")

    browser.switch_to.window(speaker_window)
    browser.find_element(By.ID, "notice").click()
    wait_until(
        lambda: (
            [
                c.get_attribute("data-outlets")
                for c in browser.find_elements(By.CSS_SELECTOR, "#claims .claim")[:3]
            ]
            == ["3", "3", "3"]
        ),
        20,
        "three claims from three outlets",
    )
    assert browser.execute_script("return window.__sameDocument") == "yes"
    screenshot(browser, "page-speaker")
    browser.close()
    browser.switch_to.window(story_window)

    show(browser, base, "#/", "#stories .story")
    assert (
        "3 outlets · 3 articles"
        in browser.find_element(By.CSS_SELECTOR, "#stories .story").text
    )
    screenshot(browser, "page-stories")


HOSTILE = {
    "id": "hostile-1",
    "source": "pranksters",
    "url": "javascript:window.__pwned=3",
    "title": 'Mayor <img src=x onerror="window.__pwned=1"> opens bridge',
    "text": (
        'Mayor <img src=x onerror="window.__pwned=1"> opens bridge\n\n'
        "The mayor of Springfield opened the new river bridge on Monday after three"
        " years of work.\n\n"
        '"We built this bridge <script>window.__pwned=2</script> for every family in'
        ' the valley," Mayor Joe Quimby told reporters at the opening ceremony.\n\n'
        "The bridge cost 40 million dollars and carries two lanes of traffic and a"
        " cycle path."
    ),
}


def test_article_text_is_shown_as_text_never_run(browser, page_worker, tmp_path):
    base = page_worker.url
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(orjson.dumps(HOSTILE) + b"\n")
    page_worker.produce(path)
    wait_until(
        lambda: get_json(base + "/speakers/joe-quimby")[0] == 200, 60, "the quote"
    )

    show(browser, base, "#/?q=bridge", "#stories .story")
    headline = browser.find_element(By.CSS_SELECTOR, "#stories .story h2 a")
    assert headline.text == HOSTILE["title"]
    headline.click()
    wait_until(
        lambda: browser.find_elements(By.CSS_SELECTOR, "#claims[data-loaded='true']"),
        20,
        "the hostile story",
    )
    quotes = texts(browser, "#quotes blockquote")
    assert any("<script>window.__pwned=2</script>" in q for q in quotes)
    # The javascript: url is no link; the outlet shows as plain text.
    (outlet,) = browser.find_elements(By.CSS_SELECTOR, "#timeline .outlet")
    assert outlet.tag_name == "span"
    assert outlet.text == "pranksters"

    show(browser, base, "#/speaker/joe-quimby", "#claims .claim")
    assert (
        "<script>window.__pwned=2</script>"
        in browser.find_element(By.CSS_SELECTOR, "#claims .claim-text").text
    )
    assert browser.execute_script("return window.__pwned") is None
    assert (
        browser.execute_script(
            "return document.querySelectorAll('main script, main img').length"
        )
        == 0
    )
    errors = [
        e
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and "pwned" in e["message"]
    ]
    assert errors == []
