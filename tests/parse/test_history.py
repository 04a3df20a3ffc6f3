"""A regulation's history (generator/parse/history.py) on the test gazette of 2018, which prints the
history of two real regulations (tests/data/lawrefbook/) both ways: as 国务院公报 does, one bracketed
line, and as the record does, an event a line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.parse import parse_file
from generator.parse.history import history_events

from .excerpts import excerpt

LEVELS = Path(__file__).resolve().parents[2] / "tests" / "levels"

# tests/levels/state-council-2018-35.txt: the history line under 专利代理条例
PRINTED = "（1991年3月4日中华人民共和国国务院令第76号发布　2018年9月6日国务院第23次常务会议修订通过）"


def test_a_printed_history_line_is_its_events():
    (line,) = excerpt(PRINTED)
    first, second = history_events(line)
    assert (first.date, first.action, first.doc_number, first.cited_title) == \
        (dt.date(1991, 3, 4), "发布", "国务院令第76号", None)          # the organ starts after the date
    assert (second.date, second.action, second.doc_number) == (dt.date(2018, 9, 6), "修订通过", None)


@pytest.mark.parametrize("line, event", [
    ("1994年1月28日 中华人民共和国国务院令第142号发布", (dt.date(1994, 1, 28), "发布", "国务院令第142号", None)),
    ("2005年12月19日 《国务院关于修改〈中华人民共和国个人所得税法实施条例〉的决定》第一次修订",
     (dt.date(2005, 12, 19), "修订", None, "国务院关于修改〈中华人民共和国个人所得税法实施条例〉的决定")),
    ("2018年12月18日 中华人民共和国国务院令第707号第四次修订", (dt.date(2018, 12, 18), "修订", "国务院令第707号", None)),
])
def test_a_record_line_is_one_event(line, event):
    (printed,) = excerpt(line)
    (got,) = history_events(printed)
    assert (got.date, got.action, got.doc_number, got.cited_title) == event


@pytest.mark.parametrize("line", [
    "2018年10月27日",                                               # a date line: the signature's
    "《政府网站集约化试点工作方案》已经国务院领导同志同意，现印发给你们，请认真贯彻执行。",
    "第三十二条 本条例自2019年3月1日起施行。",                       # a sentence naming a date and 施行
])
def test_other_lines_are_no_history(line):
    (printed,) = excerpt(line)
    assert history_events(printed) is None


def test_the_orders_of_a_history_are_references_and_its_dates_never_the_documents():
    issue = parse_file(LEVELS / "state-council-2018-35.txt")
    patents, income_tax = (d for d in issue.documents if d.doc_type == "令")
    assert patents.references == ["国务院令第76号"] and patents.date == dt.date(2018, 11, 6)
    assert income_tax.references == ["国务院令第142号"]                     # not its own 707
    assert income_tax.date == dt.date(2018, 12, 18)
    decisions = [e for e in income_tax.history if e.cited_title]
    assert len(decisions) == 3 and all(e.doc_number is None for e in decisions)   # cited by title alone
    assert [e.date.year for e in income_tax.history] == [1994, 2005, 2008, 2011, 2018]
