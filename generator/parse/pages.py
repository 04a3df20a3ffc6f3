"""Pages of the original: which page each document starts on, and the page number printed there.

A gazette read from a PDF knows where each PDF page starts (:attr:`SourceText.page_starts`),
and so does a text extracted from one, whose page breaks are form feeds. The page number a
reader cites is the one printed on the page (页码), which need not be the PDF's page count: a
cover, a blank back or a TOC numbered apart shifts them. The printed number is read from the
page's furniture (its running head or foot, :mod:`.furniture`), so it is known only where the
page prints one. The TOC's page numbers (目录页码) are checked against it in
:mod:`.consistency`.
"""

from __future__ import annotations

from bisect import bisect_right

from ..model import GazetteIssue
from .furniture import printed_page_number
from .lines import Line


def page_of(page_starts: tuple[int, ...], line: int) -> int | None:
    """The page (1-based) a source line is on, or None when the source has no pages."""
    if not page_starts:
        return None
    return max(1, bisect_right(page_starts, line))


def printed_numbers(lines: list[Line], page_starts: tuple[int, ...]) -> list[int | None]:
    """The number each page prints in its furniture, None where it prints none: a page number alone
    (head or foot) first; else a number a running head begins or ends with, if those numbers change
    from page to page (the same number on every page is the year or the issue, not the page)."""
    alone: list[int | None] = []
    in_head: list[int | None] = []
    bounds = [*page_starts, len(lines) + 1]
    for start, stop in zip(bounds, bounds[1:]):
        found = [n for line in lines[start - 1:stop - 1] if line.furniture
                 and (n := printed_page_number(line.raw)) is not None]
        alone.append(next((number for number, bare in found if bare), None))
        in_head.append(next((number for number, bare in found if not bare), None))
    heads_count = len({n for n in in_head if n is not None}) > 1
    return [a if a is not None else (h if heads_count else None) for a, h in zip(alone, in_head)]


def assign_pages(issue: GazetteIssue, lines: list[Line]) -> None:
    """Each document's PDF page and printed page number, from the page its first line is on."""
    if not issue.page_starts:
        return
    printed = printed_numbers(lines, issue.page_starts)
    for doc in issue.documents:
        doc.pdf_page = page_of(issue.page_starts, doc.start_line)
        doc.printed_page = printed[doc.pdf_page - 1] if doc.pdf_page <= len(printed) else None
