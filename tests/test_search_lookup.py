"""The exact doc-number lookup in front of full-text search.

The search box canonicalises a typed doc number in JavaScript
(theme_overrides/assets/javascripts/doc-number.js, a port of generator/doc_number.py)
and reads the one shard of search/numbers/ its series hashes to. Both halves are
checked here: the JS port against the Python grammar on the very cases of
tests/test_doc_number.py (plus typed variants), run in Chromium; and the shards
the build writes against the corpus.
"""

from __future__ import annotations

import json

import pytest

import test_doc_number
from generator import urls
from generator.doc_number import canonicalize, find_doc_numbers, parse_doc_number
from generator.render.kinds.lookup import number_shards
from site_builder import ROOT, sample_site

SCRIPT = ROOT / "theme_overrides" / "assets" / "javascripts" / "doc-number.js"


def _parametrized(test) -> list:
    """The parameter sets of a parametrized test in tests/test_doc_number.py."""
    return [args for mark in test.pytestmark if mark.name == "parametrize" for args in mark.args[1]]


# Typed into the search box (the brief's variants) and things that are not numbers.
TYPED = ["绍政发〔2017〕7号", "绍政发[2017]7号", "绍政发2017年7号", "绍政发［２０１７］７号", "衢政办发[2018]24号",
         " 衢政办发 ( 2018 ) 24 号 ", "【嘉政办发〔2017〕30号】", "嘉政办发2017年第30号", "绍政发〔2017〕7",
         "衢州市人民政府令第51号", "衢州市人民政府令 第５１号", "根据国办发〔2015〕63号", "最多跑一次", "2017年7号",
         "第51号", "绍政发", "", "令第3号", "市政府令第3号"]
CANONICAL = [printed for printed, _ in _parametrized(test_doc_number.test_canonical_forms)]
NOT_NUMBERS = [args if isinstance(args, str) else args[0]
               for args in _parametrized(test_doc_number.test_not_a_doc_number)]
RUNNING_TEXT = [text for text, _ in _parametrized(test_doc_number.test_series_does_not_swallow_running_text)]


@pytest.fixture(scope="module")
def js(chromium):
    """A blank page with doc-number.js loaded."""
    page = chromium.new_page()
    page.set_content("<!doctype html><meta charset=utf-8><title>t</title>")
    page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
    yield page
    page.close()


def test_the_cases_are_really_read_from_test_doc_number():
    assert len(CANONICAL) >= 10 and "" in NOT_NUMBERS and len(RUNNING_TEXT) >= 5


def test_js_canonicalize_equals_python_on_every_case(js):
    cases = CANONICAL + NOT_NUMBERS + TYPED + RUNNING_TEXT
    got = js.evaluate("cases => cases.map(c => GazetteDocNumber.canonicalize(c))", cases)
    expected = [canonicalize(c) for c in cases]
    assert got == expected
    assert expected.count(None) >= 8 and len({e for e in expected if e}) >= 10, "both kinds of case are exercised"


def test_js_finds_numbers_in_running_text_like_python(js):
    texts = RUNNING_TEXT + ["根据《国务院办公厅关于印发危险化学品安全综合治理方案的通知》(国办发〔2016〕88号)"
                            "和《浙江省人民政府办公厅关于印发浙江省危险化学品安全综合治理实施方案的通知》(浙政办发〔2017〕11号)精神"]
    got = js.evaluate("""texts => texts.map(t => GazetteDocNumber.findDocNumbers(t)
                           .map(f => [f.number.canonical, f.start, f.end]))""", texts)
    expected = [[[m.number.canonical, m.start, m.end] for m in find_doc_numbers(t)] for t in texts]
    assert got == expected


def test_js_shard_equals_python(js):
    series = ["绍政发", "衢政办发", "衢州市人民政府令", "浙政办发", "国办发", "a", ""]
    got = js.evaluate("names => names.map(n => GazetteDocNumber.shard(n))", series)
    assert got == [urls.number_shard(s) for s in series]
    assert urls.number_shard("") == "811c9dc5", "FNV-1a offset basis: the reference value"


def test_shards_hold_every_number_under_its_series(corpus):
    shards = {path: json.loads(text) for path, text in number_shards(corpus).items()}
    for key, document in corpus.documents.items():
        if not document.doc_number:
            continue
        parsed = parse_doc_number(document.doc_number)
        path = urls.number_shard_path(parsed.series + "令" if parsed.is_order else parsed.series)
        entries = shards[path][document.doc_number]
        assert {"url": key, "title": " ".join(document.title.split()), "held": True} in entries
    for number, info in corpus.wanted.items():
        entries = [e for table in shards.values() for e in table.get(number, [])]
        assert entries == [{"url": info.key, "title": info.titles[0] if info.titles else "", "held": False}]
    biggest = max(len(text) for text in number_shards(corpus).values())
    assert biggest < 4000, "a query downloads one series, not the archive"


def test_built_site_serves_the_shards(corpus):
    site = sample_site() / "site"
    path = urls.number_shard_path("衢政办发")
    table = json.loads((site / path).read_text(encoding="utf-8"))
    assert table["衢政办发〔2018〕24号"][0]["url"] == "d/衢政办发/2018/24/"
