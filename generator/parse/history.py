"""A regulation's history (题注): what it prints under its title about its earlier versions.

国务院公报 prints it as one bracketed line, the events run together with a wide space::

    （1991年3月4日中华人民共和国国务院令第76号发布　2018年9月6日国务院第23次常务会议修订通过）
    （1994年1月28日中华人民共和国国务院令第142号发布　根据2005年12月19日《国务院关于修改〈中华人民共和国
      个人所得税法实施条例〉的决定》第一次修订　…　2018年12月18日中华人民共和国国务院令第707号第四次修订）

and law databases print an event a line (``1991年3月4日 中华人民共和国国务院令第76号发布``). Each event is a
date, what acted (an order, a decision cited by its title alone, a meeting) and the act. The orders are
references of the document (its earlier versions); a decision named without a number is a citation
that no number can resolve. None of these dates is the document's own (成文日期): that is the date
under its signature or its order's head.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..doc_number import find_doc_numbers
from ..model import HistoryEvent
from ..vocabulary import CLOSE_BRACKETS, OPEN_BRACKETS
from .lines import Line, lines_holding
from .shapes import DATE_TEXT, YEAR_TEXT, find_date, is_organ_name

_ACTIONS = r"(?:第[一二三四五六七八九十]+次)?(?:修订通过|修正通过|审议通过|修订|修正|修改|通过|发布|公布|施行|废止|批准)"
# One event: [根据] date, what acted (no other date inside it), the act; or when it takes effect
# (自2002年1月1日起施行, 自公布之日起施行), which law pages print last.
_EVENT = re.compile(rf"(?P<basis>根据)?\s*(?P<date>{DATE_TEXT})\s*(?P<what>(?:(?!{DATE_TEXT}).)*?)\s*{_ACTIONS}"
                    rf"(?=[\s　]|$)|自\s*(?P<from>{DATE_TEXT}|公布之日)\s*起施行(?=[\s　]|$)")
_SEPARATORS = " \u3000\t"
_DECISION = re.compile(r"《(?P<title>[^《》]+)》")
# What may stand between an event's date and its act: an order (…令第N号), a decision by title (《…》), a
# meeting (国务院第23次常务会议), an organ (对外经济贸易部), or nothing; never a clause of a sentence.
_MEETING = re.compile(r"第[0-9一二三四五六七八九十百]+次.*会议|会议")
_CLAUSE = re.compile(r"[，,。；;：:！？]")
MAX_HISTORY_CHARS = 600     # the longest history line read (seven revisions fit)
# What a history line starts with: a bracket, 根据, 自 (…起施行), or the year of a date.
_FIRST = frozenset(OPEN_BRACKETS + "根自0123456789一二〇○零")


def history_events(text: str, line_no: int = 0) -> list[HistoryEvent] | None:
    """The events of one history line, or None when the line is not one: all of it (brackets
    aside) must be events, so a sentence that mentions a date and 发布 is never read as history."""
    t = text.strip()
    if not t or len(t) > MAX_HISTORY_CHARS or "年" not in t or t[0] not in _FIRST:
        return None
    if t[0] in OPEN_BRACKETS and t[-1] in CLOSE_BRACKETS:
        t = t[1:-1]
    events: list[HistoryEvent] = []
    at = 0
    while at < len(t):
        while at < len(t) and t[at] in _SEPARATORS:
            at += 1
        if at == len(t):
            break
        m = _EVENT.match(t, at)
        if m is None or not _acts(m):
            return None
        events.append(_event(m, line_no))
        at = m.end()
    return events if events and any(e.action != "施行" for e in events) else None


def _acts(m: re.Match) -> bool:
    """Is what stands between an event's date and its act one that acts (see :data:`_MEETING`)?"""
    what = (m.group("what") or "").strip()
    if not what or m.group("from"):
        return True
    if _CLAUSE.search(_DECISION.sub("", what)):
        return False
    return bool(_DECISION.search(what) or "令" in what and "号" in what or _MEETING.search(what)
                or is_organ_name(what))


def _event(m: re.Match, line_no: int) -> HistoryEvent:
    if m.group("from"):
        start = m.group("from")
        return HistoryEvent(date=find_date(start) if start != "公布之日" else None, action="施行", line=line_no)
    what = m.group("what")
    numbers = list(find_doc_numbers(m.group(0)))
    decision = _DECISION.search(what)
    action = m.group(0)[m.end("what") - m.start():].strip()
    return HistoryEvent(
        date=find_date(m.group("date")),
        action=re.sub(r"^第[一二三四五六七八九十]+次", "", action),
        doc_number=numbers[-1].number.canonical if numbers else None,
        cited_title=decision.group("title") if decision and not numbers else None,
        line=line_no,
    )


# Where a history line may begin in the raw source, converter markup aside: a bracket, 根据 or 自, then
# a year. One search of the whole text finds the few candidate lines; only they are read.
_CANDIDATE = re.compile(rf"[ \t\u3000#*>-]*(?:[(（][ \t\u3000]*)?(?:根据|自)?[ \t\u3000]*{YEAR_TEXT}")


def history_line_indexes(raw_lines: tuple[str, ...] | list[str]) -> list[int]:
    """Indexes of the source lines that may be history lines: those holding 年 (found in the whole text
    at once) that begin as one does."""
    return [i for i in lines_holding(raw_lines, ("年",)) if _CANDIDATE.match(raw_lines[i])]


def document_history(lines: list[Line], candidates: list[int], start: int, end: int) -> list[HistoryEvent]:
    """Every history event printed in lines ``start``–``end`` (among ``candidates``): the bracketed
    line under a regulation's title, or the record's lines, an event each."""
    found: list[HistoryEvent] = []
    for i in candidates[bisect_left(candidates, start):bisect_right(candidates, end)]:
        events = history_events(lines[i].text, lines[i].no)
        if events:
            found.extend(events)
    return found
