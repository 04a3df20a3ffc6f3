"""Stage 5: the corpus → Markdown pages with YAML front matter, as a {path: text} mapping.

Pure and deterministic: the same corpus gives byte-identical text (sorted
front-matter keys, sorted listings, no timestamps). Writing to disk is
:mod:`generator.render.writer`'s job.

Templates are Jinja2 with autoescape on and a ``finalize`` hook, so every
``{{ value }}`` that is not Markup we built ourselves goes through the one
escaping function, :func:`generator.render.escape.escape_text`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import jinja2
from markupsafe import Markup

from .. import urls
from ..link import Corpus
from ..model import Document, GazetteIssue
from .body import link_markdown, render_body
from .escape import escape_text

SITE_NAME = "政府公报档案库"


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


def one_line(text: str | None) -> str | None:
    """Front-matter text on one line: fold whitespace so YAML never spans lines."""
    return " ".join(text.split()) if text is not None else None


def date_cn(date: _dt.date | None) -> str:
    """A date as printed in official documents: 2017年4月15日."""
    return f"{date.year}年{date.month}月{date.day}日" if date else ""


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


def document_label(document: Document) -> str:
    """How a document is named in link lists: title plus doc number."""
    if document.doc_number:
        return f"{document.title}（{document.doc_number}）"
    return document.title


def document_year(document: Document, issue: GazetteIssue) -> int | None:
    """The year a document is filed under: its date, else its gazette's year."""
    return document.date.year if document.date else issue.year


@dataclass(frozen=True)
class DocRow:
    """One document as a row of an index listing."""

    key: str
    title: str
    doc_number: str | None
    date: _dt.date | None
    date_cn: str
    issuers_text: str
    section: str | None
    toc_page: int | None
    position: int
    issue_label: str
    issue_key: str

    @property
    def sort_key(self) -> tuple:
        return (self.date or _dt.date.min, self.doc_number or "", self.key)


def _row(corpus: Corpus, key: str) -> DocRow:
    document, issue = corpus.documents[key], corpus.issue_of[key]
    return DocRow(
        key=key, title=document.title, doc_number=document.doc_number, date=document.date,
        date_cn=date_cn(document.date), issuers_text="、".join(document.issuers),
        section=document.section, toc_page=document.toc_page, position=document.position,
        issue_label=issue_label(issue), issue_key=urls.issue_key(issue),
    )


class PageRenderer:
    """Renders every page of the site from one corpus."""

    def __init__(self, corpus: Corpus, env: jinja2.Environment | None = None):
        self.corpus = corpus
        self.env = env or make_environment()
        self.rows = {key: _row(corpus, key) for key in corpus.documents}
        self.keys_of_issue: dict[int, list[str]] = {}
        for key, issue in corpus.issue_of.items():
            self.keys_of_issue.setdefault(id(issue), []).append(key)
        self.by_issuer = self._group_by_issuer()
        self.by_year = self._group_by_year()

    # -- assembling ---------------------------------------------------------------
    def render_all(self) -> dict[str, str]:
        """Every generated file: docs_src-relative path → full text (front matter + body)."""
        pages: dict[str, str] = {}
        for key in self.corpus.documents:
            pages[urls.source_path(key)] = self.document_page(key)
        for issue in self.corpus.issues:
            pages[urls.source_path(urls.issue_key(issue))] = self.issue_page(issue)
        for name, keys in sorted(self.by_issuer.items()):
            pages[urls.source_path(urls.issuer_key(name))] = self.issuer_page(name, keys)
        for year, keys in sorted(self.by_year.items()):
            pages[urls.source_path(urls.year_key(year))] = self.year_page(year, keys)
        pages[urls.source_path(urls.ISSUES_INDEX)] = self.issues_index()
        pages[urls.source_path(urls.ISSUERS_INDEX)] = self.issuers_index()
        pages[urls.source_path(urls.YEARS_INDEX)] = self.years_index()
        pages[urls.source_path(urls.HOME)] = self.home_page()
        return dict(sorted(pages.items()))

    def _page(self, template: str, here: str, meta: dict, **context: object) -> str:
        """Render a template for page ``here`` and put YAML front matter on top.

        ``title`` in front matter is what MkDocs and Material print as the page
        title without escaping, so it is stored escaped; plain text goes under
        other keys.
        """
        body = self.env.get_template(template).render(here=here, **context)
        post = frontmatter.Post(body.strip() + "\n", **meta)
        return frontmatter.dumps(post, sort_keys=True, width=1_000_000) + "\n"

    def _group_by_issuer(self) -> dict[str, list[str]]:
        """Issuer name → keys of its documents (a joint document counts for each issuer)."""
        groups: dict[str, list[str]] = {}
        for key, document in self.corpus.documents.items():
            for issuer in dict.fromkeys(document.issuers):
                groups.setdefault(issuer, []).append(key)
        return groups

    def _group_by_year(self) -> dict[int, list[str]]:
        """Year → keys of its documents; undated documents of an undated gazette have no year page."""
        groups: dict[int, list[str]] = {}
        for key, document in self.corpus.documents.items():
            year = document_year(document, self.corpus.issue_of[key])
            if year is not None:
                groups.setdefault(year, []).append(key)
        return groups

    def _link_rows(self, keys: list[str]) -> list[dict]:
        """Documents as (label, key) pairs for the citation lists of a document page."""
        return [{"label": document_label(self.corpus.documents[k]), "key": k} for k in keys]

    def _sorted_rows(self, keys: list[str]) -> list[DocRow]:
        return sorted((self.rows[k] for k in keys), key=lambda r: r.sort_key)

    # -- pages --------------------------------------------------------------------
    def document_page(self, key: str) -> str:
        """One document: H1 title, metadata box, body with linked doc numbers, citation lists."""
        document, issue = self.corpus.documents[key], self.corpus.issue_of[key]
        meta = {
            "kind": "document",
            "title": escape_text(document.title),
            "doc_title": one_line(document.title),
            "doc_number": document.doc_number,
            "issuers": [one_line(i) for i in document.issuers],
            "date": document.date.isoformat() if document.date else None,
            "section": one_line(document.section),
            "toc_page": document.toc_page,
            "doc_type": one_line(document.doc_type),
            "position": document.position,
            "gazette": {
                "name": one_line(issue.name),
                "issue": one_line(issue.issue),
                "total_issue": issue.total_issue,
                "year": issue.year,
                "slug": urls.issue_slug(issue),
                "source_file": Path(issue.source_file).name,
            },
            "start_line": document.start_line,
            "end_line": document.end_line,
            "references": list(document.references),
        }
        date_html = (Markup('<time datetime="{}" data-pagefind-filter="年份:{}">{}</time>').format(
            document.date.isoformat(), document.date.year, date_cn(document.date)) if document.date else "不详")
        return self._page(
            "document.md.j2", key, meta,
            doc=document,
            issuers=[{"name": i, "key": urls.issuer_key(i)} for i in dict.fromkeys(document.issuers)],
            date_html=date_html,
            issue_label=issue_label(issue), issue_key=urls.issue_key(issue),
            source_name=Path(issue.source_file).name,
            body=render_body(document, self.corpus, key),
            cites=self._link_rows(self.corpus.cites.get(key, [])),
            cited_by=self._link_rows(self.corpus.cited_by.get(key, [])),
            warnings=list(document.warnings) + self.corpus.warnings.get(key, []),
        )

    def issue_page(self, issue: GazetteIssue) -> str:
        """A gazette issue: its particulars and its documents in TOC order."""
        here = urls.issue_key(issue)
        keys = self.keys_of_issue.get(id(issue), [])
        rows = sorted((self.rows[k] for k in keys), key=lambda r: (r.position, r.key))
        meta = {"kind": "issue", "title": escape_text(issue_label(issue)), "gazette": issue.to_record()}
        meta["gazette"]["source_file"] = Path(issue.source_file).name
        return self._page("issue.md.j2", here, meta, issue=issue, label=issue_label(issue),
                          source_name=Path(issue.source_file).name, rows=rows)

    def issuer_page(self, name: str, keys: list[str]) -> str:
        """An issuer (发文机关): its documents grouped by year, newest year first."""
        by_year: dict[int | None, list[DocRow]] = {}
        for row in self._sorted_rows(keys):
            year = document_year(self.corpus.documents[row.key], self.corpus.issue_of[row.key])
            by_year.setdefault(year, []).append(row)
        ordered = sorted(by_year.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0)))  # newest first, undated last
        meta = {"kind": "issuer", "title": escape_text(name), "issuer": one_line(name)}
        return self._page("issuer.md.j2", urls.issuer_key(name), meta, name=name, count=len(keys), by_year=ordered)

    def year_page(self, year: int, keys: list[str]) -> str:
        """A year: its documents by date."""
        meta = {"kind": "year", "title": f"{year}年", "year": year}
        return self._page("year.md.j2", urls.year_key(year), meta, year=year, rows=self._sorted_rows(keys))

    def issues_index(self) -> str:
        """All gazette issues."""
        rows = [{"label": issue_label(i), "key": urls.issue_key(i), "year": i.year, "issue": i.issue,
                 "count": len(i.documents)} for i in self.corpus.issues]
        rows.sort(key=lambda r: (r["year"] or 0, r["key"]))
        return self._page("issues_index.md.j2", urls.ISSUES_INDEX, {"kind": "index", "title": "公报各期"}, rows=rows)

    def issuers_index(self) -> str:
        """All issuers, most documents first."""
        rows = [{"name": n, "key": urls.issuer_key(n), "count": len(k)} for n, k in self.by_issuer.items()]
        rows.sort(key=lambda r: (-r["count"], r["name"]))
        return self._page("issuers_index.md.j2", urls.ISSUERS_INDEX, {"kind": "index", "title": "发文机关"}, rows=rows)

    def years_index(self) -> str:
        """All years, newest first."""
        rows = [{"year": y, "key": urls.year_key(y), "count": len(k)} for y, k in self.by_year.items()]
        rows.sort(key=lambda r: -r["year"])
        return self._page("years_index.md.j2", urls.YEARS_INDEX, {"kind": "index", "title": "年份"}, rows=rows)

    def home_page(self) -> str:
        """The home page: counts and the ways in."""
        issues = [{"label": issue_label(i), "key": urls.issue_key(i), "count": len(i.documents)}
                  for i in sorted(self.corpus.issues, key=lambda i: (-(i.year or 0), urls.issue_slug(i)))]
        counts = {"issues": len(self.corpus.issues), "documents": len(self.corpus.documents),
                  "issuers": len(self.by_issuer), "years": len(self.by_year)}
        return self._page("home.md.j2", urls.HOME, {"kind": "home"},
                          site_name=SITE_NAME, counts=counts, issues=issues,
                          issues_key=urls.ISSUES_INDEX, issuers_key=urls.ISSUERS_INDEX, years_key=urls.YEARS_INDEX)


def render_site(corpus: Corpus) -> dict[str, str]:
    """Every generated docs_src file for the corpus: relative path → text."""
    return PageRenderer(corpus).render_all()
