"""generator/parse/pages.py: the page of the original a line is on, and the number printed on each page."""

from __future__ import annotations

from generator.parse.furniture import mark_furniture
from generator.parse.pages import page_of, printed_numbers

from .excerpts import excerpt_lines

# tests/levels/state-council-2004-36.txt lines 738-739: the running head and the bare page number a
# page break leaves between two lines of text.
PAGES = """
国务院公报 2004·36
17
"""


def test_page_of_a_line():
    starts = (1, 5, 5, 9)                      # page 3 is blank: it starts where page 4 does
    assert [page_of(starts, n) for n in (1, 4, 5, 8, 9, 40)] == [1, 1, 3, 3, 4, 4]
    assert page_of((), 12) is None


def test_each_page_prints_the_number_of_its_first_numbered_furniture_line():
    lines = excerpt_lines(PAGES)
    marked = mark_furniture(lines, {0, 1})
    assert printed_numbers(marked, (1,)) == [17]
    assert printed_numbers(marked, (1, 2)) == [None, 17]       # a head without a number prints none
    assert printed_numbers(lines, (1,)) == [None], "only furniture lines are page numbers"


# tests/levels/state-council-2006-28.txt lines 364 and 431: running heads that end with the page number.
HEADS = """
国务院公报 2006·28　　国务院文件　　5
国务院公报 2006·28　　国务院文件　　6
"""


def test_a_number_ending_a_running_head_is_the_page_only_if_it_changes():
    lines = mark_furniture(excerpt_lines(HEADS), {0, 1})
    assert printed_numbers(lines, (1, 2)) == [5, 6]
    same = [lines[0], lines[0]]                 # the same number on every page: a year, an issue
    assert printed_numbers(same, (1, 2)) == [None, None]
