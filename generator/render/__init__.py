"""Stage 5: render the linked corpus into files under docs_src/.

``generate_files(corpus)`` streams (path, text) for everything generated: the
pages (:mod:`.pages`), the data downloads and JSON twins (:mod:`.data`) and the
Atom feeds (:mod:`.feeds`); ``write_pages(docs_dir, files)`` puts them on disk
touching only what changed. ``render_site`` is the same as one dict, for tests
and small corpora. ``escape_text`` is the one escaping rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import urls
from ..link import Corpus
from .data import DataDownloads, data_dictionary_page
from .escape import escape_text
from .feeds import feed_files
from .pages import PageRenderer
from .writer import WriteReport, write_pages

__all__ = ["escape_text", "generate_files", "render_site", "write_pages", "WriteReport"]


def generate_files(corpus: Corpus, site_url: str | None = None,
                   json_bodies: bool = True) -> Iterator[tuple[str, str]]:
    """Every generated docs_src file for the corpus as (relative path, text), one at a time.

    Each document page is followed by its JSON twin, so the stream holds one page
    at a time (what :func:`write_pages` consumes); the corpus-wide downloads and
    feeds come last. ``json_bodies=False`` leaves the body out of the JSON twins.
    """
    renderer = PageRenderer(corpus)
    downloads = DataDownloads(corpus, json_bodies)
    for key in corpus.documents:
        page = renderer.document_page(key)
        yield urls.source_path(key), page
        yield downloads.twin(key, page)
    yield from renderer.index_pages()
    yield from downloads.corpus_files().items()
    yield urls.source_path(urls.DATA_INDEX), data_dictionary_page(corpus, renderer.env, json_bodies)
    yield from feed_files(corpus, site_url).items()


def render_site(corpus: Corpus, site_url: str | None = None, json_bodies: bool = True) -> dict[str, str]:
    """Every generated docs_src file for the corpus: relative path → text, in path order (tests, tools)."""
    return dict(sorted(generate_files(corpus, site_url, json_bodies)))
