"""Stage 5: render the linked corpus into files under docs_src/.

``generate_files(corpus)`` streams (path, text) for everything generated: the
pages (:mod:`.pages`), the data downloads and JSON twins (:mod:`.data`) and the
Atom feeds (:mod:`.feeds`); ``write_pages(docs_dir, files)`` puts them on disk
touching only what changed. ``render_site`` is the same as one dict, for tests
and small corpora. ``escape_text`` is the one escaping rule.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator

from .. import urls
from ..link import Corpus
from .data import DataDownloads, data_dictionary_page
from .escape import escape_text
from .feeds import feed_files
from .pages import PageLimits, PageRenderer
from .writer import WriteReport, write_pages

__all__ = ["escape_text", "generate_files", "render_site", "write_pages", "WriteReport"]


def generate_files(corpus: Corpus, site_url: str | None = None, json_bodies: bool = True,
                   data_gzip: bool = False, limits: PageLimits = PageLimits()) -> Iterator[tuple[str, str | bytes]]:
    """Every generated docs_src file for the corpus as (relative path, text), one at a time.

    Each document page is followed by its JSON twin, so the stream holds one page
    at a time (what :func:`write_pages` consumes); the corpus-wide downloads and
    feeds come last. ``json_bodies=False`` leaves the body out of the JSON twins;
    ``data_gzip=True`` publishes the corpus-wide downloads gzip-compressed (bytes);
    ``limits`` bounds how much one page lists (:class:`generator.render.pages.PageLimits`).
    """
    renderer = PageRenderer(corpus, data_gzip=data_gzip, limits=limits)
    downloads = DataDownloads(corpus, json_bodies, data_gzip)

    def files() -> Iterator[tuple[str, str]]:
        for key in corpus.documents:
            yield urls.source_path(key), renderer.document_page(key)
            yield downloads.twin(renderer.meta(key))
            yield from renderer.cited_by_pages(key)
        yield from renderer.index_pages()
        yield from downloads.corpus_files().items()
        yield urls.source_path(urls.DATA_INDEX), data_dictionary_page(corpus, renderer.env, json_bodies, data_gzip)
        yield from feed_files(corpus, site_url).items()

    for path, text in files():
        published = urls.data_file(path, data_gzip)
        yield (published, compress(text)) if published != path else (path, text)


def compress(text: str) -> bytes:
    """A download gzip-compressed, byte-identical for the same text (no name, no timestamp)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def render_site(corpus: Corpus, site_url: str | None = None, json_bodies: bool = True,
                data_gzip: bool = False, limits: PageLimits = PageLimits()) -> dict[str, str | bytes]:
    """Every generated docs_src file for the corpus: relative path → text, in path order (tests, tools)."""
    return dict(sorted(generate_files(corpus, site_url, json_bodies, data_gzip, limits)))
