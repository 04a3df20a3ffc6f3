"""An archive bigger than one site: its parts (分站), declared in one place, and which gazettes each holds.

GitHub Pages publishes at most 1 GB a site, so an archive past that (a province over twenty years,
《国务院公报》 since 1955) is published as several sites, its parts, with a portal (门户站) in front.
The ``gazette`` plugin's entry in mkdocs.yml declares them::

    archive:
      portal: {site_url: https://archive.example.org/}
      parts:
        - {name: shaoxing, gazettes: shaoxing, site_url: https://shaoxing.example.org/}
        - {name: quzhou, gazettes: [quzhou, "zhejiang/quzhou-199*"], site_url: https://quzhou.example.org/}

A part's ``gazettes`` are folders or globs under the archive's gazette folder (the plugin's
``gazettes`` option stays the root), so a flat folder can be split without moving a file, and a
region too big for one site can be split by period (``zhejiang/*-199*``, ``zhejiang/*-200*``).

This module is the declaration and the assignment only: :func:`read_archive` checks the
declaration, :func:`assign_parts` puts every gazette under the root into exactly one part. A gazette
in no part, or in two, would have no one address, so either is one error naming the file. (The
catalogue and the parts' builds, issue 29, are built on these.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .messages import refusal
from .sources import gazette_files

from .urls import PORTAL                               # the portal's folder beside the parts' (DIR/portal/)
_PART_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")      # a folder name and a matrix job's name
_SITE_URL = re.compile(r"https?://[^\s/]+(/\S*)?\Z")


@dataclass(frozen=True)
class Part:
    """One site of the archive: its name, the folders or globs of its gazettes, its address."""

    name: str
    gazettes: tuple[str, ...]           # folders or globs, relative to the archive's gazette folder
    site_url: str                       # ends with "/"


@dataclass(frozen=True)
class Archive:
    """The portal's address and the parts, in the order declared."""

    portal_url: str                     # ends with "/"
    parts: tuple[Part, ...]

    @property
    def sites(self) -> dict[str, str]:
        """Every site's name → site_url: the portal first, then the parts as declared (the order the
        search index is spread in, and the order they are built)."""
        return {PORTAL: self.portal_url, **{part.name: part.site_url for part in self.parts}}


def read_archive(entry: object, config_file: str | Path) -> Archive | None:
    """The archive declared by the plugin's ``archive`` entry, checked; None when there is none
    (one site, as always). Any fault is one error naming ``config_file``."""
    if entry is None or entry == {}:
        return None
    if not isinstance(entry, Mapping) or not isinstance(entry.get("portal"), Mapping):
        raise refusal("archive-not-mapping", config_file)
    portal_url = _site_url(entry["portal"].get("site_url"), "portal", config_file)
    declared = entry.get("parts")
    if not isinstance(declared, list) or not declared:
        raise refusal("archive-no-parts", config_file)
    parts = tuple(_part(item, number, config_file) for number, item in enumerate(declared, 1))
    _distinct(parts, portal_url, config_file)
    return Archive(portal_url, parts)


def _part(item: object, number: int, config_file: str | Path) -> Part:
    """One declared part, checked."""
    missing = [key for key in ("name", "gazettes", "site_url") if not isinstance(item, Mapping) or not item.get(key)]
    if missing:
        raise refusal("archive-part", config_file, number=number, missing="、".join(missing))
    name = str(item["name"])
    if not _PART_NAME.match(name) or name == PORTAL:
        raise refusal("archive-name", config_file, name=name)
    patterns = item["gazettes"] if isinstance(item["gazettes"], list) else [item["gazettes"]]
    return Part(name, tuple(str(p) for p in patterns), _site_url(item["site_url"], name, config_file))


def _site_url(value: object, where: str, config_file: str | Path) -> str:
    """A site's address, absolute, ending with "/" (links to it are made by appending a page's path)."""
    url = str(value or "")
    if not _SITE_URL.match(url):
        raise refusal("archive-url", config_file, where=where, url=url or "（空）")
    return url if url.endswith("/") else url + "/"


def _distinct(parts: tuple[Part, ...], portal_url: str, config_file: str | Path) -> None:
    """Every part has a name of its own, and every site (the portal too) an address of its own."""
    names: set[str] = set()
    seen = {portal_url: PORTAL}
    for part in parts:
        if part.name in names:
            raise refusal("archive-name", config_file, name=part.name)
        names.add(part.name)
        if part.site_url in seen:
            raise refusal("archive-same-url", config_file, first=seen[part.site_url], second=part.name,
                          url=part.site_url)
        seen[part.site_url] = part.name


def assign_parts(archive: Archive, root: Path, config_file: str | Path) -> dict[str, list[Path]]:
    """Each part's gazettes, in name order: every gazette file under ``root`` (in any folder) in
    exactly one part. A pattern reaching outside ``root``, a part with no gazette, and a gazette in
    no part or in two are each one error (the last two name the gazette)."""
    every = _every_gazette(root)
    holder: dict[Path, str] = {}
    assigned: dict[str, list[Path]] = {}
    for part in archive.parts:
        mine = sorted({path for pattern in part.gazettes for path in _matches(root, pattern, part, config_file)
                       if path in every})
        if not mine:
            raise refusal("archive-empty-part", config_file, name=part.name, patterns="、".join(part.gazettes))
        for path in mine:
            if path in holder:
                raise refusal("archive-two-parts", path, first=holder[path], second=part.name)
            holder[path] = part.name
        assigned[part.name] = mine
    for path in sorted(every):
        if path not in holder:
            raise refusal("archive-no-part", path)
    return assigned


def _every_gazette(root: Path) -> set[Path]:
    """The gazettes of ``root`` and of every folder below it (as sources.gazette_files reads a folder)."""
    folders = [root, *sorted(p for p in root.rglob("*") if p.is_dir())]
    return {path for folder in folders for path in gazette_files(folder)}


def _matches(root: Path, pattern: str, part: Part, config_file: str | Path) -> list[Path]:
    """The files a part's pattern names: a folder's gazettes, or what a glob matches (a folder it
    matches stands for that folder's gazettes). A pattern that could leave the root (absolute, or
    with ``..``) is refused, never followed."""
    relative = PurePosixPath(pattern)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise refusal("archive-pattern", config_file, name=part.name, pattern=pattern, root=root)
    found: list[Path] = []
    for match in [root / relative] if (root / relative).is_dir() else sorted(root.glob(str(relative))):
        found.extend(gazette_files(match) if match.is_dir() else [match])
    return found
