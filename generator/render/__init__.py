"""Stage 5: render the linked corpus into files under docs_src/.

``render_site(corpus)`` gives {path: text} for everything generated: the pages
(:mod:`.pages`), the data downloads and JSON twins (:mod:`.data`) and the Atom
feeds (:mod:`.feeds`); ``write_pages(docs_dir, files)`` puts them on disk
touching only what changed. ``escape_text`` is the one escaping rule.
"""

from __future__ import annotations

from .. import urls
from ..link import Corpus
from .data import data_dictionary_page, data_files
from .escape import escape_text
from .feeds import feed_files
from .pages import make_environment
from .pages import render_site as render_pages
from .writer import WriteReport, write_pages

__all__ = ["escape_text", "render_site", "write_pages", "WriteReport"]


def render_site(corpus: Corpus, site_url: str | None = None) -> dict[str, str]:
    """Every generated docs_src file for the corpus: relative path → text, in path order."""
    files = render_pages(corpus)
    files.update(data_files(corpus, files))
    files[urls.source_path(urls.DATA_INDEX)] = data_dictionary_page(corpus, make_environment())
    files.update(feed_files(corpus, site_url))
    return dict(sorted(files.items()))
