"""Reading citations from a document's text: where each doc number is printed, the 《title》 given
just before it, how the clause around it cites it (根据 → basis, 废止 → repeals …), and the
sentence that says so.

This is the only place after the parser that looks for doc numbers (with the grammar of
:mod:`generator.doc_number`); every :class:`~generator.model.Citation` records its block and
span, so later stages use the span instead of looking again.
"""

from __future__ import annotations

import hashlib
import re

from ..doc_number import DocNumberMatch, find_doc_numbers
from ..model import Block, BlockKind, Citation, CitationKind, Document, PackedBlocks

# Blocks that are not the document's running text: its own title and its own number line.
# The renderer shows them elsewhere, so numbers in them are neither citations nor links.
UNCITED_BLOCKS = frozenset({BlockKind.TITLE, BlockKind.DOC_NUMBER})


def block_texts(block: Block) -> list[str]:
    """The texts of a block as the page prints them: a table's cells one by one, else its text."""
    if block.kind == BlockKind.TABLE and block.rows:
        return [cell for row in block.rows for cell in row]
    if block.kind == BlockKind.FURNITURE:
        return []                 # the page's running head, not the document's text: never cited or searched
    return [block.text]


# 《title》 right before a number: 《…》(浙政发〔2014〕38号), also with a short name in between:
# 《保安服务管理条例》(以下简称《条例》，国务院令第564号).
_TITLE_BEFORE = re.compile(
    r"《(?P<title>[^《》]{1,200})》[ \t\u3000]*[(（]?[ \t\u3000]*"
    r"(?:以下简称[ \t\u3000]*《[^《》]{1,40}》[ \t\u3000]*[，,、]?[ \t\u3000]*)?$"
)
_TITLE_WINDOW = 280
_CLAUSE_END = "。；;，,：:！!？?"
# Wording that follows a number and says what happens to the cited document.
_AFTER_KIND = (
    (re.compile("废止|停止执行|作废"), CitationKind.REPEALS),
    (re.compile("修改|修订"), CitationKind.AMENDS),
)
# Wording that leads into a number; the last one before it in its clause decides.
_BEFORE_WORDS = re.compile("根据|依据|按照|印发(?!的)|转发(?!的)|废止|停止执行|修改|修订")
_BEFORE_KIND = {
    "根据": CitationKind.BASIS, "依据": CitationKind.BASIS, "按照": CitationKind.BASIS,
    "印发": CitationKind.FORWARDS, "转发": CitationKind.FORWARDS,
    "废止": CitationKind.REPEALS, "停止执行": CitationKind.REPEALS,
    "修改": CitationKind.AMENDS, "修订": CitationKind.AMENDS,
}


def cited_title(text: str, match: DocNumberMatch) -> str | None:
    """The 《title》 the text gives a cited number: the one printed just before it, if any."""
    m = _TITLE_BEFORE.search(text, max(0, match.start - _TITLE_WINDOW), match.start)
    return " ".join(m.group("title").split()) if m else None


def mask_titles(text: str) -> str:
    """``text`` with everything inside 《…》 blanked (same length), so a title's own words
    (《…关于印发…的通知》) and punctuation never count as the citing sentence's wording."""
    out, depth = [], 0
    for ch in text:
        if ch == "《":
            depth += 1
        if depth:
            out.append("＿")
        else:
            out.append(ch)
        if ch == "》" and depth:
            depth -= 1
    return "".join(out)


def citation_kind(masked: str, match: DocNumberMatch) -> CitationKind:
    """How the clause around a number cites it; ``masked`` is :func:`mask_titles` of the text.

    Wording after the number wins (…(嘉政发〔2012〕53号)同时废止), else the last
    lead-in word before it in the same clause (根据《A》(n1)、《B》(n2)精神 → both basis).
    """
    start = max((masked.rfind(ch, 0, match.start) for ch in _CLAUSE_END), default=-1) + 1
    ends = [i for i in (masked.find(ch, match.end) for ch in _CLAUSE_END) if i >= 0]
    after = masked[match.end:min(ends) if ends else len(masked)]
    for pattern, kind in _AFTER_KIND:
        if pattern.search(after):
            return kind
    words = _BEFORE_WORDS.findall(masked, start, match.start)
    return _BEFORE_KIND[words[-1]] if words else CitationKind.MENTIONS


# How much of a long sentence the clause of a citation keeps before and after the number: more after,
# where the verb of a list of repealed numbers stands (原《A》(n1)、《B》(n2)、《C》(n3)同时废止).
CLAUSE_BEFORE = 80
CLAUSE_AFTER = 160
_SENTENCE_END = "。；;！!？?"


def citation_clause(document: Document, citation: Citation) -> str | None:
    """The sentence of the citing text that holds a citation (…(嘉政发〔2012〕53号)同时废止。), on one
    line and at most :data:`CLAUSE_BEFORE` / :data:`CLAUSE_AFTER` characters around the number;
    None for a number that no block holds."""
    if citation.block is None:
        return None
    text = block_texts(document.blocks[citation.block])[citation.part]
    start = max((text.rfind(ch, 0, citation.start) for ch in _SENTENCE_END), default=-1) + 1
    ends = [i for i in (text.find(ch, citation.end) for ch in _SENTENCE_END) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    head = "…" if citation.start - start > CLAUSE_BEFORE else ""
    tail = "…" if end - citation.end > CLAUSE_AFTER else ""
    start = max(start, citation.start - CLAUSE_BEFORE)
    end = min(end, citation.end + CLAUSE_AFTER)
    return head + " ".join(text[start:end].split()) + tail


def read_citations(key: str, document: Document, memo: CitationMemo | None = None) -> list[Citation]:
    """Every citation in a document's shown blocks, in text order (repeats kept: each is a place).

    The own number is not a citation. A number the parser found across a line
    break that no single block holds (``document.references``) is added last,
    at the document's first line, as a mention. ``memo``: what earlier builds
    found in documents of the same content (:class:`CitationMemo`).
    """
    found = _found_in(document) if memo is None else memo.found_in(document)
    return [Citation(key, *place) for place in found]


_Place = tuple          # a Citation's fields after citing_key: (number, title, line, kind, block, part, start, end)


def _found_in(document: Document) -> tuple[_Place, ...]:
    """:func:`read_citations` without the citing document's key (its address, which the text
    does not give)."""
    own = document.doc_number
    found: list[_Place] = []
    for index, block in enumerate(document.blocks):
        if block.kind in UNCITED_BLOCKS:
            continue
        for part, text in enumerate(block_texts(block)):
            masked = None
            for match in find_doc_numbers(text):
                number = match.number.canonical
                if number == own:
                    continue
                masked = masked if masked is not None else mask_titles(text)
                found.append((number, cited_title(text, match), block.start_line,
                              citation_kind(masked, match), index, part, match.start, match.end))
    seen = {place[0] for place in found}
    for number in document.references:
        if number not in seen and number != own:
            seen.add(number)
            found.append((number, None, document.start_line, CitationKind.MENTIONS, None, 0, 0, 0))
    return tuple(found)


class CitationMemo:
    """What :func:`read_citations` found in documents before, by their content: a whole archive's
    citations are read again at every update, and reading them (unpacking every document's blocks,
    looking for numbers in 3.4 million texts) took 27 of the catalogue's 118 s, profiled at 25,000
    documents, though one gazette changed. A document is known by the digest of its packed blocks
    (:class:`generator.model.PackedBlocks`, exactly as the parse gave them), its own number and the
    numbers the parser found across line breaks: everything :func:`_found_in` reads. Documents whose
    blocks are not packed are read every time. The caller keeps ``used`` (what this build read,
    found again or not) for the next build, under a name its code's digest gives."""

    def __init__(self, known: dict[bytes, tuple[_Place, ...]] | None = None):
        self.known = known or {}
        self.used: dict[bytes, tuple[_Place, ...]] = {}
        self.hits = self.misses = 0

    def found_in(self, document: Document) -> tuple[_Place, ...]:
        """:func:`_found_in`, from what is known when the document's content is."""
        blocks = document.blocks
        if not isinstance(blocks, PackedBlocks):
            return _found_in(document)
        h = hashlib.sha256(blocks.data)
        h.update(repr((document.doc_number, tuple(document.references), document.start_line)).encode("utf-8"))
        content = h.digest()
        found = self.known.get(content)
        if found is None:
            found = _found_in(document)
            self.misses += 1
        else:
            self.hits += 1
        self.used[content] = found
        return found
