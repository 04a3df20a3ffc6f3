"""What the browser tests and `make screenshots` share: serving a built site and launching Chromium.

Playwright's own browser download is not used: Debian's chromium runs headless
with the flags below. A site is served by Python's http.server from a thread,
optionally under a sub-path (``/archive/``) as GitHub Pages serves project sites.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Iterator

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "tablet": TABLET, "phone": PHONE}     # the widths readers' screens have
CARE_KEY = "gazette-care"            # the localStorage key of 关怀版 (gazette-page.js, main.html)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request; a 404 gets the site's own 404.html, as GitHub Pages does."""

    prefix = "/"
    served: list | None = None         # (site path, bytes) of every file sent, when asked for

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        """Send the file, noting its site path and size for whoever asked (bytes per query)."""
        if self.served is not None:
            start = source.tell()
            source.seek(0, os.SEEK_END)
            self.served.append((self.path[len(self.prefix):].split("?")[0], source.tell() - start))
            source.seek(start)
        super().copyfile(source, outputfile)

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path, prefix: str = "/", served: list | None = None) -> Iterator[str]:
    """Serve ``site`` at http://127.0.0.1:<port><prefix>; yields that base URL (ending in /).
    Given a list, every file sent is appended to it as (site path, bytes)."""
    handler = functools.partial(type("Handler", (_Quiet,), {"prefix": prefix, "served": served}),
                                directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
