"""The one grammar of doc numbers (发文字号) and government order numbers (令).

Every stage that needs to find, compare or print a doc number comes here:
the parser (a document's own number, its citations), the linker (matching
citations to documents), the renderer (addresses) and the search lookup.

Canonical forms:
  * regular numbers: ``{series}〔{year}〕{serial}号`` e.g. ``绍政发〔2017〕7号``
  * government orders: ``{organ}令第{serial}号`` e.g. ``衢州市人民政府令第51号``, the organ as it is
    filed and cited, without the country's formal prefix: ``中华人民共和国国务院令 第76号`` (an order's
    head, a regulation's history line) and ``国务院令第76号`` (a citation in running text) are both
    ``国务院令第76号``, one address. ``parse --json`` lists doc numbers and references in this form.

Printed variants that canonicalise to them: any bracket pair around the year
(``[] ［］ 〔〕 () （） 【】``), whitespace anywhere, full-width digits, and an outer
bracket wrapping the whole number as some tables of contents print it.

A number's series (or order organ) never starts inside a date: in a regulation's history line
``1994年4月6日中华人民共和国国务院令第152号发布`` the run of Chinese characters before 令 begins
with the 日 of the date (or, with Chinese numerals, with the whole date), and the organ is what
follows the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .vocabulary import CLOSE_BRACKETS, OPEN_BRACKETS, organ_without_country, protected_spans

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_OPEN = re.escape(OPEN_BRACKETS)
_CLOSE = re.escape(CLOSE_BRACKETS)
_DIGIT = "0-9０-９"
_SP = "[ \t\u3000]*"

# A regular number is found by its bracketed year, serial and 号; its series is read backwards.
_YEAR_BRACKET = re.compile(
    rf"[{_OPEN}]{_SP}(?P<year>[12１２][{_DIGIT}]{{3}}){_SP}[{_CLOSE}]{_SP}第?{_SP}(?P<serial>[{_DIGIT}]{{1,5}}){_SP}号"
)
_SERIES_BEFORE = re.compile(rf"(?P<series>[{_CJK}]{{1,24}}){_SP}$")
# A government order: organ, 令, 第N号 (spaces allowed: 国务院令 第 564 号).
_ORDER = re.compile(
    rf"(?P<organ>[{_CJK}]{{2,24}})令{_SP}第{_SP}(?P<serial>[{_DIGIT}]{{1,5}}){_SP}号"
)
# Looser shapes people type into a search box: 绍政发2017年7号, 绍政发 2017 7号.
_QUERY = re.compile(
    rf"^(?P<series>[{_CJK}]{{1,24}}){_SP}[{_OPEN}]?{_SP}(?P<year>[12１２][{_DIGIT}]{{3}}){_SP}[{_CLOSE}年]?"
    rf"{_SP}第?{_SP}(?P<serial>[{_DIGIT}]{{1,5}}){_SP}号?$"
)

# Words that end running text before a series starts (根据浙政发… → 浙政发).
# Only characters that never occur inside a real series prefix are listed; inside an organ
# name of the vocabulary (中华人民共和国, 发展和改革委员会) they end nothing.
_LEAD_IN = re.compile(
    "根据|依据|按照|参照|对照|详见|执行|落实|贯彻|印发|转发|废止|修订|修改|"
    "简称|见|按|和|及|与|或|即|要|的|对|由|将|在|于|是|为|以"
)
_ORGAN_END = re.compile("(?:政府|国务院|部|局|委员会|委|署|院|厅|办|行|会|总局)$")
# The end of a date written before a number, inside the run of Chinese characters the grammar reads
# back from the number: a date in Chinese numerals (一九九四年四月六日, 四月六日), or the 年/月/日 that follows
# the digits of one (2019年3月2日国务院令…: the run is 日国务院). The organ or series begins after it.
_CN_DATE = re.compile("(?:[〇零○一二三四五六七八九]{2,4}年)?(?:[一二三四五六七八九十]{1,2}月)(?:[一二三四五六七八九十]{1,3}日)?"
                      "|[〇零○一二三四五六七八九]{2,4}年")
_MAX_SERIES = 12
_MAX_ORDER_ORGAN = 24       # an organ issuing orders is named in full: 重庆市国土资源和房屋管理局

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class DocNumber:
    """A parsed doc number: enough to print it, compare it and address it."""

    series: str          # 绍政发, or the organ of an order (衢州市人民政府)
    year: int | None     # None for government orders, which are numbered without a year
    serial: int
    is_order: bool = False

    @property
    def canonical(self) -> str:
        if self.is_order:
            return f"{self.series}令第{self.serial}号"
        return f"{self.series}〔{self.year}〕{self.serial}号"

    @property
    def series_label(self) -> str:
        """The series as readers name it: 绍政发, or 衢州市人民政府令 for an organ's orders."""
        return series_label(self.series, self.is_order)

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.canonical


def series_label(series: str, is_order: bool) -> str:
    """A series' name in lists, filters and addresses: an organ's orders read 衢州市人民政府令."""
    return series + "令" if is_order else series


@dataclass(frozen=True)
class DocNumberMatch:
    """A doc number found in text, with its character span in that text."""

    number: DocNumber
    start: int
    end: int


def _digits(s: str) -> int:
    return int(s.translate(_FULLWIDTH_DIGITS))


def _after_date(raw: str, digit_before: bool) -> int:
    """Where a series or organ may start in ``raw``: after the last date (or its end) written in it.
    With ``digit_before`` the run follows the digits of a date, so a 年, 月 or 日 opening it ends one."""
    if "年" not in raw and "月" not in raw and "日" not in raw:
        return 0
    end = 1 if digit_before and raw[0] in "年月日" else 0
    for m in _CN_DATE.finditer(raw, end):
        end = m.end()
    return end


def _trim_series(raw: str, longest: int = _MAX_SERIES, digit_before: bool = False) -> tuple[str, int]:
    """Cut running text (and a date) off the front of a series; return the series and how much was cut."""
    cut = _after_date(raw, digit_before)
    protected = protected_spans(raw) if len(raw) > 3 else ()
    for m in _LEAD_IN.finditer(raw, cut):
        if not any(a <= m.start() and m.end() <= b for a, b in protected):
            cut = m.end()
    series = raw[cut:]
    if len(series) > longest:
        cut += len(series) - longest
        series = series[-longest:]
    return series, cut


def _digit_at(text: str, i: int) -> bool:
    """Is the character at ``i``, layout spaces skipped backwards, a digit (of a date such as
    2017 年 5 月 3 日, which Jiaxing prints with spaces)?"""
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    return i >= 0 and text[i] in "0123456789０１２３４５６７８９"


def may_hold_doc_number(text: str) -> bool:
    """A quick test before the grammar: both shapes end in 号, and most lines of a gazette hold none."""
    return "号" in text


def find_doc_numbers(text: str) -> Iterator[DocNumberMatch]:
    """Every doc number and order number in ``text``, in order, with spans on the original text."""
    if not may_hold_doc_number(text):
        return iter(())
    has_order = "令" in text
    if not has_order and not any(bracket in text for bracket in OPEN_BRACKETS):
        return iter(())             # 第2741号, 3号楼: a 号 with no bracketed year and no 令 is no number
    found: list[DocNumberMatch] = []
    for y in _YEAR_BRACKET.finditer(text):
        # the series is the run of Chinese characters right before the bracket
        window_start = max(0, y.start() - 30)
        m = _SERIES_BEFORE.search(text, window_start, y.start())
        if not m:
            continue
        series, cut = _trim_series(m.group("series"), digit_before=_digit_at(text, m.start() - 1))
        if not series:
            continue
        num = DocNumber(series, _digits(y.group("year")), _digits(y.group("serial")))
        found.append(DocNumberMatch(num, m.start() + cut, y.end()))
    if not has_order:
        found.sort(key=lambda f: f.start)
        return iter(found)
    for m in _ORDER.finditer(text):
        organ, cut = _trim_series(m.group("organ"), _MAX_ORDER_ORGAN, _digit_at(text, m.start() - 1))
        if len(organ) < 2 or not _ORGAN_END.search(organ):
            continue
        num = DocNumber(organ_without_country(organ), None, _digits(m.group("serial")), is_order=True)
        found.append(DocNumberMatch(num, m.start() + cut, m.end()))
    found.sort(key=lambda f: f.start)
    return iter(found)


@lru_cache(maxsize=1 << 18)
def parse_doc_number(text: str) -> DocNumber | None:
    """The doc number that ``text`` consists of (apart from brackets and spaces), else None.

    Accepts what tables of contents print (``〔绍政发〔2017〕7号〕``, ``(衢政办发[2018]28 号)``)
    and what readers type into a search box (``绍政发2017年7号``).

    Remembered by text (a pure function, its result frozen): linking an archive asks the same
    numbers again and again (91,000 times for 25,000 documents, 3.5 s of an update's catalogue).
    """
    stripped = re.sub(r"\s+", "", text or "").translate(_FULLWIDTH_DIGITS)
    # drop one outer wrapping bracket pair: 〔绍政发〔2017〕7号〕
    if len(stripped) > 2 and stripped[0] in OPEN_BRACKETS and stripped[-1] in CLOSE_BRACKETS:
        inner = stripped[1:-1]
        if find_one(inner):
            stripped = inner
    match = find_one(stripped)
    if match and match.start == 0 and match.end == len(stripped):
        return match.number
    q = _QUERY.match(stripped)
    if q:
        return DocNumber(q.group("series"), _digits(q.group("year")), _digits(q.group("serial")))
    return None


def series_of(doc_number: str | None) -> str | None:
    """The series of a doc number as readers name it (绍政发, 衢州市人民政府令): search filters and
    the lookup shards key on it. None when there is no number or it does not parse."""
    number = parse_doc_number(doc_number) if doc_number else None
    return number.series_label if number is not None else None


def find_one(text: str) -> DocNumberMatch | None:
    """The first doc number in ``text``, or None."""
    return next(find_doc_numbers(text), None)


def canonicalize(text: str) -> str | None:
    """Canonical form of a printed or typed doc number, or None if it is not one."""
    num = parse_doc_number(text)
    return num.canonical if num else None
