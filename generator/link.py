"""Stage 4: the citation graph over every parsed gazette.

sources -> parse -> model -> **link** -> render -> MkDocs.

:func:`build_corpus` gives each document its one address (key, see
:mod:`generator.urls`), indexes canonical doc numbers to keys, and resolves
each document's ``references`` (canonical doc numbers the parser found) to the
corpus documents they name, plus the reverse "cited by" lists. Numbers that
name no corpus document stay unresolved: they are printed, not linked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import urls
from .doc_number import canonicalize
from .model import Document, GazetteIssue, ParseWarning


@dataclass
class Corpus:
    """Everything the renderer needs to know about the whole archive."""

    issues: list[GazetteIssue]                                    # sorted by issue slug
    documents: dict[str, Document] = field(default_factory=dict)  # key -> document, in issue/TOC order
    issue_of: dict[str, GazetteIssue] = field(default_factory=dict)
    by_number: dict[str, str] = field(default_factory=dict)       # canonical doc number -> key
    cites: dict[str, list[str]] = field(default_factory=dict)     # key -> keys it cites (resolved)
    cited_by: dict[str, list[str]] = field(default_factory=dict)  # key -> keys citing it
    warnings: dict[str, list[ParseWarning]] = field(default_factory=dict)  # key -> link-stage warnings

    def key_for_number(self, doc_number: str) -> str | None:
        """Key of the corpus document with this doc number (any printed form), else None."""
        canonical = canonicalize(doc_number) or doc_number
        return self.by_number.get(canonical)


def build_corpus(issues: list[GazetteIssue]) -> Corpus:
    """Address every document, index doc numbers, resolve citations both ways.

    Issues are taken in slug order so the first holder of an address is the
    same on every run, whatever order the files were listed in.
    """
    ordered = sorted(issues, key=urls.issue_slug)
    corpus = Corpus(issues=ordered)
    for issue in ordered:
        for document in sorted(issue.documents, key=lambda d: d.position):
            _add_document(corpus, issue, document)
    _resolve_citations(corpus)
    return corpus


def _add_document(corpus: Corpus, issue: GazetteIssue, document: Document) -> None:
    """Give a document its address; a taken address gets a numbered suffix and a warning."""
    wanted = urls.document_key(document, issue)
    key, n = wanted, 1
    while key in corpus.documents:
        n += 1
        key = urls.with_suffix(wanted, n)
    corpus.documents[key] = document
    corpus.issue_of[key] = issue
    if key != wanted:
        first = corpus.issue_of[wanted]
        corpus.warnings.setdefault(key, []).append(ParseWarning(
            "duplicate-address",
            f"{document.doc_number or document.title} 已见于 {urls.issue_slug(first)}，本篇另设地址 {key}",
            document.start_line,
        ))
    if document.doc_number and document.doc_number not in corpus.by_number:
        corpus.by_number[document.doc_number] = key


def _resolve_citations(corpus: Corpus) -> None:
    """Fill ``cites`` and ``cited_by`` from each document's parsed references."""
    for key in corpus.documents:
        corpus.cites[key] = []
        corpus.cited_by[key] = []
    for key, document in corpus.documents.items():
        seen: set[str] = set()
        for number in document.references:
            target = corpus.key_for_number(number)
            if target is None or target == key or target in seen:
                continue
            seen.add(target)
            corpus.cites[key].append(target)
            corpus.cited_by[target].append(key)
