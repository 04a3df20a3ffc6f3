"""Views of the linked corpus that pages and the search index need: an issue's name, series
ledgers, which document a printed TOC entry or a 发文目录 line announces. Computed from the
corpus, never changing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import urls
from ..doc_number import canonicalize, parse_doc_number
from ..model import GazetteIssue
from .aliases import fold_title
from .build import Corpus


def issue_label(issue: GazetteIssue) -> str:
    """How a gazette issue is named in links: 绍兴市人民政府公报 2017年第04期（总第270期）.

    A gazette without a masthead is named after its region and dated by its
    issue label or, failing that, the month it was published (嘉兴市政府公报 2017年5月).
    """
    name = issue.name or (f"{issue.region}政府公报" if issue.region else urls.issue_slug(issue))
    when = f"{issue.year}年" if issue.year else ""
    if issue.issue:
        when += issue.issue
    elif issue.published and len(issue.published) == 7 and issue.published[:4] == str(issue.year):
        when += f"{int(issue.published[5:])}月"
    label = f"{name} {when}" if when else name
    if issue.total_issue:
        label += f"（总第{issue.total_issue}期）"
    return label



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
