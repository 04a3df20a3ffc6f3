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
from dataclasses import dataclass, field

from ..model import Block, BlockKind, Document
from .lines import Line, join_cjk, squash
from ..registry import Registry
from .segment import Head
from .shapes import attachment_label, is_title_like, split_organs

_CN = "一二三四五六七八九十百零〇"
MAX_HEADING_CHARS = 40    # 标题层次: an outline heading is at most this long; longer, it opens a paragraph
ARTICLE_LEVEL = 4         # the outline level of 第X条: an article, a labelled paragraph, never a heading
MIN_TABLE_CELLS = 2       # 表格: a row has this many filled cells (a one-cell label row only beside one)
MIN_CONTINUED_CHARS = 12  # a paragraph line shorter than this stands alone (a heading, an organ), not rejoined
# (pattern, level): the outline grammar of Chinese official documents.
_OUTLINE = (
    (re.compile(rf"^(?P<label>第[{_CN}0-9]{{1,4}}章)\s*(?P<rest>.*)$"), 1),
    (re.compile(rf"^(?P<label>第[{_CN}0-9]{{1,4}}节)\s*(?P<rest>.*)$"), 2),
    (re.compile(rf"^(?P<label>第[{_CN}0-9]{{1,5}}条)\s*(?P<rest>.*)$"), ARTICLE_LEVEL),
    (re.compile(rf"^(?P<label>[{_CN}]{{1,3}}、)\s*(?P<rest>.*)$"), 2),
    (re.compile(rf"^(?P<label>[（(][{_CN}]{{1,3}}[)）])\s*(?P<rest>.*)$"), 3),
)
_OUTLINE_FIRST = frozenset("第（(" + _CN)
_SENTENCE_END = frozenset("。；;！!？?：:”’」）)")    # a line ending in one of these ends its sentence


def outline(text: str) -> tuple[str, int, str] | None:
    """(label, level, rest) when a line starts with an outline label."""
    if text[:1] not in _OUTLINE_FIRST:
        return None                 # asked of every line: a label starts with one of few characters
    for pattern, level in _OUTLINE:
        m = pattern.match(text)
        if m:
            return m.group("label"), level, m.group("rest")
    return None


_PIPE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\|?$")


def cells(line: Line) -> list[str] | None:
    """The cells of a table row: tab-separated, or a Markdown pipe row ``| a | b |``; else None."""
    if "|" not in line.raw and "\t" not in line.raw:
        return None                 # most lines: no cell separator at all
    s = line.raw.strip()
    if s.startswith("|") and s.endswith("|") and s.count("|") >= MIN_TABLE_CELLS + 1:
        return [c.strip() for c in s[1:-1].split("|")]
    if "\t" in line.raw.strip(" "):
        return [c.strip() for c in line.raw.split("\t")]
    return None


def table_rows(lines: list[Line], start: int, end: int) -> set[int]:
    """Indexes of the lines in [start, end] that are table rows.

    A row has two filled cells at least; a row with one filled cell (a label row,
    ``市级验收意见\t\t\t``) counts next to a real row, or next to a row of as many cells, above
    or below it, so a run of a form's label rows joins whole; a line merely indented with a
    tab (two cells, one of them empty) stays a paragraph beside a table of more columns.
    """
    strong, weak = set(), set()
    width: dict[int, int] = {}
    for i in range(start, end + 1):
        row = cells(lines[i]) if not lines[i].blank else None
        if row is None:
            continue
        width[i] = len(row)
        filled = sum(1 for c in row if c)
        (strong if filled >= MIN_TABLE_CELLS or _PIPE_RULE.match(lines[i].raw.strip()) else weak).add(i)
    if not weak:
        return strong
    rows = set(strong)
    # a label row joins a row beside it that has as many cells: downwards, then upwards, so a run of
    # label rows joins from either end of it (隐患单位 above the other label rows of a form)
    for order, step in ((sorted(weak), -1), (sorted(weak, reverse=True), 1)):
        for i in order:
            j = _neighbour(lines, i, step, start, end)
            if i not in rows and j in rows and width[j] == width[i]:
                rows.add(i)
    for i in sorted(weak):      # … and, as before, next to a real row of any width
        if i not in rows and (_neighbour(lines, i, -1, start, end) in rows
                              or _neighbour(lines, i, 1, start, end) in strong):
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
    if prev[-1:] in _SENTENCE_END or nxt.blank or cells(nxt) is not None:
        return False
    if outline(nxt.text) or attachment_label(nxt.text) or nxt.raw.lstrip().startswith(("- ", "#")):
        return False
    # a short line that reads as a heading (a 文种 at its end, an organ name) stands alone
    return len(prev) >= MIN_CONTINUED_CHARS and not is_title_like(prev) and not split_organs(prev)


def head_roles(lines: list[Line], head: Head, number_line: int, date_idx: int | None) -> dict[int, BlockKind]:
    """The kind of each line the head and signature already account for: title, enclosed title,
    doc number, date, and the organ or person signature lines just above the date."""
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
    return role


@dataclass
class BodyState:
    """One document's lines being cut into blocks: what every block rule may consult, and the
    blocks made so far. Indexes are positions in ``lines``; the body is [head.start, end]."""

    lines: list[Line]
    head: Head
    end: int
    doc: Document
    role: dict[int, BlockKind]          # lines the head and signature account for (head_roles)
    tables: set[int]                    # lines that are table rows (table_rows)
    enclosed: set[str]                  # enclosed titles the fields found, in their tight form
    blocks: list[Block] = field(default_factory=list)
    _outline_at: int = -1               # outline() of the last line asked about: the heading rule
    _outline: tuple[str, int, str] | None = None    # asks, then the paragraph rule asks again

    @classmethod
    def of(cls, lines: list[Line], head: Head, number_line: int, date_idx: int | None, end: int,
           doc: Document) -> "BodyState":
        """The state build_blocks starts from: head roles and table rows found once, no block yet."""
        return cls(lines, head, end, doc, head_roles(lines, head, number_line, date_idx),
                   table_rows(lines, head.start, end), set(doc.enclosed_titles))

    def outline(self, i: int) -> tuple[str, int, str] | None:
        """:func:`outline` of line ``i``, read once however many rules ask."""
        if i != self._outline_at:
            self._outline_at, self._outline = i, outline(self.lines[i].text)
        return self._outline


class BlockRule:
    """One kind of block, after Python-Markdown's BlockProcessor: ``test`` says whether the block
    that starts at non-blank line ``i`` is this kind; ``run`` appends it to ``state.blocks`` and
    returns the index of the first line after it. Rules are tried in :data:`BLOCK_RULES` order."""

    def test(self, state: BodyState, i: int) -> bool:
        raise NotImplementedError

    def run(self, state: BodyState, i: int) -> int:
        raise NotImplementedError


class TitleRule(BlockRule):
    """The document's title, one block however many lines it wraps over (the fields' title,
    which has its layout spaces removed)."""

    def test(self, state: BodyState, i: int) -> bool:
        return state.role.get(i) is BlockKind.TITLE

    def run(self, state: BodyState, i: int) -> int:
        idxs, lines = state.head.title, state.lines
        text = state.doc.title or join_cjk(" ".join(lines[k].text for k in idxs))
        state.blocks.append(Block(BlockKind.TITLE, text, lines[idxs[0]].no, lines[idxs[-1]].no))
        return idxs[-1] + 1


class HeadRoleRule(BlockRule):
    """A line the head or signature accounts for (发文字号, 成文日期, signature, an enclosed title
    printed above the title): one block of that kind."""

    def test(self, state: BodyState, i: int) -> bool:
        return state.role.get(i) not in (None, BlockKind.TITLE)

    def run(self, state: BodyState, i: int) -> int:
        line = state.lines[i]
        state.blocks.append(Block(state.role[i], line.text, line.no, line.no))
        return i + 1


class TableRule(BlockRule):
    """Consecutive table rows (blank lines between them allowed: page breaks) as one table."""

    def test(self, state: BodyState, i: int) -> bool:
        return i in state.tables

    def run(self, state: BodyState, i: int) -> int:
        lines, idxs = state.lines, [i]
        k = i + 1
        while k <= state.end and (lines[k].blank or k in state.tables):
            if not lines[k].blank:
                idxs.append(k)
            k += 1
        state.blocks.append(_table(lines, idxs))
        return idxs[-1] + 1


class AttachmentRule(BlockRule):
    """A 附件 label line: the attachment list (附件：1.X) or the heading of an attachment (附件1)."""

    def test(self, state: BodyState, i: int) -> bool:
        return attachment_label(state.lines[i].text) is not None

    def run(self, state: BodyState, i: int) -> int:
        line = state.lines[i]
        number, rest = attachment_label(line.text)
        kind = BlockKind.ATTACHMENT_LIST if rest and not _bare_heading(rest) else BlockKind.ATTACHMENT_TITLE
        state.blocks.append(Block(kind, line.text, line.no, line.no, label=f"附件{number}"))
        return i + 1


class EnclosedTitleRule(BlockRule):
    """The printed title of a plan or regulation the notice 印发s, in the body."""

    def test(self, state: BodyState, i: int) -> bool:
        line = state.lines[i]
        return line.tight in state.enclosed and is_title_like(line.text)

    def run(self, state: BodyState, i: int) -> int:
        line = state.lines[i]
        state.blocks.append(Block(BlockKind.ENCLOSED_TITLE, line.tight, line.no, line.no))
        return i + 1


class FurnitureRule(BlockRule):
    """A running head or page number inside the document (:mod:`.furniture`): a block of its own,
    so the page keeps its text (and shows where the printed page broke) without reading it."""

    def test(self, state: BodyState, i: int) -> bool:
        return state.lines[i].furniture

    def run(self, state: BodyState, i: int) -> int:
        line = state.lines[i]
        state.blocks.append(Block(BlockKind.FURNITURE, line.raw.strip(), line.no, line.no))
        return i + 1


class HeadingRule(BlockRule):
    """An outline heading (第X章, 第X节, 一、, （一）): short, no sentence inside. A 第X条 article
    is a paragraph with a label, not a heading."""

    def test(self, state: BodyState, i: int) -> bool:
        out = state.outline(i)
        if not out:
            return False
        tight = state.lines[i].tight
        return (len(tight) <= MAX_HEADING_CHARS and tight[-2:-1] not in _SENTENCE_END
                and out[1] < ARTICLE_LEVEL and "。" not in tight[:-1])

    def run(self, state: BodyState, i: int) -> int:
        line = state.lines[i]
        label, level, _ = state.outline(i)
        state.blocks.append(Block(BlockKind.HEADING, line.text, line.no, line.no, level=level, label=label))
        return i + 1


class ParagraphRule(BlockRule):
    """Anything else: a paragraph (or a ``- `` list item), rejoined across page breaks; an
    outline label that opens it (第一条, 一、 in a long sentence) is kept as its label."""

    def test(self, state: BodyState, i: int) -> bool:
        return True

    def run(self, state: BodyState, i: int) -> int:
        lines, line = state.lines, state.lines[i]
        kind = BlockKind.LIST_ITEM if line.raw.lstrip().startswith(("- ", "* ")) else BlockKind.PARAGRAPH
        text, last = line.text, i
        k = i + 1
        while k <= state.end:
            if lines[k].furniture:
                break                 # the page ends here; its furniture is a block of its own
            if lines[k].blank:
                k += 1
                continue
            if state.role.get(k) is None and _continues(text, lines[k]):
                text = _join(text, lines[k].text)
                last = k
                k += 1
                continue
            break
        out = state.outline(i)
        label, level = (out[0], out[1]) if out else ("", 0)
        state.blocks.append(Block(kind, text, line.no, lines[last].no, level=level, label=label))
        return last + 1


BLOCK_RULES: Registry[BlockRule] = Registry("block rule")
BLOCK_RULES.register(FurnitureRule(), "furniture", 80)
BLOCK_RULES.register(TitleRule(), "title", 70)
BLOCK_RULES.register(HeadRoleRule(), "head_role", 60)
BLOCK_RULES.register(TableRule(), "table", 50)
BLOCK_RULES.register(AttachmentRule(), "attachment", 40)
BLOCK_RULES.register(EnclosedTitleRule(), "enclosed_title", 30)
BLOCK_RULES.register(HeadingRule(), "heading", 20)
BLOCK_RULES.register(ParagraphRule(), "paragraph", 0)      # the fallback: its test always holds


def build_blocks(lines: list[Line], head: Head, number_line: int, date_idx: int | None,
                 end: int, doc: Document) -> list[Block]:
    """The blocks of one document, covering each of its non-blank lines once: at each line,
    the first rule whose test holds makes the next block."""
    state = BodyState.of(lines, head, number_line, date_idx, end, doc)
    rules = list(BLOCK_RULES)
    i = head.start
    while i <= end:
        if lines[i].blank and not lines[i].furniture:
            i += 1
            continue
        for rule in rules:          # a plain loop: this runs once per line of every document
            if rule.test(state, i):
                i = rule.run(state, i)
                break
    return state.blocks


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
