"""The data model: typed records that every pipeline stage agrees on.

sources -> parse -> **model** -> link -> render -> MkDocs.

The parser produces a :class:`GazetteIssue` holding :class:`Document` records;
the link stage adds :class:`Citation` records; the renderer reads all of them.
Nothing here knows how a gazette is laid out or how a page looks.
Line numbers are always 1-based and inclusive, counted in the source file
as delivered (after decoding and line-end normalisation).
"""

from __future__ import annotations

import datetime as _dt
import pickle
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePath


class BlockKind(str, Enum):
    """What a run of body text is, as a reader of an official document sees it."""

    HEADING = "heading"          # outline heading: 第X章, 第X条, 一、, （一）… (level says which)
    PARAGRAPH = "paragraph"      # running text, rejoined across page breaks
    LIST_ITEM = "list_item"      # a bullet or numbered line that is not an outline heading
    TABLE = "table"              # rows rebuilt from tab-separated lines
    DOC_NUMBER = "doc_number"    # the 发文字号 line under the title
    ADDRESSEE = "addressee"      # 主送机关
    SIGNATURE = "signature"      # 落款: issuing organ(s) or a person
    DATE = "date"                # 成文日期 line
    ENCLOSED_TITLE = "enclosed_title"      # title of the regulation/plan a notice 印发s
    ATTACHMENT_LIST = "attachment_list"    # the "附件：…" line(s) listing attachments
    ATTACHMENT_TITLE = "attachment_title"  # heading of a printed attachment
    TITLE = "title"              # the document's own title as printed
    FURNITURE = "furniture"      # a running head or page number printed inside the document (版面)


@dataclass(frozen=True)
class Block:
    """One structural unit of a document's body, with where it came from."""

    kind: BlockKind
    text: str
    start_line: int
    end_line: int
    level: int = 0                              # outline depth for HEADING (1 = 第X章 …)
    label: str = ""                             # outline label: 第三条, 一、, （二）, 1. — for anchors
    rows: tuple[tuple[str, ...], ...] = ()      # cells for TABLE


class PackedBlocks(Sequence[Block]):
    """A document's blocks kept compressed, for a stage that holds a whole archive's documents at
    once (the catalogue of an archive in parts: at 100,000 documents their blocks as objects are
    several gigabytes, compressed a few hundred megabytes). It reads as the list of blocks it
    packs; the last few documents' blocks read are kept unpacked, so a stage going document by
    document unpacks each once, and two reads of one document give the same Block objects."""

    __slots__ = ("data", "count", "_unpacked")
    RECENT = 16                          # documents whose blocks stay unpacked at a time
    _recent: deque[PackedBlocks] = deque()

    def __init__(self, blocks: Iterable[Block]):
        blocks = list(blocks)
        self.data = zlib.compress(pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self.count = len(blocks)
        self._unpacked: list[Block] | None = None

    def _blocks(self) -> list[Block]:
        if self._unpacked is None:
            self._unpacked = pickle.loads(zlib.decompress(self.data))
            recent = PackedBlocks._recent
            recent.append(self)
            if len(recent) > PackedBlocks.RECENT:
                recent.popleft()._unpacked = None
        return self._unpacked

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, at):
        return self._blocks()[at]            # a slice is a list, as it is of a list

    def __iter__(self) -> Iterator[Block]:
        return iter(self._blocks())

    def __eq__(self, other) -> bool:
        if isinstance(other, PackedBlocks):
            return self.data == other.data or self._blocks() == other._blocks()
        return isinstance(other, list) and self._blocks() == other

    __hash__ = None                      # type: ignore[assignment]  # a list is not hashable either

    def __repr__(self) -> str:
        return f"PackedBlocks({self.count} blocks, {len(self.data)} bytes)"

    def __reduce__(self):
        return _packed_blocks, (self.data, self.count)


def _packed_blocks(data: bytes, count: int) -> PackedBlocks:
    """PackedBlocks as pickled: its bytes, not its blocks (a site's catalogue stays small)."""
    packed = PackedBlocks.__new__(PackedBlocks)
    packed.data, packed.count, packed._unpacked = data, count, None
    return packed


@dataclass(frozen=True)
class ParseWarning:
    """Something the parser was unsure about, shown to editors on the page and by `check`."""

    code: str          # stable identifier, e.g. "no-date", "toc-title-differs"
    message: str       # human sentence in Chinese or English
    line: int | None = None


@dataclass(frozen=True)
class HistoryEvent:
    """One event of a regulation's history (题注), as printed under its title:
    ``1991年3月4日中华人民共和国国务院令第76号发布`` or ``根据2005年12月19日《国务院关于修改〈…〉的决定》第一次修订``."""

    date: _dt.date | None
    action: str                        # 发布, 公布, 修订, 修订通过, 修改, 修正, 通过, 批准, 施行, 废止 …
    doc_number: str | None = None      # the order that did it, canonical (国务院令第76号): a reference
    cited_title: str | None = None     # a decision cited by its title alone: a citation without a number
    line: int = 0                      # source line

    def to_record(self) -> dict:
        return {"date": self.date.isoformat() if self.date else None, "action": self.action,
                "doc_number": self.doc_number, "cited_title": self.cited_title, "line": self.line}


@dataclass(frozen=True)
class TocEntry:
    """One entry of the printed table of contents (目录)."""

    title: str
    doc_number: str | None
    page: int | None
    section: str | None
    start_line: int
    end_line: int


@dataclass(frozen=True)
class DispatchEntry:
    """One line of a monthly 发文目录 (list of documents issued), which is data, not a document."""

    doc_number: str | None
    title: str
    line: int


@dataclass(frozen=True)
class Region:
    """A span of source lines that is not a document: cover, TOC, board, colophon, 发文目录."""

    kind: str          # "cover" | "toc" | "board" | "colophon" | "dispatch_list" | "furniture"
    start_line: int
    end_line: int


@dataclass
class Document:
    """One official document (公文) printed in a gazette issue."""

    title: str
    doc_number: str | None             # 发文字号, canonical (see generator.doc_number)
    issuers: list[str]                 # 发文机关, from the signature, else from the title
    date: _dt.date | None              # 成文日期
    section: str | None                # 栏目 from the TOC, e.g. 市政府文件
    toc_page: int | None               # page printed in the TOC
    start_line: int
    end_line: int
    position: int                      # 1-based order within its gazette issue
    doc_type: str | None = None        # 文种: 通知, 意见, 办法, 批复, 令 …
    enclosed_titles: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)   # cited doc numbers, canonical, own excluded
    blocks: list[Block] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    level: str | None = None           # 级别: 国务院 / 省 / 市 / 县 / 部门 (generator.parse.level)
    region: str | None = None          # 地区: its gazette's region, 全国 for national documents
    pdf_page: int | None = None        # 原件页: the page of the original PDF it starts on (1-based)
    printed_page: int | None = None    # 页码: the page number printed on that page
    # 来文机关: the organs whose text a 转发/批转 notice relays (the issuer is the relaying organ)
    relayed_from: list[str] = field(default_factory=list)
    # 题注: the history a regulation prints under its title (its earlier versions; never its date)
    history: list[HistoryEvent] = field(default_factory=list)

    def to_record(self) -> dict:
        """The JSON contract of `generator parse --json` (field names are fixed by the scorer)."""
        return {
            "doc_number": self.doc_number,
            "title": self.title,
            "issuers": list(self.issuers),
            "date": self.date.isoformat() if self.date else None,
            "section": self.section,
            "toc_page": self.toc_page,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "enclosed_titles": list(self.enclosed_titles),
            "attachments": list(self.attachments),
            "references": list(self.references),
            "doc_type": self.doc_type,
            "position": self.position,
            "level": self.level,
            "region": self.region,
            "pdf_page": self.pdf_page,
            "printed_page": self.printed_page,
            "relayed_from": list(self.relayed_from),
            "history": [e.to_record() for e in self.history],
            "warnings": [w.__dict__ for w in self.warnings],
        }


@dataclass(frozen=True)
class OriginalPdf:
    """原件: the PDF a gazette issue was printed as, on disk and/or at its official address."""

    path: str | None                   # on disk (gazettes/X.pdf), published with the site unless ``url``
    sha256: str | None                 # of the PDF, so a reader can check a copy is the one we read
    url: str | None = None             # the official address (gazettes/manifest.toml): linked instead


@dataclass
class GazetteIssue:
    """One issue (期) of a municipal gazette (政府公报) and everything parsed from it."""

    source_file: str                   # path as given to the parser
    name: str | None                   # 绍兴市人民政府公报
    region: str | None                 # 绍兴市
    year: int | None
    issue: str | None                  # issue label as printed: 第04期, 第3、4期
    total_issue: int | None            # 总第N期
    published: str | None = None       # YYYY-MM when the cover or 发文目录 gives a month
    line_count: int = 0
    documents: list[Document] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    dispatch_list: list[DispatchEntry] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)   # non-document spans (cover, TOC, colophon…)
    warnings: list[ParseWarning] = field(default_factory=list)
    # read from a PDF (or a text extracted from one): the line (1-based) each PDF page starts on
    page_starts: tuple[int, ...] = ()
    pdf: OriginalPdf | None = None     # 原件: the PDF the text is of, where it is known

    @property
    def extracted_from(self) -> str | None:
        """Read from a text an editor corrected in place of a PDF: that PDF's file name."""
        if self.pdf is None or self.pdf.path is None or self.pdf.path == self.source_file:
            return None
        return PurePath(self.pdf.path).name

    def to_record(self) -> dict:
        """The `gazette` object of `generator parse --json`."""
        return {
            "name": self.name,
            "region": self.region,
            "year": self.year,
            "issue": self.issue,
            "total_issue": self.total_issue,
            "published": self.published,
            "source_file": self.source_file,
            "line_count": self.line_count,
        }


class CitationKind(str, Enum):
    """How a document cites another, read from the wording around the number."""

    BASIS = "basis"          # 根据/依据/按照
    FORWARDS = "forwards"    # 印发/转发
    REPEALS = "repeals"      # 废止/停止执行
    AMENDS = "amends"        # 修改/修订
    MENTIONS = "mentions"


@dataclass(frozen=True)
class Citation:
    """One place where a document cites a doc number (link stage output).

    ``block``, ``part``, ``start`` and ``end`` say exactly where the number is printed:
    ``document.blocks[block]``, its text (or, for a table, its ``part``-th cell in row
    order), characters ``start:end``. The renderer links the number at that span
    instead of looking for numbers again. A number the parser only found across a
    line break that no block holds has ``block`` None.
    """

    citing_key: str            # key of the citing document (see generator.urls)
    cited_number: str          # canonical doc number
    cited_title: str | None    # the 《…》 printed just before the number, if any
    line: int                  # source line of the citation
    kind: CitationKind
    block: int | None = None   # index into the citing document's blocks
    part: int = 0              # which text of the block: 0, or a table's cell in row order
    start: int = 0             # span of the printed number in that text
    end: int = 0


@dataclass(frozen=True)
class TitleCitation:
    """A document cited by its title alone, with no doc number to resolve it by (link stage output):
    a regulation's history names the decisions that revised it (根据《国务院关于修改〈…〉的决定》修订).
    ``key`` is the held document of that title when the archive has one, else None (unresolved)."""

    citing_key: str
    title: str
    line: int
    action: str                # what the cited document did: 修订, 修改, 发布 …
    key: str | None = None


# The kinds of gazette file a build refuses, by the code its GazetteError carries; each has its Chinese
# sentence, what is wrong and what to do, in generator.messages.REFUSALS (beside the override-… codes
# of an editors' corrections file, which is not applied rather than refused).
REFUSAL_KINDS = ("unreadable", "empty", "binary", "encoding", "utf-16", "no-document", "second-issue", "html",
                 "not-pdf", "encrypted", "no-pages", "damaged", "no-text-layer", "scanned", "scanned-pages",
                 "parser-failed")


def _said(path: str, line: int | None, code: str, message: str) -> str:
    """How the build log and the command line say a refusal: ``path:line: code：句子``."""
    where = f"{path}:{line}" if line else path
    return f"{where}: {code}：{message}" if code else f"{where}: {message}"


@dataclass(frozen=True)
class Refusal:
    """A file the build could not read as a gazette: left out, the rest published, listed at the end
    of the build and on the editors' page (``editors/refused/``)."""

    path: str
    reason: str                        # the Chinese sentence (generator.messages.REFUSALS)
    line: int | None = None
    code: str = ""                     # one of REFUSAL_KINDS
    particulars: tuple[tuple[str, str], ...] = ()    # what the sentence was filled with, by name

    @classmethod
    def of(cls, error: "GazetteError") -> "Refusal":
        return cls(error.path, error.message, error.line, error.code, tuple(error.particulars.items()))

    @property
    def where(self) -> str:
        """The file's name, and the line when the reason names one (``x.txt:12``)."""
        name = PurePath(self.path).name
        return f"{name}:{self.line}" if self.line else name

    def __str__(self) -> str:
        return _said(self.path, self.line, self.code, self.reason)


class GazetteError(Exception):
    """Input that cannot be read as a gazette (or corrections that cannot be applied): one clear
    message naming the file (and line). Made by :func:`generator.messages.refusal` from a code and
    its particulars, so the message is the catalogue's Chinese sentence."""

    def __init__(self, path: str, message: str, line: int | None = None, code: str = "",
                 particulars: dict[str, str] | None = None):
        self.path, self.message, self.line, self.code = path, message, line, code
        self.particulars = dict(particulars or {})
        super().__init__(_said(path, line, code, message))

    def __reduce__(self):
        """Pickled whole, so a refusal raised in a worker process reaches its parent intact (the
        default would call the class with the formatted sentence alone, and break the pool)."""
        return (type(self), (self.path, self.message, self.line, self.code, self.particulars))
