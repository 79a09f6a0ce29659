"""The analyst page's files: shipped in the package, nothing loaded from elsewhere."""

from __future__ import annotations

import re

from streams.worker.page.assets import ASSETS, SECURITY_HEADERS, load_assets


def test_the_page_ships_in_the_package_and_loads_nothing_from_elsewhere():
    files = load_assets()
    assert set(files) == set(ASSETS)
    for name, body in files.items():
        text = body.decode("utf-8")
        # Links to outlets are built at run time; nothing is fetched from a host.
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), name
        assert "@import" not in text, name
    script = files["app.js"].decode()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in script
    assert "eval(" not in script
    assert "script-src 'self'" in SECURITY_HEADERS["Content-Security-Policy"]
