"""原件: the PDF of each gazette issue read from a PDF (or from a text extracted from one and corrected
beside it), published with the site (``pdf/<issue>.pdf``), so a document page can open the original
at its page (``#page=N``) and an issue page can offer the whole PDF. An issue whose manifest entry
gives the PDF's official address links there instead (:func:`generator.urls.original_link`), and an
archive near the size cap can leave every PDF out (``publish_pdfs: false``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ... import urls
from ..registry import PLACED, PageKind, register
from ..site import Site


def pages(site: Site) -> Iterator[tuple[str, bytes]]:
    for issue in site.corpus.issues:
        if urls.publishes_original(issue, site.options.publish_pdfs) and site.serves(urls.issue_key(issue)):
            yield urls.original_pdf(issue), Path(issue.pdf.path).read_bytes()


register(PageKind("original", pages, roots=("pdf",), placement=PLACED), priority=2)
