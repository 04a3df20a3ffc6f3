"""Non-document regions: cover, TOC, editorial board, colophon and the 发文目录.

Everything in a gazette that is not a document is still text the archive keeps:
these spans are recorded as :class:`Region` records so the no-text-lost check
can account for every line, and the 发文目录 (a monthly list of documents issued)
is read as data for the issue page, never as a document.
"""

from __future__ import annotations

import re

from ..doc_number import find_one
from ..model import DispatchEntry, Region
from .lines import Line

_COLOPHON = re.compile(
    r"^(?:主办单位|主办|承办|编辑|编印|地址|准印证|邮编|联系电话|电话|传真|承印|印刷|出版|主编|网址|电子邮箱)\s*[:：]"
)
_DISPATCH_HEAD = re.compile(r"发文目录$")

MAX_DISPATCH_HEAD_CHARS = 40    # 发文目录 heading (…2017年5月份市政府发文目录); longer, it is a sentence
DISPATCH_LOOKAHEAD = 8      # lines below a 发文目录 heading searched for rows that start with a doc number
MIN_DISPATCH_ROWS = 2       # rows that must start with a doc number for the heading to be a 发文目录
MAX_ROW_MARK_CHARS = 2      # a 发文目录 row's number may follow a short mark (- , 1.) at most this long


def back_matter_start(lines: list[Line], after: int) -> tuple[int, int | None]:
    """Index where the trailing back matter starts (colophon, 发文目录), and the 发文目录 line if any."""
    n = len(lines)
    dispatch = None
    for i in range(after, n):
        t = lines[i].tight
        if t and len(t) <= MAX_DISPATCH_HEAD_CHARS and _DISPATCH_HEAD.search(t) and _dispatch_follows(lines, i):
            dispatch = i
            break
    end = dispatch if dispatch is not None else n
    k = end
    while k > after and (lines[k - 1].blank or _COLOPHON.match(lines[k - 1].tight)):
        k -= 1
    colophon = k
    while colophon < end and lines[colophon].blank:
        colophon += 1
    has_colophon = any(_COLOPHON.match(lines[i].tight) for i in range(colophon, end))
    return (colophon if has_colophon else end), dispatch


def _dispatch_follows(lines: list[Line], i: int) -> bool:
    """A 发文目录 heading followed by lines that start with doc numbers."""
    hits = 0
    for j in range(i + 1, min(len(lines), i + DISPATCH_LOOKAHEAD)):
        if lines[j].blank:
            continue
        m = find_one(lines[j].tight)
        hits += bool(m and m.start == 0)
    return hits >= MIN_DISPATCH_ROWS



def regions(lines: list[Line], toc_head: int | None, toc_last: int | None, first_doc: int,
             back_start: int, dispatch_idx: int | None) -> list[Region]:
    """Non-document spans: cover, TOC, board (between TOC and first document), back matter."""
    found: list[Region] = []

    def add(kind: str, a: int, b: int) -> None:
        texts = [i for i in range(a, b) if not lines[i].blank or lines[i].furniture]   # its page's head too
        if texts:
            found.append(Region(kind, texts[0] + 1, texts[-1] + 1))

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
    return found


def dispatch_entries(lines: list[Line], idx: int) -> list[DispatchEntry]:
    """The entries of a 发文目录 starting at line index ``idx``: number and title per line."""
    out = []
    for line in lines[idx + 1:]:
        if line.blank:
            continue
        m = find_one(line.text)
        if m and m.start <= MAX_ROW_MARK_CHARS:
            out.append(DispatchEntry(m.number.canonical, line.text[m.end:].strip(), line.no))
        else:
            out.append(DispatchEntry(None, line.text, line.no))
    return out
