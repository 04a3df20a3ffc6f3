"""Page furniture: the running heads and page numbers a printed page carries around its text.

A gazette converted from print (or a PDF) keeps, between any two lines of a
document, what sat at the top and bottom of each page: the gazette's name and
issue (``国务院公报 2004·36``), the section (``国务院办公厅文件``), the page number
(``·12·``, ``— 12 —``, a bare ``12``). Read as text they cut titles in two, glue
onto enclosed titles and end paragraphs. This module is the one owner of that
knowledge: a PDF reader may drop what it sees by position, but it relies on
these rules for the rest.

The rules look at the body only (after the 目录) and want evidence, never one
line alone:

* a **decorated page number** (``·12·``, ``—12—``, ``- 12 -``, ``第12页``) is furniture;
* **bare page numbers** (a line that is only ``12``) are furniture when at least
  :data:`MIN_BARE_PAGES` of them rise through the file in order, as pages do;
* a **running head** is a short line without sentence punctuation that names the
  gazette (公报, 政报) or is one of the TOC's section names, printed
  :data:`MIN_HEAD_REPEATS` times or more (page numbers aside), or once right beside
  a page number or carrying one (``2　国务院令``): a short issue may break its pages
  only once or twice.

Furniture lines keep their raw text (nothing is lost: each becomes a furniture
block of its document, or stays in its region) but read as blank to the grammar.
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import Line
from .shapes import is_date_line

MIN_BARE_PAGES = 3          # bare numbers that rise in order: fewer could be a list or a table's cells
MIN_HEAD_REPEATS = 2        # a running head is printed on several pages; once, only beside a page number
MAX_HEAD_CHARS = 40         # 页眉: gazette name, issue, section and page fit on one short line
MAX_PAGE = 9999
MAX_MARGIN_LINES = 2        # a page's head (or foot) is a line or two, set apart from the text by a blank line
MARGIN_SHARE = 4            # … printed alike on at least one page in this many: a running head, not a title

_DECORATED_PAGE = re.compile(r"^(?:[-－—–·•・]+\s*\d{1,4}\s*[-－—–·•・]+|第\s*\d{1,4}\s*页)$")
_PAGE_DECORATION = frozenset("-－—–·•・第")      # what a decorated page number starts with
_BARE_PAGE = re.compile(r"^\d{1,4}$")
_GAZETTE_WORD = re.compile(r"公报|政报|公報|政報")
# An issue of a gazette, as its running head prints it: 第20号, 第3期, 第3、4期, 2004·36.
_ISSUE_MARK = re.compile(r"第[0-9０-９、]+[号期]|[0-9]{4}\s*[·.]\s*[0-9]{1,3}")
_SENTENCE_PUNCT = re.compile(r"[。；;！!？?，,：:、《》“”]")
_PAGE_PART = re.compile(r"(?:^[\d·.\-－—\s]+|[\d·.\-－—\s]+$)")
_DIGITS = re.compile(r"[0-9０-９]+")


def decorated_page(tight: str) -> int | None:
    """The number of a decorated page number line (``·12·``, ``—12—``, ``第12页``), else None: the
    one pattern of a page printed alone, which the TOC reader asks too."""
    if tight[:1] not in _PAGE_DECORATION or not _DECORATED_PAGE.match(tight):
        return None
    return int(_DIGITS.search(tight).group())


def _shape(tight: str) -> str:
    """A line (whitespace-free) with its numbers taken out: running heads of different pages share it."""
    return _DIGITS.sub("#", tight)


def _head_candidate(tight: str) -> bool:
    """A short line without sentence punctuation (given whitespace-free, as Line.tight)."""
    return 0 < len(tight) <= MAX_HEAD_CHARS and not _SENTENCE_PUNCT.search(tight) \
        and not _BARE_PAGE.match(tight)


def _bare_pages(lines: list[Line], begin: int) -> set[int]:
    """Indexes of bare-number lines that rise through the body (the longest rising run of them)."""
    found = [(i, int(lines[i].tight)) for i in range(begin, len(lines)) if _BARE_PAGE.match(lines[i].tight)
             and "\t" not in lines[i].raw]
    # the longest strictly rising subsequence, by patience sorting with back links
    tails: list[int] = []              # index into found of the smallest tail of each length
    back: list[int | None] = [None] * len(found)
    for k, (_, value) in enumerate(found):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if found[tails[mid]][1] < value:
                lo = mid + 1
            else:
                hi = mid
        back[k] = tails[lo - 1] if lo else None
        if lo == len(tails):
            tails.append(k)
        else:
            tails[lo] = k
    if len(tails) < MIN_BARE_PAGES:
        return set()
    run, k = set(), tails[-1]
    while k is not None:
        run.add(found[k][0])
        k = back[k]
    return run


def _running_heads(lines: list[Line], begin: int, sections: set[str], pages: set[int]) -> set[int]:
    """Indexes of running-head lines: short lines naming the gazette or a TOC section, repeated, or
    printed once with a page number beside it or on its own line (a short issue has few page breaks)."""
    shapes: dict[int, str] = {}
    for i in range(begin, len(lines)):
        if not lines[i].blank and _head_candidate(lines[i].tight):
            shapes[i] = _shape(lines[i].tight)
    counts = Counter(shapes.values())
    heads = set()
    for i, shape in shapes.items():
        if counts[shape] < MIN_HEAD_REPEATS:
            continue
        bare = _PAGE_PART.sub("", lines[i].tight)
        if _GAZETTE_WORD.search(shape) or bare in sections:
            heads.add(i)
    # printed once: only beside a page number or carrying one (its shape begins or ends with it), and
    # naming this gazette's issue (国务院公报 2005年第20号), not any 公报 (2017年…统计公报 is a title), or a section
    beside = {j for p in pages for j in _neighbours(lines, p)}
    carrying = {i for i, shape in shapes.items() if (shape[:1] == "#" or shape[-1:] == "#")
                and counts[shape] < MIN_HEAD_REPEATS and _HEAD_PAGE.search(lines[i].text)}
    for i in sorted(beside | carrying):
        shape = shapes.get(i)
        if shape is None or counts[shape] >= MIN_HEAD_REPEATS:
            continue
        if _PAGE_PART.sub("", lines[i].tight) in sections or \
                _GAZETTE_WORD.search(shape) and _ISSUE_MARK.search(lines[i].tight):
            heads.add(i)
    return heads


def _neighbours(lines: list[Line], i: int) -> list[int]:
    """The text lines right before and after line ``i`` (blank lines skipped)."""
    out = []
    for step in (1, -1):
        j = i + step
        while 0 <= j < len(lines) and lines[j].blank:
            j += step
        if 0 <= j < len(lines):
            out.append(j)
    return out


def furniture_lines(lines: list[Line], begin: int, sections: set[str]) -> set[int]:
    """Indexes (from ``begin`` on) of every line that is page furniture, by the rules above."""
    pages = {i for i in range(begin, len(lines)) if _DECORATED_PAGE.match(lines[i].tight)}
    pages |= _bare_pages(lines, begin)
    return pages | _running_heads(lines, begin, sections, pages)


_HEAD_PAGE = re.compile(r"^(?P<a>\d{1,4})\s|\s(?P<b>\d{1,4})$")


def printed_page_number(raw: str) -> tuple[int, bool] | None:
    """The number a furniture line prints, and whether the line is the page number alone (``·12·``,
    ``— 12 —``, ``第12页``, a bare ``12``) rather than a running head that begins or ends with a
    number (``国务院公报 2006·28 国务院文件 15``, but also ``…公报 2017``: a year, unless it changes
    from page to page, which :func:`generator.parse.pages.printed_numbers` asks)."""
    text = raw.strip()
    tight = "".join(text.split())
    if _DECORATED_PAGE.match(tight) or _BARE_PAGE.match(tight):
        return int(_DIGITS.search(tight).group()), True
    m = _HEAD_PAGE.search(text)
    return (int(m.group("a") or m.group("b")), False) if m else None


def _margin_runs(lines: list[Line], start: int, stop: int) -> list[list[int]]:
    """The first and the last run of text lines of one page (indexes ``start``–``stop``), when each
    is at most :data:`MAX_MARGIN_LINES` lines set apart from the rest by a blank line."""
    texts = [i for i in range(start, stop) if not lines[i].blank]
    runs: list[list[int]] = []
    for i in texts:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    if len(runs) < 2:
        return []                        # a page of one block of text has no margin set apart
    return [run for run in (runs[0], runs[-1]) if len(run) <= MAX_MARGIN_LINES]


def margin_lines(lines: list[Line], page_starts: tuple[int, ...]) -> set[int]:
    """Indexes of the running heads and page numbers of a text whose pages are known (a PDF's text
    written with its page breaks): lines at the top or bottom of a page, set apart by a blank line,
    that are a page number or the same short line (page number aside) on many pages. Position is the
    evidence here, so a head need not name the gazette (衢州政報 2018年 第3、4期 has a 、 in it)."""
    if len(page_starts) < 2:
        return set()
    bounds = [p - 1 for p in page_starts] + [len(lines)]
    candidates = [i for a, b in zip(bounds, bounds[1:]) for run in _margin_runs(lines, a, b) for i in run]
    key = lambda i: "#" if _DECORATED_PAGE.match(lines[i].tight) or _BARE_PAGE.match(lines[i].tight) \
        else _PAGE_PART.sub("", lines[i].tight)
    # a date under a signature may end two pages alike; no running head is a date alone
    candidates = [i for i in candidates if len(lines[i].tight) <= MAX_HEAD_CHARS and not is_date_line(lines[i].text)]
    counts = Counter(map(key, candidates))
    enough = max(MIN_HEAD_REPEATS, (len(page_starts) + MARGIN_SHARE - 1) // MARGIN_SHARE)
    return {i for i in candidates if key(i) and counts[key(i)] >= enough}


def mark_furniture(lines: list[Line], indexes: set[int]) -> list[Line]:
    """The lines with each furniture line blank to the grammar, its raw text kept and flagged."""
    return [line.as_furniture() if i in indexes else line
            for i, line in enumerate(lines)]
