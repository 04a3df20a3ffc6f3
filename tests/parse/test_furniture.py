"""Page furniture (generator/parse/furniture.py) on the test gazettes laid out from real text.

tests/levels/*.txt print running heads and page numbers the way each layout's truth notes say;
the rules must find exactly those, and nothing in the five sample gazettes, which print none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import BlockKind
from generator.parse import parse_file
from generator.parse.furniture import furniture_lines
from generator.parse.lines import cleanse
from generator.sources import read_source

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ROOT / "tests" / "levels"


def _lines(path: Path):
    return cleanse(read_source(path).lines)


def test_running_heads_and_rising_bare_page_numbers_of_a_pdf_conversion():
    lines = _lines(LEVELS / "state-council-2004-36.txt")
    found = furniture_lines(lines, 26, {"国务院文件", "国务院办公厅文件"})
    texts = [lines[i].text for i in sorted(found)]
    heads = {t for t in texts if not t.isdigit()}
    assert heads == {"国务院公报 2004·36", "国务院文件", "国务院办公厅文件"}
    pages = [int(t) for t in texts if t.isdigit()]
    assert pages == list(range(1, len(pages) + 1)) and len(pages) >= 17


def test_decorated_page_numbers_and_the_gazette_name_as_running_head():
    lines = _lines(LEVELS / "state-council-1996-34.txt")
    found = {lines[i].text for i in furniture_lines(lines, 30, {"国务院文件", "国务院办公厅文件"})}
    assert {"·1·", "·2·", "中华人民共和国国务院公报", "国务院办公厅文件"} <= found
    assert all(t.startswith("·") or t in ("中华人民共和国国务院公报", "国务院办公厅文件") for t in found)


def test_a_running_head_inside_a_title_no_longer_cuts_it():
    issue = parse_file(LEVELS / "state-council-2006-28.txt")
    doc = next(d for d in issue.documents if d.doc_number == "国函〔2006〕38号")
    assert doc.title == "国务院关于同意组建2008年北京奥运会首都国际机场协调委员会的批复"
    furniture = [b for b in doc.blocks if b.kind == BlockKind.FURNITURE]
    assert furniture and all(b.text.startswith("国务院公报 2006·28") for b in furniture)


@pytest.mark.parametrize("path", sorted((ROOT / "gazettes").glob("*.txt")), ids=lambda p: p.name)
def test_the_samples_print_no_furniture_and_none_is_found(path):
    issue = parse_file(path)
    assert not [b for d in issue.documents for b in d.blocks if b.kind == BlockKind.FURNITURE]


@pytest.mark.parametrize("raw, number", [
    ("·12·", (12, True)), ("— 12 —", (12, True)), ("第12页", (12, True)), ("12", (12, True)),   # alone
    ("国务院公报 2006·28　　国务院文件　　5", (5, False)),                 # a running head ending with it
    ("国务院公报 2004·36", None), ("衢州政報 2018年 第3、4期", None),       # heads without a page number
])
def test_the_page_number_a_furniture_line_prints(raw, number):
    from generator.parse.furniture import printed_page_number

    assert printed_page_number(raw) == number


# tests/levels/state-council-2006-28.txt lines 364-378, laid out as a PDF's text gives them, three
# pages each under its running head (set apart by a blank line), two of them ending with a date.
PAGED = """
国务院公报 2006·28　　国务院文件　　5

首都国际机场协调委员会的批复

国函〔2006〕38号

国务院

二〇〇六年五月二十三日
国务院公报 2006·28　　国务院文件　　6

民航总局：

你局《关于报送2008年北京奥运会首都国际机场协调委员会组建方案的请示》（民航总局〔2006〕80号）收悉。现批复如下：

国务院

二〇〇六年五月二十三日
国务院公报 2006·28　　国务院文件　　7

同意组建2008年北京奥运会首都国际机场协调委员会。协调委员会不刻制印章，不正式行文，请按照国务院有关文件精神认真组织开展工作。

附件：2008年北京奥运会首都国际机场协调委员会组建方案
"""


def test_a_text_with_page_breaks_knows_its_running_heads_by_their_place():
    """At each page's top, set apart, and alike on many pages: a running head, whatever it names; a
    date that ends two pages alike is a signature's, never furniture."""
    from generator.parse.furniture import margin_lines

    from .excerpts import excerpt_lines

    lines = excerpt_lines(PAGED)
    starts = tuple(i + 1 for i, line in enumerate(lines) if line.text.startswith("国务院公报"))
    assert starts == (1, 10, 19)
    assert sorted(lines[i].no for i in margin_lines(lines, starts)) == [1, 10, 19]
    assert margin_lines(lines, ()) == set() and margin_lines(lines, (1,)) == set(), "no pages, no position"


def test_a_running_head_printed_once_beside_a_page_number_is_furniture():
    """A short issue breaks its pages once or twice: the head printed once over ·1· (2005), or carrying
    its page number on its own line (2018: '国务院公报　2018年第35号　1', '2　国务院令') is furniture too."""
    lines = _lines(LEVELS / "state-council-2005-20.txt")
    found = {lines[i].text for i in furniture_lines(lines, 24, {"国务院办公厅文件"})}
    assert "国务院公报　2005年第20号" in found and "·1·" in found
    lines = _lines(LEVELS / "state-council-2018-35.txt")
    found = {lines[i].text for i in furniture_lines(lines, 22, {"国务院办公厅文件", "国务院令"})}
    assert {"国务院公报　2018年第35号　1", "2　国务院令"} <= found


def test_a_line_naming_the_gazette_once_without_a_page_is_text():
    """The masthead's words in a sentence, or a heading printed once, are not running heads."""
    lines = _lines(LEVELS / "state-council-2018-35.txt")
    found = furniture_lines(lines, 22, {"国务院办公厅文件", "国务院令"})
    assert not any(lines[i].text in ("专利代理条例", "中华人民共和国个人所得税法实施条例") for i in found)
