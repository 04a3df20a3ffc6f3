"""Document pages (公文): one page per document, its JSON twin beside it, and, for a document cited
by more documents than its page lists, the page of all its citers (``…/cited-by/``)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ... import urls
from ...doc_number import parse_doc_number
from ...model import Document, ParseWarning
from ..body import render_body
from ..data import document_twin, dump_json
from ..escape import escape_text
from ...corpus.views import issue_label
from ..registry import PLACED, PageKind, register
from ..site import Pager, Site, date_cn, document_label, official_site
from .series import ledger_page_of



@dataclass(frozen=True)
class DocumentPage:
    """The context of document.md.j2: notices, H1 title, metadata box, body, citations, provenance."""

    doc: Document
    issuers: list[dict]
    number_link: Markup | None
    date_link: Markup
    official: dict | None
    printings: list[dict]
    doc_type_key: str | None
    level_key: str | None             # 级别 page
    region_key: str | None            # 地区 page
    body: Markup
    notices: list[dict]
    cites: list[dict]
    title_cites: list[dict]           # cited by title alone (a history's decisions): linked where held
    cited_by: list[dict]
    cited_by_count: int
    cited_by_all: str | None
    warnings: list[ParseWarning]


@dataclass(frozen=True)
class CitedByPage:
    """The context of cited_by.md.j2: every document citing one, newest first."""

    label: str
    document: str
    cited_by: list[dict]
    total: int
    pager: Pager | None = None


def _original_link(here: str, issue, document, publish_pdfs: bool, placement: urls.Placement | None) -> Markup:
    """；原件第N页, linked to the original PDF at that page (#page=N): the official copy when the
    manifest gives its address, else the one published with the site (the page number alone when
    neither is linked); with the page number printed on that page when it is another number."""
    page = document.pdf_page
    if page is None:
        return Markup("")
    printed = Markup("（页码{}）").format(document.printed_page) \
        if document.printed_page is not None and document.printed_page != page else ""
    href = urls.original_link(here, issue, publish_pdfs, placement)
    if href is None:
        return Markup("；原件第{}页{}").format(page, printed)
    return Markup("；[原件第{}页]({}#page={}){}").format(page, href, page, printed)


def _original_pdf(issue) -> dict:
    """The original PDF of a document's issue, when one is known: its name, SHA-256 and official
    address, so a reader can check that the copy they open is the one the text was read from. (A
    text's own digest is not printed: it would change every page of an issue at each correction.)"""
    pdf = issue.pdf
    return {"pdf_name": Path(pdf.path).name if pdf and pdf.path else "",
            "pdf_sha256": pdf.sha256 if pdf and pdf.sha256 else "",
            "pdf_url": pdf.url if pdf else None}


def document_page(site: Site, key: str) -> str:
    """One document: notices, H1 title, metadata box, linked body, citations, provenance."""
    corpus = site.corpus
    document, issue = corpus.documents[key], corpus.issue_of[key]
    issuers = list(dict.fromkeys(corpus.issuers_of.get(key, document.issuers)))
    record = site.meta(key)
    # the fields, then what the theme prints from them in the <head> (JSON-LD, feeds, error report)
    meta = {**record.record(), **record.head(site.options.site_url, site.placement)}
    printings = [{"label": issue_label(p.issue), "key": urls.issue_key(p.issue), "section": p.document.section,
                  "toc_page": p.document.toc_page, "source_name": Path(p.issue.source_file).name,
                  "start_line": p.document.start_line, "end_line": p.document.end_line,
                  "original": _original_link(key, p.issue, p.document, site.options.publish_pdfs,
                                              site.placement),
                  "extracted_from": p.issue.extracted_from or "", **_original_pdf(p.issue)}
                 for p in corpus.printings.get(key, [])]
    rows = site.cited_by_rows(key)
    shown = rows[:site.limits.cited_by_rows]
    return site.render("document.md.j2", key, meta, DocumentPage(
        doc=document,
        issuers=[{"name": i, "key": urls.issuer_key(i)} for i in issuers],
        number_link=_number_link(site, key, document.doc_number),
        date_link=_date_link(site, key, document.date),
        official=official_site(issue.region, site.official_sites),
        printings=printings,
        doc_type_key=urls.type_key(document.doc_type) if document.doc_type else None,
        level_key=urls.level_key(document.level) if document.level else None,
        region_key=urls.region_key(document.region) if document.region else None,
        body=render_body(document, corpus, key, site.placement),
        notices=site.notices(corpus.citations_to.get(key, [])),
        cites=site.cites_rows(key),
        title_cites=site.title_cites_rows(key),
        cited_by=shown, cited_by_count=len(rows),
        cited_by_all=urls.cited_by_key(key) if len(rows) > len(shown) else None,
        warnings=list(document.warnings) + corpus.warnings.get(key, []),
    ))


def cited_by_pages(site: Site, key: str) -> Iterator[tuple[str, str]]:
    """The page of every document citing ``key``, for a document whose page lists only the newest."""
    if len(site.corpus.cited_by.get(key, [])) <= site.limits.cited_by_rows:    # distinct citers
        return
    document, here = site.corpus.documents[key], urls.cited_by_key(key)
    meta = {"kind": "cited-by", "title": escape_text(f"引用 {document.doc_number or document.title} 的文件"),
            "doc_number": document.doc_number}
    rows = site.cited_by_rows(key)
    yield from site.paged("cited_by.md.j2", here, meta, rows, lambda chunk, pager: CitedByPage(
        label=document_label(document), document=key, cited_by=chunk, total=len(rows), pager=pager))


def _number_link(site: Site, here: str, doc_number: str | None) -> Markup | None:
    """The doc number linked to its series ledger (the page listing its neighbours), if it has one."""
    number = parse_doc_number(doc_number) if doc_number else None
    if number is None:
        return None
    ledger = site.ledger_by_key.get(urls.series_key(number.series, number.year, number.is_order))
    if ledger is None:
        return Markup(escape_text(doc_number))
    return site.link(doc_number, here, ledger_page_of(site, ledger, number.serial))


def _date_link(site: Site, here: str, date: _dt.date | None) -> Markup:
    """成文日期 as a <time> linked to its year page (documents are filed under their date's year)."""
    if date is None:
        return Markup("不详")
    time = Markup('<time datetime="{}">{}</time>').format(date.isoformat(), date_cn(date))
    if date.year not in site.by_year:
        return time
    return Markup("[{}]({})").format(time, Markup(urls.link(here, urls.year_key(date.year), site.placement)))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    """Each document's page, then its JSON twin, then (rarely) its page of citers: one page in
    memory at a time."""
    for key in site.corpus.documents:
        if not site.serves(key):            # an archive in parts: another part's document
            continue
        yield urls.source_path(key), document_page(site, key)
        record = site.meta(key).record()
        yield urls.json_twin_path(key), dump_json(document_twin(site.corpus, key, record,
                                                                site.options.json_bodies))
        yield from cited_by_pages(site, key)


register(PageKind("document", pages, roots=("d",), placement=PLACED), priority=100)
