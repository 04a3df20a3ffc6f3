"""The words the parser's rules need, as data in one place.

Rules about official documents sometimes need a vocabulary: which words open a
sentence (so a line starting with them is running text, not a title), which
organ names contain a conjunction (so 和 there never ends running text), which
names mean the whole country. Each list is here, never inside a rule, and
``tests/test_vocabulary.py`` shows on real text why each entry is there.
Nothing here names a city, a file or a line: the entries are words of the
language of government, valid at every level.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Words that open a sentence of running text, never a title or an organ line (根据…, 经研究…).
SENTENCE_OPENERS = ("根据", "按照", "依据", "为了", "为", "经", "现将", "请", "对", "在", "各", "以", "由")
# Words that begin with an opener but are names: 经济和信息化局 is an organ, 经济政策 a title's words.
NOT_SENTENCE_OPENERS = ("经济", "经信")

# Parts of organ names that contain 和, 与, 及 or 经: running text is never cut inside them,
# so 中华人民共和国国务院令 and 国家发展和改革委员会 stay whole.
ORGAN_WORDS_WITH_CONJUNCTION = (
    "中华人民共和国", "发展和改革", "人力资源和社会保障", "住房和城乡建设", "经济和信息化", "工业和信息化",
    "文化和旅游", "卫生和计划生育", "自然资源和规划", "国土资源和房屋管理", "教育和体育",
    "测绘与地理信息",
)

# Titles a person signs an order or a notice with (总理 李克强, 代市长 汤飞帆), as regex alternatives.
SIGNER_TITLES = (r"代?理?(?:省|市|区|县|州)?长", r"副?(?:市|省|区|县|州)长", "主任", "局长", "书记",
                 r"(?:国务院)?总理", r"(?:国家)?主席", "代总理")

# How an order (令) promulgates its regulation in the sentence under its head: 《…》已经…通过，现予公布，
# 自…起施行 (city and State Council orders today), 现公布《…》 (short form), with 发布 in older orders.
# With 施行 in the same sentence they tell an order head whose 第N号 is missing from a notice.
PROMULGATIONS = ("现予公布", "现公布", "现予发布", "现发布")
IN_FORCE = "施行"

# The bracket pairs gazettes print around a year, a doc number, a page or a note, opening and closing
# in the same order: (（〔[［【 and )）〕]］】.
OPEN_BRACKETS = "(（〔[［【"
CLOSE_BRACKETS = ")）〕]］】"

# 附注 printed under a notice's date (GB/T 9704): it closes the covering text. What follows is the text
# the notice 印发s, 转发s or 批转s, else the next document. The note belongs to the document it closes,
# never to a title.
CLOSING_NOTES = ("此件公开发布", "此件主动公开", "此件依申请公开", "此件不予公开", "此件有删减", "本文有删减")


_LONGEST_NOTE = max(map(len, CLOSING_NOTES)) + 6      # its brackets and layout spaces besides
# What every closing note contains, to look for in a whole text at once.
CLOSING_NOTE_MARKS = ("此件", "删减")


def is_closing_note(text: str) -> bool:
    """Is this line a 附注 such as （此件公开发布） or （本文有删减）, in brackets of any kind or none?
    (Asked of head and title lines: a longer line, or one that starts otherwise, is refused first.)"""
    if not text or len(text) > _LONGEST_NOTE or (text[0] not in OPEN_BRACKETS and text[0] not in "此本"):
        return False
    core = "".join(text.split()).strip(OPEN_BRACKETS + CLOSE_BRACKETS)
    return core in CLOSING_NOTES


# Names that mean the whole country: a gazette or an organ so named is national (region 全国).
NATIONAL_NAMES = ("中华人民共和国", "国务院", "中共中央", "全国人民代表大会", "中央军委", "中央军事委员会")
NATIONAL_REGION = "全国"
COUNTRY = "中华人民共和国"   # 中华人民共和国国务院令: the organ is 国务院, cited as 国务院令第N号


def organ_without_country(organ: str) -> str:
    """An organ as it is filed and cited: 中华人民共和国国务院 → 国务院 (the country's name is the
    formal prefix of national organs, not part of the organ)."""
    return organ[len(COUNTRY):] if organ.startswith(COUNTRY) and len(organ) > len(COUNTRY) + 1 else organ

# The provincial-level divisions (省级行政区), as gazette names shorten them (浙江政报 → 浙江省).
PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
    "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区",
    "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
)


def province_of(short: str) -> str | None:
    """The province a short name stands for (浙江 → 浙江省, 广西 → 广西壮族自治区), else None."""
    if len(short) < 2:
        return None
    return next((p for p in PROVINCES if p.startswith(short)), None)


_OPENER = re.compile("^(?:" + "|".join(SENTENCE_OPENERS) + ")")


def opens_sentence(text: str) -> bool:
    """Does this line begin like running text (根据…, 经研究…) rather than a title or a name?"""
    return bool(_OPENER.match(text)) and not text.startswith(NOT_SENTENCE_OPENERS)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` inside an organ word of :data:`ORGAN_WORDS_WITH_CONJUNCTION`."""
    spans = []
    for word in ORGAN_WORDS_WITH_CONJUNCTION:
        start = text.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = text.find(word, start + 1)
    return spans


def is_national(name: str) -> bool:
    """Is this gazette or organ name national (中华人民共和国国务院公报, 国务院办公厅)?"""
    return name.startswith(NATIONAL_NAMES)


# 级别: the level of government a document comes from. A document issued by a government (or its
# general office) has that government's level; one issued by any other organ (a ministry, a 厅, a
# 局, a commission) is a department document (部门), whatever its place.
LEVEL_STATE_COUNCIL = "国务院"
LEVEL_PROVINCE = "省"
LEVEL_CITY = "市"
LEVEL_COUNTY = "县"
LEVEL_DEPARTMENT = "部门"
LEVELS = (LEVEL_STATE_COUNCIL, LEVEL_PROVINCE, LEVEL_CITY, LEVEL_COUNTY, LEVEL_DEPARTMENT)   # highest first
# The central government and the organs that issue its documents with it (中共中央 国务院 jointly).
CENTRAL_GOVERNMENT = ("国务院", "国务院办公厅", "中共中央", "中共中央办公厅")
# A local government and its general office: 浙江省人民政府办公厅, 绍兴市人民政府办公室, 衢州市政府.
GOVERNMENT_SUFFIXES = ("人民政府办公厅", "人民政府办公室", "人民政府", "政府办公厅", "政府办公室", "政府")
# The leading organs of a place besides its government, by what they are, as a place's organ names
# end: its party committee (中共衢州市委, 衢州市委办公室, 中共浙江省委员会), people's congress (衢州市人大常委会,
# 浙江省人民代表大会常务委员会) and political consultative conference (政协衢州市委员会). Each has its
# place's level, as its government has; none is a department (部门).
PARTY_COMMITTEE_PREFIX = "中共"
PARTY_COMMITTEE_SUFFIXES = ("委员会办公厅", "委员会办公室", "委办公厅", "委办公室", "委员会", "委")
CONGRESS_SUFFIXES = ("人民代表大会常务委员会", "人大常委会办公室", "人大常委会", "人民代表大会", "人大")
CPPCC_PREFIXES = ("中国人民政治协商会议", "政协")
# 县级市: a city whose name alone says it is county-level (义乌市, 江山市), from the national division codes.
# The list is kept in generator/parse/data/ so that the parse cache key, which hashes the parse stage's
# data files, changes with it.
_COUNTY_LEVEL_CITIES = Path(__file__).resolve().parent / "parse" / "data" / "county_level_cities.txt"


@lru_cache(maxsize=1)
def county_level_cities() -> frozenset[str]:
    """The names of :data:`_COUNTY_LEVEL_CITIES` (comment lines aside)."""
    text = _COUNTY_LEVEL_CITIES.read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


# What a place name ends with, by level (a 市 may be a county-level city: see level.place_level).
PROVINCE_PLACE_ENDS = ("省", "自治区", "特别行政区")
COUNTY_PLACE_ENDS = ("自治县", "县", "区", "旗")
CITY_PLACE_ENDS = ("自治州", "市", "地区", "盟")
# Any division a place name may end with (衢州市委 → 衢州市 is a place, 衢州市机构编制 is not), the short
# 州 of an autonomous prefecture (甘孜州委) too.
DIVISION_ENDS = PROVINCE_PLACE_ENDS + CITY_PLACE_ENDS + COUNTY_PLACE_ENDS + ("州",)
