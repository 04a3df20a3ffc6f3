"""Stage 4: the citation graph over every parsed gazette.

sources -> parse -> model -> **link** -> render -> MkDocs.

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
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import urls
from .doc_number import DocNumberMatch, canonicalize, find_doc_numbers, parse_doc_number
from .model import Block, BlockKind, Citation, CitationKind, Document, GazetteIssue, ParseWarning
from .textnorm import fold

DEFAULT_ALIASES = Path(__file__).resolve().parent / "data" / "issuer_aliases.toml"

# Blocks that are not the document's running text: its own title and its own number line.
# The renderer shows them elsewhere, so numbers in them are neither citations nor links.
UNCITED_BLOCKS = frozenset({BlockKind.TITLE, BlockKind.DOC_NUMBER})


# ------------------------------------------------------------------ reading citations from text

def block_texts(block: Block) -> list[str]:
    """The texts of a block as the page prints them: a table's cells one by one, else its text."""
    if block.kind == BlockKind.TABLE and block.rows:
        return [cell for row in block.rows for cell in row]
    return [block.text]


# 《title》 right before a number: 《…》(浙政发〔2014〕38号), also with a short name in between:
# 《保安服务管理条例》(以下简称《条例》，国务院令第564号).
_TITLE_BEFORE = re.compile(
    r"《(?P<title>[^《》]{1,200})》[ \t\u3000]*[(（]?[ \t\u3000]*"
    r"(?:以下简称[ \t\u3000]*《[^《》]{1,40}》[ \t\u3000]*[，,、]?[ \t\u3000]*)?$"
)
_TITLE_WINDOW = 280
_CLAUSE_END = "。；;，,：:！!？?"
# Wording that follows a number and says what happens to the cited document.
_AFTER_KIND = (
    (re.compile("废止|停止执行|作废"), CitationKind.REPEALS),
    (re.compile("修改|修订"), CitationKind.AMENDS),
)
# Wording that leads into a number; the last one before it in its clause decides.
_BEFORE_WORDS = re.compile("根据|依据|按照|印发(?!的)|转发(?!的)|废止|停止执行|修改|修订")
_BEFORE_KIND = {
    "根据": CitationKind.BASIS, "依据": CitationKind.BASIS, "按照": CitationKind.BASIS,
    "印发": CitationKind.FORWARDS, "转发": CitationKind.FORWARDS,
    "废止": CitationKind.REPEALS, "停止执行": CitationKind.REPEALS,
    "修改": CitationKind.AMENDS, "修订": CitationKind.AMENDS,
}


def cited_title(text: str, match: DocNumberMatch) -> str | None:
    """The 《title》 the text gives a cited number: the one printed just before it, if any."""
    m = _TITLE_BEFORE.search(text, max(0, match.start - _TITLE_WINDOW), match.start)
    return " ".join(m.group("title").split()) if m else None


def mask_titles(text: str) -> str:
    """``text`` with everything inside 《…》 blanked (same length), so a title's own words
    (《…关于印发…的通知》) and punctuation never count as the citing sentence's wording."""
    out, depth = [], 0
    for ch in text:
        if ch == "《":
            depth += 1
        if depth:
            out.append("＿")
        else:
            out.append(ch)
        if ch == "》" and depth:
            depth -= 1
    return "".join(out)


def citation_kind(masked: str, match: DocNumberMatch) -> CitationKind:
    """How the clause around a number cites it; ``masked`` is :func:`mask_titles` of the text.

    Wording after the number wins (…(嘉政发〔2012〕53号)同时废止), else the last
    lead-in word before it in the same clause (根据《A》(n1)、《B》(n2)精神 → both basis).
    """
    start = max((masked.rfind(ch, 0, match.start) for ch in _CLAUSE_END), default=-1) + 1
    ends = [i for i in (masked.find(ch, match.end) for ch in _CLAUSE_END) if i >= 0]
    after = masked[match.end:min(ends) if ends else len(masked)]
    for pattern, kind in _AFTER_KIND:
        if pattern.search(after):
            return kind
    words = _BEFORE_WORDS.findall(masked, start, match.start)
    return _BEFORE_KIND[words[-1]] if words else CitationKind.MENTIONS


# How much of a long sentence the clause of a citation keeps before and after the number: more after,
# where the verb of a list of repealed numbers stands (原《A》(n1)、《B》(n2)、《C》(n3)同时废止).
CLAUSE_BEFORE = 80
CLAUSE_AFTER = 160
_SENTENCE_END = "。；;！!？?"


def citation_clause(document: Document, citation: Citation) -> str | None:
    """The sentence of the citing text that holds a citation (…(嘉政发〔2012〕53号)同时废止。), on one
    line and at most :data:`CLAUSE_BEFORE` / :data:`CLAUSE_AFTER` characters around the number;
    None for a number that no block holds."""
    if citation.block is None:
        return None
    text = block_texts(document.blocks[citation.block])[citation.part]
    start = max((text.rfind(ch, 0, citation.start) for ch in _SENTENCE_END), default=-1) + 1
    ends = [i for i in (text.find(ch, citation.end) for ch in _SENTENCE_END) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    head = "…" if citation.start - start > CLAUSE_BEFORE else ""
    tail = "…" if end - citation.end > CLAUSE_AFTER else ""
    start = max(start, citation.start - CLAUSE_BEFORE)
    end = min(end, citation.end + CLAUSE_AFTER)
    return head + " ".join(text[start:end].split()) + tail


def read_citations(key: str, document: Document) -> list[Citation]:
    """Every citation in a document's shown blocks, in text order (repeats kept: each is a place).

    The own number is not a citation. A number the parser found across a line
    break that no single block holds (``document.references``) is added last,
    at the document's first line, as a mention.
    """
    own = document.doc_number
    found: list[Citation] = []
    for index, block in enumerate(document.blocks):
        if block.kind in UNCITED_BLOCKS:
            continue
        for part, text in enumerate(block_texts(block)):
            masked = None
            for match in find_doc_numbers(text):
                number = match.number.canonical
                if number == own:
                    continue
                masked = masked if masked is not None else mask_titles(text)
                found.append(Citation(key, number, cited_title(text, match), block.start_line,
                                      citation_kind(masked, match), index, part, match.start, match.end))
    seen = {c.cited_number for c in found}
    for number in document.references:
        if number not in seen and number != own:
            seen.add(number)
            found.append(Citation(key, number, None, document.start_line, CitationKind.MENTIONS))
    return found


# ------------------------------------------------------------------ titles, aliases

def fold_title(title: str | None) -> str:
    """A title reduced to what identifies a document (see :func:`generator.textnorm.fold`)."""
    return fold(title)


def load_issuer_aliases(path: str | Path | None = None) -> dict[str, str]:
    """The alias table (printed name → filed name) from a TOML file with an ``[aliases]`` table.

    Chains (a → b, b → c) are followed to their end; a cycle is an error
    naming the file, because an editor must fix it.
    """
    path = Path(path) if path else DEFAULT_ALIASES
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        table = tomllib.load(fh).get("aliases", {})
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        raise ValueError(f"{path}: [aliases] must map names to names")
    resolved: dict[str, str] = {}
    for name in table:
        seen, target = {name}, table[name]
        while target in table:
            if target in seen:
                raise ValueError(f"{path}: alias cycle through {target}")
            seen.add(target)
            target = table[target]
        resolved[name.strip()] = target.strip()
    return {k: v for k, v in resolved.items() if k != v}


# ------------------------------------------------------------------ the corpus

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
class SeriesLedger:
    """One doc-number series in one year (or an organ's orders): which serials the archive knows."""

    series: str
    year: int | None
    is_order: bool
    held: dict[int, list[str]] = field(default_factory=dict)          # serial -> document keys
    cited: dict[int, str] = field(default_factory=dict)               # serial -> citation page key
    listed: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # serial -> (title, issue key)

    @property
    def key(self) -> str:
        return urls.series_key(self.series, self.year, self.is_order)

    @property
    def label(self) -> str:
        return f"{self.series}令" if self.is_order else f"{self.series}〔{self.year}〕"

    @property
    def max_serial(self) -> int:
        return max([*self.held, *self.cited, *self.listed], default=0)


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


def build_corpus(issues: list[GazetteIssue], aliases: dict[str, str] | None = None) -> Corpus:
    """Address every document, read and resolve every citation, normalise issuers.

    ``aliases`` maps printed issuer names to filed names; None reads
    :data:`DEFAULT_ALIASES`.
    """
    ordered = sorted(issues, key=issue_order)
    corpus = Corpus(issues=ordered)
    _assign_addresses(corpus, [Printing(i, d) for i in ordered for d in sorted(i.documents, key=lambda d: d.position)])
    _normalise_issuers(corpus, load_issuer_aliases() if aliases is None else aliases)
    _read_all_citations(corpus)
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
        corpus.warnings.setdefault(key, []).append(ParseWarning(
            "duplicate-address",
            f"{doc.doc_number or doc.title} 另见于不同的文件：{others}；本篇地址 {key}"
            f"（见于 {urls.issue_slug(group[0].issue)}）",
            doc.start_line,
        ))


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


def _read_all_citations(corpus: Corpus) -> None:
    """Read every document's citations, resolve them, and collect what is known per number."""
    for key in corpus.documents:
        corpus.cites[key], corpus.cited_by[key] = [], []
        corpus.citations_of[key], corpus.citations_to[key] = [], []
    for key, document in corpus.documents.items():
        for citation in read_citations(key, document):
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


# ------------------------------------------------------------------ derived views

def series_ledgers(corpus: Corpus) -> list[SeriesLedger]:
    """A ledger per (series, year): serials held, only cited, only listed in a 发文目录; sorted."""
    ledgers: dict[tuple, SeriesLedger] = {}

    def ledger_for(number: str) -> tuple[SeriesLedger, int] | None:
        parsed = parse_doc_number(number)
        if parsed is None:
            return None
        k = (parsed.series, parsed.year or 0, parsed.is_order)
        if k not in ledgers:
            ledgers[k] = SeriesLedger(parsed.series, parsed.year, parsed.is_order)
        return ledgers[k], parsed.serial

    for key, document in corpus.documents.items():
        if document.doc_number and (found := ledger_for(document.doc_number)):
            found[0].held.setdefault(found[1], []).append(key)
    for number, info in corpus.numbers.items():
        if not info.held and (found := ledger_for(number)):
            found[0].cited[found[1]] = info.key
    for issue in corpus.issues:
        for entry in issue.dispatch_list:
            number = canonicalize(entry.doc_number or "")
            if not number or match_dispatch(entry.title, entry.doc_number, corpus)[0]:
                continue  # held, possibly under the number its own text prints
            if (found := ledger_for(number)):
                found[0].listed.setdefault(found[1], []).append((entry.title, urls.issue_key(issue)))
    return [ledgers[k] for k in sorted(ledgers)]


def match_toc(issue: GazetteIssue, corpus: Corpus) -> list[str | None]:
    """For each printed TOC entry of an issue, the key of the document it announces, or None.

    Matched in order, each document at most once: by canonical number, then by
    folded title (TOC titles may be cut short: a prefix counts), then by the
    section and page the parser copied from the entry onto the document.
    """
    slug = urls.issue_slug(issue)
    docs = sorted(issue.documents, key=lambda d: d.position)
    free = {id(d): d for d in docs}
    result: list[str | None] = []
    rules = (
        lambda e, d: bool(e.doc_number) and canonicalize(e.doc_number) == d.doc_number,
        lambda e, d: bool(fold_title(e.title)) and _title_prefix(fold_title(e.title), fold_title(d.title)),
        lambda e, d: e.page is not None and (e.section, e.page) == (d.section, d.toc_page),
    )
    for entry in issue.toc:
        hit = None
        for rule in rules:
            hit = next((d for d in free.values() if rule(entry, d)), None)
            if hit:
                break
        if hit is None:
            result.append(None)
            continue
        del free[id(hit)]
        result.append(corpus.key_of_printing.get((slug, hit.position)))
    return result


def _title_prefix(a: str, b: str) -> bool:
    """Whether one folded title is the other, or its start (at least 8 characters of it)."""
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (len(short) >= 8 and long_.startswith(short))


def match_dispatch(title: str, number: str | None, corpus: Corpus) -> tuple[str | None, bool]:
    """The held document a 发文目录 line names: (key, whether the printed number differs).

    By number first; else by folded title, which catches a misprinted number
    (嘉政办发〔2016〕30号 for 〔2017〕30号) — then the caller flags the difference.
    """
    canonical = canonicalize(number or "")
    if canonical and canonical in corpus.by_number:
        return corpus.by_number[canonical], False
    folded = fold_title(title)
    key = corpus.key_for_title(folded) if folded else None
    return (key, bool(canonical)) if key else (None, False)
