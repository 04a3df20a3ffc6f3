"""The one escaping function: untrusted gazette text → inert Markdown+HTML.

Gazette text comes from PDF conversion by many offices and is never trusted:
it must print exactly as written and never become markup. :func:`escape_text`
turns every character that HTML or Python-Markdown (with the extensions in
mkdocs.yml: tables, attr_list, md_in_html, toc) could read as syntax into a
numeric character reference. A reference is plain text to Markdown and decodes
back to the same character in the browser, so the result is safe in a Markdown
paragraph, a table cell, a heading, inside an HTML block and in an attribute,
and a reader's browser shows the decoded text. Whitespace runs (including line ends)
collapse to one space, so no line of our output can start a code block, list,
quote, heading or table row from gazette text.
"""

from __future__ import annotations

import re

# HTML specials, Markdown inline/block specials, attr_list/Jinja braces, table pipes.
_ALWAYS = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "#": "&#35;",
    "|": "&#124;",
    "{": "&#123;",
    "}": "&#125;",
    "~": "&#126;",
}
_TABLE = str.maketrans(_ALWAYS)
_ANY_SPECIAL = re.compile("[" + re.escape("".join(_ALWAYS)) + "]")
# Characters that only mean something at the start of a line: list markers, ordered lists.
_LINE_START_MARKER = re.compile(r"^([+\-=])|^(\d{1,9})([.)])")
# C0/C1 controls and invisible format characters a converter may leave behind, including every
# bidirectional control (U+061C, U+200E/F, U+202A-E, U+2066-9: they can make text read in another
# order than it is stored, e.g. a title ending "txt.exe"), word joiners and interlinear annotations.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e"
                      r"\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


def escape_text(text: object, *, line_start: bool = True) -> str:
    """Gazette text as inert Markdown+HTML that displays exactly that text (whitespace folded).

    ``line_start`` says the result may begin a Markdown line (the default): then
    leading whitespace is dropped and a leading list/setext marker is neutralised.
    Pass False only for a piece that continues text already on the line, such as
    the words between two linked doc numbers, so their spacing is kept.
    ``None`` becomes the empty string so templates can print optional fields.
    """
    if text is None:
        return ""
    s = _CONTROL.sub("", str(text))
    s = _WHITESPACE.sub(" ", s)
    if _ANY_SPECIAL.search(s):          # most gazette text has none: skip the (slow) translation
        s = s.translate(_TABLE)
    if not line_start:
        return s
    return _LINE_START_MARKER.sub(_escape_marker, s.lstrip(" "))


def _escape_marker(m: re.Match[str]) -> str:
    """Neutralise a list/setext marker at the start of the text (``- x``, ``1. x``)."""
    if m.group(1):
        return f"&#{ord(m.group(1))};"
    return m.group(2) + f"&#{ord(m.group(3))};"
