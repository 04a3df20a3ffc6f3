"""What a document page says about itself to machines and to the error-report form.

JSON-LD (schema.org ``Legislation``), the issuer feeds announced in ``<head>`` and
the prefilled "报告错误" issue are all made from facts the page's front matter
already holds (title, number, date, type, issuers, gazette, source lines). They
are made here when MkDocs renders the page (the plugin's ``on_page_context``),
not stored in the front matter: stored, they were 1.2 KB of every document's
Markdown and JSON twin (30 MB at 25,000 documents) repeating the other fields.
"""

from __future__ import annotations

from .. import urls
from .pages import plain


def json_ld(meta: dict) -> dict:
    """schema.org Legislation for the page head; the theme serialises it with tojson
    (json.dumps with <, >, &, ' escaped as \\u003c …), so no text can close the script element.
    ``url`` is added by the theme when site_url gives the page an absolute address."""
    issuers = meta.get("issuers") or []
    gazette = meta.get("gazette") or {}
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": plain(meta.get("doc_title")),
        "inLanguage": "zh-CN",
        "isPartOf": {"@type": "PublicationIssue", "name": plain(gazette.get("label"))},
    }
    if gazette.get("issue"):
        data["isPartOf"]["issueNumber"] = plain(gazette["issue"])
    if meta.get("doc_number"):
        data["legislationIdentifier"] = meta["doc_number"]
    if meta.get("date"):
        data["legislationDate"] = str(meta["date"])
    if meta.get("doc_type"):
        data["legislationType"] = plain(meta["doc_type"])
    if issuers:   # the issuing organs (schema.org's more general author would only repeat them)
        data["legislationPassedBy"] = [{"@type": "GovernmentOrganization", "name": plain(i)} for i in issuers]
    return data


def report_issue(key: str, meta: dict) -> dict:
    """Title and body of a prefilled GitHub issue reporting an error on page ``key``.

    The theme turns it into ``{repo_url}/issues/new?title=…&body=…`` (URL-encoded)
    and adds the page's address, so a reader's report names the exact source lines.
    """
    gazette = meta.get("gazette") or {}
    title = plain(meta.get("doc_title"))
    body = "\n".join([
        "请说明哪里有误（标题、文号、日期、正文某段……）以及正确内容：",
        "",
        "（请在此填写）",
        "",
        "——以下由页面自动填写——",
        f"文件：{title}",
        f"发文字号：{meta.get('doc_number') or '无'}",
        f"公报：{plain(gazette.get('label'))}",
        f"原文：{gazette.get('source_file')} 第{meta.get('start_line')}–{meta.get('end_line')}行",
        f"页面：{key}",
    ])
    return {"title": f"纠错：{meta.get('doc_number') or title}", "body": body}


def issuer_feeds(meta: dict) -> list[dict]:
    """The Atom feed of each issuing organ, for ``<link rel="alternate">``."""
    return [{"title": f"{plain(i)} 发文", "href": urls.issuer_feed_path(i)} for i in meta.get("issuers") or []]


def page_head(key: str, meta: dict) -> dict:
    """The page-only values the theme reads for a document page (main.html): jsonld, feeds, report."""
    return {"jsonld": json_ld(meta), "feeds": issuer_feeds(meta), "report": report_issue(key, meta)}
