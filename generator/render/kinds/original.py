"""原件: the PDF each gazette issue read from a PDF was read from, published beside its pages
(``pdf/<issue>.pdf``), so a document page can open the original at its page (``#page=N``) and an
issue page can offer the whole PDF. Gazettes read from text have no original here, and an
archive near the size cap can leave the PDFs out (``publish_pdfs: false``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ... import urls
from ..registry import PageKind, register
from ..site import Site


def pages(site: Site) -> Iterator[tuple[str, bytes]]:
    if not site.options.publish_pdfs:
        return
    for issue in site.corpus.issues:
        if issue.page_starts:            # read from a PDF
            yield urls.original_pdf(issue), Path(issue.source_file).read_bytes()


register(PageKind("original", pages, roots=("pdf",)), priority=2)
