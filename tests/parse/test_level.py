"""级别 from issuing organs (generator.parse.level), on organ names printed in the gazettes and the
State Council documents (tests/data/state-council-documents.jsonl)."""

import pytest

from generator.parse import parse_source
from generator.parse.level import document_level, government_level, place_level
from generator.sources import read_source

from .excerpts import GAZETTES, LEVELS as LEVELS_DIR


@pytest.mark.parametrize("organ, level", [
    ("中华人民共和国国务院", "国务院"),
    ("国务院办公厅", "国务院"),
    ("浙江省人民政府", "省"),
    ("浙江省人民政府办公厅", "省"),
    ("绍兴市人民政府", "市"),
    ("衢州市人民政府办公室", "市"),
    ("衢州市教育局", None),                    # a department of a city government
    ("国家发展和改革委员会", None),
    ("浙江省衢州市烟草专卖局", None),
])
def test_government_level_of_real_organs(organ, level):
    assert government_level(organ) == level


@pytest.mark.parametrize("place, level", [
    ("全国", "国务院"), ("浙江省", "省"), ("上海市", "省"), ("广西壮族自治区", "省"),
    ("绍兴市", "市"), ("浙江省绍兴市", "市"), ("柯桥区", "县"), ("义乌市", "县"), ("", None),
])
def test_place_level(place, level):
    assert place_level(place) == level


def test_joint_issuers_take_the_highest_government():
    assert document_level(["国务院办公厅", "中央军委办公厅"], "全国") == "国务院"
    assert document_level(["衢州市发展和改革委员会", "衢州市民政局"], "衢州市") == "部门"
    assert document_level([], "全国") == "国务院"          # no issuer known: the gazette's level


def test_every_document_of_the_corpora_has_a_level_and_its_gazettes_region():
    """City gazettes hold city and department documents; the national test gazettes State Council ones."""
    seen = {}
    for path in sorted(GAZETTES.glob("*.txt")) + sorted(LEVELS_DIR.glob("*.txt")):
        issue = parse_source(read_source(path))
        for doc in issue.documents:
            assert doc.level in {"国务院", "省", "市", "县", "部门"}, (path.name, doc.title)
            assert doc.region == issue.region
            seen.setdefault(doc.level, doc.issuers)
    assert {"国务院", "市", "部门"} <= set(seen)
    assert "国务院" in seen and seen["部门"][0].endswith(("局", "委员会", "中心"))


@pytest.mark.parametrize("organ, level", [
    ("江山市人民政府", "县"),          # quzhou-2018-03-04.txt: a county-level city (the vocabulary's 县级市)
    ("浙江省江山市人民政府", "县"),    # named under its province: its last division decides
    ("杭州市人民政府", "市"),          # a prefecture-level city, whatever gazette prints it
    ("衢州市人民政府", "市"),
    ("龙游县人民政府", "县"),
    ("中共衢州市委", "市"),            # party committees lead their place (quzhou-2018-03-04.txt)
    ("中共绍兴市委办公室", "市"),      # shaoxing: its general office
    ("全国人大常委会", "国务院"),      # state-council-documents.jsonl: the national congress
    ("中共中央", "国务院"),
    ("衢州市教育局", None),            # still a department
    ("国家发展和改革委员会", None),    # a commission, not a committee of the party
])
def test_the_level_of_an_organ_comes_from_what_it_is(organ, level):
    assert government_level(organ) == level


def test_a_document_of_a_county_level_city_is_county_level():
    assert document_level(["江山市人民政府"], "衢州市") == "县"
    assert document_level(["中共衢州市委", "衢州市人民政府"], "衢州市") == "市"     # jointly: the highest
    assert document_level(["中共绍兴市委办公室"], "绍兴市") == "市"                 # not 部门


def test_the_county_level_cities_of_the_vocabulary_are_no_prefecture_level_city():
    from generator.vocabulary import county_level_cities
    cities = county_level_cities()
    assert len(cities) > 300 and {"义乌市", "江山市", "仙桃市"} <= cities
    assert not cities & {"衢州市", "绍兴市", "嘉兴市", "杭州市", "金华市", "上海市"}
