"""The shapes of Chinese official-document text (公文) that the parser recognises.

Each function here answers one question about one cleansed line of text:
is it a date line, an organ name, a title, a section marker…  The rules are
about official-document conventions (GB/T 9704), never about one city or file.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..doc_number import find_doc_numbers
from ..vocabulary import SIGNER_TITLES
from .lines import squash

MAX_TITLE_CHARS = 90        # 标题: one printed title line (or a head line above a 发文字号) at most
MIN_ORGAN_CHARS = 2         # 发文机关: the shortest organ name (市委)
MAX_ORGAN_CHARS = 30        # 发文机关: the longest organ name; longer text is a sentence
MIN_SECTION_CHARS = 2       # 栏目: a TOC section name (市政府令, 机构与人事, 部门规范性文件), shortest …
MAX_SECTION_CHARS = 12      # … and longest; a longer line is an entry, not a section

# 文种: document types, longest first so 实施意见 wins over 意见.
DOC_TYPES = (
    "实施意见", "指导意见", "若干意见", "实施方案", "工作方案", "行动方案", "实施细则", "实施办法",
    "管理办法", "工作规则", "工作要点", "行动计划", "实施计划", "应急预案", "若干规定",
    "通知", "通告", "公告", "意见", "办法", "批复", "通报", "决定", "规定", "规划", "方案",
    "计划", "细则", "规则", "要点", "预案", "命令", "令", "函", "报告", "纲要", "条例",
    "规程", "标准", "清单", "名单", "目录", "制度", "任务书", "分工", "指南", "承诺书", "协议",
    "答复", "复函", "纪要", "公示", "请示", "议案", "章程", "守则", "规范", "解读", "说明", "表",
)
# The types a document (not an enclosed plan) is filed under, for 文种 indexes.
_TYPE_CANON = {"实施意见": "意见", "指导意见": "意见", "若干意见": "意见", "实施方案": "方案",
               "工作方案": "方案", "行动方案": "方案", "实施细则": "细则", "实施办法": "办法",
               "管理办法": "办法", "工作规则": "规则", "工作要点": "要点", "行动计划": "计划",
               "实施计划": "计划", "应急预案": "预案", "若干规定": "规定"}

_TRAILING_PAREN = re.compile(r"[（(][^（）()]{1,20}[)）]$")
_SENTENCE_PUNCT = re.compile(r"[。；;！!？?]|[，,][^”」]")
_ORGAN_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公室|办公厅|委员会|管委会|领导小组|局|委|厅|中心|公司|支行|分行|银行|院|部|会|所|处|站|办|署|集团)$"
)
_ORGAN_SEPARATOR = re.compile(r"[\s\u3000、]+")
_PERSON_SIGNATURE = re.compile(rf"^(?:{'|'.join(SIGNER_TITLES)})\s*\S{{2,4}}$")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
# A written date (2017年4月15日, 二〇一七年四月十五日, 2017 年 4 月 15 日): year, month and day parts, the one
# pattern every reader of dates uses (DATE_TEXT is the same without its groups, to build other patterns).
_YEAR, _MONTH, _DAY = r"[12][0-9]{3}|[〇零○一二三四五六七八九]{4}", r"[0-9]{1,2}|[一二三四五六七八九十]{1,2}", \
    r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
_DATE = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MONTH})\s*月\s*(?P<d>{_DAY})\s*日")
DATE_TEXT = rf"(?:{_YEAR})\s*年\s*(?:{_MONTH})\s*月\s*(?:{_DAY})\s*日"
YEAR_TEXT = rf"(?:{_YEAR})\s*年"
_SECTION_MARK = re.compile(r"^(?:【(?P<a>[^】]{2,20})】|[●■◆★▲◇○]\s*(?P<b>\S.{0,20}))$")
# 附件：X, 附件1：X, 附件1.X (a number then a full stop), and 附：X as older documents print it.
_ATTACHMENT_LABEL = re.compile(
    r"^附\s*(?:件\s*(?P<n>[0-9０-９]{0,2}(?:\s*[-－]\s*[0-9]{1,2})?)\s*(?:[:：]|[.．](?![0-9]))?|(?P<bare>[:：]))"
    r"\s*(?P<rest>.*)$")


def _cn_number(s: str) -> int:
    """Arabic or Chinese numerals (一 … 三十一, 二〇一七) as an int."""
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in _CN_DIGITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(s, 0)


def find_date(text: str) -> _dt.date | None:
    """The first valid calendar date written in ``text`` (2017年4月15日, 二〇一七年四月十五日)."""
    for m in _DATE.finditer(text):
        try:
            return _dt.date(_cn_number(m.group("y")), _cn_number(m.group("m")), _cn_number(m.group("d")))
        except ValueError:
            continue
    return None


def is_date_line(text: str) -> bool:
    """A line that is only a date, as under a signature (成文日期)."""
    t = squash(text).strip("()（）")
    m = _DATE.fullmatch(t)
    return bool(m) and find_date(t) is not None


def strip_type_suffix(title: str) -> str:
    """Title without trailing parentheticals like (试行) or (2017—2019年)."""
    if not title.endswith((")", "）")):
        return title
    t = title
    while True:
        s = _TRAILING_PAREN.sub("", t)
        if s == t:
            return t
        t = s


_TYPE_SET = frozenset(DOC_TYPES)
_TYPE_LENGTHS = sorted({len(t) for t in DOC_TYPES}, reverse=True)


def doc_type(title: str) -> str | None:
    """文种 named at the end of a title: 通知, 意见, 办法 … (None if it names none).

    The longest 文种 that ends the title wins (实施意见 over 意见); looked up by suffix, since
    this runs for every candidate title line.
    """
    core = strip_type_suffix(squash(title)).rstrip("》〉”\"")
    for n in _TYPE_LENGTHS:
        if core[-n:] in _TYPE_SET:
            return _TYPE_CANON.get(core[-n:], core[-n:])
    return None


def is_title_like(text: str, max_len: int = MAX_TITLE_CHARS) -> bool:
    """Could this line be a document title: short, no sentence punctuation, ends with a 文种."""
    t = squash(text)
    if not t or len(t) > max_len or "\t" in text or t.endswith(("：", ":")) or _SENTENCE_PUNCT.search(t):
        return False
    # the cheap suffix lookup first: most lines name no 文种, and then nothing else needs asking
    return doc_type(t) is not None and not is_date_line(t) and not is_organ_line(text)


def is_organ_name(name: str) -> bool:
    """A name of an issuing organ (发文机关): ends with 政府, 办公室, 局, 委员会 …"""
    n = squash(name)
    return MIN_ORGAN_CHARS <= len(n) <= MAX_ORGAN_CHARS and bool(_ORGAN_SUFFIX.search(n)) \
        and not _SENTENCE_PUNCT.search(n) \
        and not any(ch in n for ch in "：:（）()《》“”\"")


def split_organs(text: str) -> list[str]:
    """Organ names in a signature line: several may share a line, separated by spaces or 、."""
    parts = [p for p in _ORGAN_SEPARATOR.split(text.strip()) if p]
    return parts if parts and all(is_organ_name(p) for p in parts) else []


def is_organ_line(text: str) -> bool:
    """A line that holds only organ names (a signature or the issuer half of a split title)."""
    return bool(split_organs(text))


def is_person_signature(text: str) -> bool:
    """A signature by a person rather than an organ: 代市长 汤飞帆."""
    return bool(_PERSON_SIGNATURE.match(text.strip()))


def section_name(text: str, bulleted: bool = False) -> str | None:
    """A TOC section marker (栏目): 【市政府文件】, ●机构与人事, or a short bulleted label."""
    t = text.strip()
    m = _SECTION_MARK.match(t)
    if m:
        return squash(m.group("a") or m.group("b"))
    s = squash(t)
    if bulleted and MIN_SECTION_CHARS <= len(s) <= MAX_SECTION_CHARS and not any(find_doc_numbers(s)) \
            and "关于" not in s \
            and not re.search(r"[0-9]\)?$", s) and not _SENTENCE_PUNCT.search(s):
        return s
    return None


def attachment_label(text: str) -> tuple[str, str] | None:
    """(number, rest) when the line starts with 附件 / 附件1: / 附件 8-1, else None."""
    if "附" not in text:
        return None
    m = _ATTACHMENT_LABEL.match(text.strip())
    if not m:
        return None
    return squash(m.group("n") or ""), m.group("rest").strip()


# 转发 and 批转 relay another organ's text (国务院办公厅转发国家地震局关于…的通知): the organ before the
# verb issues the document, the one after it wrote the text (来文机关). 印发 publishes a text of one's own.
_RELAY = re.compile("转发|批转")
_ISSUING_VERB = re.compile("(?:转发|批转|印发)$")
_ORGAN_LIST = re.compile(r"[、,，]")


def organs_of(text: str) -> list[str]:
    """The organ names of a list (国务院、中央军委), or [] when any piece is not an organ."""
    parts = [p for p in _ORGAN_LIST.split(text) if p]
    return parts if parts and all(is_organ_name(p) for p in parts) else []


def title_organs(title: str) -> tuple[str, str]:
    """(issuing part, relayed part) of what a title prints before 关于: 国务院办公厅转发国家地震局关于…
    → (国务院办公厅, 国家地震局); 国务院关于… → (国务院, ""); ("", "") without 关于."""
    head, sep, _ = squash(title).partition("关于")
    if not sep:
        return "", ""
    relay = _RELAY.search(head)
    if relay:
        return head[:relay.start()], head[relay.end():]
    return _ISSUING_VERB.sub("", head), ""


def issuer_from_title(title: str) -> list[str]:
    """The issuing organ named before 关于 in a title (浙江省衢州市烟草专卖局关于… → that organ); in a
    title that relays another organ's text, the relaying organ (国务院办公厅转发国家地震局关于… → 国务院办公厅)."""
    issuer, _ = title_organs(title)
    return [p for p in _ORGAN_LIST.split(issuer) if is_organ_name(p)]


def relayed_organs(title: str) -> list[str]:
    """来文机关: the organs whose text a 转发 or 批转 notice relays, as its title names them (国务院办公厅转发
    国家地震局关于… and 关于转发市教育局、市公安局关于…的通知 → the organs after the verb), else []."""
    _, relayed = title_organs(title)
    if relayed:
        return organs_of(relayed)
    _, sep, rest = squash(title).partition("关于")
    if sep and _RELAY.match(rest):
        inner, sep, _ = rest[2:].partition("关于")
        return organs_of(inner) if sep else []
    return []
