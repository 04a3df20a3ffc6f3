"""The table of contents (目录): where it is, its sections, its entries, and what it finds.

Entries wrap over lines in every way a layout program can wrap them: title and
``(doc number) page`` on separate lines, page numbers alone on the next line,
dotted leaders or none, doc numbers in an extra outer bracket. An entry ends at
the line that carries its page number (or, in TOCs without pages, its number).

The TOC is also an index of what to find: a document printed without a doc
number is looked up by the title its entry gives, and a second TOC after the
documents began means a second issue in one file.
"""

from __future__ import annotations

import re

from ..doc_number import find_doc_numbers
from ..model import TocEntry
from ..model import GazetteError
from ..textnorm import fold
from .fields import order_title
from .lines import Line, join_cjk, squash
from .segment import Head, number_only, order_head, title_head
from .shapes import MAX_SECTION_CHARS, section_name

TOC_SEARCH_LINES = 400      # 目录: looked for in this many lines from the start (after a long cover)
MAX_ENTRY_LINES = 4         # a TOC entry wraps over at most this many lines; more without a page: TOC over
NEXT_LINE_LOOKAHEAD = 4     # lines below an entry line searched for the next text line (blank lines between)
ORDER_TITLE_SPAN = 20       # lines after an order head (…令) searched for the regulation it promulgates
MIN_SECOND_TOC_ENTRIES = 2  # a second 目录 with this many entries of its own is a second issue

_TOC_HEAD = re.compile(r"^(?:本期)?目\s*[录次錄]$")
_LEADER = r"(?:\.{2,}|…+|·{2,}|．{2,}|・{2,}|－{2,}|-{3,})"
# A page number closing an entry: after leaders or a space, optionally in brackets; in brackets, also
# right after the title (发文目录(33): the space before it lost where the typesetter wrapped the line).
_PAGE_END = re.compile(rf"(?:{_LEADER}\s*|\s+|(?<=[)）〕\]])|(?<=[\u4e00-\u9fff])(?=[(（]\d{{1,3}}[)）]\s*$))"
                       rf"[(（]?(?P<page>\d{{1,3}})[)）]?\s*$")
_PAGE_ONLY = re.compile(rf"^{_LEADER}?\s*[(（]?(?P<page>\d{{1,3}})[)）]?\s*$")
_FURNITURE = re.compile(r"^[A-Za-z][A-Za-z .'’]*$")
_TRIM = "-－—.…·　 ()（）〔〕[]［］【】"


def find_toc_head(lines: list[Line], start: int = 0, limit: int = TOC_SEARCH_LINES) -> int | None:
    """Index of the 目录 line (near the start of the file, by default), if the gazette prints one."""
    for i in range(start, min(len(lines), start + limit)):
        if _TOC_HEAD.match(lines[i].tight):
            return i
    return None


def _entry(buf: list[Line], page: int | None, section: str | None) -> TocEntry | None:
    """Build one entry from the lines that make it up."""
    text = join_cjk(" ".join(l.text for l in buf))      # an entry wrapped inside a doc number rejoins
    text = _PAGE_END.sub("", text) if page is not None else text
    numbers = list(find_doc_numbers(text))
    doc_number = numbers[-1].number.canonical if numbers else None
    if numbers:
        last = numbers[-1]
        title = text[:last.start] + text[last.end:]
    else:
        title = text
    title = re.sub(_LEADER, "", title)
    title = squash(title).strip(_TRIM)
    if not title and not doc_number:
        return None
    return TocEntry(title=title, doc_number=doc_number, page=page, section=section,
                    start_line=buf[0].no, end_line=buf[-1].no)


def parse_toc(lines: list[Line], start: int, stop: int) -> tuple[list[TocEntry], int]:
    """Entries of the TOC between line indexes ``start`` (the 目录 line) and ``stop``.

    Returns the entries and the index of the last line that belongs to the TOC.
    """
    entries: list[TocEntry] = []
    section: str | None = None
    buf: list[Line] = []
    last = start
    for i in range(start + 1, stop):
        line = lines[i]
        if line.blank or _FURNITURE.match(line.text):
            continue
        if number_only(line, bracketed=False) or order_head(lines, i):
            break                       # a bare 发文字号 line or an order head: the body has begun
        bulleted = line.raw.lstrip().startswith(("- ", "* ", "#", "**")) or _stands_alone(lines, i, stop)
        name = section_name(line.text, bulleted=bulleted and not buf)
        if name and not buf:
            section, last = name, i
            continue
        page_only = _PAGE_ONLY.match(line.text)
        if page_only and buf:
            entry = _entry(buf, int(page_only.group("page")), section)
            buf = []
            if entry:
                entries.append(entry)
                last = i
            continue
        buf.append(line)
        page_end = _PAGE_END.search(line.text)
        numbers = list(find_doc_numbers(line.text))
        if page_end and not (numbers and numbers[-1].end > page_end.start()) and not _serial_goes_on(lines, i, stop):
            entry = _entry(buf, int(page_end.group("page")), section)
            buf = []
            if entry:
                entries.append(entry)
                last = i
        elif numbers and _ends_with_number(line.text, numbers[-1].end) and not _page_follows(lines, i, stop):
            # a TOC that prints no page numbers: the doc number closes the entry
            entry = _entry(buf, None, section)
            buf = []
            if entry:
                entries.append(entry)
                last = i
        elif len(buf) > MAX_ENTRY_LINES:
            # five lines without a page number: the TOC is over (board, colophon …)
            break
    return entries, last


def _serial_goes_on(lines: list[Line], i: int, stop: int) -> bool:
    """Does the next line begin with 号: the digits closing this line are a serial, not a page."""
    for j in range(i + 1, min(stop, i + NEXT_LINE_LOOKAHEAD)):
        if not lines[j].blank:
            return lines[j].tight.startswith("号")
    return False


def _stands_alone(lines: list[Line], i: int, stop: int) -> bool:
    """A short plain line whose next line starts a new entry rather than continuing it: in a
    TOC without markup, that is how a section name (市政府令, 部门文件) looks."""
    if len(lines[i].tight) > MAX_SECTION_CHARS:
        return False
    for j in range(i + 1, min(stop, i + NEXT_LINE_LOOKAHEAD)):
        if not lines[j].blank:
            return not re.match(r"^[(（〔\[【.…·]|^[0-9]", lines[j].tight)
    return False


def _ends_with_number(text: str, end: int) -> bool:
    """Is a doc number (with its closing brackets) the last thing on the line?"""
    return not text[end:].strip(" \t)）〕]】")


def _page_follows(lines: list[Line], i: int, stop: int) -> bool:
    """Is the next text line a page number alone (the entry is not over yet)?"""
    for j in range(i + 1, min(stop, i + NEXT_LINE_LOOKAHEAD)):
        if not lines[j].blank:
            return bool(_PAGE_ONLY.match(lines[j].text))
    return False


def head_title(lines: list[Line], head: Head) -> str:
    """The title a head prints: its title lines, or for an order the regulation it promulgates."""
    if head.is_order:
        return order_title(lines, None, min(len(lines) - 1, head.anchor + ORDER_TITLE_SPAN), head.anchor) or ""
    return "".join(lines[i].tight for i in head.title)


def refuse_second_issue(path: str, lines: list[Line], after: int, toc: list[TocEntry]) -> None:
    """One file, one issue: a second 目录 after the documents began is refused when it has
    entries of its own (two or more), or repeats an entry of the first TOC (a gazette pasted twice)."""
    again = find_toc_head(lines, start=after + 1, limit=len(lines))
    if again is None:
        return
    entries, _ = parse_toc(lines, again, len(lines))
    first = {(e.doc_number, fold(e.title)) for e in toc}
    if len(entries) >= MIN_SECOND_TOC_ENTRIES or any((e.doc_number, fold(e.title)) in first for e in entries):
        raise GazetteError(path, "holds a second gazette issue (another 目录 with entries starts here); "
                                 "split the file into one issue per file", line=again + 1, code="second-issue")


def add_toc_only_heads(lines: list[Line], heads: list[Head], toc: list[TocEntry], begin: int) -> list[Head]:
    """Find, by title, the TOC entries that no doc-number head accounts for."""
    numbers = {h.doc_number.canonical for h in heads if h.doc_number}
    titles = [fold(head_title(lines, h)) for h in heads]
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
