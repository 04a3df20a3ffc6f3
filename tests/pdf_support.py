"""Gazette PDFs for the tests, typeset from our sample texts the way cities print them.

Made in the test run (never committed) with Chromium's print to PDF (Playwright's
``page.pdf``) and Debian's Noto CJK fonts: A4, a cover page with the masthead, the
rest in one or two columns, a running head with the gazette's name on every page and
the page number in the footer. Each source line is one paragraph, wrapped by the
typesetter as it would be in print; blank lines are paragraph gaps.
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


def gazette_html(text: str, columns: int = 2) -> str:
    """The gazette text as a printable page: the masthead on a cover, the rest in columns."""
    lines = text.splitlines()
    cover = masthead_lines(lines)
    para = lambda line: f'<p>{html.escape(line)}</p>' if line.strip() else '<p class="gap"></p>'
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>' + CSS
            + f".body {{ column-count: {columns}; }}</style></head><body>"
            + '<div class="cover">' + "".join(para(l) for l in lines[:cover] if l.strip()) + "</div>"
            + '<div class="body">' + "".join(para(l) for l in lines[cover:]) + "</div></body></html>")


def typeset(browser, source: Path, out: Path, columns: int = 2, head: str | None = None) -> Path:
    """Print one gazette text as a PDF with ``browser`` (a Playwright Chromium); return ``out``."""
    text = source.read_text(encoding="utf-8")
    name = head or next((l.strip() for l in text.splitlines() if l.strip()), source.stem)
    page = browser.new_page()
    try:
        page.set_content(gazette_html(text, columns), wait_until="load")
        page.pdf(path=str(out), format="A4", display_header_footer=True, print_background=False,
                 header_template=HEAD.format(html.escape(name)), footer_template=FOOT,
                 margin={"top": "22mm", "bottom": "20mm", "left": "16mm", "right": "16mm"})
    finally:
        page.close()
    return out
