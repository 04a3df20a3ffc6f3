"""The portal's answer to every document address of an archive in parts (``d/…``, ``g/<issue>/…``).

An archive split into parts keeps one set of addresses: the portal answers every document's and
every issue's, sending the reader on to the part that holds it. A citation, a bookmark or a link
from outside made to the portal therefore stays good when the parts are split differently later
(only the portal's small redirect pages change). The plugin lays these pages out with the theme's
``address.html``, which writes the redirect; the body is what a Markdown reader sees. One site, or a
part: nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ..escape import escape_text
from ...corpus.views import issue_label
from ..registry import PLACED, PageKind, register
from ..site import Site, document_label


@dataclass(frozen=True)
class AddressPage:
    """The context of address.md.j2."""

    label: str
    part: str
    target: str


def address_page(site: Site, key: str, label: str) -> str:
    """The redirect page of one document or issue the portal does not serve."""
    placement = site.placement
    part = placement.home_of(key)
    meta = {"kind": "address", "title": escape_text(label), "redirect": placement.url(key), "part": part}
    return site.render("address.md.j2", key, meta, AddressPage(label=label, part=part, target=key))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    placement = site.placement
    if placement is None or not placement.is_portal:
        return
    for key, document in site.corpus.documents.items():
        yield urls.source_path(key), address_page(site, key, document_label(document))
    for issue in site.corpus.issues:
        yield urls.source_path(urls.issue_key(issue)), address_page(site, urls.issue_key(issue), issue_label(issue))


register(PageKind("address", pages, roots=("d", "g"), placement=PLACED), priority=99)
