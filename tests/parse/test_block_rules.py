"""The block rules of a document's body (generator/parse/body.py BLOCK_RULES), each on real lines.

For every rule, a line of a real excerpt that the rule must claim: its ``test`` holds there,
no rule before it in BLOCK_RULES claims the line (so build_blocks runs this rule), and
``run`` makes the expected block. The cases name every registered rule:
``test_every_block_rule_has_a_case`` fails when a rule is registered without one.
"""

from __future__ import annotations

import pytest

from generator.model import BlockKind
from generator.parse import fields
from generator.parse.body import BLOCK_RULES, BodyState
from generator.parse.document import number_line_of

from .excerpts import PRE_TITLE_NOTICE, SPLIT_TITLE_NOTICE, index_of, state_after

# jiaxing-2017-05.txt lines 121-137 and 141: a notice, the regulation it encloses, a chapter, two articles.
RULES_NOTICE = """
嘉兴市人民政府关于印发 嘉兴市人民政府工作规则的通知

嘉政发〔2017〕12 号

各县(市、区)人民政府,市政府各部门、直属各单位:

《嘉兴市人民政府工作规则》已经八届市政府第 1 次常务会议通过,现予印发。

嘉兴市人民政府

2017 年 5 月 12 日

嘉兴市人民政府工作规则

第一章 总 则

第一条 根据《中华人民共和国宪法》《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》,参照《国务院工作规则》《浙江省人民政府工作规则》,结合实际,制定本工作规则。

第三条 市政府工作的准则是,勤政为民,依法行政,实事求是,民主公开,务实清廉。
"""

# quzhou-2018-03-04.txt lines 374-380, 392-394 (a sentence split by a page break), 412-425 (the
# attachment list, the signature, the attachment with the first rows of its table).
TABLE_NOTICE = """
衢州市人民政府关于下达2018年 衢州市国民经济和社会发展的通知

衢政发〔2018〕14号

各县(市、区)人民政府,市政府各部门、直属各单位:

2018年衢州市国民经济和社会发展规划已经市七届人大三次会议审议批准,现印发给你们,请认真组织实施。

——货物贸易进出口占全国份额保持稳定,服务贸易

进出口增长8%左右;

附件:2018年衢州市国民经济和社会发展规划主要指标

衢州市人民政府

2018年4月23日

附件

2018年衢州市国民经济和社会发展计划主要指标

\t指标名称\t2018年计划
经济发展\t全市生产总值\t增长7%左右
\t第一产业\t增长1.5%以上
\t第二产业\t增长6.5%左右
"""

# jiaxing-2017-05.txt lines 31-35, 39-42 (a list of targets) and 118-119.
LIST_NOTICE = """
嘉兴市人民政府关于下达 2017 年 嘉兴市国民经济和社会发展的通知

嘉政发〔2017〕11 号

各县(市、区)人民政府,市政府各部门、直属各单位:

2017 年全市国民经济和社会发展的主要预期目标是:

- 地区生产总值增长 7%左右;
 - 一般公共预算收入增长 6.5%;

嘉兴市人民政府
2017年5月16日
"""

# tests/levels/state-council-2006-28.txt lines 361-372 and 431: a running head inside a title and
# another after the addressee (two pages of the same section).
FURNITURE_NOTICE = """
国务院关于同意组建2008年北京奥运会

国务院公报 2006·28　　国务院文件　　5

首都国际机场协调委员会的批复

国函〔2006〕38号

民航总局：

你局《关于报送2008年北京奥运会首都国际机场协调委员会组建方案的请示》（民航总局〔2006〕80号）收悉。现批复如下：

国务院公报 2006·28　　国务院文件　　6

国务院

二〇〇六年五月二十三日
"""

# shaoxing-2017-04.txt lines 221-238: an outline heading 一、 and the paragraph under it.
SENTENCE_NOTICE = """
## 绍兴市人民政府关于 加强政府自身建设的若干规定

### 绍兴市人民政府关于印发 加强政府自身建设若干规定的通知

绍政发〔2017〕9号

各区、县(市)人民政府，市政府各部门、各单位：

现将《绍兴市人民政府关于加强政府自身建设的若干规定》印发给你们，请认真遵照执行。

绍兴市人民政府
2017年4月18日

为贯彻落实市第八次党代会和市八届人大一次会议精神，提高政府组成人员依法履职能力，以更严标准打造浙江铁军绍兴军团，努力树立政府新形象、开拓工作新局面，现就加强新时期政府自身建设作出如下规定：

#### 一、严守政治纪律和政治规矩

把纪律和规矩挺在前面，牢固树立政治意识、大局意识、核心意识、看齐意识，坚决维护以习近平同志为核心的党中央权威，在思想上政治上行动上与党中央保持高度一致。认真贯彻落实党中央国务院、省委省政府和市委各项决策部署，确保政令畅通、令行禁止。大力推动中央“八项规定”精神风化成俗，严格遵守省委“六
"""




def body_state(text: str) -> BodyState:
    """The body state of the first document of an excerpt, as build_blocks starts from it."""
    state = state_after("documents", text)
    lines, head, doc = state.lines, state.heads[0], state.documents[0]
    number_line = number_line_of(lines, head)
    date_idx, _, _ = fields.signature_block(lines, number_line + 1, doc.end_line - 1)
    return BodyState.of(lines, head, number_line, date_idx, doc.end_line - 1, doc)

# (rule, excerpt, the raw line the block starts at, what the block must be: its span counts source
# lines from first to last, blank ones included; text, level and label default to a plain line's)
CASES = [
    ("furniture", FURNITURE_NOTICE, "国务院公报 2006·28　　国务院文件　　6",
     dict(kind=BlockKind.FURNITURE, text="国务院公报 2006·28　　国务院文件　　6")),
    ("title", RULES_NOTICE, "嘉兴市人民政府关于印发 嘉兴市人民政府工作规则的通知",
     dict(kind=BlockKind.TITLE, text="嘉兴市人民政府关于印发嘉兴市人民政府工作规则的通知")),
    ("title", SPLIT_TITLE_NOTICE, "衢州市人民政府办公室",             # the issuer's line opens the title
     dict(kind=BlockKind.TITLE, span=3,
          text="衢州市人民政府办公室关于2017年度全市小城镇环境综合整治工作先进集体和先进个人的通报")),
    ("head_role", RULES_NOTICE, "嘉政发〔2017〕12 号", dict(kind=BlockKind.DOC_NUMBER)),
    ("head_role", RULES_NOTICE, "嘉兴市人民政府", dict(kind=BlockKind.SIGNATURE)),
    ("head_role", RULES_NOTICE, "2017 年 5 月 12 日", dict(kind=BlockKind.DATE)),
    ("head_role", PRE_TITLE_NOTICE, "## 绍兴市人民政府工作规则",
     dict(kind=BlockKind.ENCLOSED_TITLE, text="绍兴市人民政府工作规则")),
    ("table", TABLE_NOTICE, "\t指标名称\t2018年计划",
     dict(kind=BlockKind.TABLE, span=4, rows=(("", "指标名称", "2018年计划"), ("经济发展", "全市生产总值", "增长7%左右"),
                                              ("", "第一产业", "增长1.5%以上"), ("", "第二产业", "增长6.5%左右")))),
    ("attachment", TABLE_NOTICE, "附件:2018年衢州市国民经济和社会发展规划主要指标",
     dict(kind=BlockKind.ATTACHMENT_LIST, label="附件")),
    ("attachment", TABLE_NOTICE, "附件", dict(kind=BlockKind.ATTACHMENT_TITLE, label="附件")),
    ("enclosed_title", RULES_NOTICE, "嘉兴市人民政府工作规则", dict(kind=BlockKind.ENCLOSED_TITLE)),
    ("heading", RULES_NOTICE, "第一章 总 则", dict(kind=BlockKind.HEADING, level=1, label="第一章")),
    ("heading", SENTENCE_NOTICE, "#### 一、严守政治纪律和政治规矩",
     dict(kind=BlockKind.HEADING, level=2, label="一、", text="一、严守政治纪律和政治规矩")),
    ("heading", SPLIT_TITLE_NOTICE, "一、先进集体(35家)", dict(kind=BlockKind.HEADING, level=2, label="一、")),
    ("paragraph", RULES_NOTICE, "各县(市、区)人民政府,市政府各部门、直属各单位:", dict(kind=BlockKind.PARAGRAPH)),
    ("paragraph", RULES_NOTICE, "第三条 市政府工作的准则是,勤政为民,依法行政,实事求是,民主公开,务实清廉。",
     dict(kind=BlockKind.PARAGRAPH, level=4, label="第三条")),           # an article: a labelled paragraph
    ("paragraph", SPLIT_TITLE_NOTICE, "(一)市本级(8家):市规划局、市卫生计生委、市综合执法局、市公安局交警支队衢江大队、"
                                      "市通信发展办公室、市经信委、市交通运输局、国网衢州供电公司。",
     dict(kind=BlockKind.PARAGRAPH, level=3, label="(一)")),             # too long for a heading
    ("paragraph", TABLE_NOTICE, "——货物贸易进出口占全国份额保持稳定,服务贸易",       # rejoined over the page break
     dict(kind=BlockKind.PARAGRAPH, span=3, text="——货物贸易进出口占全国份额保持稳定,服务贸易进出口增长8%左右;")),
    ("paragraph", LIST_NOTICE, " - 一般公共预算收入增长 6.5%;", dict(kind=BlockKind.LIST_ITEM)),
]


def _ids(cases: list) -> list[str]:
    """title-1, title-2, head_role-1 …: pytest would print the Chinese lines as escapes."""
    ids, seen = [], {}
    for name, *_ in cases:
        seen[name] = seen.get(name, 0) + 1
        ids.append(f"{name}-{seen[name]}")
    return ids


@pytest.mark.parametrize("name, text, raw, want", CASES, ids=_ids(CASES))
def test_the_rule_claims_its_line_and_makes_its_block(name, text, raw, want):
    state = body_state(text)
    i = index_of(state.lines, raw)
    rule = BLOCK_RULES[name]
    assert rule.test(state, i)
    assert next(r for r in BLOCK_RULES if r.test(state, i)) is rule, "an earlier rule claims the line"
    after = rule.run(state, i)
    block = state.blocks[-1]
    line = state.lines[i]
    expected = dict(text=line.text, level=0, label="", span=1, start_line=line.no) | want
    assert block.kind == expected["kind"]
    assert (block.text if "rows" not in want else block.rows) == expected.get("rows", expected["text"])
    assert (block.level, block.label, block.start_line) == (expected["level"], expected["label"], expected["start_line"])
    assert block.end_line - block.start_line + 1 == expected["span"]     # source lines, blank ones included
    assert after == block.end_line                        # the next line index: one past the block
    assert block in state.doc.blocks                      # the same block the parse made


@pytest.mark.parametrize("name, text, raw", [
    ("title", RULES_NOTICE, "嘉兴市人民政府工作规则"),          # an enclosed title is not the document's title
    ("head_role", RULES_NOTICE, "《嘉兴市人民政府工作规则》已经八届市政府第 1 次常务会议通过,现予印发。"),
    ("table", TABLE_NOTICE, "2018年衢州市国民经济和社会发展计划主要指标"),
    ("attachment", TABLE_NOTICE, "——货物贸易进出口占全国份额保持稳定,服务贸易"),
    ("enclosed_title", RULES_NOTICE, "第一章 总 则"),
    ("heading", RULES_NOTICE, "第一条 根据《中华人民共和国宪法》《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》,"
                              "参照《国务院工作规则》《浙江省人民政府工作规则》,结合实际,制定本工作规则。"),
    ("heading", SENTENCE_NOTICE, "为贯彻落实市第八次党代会和市八届人大一次会议精神，提高政府组成人员依法履职能力，"
                                 "以更严标准打造浙江铁军绍兴军团，努力树立政府新形象、开拓工作新局面，"
                                 "现就加强新时期政府自身建设作出如下规定："),
])
def test_the_rule_leaves_other_lines_alone(name, text, raw):
    state = body_state(text)
    assert not BLOCK_RULES[name].test(state, index_of(state.lines, raw))


def test_paragraph_is_the_fallback_and_runs_last():
    assert BLOCK_RULES.names()[-1] == "paragraph"
    state = body_state(RULES_NOTICE)
    assert all(BLOCK_RULES["paragraph"].test(state, i) for i in range(len(state.lines)) if not state.lines[i].blank)


def test_every_block_rule_has_a_case():
    assert set(BLOCK_RULES.names()) == {name for name, *_ in CASES}
