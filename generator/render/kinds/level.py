"""级别 (the level of government a document comes from: 国务院, 省, 市, 县, 部门): a page per level
(its documents by year, or past PageLimits.listing_rows its years) and the index (``levels/``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ...vocabulary import LEVELS
from ..escape import escape_text
from ..meta import one_line
from ..registry import HomeLink, PageKind, register
from ..site import Listing, Site
from .type import count_index_pages


@dataclass(frozen=True)
class LevelPage(Listing):
    """The context of level.md.j2."""

    name: str


def level_page(site: Site, level: str, keys: list[str]) -> Iterator[tuple[str, str]]:
    """A level: its documents by year."""
    meta = {"kind": "level", "title": escape_text(level), "level": one_line(level)}
    key = urls.level_key(level)
    yield from site.listing_pages("level.md.j2", key, meta, keys,
                                  lambda **fields: LevelPage(name=level, **fields))


def levels_index(site: Site) -> Iterator[tuple[str, str]]:
    """All levels, highest government first (the order readers know, not by count)."""
    rows = sorted(site.count_rows(site.by_level, urls.level_key),
                  key=lambda r: LEVELS.index(r["name"]) if r["name"] in LEVELS else len(LEVELS))
    yield from count_index_pages(site, urls.LEVELS_INDEX, "级别", rows,
                                 "级别按落款机关判断：政府及其办公厅（室）所发为其层级，政府部门所发为“部门”。")


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield from site.grouped_pages(site.by_level, urls.level_key, level_page, "level", "level")
    yield from levels_index(site)


def home_link(site: Site) -> HomeLink:
    return HomeLink(55, "级别", urls.LEVELS_INDEX, f"按国务院、省、市、县与部门浏览（{len(site.by_level)} 级）")


register(PageKind("level", pages, roots=("levels",), home_link=home_link), priority=45)
