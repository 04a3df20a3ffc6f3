"""The portal's address pages (generator/render/kinds/address.py): every document and issue of an
archive in parts keeps its address on the portal, a small page written as finished HTML that sends
the reader on to the part holding it.

On the real sample corpus, split by city into three parts as the sample archive is; the pages are
read with html.parser."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from generator import urls
from generator.corpus import build_corpus
from generator.render import generate_files
from gazette_factories import make_document, make_issue

SITES = {"portal": "https://archive.example/", "shaoxing": "https://sx.example/",
         "quzhou": "https://qz.example/", "jiaxing": "https://jx.example/sub/"}


class Head(HTMLParser):
    """The refresh target, canonical link, icon, script and the paragraph's text and link of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.refresh = self.canonical = self.icon = self.script = self.link = self.title = None
        self.text, self._in = "", None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("http-equiv") == "refresh":
            self.refresh = a["content"]
        elif tag == "link":
            setattr(self, {"canonical": "canonical", "icon": "icon"}[a["rel"]], a["href"])
        elif tag == "script":
            self.script = a["src"]
        elif tag == "a":
            self.link = a["href"]
        self._in = tag if tag in ("title", "p") else self._in

    def handle_endtag(self, tag):
        self._in = None if tag == self._in else self._in

    def handle_data(self, data):
        if self._in == "title":
            self.title = (self.title or "") + data
        elif self._in in ("p", "a"):
            self.text += data


def placement_of(corpus, here: str) -> urls.Placement:
    """Each document and issue on the part of its city (the sample archive's split)."""
    homes = {}
    for issue in corpus.issues:
        part = next(name for name in SITES if name in issue.source_file)
        homes[urls.issue_key(issue)] = part
        for key, of in corpus.issue_of.items():
            if of is issue:
                homes[key] = part
    return urls.Placement(here=here, sites=SITES, homes=homes)


@pytest.fixture(scope="module")
def portal(corpus):
    return dict(generate_files(corpus, placement=placement_of(corpus, "portal")))


def test_every_document_and_issue_has_a_finished_page_sending_the_reader_to_its_part(corpus, portal):
    placement = placement_of(corpus, "portal")
    keys = [*corpus.documents, *(urls.issue_key(issue) for issue in corpus.issues)]
    for key in keys:
        page = Head(portal[urls.finished_page(key)])
        target = placement.url(key)
        assert target.startswith(SITES[placement.home_of(key)])
        assert page.refresh == "0;url=" + target
        assert page.canonical == page.link and unquote(page.canonical) == unquote(target)
        assert f"收录在分站 {placement.home_of(key)}" in page.text and page.title.endswith(" - 政府公报档案库")
        # the page's own files, relative to its folder
        assert posixpath.normpath(posixpath.join(key, page.icon)) == urls.FAVICON
        assert posixpath.normpath(posixpath.join(key, page.script)) == urls.REDIRECT_SCRIPT
        assert urls.source_path(key) not in portal, "no Markdown page at the same address"
    assert len([p for p in portal if p.endswith("/index.html")]) == len(keys) + len(corpus.wanted), "and citations"


def test_a_part_and_a_single_site_write_no_address_page(corpus):
    """A part has no finished page; a single site only its not-held numbers' (test_kind_citation)."""
    assert not [path for path, _ in generate_files(corpus, placement=placement_of(corpus, "quzhou"))
                if path.endswith(".html")]
    wanted = {urls.finished_page(info.key) for info in corpus.wanted.values()}
    assert {path for path, _ in generate_files(corpus) if path.endswith(".html")} == wanted


def test_a_hostile_title_is_text_on_the_address_page():
    """Gazette text is untrusted: a title with markup in it is printed as text, never as markup."""
    title = '关于<script>alert("x")</script>&的通知'
    document = make_document(title, "绍政发〔2017〕7号", position=1, body=["为进一步规范管理，特制定本办法。"])
    corpus = build_corpus([make_issue("shaoxing-2017-04", [document])])
    key = next(iter(corpus.documents))
    page = dict(generate_files(corpus, placement=placement_of(corpus, "portal")))[urls.finished_page(key)]
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert Head(page).title.startswith(title)
