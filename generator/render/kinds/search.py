"""The search page (``search/``): the search box, filters and results, run in the browser.

The page itself is a form and empty lists; theme_overrides/assets/javascripts/
gazette-search.js fills them from the index of our own tokens
(:mod:`generator.search`), reading the query from the address (``?q=…``) so a search
is a link. It also writes ``search/t2s.json``, the traditional → simplified table
the page folds a query with, from the same OpenCC table the index folded the text
with (:func:`generator.search.phrase.t2s_table`), so both sides fold alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ...search.phrase import t2s_table
from ...search.records import FILTERS
from ..registry import PLACED, PageKind, register
from ..site import Site


@dataclass(frozen=True)
class SearchPage:
    """The context of search.md.j2."""

    filters: tuple[str, ...]
    example_number: str | None


def search_page(site: Site) -> str:
    numbers = sorted(d.doc_number for d in site.corpus.documents.values() if d.doc_number)
    return site.render("search.md.j2", urls.SEARCH, {"kind": "search", "title": "全文检索"},
                       SearchPage(filters=FILTERS, example_number=numbers[0] if numbers else None))


def t2s_json() -> str:
    """The folding table as compact JSON, one object, keys in code-point order."""
    return json.dumps(dict(sorted(t2s_table().items())), ensure_ascii=False, separators=(",", ":")) + "\n"


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield urls.source_path(urls.SEARCH), search_page(site)
    yield urls.SEARCH_T2S, t2s_json()


register(PageKind("search", pages, roots=("search",), hidden_from_nav=True, placement=PLACED), priority=4)
