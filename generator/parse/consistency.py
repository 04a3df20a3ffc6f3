"""Where the TOC, the body and the 发文目录 disagree: warnings, never silent choices.

The body's value is always kept (it is what the issuing organ printed on the
document); the other printings are recorded as warnings on the document or the
issue so an editor can see them on the page and in `gazette check`.
"""

from __future__ import annotations

from collections import Counter

from ..messages import warning
from ..model import GazetteIssue
from ..textnorm import fold
from .masthead import region_from_issuers


def infer_missing(issue: GazetteIssue) -> None:
    """Fill region and year from the documents when the file has no masthead."""
    if issue.region is None:
        issue.region = region_from_issuers([o for d in issue.documents for o in d.issuers])
    if issue.year is None:
        years = Counter(d.date.year for d in issue.documents if d.date)
        if years:
            issue.year = years.most_common(1)[0][0]


def check_toc(issue: GazetteIssue) -> None:
    """Every TOC entry should name one document; say which do not."""
    numbers = {d.doc_number for d in issue.documents}
    titles = [fold(d.title) for d in issue.documents]
    for e in issue.toc:
        if e.doc_number and e.doc_number in numbers:
            continue
        fe = fold(e.title)
        if fe and any(fe in t or t in fe for t in titles if t):
            continue
        if "发文目录" in e.title and issue.dispatch_list:
            continue
        issue.warnings.append(warning("toc-entry-unmatched", e.start_line, title=e.title,
                                      number=f"（{e.doc_number}）" if e.doc_number else ""))


def check_dispatch_list(issue: GazetteIssue) -> None:
    """Where the 发文目录 prints a document differently from its body, warn on the document."""
    by_number = {d.doc_number: d for d in issue.documents if d.doc_number}
    for entry in issue.dispatch_list:
        doc = by_number.get(entry.doc_number) if entry.doc_number else None
        if doc is not None:
            if fold(entry.title) != fold(doc.title) and entry.title:
                doc.warnings.append(warning("dispatch-title-differs", entry.line, title=entry.title))
            continue
        fe = fold(entry.title)
        for doc in issue.documents:
            if fe and fold(doc.title) == fe and entry.doc_number != doc.doc_number:
                doc.warnings.append(warning("dispatch-number-differs", entry.line, number=entry.doc_number))


def check_toc_pages(issue: GazetteIssue) -> None:
    """Where a document starts on a page whose printed number is not the one its TOC entry gives,
    warn on the document (a TOC numbered apart from the pages, or an entry that points elsewhere)."""
    for doc in issue.documents:
        if doc.toc_page is not None and doc.printed_page is not None and doc.toc_page != doc.printed_page:
            doc.warnings.append(warning("toc-page-differs", doc.start_line, toc_page=doc.toc_page,
                                        printed_page=doc.printed_page, pdf_page=doc.pdf_page))
