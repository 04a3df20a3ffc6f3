"""Stage 5: the corpus → Markdown pages with YAML front matter, one (path, text) at a time.

Pure and deterministic: the same corpus gives byte-identical text (sorted
front-matter keys, sorted listings, no timestamps). :mod:`generator.render`
streams these pages with the data files; writing to disk is
:mod:`generator.render.writer`'s job. Besides Markdown pages the index stream holds
the citation graph as CSV (:data:`generator.urls.CITATIONS_CSV`) and the doc-number
lookup shards, which MkDocs copies into the site as they are.

Templates are Jinja2 with autoescape on and a ``finalize`` hook, so every
``{{ value }}`` that is not Markup we built ourselves goes through the one
escaping function, :func:`generator.render.escape.escape_text`.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import jinja2
from markupsafe import Markup

from .. import urls
from ..doc_number import canonicalize, parse_doc_number, series_label, series_of
from ..search import number_shards
from ..link import Corpus, CitedNumber, match_dispatch, match_toc, series_ledgers
from ..model import BlockKind, Citation, CitationKind, Document, GazetteIssue
from .body import link_markdown, render_body
from .escape import escape_text
from .meta import DocumentMeta, document_meta, issue_label, one_line

SITE_NAME = "政府公报档案库"
# How each kind of citation is named on the pages.
KIND_LABEL = {
    CitationKind.BASIS: "依据",
    CitationKind.FORWARDS: "印发/转发",
    CitationKind.REPEALS: "废止",
    CitationKind.AMENDS: "修改",
    CitationKind.MENTIONS: "提及",
}
NO_TYPE = "未标文种"
NO_NUMBER = "无文号"
# Pagefind sort value of an undated document: sorts after every date when newest come first.
UNDATED_SORT = "0000-00-00"
HOME_NEWEST = 8          # newest documents listed on the home page
OFFICIAL_SITES = Path(__file__).resolve().parent.parent / "data" / "official_sites.toml"
CSV_COLUMNS = ["citing", "cited", "kind", "resolved", "citing_title", "cited_title", "line",
               "citing_url", "cited_url", "source_file"]


@dataclass(frozen=True)
class PageLimits:
    """How much one page lists before the rest moves to pages of its own, so that no page grows
    without bound as the archive does."""

    # Above this many documents an issuer, 文种 or region page lists its years, each year on a page
    # of its own (a year, its months): one table of 11,000 notices is a 5 MB page, which no phone
    # should be sent for one click.
    listing_rows: int = 1_000
    # A document page lists this many of the documents citing it (被引用), newest first; past that it
    # links a page listing all of them. A national regulation can be cited by thousands.
    cited_by_rows: int = 10
    # Above this many wanted numbers the wanted index lists series only (a 25,000-document archive
    # lacks about 17,000 cited numbers: one page of them was 16 MB).
    wanted_rows: int = 1_000


def _finalize(value: object) -> object:
    """Route every template value through escape_text unless it is markup we made."""
    if isinstance(value, Markup):
        return value
    return Markup(escape_text(value))


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, text: object, key: str) -> Markup:
    """Template helper: a validated relative link from the page being rendered (``here``)."""
    return link_markdown(str(text), context["here"], key)


def make_environment() -> jinja2.Environment:
    """The Jinja2 environment for page templates (packaged under generator/templates)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["link"] = _link
    return env


def date_cn(date: _dt.date | None) -> str:
    """A date as printed in official documents: 2017年4月15日."""
    return f"{date.year}年{date.month}月{date.day}日" if date else ""


def document_label(document: Document) -> str:
    """How a document is named in link lists: title plus doc number."""
    if document.doc_number:
        return f"{document.title}（{document.doc_number}）"
    return document.title


def document_year(document: Document, issue: GazetteIssue) -> int | None:
    """The year a document is filed under: its date, else its gazette's year."""
    return document.date.year if document.date else issue.year


def load_official_sites(path: Path = OFFICIAL_SITES) -> dict[str, str]:
    """Region → official government website, from generator/data/official_sites.toml (https only)."""
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        table = tomllib.load(fh).get("sites", {})
    return {str(k): str(v) for k, v in table.items() if str(v).startswith("https://")}


def official_site(region: str | None, sites: dict[str, str]) -> dict | None:
    """The official site to point readers of a region's gazette to, or None (generic wording)."""
    if region and region in sites:
        return {"region": region, "url": sites[region]}
    return None


@dataclass(frozen=True)
class DocRow:
    """One document as a row of an index listing."""

    key: str
    title: str
    doc_number: str | None
    date: _dt.date | None
    date_cn: str
    issuers_text: str

    @property
    def sort_key(self) -> tuple:
        return (self.date or _dt.date.min, self.doc_number or "", self.key)


def _row(corpus: Corpus, key: str) -> DocRow:
    document = corpus.documents[key]
    return DocRow(
        key=key, title=document.title, doc_number=document.doc_number, date=document.date,
        date_cn=date_cn(document.date), issuers_text="、".join(corpus.issuers_of.get(key, document.issuers)),
    )


def kinds_text(citations: list[Citation]) -> str:
    """The distinct kinds of a set of citations, in a fixed order: 依据、废止."""
    kinds = {c.kind for c in citations}
    return "、".join(KIND_LABEL[k] for k in CitationKind if k in kinds)


def _newest_first(date: _dt.date | None, key: str) -> tuple:
    """Sort key: newest date first, undated last, then by address."""
    return (date is None, -(date.toordinal() if date else 0), key)


def _issue_recency(issue: GazetteIssue) -> tuple:
    """Sort key for gazette issues by recency: year, month published, then slug (sort reversed)."""
    return (issue.year or 0, issue.published or "", urls.issue_slug(issue))


def _compress_gaps(serials: list[int], max_serial: int) -> list[tuple[int, int]]:
    """Runs of serials 1..max that are not in ``serials``, as (first, last) pairs."""
    known, runs, start = set(serials), [], None
    for n in range(1, max_serial + 2):
        if n <= max_serial and n not in known:
            start = n if start is None else start
        elif start is not None:
            runs.append((start, n - 1))
            start = None
    return runs


class PageRenderer:
    """Renders every page of the site from one corpus."""

    def __init__(self, corpus: Corpus, env: jinja2.Environment | None = None, data_gzip: bool = False,
                 limits: PageLimits = PageLimits()):
        self.corpus = corpus
        self.limits = limits
        self.data_gzip = data_gzip                  # the downloads are published as .gz (home page link)
        self.env = env or make_environment()
        self.rows = {key: _row(corpus, key) for key in corpus.documents}
        self.by_issuer = self._group(lambda k: corpus.issuers_of.get(k, []))
        self.by_year = self._group(lambda k: [y] if (y := self.year_of(k)) is not None else [])
        self.by_type = self._group(lambda k: [corpus.documents[k].doc_type or NO_TYPE])
        self.by_region = self._group(lambda k: [r] if (r := corpus.issue_of[k].region) else [])
        self.ledgers = series_ledgers(corpus)
        self.ledger_of = {key: l for l in self.ledgers for key in l.cited.values()}  # citation page -> ledger
        self.ledger_keys = {l.key for l in self.ledgers}
        self.official_sites = load_official_sites()

    # -- assembling ---------------------------------------------------------------
    def index_pages(self) -> Iterator[tuple[str, str]]:
        """Every generated file but the document pages: citation pages, indexes, ledgers, the home page."""
        for info in self.corpus.wanted.values():
            yield urls.source_path(info.key), self.citation_page(info)
        for issue in self.corpus.issues:
            yield urls.source_path(urls.issue_key(issue)), self.issue_page(issue)
        for name, keys in sorted(self.by_issuer.items()):
            yield urls.source_path(urls.issuer_key(name)), self.issuer_page(name, keys)
            yield from self.listing_year_pages(urls.issuer_key(name), name, keys,
                                               {"kind": "issuer", "issuer": one_line(name)}, show_issuers=False)
        for year, keys in sorted(self.by_year.items()):
            yield urls.source_path(urls.year_key(year)), self.year_page(year, keys)
            yield from self.year_month_pages(year, keys)
        for doc_type, keys in sorted(self.by_type.items()):
            yield urls.source_path(urls.type_key(doc_type)), self.type_page(doc_type, keys)
            yield from self.listing_year_pages(urls.type_key(doc_type), doc_type, keys,
                                               {"kind": "type", "doc_type": one_line(doc_type)})
        for region, keys in sorted(self.by_region.items()):
            yield urls.source_path(urls.region_key(region)), self.region_page(region, keys)
            yield from self.listing_year_pages(urls.region_key(region), region, keys,
                                               {"kind": "region", "region": one_line(region)})
        for ledger in self.ledgers:
            yield urls.source_path(ledger.key), self.ledger_page(ledger)
        for (series, is_order), numbers in sorted(self._wanted_by_series().items()):
            yield urls.source_path(urls.wanted_series_key(series, is_order)), \
                self.wanted_series_page(series, is_order, numbers)
        yield urls.source_path(urls.ISSUES_INDEX), self.issues_index()
        yield urls.source_path(urls.ISSUERS_INDEX), self.issuers_index()
        yield urls.source_path(urls.YEARS_INDEX), self.years_index()
        yield urls.source_path(urls.TYPES_INDEX), self.types_index()
        yield urls.source_path(urls.REGIONS_INDEX), self.regions_index()
        yield urls.source_path(urls.SERIES_INDEX), self.series_index()
        yield urls.source_path(urls.WANTED_INDEX), self.wanted_index()
        yield urls.source_path(urls.HOME), self.home_page()
        yield urls.CITATIONS_CSV, citations_csv(self.corpus)
        yield from number_shards(self.corpus).items()

    def _page(self, template: str, here: str, meta: dict, **context: object) -> str:
        """Render a template for page ``here`` and put YAML front matter on top.

        ``title`` in front matter is what MkDocs and Material print as the page
        title without escaping, so it is stored escaped; plain text goes under
        other keys.
        """
        body = self.env.get_template(template).render(here=here, **context)
        post = frontmatter.Post(body.strip() + "\n", **meta)
        return frontmatter.dumps(post, sort_keys=True, width=1_000_000) + "\n"

    def _group(self, names_of) -> dict:
        """Group document keys by the names a function gives each (a joint document joins each group)."""
        groups: dict = {}
        for key in self.corpus.documents:
            for name in dict.fromkeys(names_of(key)):
                groups.setdefault(name, []).append(key)
        return groups

    def year_of(self, key: str) -> int | None:
        """The year a document is filed under (its date, else its first printing's gazette year)."""
        return document_year(self.corpus.documents[key], self.corpus.issue_of[key])

    def _sorted_rows(self, keys: list[str]) -> list[DocRow]:
        return sorted((self.rows[k] for k in keys), key=lambda r: r.sort_key)

    def _by_year_rows(self, keys: list[str]) -> list[tuple[int | None, list[DocRow]]]:
        """Rows grouped by year, newest year first, undated last."""
        by_year: dict[int | None, list[DocRow]] = {}
        for row in self._sorted_rows(keys):
            by_year.setdefault(self.year_of(row.key), []).append(row)
        return sorted(by_year.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0)))

    def _doc_link(self, key: str) -> dict:
        """A document as a link label and key."""
        return {"label": document_label(self.corpus.documents[key]), "key": key}

    def _short_link(self, key: str) -> dict:
        """A document as a short link: its doc number, or its title when it has none. For lists that
        name many documents in a row (who cites a wanted number), where numbers are how archivists
        read them and the full label of each would make the page several times longer."""
        document = self.corpus.documents[key]
        return {"label": document.doc_number or document.title, "key": key}

    # -- citation blocks ------------------------------------------------------------
    def cites_rows(self, key: str) -> list[dict]:
        """What a document cites, one row per cited number (first place first): held ones linked
        with their title, the others with the title the text gives and a not-held mark."""
        groups: dict[tuple[str, str | None], list[Citation]] = {}
        for c in self.corpus.citations_of.get(key, []):
            target = self.corpus.link_target(c.cited_number, key, c.cited_title)
            groups.setdefault((c.cited_number, target), []).append(c)
        rows = []
        for (number, target), citations in groups.items():
            held = target in self.corpus.documents
            title = next((c.cited_title for c in citations if c.cited_title), None)
            rows.append({
                "number": number, "key": target, "held": held,
                "label": document_label(self.corpus.documents[target]) if held else number,
                "title": title, "kinds": kinds_text(citations),
                "lines": "、".join(str(n) for n in dict.fromkeys(c.line for c in citations)),
            })
        return rows

    def cited_by_rows(self, key: str) -> list[dict]:
        """Who cites a document (or a wanted number): kind and date, newest first."""
        return self._citing_rows(self.corpus.citations_to.get(key, []))

    def _citing_rows(self, citations: list[Citation]) -> list[dict]:
        groups: dict[str, list[Citation]] = {}
        for c in citations:
            groups.setdefault(c.citing_key, []).append(c)
        rows = []
        for citing, cs in groups.items():
            doc = self.corpus.documents[citing]
            rows.append({**self._doc_link(citing), "kinds": kinds_text(cs), "date": doc.date,
                         "date_cn": date_cn(doc.date) or "日期不详",
                         "titles": list(dict.fromkeys(c.cited_title for c in cs if c.cited_title)),
                         "lines": "、".join(str(n) for n in dict.fromkeys(c.line for c in cs))})
        rows.sort(key=lambda r: _newest_first(r["date"], r["key"]))
        return rows

    def notices(self, citations: list[Citation]) -> list[dict]:
        """"可能已被 X 废止/修改": one notice per citing document that repeals or amends, newest first."""
        rows = [r for r in self._citing_rows([c for c in citations
                                              if c.kind in (CitationKind.REPEALS, CitationKind.AMENDS)])]
        for r in rows:
            r["verb"] = "废止" if "废止" in r["kinds"] else "修改"
        return rows

    # -- pages --------------------------------------------------------------------
    def meta(self, key: str) -> DocumentMeta:
        """The one record of a document that its page, JSON twin, data rows and JSON-LD are made from."""
        return document_meta(self.corpus, key)

    def document_page(self, key: str) -> str:
        """One document: notices, H1 title, metadata box, linked body, citations, provenance."""
        document, issue = self.corpus.documents[key], self.corpus.issue_of[key]
        issuers = list(dict.fromkeys(self.corpus.issuers_of.get(key, document.issuers)))
        record = self.meta(key)
        # the fields, then what the theme prints from them in the <head> (JSON-LD, feeds, error report)
        meta = {**record.record(), **record.head()}
        printings = [{"label": issue_label(p.issue), "key": urls.issue_key(p.issue), "section": p.document.section,
                      "toc_page": p.document.toc_page, "source_name": Path(p.issue.source_file).name,
                      "start_line": p.document.start_line, "end_line": p.document.end_line}
                     for p in self.corpus.printings.get(key, [])]
        return self._page(
            "document.md.j2", key, meta,
            doc=document,
            issuers=[{"name": i, "key": urls.issuer_key(i)} for i in issuers],
            number_link=self._number_link(key, document.doc_number),
            series_filter=series_of(document.doc_number),
            date_link=self._date_link(key, document.date),
            sort_date=document.date.isoformat() if document.date else UNDATED_SORT,
            region=issue.region,
            official=official_site(issue.region, self.official_sites),
            printings=printings,
            doc_type_key=urls.type_key(document.doc_type) if document.doc_type else None,
            body=render_body(document, self.corpus, key),
            notices=self.notices(self.corpus.citations_to.get(key, [])),
            cites=self.cites_rows(key),
            **self._cited_by_on_page(key),
            warnings=list(document.warnings) + self.corpus.warnings.get(key, []),
        )

    def _cited_by_on_page(self, key: str) -> dict:
        """The 被引用 block of a document page: its newest citers, and past the limit how many there are
        in all and the page that lists them."""
        rows = self.cited_by_rows(key)
        shown = rows[:self.limits.cited_by_rows]
        return {"cited_by": shown, "cited_by_count": len(rows),
                "cited_by_all": urls.cited_by_key(key) if len(rows) > len(shown) else None}

    def cited_by_pages(self, key: str) -> Iterator[tuple[str, str]]:
        """The page of every document citing ``key``, for a document whose page lists only the newest."""
        if len(self.corpus.cited_by.get(key, [])) <= self.limits.cited_by_rows:    # distinct citers
            return
        rows = self.cited_by_rows(key)
        document, here = self.corpus.documents[key], urls.cited_by_key(key)
        label = document_label(document)
        meta = {"kind": "cited-by", "title": escape_text(f"引用 {document.doc_number or document.title} 的文件"),
                "doc_number": document.doc_number}
        yield urls.source_path(here), self._page("cited_by.md.j2", here, meta, label=label, document=key,
                                                 cited_by=rows)

    def _number_link(self, here: str, doc_number: str | None) -> Markup | None:
        """The doc number linked to its series ledger (the page listing its neighbours), if it has one."""
        number = parse_doc_number(doc_number) if doc_number else None
        if number is None:
            return None
        ledger = urls.series_key(number.series, number.year, number.is_order)
        if ledger not in self.ledger_keys:
            return Markup(escape_text(doc_number))
        return link_markdown(doc_number, here, ledger)

    def _date_link(self, here: str, date: _dt.date | None) -> Markup:
        """成文日期 as a <time> linked to its year page (documents are filed under their date's year)."""
        if date is None:
            return Markup("不详")
        time = Markup('<time datetime="{}" data-pagefind-filter="年份:{}">{}</time>').format(
            date.isoformat(), date.year, date_cn(date))
        if date.year not in self.by_year:
            return time
        return Markup("[{}]({})").format(time, Markup(urls.relative_link(here, urls.year_key(date.year))))

    def citation_page(self, info: CitedNumber) -> str:
        """A cited number the archive does not hold keeps its own address (links to it stay valid when
        the document arrives), as a small page that sends the reader on to the number's row in its
        series ledger, where its titles, citing documents and notices are listed.

        A full themed page per number was the largest item after the documents themselves: an archive
        of 25,000 documents cites about 17,000 numbers it does not hold (114 MB of pages). The plugin
        renders such pages with the theme's ``citation.html``, which writes the redirect; the body
        below is what a Markdown reader sees.
        """
        ledger = self.ledger_of.get(info.key)
        parsed = parse_doc_number(info.number)
        target, fragment = (ledger.key, parsed.serial) if ledger else (urls.WANTED_INDEX, None)
        meta = {"kind": "citation", "title": escape_text(info.number),
                "doc_number": info.number, "known_titles": [one_line(t) for t in info.titles], "held": False,
                "redirect": urls.relative_url(info.key, target, fragment)}
        return self._page("citation.md.j2", info.key, meta, info=info, target=target,
                          target_label=ledger.label if ledger else "待征集文件")

    def issue_page(self, issue: GazetteIssue) -> str:
        """A gazette issue: particulars, the printed TOC by section, documents, colophon, 发文目录."""
        here = urls.issue_key(issue)
        slug = urls.issue_slug(issue)
        docs = sorted(issue.documents, key=lambda d: d.position)
        toc_keys = match_toc(issue, self.corpus)
        sections: list[dict] = []
        for entry, key in zip(issue.toc, toc_keys):
            if not sections or sections[-1]["name"] != entry.section:
                sections.append({"name": entry.section, "entries": []})
            sections[-1]["entries"].append({"entry": entry, "key": key})
        in_toc = {k for k in toc_keys if k}
        untoc = [{"document": d, "key": self.corpus.key_of_printing[(slug, d.position)]} for d in docs
                 if self.corpus.key_of_printing[(slug, d.position)] not in in_toc]
        dispatch = []
        for entry in issue.dispatch_list:
            key, differs = match_dispatch(entry.title, entry.doc_number, self.corpus)
            number = canonicalize(entry.doc_number) if entry.doc_number else None
            cited = self.corpus.numbers.get(number) if number and key is None else None
            dispatch.append({"entry": entry, "key": key, "differs": differs,
                             "cited_key": cited.key if cited else None})
        colophon = [r for r in issue.regions if r.kind == "colophon"]
        meta = {"kind": "issue", "title": escape_text(issue_label(issue)), "gazette": issue.to_record()}
        meta["gazette"]["source_file"] = Path(issue.source_file).name
        return self._page("issue.md.j2", here, meta, issue=issue, label=issue_label(issue),
                          source_name=Path(issue.source_file).name, sections=sections, untoc=untoc,
                          missing=sum(1 for k in toc_keys if k is None), dispatch=dispatch,
                          colophon=colophon, count=len(docs),
                          region_key=urls.region_key(issue.region) if issue.region in self.by_region else None)

    # -- long listings: one page, or a page of its parts (years, or a year's months) and a page per part --
    def _parts(self, keys: list[str], part_of, label_of, key_of, newest_first: bool) -> list[dict] | None:
        """The parts of a listing too long for one page, in order (unknown last), each with its label,
        page and documents; None when the listing fits on one page."""
        if len(keys) <= self.limits.listing_rows:
            return None
        groups: dict[int | None, list[str]] = {}
        for key in keys:
            groups.setdefault(part_of(key), []).append(key)
        order = sorted(groups, key=lambda p: (p is None, -(p or 0) if newest_first else (p or 0)))
        return [{"value": p, "label": label_of(p), "key": key_of(p), "count": len(groups[p]), "keys": groups[p]}
                for p in order]

    def listing_years(self, listing: str, keys: list[str]) -> list[dict] | None:
        """An issuer, 文种 or region listing's years when it is too long for one page, newest first."""
        return self._parts(keys, self.year_of, lambda y: f"{y}年" if y is not None else "年份不详",
                           lambda y: urls.listing_year_key(listing, y), newest_first=True)

    def year_months(self, year: int, keys: list[str]) -> list[dict] | None:
        """A year's months when the year is too long for one page, in calendar order; documents dated
        in another year (filed under their gazette's) or undated go last."""
        return self._parts(keys, lambda k: self._month_in(k, year),
                           lambda m: f"{m}月" if m is not None else "月份不详",
                           lambda m: urls.year_month_key(year, m), newest_first=False)

    def _month_in(self, key: str, year: int) -> int | None:
        """The month a document is listed under on its year's page: its date's, if dated in that year."""
        date = self.corpus.documents[key].date
        return date.month if date and date.year == year else None

    def _listing(self, listing: str, keys: list[str]) -> dict:
        """Template context of a listing page: its rows by year, or (when split) its years."""
        years = self.listing_years(listing, keys)
        return {"count": len(keys), "years": years, "by_year": [] if years else self._by_year_rows(keys)}

    def part_pages(self, listing: str, name: str, parts: list[dict] | None, total: int,
                   meta: Callable[[int | None], dict], show_issuers: bool = True) -> Iterator[tuple[str, str]]:
        """One page per part of a split listing (``types/通知/2017/``, ``years/2017/03/``), each naming
        its siblings; ``meta`` gives a part's front matter from its year or month."""
        for part in parts or []:
            page_meta = {**meta(part["value"]), "title": escape_text(f"{name} · {part['label']}")}
            yield urls.source_path(part["key"]), self._page(
                "listing_part.md.j2", part["key"], page_meta, name=name, listing=listing, part=part,
                parts=parts, total=total, rows=self._sorted_rows(part["keys"]), show_issuers=show_issuers)

    def listing_year_pages(self, listing: str, name: str, keys: list[str], meta: dict,
                           show_issuers: bool = True) -> Iterator[tuple[str, str]]:
        """The year pages of an issuer, 文种 or region listing too long for one page."""
        yield from self.part_pages(listing, name, self.listing_years(listing, keys), len(keys),
                                   lambda year: {**meta, "year": year}, show_issuers)

    def year_month_pages(self, year: int, keys: list[str]) -> Iterator[tuple[str, str]]:
        """The month pages of a year too long for one page."""
        yield from self.part_pages(urls.year_key(year), f"{year}年", self.year_months(year, keys), len(keys),
                                   lambda month: {"kind": "year", "year": year, "month": month})

    def issuer_page(self, name: str, keys: list[str]) -> str:
        """An issuer (发文机关): its documents grouped by year, newest year first."""
        meta = {"kind": "issuer", "title": escape_text(name), "issuer": one_line(name)}
        key = urls.issuer_key(name)
        return self._page("issuer.md.j2", key, meta, name=name, **self._listing(key, keys),
                          variants=self.corpus.issuer_variants.get(name, []))

    def year_page(self, year: int, keys: list[str]) -> str:
        """A year: its documents grouped by month of their date (undated last), with counts; past
        PageLimits.listing_rows, its months with a page each."""
        by_month: dict[int | None, list[DocRow]] = {}
        for row in self._sorted_rows(keys):
            by_month.setdefault(self._month_in(row.key, year), []).append(row)
        months = sorted(by_month.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
        meta = {"kind": "year", "title": f"{year}年", "year": year}
        parts = self.year_months(year, keys)
        return self._page("year.md.j2", urls.year_key(year), meta, year=year, count=len(keys),
                          parts=parts, months=[] if parts else months)

    def type_page(self, doc_type: str, keys: list[str]) -> str:
        """A 文种: its documents by year."""
        meta = {"kind": "type", "title": escape_text(doc_type), "doc_type": one_line(doc_type)}
        key = urls.type_key(doc_type)
        return self._page("type.md.j2", key, meta, name=doc_type, **self._listing(key, keys))

    def region_page(self, region: str, keys: list[str]) -> str:
        """A region (city): its gazette issues and its documents by year."""
        issues = [{"label": issue_label(i), "key": urls.issue_key(i), "count": len(i.documents)}
                  for i in self.corpus.issues if i.region == region]
        meta = {"kind": "region", "title": escape_text(region), "region": one_line(region)}
        key = urls.region_key(region)
        return self._page("region.md.j2", key, meta, name=region, issues=issues, **self._listing(key, keys))

    def ledger_page(self, ledger) -> str:
        """A series ledger: serials 1…max held (linked), only cited (with who cites them: this row is
        where a not-held number's address leads), listed, and the gaps."""
        rows = []
        for serial in sorted({*ledger.held, *ledger.cited, *ledger.listed}):
            cited = self.corpus.numbers[self._number(ledger, serial)] if serial in ledger.cited else None
            rows.append({"serial": serial,
                         "held": [self._doc_link(k) for k in ledger.held.get(serial, [])],
                         "cited": cited,
                         "citing": [{**r, **self._short_link(r["key"])} for r in self._citing_rows(cited.citations)]
                                   if cited else [],
                         "notices": self.notices(cited.citations) if cited else [],
                         "listed": ledger.listed.get(serial, [])})
        gaps = _compress_gaps([r["serial"] for r in rows], ledger.max_serial)
        # gaps interleaved with rows in serial order
        items = [{"serial": r["serial"], "row": r, "gap": None} for r in rows] + \
                [{"serial": a, "row": None, "gap": (a, b)} for a, b in gaps]
        items.sort(key=lambda i: i["serial"])
        meta = {"kind": "series", "title": escape_text(ledger.label), "series": one_line(ledger.series),
                "year": ledger.year}
        return self._page("ledger.md.j2", ledger.key, meta, ledger=ledger, items=items,
                          held=sum(len(v) for v in ledger.held.values()), cited=len(ledger.cited),
                          listed=len(ledger.listed), gap_count=sum(b - a + 1 for a, b in gaps))

    @staticmethod
    def _number(ledger, serial: int) -> str:
        if ledger.is_order:
            return f"{ledger.series}令第{serial}号"
        return f"{ledger.series}〔{ledger.year}〕{serial}号"

    def _wanted_by_series(self) -> dict[tuple[str, bool], list[CitedNumber]]:
        """Wanted numbers grouped by series (orders by organ), each group in number order."""
        groups: dict[tuple[str, bool], list[CitedNumber]] = {}
        for number, info in self.corpus.wanted.items():
            parsed = parse_doc_number(number)
            groups.setdefault((parsed.series, parsed.is_order), []).append(info)
        for infos in groups.values():
            infos.sort(key=lambda i: (parse_doc_number(i.number).year or 0, parse_doc_number(i.number).serial))
        return groups

    def _wanted_rows(self, infos: list[CitedNumber]) -> list[dict]:
        return [{"number": i.number, "key": i.key, "titles": i.titles,
                 "citing": [self._short_link(k) for k in i.citing_keys]} for i in infos]

    def wanted_series_page(self, series: str, is_order: bool, infos: list[CitedNumber]) -> str:
        """The wanted numbers of one series."""
        label = series_label(series, is_order)
        meta = {"kind": "wanted", "title": f"待征集文件：{escape_text(label)}", "series": one_line(label)}
        return self._page("wanted.md.j2", urls.wanted_series_key(series, is_order), meta,
                          heading=f"待征集文件：{label}", rows=self._wanted_rows(infos), series_rows=[],
                          wanted_key=urls.WANTED_INDEX)

    def wanted_index(self) -> str:
        """Every cited number the archive does not hold: the acquisition list, by series; and in full
        below the series table while the list is short enough to read on one page (a large archive
        cites tens of thousands of numbers it lacks: those are read on the per-series pages)."""
        groups = self._wanted_by_series()
        series_rows = [{"label": series_label(s, o), "key": urls.wanted_series_key(s, o), "count": len(v),
                        "citing": len({k for i in v for k in i.citing_keys})}
                       for (s, o), v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
        return self._page("wanted.md.j2", urls.WANTED_INDEX, {"kind": "index", "title": "待征集文件"},
                          heading="待征集文件", total=len(self.corpus.wanted),
                          rows=self._wanted_rows(list(self.corpus.wanted.values()))
                          if len(self.corpus.wanted) <= self.limits.wanted_rows else [],
                          series_rows=series_rows, wanted_key=None)

    def issues_index(self) -> str:
        """All gazette issues."""
        rows = [{"label": issue_label(i), "key": urls.issue_key(i), "year": i.year, "issue": i.issue,
                 "region": i.region, "count": len(i.documents)} for i in self.corpus.issues]
        rows.sort(key=lambda r: (r["year"] or 0, r["key"]))
        return self._page("issues_index.md.j2", urls.ISSUES_INDEX, {"kind": "index", "title": "公报各期"},
                          rows=rows, total=sum(r["count"] for r in rows), documents=len(self.corpus.documents))

    def _count_rows(self, groups: dict, key_of) -> list[dict]:
        rows = [{"name": n, "key": key_of(n), "count": len(k)} for n, k in groups.items()]
        rows.sort(key=lambda r: (-r["count"], str(r["name"])))
        return rows

    def issuers_index(self) -> str:
        """All issuers, most documents first (a joint document counts once for each of its issuers)."""
        rows = self._count_rows(self.by_issuer, urls.issuer_key)
        unsigned = sum(1 for k in self.corpus.documents if not self.corpus.issuers_of.get(k))
        return self._page("issuers_index.md.j2", urls.ISSUERS_INDEX, {"kind": "index", "title": "发文机关"},
                          rows=rows, unsigned=unsigned, documents=len(self.corpus.documents),
                          joint=sum(1 for v in self.corpus.issuers_of.values() if len(v) > 1))

    def years_index(self) -> str:
        """All years, newest first."""
        rows = [{"year": y, "key": urls.year_key(y), "count": len(k)} for y, k in self.by_year.items()]
        rows.sort(key=lambda r: -r["year"])
        undated = len(self.corpus.documents) - sum(r["count"] for r in rows)
        return self._page("years_index.md.j2", urls.YEARS_INDEX, {"kind": "index", "title": "年份"},
                          rows=rows, undated=undated, documents=len(self.corpus.documents))

    def types_index(self) -> str:
        """All 文种, most documents first."""
        return self._page("count_index.md.j2", urls.TYPES_INDEX, {"kind": "index", "title": "文种"},
                          heading="文种", column="文种", rows=self._count_rows(self.by_type, urls.type_key),
                          documents=len(self.corpus.documents), note="")

    def regions_index(self) -> str:
        """All regions (cities) the gazettes come from."""
        rows = self._count_rows(self.by_region, urls.region_key)
        unknown = len(self.corpus.documents) - sum(r["count"] for r in rows)
        note = f"另有 {unknown} 件所刊公报未标地区。" if unknown else ""
        return self._page("count_index.md.j2", urls.REGIONS_INDEX, {"kind": "index", "title": "地区"},
                          heading="地区", column="地区", rows=rows, documents=len(self.corpus.documents), note=note)

    def series_index(self) -> str:
        """All doc-number series ledgers, by series then year."""
        rows = [{"label": l.label, "key": l.key, "held": sum(len(v) for v in l.held.values()),
                 "cited": len(l.cited), "listed": len(l.listed), "max": l.max_serial} for l in self.ledgers]
        unnumbered = sum(1 for d in self.corpus.documents.values() if not d.doc_number)
        return self._page("series_index.md.j2", urls.SERIES_INDEX, {"kind": "index", "title": "文号系列"},
                          rows=rows, unnumbered=unnumbered, documents=len(self.corpus.documents),
                          held=sum(r["held"] for r in rows))

    def home_page(self) -> str:
        """The home page: what the archive holds, the search box, the latest issue and the ways in."""
        issues = [{"label": issue_label(i), "key": urls.issue_key(i), "count": len(i.documents)}
                  for i in sorted(self.corpus.issues, key=_issue_recency, reverse=True)]
        newest = sorted(self.rows.values(), key=lambda r: _newest_first(r.date, r.key))[:HOME_NEWEST]
        counts = {"issues": len(self.corpus.issues), "documents": len(self.corpus.documents),
                  "issuers": len(self.by_issuer), "years": len(self.by_year), "types": len(self.by_type),
                  "regions": len(self.by_region), "series": len(self.ledgers),
                  "wanted": len(self.corpus.wanted), "citations": len(self.corpus.citations)}
        years = sorted(self.by_year)
        csv = urls.data_file(urls.CITATIONS_CSV, self.data_gzip)
        return self._page("home.md.j2", urls.HOME, {"kind": "home"},
                          site_name=SITE_NAME, counts=counts, issues=issues, latest=issues[0] if issues else None,
                          newest=newest, first_year=years[0] if years else None,
                          last_year=years[-1] if years else None,
                          issues_key=urls.ISSUES_INDEX, issuers_key=urls.ISSUERS_INDEX, years_key=urls.YEARS_INDEX,
                          types_key=urls.TYPES_INDEX, regions_key=urls.REGIONS_INDEX, series_key=urls.SERIES_INDEX,
                          wanted_key=urls.WANTED_INDEX, data_key=urls.DATA_INDEX,
                          csv_link=urls.relative_file_link(urls.HOME, csv), csv_name=csv.rpartition("/")[2])


def citations_csv(corpus: Corpus) -> str:
    """The citation graph as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese):
    one row per citation, in corpus then text order; deterministic."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in corpus.citations:
        citing = corpus.documents[c.citing_key]
        target = corpus.link_target(c.cited_number, c.citing_key, c.cited_title)
        resolved = target in corpus.documents
        writer.writerow([
            citing.doc_number or c.citing_key, c.cited_number, c.kind.value, "true" if resolved else "false",
            one_line(citing.title), one_line(corpus.documents[target].title) if resolved else (c.cited_title or ""),
            c.line, c.citing_key, target or "", Path(corpus.issue_of[c.citing_key].source_file).name,
        ])
    return "\ufeff" + out.getvalue()

