"""Stage 3: the corpus, linked once over every parsed gazette, then only read.

sources -> parse -> **corpus** -> render -> site.

:func:`build_corpus` does, once, everything that needs the whole archive:

* **addresses** — every document gets one page key (:mod:`generator.urls`). The
  same document printed by two gazettes (same canonical doc number and same
  folded title) is ONE page listing both printings. Different documents
  printed under the same number get distinct pages: the bare address
  (``d/绍政发/2017/7/``) and then ``7-2/``, ``7-3/`` …, ordered by the
  documents themselves — their 成文日期 (undated last), then their folded
  title — never by file names, so a suffix only moves when a new gazette
  brings a *different* document under the same number that sorts earlier.
  Every member of such a collision gets a ``duplicate-address`` warning.
* **citations** — every doc number printed in a document's body (the blocks a
  page shows) is a :class:`Citation`: citing document, cited canonical number,
  the 《title》 printed just before it, the source line of its block and the
  kind of citation read from the wording around it (根据 → basis, 废止 → repeals …).
* **resolution** — a cited number that names a corpus document resolves to its
  key; every other cited number gets a citation page at the address it would
  have if held (the "wanted" list), so every number in the site is a link. (The
  renderer makes that page a pointer to the number's row in its series ledger.)
* **issuer aliases** — issuer names are normalised through an editable alias
  file (``generator/data/issuer_aliases.toml``), here and not in the parser, so
  the parse output stays what the gazette printed.
* **series ledgers** — per doc-number series and year: serials held, only
  cited, only listed in a 发文目录.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass, field

from .. import urls
from ..doc_number import canonicalize
from ..messages import warning
from ..model import Citation, Document, GazetteIssue, ParseWarning, TitleCitation
from .aliases import fold_title, load_issuer_aliases
from .clauses import CitationMemo, read_citations


@dataclass(frozen=True)
class Printing:
    """One printing of a document: the gazette issue and the parsed record from it."""

    issue: GazetteIssue
    document: Document


@dataclass
class CitedNumber:
    """A doc number some document cites, with what the citing texts say about it."""

    number: str                      # canonical
    key: str                         # address: the held document, else its citation page
    held: bool
    titles: list[str] = field(default_factory=list)         # distinct (folded) titles, first seen first
    citations: list[Citation] = field(default_factory=list)

    @property
    def citing_keys(self) -> list[str]:
        """Keys of the documents that cite this number, each once, in corpus order."""
        return list(dict.fromkeys(c.citing_key for c in self.citations))


@dataclass
class Corpus:
    """Everything the renderer needs to know about the whole archive."""

    issues: list[GazetteIssue]                                    # sorted by issue slug
    documents: dict[str, Document] = field(default_factory=dict)  # key -> document, in issue/TOC order
    issue_of: dict[str, GazetteIssue] = field(default_factory=dict)   # key -> issue of its first printing
    printings: dict[str, list[Printing]] = field(default_factory=dict)  # key -> every printing
    key_of_printing: dict[tuple[str, int], str] = field(default_factory=dict)  # (issue slug, position) -> key
    by_number: dict[str, str] = field(default_factory=dict)       # canonical doc number -> key
    by_number_all: dict[str, list[str]] = field(default_factory=dict)  # number -> keys of every document printing it
    citations: list[Citation] = field(default_factory=list)       # every citation, corpus then text order
    citations_of: dict[str, list[Citation]] = field(default_factory=dict)   # key -> its citations
    citations_to: dict[str, list[Citation]] = field(default_factory=dict)   # key -> citations resolving to it
    # key -> documents it cites by title alone (a history's decisions), resolved by title where held
    title_citations: dict[str, list[TitleCitation]] = field(default_factory=dict)
    cites: dict[str, list[str]] = field(default_factory=dict)     # key -> keys it cites (resolved)
    cited_by: dict[str, list[str]] = field(default_factory=dict)  # key -> keys citing it
    numbers: dict[str, CitedNumber] = field(default_factory=dict)  # cited canonical number -> what is known
    issuers_of: dict[str, list[str]] = field(default_factory=dict)   # key -> issuers after aliases
    issuer_variants: dict[str, list[str]] = field(default_factory=dict)  # filed name -> other printed names
    warnings: dict[str, list[ParseWarning]] = field(default_factory=dict)  # key -> link-stage warnings
    _titles: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _sorted_titles: list[str] = field(default_factory=list, repr=False, compare=False)
    _title_order: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def key_for_title(self, folded: str) -> str | None:
        """The first document (corpus order) whose folded title is ``folded``, starts with it, or
        begins ``folded`` (at least 8 characters): the rule of :func:`_title_prefix`, answered from
        an index instead of a scan, so matching every 发文目录 line stays linear in the archive."""
        index = self._title_index()
        hits = list(index.get(folded, ()))
        if len(folded) >= 8:
            titles = self._sorted_titles
            i = bisect.bisect_left(titles, folded)
            while i < len(titles) and titles[i].startswith(folded):
                hits += index[titles[i]]
                i += 1
            for cut in range(8, len(folded)):
                hits += index.get(folded[:cut], ())
        if not hits:
            return None
        order = self._title_order
        return min(hits, key=order.__getitem__)

    def _title_index(self) -> dict[str, list[str]]:
        """Folded title → keys, built once (the corpus is not changed after build_corpus)."""
        if self._titles is None:
            self._titles = {}
            self._title_order = {key: i for i, key in enumerate(self.documents)}
            for key, document in self.documents.items():
                folded = fold_title(document.title)
                if folded:
                    self._titles.setdefault(folded, []).append(key)
            self._sorted_titles = sorted(self._titles)
        return self._titles

    def key_for_number(self, doc_number: str) -> str | None:
        """Key of the corpus document with this doc number (any printed form), else None."""
        canonical = canonicalize(doc_number) or doc_number
        return self.by_number.get(canonical)

    @property
    def wanted(self) -> dict[str, CitedNumber]:
        """Cited numbers the archive does not hold, sorted by number: the acquisition list."""
        return {n: c for n, c in sorted(self.numbers.items()) if not c.held}

    def resolve(self, number: str, title: str | None = None) -> str | None:
        """The held document a citation names: by number, and by title when two documents share it."""
        keys = self.by_number_all.get(number)
        if not keys:
            return None
        if title and len(keys) > 1:
            folded = fold_title(title)
            for key in keys:
                doc = self.documents[key]
                if folded in (fold_title(doc.title), *map(fold_title, doc.enclosed_titles)):
                    return key
        return keys[0]

    def link_target(self, number: str, here: str, title: str | None = None) -> str | None:
        """Where a number printed on page ``here`` links: the document, else its citation page.

        None for the page's own number (never a self-link) and for a number with no address.
        """
        own = self.documents.get(here)
        if own is not None and own.doc_number == number:
            return None
        target = self.resolve(number, title)
        if target is None and number in self.numbers:
            target = self.numbers[number].key
        return None if target == here else target


def issue_order(issue: GazetteIssue) -> tuple:
    """Gazettes in a fixed order (slug, which is the file stem) whatever order files were listed in."""
    return (urls.issue_slug(issue),)


def build_corpus(issues: list[GazetteIssue], aliases: dict[str, str] | None = None,
                 memo: CitationMemo | None = None) -> Corpus:
    """Address every document, read and resolve every citation, normalise issuers.

    ``aliases`` maps printed issuer names to filed names; None reads
    :data:`DEFAULT_ALIASES`. ``memo``: the citations earlier builds read
    (:class:`.clauses.CitationMemo`), for an archive's catalogue.
    """
    ordered = sorted(issues, key=issue_order)
    corpus = Corpus(issues=ordered)
    _assign_addresses(corpus, [Printing(i, d) for i in ordered for d in sorted(i.documents, key=lambda d: d.position)])
    _normalise_issuers(corpus, load_issuer_aliases() if aliases is None else aliases)
    _read_all_citations(corpus, memo)
    _read_title_citations(corpus)
    return corpus


def _document_sort_key(document: Document) -> tuple:
    """Order of different documents sharing one number: by 成文日期 (undated last), then folded title."""
    return (document.date is None, document.date or _dt.date.min, fold_title(document.title))


def _assign_addresses(corpus: Corpus, printings: list[Printing]) -> None:
    """Group printings into documents and give each document its key (see the module docstring)."""
    groups: dict[str, dict[str, list[Printing]]] = {}   # wanted key -> folded title -> printings
    for p in printings:
        wanted = urls.document_key(p.document, p.issue)
        groups.setdefault(wanted, {}).setdefault(fold_title(p.document.title), []).append(p)
    key_of: dict[int, str] = {}
    for wanted, by_title in groups.items():
        same_docs = sorted(by_title.values(), key=lambda ps: _document_sort_key(ps[0].document))
        keys = [wanted if n == 1 else urls.with_suffix(wanted, n) for n in range(1, len(same_docs) + 1)]
        for key, group in zip(keys, same_docs):
            for p in group:
                key_of[id(p)] = key
        if len(same_docs) > 1:
            _warn_collision(corpus, keys, same_docs)
    for p in printings:
        key = key_of[id(p)]
        if key not in corpus.documents:
            corpus.documents[key] = p.document
            corpus.issue_of[key] = p.issue
        corpus.printings.setdefault(key, []).append(p)
        corpus.key_of_printing[(urls.issue_slug(p.issue), p.document.position)] = key
    for key, document in corpus.documents.items():
        if document.doc_number:
            corpus.by_number_all.setdefault(document.doc_number, []).append(key)
    for number, keys in corpus.by_number_all.items():
        keys.sort(key=lambda k: (k != urls.number_key(number), _document_sort_key(corpus.documents[k]), k))
        corpus.by_number[number] = keys[0]


def _warn_collision(corpus: Corpus, keys: list[str], groups: list[list[Printing]]) -> None:
    """Tell editors on every page involved that one number names several different documents."""
    for key, group in zip(keys, groups):
        others = "；".join(f"{g[0].document.title}（{k}）" for k, g in zip(keys, groups) if k != key)
        doc = group[0].document
        corpus.warnings.setdefault(key, []).append(warning(
            "duplicate-address", label=doc.doc_number or doc.title, others=others, key=key,
            issue=urls.issue_slug(group[0].issue), line=doc.start_line))


def _normalise_issuers(corpus: Corpus, aliases: dict[str, str]) -> None:
    """Issuers of every document under their filed names; remember the printed variants."""
    variants: dict[str, set[str]] = {}
    for key, document in corpus.documents.items():
        names: list[str] = []
        for printed in (i for p in corpus.printings[key] for i in p.document.issuers):
            filed = aliases.get(printed, printed)
            if filed != printed:
                variants.setdefault(filed, set()).add(printed)
            if filed not in names:
                names.append(filed)
        corpus.issuers_of[key] = names
    corpus.issuer_variants = {k: sorted(v) for k, v in sorted(variants.items())}


def _read_all_citations(corpus: Corpus, memo: CitationMemo | None = None) -> None:
    """Read every document's citations, resolve them, and collect what is known per number."""
    for key in corpus.documents:
        corpus.cites[key], corpus.cited_by[key] = [], []
        corpus.citations_of[key], corpus.citations_to[key] = [], []
    for key, document in corpus.documents.items():
        for citation in read_citations(key, document, memo):
            corpus.citations.append(citation)
            corpus.citations_of[key].append(citation)
            _record_number(corpus, citation)
            target = corpus.resolve(citation.cited_number, citation.cited_title)
            if target is None or target == key:
                continue
            corpus.citations_to[target].append(citation)
            if target not in corpus.cites[key]:
                corpus.cites[key].append(target)
                corpus.cited_by[target].append(key)


def _read_title_citations(corpus: Corpus) -> None:
    """Documents cited by title alone (the decisions a regulation's history names without a number):
    each resolved to the held document of that title, when the archive has one, and then part of the
    citation graph like a number; otherwise kept as an unresolved citation that pages print unlinked."""
    for key, document in corpus.documents.items():
        cited = [e for e in document.history if e.cited_title]
        if not cited:
            continue
        rows = corpus.title_citations[key] = []
        for event in cited:
            target = corpus.key_for_title(fold_title(event.cited_title))
            target = None if target == key else target
            rows.append(TitleCitation(key, event.cited_title, event.line, event.action, target))
            if target is not None and target not in corpus.cites[key]:
                corpus.cites[key].append(target)
                corpus.cited_by[target].append(key)


def _record_number(corpus: Corpus, citation: Citation) -> None:
    """Add a citation to its number's record (address, titles the texts give, citing places)."""
    number = citation.cited_number
    info = corpus.numbers.get(number)
    if info is None:
        held = corpus.by_number.get(number)
        key = held or urls.number_key(number)
        if key is None:
            return
        info = corpus.numbers[number] = CitedNumber(number, key, held is not None)
    info.citations.append(citation)
    if citation.cited_title and fold_title(citation.cited_title) not in map(fold_title, info.titles):
        info.titles.append(citation.cited_title)
