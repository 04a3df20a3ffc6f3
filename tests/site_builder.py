"""Helpers for tests that build whole sites through the real pipeline, and read them back.

`mkdocs build` runs in a subprocess with the repo's mkdocs.yml, its docs_dir and
site_dir moved into a work folder and the plugin pointed at a given gazette
folder, exactly as `make site` would build that folder. Page text is read with
html.parser, never with regular expressions.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import yaml

from generator.render.registry import generated_roots

ROOT = Path(__file__).resolve().parent.parent
GAZETTES = ROOT / "gazettes"


def write_config(work: Path, gazettes: Path, **plugin_options) -> Path:
    """A copy of mkdocs.yml building ``gazettes`` into ``work/docs_src`` and ``work/site``."""
    docs = work / "docs_src"
    if not docs.exists():
        shutil.copytree(ROOT / "docs_src", docs, ignore=shutil.ignore_patterns(*generated_roots(), "index.md"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(work / "site")
    config["theme"]["custom_dir"] = str(ROOT / "theme_overrides")
    config["plugins"] = [{"gazette": {"gazettes": str(gazettes), **plugin_options}}]
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file


def mkdocs_build(work: Path, gazettes: Path, *, strict: bool = True, env: dict[str, str] | None = None,
                 **plugin_options) -> subprocess.CompletedProcess:
    """Run `mkdocs build` on ``gazettes`` into ``work/site`` (docs in ``work/docs_src``)."""
    work.mkdir(parents=True, exist_ok=True)
    config_file = write_config(work, gazettes, **plugin_options)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)] + (["--strict"] if strict else [])
    return subprocess.run(command, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


@functools.cache
def sample_site() -> Path:
    """The sample corpus (gazettes/) built once per test session with --strict; returns the work folder.

    Cached here rather than as a conftest fixture so several test modules share one build.
    """
    work = Path(tempfile.mkdtemp(prefix="gazette-sample-"))
    atexit.register(shutil.rmtree, work, True)
    result = mkdocs_build(work, GAZETTES)
    if result.returncode != 0:
        raise AssertionError(f"sample site build failed:\n{result.stdout}{result.stderr}")
    return work


def page_path(site: Path, key: str) -> Path:
    """The built HTML file of a page key."""
    return site / key / "index.html"


class PageText(HTMLParser):
    """A built page as the reader sees it: the article's text, its tags and attributes, its links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.article = ""               # text inside <article> (the page content, no theme chrome)
        self.article_tags: list[tuple[str, dict[str, str]]] = []
        self.all_tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []    # inline script bodies
        self._open = {"title": 0, "h1": 0, "article": 0, "script": 0}
        self._script: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.all_tags.append((tag, a))
        if self._open["article"]:
            self.article_tags.append((tag, a))
        if tag in self._open:
            self._open[tag] += 1
        if tag == "script":
            self._script = []

    def handle_endtag(self, tag):
        if tag == "script" and self._open["script"]:
            self.scripts.append("".join(self._script))
        if tag in self._open and self._open[tag]:
            self._open[tag] -= 1

    def handle_data(self, data):
        if self._open["script"]:
            self._script.append(data)
            return
        if self._open["title"]:
            self.title += data
        if self._open["h1"] and self._open["article"]:
            self.h1 += data
        if self._open["article"]:
            self.article += data

    @property
    def text(self) -> str:
        """The article's text with whitespace runs folded to one space."""
        return " ".join(self.article.split())


def read_page(site: Path, key: str) -> PageText:
    return PageText(page_path(site, key).read_text(encoding="utf-8"))
