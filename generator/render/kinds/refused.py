"""未能读取的文件 (``editors/refused/``): the gazette files the build refused, for editors.

A file that cannot be read as a gazette (not text, a damaged or scanned PDF, no
document in it …) is left out and the rest of the archive is published; this page
lists each refused file with the reason and what to do, so that nobody has to read
the build log to find out. It is always written (an empty list says so), so its
address never changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ...model import REFUSAL_KINDS
from ..registry import PageKind, register
from ..site import Site

KEY = urls.REFUSED

# What each kind of refusal means, and what an editor does about it (the build log's English
# reason, with its particulars such as page numbers and the OCR command, is shown beside it).
EXPLAINED = {
    "unreadable": "文件无法打开（权限或磁盘问题）：检查文件后重新构建。",
    "empty": "文件是空的，没有公报文字：换上完整的文件。",
    "binary": "不是文本文件（可能是改了扩展名的 PDF 或图片）：PDF 请以 .pdf 为扩展名放入，其他请先转为 UTF-8 文本。",
    "encoding": "文字编码无法识别：请另存为 UTF-8 文本。",
    "no-document": "没有找到任何公文（标题下的发文字号或“……令 第N号”）：确认这是一期公报。",
    "second-issue": "一个文件里有两期公报（第二个目录有自己的条目）：请拆成每期一个文件。",
    "html": "这是网页，不是 PDF：请下载网页上链接的公报 PDF 本身。",
    "not-pdf": "扩展名是 .pdf，但内容不是 PDF：请重新下载。",
    "encrypted": "PDF 已加密（需要密码）：请向发布机关索取未加密的文件，或解除保护后再放入。",
    "no-pages": "PDF 没有任何页面：请重新下载。",
    "damaged": "PDF 已损坏或下载不完整：请重新下载。",
    "no-text-layer": "PDF 的字体没有字符映射，提取出的文字是乱码：请先做文字识别（OCR），命令见右栏。",
    "scanned": "扫描件：页面是图片，没有文字层（右栏列出页码）：请先做文字识别（OCR），命令见右栏。",
    "parser-failed": "解析程序出错：这是本软件的缺陷，请连同文件一起报告。",
}
assert set(EXPLAINED) == set(REFUSAL_KINDS), "every kind of refusal is explained"


@dataclass(frozen=True)
class RefusedPage:
    """The context of refused.md.j2."""

    refusals: list[dict]             # each refused file: where, what it means (Chinese), the reason as logged


def refused_page(site: Site) -> str:
    page = RefusedPage([{"where": r.where, "meaning": EXPLAINED.get(r.code, "未能读取"), "reason": r.reason}
                        for r in site.refused])
    return site.render("refused.md.j2", KEY, {"kind": "index", "title": "未能读取的文件"}, page)


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield urls.source_path(KEY), refused_page(site)


register(PageKind("refused", pages, roots=("editors",)), priority=3)
