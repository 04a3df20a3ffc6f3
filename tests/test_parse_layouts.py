"""Layouts the sample gazettes do not all show, built from their real text.

Each test rearranges a real excerpt the way another gazette office prints it,
and checks the parser reads it the same way: the rules are about official
document conventions, never about one file.
"""

from pathlib import Path

import pytest

from generator.model import GazetteError
from generator.parse import parse_text

ROOT = Path(__file__).resolve().parents[1]
SHAOXING = (ROOT / "gazettes" / "shaoxing-2017-04.txt").read_text(encoding="utf-8").split("\n")


def lines(a, b):
    """Lines a..b (1-based, inclusive) of shaoxing-2017-04.txt."""
    return SHAOXING[a - 1:b]


def test_number_printed_above_the_title():
    doc = lines(52, 116)
    text = "\n".join([doc[2], "", doc[0], ""] + doc[3:])       # 绍政发〔2017〕7号 first, then the title
    issue = parse_text(text)
    d = issue.documents[0]
    assert (d.doc_number, d.title) == ("绍政发〔2017〕7号", "绍兴市人民政府关于市政府领导分工的通知")
    assert d.start_line == 1 and d.date.isoformat() == "2017-04-15"


def test_signer_beside_the_number_and_labelled_number():
    doc = lines(52, 116)
    for printed in ("绍政发〔2017〕7号　　签发人：马卫光", "文号：绍政发〔2017〕7号"):
        issue = parse_text("\n".join([doc[0], "", printed] + doc[3:]))
        assert issue.documents[0].doc_number == "绍政发〔2017〕7号"


def test_document_without_a_number_is_found_by_its_toc_title():
    # the TOC lists both documents; the second is printed without its 发文字号 line
    body = lines(52, 116) + [""] + [l for l in lines(118, 219) if l.strip() != "绍政发〔2017〕8号"]
    text = "\n".join(lines(1, 24) + [""] + body)
    issue = parse_text(text)
    titles = [d.title for d in issue.documents]
    assert titles == ["绍兴市人民政府关于市政府领导分工的通知", "绍兴市人民政府关于印发绍兴市人民政府工作规则的通知"]
    second = issue.documents[1]
    assert second.doc_number is None and second.toc_page == 2 and second.date.isoformat() == "2017-04-18"


def test_toc_number_alone_on_its_line_with_page_on_the_next():
    toc = ["目 录", "", "【市政府文件】", "", "绍兴市人民政府关于市政府领导分工的通知", "〔绍政发〔2017〕7号〕", "(1)", ""]
    issue = parse_text("\n".join(toc + lines(52, 116)))
    assert [(e.doc_number, e.page) for e in issue.toc] == [("绍政发〔2017〕7号", 1)]
    assert len(issue.documents) == 1 and issue.documents[0].section == "市政府文件"


def test_chinese_numeral_date():
    doc = lines(52, 116)
    doc[-1] = "二〇一七年四月十五日"
    assert parse_text("\n".join(doc)).documents[0].date.isoformat() == "2017-04-15"


def test_gazette_repeated_in_one_file_is_refused_with_the_line():
    once = lines(1, 116)
    with pytest.raises(GazetteError) as err:
        parse_text("\n".join(once + once), "twice.txt")
    assert str(err.value).startswith("twice.txt:130: second-issue：从此行起是第二期公报")


def test_truncated_in_the_middle_of_a_document_keeps_what_is_there():
    issue = parse_text("\n".join(lines(1, 150)))
    last = issue.documents[-1]
    assert last.doc_number == "绍政发〔2017〕8号" and last.end_line == 149
    assert any(w.code == "toc-entry-unmatched" for w in issue.warnings)   # docs 3-8 listed, not printed


def test_toc_without_page_numbers():
    toc = ["目 录", "", "【市政府文件】", "", "绍兴市人民政府关于市政府领导分工的通知（绍政发〔2017〕7号）",
           "绍兴市人民政府关于印发绍兴市人民政府工作规则的通知", "（绍政发〔2017〕8号）", ""]
    issue = parse_text("\n".join(toc + lines(52, 219)))
    assert [(e.doc_number, e.page) for e in issue.toc] == [("绍政发〔2017〕7号", None), ("绍政发〔2017〕8号", None)]
    assert [d.section for d in issue.documents] == ["市政府文件", "市政府文件"]
    assert issue.regions[0].kind == "toc"


def test_order_head_on_one_line_and_bracketed_number_line():
    quzhou = (ROOT / "gazettes" / "quzhou-2018-03-04.txt").read_text(encoding="utf-8").split("\n")
    order = quzhou[109:232]                       # 衢州市人民政府令 / 第51号 … 衢州市燃气管理办法
    order[0:3] = ["衢州市人民政府令第51号"]
    notice = quzhou[233:248]                      # 衢政发〔2018〕11号, its number line bracketed
    notice[2] = "(衢政发〔2018〕11号)"
    issue = parse_text("\n".join(order + [""] + notice))
    assert [d.doc_number for d in issue.documents] == ["衢州市人民政府令第51号", "衢政发〔2018〕11号"]
    assert issue.documents[0].title == "衢州市燃气管理办法"
    assert issue.documents[0].date.isoformat() == "2018-02-21"


@pytest.mark.parametrize("cover, name, year, issue", [
    (["绍兴市人民政府公报", "", "2017年第4期（总第270期）"], "绍兴市人民政府公报", 2017, "第4期"),
    (["绍兴市人民政府", "公报", "", "2017", "第四期"], "绍兴市人民政府公报", 2017, "第四期"),
])
def test_masthead_variants(cover, name, year, issue):
    parsed = parse_text("\n".join(cover + [""] + lines(52, 116)))
    assert (parsed.name, parsed.region, parsed.year, parsed.issue) == (name, "绍兴市", year, issue)


def test_attachments_labelled_one_per_line():
    doc = lines(360, 492)
    k = doc.index("附件:绍兴市“最多跑一次”改革重点工作清单")
    doc[k:k + 1] = ["附件1:绍兴市“最多跑一次”改革重点工作清单", "附件2:绍兴市“最多跑一次”改革任务分解表"]
    d = parse_text("\n".join(doc)).documents[0]
    assert d.attachments == ["绍兴市“最多跑一次”改革重点工作清单", "绍兴市“最多跑一次”改革任务分解表"]


def test_enclosed_title_wrapped_over_two_lines_after_the_date():
    doc = lines(362, 492)                         # the notice without the heading printed above it
    k = doc.index("2017年3月27日") + 1
    doc[k:k] = ["", "绍兴市加快推进“最多跑一次”", "改革实施方案"]
    d = parse_text("\n".join(doc)).documents[0]
    assert d.enclosed_titles == ["绍兴市加快推进“最多跑一次”改革实施方案"]


def test_gazette_with_a_one_entry_toc_repeated_is_refused():
    once = lines(1, 20) + [""] + lines(52, 116)          # masthead, 目录 with one entry, its document
    with pytest.raises(GazetteError, match="second-issue：从此行起是第二期公报"):
        parse_text("\n".join(once + once), "twice.txt")
