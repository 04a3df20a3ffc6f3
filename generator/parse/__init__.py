"""Stage 2: parse one gazette issue into its documents.

The steps run in order, each in its own module:

1. :mod:`.lines`     cleanse every line (markup, stray HTML) keeping line numbers;
2. :mod:`.toc`       find the 目录 and read its sections and entries;
3. :mod:`.segment`   find each document's head and extent, and the back matter;
4. :mod:`.masthead`  read the gazette's own fields from the cover;
5. :mod:`.fields`    read each document's fields;
6. :mod:`.body`      turn each document's lines into structured blocks;
7. :mod:`.ownership` check that every non-blank line is owned exactly once.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..model import Document, GazetteError, GazetteIssue, ParseWarning, Region, TocEntry
from ..sources import SourceText, read_source
from . import fields
from .body import build_blocks
from .lines import Line, cleanse, fold
from .masthead import month_of, read_masthead, region_from_issuers
from .ownership import check_ownership
from .segment import Head, back_matter_start, number_only, find_heads, last_text_line, title_head
from .shapes import doc_type
from .toc import find_toc_head, parse_toc

__all__ = ["parse_file", "parse_source", "parse_text"]


def parse_file(path: str | Path) -> GazetteIssue:
    """Read and parse one gazette file; GazetteError (naming the file) if it is not a gazette."""
    return parse_source(read_source(path))


def parse_text(text: str, path: str = "<text>") -> GazetteIssue:
    """Parse gazette text already in memory (tests, tools)."""
    from ..sources import split_lines
    return parse_source(SourceText(path, "utf-8", split_lines(text)))


def parse_source(source: SourceText) -> GazetteIssue:
    """Split a decoded gazette into its documents and non-document regions."""
    lines = cleanse(source.lines)
    if not any(not l.blank for l in lines):
        raise GazetteError(source.path, "has no text: a gazette file needs its text")
    toc_head = find_toc_head(lines)
    if toc_head is not None:
        toc, toc_last = parse_toc(lines, toc_head, len(lines))
        begin = toc_last + 1
    else:
        toc, toc_last, begin = [], None, 0
    heads = find_heads(lines, begin, skip=set())
    if toc:
        heads = _add_toc_only_heads(lines, heads, toc, begin)
    if heads:
        _refuse_second_issue(source.path, lines, heads[0].anchor)
    if not heads:
        raise GazetteError(source.path, "no document found: no title followed by a doc number (发文字号) "
                                        "or order head (…令 / 第N号); is this a gazette?")
    back_start, dispatch_idx = back_matter_start(lines, heads[-1].anchor + 1)
    issue = _issue_fields(source, lines, toc_head, heads[0].start)
    issue.toc = toc
    issue.line_count = len(lines)
    issue.regions = _regions(lines, toc_head, toc_last, heads[0].start, back_start, dispatch_idx)
    if dispatch_idx is not None:
        issue.dispatch_list = _dispatch_entries(lines, dispatch_idx)
        issue.published = issue.published or month_of(lines[dispatch_idx].text)
    issue.documents = _documents(lines, heads, back_start, toc)
    _infer_missing(issue)
    _check_toc(issue)
    _check_dispatch_list(issue)
    issue.warnings.extend(check_ownership(issue, source.lines))
    return issue


def _head_title(lines: list[Line], head: Head) -> str:
    """The title a head prints: its title lines, or for an order the regulation it promulgates."""
    if head.is_order:
        return fields.order_title(lines, None, min(len(lines) - 1, head.anchor + 20), head.anchor) or ""
    return "".join(lines[i].tight for i in head.title)


def _refuse_second_issue(path: str, lines: list[Line], after: int) -> None:
    """One file, one issue: a second 目录 with entries after the documents began is refused."""
    again = find_toc_head(lines, start=after + 1, limit=len(lines))
    if again is None:
        return
    entries, _ = parse_toc(lines, again, len(lines))
    if len(entries) >= 2:
        raise GazetteError(path, "holds a second gazette issue (another 目录 with entries starts here); "
                                 "split the file into one issue per file", line=again + 1)


def _add_toc_only_heads(lines: list[Line], heads: list[Head], toc: list[TocEntry], begin: int) -> list[Head]:
    """Find, by title, the TOC entries that no doc-number head accounts for."""
    numbers = {h.doc_number.canonical for h in heads if h.doc_number}
    titles = [fold(_head_title(lines, h)) for h in heads]
    taken = {i for h in heads for i in (*h.pre_title, *h.title, h.anchor)}
    added = list(heads)
    for e in toc:
        if e.doc_number and e.doc_number in numbers:
            continue
        fe = fold(e.title)
        if not fe or "发文目录" in fe or any(fe in t or t.endswith(fe) for t in titles if t):
            continue
        head = title_head(lines, e.title, begin, taken)
        if head:
            added.append(head)
            taken.update(head.title)
    return sorted(added, key=lambda h: h.anchor)


def _issue_fields(source: SourceText, lines: list[Line], toc_head: int | None, first_doc: int) -> GazetteIssue:
    cover_end = toc_head if toc_head is not None else first_doc
    mh = read_masthead(lines[:cover_end])
    issue = GazetteIssue(source_file=source.path, name=mh.name, region=mh.region, year=mh.year,
                         issue=mh.issue, total_issue=mh.total_issue, published=mh.published)
    if mh.name is None:
        issue.warnings.append(ParseWarning("no-masthead", "no gazette name printed before the first document"))
    return issue


def _regions(lines: list[Line], toc_head: int | None, toc_last: int | None, first_doc: int,
             back_start: int, dispatch_idx: int | None) -> list[Region]:
    """Non-document spans: cover, TOC, board (between TOC and first document), back matter."""
    regions: list[Region] = []

    def add(kind: str, a: int, b: int) -> None:
        texts = [i for i in range(a, b) if not lines[i].blank]
        if texts:
            regions.append(Region(kind, texts[0] + 1, texts[-1] + 1))

    if toc_head is not None:
        add("cover", 0, toc_head)
        last = toc_last if toc_last is not None else toc_head
        add("toc", toc_head, last + 1)
        add("board", last + 1, first_doc)
    else:
        add("cover", 0, first_doc)
    if dispatch_idx is not None:
        add("colophon", back_start, dispatch_idx)
        add("dispatch_list", dispatch_idx, len(lines))
    else:
        add("colophon", back_start, len(lines))
    return regions


def _documents(lines: list[Line], heads: list[Head], back_start: int, toc: list[TocEntry]) -> list[Document]:
    docs = []
    for pos, head in enumerate(heads, start=1):
        stop = heads[pos].start if pos < len(heads) else back_start
        end = last_text_line(lines, head.start, stop)
        docs.append(_document(lines, head, end, pos, toc))
    return docs


def _document(lines: list[Line], head: Head, end: int, position: int, toc: list[TocEntry]) -> Document:
    """Read one document's fields from its head and extent [head.start, end] (indexes)."""
    warnings: list[ParseWarning] = []
    number_line = _number_line(lines, head)
    date_idx, organs, _person = fields.signature_block(lines, number_line + 1, end)
    if head.is_order:
        title = fields.order_title(lines, date_idx, end, head.anchor) or ""
    else:
        title = fields.title_text(lines, head.title)
    entry = _match_toc(toc, head, title)
    if not title and entry:
        title = entry.title
        warnings.append(ParseWarning("title-from-toc", "title not readable in the body; the TOC's is used"))
    if entry and entry.title and fold(entry.title) not in fold(title) and not head.is_order:
        warnings.append(ParseWarning("toc-title-differs", f"TOC prints the title as 《{entry.title}》",
                                     entry.start_line))
    if entry and head.doc_number and entry.doc_number and entry.doc_number != head.doc_number.canonical:
        warnings.append(ParseWarning("toc-number-differs", f"TOC prints the doc number as {entry.doc_number}",
                                     entry.start_line))
    if toc and entry is None:
        warnings.append(ParseWarning("not-in-toc", "the table of contents does not list this document"))
    date = fields.doc_date(lines, date_idx)
    if date is None:
        warnings.append(ParseWarning("no-date", "no 成文日期 found under a signature"))
    issuers = fields.issuers_for(title, organs, head)
    if not issuers:
        warnings.append(ParseWarning("no-issuer", "no signature and no issuer in the title"))
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
    )
    doc.blocks = build_blocks(lines, head, number_line, date_idx, end, doc)
    return doc


def _number_line(lines: list[Line], head: Head) -> int:
    """Index of the line that closes the head (the 发文字号 line, or 第N号 under an order head)."""
    if head.number_first:
        return head.title[-1]
    if head.is_order and number_only(lines[head.anchor]) is None:
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
                    and e.doc_number[:2] == num.series[:2]:
                return e
    return None


def _dispatch_entries(lines: list[Line], idx: int):
    from ..doc_number import find_one
    from ..model import DispatchEntry
    out = []
    for line in lines[idx + 1:]:
        if line.blank:
            continue
        m = find_one(line.text)
        if m and m.start <= 2:
            out.append(DispatchEntry(m.number.canonical, line.text[m.end:].strip(), line.no))
        else:
            out.append(DispatchEntry(None, line.text, line.no))
    return out


def _infer_missing(issue: GazetteIssue) -> None:
    """Fill region and year from the documents when the file has no masthead."""
    if issue.region is None:
        issue.region = region_from_issuers([o for d in issue.documents for o in d.issuers])
    if issue.year is None:
        years = Counter(d.date.year for d in issue.documents if d.date)
        if years:
            issue.year = years.most_common(1)[0][0]


def _check_toc(issue: GazetteIssue) -> None:
    """Every TOC entry should name one document; say which do not."""
    matched = {(d.section, d.toc_page, d.doc_number) for d in issue.documents}
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
        issue.warnings.append(ParseWarning("toc-entry-unmatched",
                                           f"TOC entry 《{e.title}》 {e.doc_number or ''} has no document",
                                           e.start_line))
    del matched


def _check_dispatch_list(issue: GazetteIssue) -> None:
    """Where the 发文目录 prints a document differently from its body, warn on the document."""
    by_number = {d.doc_number: d for d in issue.documents if d.doc_number}
    for entry in issue.dispatch_list:
        doc = by_number.get(entry.doc_number) if entry.doc_number else None
        if doc is not None:
            if fold(entry.title) != fold(doc.title) and entry.title:
                doc.warnings.append(ParseWarning("dispatch-title-differs",
                                                 f"发文目录 prints the title as 《{entry.title}》", entry.line))
            continue
        fe = fold(entry.title)
        for doc in issue.documents:
            if fe and fold(doc.title) == fe and entry.doc_number != doc.doc_number:
                doc.warnings.append(ParseWarning("dispatch-number-differs",
                                                 f"发文目录 prints the doc number as {entry.doc_number}", entry.line))
