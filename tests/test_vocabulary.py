"""The parser's vocabulary (generator/vocabulary.py): why each entry is there, on real names and text.

Each organ word that contains a conjunction is tested inside a real organ's order number, the
place where running text is cut off a number (根据…、和…); each exception to the sentence openers
on the real title line that needs it; the national names and provinces on gazette names.
"""

from __future__ import annotations

import pytest

from generator.doc_number import canonicalize, find_one
from generator.vocabulary import (IN_FORCE, NOT_SENTENCE_OPENERS, ORGAN_WORDS_WITH_CONJUNCTION, PROMULGATIONS,
                                  SENTENCE_OPENERS, opens_sentence, organ_without_country, province_of)
from parse.excerpts import invented   # tests/parse/excerpts.py: is a line real?

# Real organs, one per entry of ORGAN_WORDS_WITH_CONJUNCTION.
REAL_ORGANS = {
    "中华人民共和国": "中华人民共和国国务院",                  # 中华人民共和国国务院令第76号 (issue 15)
    "发展和改革": "国家发展和改革委员会",
    "人力资源和社会保障": "人力资源和社会保障部",
    "住房和城乡建设": "住房和城乡建设部",
    "经济和信息化": "浙江省经济和信息化厅",
    "工业和信息化": "工业和信息化部",
    "文化和旅游": "文化和旅游部",
    "卫生和计划生育": "国家卫生和计划生育委员会",
    "自然资源和规划": "绍兴市自然资源和规划局",
    "国土资源和房屋管理": "重庆市国土资源和房屋管理局",
    "教育和体育": "江山市教育和体育局",
    "测绘与地理信息": "浙江省测绘与地理信息局",     # 省测绘与地理信息局 in the Quzhou gazette's tables
}


def test_every_organ_word_has_a_real_organ():
    assert set(REAL_ORGANS) == set(ORGAN_WORDS_WITH_CONJUNCTION)


@pytest.mark.parametrize("word", ORGAN_WORDS_WITH_CONJUNCTION)
def test_an_organ_with_a_conjunction_is_never_cut(word):
    organ = REAL_ORGANS[word]
    assert word in organ
    for text in (f"{organ}令第76号", f"根据{organ}令第76号", f"（{organ}令 第 76 号）"):
        found = find_one(text)
        assert found is not None and found.number.series == organ_without_country(organ), text
        assert text[found.start:].startswith(organ), text        # the printed span keeps the whole name


def test_a_conjunction_between_two_numbers_still_ends_running_text():
    # quzhou-2018-03-04.txt cites 国务院令第564号 and 公安部令第112号 in one sentence
    found = find_one("和公安部令第112号")
    assert found.number.series == "公安部"
    assert find_one("《保安服务管理条例》和公安部令第112号").number.series == "公安部"


def test_the_country_name_is_the_formal_prefix_of_national_orders():
    assert organ_without_country("中华人民共和国国务院") == "国务院"
    assert organ_without_country("中华人民共和国") == "中华人民共和国"
    # one address for an order however it is printed (issue 27): the head and a history line print
    # the country's name, running text cites 国务院令第N号
    assert canonicalize("中华人民共和国国务院令 第455号") == canonicalize("国务院令第455号") == "国务院令第455号"
    assert canonicalize("衢州市人民政府令第51号") == "衢州市人民政府令第51号"


@pytest.mark.parametrize("line", [
    "经研究，现将有关问题函复如下：",        # a sentence opener
    "根据国务院关于开展第二次全国污染源普查的通知（国发〔2016〕59号）",
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
])
def test_running_text_opens_with_an_opener(line):
    assert opens_sentence(line)


@pytest.mark.parametrize("word, line", [
    ("经济", "经济政策有关问题的复函"),       # 国办函〔1996〕16号, the second line of its title
    ("经信", "经信局关于2018年工业企业技术改造的通知"),
])
def test_a_name_that_begins_like_an_opener_is_no_sentence(word, line):
    assert word in NOT_SENTENCE_OPENERS and line.startswith(word)
    assert line.startswith(SENTENCE_OPENERS) and not opens_sentence(line)


@pytest.mark.parametrize("short, province", [("浙江", "浙江省"), ("广西", "广西壮族自治区"), ("北京", "北京市")])
def test_provinces_by_their_short_names(short, province):
    assert province_of(short) == province
    assert province_of("浙") is None


# The promulgation sentences under real order heads, one per 公布 entry of PROMULGATIONS.
PROMULGATING = {
    "现予公布": "《衢州市燃气管理办法》已经2018年1月15日市七届政府第13次常务会议审议通过,现予公布,自2018年5月1日起施行。",
    "现公布": "现公布《国家粮食应急预案》，自公布之日起施行。",    # tests/levels/state-council-2006-28.txt
}


@pytest.mark.parametrize("word", sorted(PROMULGATING))
def test_an_order_promulgates_in_a_sentence_that_says_in_force(word):
    line = PROMULGATING[word]
    assert word in PROMULGATIONS and word in line and IN_FORCE in line
    assert not invented([line]), "a real line"


def test_every_promulgation_is_a_tested_one_or_its_fabu_twin():
    """现予发布 and 现发布 are the 发布 forms of older orders; no real one is in our material, so
    each must be the 发布 twin of a 公布 entry tested above."""
    assert {w.replace("发布", "公布") for w in PROMULGATIONS} == set(PROMULGATING)


def test_every_closing_note_holds_a_mark_the_whole_text_is_searched_for():
    """The note_heads stage asks the whole text for CLOSING_NOTE_MARKS before it asks any line."""
    from generator.vocabulary import CLOSING_NOTE_MARKS, CLOSING_NOTES, is_closing_note
    assert all(any(mark in note for mark in CLOSING_NOTE_MARKS) for note in CLOSING_NOTES)
    # gazettes/quzhou-2018-03-04.txt prints (此件公开发布) with half-width brackets
    assert is_closing_note("(此件公开发布)") and is_closing_note("（本文有删减）") and not is_closing_note("此件")
