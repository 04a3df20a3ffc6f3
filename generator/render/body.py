"""A document's body blocks → Markdown, with its in-text doc numbers linked.

Every piece of gazette text goes through :func:`escape_text`; the only markup
in the result is what this module writes itself (headings, tables, links,
attribute lists). Every cited doc number becomes a relative link at the exact
span its :class:`~generator.model.Citation` records (the link stage found it;
this module never looks for numbers again): to the corpus document it names,
else to its citation page (see :meth:`Corpus.link_target`).

Outline headings and articles (第X条) get readable fragment ids made from their
label (``#第三条``, ``#一``, ``#（二）``) by :class:`AnchorIds`, written as
explicit attr_list ids, because MkDocs' toc slugify drops Chinese and would
number them ``#_5``. Blocks are shown in reading order (:func:`reading_order`).
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup

from .. import urls
from ..corpus import UNCITED_BLOCKS, Corpus
from ..model import Block, BlockKind, Citation, Document
from .escape import escape_text

# Blocks shown elsewhere on the page: the title is the H1, the doc number is in the metadata box.
# The same set the link stage reads no citations from, so every number we print has a page.
_SHOWN_ELSEWHERE = UNCITED_BLOCKS


def link_markdown(text: str, from_key: str, to_key: str, placement: urls.Placement | None = None,
                  finished: bool = False) -> Markup:
    """A Markdown link with escaped text to another page: relative so MkDocs validates it, or, to a
    page another site of an archive serves, that page's absolute address (:func:`generator.urls.link`;
    ``finished``: the target is written as finished HTML)."""
    return Markup(f"[{escape_text(text)}]({urls.link(from_key, to_key, placement, finished)})")


# Where a block's numbers link: (part, start, end, target key, href) of each citation in it, in text order.
Spans = list[tuple[int, int, int, str, str]]


def block_links(document: Document, citations: list[Citation], corpus: Corpus, here: str,
                placement: urls.Placement | None = None) -> dict[int, Spans]:
    """The links of each block of a document page, from its citations: where each number is
    printed and where it links (numbers with no address, and the page's own, stay text)."""
    links: dict[int, Spans] = {}
    for c in citations:
        if c.block is None:
            continue
        target = corpus.link_target(c.cited_number, here, c.cited_title)
        if target is not None:          # a document, else a not-held number's page (finished HTML)
            links.setdefault(c.block, []).append((c.part, c.start, c.end, target, urls.link(
                here, target, placement, finished=target not in corpus.documents)))
    for spans in links.values():
        spans.sort()
    return links


def linked_text(text: str, spans: Spans, part: int, corpus: Corpus, here: str, offset: int = 0) -> Markup:
    """Escaped text in which every cited number (``spans`` of text ``part``) links to its document
    or its citation page; ``offset`` is where ``text`` starts in the block's text."""
    parts: list[str] = []
    pos = 0
    for span_part, start, end, target, href in spans:
        start, end = start - offset, end - offset
        if span_part != part or start < pos or start < 0:
            continue
        parts.append(escape_text(text[pos:start], line_start=not parts))
        parts.append(Markup(f"[{escape_text(text[start:end])}]({href})"))
        if target not in corpus.documents:  # a citation page: the archive does not hold it
            parts.append(Markup("{: .not-held }"))
        pos = end
    parts.append(escape_text(text[pos:], line_start=not parts))
    return Markup("".join(parts).rstrip(" "))


# An article label: 第三条, 第十二条, 第3条.
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百千零〇两0-9]{1,6}条$")
# What an id keeps of a label: CJK, ASCII letters and digits, full-width brackets.
_ID_DROP = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9（）]")
_ID_MAX = 32
_SECTION_KINDS = (BlockKind.ENCLOSED_TITLE, BlockKind.ATTACHMENT_TITLE)


def label_id(text: str) -> str:
    """A readable fragment id from an outline label or a section title.

    ``一、`` → ``一``, ``(二)`` → ``（二）``, ``第三条`` → ``第三条``, ``1.`` → ``1``,
    ``附件1`` → ``附件1``. Brackets are made full-width first (NFKC then back) so
    ``(二)`` and ``（二）`` give one id; everything but CJK, ASCII letters, digits
    and full-width brackets is dropped, so the id is safe in HTML and in a URL.
    """
    s = unicodedata.normalize("NFKC", text).replace("(", "（").replace(")", "）")
    return _ID_DROP.sub("", s)[:_ID_MAX]


class AnchorIds:
    """Fragment ids for one page: readable, deterministic, unique.

    The first use of a label gets the bare label (``#一``); a repeat is qualified
    by the id of the heading it sits under (``#第二章-一``, ``#二-（一）``), and
    if that is taken too, numbered (``#一-2``). The same blocks always give the
    same ids, so a shared link to ``#第三条`` keeps pointing at the same article.
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.outline: list[tuple[int, str]] = []       # (level, id) of the headings above

    def section(self, text: str) -> str:
        """Id of an enclosed-document or attachment title, which restarts the outline under it."""
        anchor = self._claim(label_id(text) or "节", None)
        self.outline = [(0, anchor)]
        return anchor

    def outline_item(self, label: str, level: int) -> str | None:
        """Id of an outline heading or article at ``level``; None if the label has nothing usable."""
        base = label_id(label)
        if not base:
            return None
        while self.outline and self.outline[-1][0] >= level:
            self.outline.pop()
        parent = self.outline[-1][1] if self.outline else None
        anchor = self._claim(base, parent)
        self.outline.append((level, anchor))
        return anchor

    def _claim(self, base: str, parent: str | None) -> str:
        candidates = [base] + ([f"{parent}-{base}"] if parent else [])
        for candidate in candidates:
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        n = 2
        while f"{base}-{n}" in self.taken:
            n += 1
        self.taken.add(f"{base}-{n}")
        return f"{base}-{n}"


def reading_order(blocks: list[Block]) -> list[Block]:
    """The blocks in the order a reader expects; every block kept exactly once.

    A gazette often prints the title of the regulation a notice 印发s ABOVE the
    notice's own title; the parser keeps that as ENCLOSED_TITLE blocks at the
    very top. On the page the title belongs where the enclosed text starts:
    right after the notice's signature and date. Without a signature or date
    there is no such place, and the order stays as printed.
    """
    lead = 0
    while lead < len(blocks) and blocks[lead].kind == BlockKind.ENCLOSED_TITLE:
        lead += 1
    if lead == 0 or lead == len(blocks):
        return list(blocks)
    rest = blocks[lead:]
    ends = [i for i, b in enumerate(rest) if b.kind in (BlockKind.SIGNATURE, BlockKind.DATE)]
    if not ends:
        return list(blocks)
    cut = ends[0]
    while cut < len(rest) and rest[cut].kind in (BlockKind.SIGNATURE, BlockKind.DATE):
        cut += 1
    return rest[:cut] + list(blocks[:lead]) + rest[cut:]


def render_body(document: Document, corpus: Corpus, here: str, placement: urls.Placement | None = None) -> Markup:
    """The document's blocks as Markdown chunks separated by blank lines, in reading order (links
    to pages another site of an archive serves are absolute: ``placement``)."""
    ids = AnchorIds()
    links = block_links(document, corpus.citations_of.get(here, []), corpus, here, placement)
    blocks = list(document.blocks)              # once: the blocks may be packed (PackedBlocks)
    index = {id(block): i for i, block in enumerate(blocks)}
    chunks = [_render_block(block, links.get(index[id(block)], []), corpus, here, ids)
              for block in reading_order(blocks) if block.kind not in _SHOWN_ELSEWHERE]
    return Markup("\n\n".join(c for c in chunks if c))


def _render_block(block: Block, spans: Spans, corpus: Corpus, here: str, ids: AnchorIds) -> str:
    """One block as Markdown; the kind decides the markup, never the text."""
    if block.kind == BlockKind.TABLE and block.rows:
        return _render_table(block.rows, spans, corpus, here)
    text = linked_text(block.text, spans, 0, corpus, here)
    if not text:
        return ""
    if block.kind in _SECTION_KINDS:
        anchor = ids.section(block.label or block.text)
        return f"## {text} {{: #{anchor} .{block.kind.value.replace('_', '-')} }}"
    if block.kind == BlockKind.HEADING:
        anchor = ids.outline_item(block.label, block.level) if block.label else None
        attrs = f" {{: #{anchor} }}" if anchor else ""
        return f"{'#' * heading_depth(block.level)} {text}{attrs}"
    if block.kind == BlockKind.PARAGRAPH and _ARTICLE.match(block.label or ""):
        return _render_article(block, spans, corpus, here, ids) or str(text)
    if block.kind in (BlockKind.SIGNATURE, BlockKind.DATE):
        return f"{text}\n{{: .doc-{block.kind.value} }}"
    if block.kind == BlockKind.FURNITURE:
        return f"{text}\n{{: .page-furniture }}"
    if block.kind in (BlockKind.ADDRESSEE, BlockKind.ATTACHMENT_LIST):
        return f"{text}\n{{: .doc-{block.kind.value.replace('_', '-')} }}"
    return str(text)


def _render_article(block: Block, spans: Spans, corpus: Corpus, here: str, ids: AnchorIds) -> str | None:
    """An article (第X条 …) as a paragraph with its own id; its label links to it (the permalink)."""
    stripped = block.text.lstrip()
    if not stripped.startswith(block.label):
        return None
    anchor = ids.outline_item(block.label, max(block.level, 4))
    if anchor is None:
        return None
    offset = len(block.text) - len(stripped) + len(block.label)
    rest = linked_text(stripped[len(block.label):], spans, 0, corpus, here, offset)
    label = escape_text(block.label)
    return (f"[{label}](#{anchor}){{: .article-label title=\"本条链接\" }} {rest}"
            f"\n{{: #{anchor} .doc-article }}")


def heading_depth(level: int) -> int:
    """Markdown heading depth for an outline level: below the H1 and the H2 enclosed titles."""
    return min(max(level, 1) + 2, 6)


def _render_table(rows: tuple[tuple[str, ...], ...], spans: Spans, corpus: Corpus, here: str) -> str:
    """Rows as a Markdown table (first row is the header), padded to the widest row; cells are the
    block's texts in row order, as the link stage numbered them."""
    width = max(len(r) for r in rows)
    lines = []
    part = 0
    for i, row in enumerate(rows):
        cells = []
        for cell in row:
            cells.append(linked_text(cell, spans, part, corpus, here))
            part += 1
        cells += [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)
