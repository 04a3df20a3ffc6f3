"""级别 and 地区 of a document: which level of government it comes from, and where.

A document's level is read from its issuing organs (发文机关), never from the gazette
that reprints it: a 财政部 notice in the 国务院公报 is a department document
(部门), a 国务院办公厅 notice is the State Council's (国务院), 浙江省人民政府令 is
provincial (省). With several issuers the highest government among them decides
(国务院办公厅 中央军委办公厅 → 国务院); issuers that are all departments make a
department document (财政部 税务总局 → 部门). A document whose issuers are not known
takes the level of its gazette's region (全国 → 国务院). Its region is its gazette's
(全国 for the national gazette). The vocabulary is data in :mod:`generator.vocabulary`.
"""

from __future__ import annotations

from ..vocabulary import (CENTRAL_GOVERNMENT, CITY_PLACE_ENDS, CONGRESS_SUFFIXES, COUNTY_PLACE_ENDS, CPPCC_PREFIXES,
                          DIVISION_ENDS, GOVERNMENT_SUFFIXES, LEVEL_CITY, LEVEL_COUNTY, LEVEL_DEPARTMENT,
                          LEVEL_PROVINCE, LEVEL_STATE_COUNCIL, LEVELS, NATIONAL_REGION, PARTY_COMMITTEE_PREFIX,
                          PARTY_COMMITTEE_SUFFIXES, PROVINCE_PLACE_ENDS, PROVINCES, county_level_cities,
                          organ_without_country)


def place_level(place: str) -> str | None:
    """The level of a place name: 浙江省 and 上海市 → 省, 绍兴市 → 市, 柯桥区 and 江山市 → 县; None if unsure.

    The name's last division decides (浙江省绍兴市 → 市, 浙江省江山市 → 县). A city is county-level when
    the vocabulary's list of 县级市 names it (a prefecture-level city and a county-level one look alike).
    """
    if not place:
        return None
    if place == NATIONAL_REGION:
        return LEVEL_STATE_COUNCIL
    if place in PROVINCES or place.endswith(PROVINCE_PLACE_ENDS):
        return LEVEL_PROVINCE
    if place.endswith(COUNTY_PLACE_ENDS):
        return LEVEL_COUNTY
    if place.endswith(CITY_PLACE_ENDS):
        return LEVEL_COUNTY if _last_division(place) in county_level_cities() else LEVEL_CITY
    return None


def _last_division(place: str) -> str:
    """The last division a place name names: 浙江省江山市 → 江山市, 衢州市江山市 → 江山市, 义乌市 → 义乌市."""
    for end in ("省", "自治区", "自治州", "地区", "盟"):
        head, sep, rest = place.rpartition(end)
        if sep and rest:
            place = rest
    head, sep, rest = place[:-1].rpartition("市")
    return rest + "市" if sep and len(rest) >= 1 else place


def government_level(organ: str) -> str | None:
    """The level of an organ that leads a place, else None (a department).

    A government or its general office: 中华人民共和国国务院 and 国务院办公厅 → 国务院;
    浙江省人民政府办公厅 → 省; 绍兴市人民政府 → 市. A place's party committee, people's congress
    and political consultative conference have its level too: 中共衢州市委 → 市, 浙江省人大常委会 → 省.
    """
    organ = organ_without_country(organ)
    if organ in CENTRAL_GOVERNMENT:
        return LEVEL_STATE_COUNCIL
    for suffix in GOVERNMENT_SUFFIXES:
        if organ.endswith(suffix) and len(organ) > len(suffix):
            return place_level(organ[:-len(suffix)])
    place = leading_organ_place(organ)
    if place is not None:
        return LEVEL_STATE_COUNCIL if place in ("全国", "中央") else place_level(place)
    return None


def leading_organ_place(organ: str) -> str | None:
    """The place whose party committee, people's congress or political consultative conference this
    organ is (中共衢州市委 → 衢州市, 衢州市人大常委会 → 衢州市, 政协衢州市委员会 → 衢州市), else None.
    The national ones (中共中央, 全国人大常委会, 全国政协) give 中央 or 全国."""
    for prefix in CPPCC_PREFIXES:
        if organ.startswith(prefix):
            rest = organ[len(prefix):]
            place = rest[:-len("委员会")] if rest.endswith("委员会") else rest
            return "全国" if place.startswith("全国") else (place if place.endswith(DIVISION_ENDS) else None)
    party = organ.startswith(PARTY_COMMITTEE_PREFIX)
    body = organ[len(PARTY_COMMITTEE_PREFIX):] if party else organ
    if party and body.startswith("中央"):
        return "中央"
    for suffix in CONGRESS_SUFFIXES:
        if body.endswith(suffix) and len(body) > len(suffix):
            place = body[:-len(suffix)]
            return "全国" if place == "全国" else (place if place.endswith(DIVISION_ENDS) else None)
    for suffix in PARTY_COMMITTEE_SUFFIXES:      # 中共衢州市委, 衢州市委办公室: named by its place's division
        if body.endswith(suffix) and len(body) > len(suffix):
            place = body[:-len(suffix)]
            return place if place.endswith(DIVISION_ENDS) else None
    return None


def document_level(issuers: list[str], gazette_region: str | None) -> str | None:
    """级别 of a document from its issuers (see the module docstring), else its gazette's."""
    if not issuers:
        return place_level(gazette_region or "")
    levels = [government_level(i) for i in issuers]
    governments = [lvl for lvl in levels if lvl is not None]
    if governments:
        return min(governments, key=LEVELS.index)
    return LEVEL_DEPARTMENT
