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
from dataclasses import replace

from ..doc_number import find_doc_numbers
from ..messages import refusal
from ..model import TocEntry
from ..textnorm import fold
from ..vocabulary import CLOSE_BRACKETS, OPEN_BRACKETS
from .furniture import decorated_page
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
# Leaders between a title and its page: dots of any width, ellipses, middle dots, dashes, rules.
_LEADER = r"(?:\.{2,}|…+|⋯+|·{2,}|．{2,}|・{2,}|－{2,}|—{2,}|-{3,}|_{3,}|─{2,})"
# The page an entry prints, in any form a gazette prints it: (6), （6）, ·6·, —6—, 6.
_PAGE = r"(?:[(（]\s*(?P<page>\d{1,3})\s*[)）]|[·•・\-－—–]\s*(?P<dotted>\d{1,3})\s*[·•・\-－—–]|(?P<bare>\d{1,3}))"
# A page number closing an entry: after leaders or a space; in brackets or between dots, also right
# after the title or a bracket (发文目录(33): the space before it lost where the typesetter wrapped the line).
_PAGE_END = re.compile(rf"(?:{_LEADER}\s*|\s+|(?<=[)）〕\]])(?=[(（·•・])|(?<=[\u4e00-\u9fff])(?=[(（·•・]\s*\d{{1,3}}\s*[)）·•・]\s*$))"
                       rf"{_PAGE}\s*$")
_PAGE_ONLY = re.compile(rf"^{_LEADER}?\s*{_PAGE}\s*$")
_FURNITURE = re.compile(r"^[A-Za-z][A-Za-z .'’]*$")
_TRIM = "-－—.…⋯·　 "
_LEADERS_AT_ENDS = re.compile(rf"^(?:{_LEADER}\s*)+|(?:\s*{_LEADER})+$")


_PAGE_TAIL_CHARS = 40       # a page and the leaders before it fit in a line's last characters
_PAGE_LAST = frozenset("0123456789)）·•・-－—–")      # what a line closing with its page ends with


def page_end(text: str) -> re.Match | None:
    """The page closing an entry line (:data:`_PAGE_END`), looked for in the line's tail only: asked of
    every TOC line, and a search from every position of a long line would cost more than the rest of
    the TOC reading. A long run of leaders may match from inside; the title's trimming takes the rest."""
    if not text or text[-1] not in _PAGE_LAST:
        return None
    return _PAGE_END.search(text, max(0, len(text) - _PAGE_TAIL_CHARS))


def page_of(m: re.Match) -> int:
    """The page number a :data:`_PAGE_END` or :data:`_PAGE_ONLY` match reads, whatever its form."""
    return int(m.group("page") or m.group("dotted") or m.group("bare"))


def _without_number(text: str, start: int, end: int) -> str:
    """An entry's text with its doc number taken out, with the one bracket pair around it
    (衢州市电力用户信用管理办法(试行)(衢发改发[2018]23号) → …办法(试行)), never a bracket of the title."""
    before, after = text[:start].rstrip(), text[end:].lstrip()
    if before.endswith(tuple(OPEN_BRACKETS)) and after.startswith(tuple(CLOSE_BRACKETS)):
        before, after = before[:-1], after[1:]
    return before + after


def _trim_title(title: str) -> str:
    """A TOC title without the leaders at its ends and spaces, and without brackets left unpaired
    at its ends (a doc number's brackets split over lines), keeping the closing bracket of (试行)
    and a dash of the title's own (政府工作报告——2018年1月9日在…)."""
    title = squash(_LEADERS_AT_ENDS.sub("", title.strip())).strip(_TRIM)
    while title and title[0] in OPEN_BRACKETS + CLOSE_BRACKETS and _unpaired(title, 0):
        title = title[1:].strip(_TRIM)
    while title and title[-1] in OPEN_BRACKETS + CLOSE_BRACKETS and _unpaired(title, len(title) - 1):
        title = title[:-1].strip(_TRIM)
    return title


def _unpaired(title: str, i: int) -> bool:
    """Is the bracket at ``title[i]`` without its partner in the title?"""
    ch = title[i]
    if ch in OPEN_BRACKETS:
        return title.count(CLOSE_BRACKETS[OPEN_BRACKETS.index(ch)]) < title.count(ch) or i == len(title) - 1
    partner = OPEN_BRACKETS[CLOSE_BRACKETS.index(ch)]
    return title.count(partner) < title.count(ch) or i == 0


def find_toc_head(lines: list[Line], start: int = 0, limit: int = TOC_SEARCH_LINES) -> int | None:
    """Index of the 目录 line (near the start of the file, by default), if the gazette prints one."""
    for i in range(start, min(len(lines), start + limit)):
        if _TOC_HEAD.match(lines[i].tight):
            return i
    return None


def _entry(buf: list[Line], page: int | None, section: str | None) -> TocEntry | None:
    """Build one entry from the lines that make it up."""
    text = join_cjk(" ".join(l.text for l in buf))      # an entry wrapped inside a doc number rejoins
    if page is not None and (m := page_end(text.rstrip())) is not None:
        text = text[:m.start()]
    numbers = list(find_doc_numbers(text))
    doc_number = numbers[-1].number.canonical if numbers else None
    title = _without_number(text, numbers[-1].start, numbers[-1].end) if numbers else text
    title = _trim_title(title)
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
    number_first = False            # entries print their doc number above the title (then never below)

    def close(page: int | None, i: int) -> None:
        nonlocal buf, last, number_first
        entry = _entry(buf, page, section)
        if entry:
            if not entries:         # the first entry shows whether numbers stand above the titles
                number_first = entry.title != "" and number_only(buf[0]) is not None
            entries.append(entry)
            last = i
        buf = []

    for i in range(start + 1, stop):
        line = lines[i]
        if line.blank or _FURNITURE.match(line.text):
            continue
        if number_only(line, bracketed=False) or order_head(lines, i):
            break                       # a bare 发文字号 line or an order head: the body has begun
        decorated = decorated_page(line.tight)
        if decorated is not None:       # ·6· alone: the page of the entry above it when that entry has
            if buf:                     # none yet, else the TOC page's own number (furniture, skipped)
                close(decorated, i)
            continue
        below = None if buf or number_first else _number_below(entries, line, section)
        if below is not None:
            entries[-1] = below         # （国发〔2018〕41号） under the entry it belongs to
            last = i
            continue
        bulleted = line.raw.lstrip().startswith(("- ", "* ", "#", "**")) or _stands_alone(lines, i, stop)
        name = section_name(line.text, bulleted=bulleted and not buf)
        if name and not buf:
            section, last = name, i
            continue
        page_only = _PAGE_ONLY.match(line.text)
        if page_only and buf:
            close(page_of(page_only), i)
            continue
        buf.append(line)
        closing = page_end(line.text)
        numbers = list(find_doc_numbers(line.text))
        if closing and not (numbers and numbers[-1].end > closing.start()) and not _serial_goes_on(lines, i, stop):
            close(page_of(closing), i)
        elif numbers and _ends_with_number(line.text, numbers[-1].end) and not _page_follows(lines, i, stop):
            if any(e.doc_number == numbers[-1].number.canonical for e in entries):
                break       # the number of an entry read already: the first head, printed like an entry
            close(None, i)  # a TOC that prints no page numbers: the doc number closes the entry
        elif len(buf) > MAX_ENTRY_LINES:
            # five lines without a page number: the TOC is over (board, colophon …)
            break
    if entries and last > entries[-1].end_line - 1 and section == section_name(lines[last].text, bulleted=True):
        last = entries[-1].end_line - 1     # a "section" with no entry under it is the first head's organ
    return entries, last                    # line (国务院办公厅 / 关于…); line N is lines[N - 1]


def _number_below(entries: list[TocEntry], line: Line, section: str | None) -> TocEntry | None:
    """The entry above with this line's doc number, when the line is only a doc number in brackets
    and that entry, closed by its page, has no number yet: the TOC prints title and page on one line
    and the number on the next (国务院关于……的通知 ……(6) / （国发〔20xx〕N号）). None otherwise. (Asked
    only between entries, of a TOC that does not print its numbers above the titles.)"""
    if not entries:
        return None
    above = entries[-1]
    if above.doc_number or above.page is None or not above.title or above.section != section:
        return None
    t = line.tight
    if not (t[:1] in OPEN_BRACKETS and t[-1:] in CLOSE_BRACKETS):
        return None
    number = number_only(line)
    if number is None:
        return None
    return replace(above, doc_number=number.canonical, end_line=line.no)


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
        raise refusal("second-issue", path, again + 1)


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
