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
    pager: Pager | None = None


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


def ledger_items(site: Site, ledger: SeriesLedger) -> list[dict]:
    """A ledger's rows and gaps in serial order, each with what it costs a page: a row names its
    held documents, or every document citing the number, or the 发文目录 listing it."""
    items = []
    for serial in sorted({*ledger.held, *ledger.cited, *ledger.listed}):
        number = DocNumber(ledger.series, ledger.year, serial, ledger.is_order).canonical
        citers = len({c.citing_key for c in site.corpus.numbers[number].citations}) if serial in ledger.cited else 0
        named = len(ledger.held.get(serial, [])) or citers or len(ledger.listed.get(serial, []))
        items.append({"serial": serial, "gap": None, "weight": 1 + named})
    gaps = compress_gaps([i["serial"] for i in items], ledger.max_serial)
    items += [{"serial": a, "gap": (a, b), "weight": 1} for a, b in gaps]
    return sorted(items, key=lambda i: i["serial"])


def ledger_pages(site: Site, ledger: SeriesLedger) -> list[tuple[Pager | None, list[dict]]]:
    """A ledger cut into pages (PageLimits.page_rows, a row weighing the documents it names), once per
    pass: the citation pages and document pages ask which page a serial is on."""
    cut = site.views.setdefault("ledger_pages", {})
    if ledger.key not in cut:
        cut[ledger.key] = site.paginate(ledger.key, ledger_items(site, ledger), weight=lambda i: i["weight"])
    return cut[ledger.key]


def ledger_page_of(site: Site, ledger: SeriesLedger, serial: int) -> str:
    """The key of the ledger page holding ``serial``'s row: where a number's address and a document's
    number link lead."""
    pages = ledger_pages(site, ledger)
    for pager, items in pages:
        last = items[-1]["gap"][1] if items[-1]["gap"] else items[-1]["serial"]
        if pager is None or serial <= last:
            return pager.key if pager else ledger.key
    return pages[-1][0].key


def _row(site: Site, ledger: SeriesLedger, serial: int) -> dict:
    """One serial's row as the ledger prints it."""
    number = DocNumber(ledger.series, ledger.year, serial, ledger.is_order).canonical
    cited = site.corpus.numbers[number] if serial in ledger.cited else None
    return {"serial": serial,
            "held": [site.doc_link(k) for k in ledger.held.get(serial, [])],
            "cited": cited,
            "citing": [{**r, **site.short_link(r["key"])} for r in site.citing_rows(cited.citations)]
                      if cited else [],
            "notices": site.notices(cited.citations) if cited else [],
            "listed": ledger.listed.get(serial, [])}


def ledger_page(site: Site, ledger: SeriesLedger) -> Iterator[tuple[str, str]]:
    """One ledger, its rows and gaps interleaved in serial order, on as many pages as they need."""
    pages = ledger_pages(site, ledger)
    counts = {"held": sum(len(v) for v in ledger.held.values()), "cited": len(ledger.cited),
              "listed": len(ledger.listed),
              "gap_count": sum(i["gap"][1] - i["gap"][0] + 1 for _, items in pages for i in items if i["gap"])}
    meta = {"kind": "series", "title": escape_text(ledger.label), "series": one_line(ledger.series),
            "year": ledger.year}

    def context(items: list[dict], pager: Pager | None) -> LedgerPage:
        return LedgerPage(ledger=ledger, pager=pager, **counts, items=[
            {"serial": i["serial"], "gap": i["gap"], "row": None if i["gap"] else _row(site, ledger, i["serial"])}
            for i in items])

    yield from site.render_pages("ledger.md.j2", ledger.key, meta, pages, context)


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
        yield from ledger_page(site, ledger)
    yield from series_index(site)


def home_link(site: Site) -> HomeLink:
    return HomeLink(60, "文号系列", urls.SERIES_INDEX, f"每个发文字号系列每年的序号台账（{len(site.ledgers)} 个）")


register(PageKind("series", pages, roots=("series",), home_link=home_link), priority=30)
