"""Segmentation: where each document starts and ends.

A document is found the way an archivist finds it: by its head. The head of
an official document is its title (one or more lines, often with layout
spaces) directly above its doc-number line (发文字号), or an order head
(``衢州市人民政府令`` / ``第51号``). Lines printed just above the title that are
themselves titles (the plan a notice 印发s) or organ names (the departments
whose text a notice 转发s) belong to the document that follows.

A document runs from its head to the line before the next head; the last one
stops at the back matter (colophon, 发文目录). A signature is never taken as the
end of a document: enclosed plans and attachments follow it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..doc_number import DocNumber, find_one, may_hold_doc_number, parse_doc_number
from ..textnorm import fold
from ..vocabulary import IN_FORCE, PROMULGATIONS, is_closing_note, opens_sentence
from .lines import Line
from .shapes import (MAX_ORGAN_CHARS, MAX_TITLE_CHARS, MIN_ORGAN_CHARS, is_date_line, is_organ_line,
                     is_organ_name, is_person_signature, is_title_like, organs_of, title_organs)

_ORDER_SERIAL = re.compile(r"^第[0-9０-９]{1,5}号$")
MAX_HEAD_LINES = 6          # 文件头: title and enclosed-title lines collected above one 发文字号
MAX_TITLE_LINES = 3         # a title under its number, or found by its TOC title, wraps over at most this many
MAX_WRAPPED_TITLE_CHARS = 200   # 标题 joined over its lines: a long 关于转发…的通知 still fits
MAX_NUMBER_LINE_CHARS = 40  # 发文字号 line (signer and label removed); longer, it is a sentence citing one
MAX_ORDER_HEAD_CHARS = 26   # 令 head line: 衢州市人民政府令, with room for a province and county
ORDER_SERIAL_LOOKAHEAD = 8  # lines below a …令 head searched for its 第N号 (blank lines between)
MIN_TOC_TITLE_CHARS = 6     # a TOC title shorter than this is too common to find a document by


@dataclass
class Head:
    """Where one document begins, and what its head lines are (indexes into the line list)."""

    anchor: int                      # the doc-number line, the 令 line, or the title line
    doc_number: DocNumber | None
    title: list[int]                 # title lines
    pre_title: list[int] = field(default_factory=list)   # enclosed title / organ lines above the title
    is_order: bool = False
    number_first: bool = False       # the doc number is printed above the title
    order_organ: str | None = None   # the organ of an order head printed without its 第N号

    @property
    def start(self) -> int:
        if self.number_first:
            return self.anchor
        return (self.pre_title or self.title or [self.anchor])[0]


_SIGNER = re.compile(r"签发人[:：]\S{2,4}(?:[、,，]\S{2,4})*$")
_NUMBER_LABEL = re.compile(r"^(?:发文字号|文号)[:：]")


def number_only(line: Line, bracketed: bool = True) -> DocNumber | None:
    """The doc number when the line is nothing but an unbracketed doc number (the 发文字号 line).

    A signer printed beside it (``浙政发〔2017〕1号  签发人：张三``) does not count. With
    ``bracketed``, a number in one pair of brackets counts too, as some bodies print it;
    a table of contents prints its numbers that way, so the TOC reader asks without it.
    """
    if not may_hold_doc_number(line.tight):
        return None                     # asked of every line: spare it the signer and label rules
    t = _NUMBER_LABEL.sub("", _SIGNER.sub("", line.tight))
    if not t or len(t) > MAX_NUMBER_LINE_CHARS:
        return None
    if bracketed and t[0] in "(（〔[［【" and t[-1] in ")）〕]］】":
        t = t[1:-1]                     # (杭政〔2017〕1号) printed in brackets under the title
    m = find_one(t)
    if m and m.start == 0 and m.end == len(t):
        return m.number
    return None


def _next_nonblank(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, min(len(lines), i + ORDER_SERIAL_LOOKAHEAD)):
        if not lines[j].blank:
            return j
    return None


def order_head(lines: list[Line], i: int) -> DocNumber | None:
    """An order head: ``X人民政府令`` with ``第N号`` on the next text line (or on the same line)."""
    t = lines[i].tight
    if not t.endswith("令") or len(t) > MAX_ORDER_HEAD_CHARS:
        return None
    j = _next_nonblank(lines, i)
    if j is None or not _ORDER_SERIAL.match(lines[j].tight):
        return None
    number = parse_doc_number(t + lines[j].tight)     # the one order grammar (doc_number.py)
    return number if number is not None and number.is_order else None


PROMULGATION_CHARS = 120    # the promulgation sentence read under an order head (it may wrap over lines)


def unnumbered_order_head(lines: list[Line], i: int) -> str | None:
    """The organ of an order head printed without its number: ``衢州市人民政府令`` over the sentence
    that promulgates a regulation (…现予公布，自…起施行), with no ``第N号`` between them.

    The head must name an organ, and the promulgation must say 施行 in the same sentence, so a
    section heading (市政府令) or a notice that 予以公布 a list is not taken for an order.
    """
    t = lines[i].tight
    if not t.endswith("令") or len(t) > MAX_ORDER_HEAD_CHARS or not is_organ_name(t[:-1]):
        return None
    j = _next_nonblank(lines, i)
    if j is None or _ORDER_SERIAL.match(lines[j].tight):
        return None
    text = ""
    while j is not None and len(text) < PROMULGATION_CHARS and not lines[j].blank:
        text += lines[j].tight
        j = j + 1 if j + 1 < len(lines) else None
    sentence = re.split(r"[。；;]", text, maxsplit=1)[0]
    if any(p in sentence for p in PROMULGATIONS) and IN_FORCE in sentence:
        return t[:-1]
    return None


def _headish(line: Line, in_title: bool = False) -> bool:
    """Could this line be part of a document head (title, enclosed title, organ list)? With
    ``in_title`` the line is asked as the middle of a title whose first line is still above it, where
    a word that opens sentences (经营性…, 根据…) may begin a line as well as any other."""
    t = line.tight
    if not t or len(t) > MAX_TITLE_CHARS or "\t" in line.raw.strip("\t ") or "\t" in line.raw.lstrip("\t"):
        return False
    if re.search(r"[。；;！!？?，,:：]", t) or is_date_line(t) or is_person_signature(line.text):
        return False
    if number_only(line) or t in ("附件",) or is_closing_note(t) or (opens_sentence(t) and not in_title):
        return False
    return True


_ORGAN_VERB = re.compile(rf"^(?P<organ>.{{{MIN_ORGAN_CHARS},{MAX_ORGAN_CHARS}}}?)(?:转发|印发|公布|发布)")


def title_starts(text: str) -> bool:
    """Does this text begin a title: ``[organ…]关于…``, ``[organ]转发/印发…``?"""
    if "关于" in text:
        issuer, relayed = title_organs(text)
        return (not issuer or bool(organs_of(issuer))) and (not relayed or bool(organs_of(relayed)))
    m = _ORGAN_VERB.match(text)
    return bool(m) and all(is_organ_name(p) for p in re.split(r"[、,，]", m.group("organ")) if p)


def _split_head(lines: list[Line], head: list[int]) -> tuple[list[int], list[int]]:
    """Split head lines (top → bottom) into (pre-title lines, title lines)."""
    k = len(head) - 1
    title = [head[k]]
    while k > 0:
        cur = "".join(lines[i].tight for i in title)
        prev = lines[head[k - 1]]
        if title_starts(cur):
            # 衢州市人民政府办公室 / 关于…的通报: the issuer printed on its own line
            if cur.startswith("关于") and is_organ_line(prev.text):
                title.insert(0, head[k - 1])
                k -= 1
            break
        title.insert(0, head[k - 1])   # a wrapped title: this line continues the one above
        k -= 1
    pre = head[:k]
    # keep only the pre-title lines that read as an enclosed title (or organs under one)
    kept: list[int] = []
    for i in reversed(pre):
        if is_title_like(lines[i].text) or is_organ_line(lines[i].text):
            kept.insert(0, i)
        else:
            break
    while kept and not is_title_like(lines[kept[0]].text):
        kept.pop(0)
    if kept and len(kept) < len(pre):
        # short lines that are neither titles nor organs right above it (a form's row labels read
        # from a PDF, 整改内容及完成情况 / 县(市、区)初审意见): the end of a form, not an enclosed title
        return [], title
    return kept, title


def head_above(lines: list[Line], anchor: int, floor: int) -> Head | None:
    """The title (and enclosed titles) printed above a doc-number line at ``anchor``."""
    collected: list[int] = []
    j = anchor - 1
    while j > floor and len(collected) < MAX_HEAD_LINES:
        line = lines[j]
        if line.blank:
            j -= 1
            continue
        # a line that opens like a sentence still belongs to a title whose start is above it
        if not _headish(line) and not (collected and _headish(line, in_title=True)
                                       and not title_starts("".join(lines[i].tight for i in collected))):
            break
        collected.insert(0, j)
        j -= 1
    if not collected:
        return None
    pre, title = _split_head(lines, collected)
    title_text = "".join(lines[i].tight for i in title)
    if not (is_title_like(title_text, max_len=MAX_WRAPPED_TITLE_CHARS) or title_starts(title_text)):
        return None
    return Head(anchor=anchor, doc_number=number_only(lines[anchor]), title=title, pre_title=pre)


def head_below(lines: list[Line], anchor: int) -> Head | None:
    """A title printed under the doc-number line, as in the original document's layout."""
    title: list[int] = []
    j = anchor + 1
    while j < len(lines) and len(title) < MAX_TITLE_LINES:
        if lines[j].blank:
            j += 1
            continue
        if not _headish(lines[j]):
            break
        title.append(j)
        if is_title_like("".join(lines[i].tight for i in title), max_len=MAX_WRAPPED_TITLE_CHARS):
            return Head(anchor=anchor, doc_number=number_only(lines[anchor]), title=title,
                        pre_title=[], number_first=True)
        j += 1
    return None


def title_head(lines: list[Line], title: str, begin: int, taken: set[int]) -> Head | None:
    """A document found by the title its TOC entry gives, for documents printed without a number."""
    want = fold(title)
    if len(want) < MIN_TOC_TITLE_CHARS:
        return None
    for i in range(begin, len(lines)):
        if i in taken or lines[i].blank or not _headish(lines[i]):
            continue
        got = fold(lines[i].tight)
        span = [i]
        k = i + 1
        while len(got) < len(want) and k < len(lines) and len(span) < MAX_TITLE_LINES:
            if not lines[k].blank:
                if not _headish(lines[k]):
                    break
                got += fold(lines[k].tight)
                span.append(k)
            k += 1
        if got == want or (got.endswith(want) and title_starts(lines[i].tight)):
            return Head(anchor=i, doc_number=None, title=span)
    return None


def find_heads(lines: list[Line], begin: int) -> list[Head]:
    """Every document head from line index ``begin`` on, in order."""
    heads: list[Head] = []
    floor = begin - 1
    for i in range(begin, len(lines)):
        if lines[i].blank:
            continue
        order = order_head(lines, i)
        if order:
            heads.append(Head(anchor=i, doc_number=order, title=[], is_order=True))
            floor = i
            continue
        organ = unnumbered_order_head(lines, i)
        if organ:
            heads.append(Head(anchor=i, doc_number=None, title=[], is_order=True, order_organ=organ))
            floor = i
            continue
        num = number_only(lines[i])
        if num is None:
            continue
        if num.is_order:                # 杭州市人民政府令第305号 on one line
            heads.append(Head(anchor=i, doc_number=num, title=[], is_order=True))
            floor = i
            continue
        head = head_above(lines, i, floor) or head_below(lines, i)
        if head:
            heads.append(head)
            floor = i
    return heads


def note_heads(lines: list[Line], heads: list[Head], begin: int,
               encloses: Callable[[Head, int], bool], candidates: list[int]) -> list[Head]:
    """Documents that begin right after a 附注 (（此件公开发布）, （本文有删减）) closing a text that
    encloses nothing: what follows such a note is the next document, found by its title even where
    it prints no doc number. ``encloses(head, note)`` says whether the document of ``head`` publishes
    or relays a text (印发, 转发, 批转 a named text), which would follow the note instead.
    ``candidates`` are the indexes of the lines that may be notes (holding a note's mark)."""
    added = list(heads)
    starts = {h.start for h in heads}
    notes = [k for k in candidates if k >= begin and is_closing_note(lines[k].tight)]
    for k in notes:
        owner = max((h for h in added if h.start < k), key=lambda h: h.start, default=None)
        if owner is None or owner.is_order or encloses(owner, k):
            continue
        span = _title_after(lines, k)
        if span and not any(span[0] <= s <= span[-1] + 2 for s in starts):
            added.append(Head(anchor=span[0], doc_number=None, title=span))
            starts.add(span[0])
    return sorted(added, key=lambda h: h.anchor)


def _title_after(lines: list[Line], k: int) -> list[int]:
    """The lines of a document's title printed right after line ``k`` (blank lines between), else []:
    the head lines there (at most :data:`MAX_TITLE_LINES`), up to the longest run of them that reads as
    a title and begins as a head's title does ([organ]关于…), so a form or plan after the note is none
    and a title over several lines is read whole."""
    span: list[int] = []
    j = k + 1
    while j < len(lines) and len(span) < MAX_TITLE_LINES:
        if lines[j].blank:
            j += 1
            continue
        if not _headish(lines[j], in_title=bool(span)):
            break
        span.append(j)
        j += 1
    while span:
        title = "".join(lines[i].tight for i in span)
        if is_title_like(title, max_len=MAX_WRAPPED_TITLE_CHARS) and title_starts(title):
            return span
        span.pop()
    return []


def last_text_line(lines: list[Line], start: int, stop: int) -> int:
    """Index of the last non-blank line in [start, stop), or start if none."""
    for k in range(stop - 1, start - 1, -1):
        if not lines[k].blank or lines[k].furniture:     # the furniture closing its last page too
            return k
    return start
