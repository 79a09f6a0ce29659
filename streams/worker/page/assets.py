"""The page's files (HTML, CSS, JS), shipped in the package and served from memory."""

from __future__ import annotations

import logging
from importlib import resources

import faust
from faust.web import Request, Response, View

__all__ = ["ASSETS", "SECURITY_HEADERS", "load_assets", "register_assets"]

logger = logging.getLogger(__name__)

ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}

# Scripts, styles and requests only from the worker itself: no CDN, and no inline
# script can run even if some text slipped into the page as HTML.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        "connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def load_assets() -> dict[str, bytes]:
    """The page's files by name, read from ``streams/worker/page/static``."""
    static = resources.files(__package__).joinpath("static")
    return {name: static.joinpath(name).read_bytes() for name in ASSETS}


def register_assets(app: faust.App) -> None:
    """Serve the page at ``/ui/`` (and ``/ui``) with its script and stylesheet."""
    files = load_assets()

    def serve(name: str) -> None:
        async def asset(web: View, request: Request) -> Response:
            # The charset goes in the header: aiohttp refuses it in content_type.
            headers = {"Content-Type": ASSETS[name], **SECURITY_HEADERS}
            return web.bytes(files[name], headers=headers)

        asset.__name__ = asset.__qualname__ = "asset_" + name.replace(".", "_")
        asset.__doc__ = f"The page's {name}."
        paths = ["/ui/", "/ui"] if name == "index.html" else ["/ui/" + name]
        for n, path in enumerate(paths):
            app.page(path, name=f"{asset.__name__}_{n}")(asset)

    for name in ASSETS:
        serve(name)
