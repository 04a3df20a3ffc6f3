"""Full-text search: the documents' own bigram tokens (:mod:`.records`), indexed by Pagefind.

The index is made from the linked corpus, not from the built site: every
document becomes a :class:`~.records.SearchRecord`, written as a small HTML record
into a scratch folder the Pagefind CLI (the binary of the ``pagefind[extended]``
wheel) indexes, so the search stage never reads back a page the build wrote.
The bundle is written to a folder of its own, which the MkDocs plugin moves into
``site/pagefind/``; the search page (``search/``, theme_overrides/assets/javascripts/
gazette-search.js) asks it through Pagefind's JavaScript API, not Pagefind UI.

Pagefind's output is then made ours (:mod:`.bundle`): the UI assets it always
writes are dropped, the token text in the result fragments is replaced by the
document's metadata and text (a result's excerpt is cut from it), and the filter
files, whose values Pagefind writes in a different order on every run, are put in
order and named by their content, so two builds of one corpus give a
byte-identical index.

A large archive is indexed shard by shard (whole regions packed into as few
shards as :func:`shard_max` allows, a large region split by years; Pagefind holds
a whole run in memory) and the search page merges the shards. Each shard is cached under its digest: the records it holds, Pagefind's
version and the code of this package, so an unchanged shard is never indexed again.

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
import time
from collections.abc import Callable
from pathlib import Path

from .. import urls
from .bundle import normalise_bundle
from .records import LANGUAGE, TITLE_MARK, SearchRecord, corpus_records, record_html, record_meta, record_path

__all__ = ["BUNDLE_DIR", "SHARDS_FILE", "SearchError", "SearchRecord", "corpus_records", "index_records",
           "restore_index", "shard_plan"]


class SearchError(Exception):
    """Pagefind failed or wrote no index: its own message, for the build to report."""


def _quiet(line: str) -> None:
    """The default progress sink: say nothing."""


BUNDLE_DIR = "pagefind"          # where the bundle is served, under the site root
SHARDS_FILE = "shards.json"      # in pagefind/: the bundles the search page merges
# Documents per index shard at most. Pagefind holds a whole run in memory (measured: 2,500 pages
# 2.4 GB, 25,000 pages 21 GB), so an archive larger than this is indexed shard by shard.
SHARD_MAX = 3000


def shard_max() -> int:
    """:data:`SHARD_MAX`, or the ``GAZETTE_SHARD_MAX`` environment variable (tests shard a small site)."""
    return int(os.environ.get("GAZETTE_SHARD_MAX", SHARD_MAX))


def pagefind_command(records_dir: Path, output: Path) -> list[str]:
    """The Pagefind invocation for a folder of records: no segmentation, ``_`` kept in words."""
    return [sys.executable, "-m", "pagefind", "--site", str(records_dir), "--output-path", str(output),
            "--force-language", LANGUAGE, "--include-characters", TITLE_MARK, "--silent"]


def run_pagefind(command: list[str], bundle: Path) -> None:
    """Run Pagefind; fail the build with its own message if it fails or writes no bundle."""
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise SearchError(f"gazette: Pagefind failed (exit {result.returncode}): {output}")
    if not (bundle / "pagefind.js").is_file():
        raise SearchError(f"gazette: Pagefind wrote no index in {bundle}: {output}")


def shard_plan(records: list[SearchRecord]) -> dict[str, list[SearchRecord]]:
    """Shard name → its records: everything in one shard up to :func:`shard_max` records; beyond,
    as few shards as the limit allows, each a run of whole regions in name order (a region over
    the limit split into runs of consecutive years).

    Every query is asked of every shard, and each shard answers with an index chunk per token and
    its own page table, so the bytes of a query grow with the number of shards: they are packed
    full (measured at 5,000 documents: ten shards of one region each loaded 1.6 MB a query). A
    region stays in one shard, so a changed gazette re-indexes one shard."""
    limit = shard_max()
    if len(records) <= limit:
        return {"all": sorted(records, key=lambda r: r.url)}
    plan: dict[str, list[SearchRecord]] = {}
    names: list[str] = []
    group: list[SearchRecord] = []
    for name, unit in _region_units(records, limit):
        if group and len(group) + len(unit) > limit:
            plan[_shard_name(names)] = sorted(group, key=lambda r: r.url)
            names, group = [], []
        names.append(name)
        group += unit
    if group:
        plan[_shard_name(names)] = sorted(group, key=lambda r: r.url)
    return plan


def _region_units(records: list[SearchRecord], limit: int):
    """(name, records) of each region in name order, a region over ``limit`` as runs of years."""
    by_region: dict[str, dict[int, list[SearchRecord]]] = {}
    for record in records:
        by_region.setdefault(record.region, {}).setdefault(record.year, []).append(record)
    for region, years in sorted(by_region.items()):
        name = urls.safe_segment(region)
        if sum(len(v) for v in years.values()) <= limit:
            yield name, [r for v in years.values() for r in v]
            continue
        group: list[SearchRecord] = []
        first: int | None = None
        for year in sorted(years):
            if group and len(group) + len(years[year]) > limit:
                yield f"{name}-{first}", group
                group, first = [], None
            first = year if first is None else first
            group += years[year]
        if group:
            yield f"{name}-{first}", group


def _shard_name(names: list[str]) -> str:
    """A shard is named by its first region (or run of years) and, if it holds more, its last."""
    return names[0] if len(names) == 1 else f"{names[0]}-{names[-1]}"


def _code_version() -> str:
    """What the index depends on besides its records: Pagefind's version and this package's code."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        pagefind = version("pagefind_bin_extended")
    except PackageNotFoundError:      # never reuse a bundle across unknown installs by accident
        pagefind = "unknown"
    h = hashlib.sha256(pagefind.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        h.update(module.name.encode() + b"\0" + module.read_bytes())
    return h.hexdigest()


def shard_digest(records: list[SearchRecord], pages: list[str], metas: list[dict], code: str) -> str:
    """A shard's cache key: every byte Pagefind is given (``pages``: each record's HTML), the
    metadata put in its results afterwards, and the code that makes and reads them."""
    h = hashlib.sha256(code.encode())
    for record, page, meta in zip(records, pages, metas):
        for part in (record_path(record), page, json.dumps(meta, ensure_ascii=False)):
            h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()[:24]


def index_shard(records: list[SearchRecord], pages: list[str], metas: list[dict], out: Path) -> None:
    """Pagefind over one shard's records (``pages``: their HTML), written to a scratch folder and
    then deleted; the bundle in ``out`` is then normalised with their ``metas``
    (:func:`.bundle.normalise_bundle`)."""
    with tempfile.TemporaryDirectory(prefix=".gazette-records-") as tmp:
        for record, page in zip(records, pages):
            path = Path(tmp) / record_path(record)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page, encoding="utf-8")
        run_pagefind(pagefind_command(Path(tmp), out), out)
    normalise_bundle(out, {"/" + record.url: meta for record, meta in zip(records, metas)})


def index_records(records: list[SearchRecord], bundle: Path, cache_dir: Path | None = None,
                  progress: Callable[[str], None] = _quiet) -> dict[str, str]:
    """Write the search bundle of these records into ``bundle`` (replaced): one Pagefind bundle,
    or one per shard in sub-folders, and :data:`SHARDS_FILE` listing them (paths relative to the
    bundle folder). Shards whose records are unchanged come from the cache.

    Returns the shards (name → digest), which :func:`restore_index` can put together again."""
    started = time.perf_counter()
    shutil.rmtree(bundle, ignore_errors=True)
    plan = shard_plan(records)
    code = _code_version()
    shards, rebuilt = {}, 0
    for done, (name, shard) in enumerate(sorted(plan.items()), 1):
        if len(plan) > 1:
            progress(f"search shard {done}/{len(plan)}: {name} ({len(shard)} documents)")
        pages = [record_html(record) for record in shard]      # made once: for the key and the index
        metas = [record_meta(record) for record in shard]
        shards[name] = shard_digest(shard, pages, metas, code)
        out = _shard_folder(bundle, name, len(plan))
        cached = cache_dir / "search" / f"{name}-{shards[name]}" if cache_dir else None
        if cached is not None and (cached / "pagefind.js").is_file():
            shutil.copytree(cached, out, dirs_exist_ok=True)
        else:
            index_shard(shard, pages, metas, out)
            rebuilt += 1
            if cached is not None:
                _store(out, cached)
    _write_shard_list(bundle, shards)
    progress(f"search index: {len(records)} documents in {len(shards)} "
             f"{'shard' if len(shards) == 1 else 'shards'} ({rebuilt} indexed, {len(shards) - rebuilt} unchanged) "
             f"in {time.perf_counter() - started:.1f} s")
    return shards


def restore_index(shards: dict[str, str], bundle: Path, cache_dir: Path | None) -> bool:
    """Put the bundle of an earlier pass together again from the cache (a pass that found nothing
    changed); False when a shard is no longer cached."""
    if cache_dir is None or not shards:
        return False
    cached = {name: cache_dir / "search" / f"{name}-{digest}" for name, digest in shards.items()}
    if not all((folder / "pagefind.js").is_file() for folder in cached.values()):
        return False
    shutil.rmtree(bundle, ignore_errors=True)
    for name, folder in cached.items():
        shutil.copytree(folder, _shard_folder(bundle, name, len(shards)), dirs_exist_ok=True)
    _write_shard_list(bundle, shards)
    return True


def _shard_folder(bundle: Path, name: str, count: int) -> Path:
    """One shard is the bundle itself; several are its sub-folders."""
    return bundle if count == 1 else bundle / name


def _write_shard_list(bundle: Path, shards: dict[str, str]) -> None:
    """:data:`SHARDS_FILE`: the bundles the search page merges, relative to ``pagefind/``, always
    written so that the page never asks for a file that is not there."""
    folders = [""] if len(shards) == 1 else [f"{name}/" for name in sorted(shards)]
    bundle.mkdir(parents=True, exist_ok=True)
    (bundle / SHARDS_FILE).write_text(json.dumps({"bundles": folders}, ensure_ascii=False) + "\n",
                                      encoding="utf-8")


def _store(out: Path, cached: Path) -> None:
    """Keep a shard in the cache (stale versions of the same shard are dropped first)."""
    name = cached.name.rsplit("-", 1)[0]
    for old in cached.parent.glob(name + "-*"):
        digest = old.name[len(name) + 1:]
        if len(digest) == len(cached.name) - len(name) - 1 and "-" not in digest:
            shutil.rmtree(old, ignore_errors=True)
    tmp = cached.with_name(cached.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(out, tmp, ignore=shutil.ignore_patterns(SHARDS_FILE))
    os.replace(tmp, cached)
