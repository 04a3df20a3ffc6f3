"""Fields of one document, read from its lines once its extent is known.

Title, issuers (发文机关), date (成文日期), enclosed titles, attachments (附件) and
references (cited doc numbers). Each reader is a small function over the
document's lines; none of them moves a document boundary.
"""

from __future__ import annotations

import datetime as _dt
import re
from difflib import SequenceMatcher

from ..doc_number import DocNumber, find_doc_numbers
from ..textnorm import fold
from ..vocabulary import is_closing_note, organ_without_country
from .lines import Line, squash
from .segment import Head
from .shapes import (MAX_TITLE_CHARS, attachment_label, doc_type, find_date, is_date_line, is_organ_line,
                     is_person_signature, is_title_like, issuer_from_title, relayed_organs, split_organs)

_ENCLOSING_VERB = re.compile(r"(?:印发|转发|批转|公布|发布|下达)(?P<what>.+?)的(?:通知|决定|通告|函)$")
_LIST_ITEM = re.compile(r"^(?P<n>[0-9０-９]{1,2})\s*[.、．]\s*(?P<rest>\S.*)$")
_RUNNING = re.compile(r"[。；;，,：:！？]")
_OMITTED = re.compile(r"[（(]\s*略\s*[)）]$")

MIN_TITLE_PART_CHARS = 4    # a piece of a title shorter than this (folded) is too common to compare
TITLE_SIMILARITY = 0.75     # difflib ratio above which a printed heading is the enclosed title (印发的X)
MAX_WRAPPED_HALF_CHARS = 40 # each half of an enclosed title wrapped over two lines
MAX_ATTACHMENT_TITLE_CHARS = 120    # 附件 title printed under a bare 附件N label
MAX_ITEM_WRAP_CHARS = 30    # the tail of a 附件 list item wrapped onto the next line
NUMBER_TAIL_CHARS = 24      # end of a line kept to read a 发文字号 broken over the line end (longest number)
ORDER_TITLE_LOOKAHEAD = 12  # lines after an order's date searched for the regulation it promulgates


def title_text(lines: list[Line], idxs: list[int]) -> str:
    """A title as printed, joined over its lines, without layout spaces."""
    return "".join(lines[i].tight for i in idxs)


def signature_block(lines: list[Line], start: int, end: int) -> tuple[int | None, list[str], bool]:
    """The first 成文日期 line in [start, end] and the organs signed above it.

    Returns (date line index, issuers, signed by a person). A date line counts only
    when a signature (organ or person) stands directly above it, or the document
    is short enough that the date can only be its own.
    """
    for i in range(start, end + 1):
        if lines[i].blank or not is_date_line(lines[i].text):
            continue
        organs: list[str] = []
        person = False
        j = i - 1
        while j >= start:
            line = lines[j]
            if line.blank:
                j -= 1
                continue
            found = split_organs(line.text)
            if found:
                organs = found + organs
                j -= 1
                continue
            if is_person_signature(line.text) and not organs:
                person = True
            break
        if organs or person:
            return i, organs, person
    return None, [], False


def enclosed_name(title: str) -> str | None:
    """What a 印发/转发 notice encloses, from its title: 关于印发X的通知 → X (《》 removed)."""
    m = _ENCLOSING_VERB.search(squash(title))
    if not m:
        return None
    return m.group("what").strip("《》〈〉")


def _wanted_parts(wanted: str, named: list[str]) -> list[str]:
    """What a notice encloses: the texts its covering sentence names, what its title names, and the
    parts of a compound name (X与Y, X、Y): each may be printed as a heading."""
    parts = [p for p in re.split(r"[与和、]", wanted) if len(fold(p)) >= MIN_TITLE_PART_CHARS]
    every = named + [wanted] + (parts if len(parts) > 1 else [])
    return list({fold(p): p for p in reversed(every)}.values())[::-1]      # each name once


# The covering sentence of a notice that publishes or relays texts: 《A》和《B》已经国务院同意，现印发给你们;
# 现将《A》印发给你们; 现将《A》转发给你们. The texts it encloses are the 《…》 of the clause that holds the
# verb (现将《A》印发), else of the clause right before it when that one says who agreed to them
# (《A》和《B》已经国务院同意), never a text the sentence cites on its way (为贯彻落实《C》精神，…).
_COVERING_VERB = re.compile(r"(?:现将|现予|现)?(?:印发|转发|批转)(?:给)?你们|现(?:予)?(?:印发|转发|批转)")
ENCLOSING_VERBS = ("印发", "转发", "批转")     # what a notice that encloses a text says in its title
COVERING_CHARS = 1200        # the covering sentence stands in a notice's first paragraphs: read this far
_NAMED = re.compile(r"《([^《》]{2,120})》")
_AGREED = re.compile(r"同意|通过|审定|审议|批准|研究")


def covering_names(lines: list[Line], start: int, stop: int) -> list[str]:
    """The texts the covering sentence of a notice names, in order (its lines ``start``–``stop``)."""
    covering, size = [], 0
    for i in range(start, stop + 1):        # the covering text opens a notice: its first paragraphs
        if size > COVERING_CHARS:
            break
        size += len(lines[i].tight)
        covering.append(lines[i].tight)
    text = "".join(covering)
    if not any(verb in text for verb in ENCLOSING_VERBS):
        return []                   # most notices: no verb that encloses, nothing to split
    for sentence in re.split(r"[。；;]", text):
        verb = _COVERING_VERB.search(sentence)
        if not verb:
            continue
        clauses = _clauses(sentence[:verb.start()])
        names = _NAMED.findall(clauses[-1]) if clauses else []
        if not names and len(clauses) > 1 and _AGREED.search(clauses[-2]):
            names = _NAMED.findall(clauses[-2])
        return [n for n in names if len(fold(n)) >= MIN_TITLE_PART_CHARS]
    return []


def _clauses(text: str) -> list[str]:
    """``text`` cut at its commas, never at one inside 《…》."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "《") - (ch == "》")
        if ch in "，," and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


def encloses_text(lines: list[Line], head: Head, title: str, stop: int) -> bool:
    """Does this notice publish or relay a text (印发, 转发, 批转 a named one), which then follows its
    covering text, rather than end where its covering text ends? Asked by its title and its covering
    sentence (lines after its head up to ``stop``)."""
    return bool(enclosed_name(title) or relayed_organs(title) or covering_names(lines, head.anchor + 1, stop))


def _similar(fa: str, fb: str) -> bool:
    """Do two folded titles name the same text: one holds the other, or difflib finds them alike. The
    ratio is 2·matches/(len a + len b), so two titles of very different lengths are never alike and
    are refused before difflib looks at them (its quick upper bounds first, as its documentation
    advises)."""
    if not fa or not fb:
        return False
    if fa in fb or fb in fa:
        return min(len(fa), len(fb)) >= MIN_TITLE_PART_CHARS
    if 2 * min(len(fa), len(fb)) < TITLE_SIMILARITY * (len(fa) + len(fb)):
        return False
    matcher = SequenceMatcher(None, fa, fb)
    return matcher.real_quick_ratio() >= TITLE_SIMILARITY and matcher.quick_ratio() >= TITLE_SIMILARITY \
        and matcher.ratio() >= TITLE_SIMILARITY


def enclosed_titles(lines: list[Line], head: Head, title: str, date_idx: int | None, end: int) -> list[str]:
    """Titles of the regulations/plans a notice encloses, as printed as headings."""
    if head.is_order:
        return [title] if title else []
    wanted = enclosed_name(title)
    body_start = date_idx if date_idx is not None else head.anchor
    # the texts its covering sentence names, for a notice whose title says it publishes or relays
    named = covering_names(lines, head.anchor + 1, body_start) \
        if date_idx is not None and any(verb in title for verb in ENCLOSING_VERBS) else []
    if not wanted and not named:
        return []
    found: list[str] = []
    for i in head.pre_title:
        if is_title_like(lines[i].text):
            found.append(lines[i].tight)
    parts = _wanted_parts(wanted, named) if wanted else named     # asked of every candidate line: once
    folded_parts = [fold(p) for p in parts]
    consumed = -1
    for i in range(body_start + 1, end + 1):
        line = lines[i]
        if i == consumed or line.blank or len(line.tight) > MAX_TITLE_CHARS or _RUNNING.search(line.tight) \
                or attachment_label(line.text) or is_closing_note(line.tight):
            continue                    # running text (a sentence) or a note never starts a printed title
        if _prev_is_attachment_label(lines, i, body_start):
            continue
        for text in _title_candidates(lines, i, end, wanted):
            folded = fold(text)
            if any(_similar(folded, w) for w in folded_parts) and text not in found:
                found.append(text)
                consumed = _next_text_line(lines, i, end) if text != line.tight else -1
                break
    return found


_FORM_DATE = re.compile(r"年.{0,3}月.{0,3}日")
_CLAUSE_PUNCT = re.compile(r"[。；;，,:：]")


def _title_candidates(lines: list[Line], i: int, end: int, wanted: str) -> list[str]:
    """A heading printed on line i, alone or wrapped onto the next line (short, no sentence)."""
    line = lines[i]
    out = []
    j = _next_text_line(lines, i, end)
    if j is not None and is_closing_note(lines[j].tight):
        j = None                       # （此件公开发布） closes a text: it continues no title
    if j is not None and len(line.tight) <= MAX_WRAPPED_HALF_CHARS \
            and len(lines[j].tight) <= MAX_WRAPPED_HALF_CHARS \
            and not _FORM_DATE.search(line.tight):     # a blank form date is no title
        joined = line.tight + lines[j].tight
        if is_title_like(joined) and not _CLAUSE_PUNCT.search(joined) \
                and (not is_title_like(line.text) or _continues_title(lines[j].tight)):
            out.append(joined)         # the wrapped title first: it is the longer reading
    if is_title_like(line.text) or fold(line.tight) == fold(wanted):
        out.append(line.tight)
    return out


def _next_text_line(lines: list[Line], i: int, end: int) -> int | None:
    """The next non-blank line after ``i`` (a blank line between may be a paragraph gap), or None."""
    for j in (i + 1, i + 2):
        if j <= end and not lines[j].blank:
            return j
        if j <= end and lines[j].furniture:
            return None
    return None


def _continues_title(text: str) -> bool:
    """Does a line read as the second half of a title (和加强…的报告, 及其…)? A conjunction never
    begins a title of its own."""
    return text.startswith(("和", "及", "与", "并"))


def _prev_is_attachment_label(lines: list[Line], i: int, floor: int) -> bool:
    j = i - 1
    while j > floor and lines[j].blank:
        j -= 1
    return j > floor and attachment_label(lines[j].text) is not None


def attachments(lines: list[Line], start: int, end: int) -> list[str]:
    """Attachment titles from the 附件 list (附件：X / 附件：1.X 2.Y …), else from 附件N headings."""
    found: list[str] = []
    for i in range(start, end + 1):
        lab = attachment_label(lines[i].text)
        if lab is None or lab[0] not in ("", "1"):
            continue
        items = _attachment_list(lines, i, end, lab[1])
        if items:
            found = items
            break
    if found:
        return found
    # no list: take the title printed under each 附件N label
    for i in range(start, end + 1):
        lab = attachment_label(lines[i].text)
        if lab is None:
            continue
        rest = lab[1]
        if not rest:
            j = i + 1
            while j <= end and lines[j].blank:
                j += 1
            if j <= end and is_title_like(lines[j].text, max_len=MAX_ATTACHMENT_TITLE_CHARS):
                rest = lines[j].text
        t = _item_text(rest)
        if t and t not in found:
            found.append(t)
    return found


def _attachment_list(lines: list[Line], i: int, end: int, rest: str) -> list[str]:
    """The items of a 附件 list starting at line ``i``: inline, numbered, wrapped over lines."""
    items = [rest] if squash(rest) else []
    numbered = bool(_LIST_ITEM.match(squash(rest))) if items else False
    wrapped = False
    j = i + 1
    while j <= end:
        line = lines[j]
        if line.blank:
            j += 1
            continue
        m = _LIST_ITEM.match(line.tight)
        lab = attachment_label(line.text)
        if m and int(m.group("n").translate(_FW)) == len(items) + 1:
            items.append(line.text)
            numbered, wrapped = True, False
        elif lab and lab[1] and lab[0].translate(_FW) == str(len(items) + 1):
            items.append(lab[1])                # 附件1：X / 附件2：Y, one label per line
            numbered, wrapped = True, False
        elif numbered and items and not wrapped and _unfinished(items[-1], line) \
                and len(line.tight) <= MAX_ITEM_WRAP_CHARS \
                and not is_organ_line(line.text) and not is_date_line(line.text) \
                and attachment_label(line.text) is None:
            items[-1] += line.text      # an item wrapped onto the next line
            wrapped = True
        else:
            break
        j += 1
    if not numbered and len(items) == 1 and not squash(rest):
        return []
    return [t for t in (_item_text(x) for x in items) if t]


def _unfinished(item: str, nxt: Line) -> bool:
    """Does a list item go on in the next line: it names no 文种 yet, or the line is a (…) tail."""
    if re.search(r"[；;。]$", item):
        return False
    return nxt.tight.startswith(("(", "（")) or doc_type(item) is None


_FW = str.maketrans("０１２３４５６７８９", "0123456789")


def _item_text(text: str) -> str:
    t = squash(text)
    m = _LIST_ITEM.match(t)
    if m:
        t = m.group("rest")
    return _OMITTED.sub("", t).rstrip("。;；")


def references(lines: list[Line], start: int, end: int, own: DocNumber | None, skip: set[int]) -> list[str]:
    """Every doc number cited in [start, end], canonical, in order, once, without the own number.

    A number broken over two lines (…(嘉政发〔2012〕53 / 号)…) is read across the break.
    """
    own_canon = own.canonical if own else None
    seen: list[str] = []

    def add(num: DocNumber) -> None:
        c = num.canonical
        if c != own_canon and c not in seen:
            seen.append(c)

    prev_tail = ""
    for i in range(start, end + 1):
        line = lines[i]
        if line.blank or i in skip:
            continue
        text = line.text
        spanning_end = -1          # where, in this line, a number begun on the previous line ends
        if prev_tail and "号" in text:     # a number crossing into this line ends here, with its 号
            for m in find_doc_numbers(prev_tail + text):
                if m.start < len(prev_tail) < m.end:
                    add(m.number)
                    spanning_end = m.end - len(prev_tail)
        for m in find_doc_numbers(text):
            if m.start == 0 and m.end == spanning_end:
                continue           # the tail of a number broken over the line end (…浙政 / 发〔2014〕38号)
            add(m.number)
        prev_tail = text[-NUMBER_TAIL_CHARS:]
    return seen


def issuers_for(title: str, organs: list[str], head: Head) -> list[str]:
    """发文机关: the signing organs, else the organ a title or order head names."""
    if organs:
        return organs
    if head.is_order and head.doc_number:
        return [organ_without_country(head.doc_number.series)]      # 中华人民共和国国务院令 → 国务院
    if head.is_order and head.order_organ:
        return [organ_without_country(head.order_organ)]             # the head's organ when 第N号 is missing
    return issuer_from_title(title)


def order_title(lines: list[Line], date_idx: int | None, end: int, anchor: int) -> str | None:
    """An order's title: the regulation it promulgates, printed after the date."""
    begin = date_idx if date_idx is not None else anchor
    for i in range(begin + 1, min(end, begin + ORDER_TITLE_LOOKAHEAD) + 1):
        if not lines[i].blank and is_title_like(lines[i].text):
            return lines[i].tight
    return None


def doc_date(lines: list[Line], date_idx: int | None) -> _dt.date | None:
    return find_date(lines[date_idx].text) if date_idx is not None else None
