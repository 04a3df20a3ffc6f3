"""The one catalogue of the sentences a reader or editor sees about a gazette, keyed by code.

A warning is made here from its code and particulars (:func:`warning`), and so is the error that
refuses a file (:func:`refusal`), never written at the place that finds it: the sentence is Chinese,
as every page of the site is, and each code has one template below. The code stays beside it, for
editors who search for it and for ``gazette check`` and the build log, which print the code, then
the sentence. A template names its particulars in braces; the page escapes them like any text of a
gazette.
"""

from __future__ import annotations

import errno
import string
from collections.abc import Iterator, Mapping
from pathlib import PurePath

from .model import GazetteError, ParseWarning

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


# Why a file is refused, or an entry of it not used (:func:`refusal`): what is wrong, with its
# particulars, and what to do about it. A particular named ``command`` is a command line to type,
# printed verbatim (the editors' page shows it as code); other technical particulars (a byte offset,
# an error code, a parser's own message) stay as they are.
REFUSALS: dict[str, str] = {
    # a gazette file (model.REFUSAL_KINDS): left out of the build, listed on the editors' page
    "unreadable": "文件无法打开（{error}）：请检查文件的读取权限和所在磁盘，再重新构建",
    "empty": "文件是空的或只有空白，没有公报文字：请换上完整的文件",
    "binary": "不是文本文件（含有二进制字节，可能是改了扩展名的 PDF 或图片）：PDF 请以 .pdf 为扩展名放入，"
              "其他文件请先转为 UTF-8 文本",
    "encoding": "既不是 UTF-8 也不是 GB18030 文本（自偏移量 {offset} 的字节起无法解码）：请另存为 UTF-8 文本",
    "utf-16": "以 UTF-16 的字节顺序标记开头，却不是有效的 UTF-16 文本（自偏移量 {offset} 的字节起无法解码）："
              "请另存为 UTF-8 文本",
    "no-document": "没有找到任何公文（标题之下的发文字号，或“……令”之下的“第N号”）：请确认这是一期公报",
    "second-issue": "从此行起是第二期公报（又一个列有条目的目录）：请拆成每期一个文件",
    "html": "这是以 .pdf 为扩展名保存的网页，不是 PDF：请下载网页上链接的公报 PDF 本身",
    "not-pdf": "扩展名是 .pdf，内容却不是 PDF（不以 %PDF- 开头）：请重新下载",
    "encrypted": "PDF 已加密（需要密码）：请向发布机关索取未加密的文件，或解除保护后再放入，命令：{command}",
    "no-pages": "PDF 没有任何页面（页面树是空的）：请重新下载",
    "damaged": "PDF 已损坏或下载不完整（PDFium 报告 {error}）：请重新下载",
    "no-text-layer": "第{pages}页的字体没有字符映射（ToUnicode），提取出的文字是乱码：请先做文字识别（OCR），"
                     "命令：{command}",
    "scanned": "扫描件：每一页都是图片，没有文字层：请先做文字识别（OCR），命令：{command}",
    "scanned-pages": "第{pages}页是扫描的图片，没有文字层：请先做文字识别（OCR），命令：{command}",
    "parser-failed": "解析程序出错（{error}）：这是本软件的缺陷，请用 {command} 查看详情，并连同文件一起报告",
    # an editors' corrections file (X.overrides.yml, generator/overrides.py): not applied, the
    # gazette is published as parsed
    "override-encoding": "不是 UTF-8 文本（自偏移量 {offset} 的字节起无法解码）：请另存为 UTF-8",
    "override-yaml": "不是有效的 YAML（{error}）：请按 YAML 的写法更正",
    "override-not-mapping": "应以发文字号（或“#序号”）为键，其下写出要更正的字段",
    "override-entry": "{key}：要更正的字段应逐个写成“字段: 值”",
    "override-field": "{key}：{name} 不是可更正的字段（可更正：{allowed}）",
    "override-list": "{key}：{name} 应是文字的列表，如 [绍兴市人民政府]",
    "override-date": "{key}：{name} 应是日期，写作 YYYY-MM-DD",
    "override-text": "{key}：{name} 应是文字",
    "override-number": "{key}：{name} 应是数字",
    "override-doc-number": "{key}：{value} 不是发文字号",
    "override-unmatched": "{key}：{file} 中没有这个发文字号或序号的文件",
    # the archive's manifest (gazettes/manifest.toml, generator/manifest.py): an entry that cannot be
    # used is left out, the rest applies
    "manifest-toml": "不是有效的 TOML（{error}）：其中的条目都未采用，请按 TOML 的写法更正",
    "manifest-no-file": "有一个 [[gazette]] 没有写 file = \"…\"：请写明它说的是哪个公报文件",
    "manifest-key": "{file}：条目中没有 {key} 这一项（可写：{known}）",
    "manifest-not-text": "{file}：每一项的值都应是加引号的文字",
    "manifest-url": "{file}：pdf_url {url} 不是 http(s) 地址，或含有空格、引号、括号：请按百分号编码写（%20、%28、%29）",
    "manifest-sha256": "{file}：pdf_sha256 不是 SHA-256 摘要（64 位十六进制数字）：请用 sha256sum 计算下载的 PDF",
    # the archive's parts (the gazette plugin's `archive` in mkdocs.yml, generator/archive.py): the
    # declaration is refused as a whole, since a gazette in no part or in two has no one address
    "archive-not-mapping": "archive 应写出 portal（门户站）与 parts（各分站）：请按 README 的“档案分站”一节书写",
    "archive-url": "{where} 的 site_url {url} 不是以 http:// 或 https:// 开头的网址：每个站点要写明它的完整网址",
    "archive-same-url": "{first} 与 {second} 的 site_url 相同（{url}）：每个站点要有自己的网址",
    "archive-no-parts": "archive 没有列出任何分站（parts）：至少写一个，或去掉 archive 按单个站点构建",
    "archive-part": "第{number}个分站应写成 {{name: …, gazettes: …, site_url: …}}，缺少 {missing}",
    "archive-name": "分站名 {name} 只能用小写字母、数字和连字符，且不能叫 portal 或与别的分站重名：它也是构建目录名",
    "archive-pattern": "分站 {name} 的 gazettes {pattern} 不在公报根目录 {root} 之内：请写根目录下的文件夹或通配符",
    "archive-empty-part": "分站 {name} 的 gazettes {patterns} 没有对上任何公报文件：请检查文件夹或通配符",
    "archive-no-part": "不属于任何分站：每个公报文件都要归入一个分站（在某个分站的 gazettes 中写上它的文件夹或通配符）",
    "archive-no-catalogue": "没有找到档案目录（{folder}）：请先在同一输出目录上生成它，命令：{command}",
    "archive-stale-catalogue": "档案目录 {folder} 不是由当前的公报、配置和程序生成的：请重新生成，命令：{command}",
    "archive-unknown-part": "没有名为 {name} 的分站：已声明的站点是 {names}",
    "archive-two-parts": "同时归入了分站 {first} 和 {second}：一个公报文件只能属于一个分站，请改窄其中一个的 gazettes",
}


def refusal_pieces(code: str, particulars: Mapping[str, object]) -> Iterator[tuple[str, str | None]]:
    """The sentence of ``code`` in pieces: its own words (name None), then each particular with its
    name, so a page can show a ``command`` as code and escape the rest like any text."""
    for words, name, _spec, _conversion in string.Formatter().parse(REFUSALS[code]):
        if words:
            yield words, None
        if name is not None:
            yield str(particulars[name]), name


def unreadable(path: str | PurePath, exc: OSError) -> GazetteError:
    """The refusal of a file the system would not let us read, with the system's error code
    (``EACCES``: a code an editor can look up, where the system's own sentence would be English)."""
    return refusal("unreadable", path, error=errno.errorcode.get(exc.errno or 0, type(exc).__name__))


def refusal(code: str, path: str | PurePath, line: int | None = None, **particulars: object) -> GazetteError:
    """The error refusing the file at ``path`` for ``code``, its sentence from :data:`REFUSALS` filled
    with ``particulars`` (``raise refusal("empty", path)``)."""
    shown = {name: str(value) for name, value in particulars.items()}
    sentence = "".join(words for words, _name in refusal_pieces(code, shown))
    return GazetteError(str(path), sentence, line, code, shown)
