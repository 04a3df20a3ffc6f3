"""The masthead (报头): gazette name, year, issue label, total issue, month.

Read from the cover lines before the TOC (or before the first document when
the file has no cover). Missing fields stay None; the caller may infer some
from the documents (a file that starts at its TOC still has a region and year).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..vocabulary import NATIONAL_REGION, is_national, province_of
from .lines import Line, squash

_NAME = re.compile(r"^(?P<name>\S{2,20}(?:公报|政报|政報|公報))$")
_REGION_OF_NAME = re.compile(r"^(?P<r>.{2,10}?(?:自治州|自治县|市|州|县|区|省))")
_ISSUE = re.compile(
    r"(?<!总)第\s*(?P<n>[0-9０-９]{1,3}(?:\s*[、,，-]\s*[0-9]{1,3})*|[一二三四五六七八九十〇零]{1,3}(?:[、,，][一二三四五六七八九十]{1,3})*)\s*(?P<unit>期|号)"
)
_YEAR_BEFORE_ISSUE = re.compile(r"(?P<y>(?:19|20)[0-9]{2})\s*年\s*(?:第|[0-9]{1,2}\s*月)")
# 总第105期, or 总号：848 as 《国务院公报》 prints it (also in brackets after the issue).
_TOTAL = re.compile(r"总\s*(?:第\s*(?P<n>[0-9]{1,5})\s*[期号]|号\s*[:：]?\s*(?P<h>[0-9]{1,5}))")
_YEAR_ONLY = re.compile(r"^(?P<y>(?:19|20)[0-9]{2})\s*年?$")
_MONTH = re.compile(r"^(?P<y>(?:19|20)[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月(?:份)?$")

MAX_NAME_TAIL_CHARS = 4     # 报头 broken over two lines: the second line (公报, 政报) is at most this long
MIN_CITY_CHARS = 2          # a city name in a gazette's name, without 市 (衢州 in 衢州政報) …
MAX_CITY_CHARS = 4          # … at most this long


@dataclass
class Masthead:
    name: str | None = None
    region: str | None = None
    year: int | None = None
    issue: str | None = None
    total_issue: int | None = None
    published: str | None = None


def read_masthead(cover: list[Line]) -> Masthead:
    """Gazette fields printed on the cover lines."""
    mh = Masthead()
    above = ""
    for line in cover:
        t = squash(line.text)
        if not t:
            continue
        if mh.name is None and (m := _NAME.match(t)):
            mh.name = m.group("name")
            if _place_prefix(above) and _NAME.match(above + mh.name):
                mh.name = above + mh.name        # 中华人民共和国 / 国务院公报: the place printed above
        above = t
        if mh.total_issue is None and (m := _TOTAL.search(t)):
            mh.total_issue = int(m.group("n") or m.group("h"))
        if mh.issue is None and (m := _ISSUE.search(t)):
            mh.issue = f"第{squash(m.group('n'))}{m.group('unit')}"
            if mh.year is None and (y := _YEAR_BEFORE_ISSUE.search(t)):
                mh.year = int(y.group("y"))      # 2017年第4期
        if mh.year is None and (m := _YEAR_ONLY.match(t)):
            mh.year = int(m.group("y"))
        if mh.published is None and (m := _MONTH.match(t)):
            mh.published = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}"
            mh.year = mh.year or int(m.group("y"))
    if mh.name is None:
        mh.name = _name_over_two_lines(cover)
    if mh.name:
        mh.region = region_of_name(mh.name)
    return mh


def _name_over_two_lines(cover: list[Line]) -> str | None:
    """A masthead broken over two lines: 绍兴市人民政府 / 公报."""
    texts = [squash(l.text) for l in cover if l.text.strip()]
    for a, b in zip(texts, texts[1:]):
        if (m := _NAME.match(a + b)) and len(b) <= MAX_NAME_TAIL_CHARS:
            return m.group("name")
    return None


def _place_prefix(text: str) -> bool:
    """Is this cover line the place part of a masthead printed over two lines (中华人民共和国, 浙江省)?"""
    return 2 <= len(text) <= MAX_CITY_CHARS * 3 and (
        is_national(text) or province_of(text) == text or bool(re.fullmatch(r".{2,10}(?:省|市|县|区|自治州)", text)))


def region_of_name(name: str) -> str | None:
    """The region a gazette name starts with: 绍兴市人民政府公报 → 绍兴市, 衢州政報 → 衢州市,
    浙江政报 → 浙江省, 中华人民共和国国务院公报 → 全国."""
    if is_national(name):
        return NATIONAL_REGION
    m = _REGION_OF_NAME.match(name)
    if m and not m.group("r").endswith(("政", "公")):
        return m.group("r")
    head = re.sub(r"(?:人民政府|政府)?(?:公报|政报|政報|公報)$", "", name)
    head = re.sub(r"政$", "", head)
    if province := province_of(head):
        return province
    return f"{head}市" if MIN_CITY_CHARS <= len(head) <= MAX_CITY_CHARS else None


def region_from_issuers(issuers: list[str]) -> str | None:
    """The most common city named by the issuing organs, for gazettes without a masthead."""
    counts: Counter[str] = Counter()
    for organ in issuers:
        m = re.match(r"^(?:[^省]{2,4}省)?(?P<city>[^市省]{2,4}市)", organ)
        if m:
            counts[m.group("city")] += 1
    return counts.most_common(1)[0][0] if counts else None


_MONTH_IN_TEXT = re.compile(r"(?P<y>(?:19|20)[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月")


def month_of(text: str) -> str | None:
    """YYYY-MM of the first year-and-month in a heading such as 2017年5月份…发文目录."""
    m = _MONTH_IN_TEXT.search(text)
    if m and 1 <= int(m.group("m")) <= 12:
        return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}"
    return None
