"""generator/search/records.py: each document of the real corpus as the search index holds it."""

from __future__ import annotations

import pytest

from generator.search.records import FILTERS, corpus_records, record_meta


@pytest.fixture(scope="module")
def records(corpus):
    return {r.url: r for r in corpus_records(corpus)}


def test_every_document_has_one_record_at_its_own_address(records, corpus):
    assert sorted(records) == sorted(corpus.documents)


def test_a_record_holds_title_metadata_filters_and_date(records):
    record = records["d/衢政办发/2018/21/"]
    assert record.title.startswith("衢州市人民政府办公室关于印发衢州市加快住宅区电动自行车")
    assert record.doc_number == "衢政办发〔2018〕21号" and record.organ == "衢州市人民政府办公室"
    assert record.date == "2018-04-07"
    filters = dict(record.filters)
    assert list(filters) == [f for f in FILTERS if f in filters] and set(filters) == set(FILTERS)
    assert filters["文号系列"] == ("衢政办发",) and filters["年份"] == ("2018",) and filters["地区"] == ("衢州市",)
    assert record_meta(record) == {"title": record.title, "doc_number": record.doc_number, "organ": record.organ,
                                   "date": "2018-04-07", "text": record.body}


def test_the_searchable_text_is_the_full_title_then_the_body(records):
    record = records["d/衢政发/2018/11/"]
    assert record.text == record.title + "\n" + record.body
    assert "电动自行车" in record.title and record.body.strip()
