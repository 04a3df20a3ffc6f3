"""Document heads and extents (generator/parse/segment.py) on real heads of three cities and of
the State Council: the rules are about how official documents are printed, not about one office."""

from __future__ import annotations

import pytest

from generator.parse.lines import cleanse
from generator.parse.segment import (Head, find_heads, head_above, head_below, last_text_line, number_only,
                                     order_head, title_head, title_starts, unnumbered_order_head)

from .excerpts import (PRE_TITLE_NOTICE, QUZHOU_ORDER, QUZHOU_ORDER_WITHOUT_NUMBER, SHAOXING_ISSUE,
                       SPLIT_TITLE_NOTICE, STATE_COUNCIL_ORDER_WITHOUT_NUMBER, excerpt, excerpt_lines, index_of)

# State Council documents as gov.cn prints them, one paragraph a line (state-council-documents.jsonl):
# 国办发〔1996〕2号, a title over three lines that 转发s another organ's report.
RELAY = """
国务院办公厅转发国家地震局

关于我国地震重点监视防御区的确定和

加强防震减灾工作意见报告的通知

国办发〔1996〕2号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
"""

# 国办发〔1996〕25号: two issuing organs on the title's first line.
JOINT = """
国务院办公厅、中央军委办公厅

关于加强对侵华日军遗弃化学武器

调查和管理工作的通知

国办发〔1996〕25号
"""

# 国发〔1981〕88号: layout spaces inside the title's second line.
SPACED = """
国务院关于棉粮、糖粮挂钩奖售粮

几 个 问 题 的 通 知

国发〔1981〕88号
"""

# quzhou-2018-03-04.txt lines 234-240: a reply whose first paragraph cites another number.
REPLY = """
衢州市人民政府关于 同意在江山市城区实施衢州市 市区电动自行车管理规定的批复

衢政发〔2018〕11号

江山市人民政府:

你市《关于要求参照执行〈衢州市市区电动自行车管理规定〉的请示》(江政〔2018〕3号)悉。经研究,现批复如下:
"""


def _line(text: str):
    return excerpt_lines(text)[0]


@pytest.mark.parametrize("printed, number", [
    ("绍政发〔2017〕7号", "绍政发〔2017〕7号"),
    ("嘉政发〔2017〕11 号", "嘉政发〔2017〕11号"),            # a layout space before 号
    ("国办函〔2004〕25号", "国办函〔2004〕25号"),
    ("衢政办发〔2018〕17号", "衢政办发〔2018〕17号"),
])
def test_number_only_reads_a_doc_number_line(printed, number):
    assert number_only(_line(printed)).canonical == number


@pytest.mark.parametrize("printed", [
    "〔绍政发〔2017〕7号〕 ..... (1)",                          # a TOC entry: a page follows the number
    "(衢政发[2018]11号)..... 4",
    "你市《关于要求参照执行〈衢州市市区电动自行车管理规定〉的请示》(江政〔2018〕3号)悉。经研究,现批复如下:",
    "第51号",                                                  # an order's serial is not a number line alone
])
def test_number_only_refuses_lines_that_only_contain_a_number(printed):
    assert number_only(_line(printed)) is None


def test_order_head_joins_the_order_line_and_its_serial():
    lines = excerpt_lines(QUZHOU_ORDER)
    number = order_head(lines, 0)
    assert number.canonical == "衢州市人民政府令第51号" and number.is_order
    assert order_head(lines, index_of(lines, "第51号")) is None


@pytest.mark.parametrize("text, organ", [
    (QUZHOU_ORDER_WITHOUT_NUMBER, "衢州市人民政府"),                  # …现予公布,自2018年5月1日起施行。
    (STATE_COUNCIL_ORDER_WITHOUT_NUMBER, "中华人民共和国国务院"),      # 现公布《…》，自公布之日起施行。
])
def test_an_order_head_without_its_number_is_read_from_its_promulgation(text, organ):
    lines = excerpt_lines(text)
    assert unnumbered_order_head(lines, 0) == organ
    (head,) = find_heads(lines, 0)
    assert head.is_order and head.doc_number is None and head.order_organ == organ and head.anchor == 0


def test_an_order_head_with_its_number_or_without_a_promulgation_is_not_unnumbered():
    assert unnumbered_order_head(excerpt_lines(QUZHOU_ORDER), 0) is None        # 第51号 follows: order_head's
    # an organ's 令 line over a sentence that does not promulgate (a notice's opening, no 施行)
    lines = excerpt_lines(QUZHOU_ORDER_WITHOUT_NUMBER.replace(
        "《衢州市燃气管理办法》已经2018年1月15日市七届政府第13次常务会议审议通过,现予公布,自2018年5月1日起施行。",
        "各县(市、区)人民政府,市政府各部门、直属各单位:"))
    assert unnumbered_order_head(lines, 0) is None
    assert find_heads(lines, 0) == []


@pytest.mark.parametrize("title, starts", [
    ("衢州市人民政府关于2017年度衢州市市长特别奖获奖企业的通报", True),
    ("关于2017年度全市小城镇环境综合整治工作先进集体和先进个人的通报", True),
    ("国务院办公厅转发国家地震局", True),                        # [organ]转发…
    ("国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器", True),
    ("2018年衢州市国民经济和社会发展计划主要指标", False),
    ("加强防震减灾工作意见报告的通知", False),                   # the end of a wrapped title
])
def test_title_starts(title, starts):
    assert title_starts(title) is starts


@pytest.mark.parametrize("text, number, title", [
    (RELAY, "国办发〔1996〕2号", ["国务院办公厅转发国家地震局", "关于我国地震重点监视防御区的确定和", "加强防震减灾工作意见报告的通知"]),
    (JOINT, "国办发〔1996〕25号", ["国务院办公厅、中央军委办公厅", "关于加强对侵华日军遗弃化学武器", "调查和管理工作的通知"]),
    (SPACED, "国发〔1981〕88号", ["国务院关于棉粮、糖粮挂钩奖售粮", "几 个 问 题 的 通 知"]),
    (SPLIT_TITLE_NOTICE, "衢政办发〔2018〕17号", ["衢州市人民政府办公室", "关于2017年度全市小城镇环境 综合整治工作先进集体和先进个人的通报"]),
], ids=["relay", "joint", "spaced", "issuer-line"])
def test_head_above_takes_every_line_of_a_wrapped_title(text, number, title):
    lines = excerpt_lines(text)
    head = head_above(lines, index_of(lines, number_line(text, number)), -1)
    assert head.doc_number.canonical == number
    assert [lines[i].text for i in head.title] == title and head.pre_title == []


def number_line(text: str, number: str) -> str:
    """The printed number line of an excerpt (printed with or without layout spaces)."""
    return next(line for line in excerpt(text) if line.replace(" ", "") == number)


def test_an_enclosed_title_above_the_title_is_a_pre_title():
    lines = excerpt_lines(PRE_TITLE_NOTICE)
    head = head_above(lines, index_of(lines, "绍政发〔2017〕8号"), -1)
    assert [lines[i].text for i in head.pre_title] == ["绍兴市人民政府工作规则"]
    assert [lines[i].text for i in head.title] == ["绍兴市人民政府关于印发 绍兴市人民政府工作规则的通知"]
    assert head.start == 0                                   # the document begins at its enclosed title


# quzhou-2018-03-04.txt lines 2938-2944: the last rows of a form over the next document's head; a PDF
# prints a row's empty cells as nothing, so its text loses the tabs that made the rows a table.
FORM_OVER_A_HEAD = """
整改内容及完成情况			
县(市、区)初审意见			
市级验收意见			

衢州市人民政府办公室关于印发 衢州市“十三五”结核病防治规划的通知

衢政办发〔2018〕29号
"""


def test_the_last_rows_of_a_form_are_no_enclosed_title_above_the_next_title():
    for form in (excerpt(FORM_OVER_A_HEAD), [line.rstrip("\t") for line in excerpt(FORM_OVER_A_HEAD)]):
        lines = cleanse(form)
        head = head_above(lines, index_of(lines, "衢政办发〔2018〕29号"), -1)
        assert head.pre_title == [] and [lines[i].text for i in head.title] == \
            ["衢州市人民政府办公室关于印发 衢州市“十三五”结核病防治规划的通知"]


def test_head_above_stops_at_running_text():
    lines = excerpt_lines(REPLY + "\n衢政发〔2018〕11号")       # the number line again, under a sentence
    assert head_above(lines, len(lines) - 1, -1) is None


def test_head_below_reads_a_title_printed_under_its_number():
    # 绍政发〔2017〕7号's head in the order some offices print it: number first
    lines = excerpt_lines("绍政发〔2017〕7号\n\n# 绍兴市人民政府关于 市政府领导分工的通知\n\n各区、县(市)人民政府,市政府各部门、各单位:")
    head = head_below(lines, 0)
    assert head.number_first and head.start == 0 and head.title == [2]


def test_find_heads_finds_numbered_and_order_heads_but_not_cited_numbers():
    heads = find_heads(excerpt_lines(REPLY), 0)
    assert [h.doc_number.canonical for h in heads] == ["衢政发〔2018〕11号"]
    (order,) = find_heads(excerpt_lines(QUZHOU_ORDER), 0)
    assert order.is_order and order.title == [] and order.anchor == 0


def test_find_heads_starts_at_the_given_line():
    lines = excerpt_lines(SHAOXING_ISSUE)
    assert find_heads(lines, index_of(lines, "主办单位：绍兴市人民政府办公室")) == []
    assert len(find_heads(lines, 0)) == 1


def test_title_head_finds_a_title_printed_with_layout_spaces():
    lines = excerpt_lines(SHAOXING_ISSUE)
    title = "绍兴市人民政府关于市政府领导分工的通知"
    after_toc = index_of(lines, "〔绍政发〔2017〕8号〕 ..... (2)") + 1
    head = title_head(lines, title, after_toc, set())
    assert isinstance(head, Head) and lines[head.anchor].text == "绍兴市人民政府关于 市政府领导分工的通知"
    assert head.doc_number is None
    assert title_head(lines, title, after_toc, {head.anchor}) is None       # a line taken by another head
    assert lines[title_head(lines, title, 0, set()).anchor].text == title     # before the TOC's end: its entry


def test_last_text_line_skips_trailing_blank_lines():
    lines = excerpt_lines(SPACED + "\n\n\n")
    assert last_text_line(lines, 0, len(lines)) == index_of(lines, "国发〔1981〕88号")


# tests/levels/state-council-2005-20.txt lines 378-388: the signature closing 国办函〔2005〕57号, then
# a title whose middle line opens like a sentence (对…), the organ alone on its first line.
OPENER_IN_TITLE = """
国务院办公厅

二〇〇五年六月十一日

国务院办公厅

对全国政协十届三次会议第

2741号提案的答复

（国办函〔2005〕69号）
"""

# tests/levels/state-council-2018-35.txt: a note closing the document above, then a title
NOTE_ABOVE_TITLE = """
2018年10月27日

（此件公开发布）

国务院办公厅关于印发《政府网站集约化

试点工作方案》的通知

国办函〔2018〕71号
"""


def test_a_title_line_that_opens_like_a_sentence_belongs_to_the_title_above_it():
    """对… opens sentences, but under a title whose start (国务院办公厅) is above it, it is the title's
    middle line; a date above ends the head."""
    lines = excerpt_lines(OPENER_IN_TITLE)
    head = head_above(lines, index_of(lines, "（国办函〔2005〕69号）"), -1)
    assert [lines[i].text for i in head.title] == ["国务院办公厅", "对全国政协十届三次会议第", "2741号提案的答复"]
    assert head.pre_title == []


def test_a_closing_note_is_never_a_head_line():
    lines = excerpt_lines(NOTE_ABOVE_TITLE)
    head = head_above(lines, index_of(lines, "国办函〔2018〕71号"), -1)
    assert [lines[i].text for i in head.title] == ["国务院办公厅关于印发《政府网站集约化", "试点工作方案》的通知"]
    assert head.pre_title == [] and head.start == index_of(lines, "国务院办公厅关于印发《政府网站集约化")
