"""已废止文件: every document that a later document repeals (废止, 停止执行, 作废) or amends (修改,
修订), repeals and amendments apart, each with the citing document and the sentence that says so.
Documents the archive holds come first, then the numbers it does not hold (``repealed/``).

"Later" is by 成文日期: a citation is listed unless the dates show the citing document is not
later than the one it cites (a document citing a newer one as 废止 is a misreading, or speaks of
something else). When either date is unknown the years are compared (a not-held number's year is
printed in it); with no year on either side the citation is listed.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ...doc_number import parse_doc_number
from ...corpus import citation_clause
from ...model import Citation, CitationKind
from ..registry import HomeLink, PageKind, register
from ..site import Pager, Site, date_cn, document_label

KEY = urls.index_key("repealed")
# The two lists of the page, in order: what the citing wording does to the cited document.
ACTIONS = ((CitationKind.REPEALS, "已废止", "废止文件"), (CitationKind.AMENDS, "已修改", "修改文件"))


@dataclass(frozen=True)
class Change:
    """One cited document (or number) and one later document that repeals or amends it."""

    cited_label: str
    cited_key: str
    held: bool
    cited_date: str                  # 成文日期 as printed, or "" when not held / unknown
    citing_label: str
    citing_key: str
    citing_date: str
    clauses: list[str]               # the sentences that say so, in text order
    sort_key: tuple


@dataclass(frozen=True)
class Section:
    """One action's share of a page: its held documents, then its not-held numbers; ``empty`` when
    the action has none at all (said on the first page)."""

    heading: str
    column: str
    held: list[Change]
    not_held: list[Change]
    empty: bool = False


@dataclass(frozen=True)
class RepealedPage:
    """The context of repealed.md.j2."""

    sections: list[Section]
    total: int
    pager: Pager | None = None


def _year(date: _dt.date | None, fallback: int | None) -> int | None:
    return date.year if date else fallback


def is_later(citing_date: _dt.date | None, citing_year: int | None,
             cited_date: _dt.date | None, cited_year: int | None) -> bool:
    """Whether the citing document may be later than the cited one (see the module docstring)."""
    if citing_date and cited_date:
        return citing_date > cited_date
    if citing_year and cited_year:
        return citing_year >= cited_year
    return True


def changes(site: Site, action: CitationKind) -> list[Change]:
    """Every (cited, citing) pair of one action, held documents first, each group newest change first."""
    corpus = site.corpus
    pairs: dict[tuple[str, str], list[Citation]] = {}
    for c in corpus.citations:
        if c.kind != action:
            continue
        target = corpus.link_target(c.cited_number, c.citing_key, c.cited_title)
        if target is not None:
            pairs.setdefault((target, c.citing_key), []).append(c)
    out = []
    for (target, citing_key), citations in pairs.items():
        citing = corpus.documents[citing_key]
        held = target in corpus.documents
        cited = corpus.documents[target] if held else None
        number = parse_doc_number(citations[0].cited_number)
        if not is_later(citing.date, site.year_of(citing_key), cited.date if cited else None,
                        site.year_of(target) if held else number.year):
            continue
        clauses = [clause for c in citations if (clause := citation_clause(citing, c))]
        out.append(Change(
            cited_label=document_label(cited) if held else citations[0].cited_number,
            cited_key=target, held=held, cited_date=date_cn(cited.date) if cited else "",
            citing_label=document_label(citing), citing_key=citing_key,
            citing_date=date_cn(citing.date) or "日期不详", clauses=list(dict.fromkeys(clauses)),
            sort_key=(not held, -(citing.date or _dt.date.min).toordinal(), target, citing_key)))
    return sorted(out, key=lambda change: change.sort_key)


def repealed_pages(site: Site) -> Iterator[tuple[str, str]]:
    """Repeals, then amendments, each held documents first, on as many pages as they need (a row
    names two documents and quotes the sentence: it weighs two)."""
    rows = [(n, change) for n, (action, _, _) in enumerate(ACTIONS) for change in changes(site, action)]
    total = len({change.cited_key for _, change in rows})
    present = {n for n, _ in rows}

    def page(chunk: list[tuple[int, Change]], pager: Pager | None) -> RepealedPage:
        first = pager is None or pager.number == 1
        return RepealedPage(total=total, pager=pager, sections=[
            Section(heading, column, [c for m, c in chunk if m == n and c.held],
                    [c for m, c in chunk if m == n and not c.held], empty=first and n not in present)
            for n, (_, heading, column) in enumerate(ACTIONS)])

    yield from site.paged("repealed.md.j2", KEY, {"kind": "index", "title": "已废止文件"}, rows, page,
                          weight=lambda row: 2)


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield from repealed_pages(site)


def home_link(site: Site) -> HomeLink:
    count = len({c.cited_key for action, _, _ in ACTIONS for c in changes(site, action)})
    return HomeLink(75, "已废止文件", KEY, f"被后来的文件废止或修改的 {count} 件文件")


register(PageKind("repealed", pages, roots=("repealed",), home_link=home_link), priority=25)
