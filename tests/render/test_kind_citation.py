"""A not-held number's address (generator/render/kinds/citation.py): a small page written as finished
HTML that sends the reader to the number's row in its series ledger, and linked by other pages
through its file, which MkDocs checks and writes as the same directory URL.

On the real sample corpus; pages read with html.parser."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser

from generator import urls
from generator.doc_number import parse_doc_number
from generator.render import render_site


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.refresh = self.link = self.robots = self.icon = None
        self.scripts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("http-equiv") == "refresh":
            self.refresh = a["content"]
        elif tag == "meta" and a.get("name") == "robots":
            self.robots = a["content"]
        elif tag == "link" and a.get("rel") == "icon":
            self.icon = a["href"]
        elif tag == "a":
            self.link = a["href"]
        elif tag == "script":
            self.scripts.append(a.get("src"))


def test_every_not_held_number_sends_the_reader_to_its_ledger_row(corpus):
    pages = render_site(corpus)
    assert corpus.wanted
    for number, info in corpus.wanted.items():
        page = Page(pages[urls.finished_page(info.key)])
        assert urls.source_path(info.key) not in pages
        assert page.refresh == "0;url=" + page.link and page.robots == "noindex" and page.scripts == []
        target, _, serial = page.link.partition("#")
        landing = posixpath.normpath(posixpath.join(info.key, target)) + "/"
        assert landing.startswith(urls.SERIES_INDEX) and serial == str(parse_doc_number(number).serial), number
        assert f'<span id="{serial}">' in pages[urls.source_path(landing)], "the row is on that ledger page"
        assert posixpath.normpath(posixpath.join(info.key, page.icon)) == urls.FAVICON


def test_pages_link_a_not_held_number_by_its_file(corpus):
    """The Markdown link names the finished page's file (…/63/index.html): a link to the Markdown
    file it once was would be a broken link to MkDocs, which fails a strict build."""
    pages = render_site(corpus)
    info = next(iter(corpus.wanted.values()))
    linking = [(path, text) for path, text in pages.items() if path.endswith(".md")
               and re.search(r"\]\([^)]*" + re.escape(info.key.split("/", 1)[1] + "index.html") + r"\)", text)]
    assert linking, info.number
    for path, text in pages.items():
        if path.endswith(".md"):
            for target in re.findall(r"\]\(([^)#]+\.md)\)", text):
                assert posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) in pages, (path, target)
