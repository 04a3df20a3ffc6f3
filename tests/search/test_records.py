"""generator/search/records.py: each document of the real corpus as the search index holds it."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest

from generator.search.records import (FILTERS, TITLE_MARK, corpus_records, record_html, record_meta, record_path,
                                      record_tokens)


@pytest.fixture(scope="module")
def records(corpus):
    return {r.url: r for r in corpus_records(corpus)}


class _Record(HTMLParser):
    """What Pagefind reads of a record: content text, metadata, filters, sort keys."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.content, self.meta, self.filters, self.sort = "", {}, [], {}
        self._in: tuple[str, str] | None = None
        self._p = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self._p = tag == "p"
        for kind in ("meta", "filter", "sort"):
            if f"data-pagefind-{kind}" in a:
                self._in = (kind, a[f"data-pagefind-{kind}"])

    def handle_data(self, data):
        if self._p:
            self.content += data
        elif self._in:
            kind, name = self._in
            if kind == "meta":
                self.meta[name] = data
            elif kind == "filter":
                self.filters.append((name, data))
            else:
                self.sort[name] = data

    def handle_endtag(self, tag):
        self._in, self._p = None, False


def test_every_document_has_one_record_at_its_own_address(records, corpus):
    assert sorted(records) == sorted(corpus.documents)
    assert all(record_path(r) == r.url + "index.html" for r in records.values())


def test_a_record_holds_title_metadata_filters_and_date(records):
    record = records["d/衢政办发/2018/21/"]
    assert record.title.startswith("衢州市人民政府办公室关于印发衢州市加快住宅区电动自行车")
    assert record.doc_number == "衢政办发〔2018〕21号" and record.organ == "衢州市人民政府办公室"
    assert record.date == "2018-04-07" and (record.region, record.year) == ("衢州市", 2018)
    filters = dict(record.filters)
    assert list(filters) == [f for f in FILTERS if f in filters] and set(filters) == set(FILTERS)
    assert filters["文号系列"] == ("衢政办发",) and filters["年份"] == ("2018",) and filters["地区"] == ("衢州市",)
    parsed = _Record(record_html(record))
    assert parsed.meta == {}, "metadata given to Pagefind would be indexed as words of its own"
    assert record_meta(record) == {"title": record.title, "doc_number": record.doc_number, "organ": record.organ,
                                   "date": "2018-04-07", "text": record.body}
    assert sorted(parsed.filters) == sorted((k, v) for k, vs in record.filters for v in vs)
    assert parsed.sort == {"date": "2018-04-07"}


def test_the_content_is_the_text_tokens_then_the_marked_title(records):
    record = records["d/衢政发/2018/11/"]
    tokens = record_tokens(record).split()
    title = [t for t in tokens if t.startswith(TITLE_MARK)]
    assert title[:3] == ["_衢", "_衢州", "_州市"] and tokens[-len(title):] == title
    assert "电动" in tokens and "_电动" in tokens
    assert _Record(record_html(record)).content == record_tokens(record)


def test_gazette_text_is_escaped_in_the_record(records):
    hostile = "<img src=x onerror=alert(1)>"
    record = dataclasses.replace(records["d/衢政发/2018/11/"], title='<script>alert(1)</script>"&',
                                 filters=(("发文机关", (hostile,)),))
    html = record_html(record)
    assert "<script>" not in html and "<img" not in html
    assert _Record(html).filters == [("发文机关", hostile)], "escaped, and read back as the same text"
