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
from .type import CountIndex


@dataclass(frozen=True)
class RegionPage(Listing):
    """The context of region.md.j2."""

    name: str
    issues: list[dict]


def region_page(site: Site, region: str, keys: list[str]) -> str:
    """A region (city): its gazette issues and its documents by year."""
    issues = [{"label": issue_label(i), "key": urls.issue_key(i), "count": len(i.documents)}
              for i in site.corpus.issues if i.region == region]
    meta = {"kind": "region", "title": escape_text(region), "region": one_line(region)}
    key = urls.region_key(region)
    return site.render("region.md.j2", key, meta, RegionPage(name=region, issues=issues, **site.listing(key, keys)))


def regions_index(site: Site) -> str:
    """All regions (cities) the gazettes come from."""
    rows = site.count_rows(site.by_region, urls.region_key)
    unknown = len(site.corpus.documents) - sum(r["count"] for r in rows)
    note = f"另有 {unknown} 件所刊公报未标地区。" if unknown else ""
    return site.render("count_index.md.j2", urls.REGIONS_INDEX, {"kind": "index", "title": "地区"},
                       CountIndex(heading="地区", column="地区", rows=rows, documents=len(site.corpus.documents),
                                  note=note))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield from site.grouped_pages(site.by_region, urls.region_key, region_page, "region", "region")
    yield urls.source_path(urls.REGIONS_INDEX), regions_index(site)


def home_link(site: Site) -> HomeLink:
    return HomeLink(50, "地区", urls.REGIONS_INDEX, f"按公报所属城市浏览（{len(site.by_region)} 个）")


register(PageKind("region", pages, roots=("regions",), home_link=home_link), priority=40)
