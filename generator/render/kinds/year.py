"""Years (年份): a page per year (its documents by month of their 成文日期, or past
PageLimits.listing_rows its months, each on a page) and the index of years (``years/``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ..registry import HomeLink, PageKind, register
from ..site import DocRow, Pager, Site


@dataclass(frozen=True)
class YearPage:
    """The context of year.md.j2."""

    year: int
    count: int
    parts: list[dict] | None
    months: list[tuple[int | None, list[DocRow]]]
    pager: Pager | None = None


@dataclass(frozen=True)
class YearsIndex:
    """The context of years_index.md.j2."""

    rows: list[dict]
    undated: int
    documents: int


def year_page(site: Site, year: int, keys: list[str]) -> Iterator[tuple[str, str]]:
    """A year: its documents grouped by month of their date (undated last), with counts, on as many
    pages as they need; past PageLimits.listing_rows, its months with a page each."""
    key, meta = urls.year_key(year), {"kind": "year", "title": f"{year}年", "year": year}
    parts = site.year_months(year, keys)
    if parts:
        yield urls.source_path(key), site.render("year.md.j2", key, meta, YearPage(
            year=year, count=len(keys), parts=parts, months=[]))
        return
    month = lambda k: site.month_in(k, year)            # noqa: E731
    rows = sorted(site.sorted_rows(keys), key=lambda row: (month(row.key) is None, month(row.key) or 0))
    yield from site.paged("year.md.j2", key, meta, rows, lambda chunk, pager: YearPage(
        year=year, count=len(keys), parts=None, months=site.regroup(chunk, month), pager=pager))


def years_index(site: Site) -> str:
    """All years, newest first."""
    rows = [{"year": y, "key": urls.year_key(y), "count": len(k)} for y, k in site.by_year.items()]
    rows.sort(key=lambda r: -r["year"])
    documents = len(site.corpus.documents)
    return site.render("years_index.md.j2", urls.YEARS_INDEX, {"kind": "index", "title": "年份"},
                       YearsIndex(rows=rows, undated=documents - sum(r["count"] for r in rows),
                                  documents=documents))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    for year, keys in sorted(site.by_year.items()):
        yield from year_page(site, year, keys)
        yield from site.year_month_pages(year, keys)
    yield urls.source_path(urls.YEARS_INDEX), years_index(site)


def home_link(site: Site) -> HomeLink:
    return HomeLink(30, "年份", urls.YEARS_INDEX, "按成文年份、月份浏览")


register(PageKind("year", pages, roots=("years",), home_link=home_link), priority=60)
