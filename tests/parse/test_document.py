"""One document's fields and warnings (generator/parse/document.py), on real order excerpts: an order
head whose 第N号 line is missing is still a document, 令 of its head's organ, and flagged to editors."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.cli import main
from generator.parse import parse_text
from generator.parse.ownership import uncovered_block_lines

from .excerpts import (QUZHOU_ORDER, QUZHOU_ORDER_WITHOUT_NUMBER, STATE_COUNCIL_ORDER_WITHOUT_NUMBER, excerpt,
                       excerpt_text)


@pytest.mark.parametrize("text, issuer, title, date, level", [
    (QUZHOU_ORDER_WITHOUT_NUMBER, "衢州市人民政府", "衢州市燃气管理办法", dt.date(2018, 2, 21), "市"),
    (STATE_COUNCIL_ORDER_WITHOUT_NUMBER, "国务院", "国家粮食应急预案", dt.date(2006, 1, 5), "国务院"),
], ids=["quzhou", "state-council"])
def test_an_order_without_its_number_is_an_order_with_a_warning(text, issuer, title, date, level):
    (doc,) = parse_text(excerpt_text(text)).documents
    assert (doc.doc_number, doc.doc_type, doc.issuers, doc.title, doc.date, doc.level) == \
        (None, "令", [issuer], title, date, level)
    (warning,) = [w for w in doc.warnings if w.code == "order-without-number"]
    assert warning.line == 1 and "第N号" in warning.message
    assert doc.enclosed_titles == [title]


def test_an_order_without_its_number_keeps_every_line():
    issue = parse_text(excerpt_text(QUZHOU_ORDER_WITHOUT_NUMBER))
    assert uncovered_block_lines(issue, excerpt(QUZHOU_ORDER_WITHOUT_NUMBER)) == []


def test_an_order_with_its_number_has_no_such_warning():
    (doc,) = parse_text(excerpt_text(QUZHOU_ORDER)).documents
    assert doc.doc_number == "衢州市人民政府令第51号"
    assert "order-without-number" not in {w.code for w in doc.warnings}


def test_gazette_check_lists_the_order_without_its_number(tmp_path, capsys):
    path = tmp_path / "order.txt"
    path.write_text(excerpt_text(QUZHOU_ORDER_WITHOUT_NUMBER) + "\n", encoding="utf-8")
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert f"{path}:1: order-without-number: 衢州市燃气管理办法:" in out
