"""Series ledgers (文号系列): for each doc-number series and year (or an organ's orders), serials
1…max held (linked), only cited (with who cites them: this row is where a not-held number's
address leads), only listed in a 发文目录, and the gaps; and the index of ledgers (``series/``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ...doc_number import DocNumber
from ...corpus import SeriesLedger
from ..escape import escape_text
from ..meta import one_line
from ..registry import HomeLink, PageKind, register
from ..site import Pager, Site


@dataclass(frozen=True)
class LedgerPage:
    """The context of ledger.md.j2."""

    ledger: SeriesLedger
    items: list[dict]
    held: int
    cited: int
    listed: int
    gap_count: int


@dataclass(frozen=True)
class SeriesIndex:
    """The context of series_index.md.j2."""

    rows: list[dict]
    unnumbered: int
    documents: int
    held: int
    pager: Pager | None = None


def compress_gaps(serials: list[int], max_serial: int) -> list[tuple[int, int]]:
    """Runs of serials 1..max that are not in ``serials``, as (first, last) pairs."""
    known, runs, start = set(serials), [], None
    for n in range(1, max_serial + 2):
        if n <= max_serial and n not in known:
            start = n if start is None else start
        elif start is not None:
            runs.append((start, n - 1))
            start = None
    return runs


def ledger_page(site: Site, ledger: SeriesLedger) -> str:
    """One ledger, its rows and gaps interleaved in serial order."""
    rows = []
    for serial in sorted({*ledger.held, *ledger.cited, *ledger.listed}):
        number = DocNumber(ledger.series, ledger.year, serial, ledger.is_order).canonical
        cited = site.corpus.numbers[number] if serial in ledger.cited else None
        rows.append({"serial": serial,
                     "held": [site.doc_link(k) for k in ledger.held.get(serial, [])],
                     "cited": cited,
                     "citing": [{**r, **site.short_link(r["key"])} for r in site.citing_rows(cited.citations)]
                               if cited else [],
                     "notices": site.notices(cited.citations) if cited else [],
                     "listed": ledger.listed.get(serial, [])})
    gaps = compress_gaps([r["serial"] for r in rows], ledger.max_serial)
    items = [{"serial": r["serial"], "row": r, "gap": None} for r in rows] + \
            [{"serial": a, "row": None, "gap": (a, b)} for a, b in gaps]
    items.sort(key=lambda i: i["serial"])
    meta = {"kind": "series", "title": escape_text(ledger.label), "series": one_line(ledger.series),
            "year": ledger.year}
    return site.render("ledger.md.j2", ledger.key, meta, LedgerPage(
        ledger=ledger, items=items, held=sum(len(v) for v in ledger.held.values()), cited=len(ledger.cited),
        listed=len(ledger.listed), gap_count=sum(b - a + 1 for a, b in gaps)))


def series_index(site: Site) -> Iterator[tuple[str, str]]:
    """All doc-number series ledgers, by series then year."""
    rows = [{"label": l.label, "key": l.key, "held": sum(len(v) for v in l.held.values()),
             "cited": len(l.cited), "listed": len(l.listed), "max": l.max_serial} for l in site.ledgers]
    documents = site.corpus.documents
    unnumbered, held = sum(1 for d in documents.values() if not d.doc_number), sum(r["held"] for r in rows)
    yield from site.paged("series_index.md.j2", urls.SERIES_INDEX, {"kind": "index", "title": "文号系列"}, rows,
                          lambda chunk, pager: SeriesIndex(rows=chunk, unnumbered=unnumbered,
                                                           documents=len(documents), held=held, pager=pager))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    for ledger in site.ledgers:
        yield urls.source_path(ledger.key), ledger_page(site, ledger)
    yield from series_index(site)


def home_link(site: Site) -> HomeLink:
    return HomeLink(60, "文号系列", urls.SERIES_INDEX, f"每个发文字号系列每年的序号台账（{len(site.ledgers)} 个）")


register(PageKind("series", pages, roots=("series",), home_link=home_link), priority=30)
