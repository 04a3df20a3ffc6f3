"""The sample corpus as an archive in parts, built once per test session, and served as the web
would serve it.

Three parts by city (the gazette files are matched by glob, so the flat gazettes/ is split without
moving a file) and the portal, each on its own localhost port: distinct origins, as several
GitHub Pages sites are. The servers answer as GitHub Pages does (``Access-Control-Allow-Origin: *``
on every file), and one of the parts is served under a sub-path, as a project site is.
"""

from __future__ import annotations

import atexit
import filecmp
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

from site_builder import GAZETTES, ROOT

# The parts of the sample archive: name, the glob of its gazettes, the sub-path it is served under.
PARTS = (("shaoxing", "shaoxing-*", ""), ("quzhou", "quzhou-*", ""), ("jiaxing", "jiaxing-*", "sub/"))


@dataclass(frozen=True)
class BuiltArchive:
    """An archive built into ``out``: each site's name → its site_url and its built folder."""

    out: Path
    config: Path
    sites: dict[str, tuple[str, Path]]

    def url(self, name: str) -> str:
        return self.sites[name][0]

    def folder(self, name: str) -> Path:
        return self.sites[name][1]


def free_ports(n: int) -> list[int]:
    """``n`` ports free on this machine now (bound to port 0, then released)."""
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def write_archive_config(work: Path, urls: dict[str, str], gazettes: Path = GAZETTES, parts=PARTS) -> Path:
    """A copy of mkdocs.yml whose gazette plugin declares the sample archive: the portal at
    ``urls["portal"]``, and the ``parts`` (:data:`PARTS` unless given) at theirs."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs_src")
    config["site_dir"] = str(work / "site")
    config["theme"]["custom_dir"] = str(ROOT / "theme_overrides")
    config["plugins"] = [{"gazette": {
        "gazettes": str(gazettes), "cache_dir": str(work / "cache"),
        "archive": {"portal": {"site_url": urls["portal"]},
                    "parts": [{"name": name, "gazettes": glob, "site_url": urls[name]} for name, glob, _ in parts]}}}]
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file


def run_archive_build(config: Path, out: Path, *args: str, env: dict[str, str] | None = None
                      ) -> subprocess.CompletedProcess:
    """``python -m generator archive build`` as an archivist runs it."""
    return subprocess.run([sys.executable, "-m", "generator", "archive", "build", "-f", str(config),
                           "--out", str(out), *args], capture_output=True, text=True, timeout=900, cwd=ROOT,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def differing_files(a: Path, b: Path) -> list[str]:
    """Paths that differ between two folders (missing on one side, or other bytes)."""
    left = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    right = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = sorted(left ^ right)
    differ += [rel for rel in sorted(left & right) if not filecmp.cmp(a / rel, b / rel, shallow=False)]
    return differ


def archive_urls(ports: list[int]) -> dict[str, str]:
    """The site_url of the portal and of each part, one port each (one part under a sub-path)."""
    urls = {"portal": f"http://127.0.0.1:{ports[0]}/"}
    for (name, _, sub), port in zip(PARTS, ports[1:]):
        urls[name] = f"http://127.0.0.1:{port}/{sub}"
    return urls


@functools.cache
def sample_archive() -> BuiltArchive:
    """The sample archive built once per session, on ports free when it was built."""
    work = Path(tempfile.mkdtemp(prefix="gazette-archive-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    urls = archive_urls(free_ports(len(PARTS) + 1))
    config = write_archive_config(work, urls)
    out = work / "out"
    result = run_archive_build(config, out)
    if result.returncode != 0:
        raise RuntimeError(f"archive build failed:\n{result.stdout}\n{result.stderr[-4000:]}")
    return BuiltArchive(out, config, {name: (url, out / name) for name, url in urls.items()})


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server answering as GitHub Pages does: every response may be read by a page of
    any origin (Access-Control-Allow-Origin: *); quiet."""

    prefix = "/"

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        return super().translate_path(path)

    def log_message(self, *args) -> None:
        pass


def serve_archive(archive: BuiltArchive) -> list[http.server.ThreadingHTTPServer]:
    """Serve each site of the archive on the port (and sub-path) of its site_url, in threads; the
    caller shuts the servers down."""
    servers = []
    for name, (url, folder) in archive.sites.items():
        rest = url.split("://", 1)[1]
        hostport, _, path = rest.partition("/")
        port = int(hostport.rsplit(":", 1)[1])
        handler = type(f"Handler_{name}", (_PagesHandler,), {"prefix": "/" + path})
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers
