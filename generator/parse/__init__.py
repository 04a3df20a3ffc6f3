"""Stage 2: parse one gazette issue into its documents.

The steps run in order, each in its own module:

1. :mod:`.lines`     cleanse every line (markup, stray HTML) keeping line numbers;
2. :mod:`.toc`       find the 目录 and read its sections and entries;
3. :mod:`.segment`   find each document's head and extent;
4. :mod:`.masthead`  read the gazette's own fields from the cover;
5. :mod:`.document`  read each document (fields in :mod:`.fields`);
6. :mod:`.body`      turn each document's lines into structured blocks;
7. :mod:`.regions`   the non-document spans: cover, TOC, board, colophon, 发文目录;
8. :mod:`.consistency` warnings where TOC, body and 发文目录 disagree;
9. :mod:`.ownership` check that every non-blank line is owned exactly once.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Document, GazetteError, GazetteIssue, ParseWarning, TocEntry
from ..sources import SourceText, read_source, split_lines
from .consistency import check_dispatch_list, check_toc, infer_missing
from .document import read_document
from .lines import Line, cleanse
from .masthead import month_of, read_masthead
from .ownership import check_ownership
from .regions import back_matter_start, dispatch_entries, regions
from .segment import Head, find_heads, last_text_line
from .toc import add_toc_only_heads, find_toc_head, parse_toc, refuse_second_issue

__all__ = ["parse_file", "parse_source", "parse_text"]


def parse_file(path: str | Path) -> GazetteIssue:
    """Read and parse one gazette file; GazetteError (naming the file) if it is not a gazette."""
    return parse_source(read_source(path))


def parse_text(text: str, path: str = "<text>") -> GazetteIssue:
    """Parse gazette text already in memory (tests, tools)."""
    return parse_source(SourceText(path, "utf-8", split_lines(text)))


def parse_source(source: SourceText) -> GazetteIssue:
    """Split a decoded gazette into its documents and non-document regions."""
    lines = cleanse(source.lines)
    if all(line.blank for line in lines):
        raise GazetteError(source.path, "has no text: a gazette file needs its text")
    toc_head = find_toc_head(lines)
    if toc_head is not None:
        toc, toc_last = parse_toc(lines, toc_head, len(lines))
        begin = toc_last + 1
    else:
        toc, toc_last, begin = [], None, 0
    heads = find_heads(lines, begin)
    if toc:
        heads = add_toc_only_heads(lines, heads, toc, begin)
    if not heads:
        raise GazetteError(source.path, "no document found: no title followed by a doc number (发文字号) "
                                        "or order head (…令 / 第N号); is this a gazette?")
    refuse_second_issue(source.path, lines, heads[0].anchor, toc)
    back_start, dispatch_idx = back_matter_start(lines, heads[-1].anchor + 1)

    issue = _issue_fields(source, lines, toc_head, heads[0].start)
    issue.toc = toc
    issue.line_count = len(lines)
    issue.regions = regions(lines, toc_head, toc_last, heads[0].start, back_start, dispatch_idx)
    if dispatch_idx is not None:
        issue.dispatch_list = dispatch_entries(lines, dispatch_idx)
        issue.published = issue.published or month_of(lines[dispatch_idx].text)
    issue.documents = _documents(lines, heads, back_start, toc)

    infer_missing(issue)
    check_toc(issue)
    check_dispatch_list(issue)
    issue.warnings.extend(ParseWarning("decoding", note, len(source.lines)) for note in source.notes)
    issue.warnings.extend(check_ownership(issue, source.lines))
    return issue


def _issue_fields(source: SourceText, lines: list[Line], toc_head: int | None, first_doc: int) -> GazetteIssue:
    """The gazette's own fields, read from the cover (the lines before the TOC or first document)."""
    cover_end = toc_head if toc_head is not None else first_doc
    mh = read_masthead(lines[:cover_end])
    issue = GazetteIssue(source_file=source.path, name=mh.name, region=mh.region, year=mh.year,
                         issue=mh.issue, total_issue=mh.total_issue, published=mh.published)
    if mh.name is None:
        issue.warnings.append(ParseWarning("no-masthead", "no gazette name printed before the first document"))
    return issue


def _documents(lines: list[Line], heads: list[Head], back_start: int, toc: list[TocEntry]) -> list[Document]:
    """Each head's document, running to the next head (the last one to the back matter)."""
    docs = []
    for pos, head in enumerate(heads, start=1):
        stop = heads[pos].start if pos < len(heads) else back_start
        end = last_text_line(lines, head.start, stop)
        docs.append(read_document(lines, head, end, pos, toc))
    return docs
