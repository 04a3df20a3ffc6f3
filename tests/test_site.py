"""The built site, end to end: `mkdocs build --strict` on the real gazettes, then the HTML and search.

One session-scoped build (about 3 s, shared with every module through
site_builder.sample_site) into a temporary folder: a copy of the hand-written
docs_src/ bits, the repo's mkdocs.yml with docs_dir/site_dir pointed there, and
the real gazettes/. Search is checked in the session's headless Chromium
(conftest ``chromium``: Debian's, via Playwright) against the real search index.
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import GAZETTES, mkdocs_build
from generator import urls
from generator.doc_number import canonicalize
from generator.render.site import date_cn



class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.lang = None
        self.h1 = ""
        self.meta_text = ""
        self.body_links: list[tuple[str, str]] = []   # (href, text) inside the article
        self.scripts: list[str] = []
        self.is_document = False                      # og:type article: a document page
        self.nav_links = 0
        self._in = {"h1": 0, "meta": 0, "body": 0, "a": None}
        self._depth = 0
        self._marks: dict[str, int] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "script":
            self.scripts.append(a.get("src") or "inline")
        if tag == "meta" and a.get("property") == "og:type" and a.get("content") == "article":
            self.is_document = True
        if tag in ("br", "img", "meta", "link", "input", "hr"):
            return
        self._depth += 1
        if tag == "article":
            self._marks["body"] = self._depth
        if "doc-meta" in (a.get("class") or "").split():
            self._marks.setdefault("meta", self._depth)
        if tag == "h1" and "body" in self._marks:
            self._marks["h1"] = self._depth
        if tag == "a":
            if "body" in self._marks:
                self._in["a"] = [a.get("href", ""), ""]
            if "md-nav__link" in (a.get("class") or ""):
                self.nav_links += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._in["a"] is not None:
            self.body_links.append(tuple(self._in["a"]))
            self._in["a"] = None
        for name, depth in list(self._marks.items()):
            if depth == self._depth:
                del self._marks[name]
        self._depth -= 1

    def handle_data(self, data):
        if "h1" in self._marks:
            self.h1 += data
        if "meta" in self._marks:
            self.meta_text += data
        if self._in["a"] is not None:
            self._in["a"][1] += data


def page_file(site: Path, key: str) -> Path:
    return site / key / "index.html"


def read_page(site: Path, key: str) -> Page:
    return Page(page_file(site, key).read_text(encoding="utf-8"))


def test_every_document_has_a_page(built_site, corpus):
    missing = [k for k in corpus.documents if not page_file(built_site, k).is_file()]
    assert not missing
    assert len(corpus.documents) >= 50


def test_every_document_page_shows_title_number_issuers_date(built_site, corpus):
    for key, document in corpus.documents.items():
        page = read_page(built_site, key)
        assert page.lang == "zh"
        assert page.is_document, key
        assert " ".join(page.h1.split()) == " ".join(document.title.split()), key
        if document.doc_number:
            assert document.doc_number in page.meta_text, key
        for issuer in corpus.issuers_of[key]:   # issuer names after the alias table
            assert issuer in page.meta_text, key
        if document.date:
            assert date_cn(document.date) in page.meta_text, key


def test_cited_doc_number_is_a_working_link(built_site, corpus):
    checked = 0
    for key, targets in corpus.cites.items():
        page = read_page(built_site, key)
        for target in targets:
            cited = corpus.documents[target]
            links = [href for href, text in page.body_links if canonicalize(text) == cited.doc_number]
            if not links:
                continue  # cited only in a form the body prints differently (e.g. in a table of the TOC)
            page_url = "http://site/" + key
            for href in links:
                path = unquote(urlsplit(urljoin(page_url, href)).path).lstrip("/")
                assert path == target, (key, href)
                assert Page((built_site / path / "index.html").read_text(encoding="utf-8")).h1.strip()
            checked += 1
    assert checked >= 2, "the sample corpus cites two of its own documents in running text"


def test_index_pages_and_small_nav(built_site, corpus):
    for key in (urls.HOME, *urls.INDEXES):
        page = read_page(built_site, key)
        assert not page.is_document, "index pages are no documents (nor in the search index)"
        assert page.nav_links < 30, "the nav lists index pages, never every document"
    for issue in corpus.issues:
        assert page_file(built_site, urls.issue_key(issue)).is_file()


def test_no_third_party_requests_and_the_search_index(built_site):
    html = page_file(built_site, urls.HOME).read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    page = Page(html)
    assert all(not s.startswith(("http:", "https:", "//")) for s in page.scripts)
    manifest = json.loads((built_site / "search-index" / "index.json").read_text(encoding="utf-8"))
    folder = built_site / "search-index" / manifest["folder"]
    assert sorted(p.name for p in (built_site / "search-index").iterdir()) == sorted(["index.json", manifest["folder"]])
    assert len(list((folder / "f").glob("*.bin"))) == manifest["documents"] == 73
    assert len(list((folder / "t").glob("*.bin"))) == manifest["buckets"]
    assert page_file(built_site, urls.SEARCH).is_file() and (built_site / urls.SEARCH_T2S).is_file()
    assert not (built_site / "search" / "search_index.json").exists(), "Material's own search is off"


def test_an_unreadable_gazette_is_refused_and_the_rest_published(tmp_path):
    """A refused file is not a warning: a strict build (make site, CI) publishes the good gazettes,
    ends by listing the refused one, and the site lists it for editors."""
    gazettes = tmp_path / "gazettes"
    gazettes.mkdir()
    shutil.copy(GAZETTES / "shaoxing-2017-04.txt", gazettes)
    (gazettes / "broken-2017-01.txt").write_bytes(b"%PDF-1.4\n\x00\x01binary")
    strict = mkdocs_build(tmp_path / "strict", gazettes)
    assert strict.returncode == 0, strict.stdout + strict.stderr
    log = (strict.stdout + strict.stderr).splitlines()
    assert not [l for l in log if l.startswith("WARNING")]
    named = [l for l in log if "broken-2017-01.txt" in l]
    assert len(named) == 2 and all("broken-2017-01.txt: binary：不是文本文件" in l for l in named), named
    assert "refused and left out" in log[log.index(named[-1]) - 1], "the report comes last, with its heading"
    site = tmp_path / "strict" / "site"
    assert page_file(site, "d/绍政发/2017/7/").is_file()
    assert not (site / "g" / "broken-2017-01").exists()
    editors = page_file(site, urls.REFUSED).read_text(encoding="utf-8")
    assert "broken-2017-01.txt" in editors and "不是文本文件" in editors and "<code>binary</code>" in editors


# ---------------------------------------------------------------- search in a real browser

@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve the built site on 127.0.0.1 from a background thread."""
    from browser_support import serve

    with serve(built_site) as url:
        yield url.rstrip("/")


def test_search_finds_chinese_words_inside_titles_and_bodies(site_server, chromium, corpus):
    """Words a segmenter would cut apart, found where they sit inside titles, through the search
    page's own entry point; and the filters hold every value of the corpus."""
    page = chromium.new_page()
    try:
        page.goto(site_server + "/search/")
        for word in ["危险化学品", "最多跑一次", "除险安居"]:
            expected = {k for k, d in corpus.documents.items() if word in d.title and not d.title.startswith(word)}
            assert expected, f"the sample corpus has a title with {word} in the middle"
            found = page.evaluate("w => window.GazetteSearch.query(w, 100)", word)
            got = {unquote(r["url"]).lstrip("/") for r in found}
            assert expected <= got, (word, expected - got)
            assert all(k.startswith(("d/", "g/")) for k in got), f"only document pages are indexed: {got}"
        filters = page.evaluate("() => window.GazetteSearch.filters()")
    finally:
        page.close()
    assert filters["发文机关"]["绍兴市人民政府办公室"] >= 5
    assert set(filters["年份"]) >= {"2015", "2016", "2017", "2018"}
    assert set(filters) == {"发文机关", "年份", "文种", "级别", "文号系列", "地区", "公报"}
    assert "市" in filters["级别"] and set(filters["级别"]) <= {"国务院", "省", "市", "县", "部门"}


def test_serve_watches_the_gazette_folder(tmp_path):
    from generator.plugin import GazettePlugin

    class Server:
        watched: list[str] = []

        def watch(self, path, *args, **kwargs):
            self.watched.append(path)

    class Config(dict):
        config_file_path = str(tmp_path / "mkdocs.yml")

    plugin = GazettePlugin()
    plugin.load_config({"gazettes": "gazettes"})
    server = Server()
    assert plugin.on_serve(server, config=Config(), builder=None) is server
    assert server.watched == [str(tmp_path / "gazettes")]


def test_the_index_is_made_from_the_corpus_not_from_the_pages(built_site, tmp_path):
    """The search stage never reads a page the build wrote: generation alone, with nothing but the
    gazettes, writes the same index the site serves."""
    from generator.pipeline import generate

    result = generate(GAZETTES, tmp_path / "docs", search_dir=tmp_path / "index")
    assert list(result.search_index) == ["index"]
    served = built_site / "search-index"
    read = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert read(served) == read(tmp_path / "index")
