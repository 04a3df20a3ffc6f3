"""Full-text search: index the built site with Pagefind (run after MkDocs writes site/).

Pagefind runs as the binary bundled in the ``pagefind[extended]`` wheel (the
extended build segments Chinese, which the plain build cannot). It reads the
``lang`` of each page (Material's ``language: zh`` → ``<html lang="zh">``) and
indexes only elements marked ``data-pagefind-body`` — the article of document
pages (theme_overrides/main.html) — so index pages do not crowd the results.
The bundle, including the Pagefind UI assets, lands in ``site/pagefind/``.

In front of full-text search sits an exact doc-number lookup, written at render
time by the ``lookup`` page kind (:mod:`generator.render.kinds.lookup`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import urls


class SearchError(Exception):
    """Pagefind failed or wrote no index: its own message, for the build to report."""


def _quiet(line: str) -> None:
    """The default progress sink: say nothing."""

BUNDLE_DIR = "pagefind"


# Documents per index shard at most. Pagefind holds a whole run in memory (measured: 2,500 pages
# 2.4 GB, 25,000 pages 21 GB), so an archive larger than this is indexed shard by shard — one
# region each (a large region split by years) — and the search client merges the shards.
SHARD_MAX = int(os.environ.get("GAZETTE_SHARD_MAX", "3000"))
SHARDS_FILE = "shards.json"      # in site/pagefind/: the bundles the client merges (absent: one bundle)
UI_ASSETS = ("pagefind-ui.js", "pagefind-ui.css")
# Files Pagefind writes into every bundle that a merged search never loads from a shard: the pages
# load the UI once from pagefind/ (UI_ASSETS), and a shard serves only its index, fragments,
# filters, metadata, entry file, pagefind.js, its worker and wasm. Ten shards carry ~6 MB of them.
SHARD_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")

def pagefind_command(site_dir: str | Path, output: str | Path | None = None) -> list[str]:
    """The Pagefind invocation for a built site (the wheel's binary via ``python -m pagefind``)."""
    where = ["--output-path", str(output)] if output is not None else ["--output-subdir", BUNDLE_DIR]
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), *where, "--quiet"]


def run_pagefind(command: list[str], bundle: Path) -> str:
    """Run Pagefind; fail the build with its own message if it fails or writes no bundle."""
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise SearchError(f"gazette: Pagefind failed (exit {result.returncode}): {output}")
    if not (bundle / "pagefind.js").is_file():
        raise SearchError(f"gazette: Pagefind wrote no index in {bundle}: {output}")
    return output


def index_site(site_dir: str | Path, pages: dict[str, tuple[str, int]], cache_dir: Path | None = None,
               progress: Callable[[str], None] = _quiet) -> list[str]:
    """Index the built site with Pagefind: one bundle, or one per shard for a large archive.

    ``pages`` is the search plan the render stage made (site path of every page with a search
    body → its region and year): the built HTML is never read back to find them.
    Returns the bundle folders (site-relative) the search client loads.
    """
    site = Path(site_dir)
    # a --dirty build keeps the last site: its bundles would keep results of pages since removed
    shutil.rmtree(site / BUNDLE_DIR, ignore_errors=True)
    plan = shard_plan(pages)
    if len(plan) <= 1:
        output = run_pagefind(pagefind_command(site), site / BUNDLE_DIR)
        if output:
            progress(f"pagefind: {output}")
        return write_bundle_list(site, [BUNDLE_DIR + "/"])
    return index_sharded(site, plan, cache_dir, progress)


def write_bundle_list(site: Path, bundles: list[str]) -> list[str]:
    """Tell the search client which bundles to load (``pagefind/shards.json``), always written
    so the client never asks for a file that is not there."""
    (site / BUNDLE_DIR).mkdir(parents=True, exist_ok=True)
    (site / BUNDLE_DIR / SHARDS_FILE).write_text(json.dumps({"bundles": bundles}, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    return bundles


def shard_plan(pages: dict[str, tuple[str, int]]) -> dict[str, list[str]]:
    """Shard name → page paths: everything in one shard up to :data:`SHARD_MAX` pages; beyond, one
    shard per region, a region over the limit split into runs of consecutive years."""
    if len(pages) <= SHARD_MAX:
        return {"all": sorted(pages)}
    by_region: dict[str, dict[int, list[str]]] = {}
    for path, (region, year) in pages.items():
        by_region.setdefault(region, {}).setdefault(year, []).append(path)
    plan: dict[str, list[str]] = {}
    for region, years in sorted(by_region.items()):
        name = urls.safe_segment(region)
        if sum(len(v) for v in years.values()) <= SHARD_MAX:
            plan[name] = sorted(p for v in years.values() for p in v)
            continue
        group: list[str] = []
        first: int | None = None
        for year in sorted(years):
            if group and len(group) + len(years[year]) > SHARD_MAX:
                plan[f"{name}-{first}"] = sorted(group)
                group, first = [], None
            first = year if first is None else first
            group += years[year]
        if group:
            plan[f"{name}-{first}"] = sorted(group)
    return plan


def _shard_digest(site: Path, paths: list[str]) -> str:
    """What a shard's index depends on: its pages' bytes (and Pagefind's version, via its package)."""
    h = hashlib.sha256(_pagefind_version().encode())
    for rel in paths:
        h.update(rel.encode("utf-8") + b"\0" + (site / rel).read_bytes())
    return h.hexdigest()[:24]


def _pagefind_version() -> str:
    try:
        from importlib.metadata import version
        return version("pagefind")
    except Exception:  # noqa: BLE001 - unknown version: never reuse across installs by accident
        return "unknown"


def index_sharded(site: Path, plan: dict[str, list[str]], cache_dir: Path | None,
                  progress: Callable[[str], None] = _quiet) -> list[str]:
    """Index each shard into ``pagefind/<shard>/``, reusing a cached bundle when its pages are
    unchanged; then write :data:`SHARDS_FILE` and the UI assets the pages load from ``pagefind/``."""
    bundles = []
    rebuilt = 0
    for done, (name, paths) in enumerate(sorted(plan.items()), 1):
        progress(f"search shard {done}/{len(plan)}: {name} ({len(paths)} pages)")
        out = site / BUNDLE_DIR / name
        cached = cache_dir / "pagefind" / f"{name}-{_shard_digest(site, paths)}" if cache_dir else None
        if cached is not None and (cached / "pagefind.js").is_file():
            shutil.copytree(cached, out)
        else:
            _index_shard(site, paths, out)
            rebuilt += 1
            if cached is not None:
                shutil.rmtree(cached, ignore_errors=True)
                shutil.copytree(out, cached)
        bundles.append(f"{BUNDLE_DIR}/{name}/")
    first = site / BUNDLE_DIR / sorted(plan)[0]
    for asset in UI_ASSETS:
        shutil.copyfile(first / asset, site / BUNDLE_DIR / asset)
    for bundle in bundles:
        for name in SHARD_UNUSED:
            (site / bundle / name).unlink(missing_ok=True)
    progress(f"search index in {len(bundles)} shards ({rebuilt} rebuilt, "
             f"{len(bundles) - rebuilt} unchanged)")
    return write_bundle_list(site, bundles)


def _index_shard(site: Path, paths: list[str], out: Path) -> None:
    """Pagefind over one shard: a folder of hard links to its pages, so memory follows the shard."""
    with tempfile.TemporaryDirectory(prefix=".pagefind-shard-", dir=site.parent) as tmp:
        for rel in paths:
            target = Path(tmp) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / rel, target)
            except OSError:
                shutil.copyfile(site / rel, target)
        run_pagefind(pagefind_command(tmp, out), out)
