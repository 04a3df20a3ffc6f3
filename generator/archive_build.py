"""``python -m generator archive build``: an archive in parts, built as the sites it is published as.

    mkdocs.yml (archive) ──catalogue──▶ DIR/.catalogue/   (every gazette parsed and linked once,
                                                           the search index spread over the sites)
        ──one MkDocs run per site, in parallel──▶ DIR/portal/, DIR/<part>/ …   (each a whole site)

The catalogue stage (:mod:`generator.catalogue`) runs once; then the portal and every part is its
own ``mkdocs build --strict``, in its own process (``--jobs`` at a time), with the plugin told
which site it renders (:func:`generator.plugin.build_archive_site`). ``--part NAME`` builds one site
from a catalogue already in DIR, as one job of a CI matrix does.

Everything that carries a time is pinned (``SOURCE_DATE_EPOCH``: the archive's newest document
date, unless set), so two builds of the same input are byte-identical, site by site.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from . import archive_state
from .archive import Archive, read_archive
from .catalogue import CATALOGUE_DIR, build_catalogue, search_share, site_files, write_catalogue
from .config import SiteConfig, from_mkdocs_yml
from .model import GazetteError
from .render import foreign_blocks
from .render.registry import hand_written
from .search import BUNDLE_DIR

DOCS_DIR = ".docs"                  # each site's Markdown, under DIR (like docs_src/ for one site)
SITES_FILE = "sites.json"           # in the catalogue: the sites and the archive's date


class ArchiveBuildError(Exception):
    """The archive could not be built: one line saying what to do."""


def declared_archive(config_file: Path) -> tuple[SiteConfig, Archive]:
    """mkdocs.yml's site configuration and its archive; an error when none is declared."""
    site = from_mkdocs_yml(config_file)
    archive = read_archive(site.options.archive, config_file)
    if archive is None:
        raise ArchiveBuildError(f"{config_file}: the gazette plugin declares no archive "
                                f"(see README, “档案分站”); `make site` builds one site")
    return site, archive


def make_catalogue(config_file: Path, out: Path, progress: Callable[[str], None]) -> dict:
    """The catalogue stage: parse and link the whole archive into ``out/.catalogue/``; returns what
    the site builds need to know besides it (the sites, the archive's date)."""
    site, archive = declared_archive(config_file)
    options, base = site.options, site.base
    folder = out / CATALOGUE_DIR
    catalogue = build_catalogue(archive, options.path("gazettes", base) or base, config_file,
                                cache_dir=options.path("cache_dir", base), aliases=options.path("aliases", base),
                                workers=options.workers or None, progress=progress)
    write_catalogue(catalogue, folder, options.path("cache_dir", base), progress, read_elsewhere=foreign_blocks)
    info = {"sites": catalogue.sites, "source_date_epoch": catalogue.source_date_epoch()}
    (folder / SITES_FILE).write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                     encoding="utf-8")
    info["fingerprint"] = catalogue.fingerprint      # for this build's sites only: not in SITES_FILE,
                                                     # so a later --part checks its input itself
    for line in catalogue.errors:
        progress(f"WARNING: {line}")
    for refused in catalogue.refused:
        progress(f"refused: skipped gazette {refused}")
    return info


def say(line: str) -> None:
    """The archive command's progress line (also from the processes the build starts)."""
    print(f"gazette: {line}", file=sys.stderr, flush=True)


def _catalogue_task(config_file: str, out: str) -> dict:
    return make_catalogue(Path(config_file), Path(out), say)


def catalogue_apart(config_file: Path, out: Path) -> dict:
    """The catalogue stage in a process of its own, which ends with it: the linked archive and its
    search index take gigabytes at 100,000 documents, and the sites built next need none of it in
    this process (they read the catalogue from disk). Errors come back whole (GazetteError pickles)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_catalogue_task, str(config_file), str(out)).result()


def copy_hand_pages(docs_src: Path, target: Path) -> None:
    """Put the pages editors wrote (about.md …, everything in docs_src/ the generator does not own)
    into a site's docs folder: every site of the archive serves them."""
    for rel in hand_written(docs_src):
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(docs_src / rel, dest)


def build_one(config_file: str, here: str, out: str, epoch: str, dirty: bool = False,
              fingerprint: str = "") -> tuple[float, str | None]:
    """One site, in a process of its own: its pages from the catalogue, then MkDocs (``dirty``: over
    the site already built, rendering only changed pages). ``fingerprint``: the input's, when the
    caller has just made the catalogue from it (else the site's build reads every gazette to check
    the catalogue). Log lines carry the site's name. Returns the seconds it took and, if it failed,
    why (as text: MkDocs' own exceptions do not all cross a process boundary)."""
    from .plugin import build_archive_site

    os.environ.setdefault("SOURCE_DATE_EPOCH", epoch)
    mkdocs_log = logging.getLogger("mkdocs")
    if not mkdocs_log.handlers:                   # a worker process builds several sites in turn
        mkdocs_log.addHandler(logging.StreamHandler())
        mkdocs_log.setLevel(logging.INFO)
    for handler in mkdocs_log.handlers:
        handler.setFormatter(logging.Formatter(f"[{here}] %(levelname)-7s -  %(message)s"))
    started = time.perf_counter()
    try:
        site = from_mkdocs_yml(Path(config_file))
        docs = Path(out) / DOCS_DIR / here
        docs.mkdir(parents=True, exist_ok=True)
        copy_hand_pages(site.docs_dir, docs)
        build_archive_site(Path(config_file), here, Path(out) / CATALOGUE_DIR, Path(out) / here, docs, dirty,
                           fingerprint)
    except BaseException as exc:            # MkDocs' Abort, a PluginError, SystemExit …
        return time.perf_counter() - started, f"{type(exc).__name__}: {exc}"
    return time.perf_counter() - started, None


def build_sites(config_file: Path, out: Path, names: list[str], jobs: int, epoch: int,
                progress: Callable[[str], None], dirty: bool = False, fingerprint: str = "") -> list[str]:
    """Build the named sites, ``jobs`` at a time, each in a fresh process; the names of those that
    failed (each failure said in the log). ``dirty`` (an update): each over the site already there,
    and a site whose build would read nothing new (:mod:`generator.archive_state`) is not built,
    only given its new search share. Each site built is recorded with its key."""
    context = multiprocessing.get_context("spawn")
    failed: list[str] = []
    env_epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(epoch)
    keys = {name: archive_state.site_key(site_files(out / CATALOGUE_DIR, name), config_file, env_epoch)
            for name in names}
    listings = {name: archive_state.unchanged(out, name, keys[name]) if dirty else None for name in names}
    unchanged = [name for name in names if listings[name]]
    names = [name for name in names if name not in unchanged]
    for name in names:
        archive_state.forget(out, name)
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
        futures = {pool.submit(build_one, str(config_file), name, str(out), env_epoch, dirty, fingerprint): name
                   for name in names}
        for name in unchanged:                # while the sites that changed build
            _share_only(config_file, out, name, keys[name], listings[name], progress)
        for future in as_completed(futures):
            name = futures[future]
            try:
                seconds, error = future.result()
            except BaseException as exc:      # the worker process itself died
                seconds, error = 0.0, f"{type(exc).__name__}: {exc}"
            if error is None:
                archive_state.remember(out, name, keys[name])
                progress(f"site {name}: {'updated' if dirty else 'built'} into {out / name} ({seconds:.1f} s)")
            else:
                failed.append(name)
                progress(f"ERROR: site {name} failed: {error}")
    return sorted(failed)


def _share_only(config_file: Path, out: Path, here: str, key: str, listing: str,
                progress: Callable[[str], None]) -> None:
    """Site ``here`` was built from ``key`` and is as that build left it (``listing``): put its new
    share of the search index in (the one thing of it an update changes), and say so."""
    from .plugin import replace_dir

    started = time.perf_counter()
    _, archive = declared_archive(config_file)
    fresh = out / f".{here}.{BUNDLE_DIR}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    search_share(out / CATALOGUE_DIR, archive, here, fresh)
    replace_dir(fresh, out / here / BUNDLE_DIR)
    archive_state.remember(out, here, key, listing)
    progress(f"site {here}: no page changed, its search share put in ({time.perf_counter() - started:.1f} s)")


def run(config_file: Path, out: Path, jobs: int, part: str | None, progress: Callable[[str], None]) -> int:
    """The whole archive (catalogue, then every site), or with ``part`` one site from the catalogue
    already in ``out``. 0 when every site was built."""
    out = out.resolve()
    config_file = config_file.resolve()
    try:
        if part is None:
            info = _timed_catalogue(config_file, out, progress)
        else:
            info = _recorded(out, f"no catalogue in {out / CATALOGUE_DIR}: run "
                                  f"`python -m generator archive catalogue --out {out}` first")
            if part not in info["sites"]:
                raise ArchiveBuildError(f"no site named {part!r} in the archive (sites: {', '.join(info['sites'])})")
    except (GazetteError, ArchiveBuildError, ValueError) as exc:
        progress(f"ERROR: {exc}")
        return 2
    names = [part] if part else list(info["sites"])
    failed = build_sites(config_file, out, names, jobs, info["source_date_epoch"], progress,
                         fingerprint=info.get("fingerprint", ""))
    if failed:
        progress(f"ERROR: {len(failed)} of {len(names)} sites failed: {', '.join(failed)}")
        return 1
    progress(f"archive: {len(names)} site{'s' if len(names) > 1 else ''} in {out}: {', '.join(names)}")
    return 0


def update(config_file: Path, out: Path, jobs: int, progress: Callable[[str], None]) -> int:
    """The archive in ``out`` brought up to date with its gazettes after an editor's correction
    (``python -m generator archive update``): the catalogue made again, every gazette not changed
    read from the parse cache; then every site built over the one already there, each page written
    only when its Markdown changed (an ``mkdocs build --dirty``), so that what the sites' deploys
    upload is what changed. The result equals a clean ``archive build`` of the corrected gazettes,
    byte for byte. 0 when every site was updated."""
    out = out.resolve()
    config_file = config_file.resolve()
    try:
        built = _built_archive(out)
        _, archive = declared_archive(config_file)
        if archive.sites != built["sites"]:
            raise ArchiveBuildError(f"the parts declared in {config_file} are not those of the archive in {out}: "
                                    f"build it again (`python -m generator archive build --out {out}`)")
        info = _timed_catalogue(config_file, out, progress)
    except (GazetteError, ArchiveBuildError, ValueError) as exc:
        progress(f"ERROR: {exc}")
        return 2
    names = list(info["sites"])
    failed = build_sites(config_file, out, names, jobs, info["source_date_epoch"], progress, dirty=True,
                         fingerprint=info["fingerprint"])
    if failed:
        progress(f"ERROR: {len(failed)} of {len(names)} sites failed to update: {', '.join(failed)}; "
                 f"build the archive again (`python -m generator archive build --out {out}`)")
        return 1
    progress(f"archive: {len(names)} sites updated in {out}")
    return 0


def _timed_catalogue(config_file: Path, out: Path, progress: Callable[[str], None]) -> dict:
    """The catalogue stage (:func:`catalogue_apart`), its time said."""
    started = time.perf_counter()
    info = catalogue_apart(config_file, out)
    progress(f"catalogue written to {out / CATALOGUE_DIR} ({time.perf_counter() - started:.1f} s)")
    return info


def _recorded(out: Path, missing: str) -> dict:
    """What the catalogue in ``out`` recorded (:data:`SITES_FILE`: the sites, the archive's date);
    the error ``missing`` when there is none."""
    try:
        return json.loads((out / CATALOGUE_DIR / SITES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ArchiveBuildError(missing) from None


def _built_archive(out: Path) -> dict:
    """What the archive build already in ``out`` recorded (its sites); an error saying what to run
    when there is none, or a site of it is missing."""
    again = f"build it first (`python -m generator archive build --out {out}`)"
    info = _recorded(out, f"no archive built in {out}: {again}")
    missing = [name for name in info["sites"] if not (out / name).is_dir()]
    if missing:
        raise ArchiveBuildError(f"the archive in {out} has no site {', '.join(missing)}: {again}")
    return info


def catalogue_only(config_file: Path, out: Path, progress: Callable[[str], None]) -> int:
    """Only the catalogue stage (the first job of the archive workflow)."""
    try:
        make_catalogue(config_file.resolve(), out.resolve(), progress)
    except (GazetteError, ArchiveBuildError, ValueError) as exc:
        progress(f"ERROR: {exc}")
        return 2
    progress(f"catalogue written to {out.resolve() / CATALOGUE_DIR}")
    return 0


def site_list(config_file: Path) -> list[dict]:
    """The sites as a CI matrix takes them: name and site_url, the portal first."""
    _, archive = declared_archive(config_file.resolve())
    return [{"name": name, "site_url": url} for name, url in archive.sites.items()]
