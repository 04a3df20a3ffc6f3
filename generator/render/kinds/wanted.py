"""待征集文件: every cited number the archive does not hold, the acquisition list, by series
(``wanted/``), with a page per series (``wanted/<series>/``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ...doc_number import parse_doc_number, series_label
from ...corpus import CitedNumber
from ..escape import escape_text
from ..meta import one_line
from ..registry import HomeLink, PageKind, register
from ..site import Pager, Site


@dataclass(frozen=True)
class WantedPage:
    """The context of wanted.md.j2: the index (series_rows, total) or one series (wanted_key set)."""

    heading: str
    rows: list[dict]
    series_rows: list[dict]
    wanted_key: str | None
    total: int = 0
    pager: Pager | None = None


def weight(row: dict) -> int:
    """What a wanted row costs a page: the number and every document citing it, each a link."""
    return 1 + len(row["citing"])


def wanted_by_series(site: Site) -> dict[tuple[str, bool], list[CitedNumber]]:
    """Wanted numbers grouped by series (orders by organ), each group in number order."""
    groups: dict[tuple[str, bool], list[CitedNumber]] = {}
    for number, info in site.corpus.wanted.items():
        parsed = parse_doc_number(number)
        groups.setdefault((parsed.series, parsed.is_order), []).append(info)
    for infos in groups.values():
        infos.sort(key=lambda i: (parse_doc_number(i.number).year or 0, parse_doc_number(i.number).serial))
    return groups


def _rows(site: Site, infos: list[CitedNumber]) -> list[dict]:
    return [{"number": i.number, "key": i.key, "titles": i.titles,
             "citing": [site.short_link(k) for k in i.citing_keys]} for i in infos]


def wanted_series_pages(site: Site, series: str, is_order: bool, infos: list[CitedNumber]
                        ) -> Iterator[tuple[str, str]]:
    """The wanted numbers of one series, on as many pages as they and their citers need."""
    label = series_label(series, is_order)
    meta = {"kind": "wanted", "title": f"待征集文件：{escape_text(label)}", "series": one_line(label)}
    yield from site.paged("wanted.md.j2", urls.wanted_series_key(series, is_order), meta, _rows(site, infos),
                          lambda chunk, pager: WantedPage(heading=f"待征集文件：{label}", rows=chunk, series_rows=[],
                                                          wanted_key=urls.WANTED_INDEX, pager=pager),
                          weight=weight)


def wanted_index(site: Site, groups: dict[tuple[str, bool], list[CitedNumber]]) -> Iterator[tuple[str, str]]:
    """The acquisition list by series; and in full below the series table while the list is short
    enough to read on one page (a large archive cites tens of thousands of numbers it lacks: those
    are read on the per-series pages)."""
    wanted = site.corpus.wanted
    series_rows = [{"label": series_label(s, o), "key": urls.wanted_series_key(s, o), "count": len(v),
                    "citing": len({k for i in v for k in i.citing_keys})}
                   for (s, o), v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    rows = _rows(site, list(wanted.values())) if len(wanted) <= site.limits.wanted_rows else []
    if sum(map(weight, rows)) > site.limits.page_rows:
        rows = []                    # more than a page holds: the numbers are on the series pages
    yield from site.paged("wanted.md.j2", urls.WANTED_INDEX, {"kind": "index", "title": "待征集文件"}, series_rows,
                          lambda chunk, pager: WantedPage(heading="待征集文件", total=len(wanted), series_rows=chunk,
                                                          wanted_key=None, pager=pager,
                                                          rows=rows if pager is None else []))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    groups = wanted_by_series(site)
    for (series, is_order), numbers in sorted(groups.items()):
        yield from wanted_series_pages(site, series, is_order, numbers)
    yield from wanted_index(site, groups)


def home_link(site: Site) -> HomeLink:
    return HomeLink(70, "待征集文件", urls.WANTED_INDEX,
                    f"被引用而本站未收录的 {len(site.corpus.wanted)} 个发文字号")


register(PageKind("wanted", pages, roots=("wanted",), home_link=home_link), priority=20)
