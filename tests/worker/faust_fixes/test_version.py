"""The installed faust-streaming is the version the repairs were written for."""

from __future__ import annotations

from importlib.metadata import version

from streams.worker.faust_fixes import WRITTEN_FOR


def test_faust_streaming_is_the_version_the_repairs_were_written_for() -> None:
    installed = version("faust-streaming")
    assert installed == WRITTEN_FOR, (
        f"faust-streaming {installed} is installed, but streams/worker/faust_fixes/ "
        f"was written for {WRITTEN_FOR}: check each defect listed in its "
        "__init__.py against the new release, delete the repairs upstream has made "
        "unneeded, then set WRITTEN_FOR to the new version"
    )
