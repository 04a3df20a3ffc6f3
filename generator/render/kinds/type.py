"""文种 (document types: 通知, 意见, 批复 …): a page per type (its documents by year, or past
PageLimits.listing_rows its years, each on a page) and the index of types (``types/``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ..escape import escape_text
from ..meta import one_line
from ..registry import HomeLink, PageKind, register
from ..site import Listing, Pager, Site


@dataclass(frozen=True)
class TypePage(Listing):
    """The context of type.md.j2."""

    name: str


@dataclass(frozen=True)
class CountIndex:
    """The context of count_index.md.j2: names with their page and number of documents."""

    heading: str
    column: str
    rows: list[dict]
    documents: int
    note: str
    pager: Pager | None = None


def count_index_pages(site: Site, key: str, title: str, rows: list[dict], note: str = ""
                      ) -> Iterator[tuple[str, str]]:
    """An index of names with their page and count (文种, 地区, 级别), on as many pages as it needs."""
    documents = len(site.corpus.documents)
    yield from site.paged("count_index.md.j2", key, {"kind": "index", "title": title}, rows,
                          lambda chunk, pager: CountIndex(heading=title, column=title, rows=chunk,
                                                          documents=documents, note=note, pager=pager))


def type_page(site: Site, doc_type: str, keys: list[str]) -> Iterator[tuple[str, str]]:
    """A 文种: its documents by year."""
    meta = {"kind": "type", "title": escape_text(doc_type), "doc_type": one_line(doc_type)}
    key = urls.type_key(doc_type)
    yield from site.listing_pages("type.md.j2", key, meta, keys,
                                  lambda **fields: TypePage(name=doc_type, **fields))


def types_index(site: Site) -> Iterator[tuple[str, str]]:
    """All 文种, most documents first."""
    yield from count_index_pages(site, urls.TYPES_INDEX, "文种", site.count_rows(site.by_type, urls.type_key))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield from site.grouped_pages(site.by_type, urls.type_key, type_page, "type", "doc_type")
    yield from types_index(site)


def home_link(site: Site) -> HomeLink:
    return HomeLink(40, "文种", urls.TYPES_INDEX, f"按文种（通知、意见、批复……）浏览（{len(site.by_type)} 种）")


register(PageKind("type", pages, roots=("types",), home_link=home_link), priority=50)
