"""Field readers of one document (generator/parse/fields.py): signature and date, enclosed titles,
attachments, references, issuers, on real documents of Quzhou, Jiaxing, Shaoxing and the State Council."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.parse import fields
from generator.parse.segment import find_heads

from .excerpts import (ENCLOSING, JIAXING_ISSUE, PRE_TITLE_NOTICE, QUZHOU_ORDER, excerpt_lines, index_of, state_after)

# 国办发〔1996〕25号 (state-council-documents.jsonl): its head and its joint signature, two organs on a
# line separated by a full-width space, over a date in Chinese numerals.
JOINT_SIGNED = """
国务院办公厅、中央军委办公厅

关于加强对侵华日军遗弃化学武器

调查和管理工作的通知

国办发〔1996〕25号

国务院办公厅　中央军委办公厅

一九九六年六月二十九日
"""


# quzhou-2018-03-04.txt lines 1671-1679 and 1895-1897: a numbered 附件 list, then two of the
# attachments under their 附件N labels.
ATTACHMENT_LIST = """
附件:1.“证照分离”改革具体事项改革举措任务分工表

2.衢州市行政审批告知承诺办法(试行)

3.衢州市行政审批告知承诺样本

附件 1

“证照分离”改革具体事项改革举措任务分工表

附件2

衢州市行政审批告知承诺办法(试行)
"""

# jiaxing-2017-05.txt lines 112-119: attachments printed as omitted, (略).
OMITTED = """
附件:1. 2017年嘉兴市国民经济和社会发展计划主要目标(略)

2. 2017年度嘉兴市级国有土地上房屋征收计划表(略)

(可登陆中国嘉兴门户网站查询,网址:<http://www.jiaxing.gov.cn>)

嘉兴市人民政府
2017年5月16日
"""

# quzhou-2018-03-04.txt lines 3394-3398: a department's document with its issuer named only in its title.
TOBACCO = """
浙江省衢州市烟草专卖局关于零售许可证后续监管中适用 取消从事烟草专卖业务资格行政处罚的指导意见

衢烟专〔2018〕3号

各县(市)局、市局各处室(部门):
"""

# quzhou-2018-03-04.txt lines 234-248: a reply citing the request it answers.
REPLY = """
衢州市人民政府关于 同意在江山市城区实施衢州市 市区电动自行车管理规定的批复

衢政发〔2018〕11号

江山市人民政府:

你市《关于要求参照执行〈衢州市市区电动自行车管理规定〉的请示》(江政〔2018〕3号)悉。经研究,现批复如下:

衢州市人民政府

2018年3月9日
"""


def _doc(text: str):
    """(lines, head, index of the number line, index of the last line) of an excerpt's document."""
    lines = excerpt_lines(text)
    (head,) = find_heads(lines, 0)
    return lines, head, head.anchor, len(lines) - 1


def test_signature_block_of_joint_organs_over_a_chinese_numeral_date():
    lines, head, number, end = _doc(JOINT_SIGNED)
    date_idx, organs, person = fields.signature_block(lines, number + 1, end)
    assert (organs, person) == (["国务院办公厅", "中央军委办公厅"], False)
    assert fields.doc_date(lines, date_idx) == dt.date(1996, 6, 29)


def test_signature_block_of_a_person():
    lines = excerpt_lines(QUZHOU_ORDER)
    date_idx, organs, person = fields.signature_block(lines, index_of(lines, "第51号") + 1, len(lines) - 1)
    assert (lines[date_idx].text, organs, person) == ("2018年2月21日", [], True)    # 代市长 汤飞帆


def test_a_date_without_a_signature_above_is_no_signature_date():
    lines, head, number, end = _doc(JOINT_SIGNED)
    signature = index_of(lines, "国务院办公厅　中央军委办公厅")
    assert fields.signature_block(lines, signature + 1, end) == (None, [], False)


def test_title_text_joins_the_title_lines_without_layout_spaces():
    lines, head, _, _ = _doc(ENCLOSING)
    assert fields.title_text(lines, head.title) == "国务院办公厅关于印发《政府网站集约化试点工作方案》的通知"


@pytest.mark.parametrize("title, enclosed", [
    ("国务院办公厅关于印发《政府网站集约化试点工作方案》的通知", "政府网站集约化试点工作方案"),
    ("嘉兴市人民政府办公室关于印发2017年嘉兴市城市道路交通治堵工作方案的通知", "2017年嘉兴市城市道路交通治堵工作方案"),
    ("衢州市人民政府关于2017年度衢州市市长特别奖获奖企业的通报", None),
])
def test_enclosed_name_is_what_the_title_says_it_encloses(title, enclosed):
    assert fields.enclosed_name(title) == enclosed


def test_enclosed_titles_found_after_the_date_above_the_title_and_in_an_order():
    doc = state_after("documents", JIAXING_ISSUE).documents[1]
    assert doc.enclosed_titles == ["2017年嘉兴市城市道路交通治堵工作方案"]          # printed after the date
    lines, head, number, end = _doc(PRE_TITLE_NOTICE)
    title = fields.title_text(lines, head.title)
    assert fields.enclosed_titles(lines, head, title, None, end) == ["绍兴市人民政府工作规则"]   # above the title
    lines = excerpt_lines(QUZHOU_ORDER)
    (order,) = find_heads(lines, 0)
    assert fields.enclosed_titles(lines, order, "衢州市燃气管理办法", None, len(lines) - 1) == ["衢州市燃气管理办法"]


def test_attachments_from_a_numbered_list():
    lines = excerpt_lines(ATTACHMENT_LIST)
    assert fields.attachments(lines, 0, len(lines) - 1) == [
        "“证照分离”改革具体事项改革举措任务分工表", "衢州市行政审批告知承诺办法(试行)", "衢州市行政审批告知承诺样本"]


def test_attachments_from_their_labels_when_there_is_no_list():
    lines = excerpt_lines(ATTACHMENT_LIST)
    labels = index_of(lines, "附件 1")
    assert fields.attachments(lines, labels, len(lines) - 1) == [
        "“证照分离”改革具体事项改革举措任务分工表", "衢州市行政审批告知承诺办法(试行)"]


def test_attachments_printed_as_omitted_lose_the_mark():
    lines = excerpt_lines(OMITTED)
    assert fields.attachments(lines, 0, len(lines) - 1) == [
        "2017年嘉兴市国民经济和社会发展计划主要目标", "2017年度嘉兴市级国有土地上房屋征收计划表"]


def test_references_are_the_cited_numbers_without_the_documents_own():
    lines, head, number, end = _doc(REPLY)
    assert fields.references(lines, 0, end, head.doc_number, {number}) == ["江政〔2018〕3号"]


def test_issuers_from_the_signature_the_order_or_the_title():
    lines, head, number, end = _doc(TOBACCO)
    title = fields.title_text(lines, head.title)
    assert fields.issuers_for(title, [], head) == ["浙江省衢州市烟草专卖局"]
    assert fields.issuers_for(title, ["衢州市人民政府"], head) == ["衢州市人民政府"]     # a signature wins
    lines = excerpt_lines(QUZHOU_ORDER)
    (order,) = find_heads(lines, 0)
    assert fields.issuers_for("衢州市燃气管理办法", [], order) == ["衢州市人民政府"]


def test_order_title_is_the_first_title_after_the_date():
    lines = excerpt_lines(QUZHOU_ORDER)
    date_idx = index_of(lines, "2018年2月21日")
    assert fields.order_title(lines, date_idx, len(lines) - 1, 0) == "衢州市燃气管理办法"
    assert fields.order_title(lines, date_idx, date_idx + 1, 0) is None             # not within the document


# tests/levels/state-council-1996-34.txt: 国办发〔1996〕2号 from its date to the forwarded report's
# title, printed over two lines with a blank line between, the second line opening with 和.
FORWARDED_REPORT = """
国务院办公厅转发国家地震局

关于我国地震重点监视防御区的确定和

加强防震减灾工作意见报告的通知

国办发〔1996〕2号

国务院办公厅

一九九六年二月五日

（本文有删减）

关于我国地震重点监视防御区的确定

和加强防震减灾工作意见的报告

国务院：
"""


def test_an_enclosed_title_wrapped_over_a_blank_line_is_read_whole():
    lines, head, number, end = _doc(FORWARDED_REPORT)
    title = fields.title_text(lines, head.title)
    date_idx, _, _ = fields.signature_block(lines, number + 1, end)
    assert fields.enclosed_titles(lines, head, title, date_idx, end) == [
        "关于我国地震重点监视防御区的确定和加强防震减灾工作意见的报告"]


# 国函〔2006〕132号 (tests/data/state-council-documents.jsonl, document 26): 附件1. with a full stop.
NUMBERED_WITH_STOP = """
附件1.深圳湾口岸港方口岸区的查验区界址点坐标
2.深圳湾公路大桥部分桥面界址点坐标
"""
# 国办发〔1996〕32号 (document 6): the older 附： label.
OLD_LABEL = """
附：内地西藏初中班（校）扩大招生计划表
"""


def test_attachments_labelled_with_a_full_stop_or_the_older_fu():
    lines = excerpt_lines(NUMBERED_WITH_STOP)
    assert fields.attachments(lines, 0, len(lines) - 1) == ["深圳湾口岸港方口岸区的查验区界址点坐标",
                                                            "深圳湾公路大桥部分桥面界址点坐标"]
    lines = excerpt_lines(OLD_LABEL)
    assert fields.attachments(lines, 0, len(lines) - 1) == ["内地西藏初中班（校）扩大招生计划表"]


def test_a_national_order_is_issued_by_the_organ_without_the_country_name():
    text = """
中华人民共和国国务院令

第455号

现公布《国家粮食应急预案》，自公布之日起施行。

总理　温家宝

二〇〇六年一月五日

国家粮食应急预案
"""
    lines = excerpt_lines(text)
    (order,) = find_heads(lines, 0)
    assert order.is_order and order.doc_number.canonical == "国务院令第455号"
    date_idx, organs, person = fields.signature_block(lines, index_of(lines, "第455号") + 1, len(lines) - 1)
    assert person and fields.doc_date(lines, date_idx) == dt.date(2006, 1, 5)        # 总理 signs it
    assert fields.issuers_for("国家粮食应急预案", organs, order) == ["国务院"]


# quzhou-2018-03-04.txt lines 1573-1591: a notice whose covering sentence names the two plans it prints
TWO_PLANS = """
衢州市人民政府办公室关于印发衢州经济技术开发区衢州国家高新技术产业开发区“证照分离”改革实施方案的通知

衢政办发〔2018〕24号

各县(市、区)人民政府,市政府各部门、直属各单位:

《衢州经济技术开发区“证照分离”改革实施方案》、《衢州国家高新技术产业开发区“证照分离”改革实施方案》已经市政府同意,现印发给你们,请认真贯彻实施。

衢州市人民政府办公室

2018年4月13日

衢州经济技术开发区“证照分离”改革实施方案
"""

# tests/levels/state-council-2005-20.txt: a 函 that 印发s a plan (its title names it, as 函, not 通知)
PLAN_BY_LETTER = """
国务院办公厅

关于印发国家粮食应急预案

的函

（国办函〔2005〕57号）

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

《国家粮食应急预案》已经国务院同意，现印发给你们，请认真实施。

国务院办公厅

二〇〇五年六月十一日

国家粮食应急预案
"""

# tests/levels/state-council-2018-35.txt: the plan follows the note （此件公开发布）
PLAN_AFTER_NOTE = ENCLOSING + "\n政府网站集约化试点工作方案\n"


def _read(text: str):
    lines = excerpt_lines(text)
    (head,) = find_heads(lines, 0)
    title = fields.title_text(lines, head.title)
    date_idx, _, _ = fields.signature_block(lines, head.anchor + 1, len(lines) - 1)
    return lines, head, title, date_idx


def test_the_covering_sentence_names_every_text_a_notice_encloses():
    lines, head, title, date_idx = _read(TWO_PLANS)
    assert fields.covering_names(lines, head.anchor + 1, date_idx) == [
        "衢州经济技术开发区“证照分离”改革实施方案", "衢州国家高新技术产业开发区“证照分离”改革实施方案"]
    # the first plan is printed in this excerpt; each printed one is found by the name the sentence gives
    assert fields.enclosed_titles(lines, head, title, date_idx, len(lines) - 1) == [
        "衢州经济技术开发区“证照分离”改革实施方案"]


def test_a_letter_that_issues_a_plan_encloses_it():
    lines, head, title, date_idx = _read(PLAN_BY_LETTER)
    assert title == "国务院办公厅关于印发国家粮食应急预案的函"
    assert fields.enclosed_titles(lines, head, title, date_idx, len(lines) - 1) == ["国家粮食应急预案"]


def test_a_note_closing_the_covering_text_is_no_part_of_the_enclosed_title():
    lines, head, title, date_idx = _read(PLAN_AFTER_NOTE)
    assert fields.enclosed_titles(lines, head, title, date_idx, len(lines) - 1) == ["政府网站集约化试点工作方案"]
