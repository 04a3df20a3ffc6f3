"""Data downloads and Atom feeds, on the built sample site, checked with libraries made for them."""

import csv
import json
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import frontmatter

from generator.render.meta import DocumentMeta
import pytest
from frictionless import validate

from generator import urls
from generator.corpus import build_corpus
from generator.render import render_site
from generator.render.data import PAGE_ONLY_FIELDS
from generator.render.kinds.feeds import NEWEST


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site


def _front_matter_of(site: Path, key: str) -> dict:
    """A document page's front matter as data: without what it carries for the theme's <head> only
    (JSON-LD, feed links, the error report: DocumentMeta.HEAD, made from these same fields)."""
    source = site.parent / "docs_src" / urls.source_path(key)
    meta = dict(frontmatter.loads(source.read_text(encoding="utf-8")).metadata)
    return {k: v for k, v in meta.items() if k not in DocumentMeta.HEAD}


def test_every_document_has_a_json_twin_matching_its_front_matter(site, corpus):
    assert len(corpus.documents) == 73
    for key in corpus.documents:
        twin = json.loads((site / urls.json_twin_path(key)).read_text(encoding="utf-8"))
        meta = _front_matter_of(site, key)
        assert {k: twin[k] for k in meta} == meta, key
        assert not set(DocumentMeta.HEAD) & set(twin), key        # theme values are not data
        assert twin["url"] == key and twin["body"], key
        assert (site / key / "index.html").is_file()          # the page the twin sits beside


def test_twins_without_bodies_keep_everything_else(small_issues):
    """json_bodies=False (archives near GitHub Pages' 1 GB) drops only the body blocks, and the data
    page says where the text is instead."""
    corpus = build_corpus(small_issues)
    full, lean = render_site(corpus), render_site(corpus, json_bodies=False)
    assert full.keys() == lean.keys()
    twins = [urls.json_twin_path(k) for k in corpus.documents]
    for path in twins:
        with_body, without = json.loads(full[path]), json.loads(lean[path])
        assert with_body.pop("body") and "body" not in without
        assert with_body == without, path
    assert all(full[p] == lean[p] for p in full if p not in twins and p != urls.source_path(urls.DATA_INDEX))
    assert "不含正文" in lean[urls.source_path(urls.DATA_INDEX)]
    assert "不含正文" not in full[urls.source_path(urls.DATA_INDEX)]


def test_gzipped_downloads_hold_the_same_data_and_validate(small_issues, tmp_path):
    """data_gzip=True (archives near GitHub Pages' 1 GB) publishes the three corpus-wide downloads as
    .gz files that decompress to exactly the plain ones, byte-identical from run to run; the data
    package, the data page and the home page point at them, and Frictionless reads them."""
    import gzip
    corpus = build_corpus(small_issues)
    plain, packed = render_site(corpus), render_site(corpus, data_gzip=True)
    assert packed == render_site(corpus, data_gzip=True), "deterministic"
    for path in urls.CORPUS_DATA:
        assert path not in packed and gzip.decompress(packed[path + ".gz"]).decode("utf-8") == plain[path]
    others = plain.keys() - set(urls.CORPUS_DATA)
    changed = {p for p in others if plain[p] != packed[p]}
    assert changed == {urls.DATAPACKAGE, urls.source_path(urls.DATA_INDEX), urls.source_path(urls.HOME)}
    assert "citations.csv.gz" in packed[urls.source_path(urls.HOME)]
    assert packed[urls.source_path(urls.DATA_INDEX)].count(".csv.gz") >= 4
    package = json.loads(packed[urls.DATAPACKAGE])
    assert [(r["path"], r.get("compression")) for r in package["resources"]] == \
        [("documents.csv.gz", "gz"), ("citations.csv.gz", "gz"), ("documents.json.gz", "gz")]
    for path, content in packed.items():
        if path.startswith("data/"):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    report = validate(str(tmp_path / urls.DATAPACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_documents_json_and_csv_list_every_document_once(site, corpus):
    listed = json.loads((site / urls.DOCUMENTS_JSON).read_text(encoding="utf-8"))
    assert sorted(d["key"] for d in listed) == sorted(corpus.documents)
    for record in listed:       # the front matter, less the fields that only build the page
        meta = _front_matter_of(site, record.pop("key"))
        assert record == {k: v for k, v in meta.items() if k not in PAGE_ONLY_FIELDS}
        assert set(PAGE_ONLY_FIELDS) <= set(meta)
    with open(site / urls.DOCUMENTS_CSV, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(corpus.documents)
    row = next(r for r in rows if r["doc_number"] == "衢发改发〔2018〕23号")
    assert row["issuers"].split("、")[:2] == ["衢州市发展和改革委员会", "中国人民银行衢州市中心支行"]
    assert row["date"] == "2018-04-27" and row["gazette_total_issue"] == "105"
    assert row["references"] == "国发〔2016〕33号"


def test_datapackage_is_valid_frictionless(site):
    report = validate(str(site / urls.DATAPACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((site / urls.DATAPACKAGE).read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == ["documents", "citations", "documents-json"]


class _Cells(HTMLParser):
    """Text of every table cell on a page."""

    def __init__(self):
        super().__init__()
        self.cells, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_data_page_documents_every_front_matter_field(site, corpus):
    parser = _Cells()
    parser.feed((site / "data" / "index.html").read_text(encoding="utf-8"))
    key = next(iter(corpus.documents))
    for field in _front_matter_of(site, key):
        assert field in parser.cells, field


def test_citations_schema_names_every_csv_column(site):
    from generator.render.data import CITATION_SCHEMA

    header = next(csv.reader((site / urls.CITATIONS_CSV).read_text(encoding="utf-8-sig").splitlines()))
    assert [name for name, _, _ in CITATION_SCHEMA] == header


def test_site_feed_is_valid_atom_newest_first(site, corpus):
    feed = feedparser.parse((site / urls.SITE_FEED).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and len(feed.entries) == min(NEWEST, len(corpus.documents))
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    first = feed.entries[0]
    assert "（" in first.title and first.link


def test_issuer_feeds_hold_only_that_issuers_documents(site, corpus):
    path = site / urls.issuer_feed_path("衢州市公安局")
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo
    numbers = {e.title.rsplit("（", 1)[1].rstrip("）") for e in feed.entries}
    assert numbers == {"衢公通〔2018〕15号", "衢公办〔2018〕14号"}
    assert all(any(a.name == "衢州市公安局" for a in e.authors) for e in feed.entries)


def test_feeds_escape_hostile_titles_and_use_site_url(small_issues):
    from generator.corpus import build_corpus

    small_issues[0].documents[0].title = "关于<script>alert(1)</script>&的通知"
    files = render_site(build_corpus(small_issues), site_url="https://example.org/archive/")
    feed = feedparser.parse(files[urls.SITE_FEED].encode("utf-8"))
    assert not feed.bozo
    entry = next(e for e in feed.entries if "alert" in e.title)
    assert entry.title.startswith("关于<script>alert(1)</script>&的通知")     # text, not markup
    assert "<script>" not in files[urls.SITE_FEED]
    assert entry.link.startswith("https://example.org/archive/d/")
