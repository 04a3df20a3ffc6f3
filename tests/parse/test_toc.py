"""The table of contents reader (generator/parse/toc.py) on real 目录 pages.

Each gazette office wraps its entries its own way: Quzhou puts title, number and page on one
line, or the number (and page) on the next line, or the page alone on the line after; Shaoxing
prints the number in an extra bracket under the title; Jiaxing bullets every entry.
"""

from __future__ import annotations

import pytest

from generator.model import GazetteError
from generator.parse.lines import cleanse
from generator.parse.segment import find_heads
from generator.parse.toc import (add_toc_only_heads, find_toc_head, head_title, parse_toc,
                                 refuse_second_issue)

from .excerpts import JIAXING_ISSUE, QUZHOU_ORDER, SHAOXING_ISSUE, excerpt, excerpt_lines, index_of

# quzhou-2018-03-04.txt lines 15-25 (three layouts of an entry), 56-60 (a ● section) and 110-112,
# the order head that begins the first document (and so ends the TOC).
QUZHOU_TOC = """
目 录

- 市政府令
衢州市燃气管理办法(衢州市人民政府令第51号)..... 1
- 市政府文件
关于同意在江山市城区实施衢州市市区电动自行车管理规定的批复
(衢政发[2018]11号)..... 4
关于2017年度衢州市市长特别奖获奖企业的通报(衢政发[2018]13号)
..... 4
关于下达2018年衢州市国民经济和社会发展计划的通知
(衢政发[2018]14号)..... 6

●机构与人事

关于应建忠等同志免职的通知(衢政干[2018]4 号) 92

关于麻超同志免职的通知(衢政干[2018]5 号) 92

衢州市人民政府令

第51号
"""

# quzhou-2018-03-04.txt line 84: an entry whose title ends in (试行).
TRIAL_ENTRY = """
衢州市电力用户信用管理办法(试行)(衢发改发[2018]23 号) 139
"""


def _entries(text: str) -> tuple[list, int, list]:
    lines = excerpt_lines(text)
    head = find_toc_head(lines)
    entries, last = parse_toc(lines, head, len(lines))
    return entries, last, lines


def test_find_toc_head_finds_the_mulu_line_with_or_without_markup():
    assert find_toc_head(excerpt_lines(QUZHOU_TOC)) == 0                     # 目 录
    lines = excerpt_lines(SHAOXING_ISSUE)
    assert find_toc_head(lines) == index_of(lines, "## 目 录")
    assert find_toc_head(lines, limit=5) is None                            # only looked for near the start


def test_entries_wrapped_every_way_read_the_same():
    entries, _, _ = _entries(QUZHOU_TOC)
    assert [(e.title, e.doc_number, e.page, e.section) for e in entries] == [
        ("衢州市燃气管理办法", "衢州市人民政府令第51号", 1, "市政府令"),                 # all on one line
        ("关于同意在江山市城区实施衢州市市区电动自行车管理规定的批复", "衢政发〔2018〕11号", 4, "市政府文件"),
        ("关于2017年度衢州市市长特别奖获奖企业的通报", "衢政发〔2018〕13号", 4, "市政府文件"),  # page alone below
        ("关于下达2018年衢州市国民经济和社会发展计划的通知", "衢政发〔2018〕14号", 6, "市政府文件"),
        ("关于应建忠等同志免职的通知", "衢政干〔2018〕4号", 92, "机构与人事"),             # ● section
        ("关于麻超同志免职的通知", "衢政干〔2018〕5号", 92, "机构与人事")]
    wrapped = entries[1]
    assert (wrapped.start_line, wrapped.end_line) == (6, 7)


def test_the_toc_ends_where_a_document_head_begins():
    entries, last, lines = _entries(QUZHOU_TOC)
    assert lines[last].text == "关于麻超同志免职的通知(衢政干[2018]5 号) 92"
    assert lines[last + 2].text == "衢州市人民政府令"


def test_bracketed_numbers_and_bulleted_entries():
    entries, _, _ = _entries(SHAOXING_ISSUE)
    assert [(e.doc_number, e.page) for e in entries] == [("绍政发〔2017〕7号", 1), ("绍政发〔2017〕8号", 2)]
    entries, _, _ = _entries(JIAXING_ISSUE)
    assert [(e.doc_number, e.page, e.section) for e in entries] == [
        ("嘉政发〔2017〕11号", 1, "市政府文件"), ("嘉政办发〔2017〕36号", 24, "市政府办公室文件"),
        (None, 33, "市政府办公室文件")]                                     # the 发文目录's own entry


def test_a_bracketed_page_right_after_the_title():
    """The typesetter wraps 发文目录 (33) at the space and a PDF reader joins the lines again without
    it: a page number in brackets right after the title still closes the entry."""
    lines = excerpt(JIAXING_ISSUE)
    (last,) = [i for i, line in enumerate(lines) if line.endswith("发文目录 (33)")]
    lines[last] = lines[last].replace(" (33)", "(33)")
    read = cleanse(lines)
    entries, _ = parse_toc(read, find_toc_head(read), len(read))
    assert [(e.title, e.page) for e in entries][-1] == ("2017年5月份市政府、市政府办公室发文目录", 33)


def test_a_title_ending_in_a_parenthesis_keeps_it():
    entries, _, _ = _entries("目 录\n\n" + "\n".join(excerpt(TRIAL_ENTRY)))
    assert entries[0].title == "衢州市电力用户信用管理办法(试行)"


def test_head_title_of_an_order_is_the_regulation_it_promulgates():
    lines = excerpt_lines(QUZHOU_ORDER)
    (head,) = find_heads(lines, 0)
    assert head.is_order and head_title(lines, head) == "衢州市燃气管理办法"


def test_add_toc_only_heads_finds_by_title_only_what_no_number_found():
    lines = excerpt_lines("\n".join(line for line in excerpt(SHAOXING_ISSUE) if line != "绍政发〔2017〕7号"))
    toc, last = parse_toc(lines, find_toc_head(lines), len(lines))
    (head,) = add_toc_only_heads(lines, [], toc, last + 1)
    assert lines[head.anchor].text == "绍兴市人民政府关于 市政府领导分工的通知" and head.doc_number is None
    # with its number line the document is found already: nothing is added
    lines = excerpt_lines(SHAOXING_ISSUE)
    toc, last = parse_toc(lines, find_toc_head(lines), len(lines))
    heads = find_heads(lines, last + 1)
    assert add_toc_only_heads(lines, heads, toc, last + 1) == heads


def test_the_dispatch_list_entry_is_never_looked_for_as_a_document():
    lines = excerpt_lines(JIAXING_ISSUE)
    toc, last = parse_toc(lines, find_toc_head(lines), len(lines))
    heads = find_heads(lines, last + 1)
    assert len(add_toc_only_heads(lines, heads, toc, last + 1)) == 2


def test_refuse_second_issue_only_when_a_second_toc_has_entries():
    once = excerpt(SHAOXING_ISSUE)
    lines = excerpt_lines("\n".join(once))
    toc, _ = parse_toc(lines, find_toc_head(lines), len(lines))
    refuse_second_issue("one.txt", lines, index_of(lines, "绍政发〔2017〕7号"), toc)     # one issue: fine
    twice = excerpt_lines("\n".join(once + once))
    with pytest.raises(GazetteError, match="second-issue：从此行起是第二期公报"):
        refuse_second_issue("twice.txt", twice, index_of(twice, "绍政发〔2017〕7号"), toc)


# tests/levels/state-council-2005-20.txt lines 7-24: title, leaders and the page in half-width brackets,
# the doc number in full-width brackets below; the first document's head right after the TOC (organ
# line, title, its number in brackets too).
NUMBER_BELOW_TOC = """
目　录

国务院办公厅文件

国务院办公厅关于科技节水建议的复函 ..... (1)
（国办函〔2005〕21号）

国务院办公厅关于印发国家粮食应急预案的函 ..... (1)
（国办函〔2005〕57号）

国务院办公厅对全国政协十届三次会议第2741号提案的答复 ..... (5)
（国办函〔2005〕69号）

国务院办公厅

关于科技节水建议的复函

（国办函〔2005〕21号）
"""

# tests/levels/state-council-2018-35.txt lines 9-22: '⋯⋯' leaders and the page between middle dots.
DOTTED_PAGE_TOC = """
目　　录

【国务院办公厅文件】

国务院办公厅关于印发《政府网站集约化试点工作方案》的通知⋯⋯⋯⋯·1·
（国办函〔2018〕71号）

【国务院令】

专利代理条例⋯⋯⋯⋯·1·
（中华人民共和国国务院令第706号）

中华人民共和国个人所得税法实施条例⋯⋯⋯⋯·2·
（中华人民共和国国务院令第707号）
"""


def test_a_bracketed_number_under_an_entry_closed_by_its_page_belongs_to_it():
    entries, _, _ = _entries(NUMBER_BELOW_TOC)
    assert [(e.title, e.doc_number, e.page, e.section) for e in entries] == [
        ("国务院办公厅关于科技节水建议的复函", "国办函〔2005〕21号", 1, "国务院办公厅文件"),
        ("国务院办公厅关于印发国家粮食应急预案的函", "国办函〔2005〕57号", 1, "国务院办公厅文件"),
        ("国务院办公厅对全国政协十届三次会议第2741号提案的答复", "国办函〔2005〕69号", 5, "国务院办公厅文件")]
    assert (entries[0].start_line, entries[0].end_line) == (5, 6)     # the number's line is the entry's


def test_the_toc_ends_at_the_first_head_printed_like_an_entry():
    """The first head after the TOC looks like an entry (title, number in brackets, no page), but its
    number is an entry's read already: the TOC is over before it, its organ line (国务院办公厅, short
    like a section name) included."""
    entries, last, lines = _entries(NUMBER_BELOW_TOC)
    assert len(entries) == 3
    assert lines[last].text == "（国办函〔2005〕69号）"
    heads = find_heads(lines, last + 1)
    assert [lines[i].text for i in heads[0].title] == ["国务院办公厅", "关于科技节水建议的复函"]


def test_pages_between_middle_dots_and_order_numbers_below():
    entries, _, _ = _entries(DOTTED_PAGE_TOC)
    assert [(e.title, e.doc_number, e.page, e.section) for e in entries] == [
        ("国务院办公厅关于印发《政府网站集约化试点工作方案》的通知", "国办函〔2018〕71号", 1, "国务院办公厅文件"),
        ("专利代理条例", "国务院令第706号", 1, "国务院令"),
        ("中华人民共和国个人所得税法实施条例", "国务院令第707号", 2, "国务院令")]


@pytest.mark.parametrize("printed, page", [
    ("专利代理条例⋯⋯⋯⋯·1·", 1), ("国务院办公厅关于科技节水建议的复函 ..... (1)", 1),
    ("国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知", None),
])
def test_page_forms_closing_an_entry(printed, page):
    from generator.parse.toc import page_end, page_of
    (line,) = excerpt(printed)
    m = page_end(line)
    assert (page_of(m) if m else None) == page


def test_a_decorated_page_alone_in_the_toc_is_the_toc_pages_furniture():
    """·1· alone between two entries is the TOC page's own number, never the start of an entry."""
    text = NUMBER_BELOW_TOC.replace("（国办函〔2005〕21号）\n", "（国办函〔2005〕21号）\n\n·1·\n", 1)
    entries, _, _ = _entries(text)
    assert [e.title for e in entries][:2] == ["国务院办公厅关于科技节水建议的复函", "国务院办公厅关于印发国家粮食应急预案的函"]


def test_an_entry_that_lost_its_page_does_not_end_the_toc():
    """quzhou-2018-03-04.txt with the page line of one entry dropped: that entry has no page, and
    every entry after it is still read."""
    lines = [line for line in excerpt(QUZHOU_TOC) if line != "..... 4"]
    entries, _, _ = _entries("\n".join(lines))
    assert [e.page for e in entries] == [1, 4, None, 6, 92, 92]

