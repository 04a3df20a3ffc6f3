"""Stage 1: read a gazette file into lines, whatever encoding and line ends it came with.

Gazette text arrives from PDF conversion done by many offices: UTF-8 with or
without a BOM, GB18030/GBK, UTF-16 with a BOM, CRLF or lone CR line ends.
This module is the only place that touches bytes; everything after it sees
a :class:`SourceText` whose line numbers are the ones the scorer and editors use.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .messages import note, refusal, unreadable
from .radicals import fold_radicals, radical_note

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Bytes that never occur in text: a file holding them is binary (PDF, image, archive).
_BINARY_MARKERS = (b"\x00", b"%PDF-")


PAGE_BREAK = "\f"        # pdftotext's page break: a form feed before the first line of each page after the first


@dataclass(frozen=True)
class SourceText:
    """A decoded gazette: its path, the encoding it was read with, and its lines (no line ends)."""

    path: str
    encoding: str
    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()      # what decoding had to repair (a cut last character)
    # the line (1-based) each page of the printed original starts on: a PDF's pages, or the page
    # breaks (form feeds) of a text extracted from one
    page_starts: tuple[int, ...] = ()
    furniture: frozenset[int] = frozenset()   # a PDF's: lines (1-based) printed in the page margins
    pdf: str = ""                    # the PDF this text is the text of: the file itself, or X.pdf beside X.txt
    pdf_sha256: str = ""

    @property
    def size(self) -> int:
        return sum(len(line) for line in self.lines)


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Decode bytes as UTF-16 (with BOM), UTF-8 (BOM optional) or GB18030, in that order.

    A UTF-8 file whose very last character was cut off (a transfer or a copy that
    stopped short) decodes without that character; :func:`read_source` notes it.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise refusal("utf-16", path, offset=exc.start) from None
    if raw.startswith(b"%PDF-") or b"\x00" in raw[:65536]:
        raise refusal("binary", path)
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start >= len(raw) - 3 and exc.reason == "unexpected end of data":
            return raw[:exc.start].decode("utf-8-sig"), "utf-8-sig (last character cut off)"
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise refusal("encoding", path, offset=exc.start) from None


def split_lines(text: str) -> tuple[str, ...]:
    """Split on CRLF, CR or LF; a final line end does not start an extra line."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


def split_pages(lines: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The lines without their page breaks, and the line each page starts on (none without a
    break). A form feed starts a page at the line it stands on (two: a blank page between), as
    pdftotext writes them and :func:`as_text` too; line numbers do not move."""
    if not any(PAGE_BREAK in line for line in lines):
        return lines, ()
    starts = [1]
    for no, line in enumerate(lines, start=1):
        starts += [no] * line.count(PAGE_BREAK)
    return tuple(line.replace(PAGE_BREAK, "") for line in lines), tuple(starts)


def as_text(source: SourceText) -> str:
    """A source's lines as one text, with a page break before each page's first line after the
    first, so a text extracted from a PDF (``gazette extract``) keeps its pages when read again."""
    breaks = Counter(source.page_starts[1:])
    lines = list(source.lines)
    if breaks and max(breaks) > len(lines):          # blank pages at the end: a line of breaks
        lines.append("")
    return "\n".join(PAGE_BREAK * breaks[no] + line for no, line in enumerate(lines, start=1)) + "\n"


def gazette_files(folder: Path) -> list[Path]:
    """The gazettes of a folder, in name order: every ``*.txt``, and every ``*.pdf`` that has no
    ``.txt`` of the same name beside it (a text extracted from a PDF and corrected by an editor,
    ``gazette extract``, takes the PDF's place)."""
    texts = {p.stem for p in folder.glob("*.txt")}
    pdfs = [p for p in folder.glob("*.pdf") if p.stem not in texts]
    return sorted([*folder.glob("*.txt"), *pdfs])


def pdf_stamp(pdf: Path) -> Path:
    """Where ``gazette extract`` records which PDF a text was made from: ``X.pdf.sha256``."""
    return pdf.with_name(pdf.name + ".sha256")


def companions(path: Path) -> list[Path]:
    """The files besides a gazette that reading it depends on: for ``X.txt``, the ``X.pdf`` it
    stands in for and the stamp of the PDF it was extracted from (cache keys hash them too)."""
    if path.suffix.lower() != ".txt":
        return []
    pdf = path.with_suffix(".pdf")
    return [p for p in (pdf, pdf_stamp(pdf)) if p.is_file()]


def _stands_in_for(path: Path) -> tuple[str, str, tuple[str, ...]]:
    """For ``X.txt`` beside ``X.pdf``: the PDF's path and SHA-256, and a note if the PDF has changed
    since the text was extracted from it (or nothing records that it was)."""
    pdf = path.with_suffix(".pdf")
    if path.suffix.lower() != ".txt" or not pdf.is_file():
        return "", "", ()
    stamp = pdf_stamp(pdf)
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    recorded = stamp.read_text(encoding="utf-8", errors="replace").split()[:1] if stamp.is_file() else []
    if recorded == [digest]:
        return str(pdf), digest, ()
    if not recorded:
        return str(pdf), digest, (note("pdf-unrecorded", text=path.name, pdf=pdf.name, stamp=stamp.name),)
    return str(pdf), digest, (note("pdf-changed", text=path.name, pdf=pdf.name),)


def read_source(path: str | Path) -> SourceText:
    """Read one gazette file (text, or a PDF's text layer); raise GazetteError with the file name
    if it cannot be read as gazette text."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc) from None
    if p.suffix.lower() == ".pdf":
        return _read_pdf(p, raw)
    if not raw.strip():
        raise refusal("empty", path)
    text, encoding = decode(raw, str(path))
    notes = (note("cut-character"),) if "cut off" in encoding else ()
    text, radicals = fold_radicals(text)
    lines, page_starts = split_pages(split_lines(text))
    pdf, pdf_sha256, stale = _stands_in_for(p)
    return SourceText(str(path), encoding.split(" ")[0], lines, notes + radical_note(radicals) + stale,
                      page_starts=page_starts, pdf=pdf, pdf_sha256=pdf_sha256)


def _read_pdf(path: Path, raw: bytes) -> SourceText:
    """A PDF gazette as lines (:mod:`generator.pdf`), radicals folded as for any text."""
    from .pdf import extract

    extracted = extract(path, raw)
    text, radicals = fold_radicals("\n".join(extracted.lines))
    return SourceText(str(path), "pdf", tuple(text.split("\n")), radical_note(radicals), extracted.page_starts,
                      furniture=extracted.furniture, pdf=str(path), pdf_sha256=hashlib.sha256(raw).hexdigest())
