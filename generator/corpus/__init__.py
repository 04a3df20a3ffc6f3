"""Stage 3: the corpus. Every parsed gazette linked once (addresses, citations, aliases), then
read by the renderer and never changed.

* :mod:`.clauses` — citations read from a document's text (kind, title, span, clause);
* :mod:`.aliases` — folded titles and the issuer alias table;
* :mod:`.build`   — :class:`Corpus` and :func:`build_corpus` (addresses, resolution);
* :mod:`.views`   — series ledgers and TOC / 发文目录 matching.
"""

from .aliases import DEFAULT_ALIASES, fold_title, load_issuer_aliases
from .build import CitedNumber, Corpus, Printing, build_corpus
from .clauses import UNCITED_BLOCKS, CitationMemo, block_texts, citation_clause, cited_title, read_citations
from .views import SeriesLedger, match_dispatch, match_toc, series_ledgers

__all__ = ["DEFAULT_ALIASES", "UNCITED_BLOCKS", "CitationMemo", "CitedNumber", "Corpus", "Printing", "SeriesLedger",
           "block_texts", "build_corpus", "citation_clause", "cited_title", "fold_title",
           "load_issuer_aliases", "match_dispatch", "match_toc", "read_citations", "series_ledgers"]
