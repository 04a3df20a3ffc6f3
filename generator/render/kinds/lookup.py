"""The exact doc-number lookup the search box asks before full-text search (``search/numbers/``).

Full-text search finds ``绍政发〔2017〕7号`` as printed, not a typed ``绍政发[2017]7号`` or
``绍政发2017年7号``, so a number typed in any variant is canonicalised in the
browser (the rules of :mod:`generator.doc_number`, ported to
theme_overrides/assets/javascripts/gazette-search.js) and looked up in a small JSON
map: one file per hash of the series (``search/numbers/<fnv1a>.json``, see
:func:`generator.urls.number_shard_path`), so a query downloads only the numbers of
its own series, whatever the size of the archive.
"""

from __future__ import annotations

import json

from ... import urls
from ...doc_number import series_of
from ..registry import PageKind, register
from ..site import Site


def number_shards(corpus, placement: urls.Placement | None = None) -> dict[str, str]:
    """The exact doc-number lookup as {site-relative path: JSON text}, deterministic.

    Each shard maps canonical number → list of {url, title, held}: every document
    the archive holds under that number (``7/``, ``7-2/`` …), else the citation
    page of a number only cited (held false, with the title the citing text
    gives, if any). ``url`` is a page key, relative to the site root; in an archive in parts, the
    absolute address on the site serving it (the shards are on the portal, read from every part).
    """
    shards: dict[str, dict[str, list[dict]]] = {}

    def add(number: str, entry: dict) -> None:
        series = series_of(number)
        if series is not None:
            shards.setdefault(urls.number_shard_path(series), {}).setdefault(number, []).append(entry)

    for key, document in corpus.documents.items():
        if document.doc_number:
            add(document.doc_number, {"url": urls.public_url(key, placement), "title": " ".join(document.title.split()), "held": True})
    for number, info in corpus.wanted.items():
        add(number, {"url": urls.public_url(info.key, placement), "title": info.titles[0] if info.titles else "", "held": False})
    return {path: json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
            for path, table in sorted(shards.items())}


def pages(site: Site):
    yield from number_shards(site.corpus, site.placement).items()


# JSON files MkDocs copies as they are
register(PageKind("lookup", pages, roots=("search",), hidden_from_nav=False), priority=4)
