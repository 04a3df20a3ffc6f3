"""The one catalogue of the sentences a reader or editor sees about a gazette, keyed by code.

A warning is made here from its code and particulars (:func:`warning`), never written at the place
that finds it: the sentence is Chinese, as every page of the site is, and each code has one template
below. The code stays beside it, for editors who search for it and for ``gazette check`` and the
build log, which print the code, then the sentence. A template names its particulars in braces;
the page escapes them like any text of a gazette.
"""

from __future__ import annotations

from .model import ParseWarning

WARNINGS: dict[str, str] = {
    # the issue
    "no-masthead": "第一篇文件之前没有印出公报名称",
    "decoding": "读取原文时作了处理：{note}",
    "toc-entry-unmatched": "目录条目《{title}》{number}在正文中找不到对应的文件",
    "orphan-line": "此行不属于任何文件或版块",
    "shared-line": "此行同时属于两处",
    "pdf-differs": "{pdf} 不是 {manifest} 为 {file} 记录的原件（SHA-256 {got}…，记录为 {want}…）："
                   "请从 {source} 重新下载，或更正 pdf_sha256",
    # a document, against its table of contents and 发文目录
    "title-from-toc": "正文中未能读出标题，采用目录所印标题",
    "toc-title-differs": "目录所印标题为《{title}》",
    "toc-number-differs": "目录所印发文字号为 {number}",
    "toc-page-differs": "目录所印页码为第{toc_page}页，本文起始页所印页码却是{printed_page}（PDF 第{pdf_page}页）",
    "not-in-toc": "目录未列出本文",
    "dispatch-title-differs": "发文目录所印标题为《{title}》",
    "dispatch-number-differs": "发文目录所印发文字号为 {number}",
    # a document's own fields
    "order-without-number": "令头“{head}”之下未印“第N号”",
    "no-date": "署名之下未找到成文日期",
    "no-issuer": "既无署名，标题中也未写发文机关",
    "edited": "编辑已在 {file} 中更正：{fields}",
    # the archive
    "duplicate-address": "{label} 另见于不同的文件：{others}；本篇地址 {key}（见于 {issue}）",
}


# What reading a source had to do or found about it (SourceText.notes), shown in the decoding warning.
NOTES: dict[str, str] = {
    "cut-character": "文件在一个 UTF-8 字符中间结束：已去掉这个残缺的字符",
    "radicals": "{count} 个 CJK 部首码位（PDF 文字层常以其代替“人”“民”“门”等字）已改为对应的汉字",
    "pdf-unrecorded": "{text} 代替 {pdf} 读取，但没有记录表明它是从这个 PDF 提取的（缺少 {stamp}）："
                      "请核对两者，或运行 gazette extract",
    "pdf-changed": "{pdf} 在 {text} 提取之后已经改变：请核对两者，再更正 {text} 或运行 gazette extract --force",
}


def note(code: str, **particulars: object) -> str:
    """The note of ``code`` from :data:`NOTES`, filled with ``particulars``."""
    return NOTES[code].format(**particulars)


def warning(code: str, line: int | None = None, **particulars: object) -> ParseWarning:
    """The warning of ``code`` with its sentence from :data:`WARNINGS`, filled with ``particulars``."""
    return ParseWarning(code, WARNINGS[code].format(**particulars), line)
