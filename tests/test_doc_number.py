"""The doc-number grammar (发文字号): canonical forms, variants, and finding numbers in real text."""

import pytest

from generator.doc_number import canonicalize, find_doc_numbers, parse_doc_number


@pytest.mark.parametrize("printed, canonical", [
    ("绍政发〔2017〕7号", "绍政发〔2017〕7号"),
    ("〔绍政发〔2017〕7号〕", "绍政发〔2017〕7号"),          # TOC wraps the number in an outer bracket
    ("衢政办发[2018]28 号", "衢政办发〔2018〕28号"),          # ASCII brackets and a layout space
    ("(衢政办发[2018]28 号)", "衢政办发〔2018〕28号"),
    ("浙公通字【2011】124号", "浙公通字〔2011〕124号"),
    ("嘉政发（2017）8 号", "嘉政发〔2017〕8号"),
    ("绍政发［２０１７］７号", "绍政发〔2017〕7号"),            # full-width brackets and digits
    ("绍政发2017年7号", "绍政发〔2017〕7号"),                 # as typed into a search box
    ("衢州市人民政府令第51号", "衢州市人民政府令第51号"),
    ("国务院令 第 564 号", "国务院令第564号"),
])
def test_canonical_forms(printed, canonical):
    assert canonicalize(printed) == canonical


@pytest.mark.parametrize("text", ["", "第51号", "2017年4月15日", "关于印发绍兴市人民政府工作规则的通知"])
def test_not_a_doc_number(text):
    assert parse_doc_number(text) is None


def test_finds_numbers_in_running_text_with_exact_spans():
    # line 594 of shaoxing-2017-04 (绍政办发〔2017〕18号 cites four documents)
    text = ("根据《国务院办公厅关于印发危险化学品安全综合治理方案的通知》(国办发〔2016〕88号)"
            "和《浙江省人民政府办公厅关于印发浙江省危险化学品安全综合治理实施方案的通知》(浙政办发〔2017〕11号)精神")
    found = list(find_doc_numbers(text))
    assert [f.number.canonical for f in found] == ["国办发〔2016〕88号", "浙政办发〔2017〕11号"]
    assert [text[f.start:f.end] for f in found] == ["国办发〔2016〕88号", "浙政办发〔2017〕11号"]


@pytest.mark.parametrize("text, number", [
    ("1.根据国办发〔2015〕63号文件", "国办发〔2015〕63号"),          # 根据 is running text, not series
    ("英语成绩按浙教基〔2008〕67号文件执行", "浙教基〔2008〕67号"),
    ("办公室要按照国发〔2016〕59号要求", "国发〔2016〕59号"),
    ("(以下简称《条例》,国务院令 第 564 号)", "国务院令第564号"),
    ("《安全生产许可证实施办法》(安全监管总局令第40号)", "安全监管总局令第40号"),
])
def test_series_does_not_swallow_running_text(text, number):
    assert [f.number.canonical for f in find_doc_numbers(text)] == [number]


def test_order_numbers_have_no_year():
    num = parse_doc_number("衢州市人民政府令第51号")
    assert num.is_order and num.year is None and num.series == "衢州市人民政府" and num.serial == 51


# --- a number's organ never starts inside a date (issue 27) -------------------------------------------

import re as _re
from pathlib import Path as _Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.corpus.build import build_corpus
from generator.corpus.clauses import block_texts
from generator.parse import parse_file
from generator.vocabulary import organ_without_country

_ROOT = _Path(__file__).resolve().parents[1]
# A date or part of one, written independently of the grammar: digits or Chinese numerals before 年/月/日.
_DATE_TEXT = _re.compile(r"[0-9０-９〇零○一二三四五六七八九十]+\s*[年月日]")
_CN = "〇一二三四五六七八九"


def _date_overlaps(text: str, start: int, end: int) -> list[str]:
    return [m.group(0) for m in _DATE_TEXT.finditer(text) if m.start() < end and m.end() > start]


@pytest.mark.parametrize("text, number, printed", [
    # tests/levels/state-council-2018-35.txt: a history line as 国务院公报 prints it
    ("（1991年3月4日中华人民共和国国务院令第76号发布　2018年9月6日国务院第23次常务会议修订通过）",
     "国务院令第76号", "中华人民共和国国务院令第76号"),
    # … and as the record prints it
    ("1994年1月28日 中华人民共和国国务院令第142号发布", "国务院令第142号", "中华人民共和国国务院令第142号"),
])
def test_an_order_number_never_starts_inside_a_date(text, number, printed):
    (found,) = find_doc_numbers(text)
    assert found.number.canonical == number and text[found.start:found.end] == printed


def _every_gazette():
    return sorted((_ROOT / "gazettes").glob("*.txt")) + sorted((_ROOT / "tests" / "levels").glob("*.txt"))


def test_no_citation_of_the_sample_site_or_the_test_gazettes_has_an_organ_inside_a_date():
    """Over every parsed citation: no date overlaps the printed span of the number cited, and no number
    cited (a reference, a wanted entry, a series ledger's) begins with the end of a date."""
    issues = [parse_file(str(p)) for p in _every_gazette()]
    corpus = build_corpus(issues)
    checked = 0
    for citation in corpus.citations:
        if citation.block is None:
            continue
        text = block_texts(corpus.documents[citation.citing_key].blocks[citation.block])[citation.part]
        assert not _date_overlaps(text, citation.start, citation.end), (citation.cited_number, text)
        checked += 1
    assert checked > 100                  # every citation of eleven gazettes, history lines included
    numbers = set(corpus.numbers) | {r for i in issues for d in i.documents for r in d.references}
    assert "国务院令第76号" in numbers and "国务院令第142号" in numbers
    for number in numbers:
        parsed = parse_doc_number(number)
        assert parsed is not None and not _DATE_TEXT.match(parsed.series) \
            and not parsed.series.startswith(("年", "月", "日")), number


def _cn_date(y: int, m: int, d: int) -> str:
    def small(n: int) -> str:
        return ("十" if n == 10 else (_CN[n // 10] if n >= 20 else "") + "十" + (_CN[n % 10] if n % 10 else "")) \
            if n >= 10 else _CN[n]
    return "".join(_CN[int(c)] for c in str(y)) + "年" + small(m) + "月" + small(d) + "日"


_ORGANS = ["国务院", "中华人民共和国国务院", "衢州市人民政府", "公安部", "中华人民共和国公安部", "杭州市人民政府"]
_SERIES = ["国发", "国办发", "国办函", "绍政发", "衢政办发", "浙政发"]


@settings(max_examples=300, deadline=None)
@given(year=st.integers(1950, 2030), month=st.integers(1, 12), day=st.integers(1, 28),
       chinese=st.booleans(), gap=st.sampled_from(["", " ", "\u3000"]), organ=st.sampled_from(_ORGANS),
       serial=st.integers(1, 999), after=st.sampled_from(["发布", "公布", "修订", "", "，自公布之日起施行"]),
       bracket=st.booleans(), inner=st.sampled_from(["", " "]))
def test_property_an_order_after_any_date_is_cited_by_its_organ(year, month, day, chinese, gap, organ, serial,
                                                              after, bracket, inner):
    # inner: spaces inside the date, as Jiaxing prints it (2017 年 5 月 3 日)
    date = _cn_date(year, month, day) if chinese else f"{year}{inner}年{inner}{month}{inner}月{inner}{day}{inner}日"
    text = f"{date}{gap}{organ}令第{serial}号{after}"
    text = f"（{text}）" if bracket else text
    (found,) = find_doc_numbers(text)
    assert found.number.canonical == f"{organ_without_country(organ)}令第{serial}号"
    assert not _date_overlaps(text, found.start, found.end)


@settings(max_examples=300, deadline=None)
@given(year=st.integers(1950, 2030), month=st.integers(1, 12), day=st.integers(1, 28),
       chinese=st.booleans(), series=st.sampled_from(_SERIES), number_year=st.integers(1980, 2030),
       serial=st.integers(1, 999), lead=st.sampled_from(["", "根据", "于"]), inner=st.sampled_from(["", " "]))
def test_property_a_doc_number_after_any_date_starts_with_its_series(year, month, day, chinese, series, number_year,
                                                                   serial, lead, inner):
    date = _cn_date(year, month, day) if chinese else f"{year}{inner}年{inner}{month}{inner}月{inner}{day}{inner}日"
    text = f"{lead}{date}{series}〔{number_year}〕{serial}号"
    (found,) = find_doc_numbers(text)
    assert found.number.canonical == f"{series}〔{number_year}〕{serial}号"
    assert not _date_overlaps(text, found.start, found.end)
