"""Gazette issues (公报各期): one page per issue (particulars, the printed 目录 by section, the
documents, colophon, 发文目录) and the index of all issues (``g/``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ... import urls
from ...doc_number import canonicalize
from ...corpus import match_dispatch, match_toc
from ...model import GazetteIssue, Region
from ..escape import escape_text
from ...corpus.views import issue_label
from ..registry import PLACED, HomeLink, PageKind, register
from ..site import Pager, Site


@dataclass(frozen=True)
class IssuePage:
    """The context of issue.md.j2."""

    issue: GazetteIssue
    label: str
    source_name: str
    sections: list[dict]
    untoc: list[dict]
    missing: int
    dispatch: list[dict]
    colophon: list[Region]
    count: int
    region_key: str | None
    original: str | None = None      # a link to the PDF the issue was read from (official, or published here)


@dataclass(frozen=True)
class IssuesIndex:
    """The context of issues_index.md.j2."""

    rows: list[dict]
    count: int                        # issues in the archive
    total: int
    documents: int
    pager: Pager | None = None


def issue_page(site: Site, issue: GazetteIssue) -> str:
    """A gazette issue: particulars, the printed TOC by section, documents, colophon, 发文目录."""
    corpus = site.corpus
    here = urls.issue_key(issue)
    slug = urls.issue_slug(issue)
    docs = sorted(issue.documents, key=lambda d: d.position)
    toc_keys = match_toc(issue, corpus)
    sections: list[dict] = []
    for entry, key in zip(issue.toc, toc_keys):
        if not sections or sections[-1]["name"] != entry.section:
            sections.append({"name": entry.section, "entries": []})
        sections[-1]["entries"].append({"entry": entry, "key": key})
    in_toc = {k for k in toc_keys if k}
    untoc = [{"document": d, "key": corpus.key_of_printing[(slug, d.position)]} for d in docs
             if corpus.key_of_printing[(slug, d.position)] not in in_toc]
    dispatch = []
    for entry in issue.dispatch_list:
        key, differs = match_dispatch(entry.title, entry.doc_number, corpus)
        number = canonicalize(entry.doc_number) if entry.doc_number else None
        cited = corpus.numbers.get(number) if number and key is None else None
        dispatch.append({"entry": entry, "key": key, "differs": differs,
                         "cited_key": cited.key if cited else None})
    meta = {"kind": "issue", "title": escape_text(issue_label(issue)), "gazette": issue.to_record()}
    meta["gazette"]["source_file"] = Path(issue.source_file).name
    return site.render("issue.md.j2", here, meta, IssuePage(
        issue=issue, label=issue_label(issue), source_name=Path(issue.source_file).name, sections=sections,
        untoc=untoc, missing=sum(1 for k in toc_keys if k is None), dispatch=dispatch,
        colophon=[r for r in issue.regions if r.kind == "colophon"], count=len(docs),
        region_key=urls.region_key(issue.region) if issue.region in site.by_region else None,
        original=urls.original_link(here, issue, site.options.publish_pdfs, site.placement)))


def issues_index(site: Site) -> Iterator[tuple[str, str]]:
    """All gazette issues."""
    rows = [{"label": issue_label(i), "key": urls.issue_key(i), "year": i.year, "issue": i.issue,
             "region": i.region, "count": len(i.documents)} for i in site.corpus.issues]
    rows.sort(key=lambda r: (r["year"] or 0, r["key"]))
    total = sum(r["count"] for r in rows)
    yield from site.paged("issues_index.md.j2", urls.ISSUES_INDEX, {"kind": "index", "title": "公报各期"}, rows,
                          lambda chunk, pager: IssuesIndex(rows=chunk, count=len(rows), total=total,
                                                           documents=len(site.corpus.documents), pager=pager))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    for issue in site.corpus.issues:
        if site.serves(urls.issue_key(issue)):
            yield urls.source_path(urls.issue_key(issue)), issue_page(site, issue)
    if site.serves(urls.ISSUES_INDEX):
        yield from issues_index(site)


def home_link(site: Site) -> HomeLink:
    return HomeLink(10, "公报各期", urls.ISSUES_INDEX, "按期浏览，每期列出印刷目录、所刊文件和发文目录")


register(PageKind("issue", pages, roots=("g",), home_link=home_link, placement=PLACED), priority=80)
