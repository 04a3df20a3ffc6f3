"""One document: its fields read from its head and extent, checked against its TOC entry.

Called once per head found by :mod:`.segment`; the field readers live in
:mod:`.fields`, the body structure in :mod:`.body`.
"""

from __future__ import annotations

from ..messages import warning
from ..model import Document, ParseWarning, TocEntry
from ..textnorm import fold
from . import fields
from .body import build_blocks
from .lines import Line
from .segment import Head, number_only
from .shapes import doc_type, relayed_organs

SERIES_PREFIX_CHARS = 2     # 代字: a TOC number matches by year and serial when the series agrees this far


def read_document(lines: list[Line], head: Head, end: int, position: int, toc: list[TocEntry]) -> Document:
    """Read one document's fields from its head and extent [head.start, end] (indexes)."""
    warnings: list[ParseWarning] = []
    number_line = number_line_of(lines, head)
    date_idx, organs, _person = fields.signature_block(lines, number_line + 1, end)
    if head.is_order:
        title = fields.order_title(lines, date_idx, end, head.anchor) or ""
    else:
        title = fields.title_text(lines, head.title)
    entry = _match_toc(toc, head, title)
    if not title and entry:
        title = entry.title
        warnings.append(warning("title-from-toc"))
    if entry and entry.title and fold(entry.title) not in fold(title) and not head.is_order:
        warnings.append(warning("toc-title-differs", entry.start_line, title=entry.title))
    if entry and head.doc_number and entry.doc_number and entry.doc_number != head.doc_number.canonical:
        warnings.append(warning("toc-number-differs", entry.start_line, number=entry.doc_number))
    if toc and entry is None:
        warnings.append(warning("not-in-toc"))
    if head.is_order and head.doc_number is None:
        warnings.append(warning("order-without-number", head.anchor + 1, head=lines[head.anchor].tight))
    date = fields.doc_date(lines, date_idx)
    if date is None:
        warnings.append(warning("no-date"))
    issuers = fields.issuers_for(title, organs, head)
    if not issuers:
        warnings.append(warning("no-issuer"))
    skip = {number_line} if head.doc_number else set()
    doc = Document(
        title=title,
        doc_number=head.doc_number.canonical if head.doc_number else None,
        issuers=issuers,
        date=date,
        section=entry.section if entry else None,
        toc_page=entry.page if entry else None,
        start_line=head.start + 1,
        end_line=end + 1,
        position=position,
        doc_type="令" if head.is_order else doc_type(title),
        enclosed_titles=fields.enclosed_titles(lines, head, title, date_idx, end),
        attachments=fields.attachments(lines, number_line + 1, end),
        references=fields.references(lines, head.start, end, head.doc_number, skip),
        warnings=warnings,
        relayed_from=[] if head.is_order else relayed_organs(title),
    )
    doc.blocks = build_blocks(lines, head, number_line, date_idx, end, doc)
    return doc


def number_line_of(lines: list[Line], head: Head) -> int:
    """Index of the line that closes the head (the 发文字号 line, or 第N号 under an order head)."""
    if head.number_first:
        return head.title[-1]
    if head.is_order and head.doc_number and number_only(lines[head.anchor]) is None:
        j = head.anchor + 1
        while j < len(lines) and lines[j].blank:
            j += 1
        return j
    return head.anchor


def _match_toc(toc: list[TocEntry], head: Head, title: str) -> TocEntry | None:
    """The TOC entry for a document: by doc number, else by title."""
    if head.doc_number:
        for e in toc:
            if e.doc_number == head.doc_number.canonical:
                return e
    ft = fold(title)
    for e in toc:
        fe = fold(e.title)
        if fe and ft and (fe in ft or ft in fe):
            return e
    if head.doc_number:  # same series and serial printed slightly differently (衢公通字 vs 衢公通)
        num = head.doc_number
        for e in toc:
            if e.doc_number and e.doc_number.endswith(f"〔{num.year}〕{num.serial}号") \
                    and e.doc_number[:SERIES_PREFIX_CHARS] == num.series[:SERIES_PREFIX_CHARS]:
                return e
    return None
