"""Stage 1, for PDFs: the text layer of a gazette PDF as lines in reading order.

Cities publish their gazettes as PDFs, mostly typeset in two columns with a running
head and a page number. The text layer is read with PDFium (pypdfium2, Apache-2.0 /
BSD-3-Clause; PDFium itself BSD-3-Clause), which gives every character with its box
and is fast enough for a 100-page issue in well under ten seconds. PDFium does no
layout analysis, so reading order is ours (:func:`page_lines`):

* characters are grouped into line pieces (same baseline, no wide gap);
* a page with a gutter (a vertical band in its middle third that text rows leave
  empty) is read column by column, left then right, between the pieces that span
  both columns (a title across the page), which are read where they stand;
* a line that runs to its column's right edge and is followed by one that starts at
  the left edge is one source line wrapped by the typesetter, and is joined again
  (a gazette line, as the text converters print it, is a paragraph); the edge is where
  the column's justified lines end, and one of the document's text edges
  (:func:`text_edges`), so a table row as long as its table is no wrapped line; the left
  edge is the column's, so a paragraph's indented first line (首行缩进) goes on at it,
  and a line indented as a first line begins a paragraph; a vertical gap between two
  lines is a blank line, as in converted text;
* the running head and the page number (what a page prints in its top and bottom
  margins) stay in the text as lines of their own, set apart by blank lines, and are
  returned as furniture by position (:attr:`PdfText.furniture`); the parser's
  page-furniture rules (:mod:`generator.parse.furniture`) find the rest, as they do in
  converted text.

Radical code points are folded by :mod:`generator.sources`, as for any text. A file
that is not a readable PDF with a text layer is refused with one message naming the
file (and the pages): encrypted, damaged or truncated, no pages, HTML saved under a
.pdf name, scanned pages without text (with the command that would OCR it), or text
that is private-use or symbol code points where the page shows Chinese (a font
without a ToUnicode map).
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .messages import refusal, unreadable

OCR_COMMAND = "ocrmypdf -l chi_sim {pdf} {pdf_ocr}   # Debian 上先安装：apt-get install ocrmypdf tesseract-ocr-chi-sim"
DECRYPT_COMMAND = "qpdf --decrypt {pdf} {pdf_open}"
SHOWN_PAGES = 10             # a refusal names this many page numbers, then an ellipsis
MARGIN_SHARE = 0.07          # top and bottom share of a page where running heads and page numbers sit
GAP_CHARS = 1.5              # a gap wider than this many character widths separates two pieces of a row
WIDE_SPACE_CHARS = 0.9       # … and a gap this wide is a space inside a piece, whatever PDFium says
GUTTER_MIN_PT = 6.0          # the narrowest gutter between two columns, in points
EDGE_CHARS = 0.5             # a line ending this close to its column's right edge runs on (justified text reaches it)
PITCH_SLACK = 1.15           # a wrapped line's next part sits one line pitch below, give or take this
# A line ending a sentence is not joined to the next even when it fills its column: the next may be
# a signature or a heading, and a paragraph cut after a full stop loses nothing.
SENTENCE_END = frozenset("。！？；：!?;:")
PRIVATE_USE_SHARE = 0.3      # a page whose text is this much private-use or symbol code points is garbage
PARAGRAPH_GAP = 1.35         # a step this many line pitches down leaves a gap: a blank line in the text
EDGE_SHARE = 0.02            # a text edge: where at least this share of the document's lines end …
MIN_EDGE_LINES = 5           # … and at least this many


@dataclass(frozen=True)
class Glyph:
    """One character of the text layer and its box (PDF points, origin bottom left)."""

    char: str
    left: float
    bottom: float
    right: float
    top: float
    baseline: float = 0.0      # the y of the glyph's origin: the same for every glyph of a line
    spaced: bool = False       # PDFium puts a space before it (a gap as wide as the font's space)

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class Piece:
    """A run of glyphs on one baseline: a line of a column, or one across the page."""

    glyphs: list[Glyph]

    @property
    def left(self) -> float:
        return self.glyphs[0].left

    @property
    def right(self) -> float:
        return self.glyphs[-1].right

    @property
    def top(self) -> float:
        return max(g.top for g in self.glyphs)

    @property
    def baseline(self) -> float:
        return self.glyphs[0].baseline

    @cached_property
    def size(self) -> float:
        """The tallest glyph's height: the piece's type size (asked for every pair of lines)."""
        return max(g.height for g in self.glyphs) or 1.0

    def text(self) -> str:
        """The piece's characters, with a space where PDFium reads one (it knows each font's space
        width; the typesetter wrote no space characters) or where the gap is an ideograph wide."""
        gaps = [b.left - a.right for a, b in zip(self.glyphs, self.glyphs[1:])]
        # a justified line spreads every gap alike: only a gap wider than the line's own is a space
        base = sorted(gaps)[len(gaps) // 4] if gaps else 0.0     # the lower quartile: leaders are wide too
        out = [self.glyphs[0].char]
        for g, gap in zip(self.glyphs[1:], gaps):
            if (g.spaced or gap > WIDE_SPACE_CHARS * self.size) and gap - base > 0.15 * self.size:
                out.append(" ")
            out.append(g.char)
        return "".join(out)


@dataclass(frozen=True)
class PdfText:
    """A PDF's text as the parser reads it: its lines, the line each page starts on (1-based), and
    the lines printed in the page margins (running heads, page numbers: 页眉、页脚)."""

    lines: tuple[str, ...]
    page_starts: tuple[int, ...]        # one per PDF page, blank pages too (they start where the next does)
    furniture: frozenset[int] = frozenset()   # 1-based numbers of the lines found in the margins


def _rows(glyphs: list[Glyph]) -> list[Piece]:
    """Glyphs grouped into pieces: one baseline (the glyphs' origins, whatever their boxes: a 一,
    a comma or a glyph from a fallback font has a box of its own but the line's baseline),
    split at gaps wider than :data:`GAP_CHARS` glyph heights."""
    if not glyphs:
        return []
    size = statistics.median(g.height for g in glyphs) or 1.0
    bands: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (-g.baseline, g.left)):
        if bands and bands[-1][0].baseline - g.baseline <= size * 0.25:
            bands[-1].append(g)
        else:
            bands.append([g])
    pieces: list[Piece] = []
    for row in bands:
        row.sort(key=lambda g: g.left)
        piece = [row[0]]
        height = max(g.height for g in row) or 1.0
        for g in row[1:]:
            if g.left - piece[-1].right > GAP_CHARS * height:
                pieces.append(Piece(piece))
                piece = []
            piece.append(g)
        pieces.append(Piece(piece))
    return pieces


def _gutter(pieces: list[Piece], width: float) -> tuple[float, float] | None:
    """The empty vertical band in the middle third of the page between two columns, if the page
    has one: the widest x range there that no piece of the body covers, at least
    :data:`GUTTER_MIN_PT` wide, with text on both sides."""
    lo, hi = width / 3, width * 2 / 3
    covered = sorted((max(p.left, lo), min(p.right, hi)) for p in pieces if p.right > lo and p.left < hi)
    best, at = None, lo
    gaps: list[tuple[float, float]] = []
    for start, end in covered:
        if start > at:
            gaps.append((at, start))
        at = max(at, end)
    if hi > at:
        gaps.append((at, hi))
    for gap in gaps:
        if gap[1] - gap[0] >= GUTTER_MIN_PT and (best is None or gap[1] - gap[0] > best[1] - best[0]) \
                and any(p.right <= gap[0] for p in pieces) and any(p.left >= gap[1] for p in pieces):
            best = gap                   # text on both sides: two columns, not a margin
    return best


def _spanning_rows(pieces: list[Piece], width: float) -> tuple[list[Piece], tuple[float, float] | None]:
    """The gutter of the page's body, found among rows that leave it empty: a title across both
    columns would otherwise fill it, so the rows crossing the middle are left out and tried again."""
    gutter = _gutter(pieces, width)
    if gutter is not None:
        return [], gutter
    middle = width / 2
    crossing = [p for p in pieces if p.left < middle < p.right]
    # a page of one column crosses the middle on most rows; two columns only on their titles
    if len(crossing) * 3 > len(pieces):
        return [], None
    rest = [p for p in pieces if not p.left < middle < p.right]
    gutter = _gutter(rest, width)
    return (crossing, gutter) if gutter is not None else ([], None)


ACROSS, LEFT, RIGHT = 0, 1, 2      # the column a piece stands in: the page's only one (or across both), left, right


def _reading_order(pieces: list[Piece], width: float) -> tuple[list[Piece], dict[int, int]]:
    """Pieces in reading order, and the column each stands in (by ``id``): top down; on a page with
    a gutter, each stretch between the pieces that span it read left column then right column."""
    spanning, gutter = _spanning_rows(pieces, width)
    by_top = sorted(pieces, key=lambda p: (-p.top, p.left))
    if gutter is None:
        return by_top, {id(p): ACROSS for p in pieces}
    spans = set(map(id, spanning))
    out: list[Piece] = []
    left: list[Piece] = []
    right: list[Piece] = []
    column_of: dict[int, int] = {}
    for piece in by_top:
        if id(piece) in spans or (piece.left < gutter[0] and piece.right > gutter[1]):
            out += left + right + [piece]
            left, right = [], []
            column_of[id(piece)] = ACROSS
        elif piece.right <= gutter[1]:
            left.append(piece)
            column_of[id(piece)] = LEFT
        else:
            right.append(piece)
            column_of[id(piece)] = RIGHT
    return out + left + right, column_of


def _over(a: Piece, b: Piece) -> bool:
    """Do two pieces share some of the page's width (one stands over the other)?"""
    return a.left < b.right and a.right > b.left


def _column(piece: Piece, pieces: list[Piece], column_of: dict[int, int]) -> list[Piece]:
    """The lines of the page under or over a piece in the column it stands in (a table's cells are
    measured against that column, not against each other; a title across both columns is measured
    against neither)."""
    where = column_of[id(piece)]
    return [p for p in pieces if column_of[id(p)] == where and _over(p, piece)]


def _column_edge(column: list[Piece], size: float) -> float:
    """The right edge of a column: where its justified lines end (the median of those within a
    character of the furthest), not a closing 》 or ” hung past it."""
    furthest = max(p.right for p in column)
    return statistics.median(p.right for p in column if furthest - p.right < size)


def text_edges(pages: list[list[Piece]]) -> list[float]:
    """Where the document's justified lines end (one edge a column): right ends shared, within a
    point, by many lines of the whole document. A page of table rows alone has no full line to
    measure its column by; the document's other pages have."""
    rights = Counter(round(p.right) for pieces in pages for p in pieces)
    enough = max(MIN_EDGE_LINES, EDGE_SHARE * sum(rights.values()))
    return sorted(r for r in rights if rights[r - 1] + rights[r] + rights[r + 1] >= enough
                  and rights[r] >= max(rights[r - 1], rights[r + 1]))


def _at_an_edge(piece: Piece, edges: list[float]) -> bool:
    """Does a line end at one of the document's text edges (or hang a character past it)? With no
    edge known, any line may."""
    return not edges or any(-piece.size * EDGE_CHARS < piece.right - e < piece.size for e in edges)


def _unwrap(pieces: list[Piece], column_of: dict[int, int], edges: list[float] = ()) -> list[str]:
    """Lines of text: a piece that runs to the right edge of its column, followed by one that starts
    at the left edge of the same column one line below (or at the top of the next column), is one
    source line wrapped by the typesetter."""
    if not pieces:
        return []
    # the line pitch of the page: a wrapped line's next part is one pitch below, a new paragraph
    # after a gap (a blank line in the source) further down
    # (the lower quartile of the steps down a column: a page of one-line paragraphs, a TOC, has
    # more gaps than lines, but its wrapped entries still step one pitch)
    steps = sorted(a.baseline - b.baseline for a, b in zip(pieces, pieces[1:])
                   if 0 < a.baseline - b.baseline < a.size * 3 and _over(a, b))
    pitch = steps[len(steps) // 4] if steps else pieces[0].size * 1.5
    lines: list[str] = []
    current = pieces[0].text()
    for prev, piece in zip(pieces, pieces[1:]):
        column = _column(prev, pieces, column_of)
        edge = _column_edge(column, prev.size)
        # the next part starts at the column's left edge: under the line, or under a paragraph's
        # first line, which is indented (首行缩进两字, as gazettes are set); a line indented as
        # that one was begins a paragraph of its own
        starts_left = abs(piece.left - min(p.left for p in column)) < prev.size / 2
        below = starts_left and 0 < prev.baseline - piece.baseline <= pitch * PITCH_SLACK
        # or the line goes on at the top of the next column, at that column's left edge
        next_column = piece.left >= prev.right and piece.top > prev.top and \
            abs(piece.left - min(p.left for p in pieces if p.left >= prev.right)) < prev.size / 2
        runs_on = edge - prev.right < prev.size * EDGE_CHARS and (below or next_column) \
            and prev.glyphs[-1].char not in SENTENCE_END and _at_an_edge(prev, edges)
        if runs_on:
            current += piece.text()
            continue
        lines.append(current)
        if _over(prev, piece) and prev.baseline - piece.baseline > pitch * PARAGRAPH_GAP:
            lines.append("")             # the typesetter left a gap: the paragraphs (or title) apart
        current = piece.text()
    lines.append(current)
    return lines


@dataclass(frozen=True)
class PageLines:
    """One page's lines in reading order, and whether its text goes on over the page break."""

    head: list[str]
    body: list[str]
    foot: list[str]
    runs_on: bool = False        # the last body line runs to its column's edge, mid-sentence
    continues: bool = False      # the first body line starts at the left edge (it may go on a line)


def page_lines(pieces: list[Piece], width: float, height: float, edges: list[float] = ()) -> PageLines:
    """One page (its pieces, :func:`_rows`) as head, body and foot lines, each in reading order;
    ``edges``: the document's text edges (:func:`text_edges`), where a wrapped line ends."""
    top_band, bottom_band = height * (1 - MARGIN_SHARE), height * MARGIN_SHARE
    head = [p for p in pieces if p.glyphs[0].bottom >= top_band]
    foot = [p for p in pieces if p.top <= bottom_band]
    body, column_of = _reading_order([p for p in pieces if p not in head and p not in foot], width)
    order = lambda ps: [p.text() for p in sorted(ps, key=lambda p: (-p.top, p.left))]
    if not body:
        return PageLines(order(head), [], order(foot))
    last, first = body[-1], body[0]
    column = _column(last, body, column_of)
    # a column of a line or two has no edge to reach (a cover, a short last page)
    runs_on = len(column) >= 3 and _column_edge(column, last.size) - last.right < last.size * EDGE_CHARS \
        and last.glyphs[-1].char not in SENTENCE_END and _at_an_edge(last, edges)
    continues = abs(first.left - min(p.left for p in body)) < first.size / 2
    return PageLines(order(head), _unwrap(body, column_of, edges), order(foot), runs_on, continues)


def _glyphs(textpage) -> list[Glyph]:
    """Every visible character of a PDFium text page with its box (generated spaces and line ends
    are PDFium's guesses: the layout above makes its own)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    out = []
    x, y = ctypes.c_double(), ctypes.c_double()
    spaced = False
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
        if code in (0, 0xFFFE, 0xFFFF) or chr(code).isspace():
            spaced = spaced or chr(code) == " "
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y))
        out.append(Glyph(chr(code), left, bottom, right, top, y.value, spaced))
        spaced = False
    return out


def _has_images(page) -> bool:
    """Does the page draw an image (a scanned page is one image and no text)?"""
    import pypdfium2.raw as pdfium_c

    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _private_share(glyphs: list[Glyph]) -> float:
    """Share of private-use or symbol-font code points: what a font without a ToUnicode map gives."""
    odd = sum(1 for g in glyphs if 0xE000 <= ord(g.char) <= 0xF8FF or 0xF0000 <= ord(g.char))
    return odd / len(glyphs) if glyphs else 0.0


_EMPTY_PAGE_TREE = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+0\b|/Count\s+0\b[^>]*?/Type\s*/Pages\b")


def _refuse_non_pdf(raw: bytes, path: str) -> None:
    head = raw[:1024].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml")) or b"<html" in head:
        raise refusal("html", path)
    if not raw.startswith(b"%PDF-"):
        raise refusal("not-pdf", path)


def extract(path: str | Path, raw: bytes | None = None) -> PdfText:
    """The text layer of a PDF gazette in reading order, or GazetteError naming the file (``raw``:
    its bytes, when the caller has read them already)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    path = str(path)
    if raw is None:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise unreadable(path, exc) from None
    _refuse_non_pdf(raw, path)
    logging.getLogger("pypdfium2").setLevel(logging.ERROR)
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        # PDFium's error code is process-wide and not always reset, so the file itself is asked too
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY) and b"/Encrypt" in raw:
            command = DECRYPT_COMMAND.format(pdf=Path(path).name, pdf_open=Path(path).stem + "-decrypted.pdf")
            raise refusal("encrypted", path, command=command) from None
        if _EMPTY_PAGE_TREE.search(raw):
            raise refusal("no-pages", path) from None
        raise refusal("damaged", path, error=_pdfium_error(code)) from None
    try:
        if len(document) == 0:
            raise refusal("no-pages", path)
        lines: list[str] = []
        starts: list[int] = []
        carry: int | None = None             # the line that ran on at the foot of the last page
        empty: list[int] = []
        garbage: list[int] = []
        furniture: set[int] = set()
        read: list[tuple[list[Piece], float, float] | None] = []    # each page's pieces and size
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            glyphs = _glyphs(page.get_textpage())
            if not glyphs:
                if _has_images(page):
                    empty.append(number)        # an image and no text: a scan
                read.append(None)
            elif _private_share(glyphs) >= PRIVATE_USE_SHARE:
                garbage.append(number)
                read.append(None)
            else:
                read.append((_rows(glyphs), *page.get_size()))
        edges = text_edges([r[0] for r in read if r])
        for pieces_size in read:
            if pieces_size is None:
                starts.append(len(lines) + 1)   # a blank page (the back of a cover): nothing to read
                continue
            page = page_lines(*pieces_size, edges)
            body = page.body
            if carry is not None and page.continues and body:
                lines[carry] += body[0]          # a line the page break cut goes on here
                body = body[1:]
            starts.append(len(lines) + 1)
            if page.head:                        # the running head, apart from the text it heads
                furniture.update(range(len(lines) + 1, len(lines) + len(page.head) + 1))
                lines += [*page.head, ""]
            carry = len(lines) + len(body) - 1 if body and page.runs_on else None
            lines += body
            if page.foot:
                lines.append("")
                furniture.update(range(len(lines) + 1, len(lines) + len(page.foot) + 1))
                lines += page.foot
            lines.append("")
    finally:
        document.close()
    ocr = OCR_COMMAND.format(pdf=Path(path).name, pdf_ocr=Path(path).stem + "-ocr.pdf")
    if garbage:
        raise refusal("no-text-layer", path, pages=_pages(garbage), command=ocr)
    if empty and not lines:
        raise refusal("scanned", path, command=ocr)
    if empty:
        raise refusal("scanned-pages", path, pages=_pages(empty), command=ocr)
    return PdfText(tuple(lines), tuple(starts), frozenset(furniture))


def _pages(numbers: list[int]) -> str:
    """Page numbers as a refusal names them (第{pages}页): 3、5、7, or the first SHOWN_PAGES of many
    and an ellipsis."""
    return "、".join(map(str, numbers[:SHOWN_PAGES])) + ("…" if len(numbers) > SHOWN_PAGES else "")


def _pdfium_error(code: int | None) -> str:
    """PDFium's name of its error code (``FPDF_ERR_FORMAT``): a code to look up, where its message
    would be English."""
    import pypdfium2.raw as pdfium_c

    names = {getattr(pdfium_c, n): n for n in dir(pdfium_c) if n.startswith("FPDF_ERR_")}
    return names.get(code, "FPDF_ERR_UNKNOWN")
