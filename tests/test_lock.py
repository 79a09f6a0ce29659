"""requirements/lock.txt pins every runtime and test dependency, with hashes."""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from streams.testing import REPO

LOCK = REPO / "requirements" / "lock.txt"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)")


def _lock() -> dict[str, tuple[Version, list[str]]]:
    """Pinned name -> (version, hashes), from the lock's continued lines."""
    pins: dict[str, tuple[Version, list[str]]] = {}
    text = LOCK.read_text().replace("\\\n", " ")
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
            pins[canonicalize_name(match[1])] = (Version(match[2]), hashes)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return [
        Requirement(r)
        for r in [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    ]


def test_every_pin_has_hashes_and_nothing_machine_specific():
    pins = _lock()
    assert len(pins) > 50
    assert all(hashes for _, hashes in pins.values())
    text = LOCK.read_text()
    assert "--find-links" not in text
    assert "--index-url" not in text
    assert "-e " not in text  # the project itself is installed apart, --no-deps


@pytest.mark.parametrize("requirement", _declared(), ids=str)
def test_every_declared_dependency_is_locked_within_its_bounds(requirement):
    version, _ = _lock()[canonicalize_name(requirement.name)]
    assert requirement.specifier.contains(version, prereleases=True)


def test_installs_use_the_lock():
    makefile = (REPO / "Makefile").read_text()
    assert "pip install -q --require-hashes --no-deps -r $(LOCK)" in makefile
    assert "LOCK := requirements/lock.txt" in makefile
    assert "pip install -q --no-deps -e ." in makefile
    # CI installs through make (``make test`` and ``make demo``).
    assert "make test" in (REPO / ".ci" / "run").read_text()
