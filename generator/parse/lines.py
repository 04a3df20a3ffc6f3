"""Cleansing: turn each raw source line into a :class:`Line` the grammar can read.

PDF-to-text conversion leaves markup that means nothing about the document:
Markdown heading markers at random levels, bold markers, list bullets, stray
HTML (``<p>``, ``<input type="checkbox"/>``), trailing two-space line breaks,
layout spaces inside Chinese text. Each rule below owns one of those; they run
in order, like Python-Markdown's preprocessors. The raw text is kept beside the
clean one so nothing is lost and line numbers never move.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

# Markup that carries no meaning, stripped in this order.
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
_BOLD = re.compile(r"\*\*|__")
_CHECKBOX = re.compile(r"<input\b[^>]*type=[\"']?checkbox[\"']?[^>]*>", re.I)
# Only the formatting tags PDF converters leave behind are dropped; any other tag-like
# text (<script>, <img onerror=…>) stays as literal text, escaped later by the renderer.
_TAG = re.compile(r"</?(?:p|br|span|div|font|b|i|u|strong|em|sup|sub)\b[^<>]*/?>", re.I)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")
# Any character some markup rule above looks for: most lines of a gazette hold none of them.
_MARKUP_CHARS = re.compile("[#*+_<&\ufeff-]")
_OUTER_SPACE = " \t\u3000\r\n\x0b\x0c"
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])[ \t\u3000]+(?=[^\x00-\x7f])")


@dataclass(frozen=True, slots=True)
class Line:
    """One source line: its number, raw text, and the cleansed text the parser reads."""

    no: int            # 1-based line number in the source
    raw: str
    text: str          # markup stripped, HTML turned into text, outer whitespace trimmed
    heading: int = 0   # Markdown heading level the converter put on it (a weak hint only)
    tight: str = ""    # the text without any whitespace: the form titles and numbers are compared in
    furniture: bool = False   # a running head or page number (.furniture): blank to the grammar, raw kept
    # no text to read: asked of every line by every stage, so stored once rather than a property
    blank: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "blank", not self.text)

    @classmethod
    def of(cls, no: int, raw: str, text: str, heading: int = 0, tight: str = "") -> "Line":
        """A line read from the source: the same as ``Line(no, raw, text, heading, tight)``, built
        twice as fast. Every line of every gazette is one, and a frozen dataclass's ``__init__`` (a
        guarded ``object.__setattr__`` per field) made building them the largest cost of cleansing;
        the slots are filled through their descriptors instead, once, and the line stays frozen."""
        line = _new_line(cls)
        _SET_NO(line, no), _SET_RAW(line, raw), _SET_TEXT(line, text), _SET_HEADING(line, heading)
        _SET_TIGHT(line, tight), _SET_FURNITURE(line, False), _SET_BLANK(line, not text)
        return line

    def as_furniture(self) -> "Line":
        """This line as page furniture: blank to the grammar, its raw text kept and flagged."""
        return replace(self, text="", tight="", furniture=True)


_new_line = object.__new__
_SET_NO, _SET_RAW, _SET_TEXT, _SET_HEADING, _SET_TIGHT, _SET_FURNITURE, _SET_BLANK = (
    Line.__dict__[name].__set__ for name in ("no", "raw", "text", "heading", "tight", "furniture", "blank"))


def squash(text: str) -> str:
    """Whitespace-free text, for comparing titles printed with layout spaces (str.split's
    whitespace is the same Unicode set as ``\\s``, and it runs on every line, so no regex)."""
    return "".join(text.split())


def strip_markup(raw: str) -> tuple[str, int]:
    """Cleanse one raw line; return its text and the Markdown heading level it carried."""
    text = raw.replace("\ufeff", "") if "\ufeff" in raw else raw
    level = 0
    head = text.lstrip()[:1]
    if head == "#" and (m := _HEADING.match(text)):
        level = len(m.group(1))
        text = text[m.end():]
    elif head in ("-", "*", "+"):
        text = _BULLET.sub("", text, count=1)
    if "*" in text or "__" in text:
        text = _BOLD.sub("", text)
    if "<" in text:
        text = _CHECKBOX.sub("☐", text)
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = text.strip(_OUTER_SPACE)
    if not text and raw.strip():
        text = raw.strip()          # markup alone on a line is still text to keep (no line is lost)
    return text, level


def join_cjk(text: str) -> str:
    """Remove layout spaces between two non-ASCII characters (关于 市政府 → 关于市政府)."""
    return _CJK_GAP.sub("", text)


def cleanse(raw_lines: tuple[str, ...] | list[str]) -> list[Line]:
    """All source lines as :class:`Line` records, numbered from 1."""
    out = []
    for i, raw in enumerate(raw_lines, start=1):
        if _MARKUP_CHARS.search(raw):
            text, level = strip_markup(raw)
        else:                       # plain text: strip_markup would only trim its outer spaces
            text, level = raw.strip(_OUTER_SPACE) or raw.strip(), 0
        out.append(Line.of(i, raw, text, level, squash(text)))
    return out


def lines_holding(raw_lines: tuple[str, ...] | list[str], needles: tuple[str, ...]) -> list[int]:
    """Indexes (in order, each once) of the lines that hold any of ``needles``, found by searching the
    whole text at C speed: a rule that looks for a rare word would otherwise ask every line in Python."""
    text = "\n".join(raw_lines)
    hits: set[int] = set()
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            hits.add(at)
            at = text.find(needle, at + 1)
    found: list[int] = []
    index, counted = 0, 0
    for at in sorted(hits):
        index += text.count("\n", counted, at)
        counted = at
        if not found or found[-1] != index:
            found.append(index)
    return found
