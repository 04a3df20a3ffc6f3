"""Full-text search: index the built site with Pagefind (run after MkDocs writes site/).

Pagefind runs as the binary bundled in the ``pagefind[extended]`` wheel (the
extended build segments Chinese, which the plain build cannot). It reads the
``lang`` of each page (Material's ``language: zh`` → ``<html lang="zh">``) and
indexes only elements marked ``data-pagefind-body`` — the article of document
pages (theme_overrides/main.html) — so index pages do not crowd the results.
The bundle, including the Pagefind UI assets, lands in ``site/pagefind/``.

In front of full-text search sits an exact doc-number lookup: Pagefind segments
``绍政发〔2017〕7号`` one way when indexing and a typed ``绍政发[2017]7号`` another,
so a number typed in any variant is canonicalised in the browser (the rules of
:mod:`generator.doc_number`, ported to theme_overrides/assets/javascripts/gazette-search.js)
and looked up in a small JSON map written at render time by :func:`number_shards`:
one file per hash of the series (``search/numbers/<fnv1a>.json``, see
:func:`generator.urls.number_shard_path`), so a query downloads only the numbers
of its own series, whatever the size of the archive.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import urls
from .doc_number import parse_doc_number

log = logging.getLogger("mkdocs.plugins.gazette")

BUNDLE_DIR = "pagefind"


def pagefind_command(site_dir: str | Path) -> list[str]:
    """The Pagefind invocation for a built site (the wheel's binary via ``python -m pagefind``)."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_DIR, "--quiet"]


def index_site(site_dir: str | Path) -> None:
    """Build the Pagefind index for ``site_dir``; fail the build with Pagefind's own message."""
    result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, timeout=600)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise PluginError(f"gazette: Pagefind failed on {site_dir} (exit {result.returncode}): {output}")
    if not (Path(site_dir) / BUNDLE_DIR / "pagefind.js").is_file():
        raise PluginError(f"gazette: Pagefind wrote no index in {site_dir}/{BUNDLE_DIR}: {output}")
    if output:
        log.info(f"gazette: pagefind: {output}")


def _series_key(number: str) -> str | None:
    """The shard key of a canonical doc number: its series, or its organ plus 令 for orders."""
    parsed = parse_doc_number(number)
    if parsed is None:
        return None
    return parsed.series + "令" if parsed.is_order else parsed.series


def number_shards(corpus) -> dict[str, str]:
    """The exact doc-number lookup as {site-relative path: JSON text}, deterministic.

    Each shard maps canonical number → list of {url, title, held}: every document
    the archive holds under that number (``7/``, ``7-2/`` …), else the citation
    page of a number only cited (held false, with the title the citing text
    gives, if any). ``url`` is a page key, relative to the site root.
    """
    shards: dict[str, dict[str, list[dict]]] = {}

    def add(number: str, entry: dict) -> None:
        series = _series_key(number)
        if series is not None:
            shards.setdefault(urls.number_shard_path(series), {}).setdefault(number, []).append(entry)

    for key, document in corpus.documents.items():
        if document.doc_number:
            add(document.doc_number, {"url": key, "title": " ".join(document.title.split()), "held": True})
    for number, info in corpus.wanted.items():
        add(number, {"url": info.key, "title": info.titles[0] if info.titles else "", "held": False})
    return {path: json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
            for path, table in sorted(shards.items())}
