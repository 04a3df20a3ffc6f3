"""One record of what a document page says about its document: :class:`DocumentMeta`.

A document's front matter, its JSON twin, its documents.json record, its
documents.csv row and its JSON-LD all come from this one record, made once from
the linked corpus, so they can never disagree and nothing has to read a page
back to learn what it said. The data dictionary (:data:`generator.render.data.FIELDS`)
describes its fields.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from jinja2.utils import htmlsafe_json_dumps

from .. import urls
from ..corpus import Corpus
from ..corpus.views import issue_label
from ..model import BlockKind, Document
from .escape import escape_text

DESCRIPTION_MAX = 120         # characters of the first sentence kept as the page description


def one_line(text: str | None) -> str | None:
    """Front-matter text on one line: fold whitespace so YAML never spans lines."""
    return " ".join(text.split()) if text is not None else None


def plain(text: str | None) -> str:
    """Gazette text as clean plain text for machine-read places (JSON-LD, citations, issue forms):
    the one escaping rule applied and undone, so its control-character removal and
    whitespace folding hold there too, while the text is not HTML-escaped twice by the
    serialiser that writes it (tojson, URL encoding, the copy buttons)."""
    return html.unescape(escape_text(text))


def description(document: Document) -> str:
    """The page description: the first sentence of the body's running text, else the title.

    Search engines and link previews show it; the first sentence of an official
    document says what it is about (现将《…》印发给你们 / 为了…，制定本办法).
    """
    at = description_block(document)
    if at is None:
        return one_line(document.title) or ""
    text = " ".join(document.blocks[at].text.split())
    end = text.find("。")
    sentence = text[:end + 1] if 0 <= end else text
    if len(sentence) > DESCRIPTION_MAX:
        sentence = sentence[:DESCRIPTION_MAX - 1] + "…"
    return sentence


def description_block(document: Document) -> int | None:
    """The block the description is cut from: the first paragraph of running text (not the
    addressees' line, which ends with a colon); None when there is none."""
    for at, block in enumerate(document.blocks):
        text = " ".join(block.text.split())
        if block.kind == BlockKind.PARAGRAPH and text and not text.endswith((":", "：")):
            return at
    return None


@dataclass(frozen=True)
class GazetteRef:
    """The gazette issue a document was (first) printed in, as its page names it."""

    label: str | None
    name: str | None
    issue: str | None
    total_issue: int | None
    year: int | None
    slug: str
    source_file: str

    def record(self) -> dict:
        return {"label": self.label, "name": self.name, "issue": self.issue, "total_issue": self.total_issue,
                "year": self.year, "slug": self.slug, "source_file": self.source_file}


@dataclass(frozen=True)
class DocumentMeta:
    """Everything a document page states about its document, as plain values."""

    key: str                          # the page's address
    title: str                        # escaped: MkDocs prints front-matter titles as they are
    doc_title: str | None             # the title as printed, on one line
    doc_number: str | None            # 发文字号, canonical
    issuers: tuple[str, ...]          # 发文机关, after aliases
    date: str | None                  # 成文日期, ISO 8601
    section: str | None               # 栏目
    toc_page: int | None
    doc_type: str | None              # 文种
    level: str | None                 # 级别: 国务院 / 省 / 市 / 县 / 部门
    region: str | None                # 地区: the gazette's region, 全国 for national documents
    position: int
    gazette: GazetteRef
    start_line: int
    end_line: int
    references: tuple[str, ...]
    summary: str                      # escaped: printed in <meta> attributes

    # The fields that exist to build the page (MkDocs' escaped title, the <head> description): in the
    # front matter and each JSON twin, left out of the corpus-wide documents.json.
    PAGE_ONLY = ("title", "summary")
    # What :meth:`head` adds to the front matter for the theme (not data: not in the JSON twin).
    HEAD = ("jsonld", "feeds", "report")

    def record(self) -> dict:
        """The fields as data: the front matter of the page, and the start of its JSON twin."""
        return {
            "kind": "document", "title": self.title, "doc_title": self.doc_title, "doc_number": self.doc_number,
            "issuers": list(self.issuers), "date": self.date, "section": self.section, "toc_page": self.toc_page,
            "doc_type": self.doc_type, "level": self.level, "region": self.region, "position": self.position,
            "gazette": self.gazette.record(),
            "start_line": self.start_line, "end_line": self.end_line, "references": list(self.references),
            "summary": self.summary,
        }

    def data_record(self) -> dict:
        """The documents.json record: :meth:`record` without the page-only fields, keyed."""
        return {"key": self.key, **{k: v for k, v in self.record().items() if k not in self.PAGE_ONLY}}

    def json_ld(self, site_url: str | None = None) -> dict:
        """schema.org Legislation for the page head, with the page's canonical ``url`` when the site
        has a ``site_url``."""
        data: dict = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": plain(self.doc_title),
            "inLanguage": "zh-CN",
            "isPartOf": {"@type": "PublicationIssue", "name": plain(self.gazette.label)},
        }
        if self.gazette.issue:
            data["isPartOf"]["issueNumber"] = plain(self.gazette.issue)
        if self.doc_number:
            data["legislationIdentifier"] = self.doc_number
        if self.date:
            data["legislationDate"] = self.date
        if self.doc_type:
            data["legislationType"] = plain(self.doc_type)
        if self.issuers:   # the issuing organs (schema.org's more general author would only repeat them)
            data["legislationPassedBy"] = [{"@type": "GovernmentOrganization", "name": plain(i)}
                                           for i in self.issuers]
        if site_url:
            data["url"] = urls.absolute_url(site_url, self.key)
        return data

    def report_issue(self) -> dict:
        """Title and body of a prefilled GitHub issue reporting an error on this page.

        The theme turns it into ``{repo_url}/issues/new?title=…&body=…`` (URL-encoded)
        and adds the page's address, so a reader's report names the exact source lines.
        """
        title = plain(self.doc_title)
        body = "\n".join([
            "请说明哪里有误（标题、文号、日期、正文某段……）以及正确内容：",
            "",
            "（请在此填写）",
            "",
            "——以下由页面自动填写——",
            f"文件：{title}",
            f"发文字号：{self.doc_number or '无'}",
            f"公报：{plain(self.gazette.label)}",
            f"原文：{self.gazette.source_file} 第{self.start_line}–{self.end_line}行",
            f"页面：{self.key}",
        ])
        return {"title": f"纠错：{self.doc_number or title}", "body": body}

    def issuer_feeds(self, placement: urls.Placement | None = None) -> list[dict]:
        """The Atom feed of each issuing organ, for ``<link rel="alternate">`` (on the portal of an
        archive in parts)."""
        return [{"title": f"{plain(i)} 发文", "href": urls.file_address(urls.issuer_feed_path(i), placement)}
                for i in self.issuers]

    def head(self, site_url: str | None = None, placement: urls.Placement | None = None) -> dict:
        """What the theme prints in a document page's <head> and footer besides the fields:
        JSON-LD, the issuer feeds and the error report (theme_overrides/main.html).

        The JSON-LD is serialised here, not in the theme, so the template only prints a string
        (no engine-specific filter): compact, keys sorted, Chinese as UTF-8, and ``<``, ``>``,
        ``&`` and ``'`` written as ``\\u003c`` …, so no gazette text can close the script element."""
        jsonld = htmlsafe_json_dumps(self.json_ld(site_url), ensure_ascii=False, sort_keys=True,
                                     separators=(",", ":"))
        return dict(zip(self.HEAD, (str(jsonld), self.issuer_feeds(placement), self.report_issue())))


def document_meta(corpus: Corpus, key: str) -> DocumentMeta:
    """The record of one document of the corpus."""
    document, issue = corpus.documents[key], corpus.issue_of[key]
    issuers = list(dict.fromkeys(corpus.issuers_of.get(key, document.issuers)))
    return DocumentMeta(
        key=key,
        title=escape_text(document.title),
        doc_title=one_line(document.title),
        doc_number=document.doc_number,
        issuers=tuple(one_line(i) for i in issuers),
        date=document.date.isoformat() if document.date else None,
        section=one_line(document.section),
        toc_page=document.toc_page,
        doc_type=one_line(document.doc_type),
        level=document.level,
        region=one_line(document.region),
        position=document.position,
        gazette=GazetteRef(label=one_line(issue_label(issue)), name=one_line(issue.name),
                           issue=one_line(issue.issue), total_issue=issue.total_issue, year=issue.year,
                           slug=urls.issue_slug(issue), source_file=Path(issue.source_file).name),
        start_line=document.start_line,
        end_line=document.end_line,
        references=tuple(document.references),
        summary=escape_text(description(document)),
    )
