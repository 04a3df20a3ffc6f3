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

from ..vocabulary import (CENTRAL_GOVERNMENT, CITY_PLACE_ENDS, COUNTY_PLACE_ENDS, GOVERNMENT_SUFFIXES,
                          LEVEL_CITY, LEVEL_COUNTY, LEVEL_DEPARTMENT, LEVEL_PROVINCE, LEVEL_STATE_COUNCIL,
                          LEVELS, NATIONAL_REGION, PROVINCES, organ_without_country)


def place_level(place: str) -> str | None:
    """The level of a place name: 浙江省 and 上海市 → 省, 绍兴市 → 市, 柯桥区 → 县; None if unsure.

    The name's last division decides (浙江省绍兴市 → 市). A city name ending in 市 is read as
    a prefecture-level city: a county-level city (义乌市) cannot be told apart by its name.
    """
    if not place:
        return None
    if place == NATIONAL_REGION:
        return LEVEL_STATE_COUNCIL
    if place in PROVINCES or place.endswith(("省", "自治区", "特别行政区")):
        return LEVEL_PROVINCE
    if place.endswith(COUNTY_PLACE_ENDS):
        return LEVEL_COUNTY
    if place.endswith(CITY_PLACE_ENDS):
        return LEVEL_CITY
    return None


def government_level(organ: str) -> str | None:
    """The level of an organ that is a government or its general office, else None (a department).

    中华人民共和国国务院 and 国务院办公厅 → 国务院; 浙江省人民政府办公厅 → 省; 绍兴市人民政府 → 市.
    """
    organ = organ_without_country(organ)
    if organ in CENTRAL_GOVERNMENT:
        return LEVEL_STATE_COUNCIL
    for suffix in GOVERNMENT_SUFFIXES:
        if organ.endswith(suffix) and len(organ) > len(suffix):
            return place_level(organ[:-len(suffix)])
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
