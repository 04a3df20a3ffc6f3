"""Atom feeds of the newest documents: one for the whole archive, one per issuing organ.

Feeds are data, not pages: they are written as XML next to the site's pages
(``feeds/all.xml``, ``feeds/issuers/<organ>.xml``) and linked from every page
head with ``<link rel="alternate">``. A feed's ``updated`` time is the newest
document date it lists, never the build time, so the same corpus always gives
the same bytes. Links are absolute when ``site_url`` is configured (feed
readers need that); otherwise they are relative to the feed's own address.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from ... import urls
from ...corpus import Corpus
from ...model import Document
from ..registry import PageKind, register
from ..site import SITE_NAME as SITE_TITLE, Site

NEWEST = 50                 # entries per feed


def _when(date: _dt.date | None) -> str:
    """An RFC 3339 time for a document date (midnight, China Standard Time)."""
    return f"{(date or _dt.date(1970, 1, 1)).isoformat()}T00:00:00+08:00"


def _href(site_url: str | None, feed_path: str, key: str, placement: urls.Placement | None = None) -> str:
    """The address of a page as seen from a feed: absolute with site_url (in an archive in parts, on
    the site serving it), else relative to the feed."""
    if placement is not None:
        return placement.url(key)
    if site_url:
        return urls.absolute_url(site_url, key)
    return quote(posixpath.relpath(key or ".", posixpath.dirname(feed_path))) + ("/" if key else "")


def _entry_id(site_url: str | None, key: str) -> str:
    """A permanent entry id: the page's absolute URL, or a URN of its address (stable either way; in
    an archive in parts, the portal's address, which answers every document's however it is split)."""
    return urls.absolute_url(site_url, key) if site_url else "urn:gazette-archive:" + quote(key)


def newest(corpus: Corpus, keys: list[str]) -> list[str]:
    """The newest documents first (by 成文日期, undated last, then address), at most :data:`NEWEST`."""
    def order(key: str) -> tuple:
        date = corpus.documents[key].date
        return (date is None, -(date.toordinal() if date else 0), key)

    return sorted(keys, key=order)[:NEWEST]


def atom(corpus: Corpus, feed_path: str, title: str, keys: list[str], site_url: str | None,
         placement: urls.Placement | None = None) -> str:
    """One Atom 1.0 feed of the given documents; every text from a gazette escaped as XML."""
    entries = newest(corpus, keys)
    dates = [corpus.documents[k].date for k in entries if corpus.documents[k].date]
    updated = _when(max(dates) if dates else None)
    self_href = urls.absolute_url(site_url, feed_path) if site_url else posixpath.basename(feed_path)
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
           f"  <title>{escape(title)}</title>",
           f"  <id>{escape(_entry_id(site_url, feed_path))}</id>",
           f"  <updated>{updated}</updated>",
           f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_href)}/>",
           f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_href(site_url, feed_path, ''))}/>",
           f"  <author><name>{escape(SITE_TITLE)}</name></author>"]
    for key in entries:
        out += _entry(corpus, feed_path, key, corpus.documents[key], site_url, placement)
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _entry(corpus: Corpus, feed_path: str, key: str, doc: Document, site_url: str | None,
           placement: urls.Placement | None = None) -> list[str]:
    issuers = corpus.issuers_of.get(key, doc.issuers)
    title = f"{doc.title}（{doc.doc_number}）" if doc.doc_number else doc.title
    summary = "；".join(p for p in ("、".join(issuers), doc.doc_number, doc.date.isoformat() if doc.date else "",
                                     doc.doc_type) if p)
    lines = ["  <entry>",
             f"    <title>{escape(title)}</title>",
             f"    <id>{escape(_entry_id(site_url, key))}</id>",
             f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_href(site_url, feed_path, key, placement))}/>",
             f"    <updated>{_when(doc.date)}</updated>"]
    if doc.date:
        lines.append(f"    <published>{_when(doc.date)}</published>")
    lines += [f"    <author><name>{escape(i)}</name></author>" for i in issuers]
    if doc.doc_type:
        lines.append(f"    <category term={quoteattr(doc.doc_type)}/>")
    lines += [f"    <summary>{escape(summary)}</summary>", "  </entry>"]
    return lines


def feed_files(corpus: Corpus, site_url: str | None = None,
               placement: urls.Placement | None = None) -> dict[str, str]:
    """The site feed and one feed per issuing organ: path → XML text."""
    files = {urls.SITE_FEED: atom(corpus, urls.SITE_FEED, f"{SITE_TITLE}：最新公文", list(corpus.documents), site_url,
                                  placement)}
    by_issuer: dict[str, list[str]] = {}
    for key in corpus.documents:
        for issuer in dict.fromkeys(corpus.issuers_of.get(key, corpus.documents[key].issuers)):
            by_issuer.setdefault(issuer, []).append(key)
    for issuer, keys in sorted(by_issuer.items()):
        path = urls.issuer_feed_path(issuer)
        files[path] = atom(corpus, path, f"{issuer}：最新公文（{SITE_TITLE}）", keys, site_url, placement)
    return files


def pages(site: Site):
    yield from feed_files(site.corpus, site.options.site_url, site.placement).items()


# feeds are XML files, not pages: nothing of theirs is in the nav
register(PageKind("feeds", pages, roots=("feeds",), hidden_from_nav=False), priority=5)
