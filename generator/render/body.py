"""A document's body blocks → Markdown, with its in-text doc numbers linked.

Every piece of gazette text goes through :func:`escape_text`; the only markup
in the result is what this module writes itself (headings, tables, links,
attribute lists). Every cited doc number becomes a relative link at its exact
span (found by :func:`generator.doc_number.find_doc_numbers`): to the corpus
document it names, else to its citation page (see :meth:`Corpus.link_target`).
"""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..doc_number import find_doc_numbers
from ..link import UNCITED_BLOCKS, Corpus, cited_title
from ..model import Block, BlockKind, Document
from .escape import escape_text

# Blocks shown elsewhere on the page: the title is the H1, the doc number is in the metadata box.
# The same set the link stage reads no citations from, so every number we print has a page.
_SHOWN_ELSEWHERE = UNCITED_BLOCKS


def link_markdown(text: str, from_key: str, to_key: str) -> Markup:
    """A Markdown link with escaped text to another page, relative so MkDocs validates it."""
    return Markup(f"[{escape_text(text)}]({urls.relative_link(from_key, to_key)})")


def linked_text(text: str, corpus: Corpus, here: str) -> Markup:
    """Escaped text in which every cited doc number links to its document or its citation page."""
    parts: list[str] = []
    pos = 0
    for match in find_doc_numbers(text):
        target = corpus.link_target(match.number.canonical, here, cited_title(text, match))
        if target is None or match.start < pos:
            continue
        parts.append(escape_text(text[pos:match.start], line_start=not parts))
        parts.append(link_markdown(text[match.start:match.end], here, target))
        if target not in corpus.documents:  # a citation page: the archive does not hold it
            parts.append(Markup("{: .not-held }"))
        pos = match.end
    parts.append(escape_text(text[pos:], line_start=not parts))
    return Markup("".join(parts).rstrip(" "))


def render_body(document: Document, corpus: Corpus, here: str) -> Markup:
    """The document's blocks as Markdown chunks separated by blank lines."""
    chunks = [_render_block(block, corpus, here) for block in document.blocks
              if block.kind not in _SHOWN_ELSEWHERE]
    return Markup("\n\n".join(c for c in chunks if c))


def _render_block(block: Block, corpus: Corpus, here: str) -> str:
    """One block as Markdown; the kind decides the markup, never the text."""
    if block.kind == BlockKind.TABLE and block.rows:
        return _render_table(block.rows, corpus, here)
    text = linked_text(block.text, corpus, here)
    if not text:
        return ""
    if block.kind in (BlockKind.ENCLOSED_TITLE, BlockKind.ATTACHMENT_TITLE):
        return f"## {text} {{: .{block.kind.value.replace('_', '-')} }}"
    if block.kind == BlockKind.HEADING:
        return f"{'#' * heading_depth(block.level)} {text}"
    if block.kind in (BlockKind.SIGNATURE, BlockKind.DATE):
        return f"{text}\n{{: .doc-{block.kind.value} }}"
    if block.kind in (BlockKind.ADDRESSEE, BlockKind.ATTACHMENT_LIST):
        return f"{text}\n{{: .doc-{block.kind.value.replace('_', '-')} }}"
    return str(text)


def heading_depth(level: int) -> int:
    """Markdown heading depth for an outline level: below the H1 and the H2 enclosed titles."""
    return min(max(level, 1) + 2, 6)


def _render_table(rows: tuple[tuple[str, ...], ...], corpus: Corpus, here: str) -> str:
    """Rows as a Markdown table (first row is the header), padded to the widest row."""
    width = max(len(r) for r in rows)
    lines = []
    for i, row in enumerate(rows):
        cells = [linked_text(c, corpus, here) for c in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)
