"""The line shapes of official-document text (generator/parse/shapes.py), each asked of real lines.

Every text below is a whole printed line, or a title joined from its printed lines, of a sample
gazette or a State Council document; ``excerpt`` checks the lines are real.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.parse import shapes

from .excerpts import excerpt


def real(line: str) -> str:
    """A line, checked to be printed in a source."""
    (checked,) = excerpt(line)
    return checked


@pytest.mark.parametrize("line, date", [
    ("2017年4月15日", dt.date(2017, 4, 15)),
    ("2017 年 5 月 12 日", dt.date(2017, 5, 12)),                 # layout spaces
    ("一九八一年五月二十三日", dt.date(1981, 5, 23)),               # Chinese numerals
    ("二〇〇四年一月十六日", dt.date(2004, 1, 16)),
    ("一九九六年十一月五日", dt.date(1996, 11, 5)),
])
def test_date_lines(line, date):
    assert shapes.is_date_line(real(line)) and shapes.find_date(line) == date


@pytest.mark.parametrize("line", [
    "2018年我市国民经济和社会发展的主要目标是:",
    "《衢州市燃气管理办法》已经2018年1月15日市七届政府第13次常务会议审议通过,现予公布,自2018年5月1日起施行。",
    "2018年5月",                                                   # a cover's month: no day
])
def test_lines_that_are_not_date_lines(line):
    assert not shapes.is_date_line(real(line))


def test_find_date_reads_a_date_inside_a_sentence():
    line = real("《衢州市燃气管理办法》已经2018年1月15日市七届政府第13次常务会议审议通过,现予公布,自2018年5月1日起施行。")
    assert shapes.find_date(line) == dt.date(2018, 1, 15)


@pytest.mark.parametrize("title, doc_type", [
    ("嘉兴市人民政府办公室关于进一步 减轻企业负担降低企业成本的实施意见", "意见"),      # 实施意见 files under 意见
    ("关于同意在江山市城区实施衢州市市区电动自行车管理规定的批复", "批复"),             # the last 文种 wins
    ("衢州市推进新型智慧城市建设行动计划(2018—2020)", "计划"),                          # (years) dropped
    ("国务院办公厅关于科技节水建议的复函", "复函"),
    ("衢州市燃气管理办法", "办法"),
    ("2018年衢州市国民经济和社会发展计划主要指标", None),
])
def test_doc_type_is_the_type_a_title_ends_with(title, doc_type):
    assert shapes.doc_type(real(title)) == doc_type


@pytest.mark.parametrize("line, title_like", [
    ("衢州市燃气管理办法", True),
    ("2017年嘉兴市城市道路交通治堵工作方案", True),
    ("衢州市人民政府办公室", False),                                   # an organ, not a title
    ("2017 年全市国民经济和社会发展的主要预期目标是:", False),       # a sentence's lead-in
    ("2018年4月23日", False),
    ("希望获奖企业发扬成绩,再接再厉,发挥好模范表率作用。希望全市广大企业以先进为榜样,奋力进取,开拓创新,"
     "进一步提质增效,做大做强,为加快衢州经济社会发展、打造“活力新衢州、美丽大花园”作出新的更大贡献。", False),
])
def test_is_title_like(line, title_like):
    assert shapes.is_title_like(real(line)) is title_like


def test_a_title_line_longer_than_the_bound_is_running_text():
    line = real("## 绍兴市人民政府办公室转发市教育局、市公安局、市交通运输局关于进一步提升中小學生交通安全保障水平实施意见的通知")
    line = line.removeprefix("## ")
    assert shapes.is_title_like(line)
    assert not shapes.is_title_like(line, max_len=len(shapes.squash(line)) - 1)


@pytest.mark.parametrize("line, organs", [
    ("衢州市人民政府办公室", ["衢州市人民政府办公室"]),
    ("国务院办公厅　中央军委办公厅", ["国务院办公厅", "中央军委办公厅"]),        # two organs, full-width space
    ("国务院　中央军委", ["国务院", "中央军委"]),
    ("代市长 汤飞帆", []),
    ("江山市人民政府:", []),                                          # an addressee, not a signature
])
def test_split_organs(line, organs):
    assert shapes.split_organs(real(line)) == organs
    assert shapes.is_organ_line(line) is bool(organs)


def test_a_person_signature():
    assert shapes.is_person_signature(real("代市长 汤飞帆"))
    assert not shapes.is_person_signature(real("衢州市人民政府"))


@pytest.mark.parametrize("printed, bulleted, name", [
    ("【市政府文件】", False, "市政府文件"),
    ("●机构与人事", False, "机构与人事"),
    ("- 市政府令", True, "市政府令"),                                  # a short bulleted label …
    ("- 市政府令", False, None),                                       # … but only where bullets mark sections
    ("- 嘉兴市人民政府关于印发嘉兴市人民政府工作规则的通知(嘉政发〔2017〕12 号) (5)", True, None),   # an entry
])
def test_section_name(printed, bulleted, name):
    text = real(printed).removeprefix("- ")                            # as cleansing leaves it
    assert shapes.section_name(text, bulleted=bulleted) == name


@pytest.mark.parametrize("line, label", [
    ("附件:2018年衢州市国民经济和社会发展规划主要指标", ("", "2018年衢州市国民经济和社会发展规划主要指标")),
    ("附件:1.“证照分离”改革具体事项改革举措任务分工表", ("", "1.“证照分离”改革具体事项改革举措任务分工表")),
    ("附件 1", ("1", "")),
    ("附件2", ("2", "")),
    ("附件", ("", "")),
    ("(二)试点先行,稳步推进(2018年11月底前)。各地要结合实际,开展试点,并在总结试点经验的基础上,稳步推进增建、改建"
     "电动自行车集中充电设施建设。2018年11月底前,各地要完成城区35%以上的住宅小区、社区的建设任务,并逐渐向乡镇延伸,"
     "全市建成有电动自行车智能化集中充电设施的住宅小区100个(具体目标任务见附件)。", None),
])
def test_attachment_label(line, label):
    assert shapes.attachment_label(real(line)) == label


@pytest.mark.parametrize("title, issuers", [
    ("浙江省衢州市烟草专卖局关于零售许可证后续监管中适用取消从事烟草专卖业务资格行政处罚的指导意见", ["浙江省衢州市烟草专卖局"]),
    ("关于规范殡仪服务收费管理的通知", []),                               # no organ before 关于
])
def test_issuer_from_title(title, issuers):
    assert shapes.issuer_from_title(title) == issuers


def test_organ_name_bounds():
    assert shapes.is_organ_name("国务院")
    assert not shapes.is_organ_name("院")                                # shorter than MIN_ORGAN_CHARS
    assert not shapes.is_organ_name("衢州市公安局" * 6)                   # longer than MAX_ORGAN_CHARS


def test_issuer_from_a_title_that_relays_another_organs_text():
    title = "国务院办公厅转发国家地震局关于我国地震重点监视防御区的确定和加强防震减灾工作意见报告的通知"
    assert shapes.issuer_from_title(title) == ["国务院办公厅"]
    assert shapes.relayed_organs(title) == ["国家地震局"]                 # 来文机关


@pytest.mark.parametrize("title, issuers, relayed", [
    # shaoxing-2016-07.txt: 关于 after the relayed organs, three of them
    ("绍兴市人民政府办公室转发市教育局、市公安局、市交通运输局关于进一步提升中小學生交通安全保障水平实施意见的通知",
     ["绍兴市人民政府办公室"], ["市教育局", "市公安局", "市交通运输局"]),
    # state-council-documents.jsonl: 国办发〔1997〕11号
    ("国务院办公厅转发民政部关于清理整顿社会团体意见的通知", ["国务院办公厅"], ["民政部"]),
    # 印发 publishes the issuer's own text: nothing is relayed
    ("国务院关于印发《国务院工作规则》的通知", ["国务院"], []),
])
def test_relaying_titles(title, issuers, relayed):
    assert shapes.issuer_from_title(title) == issuers
    assert shapes.relayed_organs(title) == relayed


def test_the_premier_signs_as_a_person():
    # tests/levels/state-council-2006-28.txt: the order head's signature
    assert shapes.is_person_signature("总理　温家宝") and shapes.is_person_signature("总理 李克强")


@pytest.mark.parametrize("line, label", [
    ("附件1.深圳湾口岸港方口岸区的查验区界址点坐标", ("1", "深圳湾口岸港方口岸区的查验区界址点坐标")),
    ("附：内地西藏初中班（校）扩大招生计划表", ("", "内地西藏初中班（校）扩大招生计划表")),
    ("附件：2008年北京奥运会首都国际机场协调委员会组建方案", ("", "2008年北京奥运会首都国际机场协调委员会组建方案")),
    ("附则", None),                                          # a chapter, not a label
])
def test_attachment_labels(line, label):
    assert shapes.attachment_label(line) == label
