"""Body structure (generator/parse/body.py): the outline grammar, table rows, paragraphs rejoined
across page breaks, the roles of head and signature lines, and build_blocks over whole real documents."""

from __future__ import annotations

import pytest

from generator.model import BlockKind
from generator.parse import fields, parse_text
from generator.parse.body import (ARTICLE_LEVEL, BLOCK_RULES, MAX_HEADING_CHARS, BodyState, build_blocks, cells,
                                  head_roles, outline, table_rows)
from generator.parse.document import number_line_of
from generator.parse.ownership import uncovered_block_lines

from .excerpts import (JIAXING_ISSUE, PRE_TITLE_NOTICE, QUZHOU_ORDER, SPLIT_TITLE_NOTICE, excerpt, excerpt_lines,
                       excerpt_text, index_of, state_after)

# shaoxing-2017-04.txt lines 360-371 and 457-471: a notice, its attachment and the attachment's table,
# whose header is printed again after a page break.
TABLE_ATTACHMENT = """
## 绍兴市加快推进 “最多跑一次”改革实施方案

### 绍兴市人民政府办公室关于印发绍兴市加快推进“最多跑一次”改革实施方案的通知

绍政办发〔2017〕16号

各区、县(市)人民政府,市政府各部门、各单位:

《绍兴市加快推进“最多跑一次”改革实施方案》已经市政府同意,现印发给你们,请认真贯彻落实。

绍兴市人民政府办公室
2017年3月27日

附件:绍兴市“最多跑一次”改革重点工作清单

附件

## 绍兴市“最多跑一次”改革重点工作清单

序号\t重点工作\t目标任务\t完成时间\t责任部门
1\t加强工作协调督查\t市政府办公室负责协调各地、各部门加快推进“最多跑一次”改革中的重大问题,按照一月一督查的要求,组织实施专项督查。\t全年\t市政府办公室,各区、县(市)政府
\t\t建立“最多跑一次”改革第三方评价机制,准确了解把握各级各部门推动改革方案落实的工作举措和进展情况,公布的“最多跑一次”事项是否真正落地,改革方案实施后取得的经验成效以及是否达到预期目标,评估结果作为考核改革成效的重要依据。\t6月底\t市政府研究室、市统计局,各区、县(市)政府
2\t加强便民服务平台建设\t继续精减行政许可事项,推进政府核准投资项目目录“瘦身”。行政许可事项进入行政服务中心办理比率达到95%以上,与行政许可关联度较大或面向企业、群众的其他行政权力事项也要尽可能进入行政服务中心办理。具备场地条件的地方,要积极推动水、电、燃气、科技创新、旅游服务等公共服务事项进入行政服务中心统一办理。\t6月底\t市行政服务中心,各区、县(市)政府
\t\t健全投资项目代办服务机构,按照“自愿委托、无偿代办、全程服务、高效联动”的原则,为重点投资项目、“双创”项目、高层次人才项目等,提供从立项到开工全过程的优质高效服务。\t6月底\t市行政服务中心、市编办,各区、县(市)政府
\t\t加快乡镇便民服务平台建设,进一步整合和拓展公安、市场监管、国土、民政、人力社保、水务、广电等领域的行政审批和公共服务事项,实行“一门办理”、“一站服务”,确保6月底前乡镇便民服务平台顺畅运行。同时,推进有条件的地方便民服务平台延伸到村(社区),使基层群众能就近便捷办理。\t6月底\t市行政服务中心、市直开发区管委会,各区、县(市)政府

序号\t重点工作\t目标任务\t完成时间\t责任部门
3\t推进“最多跑一次”事项办理标准化\t对于行政审批、公共服务等依相对人申请由政府作出决定的事项,推进“最多跑一次”事项办理标准化,制定我市群众和企业到政府办事“最多跑一次”地方标准,形成《办理指南参考目录》,明确办理条件、办理材料、办理流程,取消没有法律法规依据的证明和盖章环节,以标准化促进规范化便捷化。\t6月底\t市质监局,各区、县(市)政府
"""

# quzhou-2018-03-04.txt lines 2934-2940: a form of label rows, one or two filled cells each.
FORM = """
隐患单位\t\t\t
隐患位置\t\t\t
整改投资额\t\t完成时间\t
负责人及电话\t\t联系人及电话\t
整改内容及完成情况\t\t\t
县(市、区)初审意见\t\t\t
市级验收意见\t\t\t
"""


@pytest.mark.parametrize("line, label, level", [
    ("第一章 总 则", "第一章", 1),
    ("第一条 为了加强燃气管理,维护燃气用户、燃气经营者的合法权益,保障公民、法人和其他组织生命财产安全和社会公共安全,"
     "保证燃气供应,根据《城镇燃气管理条例》、《浙江省燃气管理条例》和有关法律、法规的规定,结合本市实际,制定本办法。",
     "第一条", ARTICLE_LEVEL),
    ("一、先进集体(35家)", "一、", 2),
    ("(一)规划行政主管部门负责燃气建设项目的规划选址等工作;", "(一)", 3),
    ("——全员劳动生产率增长8%左右;", None, None),
])
def test_outline_labels_and_levels(line, label, level):
    (printed,) = excerpt(line)
    got = outline(printed)
    assert (got[:2] if got else (None, None)) == (label, level)


def test_cells_of_tab_separated_rows_only():
    lines = excerpt_lines(FORM)
    assert cells(lines[2]) == ["整改投资额", "", "完成时间", ""]
    assert cells(excerpt_lines("第51号")[0]) is None


def test_table_rows_take_label_rows_beside_real_rows():
    lines = excerpt_lines(FORM)
    assert table_rows(lines, 0, len(lines) - 1) >= {1, 2, 3, 4, 5, 6}


def test_a_form_of_label_rows_is_one_table_from_its_first_row():
    lines = excerpt_lines(FORM)
    assert table_rows(lines, 0, len(lines) - 1) == set(range(7))


def _document(text: str):
    """The first document of an excerpt, as the parse reads it."""
    return state_after("documents", text).documents[0]


def test_a_table_header_repeated_after_a_page_break_is_dropped():
    doc = _document(TABLE_ATTACHMENT)
    (table,) = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    headers = [row for row in table.rows if row[0] == "序号"]
    assert len(headers) == 1 and [row[0] for row in table.rows] == ["序号", "1", "", "2", "", "", "3"]
    assert table.start_line == index_of(excerpt_lines(TABLE_ATTACHMENT), "序号\t重点工作\t目标任务\t完成时间\t责任部门") + 1


def _head_roles(text: str) -> dict[str, BlockKind]:
    """Line text → the role head_roles gives it, for the first document of an excerpt."""
    state = state_after("documents", text)
    lines, head = state.lines, state.heads[0]
    number = number_line_of(lines, head)
    date_idx, _, _ = fields.signature_block(lines, number + 1, len(lines) - 1)
    return {lines[i].text: kind for i, kind in head_roles(lines, head, number, date_idx).items()}


def test_head_roles_mark_title_number_date_and_signature():
    roles = _head_roles(PRE_TITLE_NOTICE)
    assert roles == {"绍兴市人民政府工作规则": BlockKind.ENCLOSED_TITLE,
                     "绍兴市人民政府关于印发 绍兴市人民政府工作规则的通知": BlockKind.TITLE,
                     "绍政发〔2017〕8号": BlockKind.DOC_NUMBER,
                     "绍兴市人民政府": BlockKind.SIGNATURE, "2017年4月18日": BlockKind.DATE}


def test_head_roles_of_an_order_and_its_person_signature():
    roles = _head_roles(QUZHOU_ORDER)
    assert roles == {"衢州市人民政府令": BlockKind.DOC_NUMBER, "第51号": BlockKind.DOC_NUMBER,
                     "代市长 汤飞帆": BlockKind.SIGNATURE, "2018年2月21日": BlockKind.DATE}


@pytest.mark.parametrize("text", [JIAXING_ISSUE, PRE_TITLE_NOTICE, QUZHOU_ORDER, SPLIT_TITLE_NOTICE, TABLE_ATTACHMENT],
                         ids=["jiaxing", "pre-title", "order", "split-title", "table"])
def test_build_blocks_holds_every_line_of_the_document_once(text):
    issue = parse_text(excerpt_text(text))
    assert uncovered_block_lines(issue, excerpt(text)) == []


def test_build_blocks_of_an_order():
    doc = _document(QUZHOU_ORDER)
    assert [(b.kind, b.label) for b in doc.blocks] == [
        (BlockKind.DOC_NUMBER, ""), (BlockKind.DOC_NUMBER, ""), (BlockKind.PARAGRAPH, ""),
        (BlockKind.SIGNATURE, ""), (BlockKind.DATE, ""), (BlockKind.ENCLOSED_TITLE, ""),
        (BlockKind.PARAGRAPH, "第一条")]


def test_build_blocks_is_the_first_rule_whose_test_holds_at_each_line():
    state = state_after("documents", SPLIT_TITLE_NOTICE)
    lines, head, doc = state.lines, state.heads[0], state.documents[0]
    number = number_line_of(lines, head)
    date_idx, _, _ = fields.signature_block(lines, number + 1, doc.end_line - 1)
    assert build_blocks(lines, head, number, date_idx, doc.end_line - 1, doc) == doc.blocks
    body = BodyState.of(lines, head, number, date_idx, doc.end_line - 1, doc)
    chosen = [next(name for name in BLOCK_RULES.names() if BLOCK_RULES[name].test(body, lines.index(line)))
              for line in lines if line.no in {b.start_line for b in doc.blocks}]
    assert chosen == ["title", "head_role", "paragraph", "heading", "paragraph"]


def test_a_heading_is_short():
    (line,) = excerpt("(一)市本级(8家):市规划局、市卫生计生委、市综合执法局、市公安局交警支队衢江大队、"
                      "市通信发展办公室、市经信委、市交通运输局、国网衢州供电公司。")
    assert outline(line) and len(line) > MAX_HEADING_CHARS
