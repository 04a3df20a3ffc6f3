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
