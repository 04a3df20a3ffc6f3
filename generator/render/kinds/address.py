"""The portal's answer to every document address of an archive in parts (``d/…``, ``g/<issue>/…``).

An archive split into parts keeps one set of addresses: the portal answers every document's and
every issue's, sending the reader on to the part that holds it. A citation, a bookmark or a link
from outside made to the portal therefore stays good when the parts are split differently later
(only the portal's small redirect pages change). One site, or a part: nothing.

They are most of the portal's pages (at 25,000 documents, 26,700 of its 47,700 files), and each
needs no theme: they are written as finished HTML (``address.html.j2``, autoescaped), which MkDocs
copies as they are (:func:`generator.urls.finished_page`), instead of paying for Markdown and the
theme tens of thousands of times.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ...corpus.views import issue_label
from ..registry import PLACED, PageKind, register
from ..site import Site, document_label


@dataclass(frozen=True)
class AddressPage:
    """The context of address.html.j2."""

    label: str
    part: str
    redirect: str             # the page's absolute address on its part
    favicon: str              # relative URLs of the theme files the page links
    script: str


def address_page(site: Site, key: str, label: str) -> str:
    """The redirect page of one document or issue the portal does not serve."""
    placement = site.placement
    return site.render_finished("address.html.j2", key, AddressPage(
        label=label, part=placement.home_of(key), redirect=placement.url(key),
        favicon=urls.relative_asset(key, urls.FAVICON), script=urls.relative_asset(key, urls.REDIRECT_SCRIPT)))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    placement = site.placement
    if placement is None or not placement.is_portal:
        return
    for key, document in site.corpus.documents.items():
        yield urls.finished_page(key), address_page(site, key, document_label(document))
    for issue in site.corpus.issues:
        yield urls.finished_page(urls.issue_key(issue)), address_page(site, urls.issue_key(issue), issue_label(issue))


register(PageKind("address", pages, roots=("d", "g"), placement=PLACED), priority=99)
