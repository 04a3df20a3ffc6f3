"""What every page kind shares: the Jinja environment, the corpus views and the row helpers.

A :class:`Site` is made once per generation pass from the linked corpus and the
render options; the page kinds (:mod:`generator.render.kinds`, listed by
:mod:`generator.render.registry`) only read it. It groups the documents once
(by issuer, year, 文种, region), builds the series ledgers once, and renders a
template with a typed context (a dataclass of the kind's own) under YAML front
matter.

Pure and deterministic: the same corpus gives byte-identical text (sorted
front-matter keys, sorted listings, no timestamps).

Templates are Jinja2 with autoescape on and a ``finalize`` hook, so every
``{{ value }}`` that is not Markup we built ourselves goes through the one
escaping function, :func:`generator.render.escape.escape_text`.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import jinja2
from markupsafe import Markup

from .. import urls
from ..corpus import Corpus, series_ledgers
from ..model import Citation, CitationKind, Document, GazetteIssue, Refusal, TitleCitation
from ..postprocess import compact_page
from .body import link_markdown
from .escape import escape_text
from .meta import DocumentMeta, document_meta, one_line

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
OFFICIAL_SITES = Path(__file__).resolve().parent.parent / "data" / "official_sites.toml"


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
    # What one page of any list holds (a listing's year or month, the issues, the series, the
    # wanted numbers of a series, what later documents repeal, a document's citers …); the rest
    # follows on numbered pages (``p2/`` …). Counted in rows, or for rows that name many documents
    # (a wanted number and every document citing it) in the documents they name: 300 rows of a
    # document table are about 80 KB of HTML, so no list page nears 200 KB however large the
    # archive grows.
    page_rows: int = 300


@dataclass(frozen=True)
class RenderOptions:
    """How the pages are rendered: the options of a generation pass that reach the renderer."""

    site_url: str | None = None        # absolute links in feeds; canonical URLs
    json_bodies: bool = True           # body blocks in each JSON twin
    data_gzip: bool = False            # corpus-wide downloads published as .gz
    limits: PageLimits = PageLimits()
    publish_pdfs: bool = True          # the PDFs gazettes were read from published in pdf/ and linked
    # an archive in parts: which site this is and which serves each page (None: one site, all here)
    placement: urls.Placement | None = None


def _finalize(value: object) -> object:
    """Route every template value through escape_text unless it is markup we made."""
    if isinstance(value, Markup):
        return value
    return Markup(escape_text(value))


def make_environment(placement: urls.Placement | None = None,
                     finished: frozenset[str] = frozenset()) -> jinja2.Environment:
    """The Jinja2 environment for page templates (packaged under generator/templates); its
    ``link(text, key)`` links from the page being rendered (``here``), relative where this site
    serves the target, else absolute (an archive in parts: ``placement``); ``finished`` are the
    pages written as finished HTML, linked by their file."""

    @jinja2.pass_context
    def _link(context: jinja2.runtime.Context, text: object, key: str) -> Markup:
        return link_markdown(str(text), context["here"], key, placement, key in finished)

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


def newest_first(date: _dt.date | None, key: str) -> tuple:
    """Sort key: newest date first, undated last, then by address."""
    return (date is None, -(date.toordinal() if date else 0), key)


class Site:
    """The corpus as the page kinds read it: groupings, ledgers, row helpers, and the renderer."""

    def __init__(self, corpus: Corpus, options: RenderOptions = RenderOptions(),
                 env: jinja2.Environment | None = None, refused: tuple[Refusal, ...] = ()):
        self.corpus = corpus
        self.options = options
        self.refused = refused          # the files the build left out, with the reason
        self.limits = options.limits
        self.placement = options.placement
        # the pages written as finished HTML that other pages link: the not-held numbers' addresses
        self.finished = frozenset(info.key for info in corpus.wanted.values())
        self.env = env or make_environment(self.placement, self.finished)
        self.rows = {key: _row(corpus, key) for key in corpus.documents}
        self.by_issuer = self._group(lambda k: corpus.issuers_of.get(k, []))
        self.by_year = self._group(lambda k: [y] if (y := self.year_of(k)) is not None else [])
        self.by_type = self._group(lambda k: [corpus.documents[k].doc_type or NO_TYPE])
        self.by_region = self._group(lambda k: [r] if (r := corpus.issue_of[k].region) else [])
        self.by_level = self._group(lambda k: [v] if (v := corpus.documents[k].level) else [])
        self.ledgers = series_ledgers(corpus)
        self.ledger_of = {key: l for l in self.ledgers for key in l.cited.values()}  # citation page -> ledger
        self.ledger_by_key = {l.key: l for l in self.ledgers}
        self.official_sites = load_official_sites()
        self.views: dict[str, dict] = {}    # what a kind derives once per pass and others read (ledger pages)

    def render(self, template: str, here: str, meta: dict, context: object) -> str:
        """Render a template for page ``here`` with a kind's typed context (a dataclass: a misspelt
        field fails where the context is made) and put YAML front matter on top.

        ``title`` in front matter is what MkDocs and Material print as the page
        title without escaping, so it is stored escaped; plain text goes under
        other keys.
        """
        values = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
        body = self.env.get_template(template).render(here=here, **values)
        post = frontmatter.Post(body.strip() + "\n", **meta)
        return frontmatter.dumps(post, sort_keys=True, width=1_000_000) + "\n"

    def render_finished(self, template: str, here: str, context: object) -> str:
        """Render a page our package writes as finished HTML (:func:`generator.urls.finished_page`):
        no front matter and no theme, compacted and ended as MkDocs' pages are (:func:`compact_page`,
        no line break at the end)."""
        values = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
        html = self.env.get_template(template).render(here=here, site_name=SITE_NAME, **values)
        return compact_page(html).rstrip("\n")

    def serves(self, key: str) -> bool:
        """Is page ``key`` one this site renders? Always on one site; in an archive in parts, the
        pages :class:`generator.urls.Placement` puts here."""
        return self.placement is None or self.placement.serves(key)

    def link(self, text: str, here: str, key: str) -> Markup:
        """A Markdown link from page ``here`` to page ``key`` (see :func:`generator.urls.link`)."""
        return link_markdown(text, here, key, self.placement, key in self.finished)

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

    def sorted_rows(self, keys: list[str]) -> list[DocRow]:
        return sorted((self.rows[k] for k in keys), key=lambda r: r.sort_key)

    def by_year_rows(self, keys: list[str]) -> list[tuple[int | None, list[DocRow]]]:
        """Rows grouped by year, newest year first, undated last."""
        by_year: dict[int | None, list[DocRow]] = {}
        for row in self.sorted_rows(keys):
            by_year.setdefault(self.year_of(row.key), []).append(row)
        return sorted(by_year.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0)))

    def doc_link(self, key: str) -> dict:
        """A document as a link label and key."""
        return {"label": document_label(self.corpus.documents[key]), "key": key}

    def short_link(self, key: str) -> dict:
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

    def title_cites_rows(self, key: str) -> list[dict]:
        """What a document cites by title alone (a history's decisions), once per title: linked where
        the archive holds a document of that title, else printed as an unresolved citation."""
        groups: dict[str, list[TitleCitation]] = {}
        for c in self.corpus.title_citations.get(key, []):
            groups.setdefault(c.title, []).append(c)
        return [{"title": title, "key": cs[0].key,
                 "actions": "、".join(dict.fromkeys(c.action for c in cs)),
                 "lines": "、".join(dict.fromkeys(str(c.line) for c in cs))} for title, cs in groups.items()]

    def cited_by_rows(self, key: str) -> list[dict]:
        """Who cites a document (or a wanted number): kind and date, newest first."""
        return self.citing_rows(self.corpus.citations_to.get(key, []))

    def citing_rows(self, citations: list[Citation]) -> list[dict]:
        groups: dict[str, list[Citation]] = {}
        for c in citations:
            groups.setdefault(c.citing_key, []).append(c)
        rows = []
        for citing, cs in groups.items():
            doc = self.corpus.documents[citing]
            rows.append({**self.doc_link(citing), "kinds": kinds_text(cs), "date": doc.date,
                         "date_cn": date_cn(doc.date) or "日期不详",
                         "titles": list(dict.fromkeys(c.cited_title for c in cs if c.cited_title)),
                         "lines": "、".join(str(n) for n in dict.fromkeys(c.line for c in cs))})
        rows.sort(key=lambda r: newest_first(r["date"], r["key"]))
        return rows

    def notices(self, citations: list[Citation]) -> list[dict]:
        """"可能已被 X 废止/修改": one notice per citing document that repeals or amends, newest first."""
        rows = [r for r in self.citing_rows([c for c in citations
                                              if c.kind in (CitationKind.REPEALS, CitationKind.AMENDS)])]
        for r in rows:
            r["verb"] = "废止" if "废止" in r["kinds"] else "修改"
        return rows

    def meta(self, key: str) -> DocumentMeta:
        """The one record of a document that its page, JSON twin, data rows and JSON-LD are made from."""
        return document_meta(self.corpus, key)

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
        return self._parts(keys, lambda k: self.month_in(k, year),
                           lambda m: f"{m}月" if m is not None else "月份不详",
                           lambda m: urls.year_month_key(year, m), newest_first=False)

    def month_in(self, key: str, year: int) -> int | None:
        """The month a document is listed under on its year's page: its date's, if dated in that year."""
        date = self.corpus.documents[key].date
        return date.month if date and date.year == year else None

    def listing_pages(self, template: str, key: str, meta: dict, keys: list[str],
                      make: Callable[..., object]) -> Iterator[tuple[str, str]]:
        """An issuer, 文种, region or 级别 listing: past ``listing_rows`` one page naming its years
        (each year is a page of its own, :meth:`listing_year_pages`); else its rows by year, newest
        year first, on as many pages as they need. ``make`` makes the kind's context from the
        :class:`Listing` fields."""
        years = self.listing_years(key, keys)
        if years:
            yield urls.source_path(key), self.render(template, key, meta, make(
                count=len(keys), years=years, by_year=[], pager=None))
            return
        rows = [row for _, year_rows in self.by_year_rows(keys) for row in year_rows]
        yield from self.paged(template, key, meta, rows, lambda chunk, pager: make(
            count=len(keys), years=None, by_year=self.regroup(chunk, self.year_of), pager=pager))

    @staticmethod
    def regroup(rows: list[DocRow], group_of: Callable[[str], object]) -> list[tuple[object, list[DocRow]]]:
        """Rows already in order, grouped by consecutive runs of ``group_of(key)``: one page's share
        of a listing shown by year or month, as the whole listing is."""
        groups: list[tuple[object, list[DocRow]]] = []
        for row in rows:
            group = group_of(row.key)
            if not groups or groups[-1][0] != group:
                groups.append((group, []))
            groups[-1][1].append(row)
        return groups

    def part_pages(self, listing: str, name: str, parts: list[dict] | None, total: int,
                   meta: Callable[[int | None], dict], show_issuers: bool = True) -> Iterator[tuple[str, str]]:
        """One page per part of a split listing (``types/通知/2017/``, ``years/2017/03/``), each naming
        its siblings; ``meta`` gives a part's front matter from its year or month."""
        for part in parts or []:
            page_meta = {**meta(part["value"]), "title": escape_text(f"{name} · {part['label']}")}
            yield from self.paged("listing_part.md.j2", part["key"], page_meta, self.sorted_rows(part["keys"]),
                                  lambda rows, pager: PartPage(
                                      name=name, listing=listing, part=part, parts=parts, total=total,
                                      rows=rows, show_issuers=show_issuers, pager=pager))

    def listing_year_pages(self, listing: str, name: str, keys: list[str], meta: dict,
                           show_issuers: bool = True) -> Iterator[tuple[str, str]]:
        """The year pages of an issuer, 文种 or region listing too long for one page."""
        yield from self.part_pages(listing, name, self.listing_years(listing, keys), len(keys),
                                   lambda year: {**meta, "year": year}, show_issuers)

    def grouped_pages(self, groups: dict[str, list[str]], key_of: Callable[[str], str],
                      page: Callable[[Site, str, list[str]], Iterator[tuple[str, str]]], kind: str, field: str,
                      show_issuers: bool = True) -> Iterator[tuple[str, str]]:
        """Each group's listing (an issuer's, a 文种's, a region's documents), then its year pages
        when it is too long for one: the same walk for every grouping, so they page alike."""
        for name, keys in sorted(groups.items()):
            key = key_of(name)
            yield from page(self, name, keys)
            yield from self.listing_year_pages(key, name, keys, {"kind": kind, field: one_line(name)},
                                               show_issuers)

    def year_month_pages(self, year: int, keys: list[str]) -> Iterator[tuple[str, str]]:
        """The month pages of a year too long for one page."""
        yield from self.part_pages(urls.year_key(year), f"{year}年", self.year_months(year, keys), len(keys),
                                   lambda month: {"kind": "year", "year": year, "month": month})

    # -- any list: one page, or numbered pages of PageLimits.page_rows -------------------------------
    def paginate(self, key: str, rows: list, weight: Callable[[object], int] | None = None
                 ) -> list[tuple[Pager | None, list]]:
        """A list's rows cut into pages in order, each holding at most ``page_rows`` (by ``weight``,
        one a row unless given; a single row heavier than that is a page of its own). A list that
        fits is one page with no pager (None), so short lists render as they always have."""
        budget = self.limits.page_rows
        chunks: list[list] = [[]]
        used = 0
        for row in rows:
            cost = weight(row) if weight else 1
            if chunks[-1] and used + cost > budget:
                chunks.append([])
                used = 0
            chunks[-1].append(row)
            used += cost
        if len(chunks) == 1:
            return [(None, chunks[0])]
        keys = tuple(urls.page_key(key, n) for n in range(1, len(chunks) + 1))
        out, first = [], 1
        for number, chunk in enumerate(chunks, 1):
            out.append((Pager(keys=keys, number=number, first=first, last=first + len(chunk) - 1,
                              total=len(rows)), chunk))
            first += len(chunk)
        return out

    def paged(self, template: str, key: str, meta: dict, rows: list,
              context: Callable[[list, Pager | None], object],
              weight: Callable[[object], int] | None = None) -> Iterator[tuple[str, str]]:
        """A list page rendered once per page of its rows (:meth:`paginate`): ``context`` makes the
        template's context from a page's rows and its pager."""
        yield from self.render_pages(template, key, meta, self.paginate(key, rows, weight), context)

    def render_pages(self, template: str, key: str, meta: dict, pages: list[tuple[Pager | None, list]],
                     context: Callable[[list, Pager | None], object]) -> Iterator[tuple[str, str]]:
        """Pages already cut (:meth:`paginate`), rendered in order; later pages add 第 n 页 to the title."""
        for pager, chunk in pages:
            here = pager.key if pager else key
            page_meta = meta
            if pager and pager.number > 1:
                page_meta = {**meta, "title": f"{meta['title']} · 第{pager.number}页", "page": pager.number}
            yield urls.source_path(here), self.render(template, here, page_meta, context(chunk, pager))

    def count_rows(self, groups: dict, key_of) -> list[dict]:
        rows = [{"name": n, "key": key_of(n), "count": len(k)} for n, k in groups.items()]
        rows.sort(key=lambda r: (-r["count"], str(r["name"])))
        return rows


@dataclass(frozen=True)
class Pager:
    """Where one page of a list too long for one page stands among its pages (第 2 页，共 5 页):
    every page's key in order (the first is the list's own address), this page's number and the
    place of its rows in the whole list."""

    keys: tuple[str, ...]
    number: int                         # this page, from 1
    first: int                          # this page's first and last row, from 1
    last: int
    total: int                          # rows of the whole list

    @property
    def key(self) -> str:
        return self.keys[self.number - 1]

    # How many pages either side of this one the pager names; the rest are an ellipsis, so that a
    # list of hundreds of pages costs each page a short line, not hundreds of links.
    NEAR = 3

    @property
    def pages(self) -> list[dict]:
        """The pages to name: the first, the last and those near this one, in order, with None where
        pages are left out: its number, key and whether it is this one."""
        out: list[dict | None] = []
        for n, key in enumerate(self.keys, 1):
            if n in (1, len(self.keys)) or abs(n - self.number) <= self.NEAR:
                out.append({"number": n, "key": key, "current": n == self.number})
            elif out[-1] is not None:
                out.append(None)
        return out

    @property
    def previous(self) -> str | None:
        return self.keys[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.keys[self.number] if self.number < len(self.keys) else None


@dataclass(frozen=True)
class Listing:
    """What every listing page (issuer, 文种, region) shows: its rows by year, or (when too long for
    one page) its years, each with a page of its own; ``pager`` when its rows take several pages."""

    count: int
    years: list[dict] | None
    by_year: list
    pager: Pager | None = dataclasses.field(default=None, kw_only=True)


@dataclass(frozen=True)
class PartPage:
    """One part of a split listing (``types/通知/2017/``, ``years/2017/03/``)."""

    name: str
    listing: str
    part: dict
    parts: list[dict]
    total: int
    rows: list
    show_issuers: bool
    pager: Pager | None = None
