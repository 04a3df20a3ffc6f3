"""A cited number the archive does not hold keeps its own address (``d/<series>/<year>/<serial>/``),
so links to it stay valid when the document arrives: a small page that sends the reader on to the
number's row in its series ledger, where its titles, citing documents and notices are listed.

A full themed page per number was the largest item after the documents themselves: an archive of
25,000 documents cites about 17,000 numbers it does not hold (114 MB of pages). Each is now written
as finished HTML (``citation.html.j2``, autoescaped), which MkDocs copies as it is
(:func:`generator.urls.finished_page`), and pages link it by that file (``Site.finished``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ... import urls
from ...doc_number import parse_doc_number
from ...corpus import CitedNumber
from ..registry import PageKind, register
from ..site import Site
from .series import ledger_page_of


@dataclass(frozen=True)
class CitationPage:
    """The context of citation.html.j2."""

    number: str
    redirect: Markup          # the number's ledger row, relative (its fragment the serial)
    favicon: str              # relative URLs of the theme files the page links
    script: str               # in an archive in parts only


def citation_page(site: Site, info: CitedNumber) -> str:
    """The pointer page of one not-held number."""
    ledger = site.ledger_of.get(info.key)
    parsed = parse_doc_number(info.number)
    target, fragment = (ledger_page_of(site, ledger, parsed.serial), parsed.serial) if ledger \
        else (urls.WANTED_INDEX, None)
    # the redirect is made of safe segments and a numeric fragment (urls.relative_url): nothing in it
    # to escape, and its # must stay a # (escape_text writes it as a reference, for Markdown)
    return site.render_finished("citation.html.j2", info.key, CitationPage(
        number=info.number, redirect=Markup(urls.relative_url(info.key, target, fragment)),
        favicon=urls.relative_asset(info.key, urls.FAVICON),
        script=urls.relative_asset(info.key, urls.REDIRECT_SCRIPT) if site.placement else ""))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    for info in site.corpus.wanted.values():
        yield urls.finished_page(info.key), citation_page(site, info)


register(PageKind("citation", pages, roots=("d",)), priority=90)
