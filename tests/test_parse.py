"""The parser on small real excerpts: one layout trap per test."""

from pathlib import Path

import pytest

from generator.model import BlockKind, GazetteError
from generator.parse import parse_file, parse_text

DATA = Path(__file__).parent / "data"


def test_markdown_masthead_toc_and_first_document():
    issue = parse_file(DATA / "shaoxing-head-excerpt.txt")
    assert (issue.name, issue.region, issue.year, issue.issue, issue.total_issue) == \
        ("绍兴市人民政府公报", "绍兴市", 2017, "第04期", 270)
    # TOC: titles and 〔〔number〕〕 ..... (page) on separate lines, 【sections】 as ### headings
    first = issue.toc[0]
    assert (first.title, first.doc_number, first.page, first.section) == \
        ("绍兴市人民政府关于市政府领导分工的通知", "绍政发〔2017〕7号", 1, "市政府文件")
    assert [e.section for e in issue.toc].count("市政府办公室文件") == 5
    doc = issue.documents[0]
    assert doc.title == "绍兴市人民政府关于市政府领导分工的通知"   # layout space removed
    assert (doc.start_line, doc.end_line) == (52, 116)
    assert doc.date.isoformat() == "2017-04-15" and doc.issuers == ["绍兴市人民政府"]


def test_enclosed_title_above_the_notice_belongs_to_the_notice():
    issue = parse_file(DATA / "shaoxing-head-excerpt.txt")
    notice = issue.documents[1]
    assert notice.start_line == 118          # '### 绍兴市人民政府工作规则' above the title (120)
    assert notice.title == "绍兴市人民政府关于印发绍兴市人民政府工作规则的通知"
    assert notice.enclosed_titles == ["绍兴市人民政府工作规则"]
    assert issue.documents[0].end_line == 116


def test_government_order_head_and_person_signature():
    issue = parse_file(DATA / "quzhou-order-excerpt.txt")
    assert (issue.name, issue.issue, issue.total_issue, issue.published) == ("衢州政報", "第3、4期", 105, "2018-05")
    order = issue.documents[0]
    assert order.doc_number == "衢州市人民政府令第51号"
    assert order.title == "衢州市燃气管理办法"                     # the regulation it promulgates
    assert order.issuers == ["衢州市人民政府"]                    # signed by 代市长 汤飞帆, a person
    assert order.date.isoformat() == "2018-02-21"
    assert order.doc_type == "令"
    articles = [b for b in order.blocks if b.label.startswith("第") and b.label.endswith("条")]
    assert articles[0].label == "第一条" and len(articles) >= 5


def test_issuer_on_its_own_line_above_a_title_starting_with_guanyu():
    issue = parse_file(DATA / "quzhou-split-title-excerpt.txt")
    doc = issue.documents[0]
    assert doc.title == "衢州市人民政府办公室关于2017年度全市小城镇环境综合整治工作先进集体和先进个人的通报"
    assert doc.doc_number == "衢政办发〔2018〕17号"
    assert doc.date.isoformat() == "2018-03-22"
    # a document at the start of an excerpt still has all its lines: the table rows before it
    # belong to the previous (cut) document's region, not to this one
    assert doc.start_line == 8


def test_dispatch_list_is_data_not_a_document():
    text = (DATA / "jiaxing-dispatch-excerpt.txt").read_text(encoding="utf-8")
    head = ("嘉兴市人民政府办公室关于印发 2017年嘉兴市政务公开工作要点的通知\n\n"
            "嘉政办发〔2017〕37号\n\n各县(市、区)人民政府,市政府各部门、直属各单位:\n\n")
    issue = parse_text(head + text)
    assert len(issue.documents) == 1
    assert issue.published == "2017-05"
    assert len(issue.dispatch_list) == 11
    assert issue.dispatch_list[0].doc_number == "嘉政发〔2017〕11号"
    assert issue.regions[-1].kind == "dispatch_list"


def test_body_structure_tables_headings_signature():
    issue = parse_file(DATA / "shaoxing-head-excerpt.txt")
    doc = issue.documents[0]
    kinds = [b.kind for b in doc.blocks]
    assert kinds[:2] == [BlockKind.TITLE, BlockKind.DOC_NUMBER]
    assert BlockKind.SIGNATURE in kinds and kinds[-1] in (BlockKind.DATE, BlockKind.PARAGRAPH)
    # a sentence broken across a blank line at a page break is one paragraph again (lines 78/80)
    para = next(b for b in doc.blocks if b.start_line <= 78 <= b.end_line)
    assert para.end_line >= 80


def test_stray_html_becomes_text():
    text = ("关于规范殡仪服务收费管理的通知\n\n衢发改价〔2018〕8号\n\n"
            "各县(市、区)发展改革局:\n\n<p>是否需要</p> <input type=\"checkbox\"/>是 <input type=\"checkbox\"/>否\n")
    doc = parse_text(text).documents[0]
    body = " ".join(b.text for b in doc.blocks)
    assert "☐是 ☐否" in body and "<" not in body


def test_text_that_is_not_a_gazette_is_one_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n\n今天开会讨论了三件事。\n", encoding="utf-8")
    with pytest.raises(GazetteError, match=r"notes\.txt: no-document：没有找到任何公文"):
        parse_file(path)


def _one_document(body_lines):
    head = "绍兴市人民政府关于市政府领导分工的通知\n\n绍政发〔2017〕7号\n\n各区、县(市)人民政府,市政府各部门、各单位:\n\n"
    return parse_text(head + "\n".join(body_lines) + "\n\n绍兴市人民政府\n\n2017年4月15日\n").documents[0]


def test_a_tab_indented_line_is_a_paragraph_not_a_table():
    doc = _one_document(["\t现将新一届市政府领导班子分工通知如下:"])
    para = next(b for b in doc.blocks if "现将" in b.text)
    assert para.kind == BlockKind.PARAGRAPH and para.text == "现将新一届市政府领导班子分工通知如下:"


def test_markdown_pipe_table_and_label_rows_are_one_table():
    doc = _one_document(["| 序号 | 重点工作 | 责任部门 |", "| --- | --- | --- |", "| 1 | 推进“最多跑一次” | 市审管办 |",
                         "", "整改内容及完成情况\t\t\t", "县(市、区)初审意见\t\t\t"])
    tables = [b for b in doc.blocks if b.kind == BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].rows[0][:3] == ("序号", "重点工作", "责任部门")      # rows padded to the widest
    assert tables[0].rows[1][:3] == ("1", "推进“最多跑一次”", "市审管办")
    assert tables[0].rows[-1][0] == "县(市、区)初审意见"
