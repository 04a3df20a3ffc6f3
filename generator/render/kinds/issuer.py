"""Issuing organs (发文机关): a page per issuer (its documents by year, or past PageLimits.listing_rows
its years, each on a page) and the index of all issuers (``issuers/``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ..escape import escape_text
from ..meta import one_line
from ..registry import HomeLink, PageKind, register
from ..site import Listing, Pager, Site


@dataclass(frozen=True)
class IssuerPage(Listing):
    """The context of issuer.md.j2."""

    name: str
    variants: list[str]


@dataclass(frozen=True)
class IssuersIndex:
    """The context of issuers_index.md.j2."""

    rows: list[dict]
    unsigned: int
    documents: int
    joint: int
    pager: Pager | None = None


def issuer_page(site: Site, name: str, keys: list[str]) -> Iterator[tuple[str, str]]:
    """An issuer (发文机关): its documents grouped by year, newest year first."""
    meta = {"kind": "issuer", "title": escape_text(name), "issuer": one_line(name)}
    key = urls.issuer_key(name)
    variants = site.corpus.issuer_variants.get(name, [])
    yield from site.listing_pages("issuer.md.j2", key, meta, keys,
                                  lambda **fields: IssuerPage(name=name, variants=variants, **fields))


def issuers_index(site: Site) -> Iterator[tuple[str, str]]:
    """All issuers, most documents first (a joint document counts once for each of its issuers)."""
    corpus = site.corpus
    unsigned = sum(1 for k in corpus.documents if not corpus.issuers_of.get(k))
    joint = sum(1 for v in corpus.issuers_of.values() if len(v) > 1)
    yield from site.paged("issuers_index.md.j2", urls.ISSUERS_INDEX, {"kind": "index", "title": "发文机关"},
                          site.count_rows(site.by_issuer, urls.issuer_key),
                          lambda chunk, pager: IssuersIndex(rows=chunk, unsigned=unsigned, joint=joint,
                                                            documents=len(corpus.documents), pager=pager))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield from site.grouped_pages(site.by_issuer, urls.issuer_key, issuer_page, "issuer", "issuer", show_issuers=False)
    yield from issuers_index(site)


def home_link(site: Site) -> HomeLink:
    return HomeLink(20, "发文机关", urls.ISSUERS_INDEX, f"按发文机关浏览（{len(site.by_issuer)} 个）")


register(PageKind("issuer", pages, roots=("issuers",), home_link=home_link), priority=70)
