"""The issue-level parse stages (generator/parse/stages.py), each run alone on a real excerpt.

Every test runs the stages before the one it names (``state_before``), then that stage, and
checks what the stage added. ``@covers_stage`` records the names tested: a stage registered
without a test here fails ``test_every_registered_stage_has_a_test``.
"""

from __future__ import annotations

import pytest

from generator.model import GazetteError
from generator.parse import parse_text
from generator.parse.stages import STAGES, run_stages
from generator.parse.state import ParseState
from generator.sources import read_source

from .excerpts import (ENCLOSING, LEVELS as LEVELS_DIR, JIAXING_ISSUE, SHAOXING_ISSUE, excerpt, excerpt_text, index_of, source, state_after,
                       state_before)

TESTED: set[str] = set()


def covers_stage(name: str):
    """Mark a test as the test of stage ``name`` (which must be registered)."""
    assert name in STAGES, f"no stage {name!r}"
    TESTED.add(name)
    return lambda fn: fn


# tests/levels/state-council-1996-34.txt lines 138-158 (国办函〔1996〕14号's head and its close, then the
# next 复函's head)
DOCUMENT_BEFORE_NOTE = """
国务院办公厅关于广东与香港、澳门合建

自动气象站网有关问题的复函

国办函〔1996〕14号

国务院办公厅

一九九六年二月六日

（本文有删减）

国务院办公厅关于黄金

经济政策有关问题的复函

国办函〔1996〕16号
"""



def test_the_stages_run_in_the_order_a_gazette_is_read():
    assert STAGES.names() == [
        "cleanse", "require_text", "toc", "furniture", "heads", "toc_only_heads", "note_heads", "require_documents",
        "one_issue",
        "back_matter", "masthead", "regions", "dispatch_list", "documents", "history", "pages", "infer_missing",
        "levels", "toc_consistency", "page_consistency", "dispatch_consistency", "decoding_notes", "ownership"]


def test_running_every_stage_is_parsing():
    text = excerpt_text(JIAXING_ISSUE)
    assert run_stages(ParseState.of(source(JIAXING_ISSUE, path="<text>"))).issue == parse_text(text)


@covers_stage("cleanse")
def test_cleanse_strips_converter_markup_and_keeps_line_numbers():
    state = state_after("cleanse", SHAOXING_ISSUE)
    assert len(state.lines) == state.issue.line_count == len(excerpt(SHAOXING_ISSUE))
    title = state.lines[index_of(state.lines, "# 绍兴市人民政府关于 市政府领导分工的通知")]
    assert (title.text, title.tight, title.heading) == \
        ("绍兴市人民政府关于 市政府领导分工的通知", "绍兴市人民政府关于市政府领导分工的通知", 1)
    assert [line.no for line in state.lines] == list(range(1, len(state.lines) + 1))


def test_cleanse_marks_what_a_pdf_printed_in_its_margins_as_furniture_even_in_the_toc():
    """A PDF's running head read inside the 目录 (a page break in it) must not join the next entry."""
    from dataclasses import replace

    paged = replace(source(PAGED_ISSUE), furniture=frozenset({1}))
    assert not state_after("cleanse", PAGED_ISSUE).lines[0].furniture
    line = state_after("cleanse", paged).lines[0]
    assert line.furniture and line.blank and line.raw == "目　　录"


@covers_stage("require_text")
def test_require_text_refuses_a_file_of_blank_lines_only():
    state = state_before("require_text", SHAOXING_ISSUE)
    STAGES["require_text"](state)                      # a gazette passes
    blank = state_before("require_text", "\n\n\n", path="blank.txt")
    with pytest.raises(GazetteError, match=r"blank\.txt: empty：文件是空的或只有空白"):
        STAGES["require_text"](blank)


@covers_stage("toc")
def test_toc_reads_sections_and_entries_and_where_documents_may_begin():
    state = state_after("toc", SHAOXING_ISSUE)
    assert state.lines[state.toc_head].tight == "目录"
    assert [(e.title, e.doc_number, e.page, e.section) for e in state.toc] == [
        ("绍兴市人民政府关于市政府领导分工的通知", "绍政发〔2017〕7号", 1, "市政府文件"),
        ("绍兴市人民政府关于印发绍兴市人民政府工作规则的通知", "绍政发〔2017〕8号", 2, "市政府文件")]
    assert state.lines[state.toc_last].text == "〔绍政发〔2017〕8号〕 ..... (2)"
    assert state.body_begin == state.toc_last + 1


def test_toc_leaves_a_gazette_without_one_to_begin_at_its_first_line():
    bare = excerpt_text(SHAOXING_ISSUE).split("## 目 录")[0] + excerpt_text(SHAOXING_ISSUE).split("(2)")[1]
    state = state_after("toc", bare)
    assert (state.toc_head, state.toc_last, state.body_begin, state.toc) == (None, None, 0, [])


@covers_stage("heads")
def test_heads_finds_each_title_over_its_doc_number():
    state = state_after("heads", JIAXING_ISSUE)
    assert [h.doc_number.canonical for h in state.heads] == ["嘉政发〔2017〕11号", "嘉政办发〔2017〕36号"]
    first = state.heads[0]
    assert state.lines[first.anchor].text == "嘉政发〔2017〕11 号"
    assert [state.lines[i].text for i in first.title] == ["嘉兴市人民政府关于下达 2017 年 嘉兴市国民经济和社会发展的通知"]
    assert first.start > state.body_begin


@covers_stage("toc_only_heads")
def test_toc_only_heads_finds_a_document_printed_without_its_number_by_its_toc_title():
    without_number = "\n".join(line for line in excerpt(SHAOXING_ISSUE) if line != "绍政发〔2017〕7号")
    state = state_after("heads", without_number)
    assert state.heads == []
    STAGES["toc_only_heads"](state)
    (head,) = state.heads
    assert head.doc_number is None
    assert state.lines[head.anchor].text == "绍兴市人民政府关于 市政府领导分工的通知"


# tests/levels/state-council-1996-34.txt lines 148-158: a 复函 closed by （本文有删减）, then the next
# 复函's title wrapped over two lines (its 发文字号 line is dropped below).
NOTE_THEN_TITLE = DOCUMENT_BEFORE_NOTE.split("国办函〔1996〕14号\n", 1)[1]


@covers_stage("note_heads")
def test_note_heads_finds_the_document_after_a_note_that_closes_a_text_enclosing_nothing():
    """What follows （本文有删减） after a 复函 is the next document, found by its title even where its
    发文字号 line is missing; with its number line it is found already and nothing is added."""
    without_number = "\n".join(line for line in excerpt(NOTE_THEN_TITLE) if line != "国办函〔1996〕16号")
    state = state_after("toc_only_heads", without_number)
    assert state.heads == []
    STAGES["note_heads"](state)
    assert state.heads == []              # no document owns the note: nothing closes a text here
    # the 复函 before the note, with its own head, closes a text that encloses nothing
    lines = [line for line in excerpt(DOCUMENT_BEFORE_NOTE) if line != "国办函〔1996〕16号"]
    state = state_after("toc_only_heads", "\n".join(lines))
    assert len(state.heads) == 1
    STAGES["note_heads"](state)
    first, found = state.heads
    assert found.doc_number is None
    assert [state.lines[i].text for i in found.title] == ["国务院办公厅关于黄金", "经济政策有关问题的复函"]
    state = state_after("toc_only_heads", excerpt_text(DOCUMENT_BEFORE_NOTE))
    assert len(state.heads) == 2
    STAGES["note_heads"](state)
    assert len(state.heads) == 2          # found by its number already


@covers_stage("note_heads")
def test_after_a_notice_that_encloses_a_text_the_note_is_followed_by_that_text():
    # tests/levels/state-council-2018-35.txt: 国办函〔2018〕71号 印发s 《政府网站集约化试点工作方案》
    state = state_after("toc_only_heads", excerpt_text(ENCLOSING + "\n政府网站集约化试点工作方案\n"))
    heads = list(state.heads)
    STAGES["note_heads"](state)
    assert state.heads == heads


@covers_stage("history")
def test_history_reads_the_events_under_a_regulations_title_into_its_document():
    """tests/levels/state-council-2018-35.txt: the history line under 专利代理条例, as 国务院公报 prints it."""
    text = (LEVELS_DIR / "state-council-2018-35.txt").read_text(encoding="utf-8")
    state = state_after("documents", source(text, path="state-council-2018-35.txt"))
    assert all(d.history == [] for d in state.issue.documents)
    STAGES["history"](state)
    patents = next(d for d in state.issue.documents if d.doc_number == "国务院令第706号")
    assert [(e.action, e.doc_number) for e in patents.history] == [("发布", "国务院令第76号"), ("修订通过", None)]
    assert patents.history[0].line == next(i for i, line in enumerate(text.splitlines(), start=1)
                                           if line.startswith("（1991年3月4日"))


@covers_stage("require_documents")
def test_require_documents_refuses_text_without_any_document_head():
    paragraphs = excerpt("""
现将新一届市政府领导班子分工通知如下:

**马卫光** 领导市政府全面工作。负责财政、审计、机构编制等方面工作。

分管市编办、市财政局(市地税局)、市审计局。
""")
    state = state_before("require_documents", "\n".join(paragraphs), path="notes.txt")
    with pytest.raises(GazetteError, match=r"notes\.txt: no-document：没有找到任何公文"):
        STAGES["require_documents"](state)
    STAGES["require_documents"](state_before("require_documents", SHAOXING_ISSUE))    # a gazette passes


@covers_stage("one_issue")
def test_one_issue_refuses_a_second_issue_pasted_after_the_first():
    once = excerpt(SHAOXING_ISSUE)
    state = state_before("one_issue", "\n".join(once + once), path="twice.txt")
    second_toc = len(once) + once.index("## 目 录") + 1
    with pytest.raises(GazetteError, match=rf"twice\.txt:{second_toc}: second-issue：从此行起是第二期公报"):
        STAGES["one_issue"](state)


@covers_stage("back_matter")
def test_back_matter_starts_at_the_colophon_or_the_dispatch_list():
    state = state_after("back_matter", SHAOXING_ISSUE)
    assert state.lines[state.back_start].text == "主办单位：绍兴市人民政府办公室"
    assert state.dispatch_idx is None
    state = state_after("back_matter", JIAXING_ISSUE)
    assert state.lines[state.dispatch_idx].text == "2017 年 5 月份市政府、市政府办公室发文目录"
    assert state.back_start == state.dispatch_idx        # no colophon before it


@covers_stage("masthead")
def test_masthead_reads_the_cover_and_warns_when_there_is_none():
    issue = state_after("masthead", SHAOXING_ISSUE).issue
    assert (issue.name, issue.region, issue.year, issue.issue, issue.total_issue, issue.warnings) == \
        ("绍兴市人民政府公报", "绍兴市", 2017, "第04期", 270, [])
    issue = state_after("masthead", JIAXING_ISSUE).issue                # starts at its TOC
    assert (issue.name, issue.region, issue.year) == (None, None, None)
    assert [w.code for w in issue.warnings] == ["no-masthead"]


# tests/levels/state-council-1996-34.txt lines 1-8 and 2006-28 lines 1-7: the masthead of a national
# gazette, on one line with 总号 in brackets, and split over two lines with 总号 alone.
NATIONAL_COVERS = [("""
中华人民共和国国务院公报

1996年第34号（总号：848）

中华人民共和国国务院办公厅编印
""", ("中华人民共和国国务院公报", "全国", 1996, "第34号", 848)), ("""
中华人民共和国
国务院公报

2006年第28号
总号：1203
""", ("中华人民共和国国务院公报", "全国", 2006, "第28号", 1203))]


@pytest.mark.parametrize("cover, want", NATIONAL_COVERS)
def test_masthead_of_a_national_gazette(cover, want):
    from generator.parse.masthead import read_masthead
    from .excerpts import excerpt_lines
    mh = read_masthead(excerpt_lines(cover))
    assert (mh.name, mh.region, mh.year, mh.issue, mh.total_issue) == want


def test_a_province_gazette_named_by_its_short_name():
    from generator.parse.masthead import region_of_name
    assert region_of_name("浙江政报") == "浙江省" and region_of_name("浙江省人民政府公报") == "浙江省"
    assert region_of_name("衢州政報") == "衢州市"


# tests/levels/state-council-2006-28.txt lines 361-372 (a page break inside a title) and 431 (the
# running head of another page).
TITLE_ACROSS_A_PAGE = """
国务院关于同意组建2008年北京奥运会

国务院公报 2006·28　　国务院文件　　5

首都国际机场协调委员会的批复

国函〔2006〕38号

民航总局：

国务院公报 2006·28　　国务院文件　　6
"""


@covers_stage("furniture")
def test_furniture_reads_blank_so_a_running_head_never_cuts_a_title():
    state = state_after("furniture", TITLE_ACROSS_A_PAGE)
    marked = [l.raw for l in state.lines if l.furniture]
    assert marked == ["国务院公报 2006·28　　国务院文件　　5", "国务院公报 2006·28　　国务院文件　　6"]
    STAGES["heads"](state)
    assert [state.lines[i].tight for i in state.heads[0].title] == ["国务院关于同意组建2008年北京奥运会",
                                                                      "首都国际机场协调委员会的批复"]


@covers_stage("regions")
def test_regions_cover_every_line_outside_the_documents():
    state = state_after("regions", SHAOXING_ISSUE)
    assert [(r.kind, r.start_line, r.end_line) for r in state.regions] == \
        [("cover", 1, 8), ("toc", 10, 20), ("colophon", 36, 41)]
    state = state_after("regions", JIAXING_ISSUE)
    assert [r.kind for r in state.regions] == ["toc", "dispatch_list"]


@covers_stage("dispatch_list")
def test_dispatch_list_is_read_as_data_and_dates_the_issue():
    issue = state_after("dispatch_list", JIAXING_ISSUE).issue
    assert [(e.doc_number, e.title) for e in issue.dispatch_list] == [
        ("嘉政发〔2017〕11号", "嘉兴市人民政府关于下达 2017 年嘉兴市国民经济和社会发展规划的通知"),
        ("嘉政办发〔2016〕36号", "嘉兴市人民政府办公室关于印发 2017 年嘉兴市城市道路交通治堵工作方案的通知")]
    assert issue.published == "2017-05"                  # from 2017 年 5 月份…发文目录
    assert state_after("dispatch_list", SHAOXING_ISSUE).issue.dispatch_list == []


@covers_stage("documents")
def test_documents_run_from_each_head_to_the_next_or_to_the_back_matter():
    docs = state_after("documents", JIAXING_ISSUE).documents
    assert [(d.doc_number, d.start_line, d.end_line, str(d.date), d.issuers) for d in docs] == [
        ("嘉政发〔2017〕11号", 15, 24, "2017-05-16", ["嘉兴市人民政府"]),
        ("嘉政办发〔2017〕36号", 26, 37, "2017-05-22", ["嘉兴市人民政府办公室"])]
    assert docs[1].enclosed_titles == ["2017年嘉兴市城市道路交通治堵工作方案"]
    assert [d.section for d in docs] == ["市政府文件", "市政府办公室文件"]


# tests/levels/state-council-2006-28.txt lines 10, 17, 19 (the TOC entry of 国函〔2006〕38号) over the
# title across a page: the document starts on the page whose running head prints 5, as its TOC says.
PAGED_ISSUE = """
目　　录

【国务院文件】

国务院关于同意组建2008年北京奥运会首都国际机场协调委员会的批复．．．．．．．．．．（5）
""" + TITLE_ACROSS_A_PAGE
# the pages a PDF of it would have: the TOC, the page numbered 5 (lines 7-16), the page numbered 6;
# the running heads found in the page margins


def paged(starts: tuple[int, ...] = (1, 7, 17)):
    from dataclasses import replace

    return replace(source(PAGED_ISSUE), page_starts=starts, furniture=frozenset({9, 17}))


@covers_stage("pages")
def test_pages_gives_each_document_its_pdf_page_and_the_number_printed_on_it():
    state = state_before("pages", paged())
    STAGES["pages"](state)
    (doc,) = state.documents
    assert (doc.start_line, doc.pdf_page, doc.printed_page, doc.toc_page) == (7, 2, 5, 5)
    plain = state_after("pages", paged(())).documents[0]       # a text without pages knows none
    assert (plain.start_line, plain.pdf_page, plain.printed_page) == (7, None, None)


@covers_stage("page_consistency")
def test_page_consistency_warns_where_the_toc_page_is_not_the_printed_one():
    state = state_before("page_consistency", paged())
    STAGES["page_consistency"](state)
    assert [w for w in state.documents[0].warnings if w.code == "toc-page-differs"] == []
    state = state_before("page_consistency", paged((1, 7, 9, 17)))
    STAGES["page_consistency"](state)                # the title's page prints no number: nothing to check
    assert state.documents[0].printed_page is None
    assert [w for w in state.documents[0].warnings if w.code == "toc-page-differs"] == []
    state = state_before("page_consistency", paged((1, 7, 11, 17)))
    state.documents[0].printed_page = 6              # as if the page it starts on were numbered 6
    STAGES["page_consistency"](state)
    (warning,) = [w for w in state.documents[0].warnings if w.code == "toc-page-differs"]
    assert warning.line == 7 and "目录所印页码为第5页" in warning.message and "所印页码却是6" in warning.message


@covers_stage("infer_missing")
def test_infer_missing_takes_region_and_year_from_the_documents_without_a_masthead():
    state = state_before("infer_missing", JIAXING_ISSUE)
    assert (state.issue.region, state.issue.year) == (None, None)
    STAGES["infer_missing"](state)
    assert (state.issue.region, state.issue.year) == ("嘉兴市", 2017)


@covers_stage("levels")
def test_levels_reads_each_documents_level_from_its_issuer_and_region_from_its_gazette():
    state = state_before("levels", JIAXING_ISSUE)
    assert all(d.level is None and d.region is None for d in state.issue.documents)
    STAGES["levels"](state)
    docs = state.issue.documents
    assert {(d.level, d.region) for d in docs} == {("市", "嘉兴市")}
    assert all(d.issuers for d in docs)


@covers_stage("toc_consistency")
def test_toc_consistency_warns_of_an_entry_without_a_document():
    state = state_after("toc_consistency", SHAOXING_ISSUE)
    assert [(w.code, w.line) for w in state.issue.warnings] == [("toc-entry-unmatched", 18)]
    # the 发文目录's own TOC entry is no document, and needs none
    assert state_after("toc_consistency", JIAXING_ISSUE).issue.warnings[1:] == []


@covers_stage("dispatch_consistency")
def test_dispatch_consistency_warns_where_the_dispatch_list_prints_a_document_differently():
    state = state_before("dispatch_consistency", JIAXING_ISSUE)
    STAGES["dispatch_consistency"](state)
    first, second = state.documents
    assert [(w.code, w.line) for w in first.warnings if w.code.startswith("dispatch")] == \
        [("dispatch-title-differs", 41)]
    assert [(w.code, w.line, w.message) for w in second.warnings] == \
        [("dispatch-number-differs", 43, "发文目录所印发文字号为 嘉政办发〔2016〕36号")]


@covers_stage("decoding_notes")
def test_decoding_notes_become_warnings_at_the_end_of_the_file(tmp_path):
    data = excerpt_text(SHAOXING_ISSUE).encode("utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_bytes(data[:data.index("编辑室".encode("utf-8")) + 8])    # a file cut inside 室
    src = read_source(cut)
    state = state_before("decoding_notes", src)
    STAGES["decoding_notes"](state)
    (warning,) = [w for w in state.issue.warnings if w.code == "decoding"]
    assert warning.line == len(src.lines) and "残缺的字符" in warning.message


@covers_stage("ownership")
def test_ownership_reports_lines_that_no_document_or_region_owns():
    state = state_before("ownership", SHAOXING_ISSUE)
    before = list(state.issue.warnings)
    STAGES["ownership"](state)
    assert state.issue.warnings == before                 # every line owned once
    state = state_before("ownership", SHAOXING_ISSUE)
    state.issue.regions = [r for r in state.regions if r.kind != "colophon"]
    STAGES["ownership"](state)
    assert [w.line for w in state.issue.warnings if w.code == "orphan-line"] == list(range(36, 42))


def test_every_registered_stage_has_a_test():
    assert set(STAGES.names()) == TESTED
