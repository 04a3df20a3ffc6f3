"""A document's body as structure: headings, paragraphs, lists, tables, signature.

Official documents (公文) have a fixed outline grammar: 第X章 / 第X节 / 第X条 for
regulations, 一、 / （一） / 1. / （1） for notices and plans. Paragraphs broken
by page breaks (a sentence split across a blank line) are rejoined. Tables
come as tab-separated rows whose header repeats after each page break; the
repeats are dropped. Every non-blank line of the document lands in exactly one
block, so the rendered page holds all of the source text.
"""

from __future__ import annotations

import re

from ..model import Block, BlockKind, Document
from .lines import Line, join_cjk, squash
from .segment import Head
from .shapes import attachment_label, is_title_like, split_organs

_CN = "一二三四五六七八九十百零〇"
# (pattern, level): the outline grammar of Chinese official documents.
_OUTLINE = (
    (re.compile(rf"^(?P<label>第[{_CN}0-9]{{1,4}}章)\s*(?P<rest>.*)$"), 1),
    (re.compile(rf"^(?P<label>第[{_CN}0-9]{{1,4}}节)\s*(?P<rest>.*)$"), 2),
    (re.compile(rf"^(?P<label>第[{_CN}0-9]{{1,5}}条)\s*(?P<rest>.*)$"), 4),
    (re.compile(rf"^(?P<label>[{_CN}]{{1,3}}、)\s*(?P<rest>.*)$"), 2),
    (re.compile(rf"^(?P<label>[（(][{_CN}]{{1,3}}[)）])\s*(?P<rest>.*)$"), 3),
)
_SENTENCE_END = re.compile(r"[。；;！!？?：:”’」）)]$")
_MAX_HEADING = 40


def outline(text: str) -> tuple[str, int, str] | None:
    """(label, level, rest) when a line starts with an outline label."""
    for pattern, level in _OUTLINE:
        m = pattern.match(text)
        if m:
            return m.group("label"), level, m.group("rest")
    return None


_PIPE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\|?$")


def cells(line: Line) -> list[str] | None:
    """The cells of a table row: tab-separated, or a Markdown pipe row ``| a | b |``; else None."""
    s = line.raw.strip()
    if s.startswith("|") and s.endswith("|") and s.count("|") >= 3:
        return [c.strip() for c in s[1:-1].split("|")]
    if "\t" in line.raw.strip(" "):
        return [c.strip() for c in line.raw.split("\t")]
    return None


def table_rows(lines: list[Line], start: int, end: int) -> set[int]:
    """Indexes of the lines in [start, end] that are table rows.

    A row has two filled cells at least; a row with one filled cell (a label row,
    ``市级验收意见\t\t\t``) counts only next to a real row, so a line merely indented
    with a tab stays a paragraph.
    """
    strong, weak = set(), set()
    for i in range(start, end + 1):
        row = cells(lines[i]) if not lines[i].blank else None
        if row is None:
            continue
        (strong if sum(1 for c in row if c) >= 2 or _PIPE_RULE.match(lines[i].raw.strip()) else weak).add(i)
    rows = set(strong)
    for i in sorted(weak):
        if _neighbour(lines, i, -1, start, end) in rows or _neighbour(lines, i, 1, start, end) in strong:
            rows.add(i)
    return rows


def _neighbour(lines: list[Line], i: int, step: int, start: int, end: int) -> int | None:
    j = i + step
    while start <= j <= end and lines[j].blank:
        j += step
    return j if start <= j <= end else None


def _table(lines: list[Line], idxs: list[int]) -> Block:
    """A table from its rows; header rows repeated after page breaks and pipe rules are dropped."""
    rows: list[tuple[str, ...]] = []
    header: tuple[str, ...] | None = None
    for i in idxs:
        if _PIPE_RULE.match(lines[i].raw.strip()):
            continue
        row = tuple(cells(lines[i]) or [lines[i].text])
        if header is None:
            header = row
        elif row == header:
            continue
        rows.append(row)
    width = max((len(r) for r in rows), default=1)
    rows = [r + ("",) * (width - len(r)) for r in rows] or [("",)]
    text = "\n".join(lines[i].text for i in idxs)
    return Block(BlockKind.TABLE, text, lines[idxs[0]].no, lines[idxs[-1]].no, rows=tuple(rows))


def _continues(prev: str, nxt: Line) -> bool:
    """Does a paragraph ending in ``prev`` go on in line ``nxt`` (split by a page break)?"""
    if _SENTENCE_END.search(prev) or nxt.blank or cells(nxt) is not None:
        return False
    if outline(nxt.text) or attachment_label(nxt.text) or nxt.raw.lstrip().startswith(("- ", "#")):
        return False
    # a short line that reads as a heading (a 文种 at its end, an organ name) stands alone
    return len(prev) >= 12 and not is_title_like(prev) and not split_organs(prev)


def build_blocks(lines: list[Line], head: Head, number_line: int, date_idx: int | None,
                 end: int, doc: Document) -> list[Block]:
    """The blocks of one document, covering each of its non-blank lines once."""
    blocks: list[Block] = []
    role: dict[int, BlockKind] = {}
    for i in head.pre_title:
        role[i] = BlockKind.ENCLOSED_TITLE
    for i in head.title:
        role[i] = BlockKind.TITLE
    if head.is_order:
        role[head.anchor] = BlockKind.DOC_NUMBER
    role[number_line] = BlockKind.DOC_NUMBER
    if date_idx is not None:
        role[date_idx] = BlockKind.DATE
        j = date_idx - 1
        while j > number_line and (lines[j].blank or split_organs(lines[j].text)
                                   or (j == date_idx - 1 or lines[j + 1].blank) and _person(lines[j])):
            if not lines[j].blank:
                role[j] = BlockKind.SIGNATURE
            j -= 1
    enclosed = set(doc.enclosed_titles)
    tables = table_rows(lines, head.start, end)

    start = head.start
    i = start
    while i <= end:
        line = lines[i]
        if line.blank:
            i += 1
            continue
        kind = role.get(i)
        if kind is BlockKind.TITLE:
            idxs = [k for k in head.title]
            blocks.append(Block(BlockKind.TITLE, doc.title or join_cjk(" ".join(lines[k].text for k in idxs)),
                                lines[idxs[0]].no, lines[idxs[-1]].no))
            i = idxs[-1] + 1
            continue
        if kind is not None:
            blocks.append(Block(kind, line.text, line.no, line.no))
            i += 1
            continue
        if i in tables:
            idxs = [i]
            k = i + 1
            while k <= end and (lines[k].blank or k in tables):
                if not lines[k].blank:
                    idxs.append(k)
                k += 1
            blocks.append(_table(lines, idxs))
            i = idxs[-1] + 1
            continue
        lab = attachment_label(line.text)
        if lab is not None:
            kind = BlockKind.ATTACHMENT_LIST if lab[1] and not _bare_heading(lab[1]) else BlockKind.ATTACHMENT_TITLE
            blocks.append(Block(kind, line.text, line.no, line.no, label=f"附件{lab[0]}"))
            i += 1
            continue
        if line.tight in enclosed and is_title_like(line.text):
            blocks.append(Block(BlockKind.ENCLOSED_TITLE, line.tight, line.no, line.no))
            i += 1
            continue
        out = outline(line.text)
        if out and (len(line.tight) <= _MAX_HEADING and not _SENTENCE_END.search(line.tight[:-1] or "")
                    and out[1] < 4 and "。" not in line.tight[:-1]):
            blocks.append(Block(BlockKind.HEADING, line.text, line.no, line.no, level=out[1], label=out[0]))
            i += 1
            continue
        # a paragraph (or list item), rejoined across page breaks
        kind = BlockKind.LIST_ITEM if line.raw.lstrip().startswith(("- ", "* ")) else BlockKind.PARAGRAPH
        text = line.text
        last = i
        k = i + 1
        while k <= end:
            if lines[k].blank:
                k += 1
                continue
            if role.get(k) is None and _continues(text, lines[k]):
                text = _join(text, lines[k].text)
                last = k
                k += 1
                continue
            break
        label = out[0] if out else ""
        level = out[1] if out else 0
        blocks.append(Block(kind, text, line.no, lines[last].no, level=level, label=label))
        i = last + 1
    return blocks


def _join(a: str, b: str) -> str:
    """Join two halves of a sentence: no space between Chinese characters, one between Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def _bare_heading(rest: str) -> bool:
    return not squash(rest)


def _person(line: Line) -> bool:
    from .shapes import is_person_signature
    return is_person_signature(line.text)
