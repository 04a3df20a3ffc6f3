"""Gazette PDFs for the tests, typeset from our sample texts the way cities print them.

Made in the test run (never committed) with Chromium's print to PDF (Playwright's
``page.pdf``) and Debian's Noto CJK fonts: A4, a cover page with the masthead, the
rest in one or two columns, a running head with the gazette's name on every page and
the page number in the footer. Each source line is one paragraph, wrapped by the
typesetter as it would be in print; blank lines are paragraph gaps. As most cities
print, paragraphs may be indented two characters and titles set large across both
columns.
"""

from __future__ import annotations

import html
from pathlib import Path

CSS = """
@page { size: A4; margin: 22mm 16mm 20mm 16mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.45; margin: 0; }
.cover { break-after: page; text-align: center; padding-top: 40mm; font-size: 16pt; }
.cover p { margin: 0 0 6mm 0; }
.body { column-gap: 9mm; column-rule: 0.4pt solid #999; }
.body p { margin: 0; white-space: pre-wrap; text-align: justify; }
.body p.gap { height: 0.6em; }
.indented .body p { text-indent: 2em; }
.body p.across { column-span: all; text-align: center; text-indent: 0; font-size: 14pt; margin: 2mm 0; }
"""
HEAD = '<div style="font-size:8pt;width:100%;text-align:center;font-family:\'Noto Sans CJK SC\'">{}</div>'
FOOT = '<div style="font-size:8pt;width:100%;text-align:center"><span class="pageNumber"></span></div>'


def masthead_lines(lines: list[str]) -> int:
    """How many leading lines make the cover: up to the first blank line after some text, at most 8."""
    seen = 0
    for i, line in enumerate(lines[:8]):
        if line.strip():
            seen += 1
        elif seen:
            return i
    return min(8, len(lines))


def gazette_html(text: str, columns: int = 2, indent: bool = False, across: frozenset[int] = frozenset()) -> str:
    """The gazette text as a printable page: the masthead on a cover, the rest in columns; with
    ``indent``, every paragraph's first line indented two characters (首行缩进, as gazettes are
    set); the lines numbered in ``across`` (1-based: titles) set large across all columns."""
    lines = text.splitlines()
    cover = masthead_lines(lines)

    def para(no: int, line: str) -> str:
        if not line.strip():
            return '<p class="gap"></p>'
        return f'<p class="across">{html.escape(line)}</p>' if no in across else f'<p>{html.escape(line)}</p>'

    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>' + CSS
            + f".body {{ column-count: {columns}; }}</style></head>"
            + ('<body class="indented">' if indent else "<body>")
            + '<div class="cover">' + "".join(para(0, l) for l in lines[:cover] if l.strip()) + "</div>"
            + '<div class="body">' + "".join(para(no, l) for no, l in enumerate(lines[cover:], start=cover + 1))
            + "</div></body></html>")


def typeset(browser, source: Path, out: Path, columns: int = 2, head: str | None = None, indent: bool = False,
            across: frozenset[int] = frozenset()) -> Path:
    """Print one gazette text as a PDF with ``browser`` (a Playwright Chromium); return ``out``
    (``indent`` and ``across``: see :func:`gazette_html`)."""
    text = source.read_text(encoding="utf-8")
    name = head or next((l.strip() for l in text.splitlines() if l.strip()), source.stem)
    page = browser.new_page()
    try:
        page.set_content(gazette_html(text, columns, indent, across), wait_until="load")
        page.pdf(path=str(out), format="A4", display_header_footer=True, print_background=False,
                 header_template=HEAD.format(html.escape(name)), footer_template=FOOT,
                 margin={"top": "22mm", "bottom": "20mm", "left": "16mm", "right": "16mm"})
    finally:
        page.close()
    return out
