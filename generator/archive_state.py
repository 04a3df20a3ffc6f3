"""What each site of an archive was last built from, so that an update can leave a site alone.

After an editor's correction (``python -m generator archive update``) most sites of a large archive
have nothing new to show: a sentence corrected in one part changes that part's pages, not the
nineteen others'. Each of those sites still serves its share of the archive's search index, which
every change rewrites; everything else of it would come out of MkDocs byte for byte as it is. Such
a site is not built again: only its search share is put in (``refresh``).

Whether a site may be left alone is a cache decision, so it follows the project's rule for caches:
derived, never trusted. The key of a site is computed from everything its build reads:

* its catalogue (:func:`generator.catalogue.site_files`: what every site reads alike, with what its
  pages show of every document, the archive's declaration and every PDF's digest, and the whole
  text of the documents it serves), hashed as written;
* mkdocs.yml, every file of the theme's ``custom_dir`` and of the hooks it names, and the pages
  editors wrote (``docs_dir``'s files the generator does not own);
* the code: our package, Python's version, and the name and version of every installed
  distribution (MkDocs, Material, Markdown and its extensions, Jinja2 …);
* the archive's date (SOURCE_DATE_EPOCH, which sitemap.xml.gz carries).

and the site folder itself must be as that build left it (every file's name, size and time), so a
site changed by hand is built again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from .cachekey import package_version
from .config import from_mkdocs_yml, read_mkdocs_yml
from .render.registry import hand_written
from .search import BUNDLE_DIR

STATE_DIR = ".built"                  # under the archive's output folder: <site>.json per site


def site_key(catalogue_files: list[Path], config_file: Path, epoch: str) -> str:
    """The digest of everything a site's build reads (module docstring), but its search share."""
    h = hashlib.sha256()
    for path in catalogue_files:
        h.update(_file_digest(path))
    h.update(config_file.read_bytes())
    for path in _config_files(config_file):
        h.update(str(path).encode("utf-8") + b"\0" + _file_digest(path))
    h.update(package_version().encode() + sys.version.encode())
    for name, version in _distributions():
        h.update(f"{name}=={version}\n".encode("utf-8"))
    h.update(epoch.encode())
    return h.hexdigest()


def _file_digest(path: Path) -> bytes:
    """A file's sha256; the catalogue's common file, which every site's key reads, is hashed once."""
    st = os.stat(path)
    return _digest(str(path), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=64)
def _digest(path: str, size: int, mtime_ns: int) -> bytes:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.digest()


def _config_files(config_file: Path) -> list[Path]:
    """The files mkdocs.yml makes a build read besides itself: the theme's custom_dir, the hooks,
    and the editors' own pages in docs_dir, sorted."""
    data = read_mkdocs_yml(config_file)
    base = config_file.resolve().parent
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    found: list[Path] = []
    if theme.get("custom_dir"):
        found += _files(base / theme["custom_dir"])
    found += [base / hook for hook in data.get("hooks") or []]
    docs = from_mkdocs_yml(config_file).docs_dir
    found += [docs / rel for rel in hand_written(docs)]
    return sorted(found)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


@lru_cache(maxsize=1)
def _distributions() -> tuple[tuple[str, str], ...]:
    """Every installed distribution, by name and version."""
    return tuple(sorted({(d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions()}))


def folder_listing(site: Path) -> str:
    """The digest of a built site's every file name, size and time: a site touched since is seen.
    Its search share (``search-index/``) is left out: every update puts it in anew, whatever it
    holds, so the listing a site's check makes still holds once the share is put in, and the site
    is walked once (at 25,000 documents a part's share is a third of its files)."""
    h = hashlib.sha256()
    for folder, dirs, names in os.walk(site):
        if folder == str(site):
            dirs[:] = [d for d in dirs if d != BUNDLE_DIR]
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            st = os.stat(path)
            h.update(f"{os.path.relpath(path, site)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8"))
    return h.hexdigest()


def remember(out: Path, here: str, key: str, listing: str | None = None) -> None:
    """Record that site ``here`` in ``out`` was built from ``key`` (after a successful build), with
    its :func:`folder_listing` (made now unless given)."""
    folder = out / STATE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    state = {"key": key, "listing": listing or folder_listing(out / here)}
    tmp = folder / f"{here}.json.tmp"
    tmp.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / f"{here}.json")


def forget(out: Path, here: str) -> None:
    """Drop what was recorded of a site (before it is built again: a build that fails midway
    leaves no record claiming the site is whole)."""
    (out / STATE_DIR / f"{here}.json").unlink(missing_ok=True)


def unchanged(out: Path, here: str, key: str) -> str | None:
    """If site ``here`` was last built from ``key`` and is as that build left it, its listing
    (:func:`folder_listing`, for :func:`remember` once its search share is put in); else None."""
    try:
        state = json.loads((out / STATE_DIR / f"{here}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("key") != key or not (out / here).is_dir():
        return None
    listing = folder_listing(out / here)
    return listing if state.get("listing") == listing else None
