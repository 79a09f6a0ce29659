"""A headless Chromium (Debian's chromium and chromium-driver) and one shared worker.

The browser tests skip when Chromium is not installed, unless
``STREAMS_REQUIRE_BROWSER=1`` (CI), where they fail instead.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from streams.inputs import iter_input_payloads
from streams.testing import WorkerProcess
from tests.conftest import SEEDS, _delete_topics, isolated_settings
from tests.integration.helpers import ensure_topics, produce_payloads

BROWSERS = ("chromium", "chromium-browser")
# Vedant Patel's three direct quotes, worded differently by each outlet.
PATEL_CLAIMS = {
    "backer": re.compile(r"top military backer|main military backbone"),
    "drones": re.compile(r"hundreds of"),
    "deepen": re.compile(r"continues to (be )?deepen"),
}
DRIVERS = ("chromedriver",)


def _missing(reason: str) -> None:
    if os.environ.get("STREAMS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (STREAMS_REQUIRE_BROWSER=1)")
    pytest.skip(f"{reason}: apt-get install chromium chromium-driver")


def _which(names: tuple[str, ...]) -> str | None:
    return next((p for p in map(shutil.which, names) if p), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by selenium through Debian's chromedriver."""
    binary, driver_path = _which(BROWSERS), _which(DRIVERS)
    if binary is None or driver_path is None:
        _missing("chromium or chromedriver is not installed")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=en-US",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def get_json(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - localhost
            return resp.status, orjson.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, orjson.loads(exc.read())


try:  # elements a re-render replaced while a check read them: check again
    from selenium.common.exceptions import (
        NoSuchElementException,
        StaleElementReferenceException,
    )

    _RETRY: tuple[type[Exception], ...] = (
        NoSuchElementException,
        StaleElementReferenceException,
    )
except ImportError:
    _RETRY = ()


def wait_until(check: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = check()
        except _RETRY:
            result = None
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class PageWorker:
    """A running worker with the seeds processed, and a way to produce more."""

    def __init__(self, worker: WorkerProcess) -> None:
        self.worker = worker
        self.settings = worker.settings
        self.url = worker.url

    def produce(self, *paths: Path) -> None:
        produce_payloads(self.settings, list(iter_input_payloads(list(paths))))

    def reports(self, speaker_id: str) -> int:
        """A speaker's reports (articles per claim, summed) as the API counts them."""
        status, body = get_json(f"{self.url}/speakers/{speaker_id}")
        return int(body.get("report_count", 0)) if status == 200 else 0

    def patel_outlets(self) -> dict[str, set[str]]:
        """Outlets of each of Vedant Patel's three direct claims in the seeds."""
        status, body = get_json(self.url + "/speakers/vedant-patel/claims?limit=100")
        claims = body.get("claims", []) if status == 200 else []
        found = {}
        for name, pattern in PATEL_CLAIMS.items():
            matching = [c for c in claims if pattern.search(c["text"])]
            if len(matching) == 1:
                found[name] = {s["source"] for s in matching[0]["sources"]}
        return found


@pytest.fixture(scope="module")
def page_worker(
    kafka_broker: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PageWorker]:
    """One worker for the module's browser tests, with the two seeds processed."""
    tmp = tmp_path_factory.mktemp("page-worker")
    settings = isolated_settings(kafka_broker, tmp / "worker")
    ensure_topics(settings)
    worker = WorkerProcess(settings, tmp / "worker.log")
    worker.start()
    try:
        page = PageWorker(worker)
        page.produce(SEEDS)

        def seeds_done() -> bool:
            status, body = get_json(page.url + "/stories")
            stories = body.get("stories", []) if status == 200 else []
            return bool(stories) and stories[0]["article_count"] == 2

        wait_until(seeds_done, 90, "the seeds' story")
        # The claims table trails the stories: wait for both outlets' claims.
        wait_until(
            lambda: (
                all(len(o) == 2 for o in page.patel_outlets().values())
                and len(page.patel_outlets()) == len(PATEL_CLAIMS)
            ),
            60,
            "Vedant Patel's claims from both seeds",
        )
        yield page
    finally:
        worker.stop()
        asyncio.run(_delete_topics(settings))
