"""A cited number the archive does not hold keeps its own address (``d/<series>/<year>/<serial>/``),
so links to it stay valid when the document arrives: a small page that sends the reader on to the
number's row in its series ledger, where its titles, citing documents and notices are listed.

A full themed page per number was the largest item after the documents themselves: an archive of
25,000 documents cites about 17,000 numbers it does not hold (114 MB of pages). The plugin lays such
pages out with the theme's ``citation.html``, which writes the redirect; the body is what a
Markdown reader sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ...doc_number import parse_doc_number
from ...corpus import CitedNumber
from ..escape import escape_text
from ..meta import one_line
from ..registry import PageKind, register
from ..site import Site
from .series import ledger_page_of


@dataclass(frozen=True)
class CitationPage:
    """The context of citation.md.j2."""

    info: CitedNumber
    target: str
    target_label: str


def citation_page(site: Site, info: CitedNumber) -> str:
    """The pointer page of one not-held number."""
    ledger = site.ledger_of.get(info.key)
    parsed = parse_doc_number(info.number)
    target, fragment = (ledger_page_of(site, ledger, parsed.serial), parsed.serial) if ledger \
        else (urls.WANTED_INDEX, None)
    meta = {"kind": "citation", "title": escape_text(info.number),
            "doc_number": info.number, "known_titles": [one_line(t) for t in info.titles], "held": False,
            "redirect": urls.relative_url(info.key, target, fragment)}
    return site.render("citation.md.j2", info.key, meta, CitationPage(
        info=info, target=target, target_label=ledger.label if ledger else "待征集文件"))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    for info in site.corpus.wanted.values():
        yield urls.source_path(info.key), citation_page(site, info)


register(PageKind("citation", pages, roots=("d",)), priority=90)
