"""Regions (地区: the city a gazette belongs to): a page per region (its issues, its documents by
year) and the index of regions (``regions/``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ..escape import escape_text
from ...corpus.views import issue_label
from ..meta import one_line
from ..registry import HomeLink, PageKind, register
from ..site import Listing, Site
from .type import count_index_pages


@dataclass(frozen=True)
class RegionPage(Listing):
    """The context of region.md.j2."""

    name: str
    issues: list[dict]               # on the first page only; the newest PageLimits.page_rows of them
    issue_count: int


def region_page(site: Site, region: str, keys: list[str]) -> Iterator[tuple[str, str]]:
    """A region (city): its gazette issues (the newest page of them, on its first page; every issue
    is on the issue index) and its documents by year."""
    issues = [i for i in site.corpus.issues if i.region == region]
    by_age = sorted(issues, key=lambda i: (i.year or 0, urls.issue_key(i)))
    newest = {id(i) for i in by_age[-site.limits.page_rows:]}     # by identity: an issue's == compares every field
    shown = [{"label": issue_label(i), "key": urls.issue_key(i), "count": len(i.documents)}
             for i in issues if id(i) in newest]
    meta = {"kind": "region", "title": escape_text(region), "region": one_line(region)}
    key = urls.region_key(region)
    yield from site.listing_pages("region.md.j2", key, meta, keys, lambda **fields: RegionPage(
        name=region, issue_count=len(issues),
        issues=shown if fields["pager"] is None or fields["pager"].number == 1 else [], **fields))


def regions_index(site: Site) -> Iterator[tuple[str, str]]:
    """All regions (cities) the gazettes come from."""
    rows = site.count_rows(site.by_region, urls.region_key)
    unknown = len(site.corpus.documents) - sum(r["count"] for r in rows)
    note = f"另有 {unknown} 件所刊公报未标地区。" if unknown else ""
    yield from count_index_pages(site, urls.REGIONS_INDEX, "地区", rows, note)


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield from site.grouped_pages(site.by_region, urls.region_key, region_page, "region", "region")
    yield from regions_index(site)


def home_link(site: Site) -> HomeLink:
    return HomeLink(50, "地区", urls.REGIONS_INDEX, f"按公报所属城市浏览（{len(site.by_region)} 个）")


register(PageKind("region", pages, roots=("regions",), home_link=home_link), priority=40)
