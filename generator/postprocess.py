"""After MkDocs: the last touch on each HTML page MkDocs writes.

At 25,000 documents every byte of template markup is paid 40,000 times over:
Material's templates indent deeply, and the whitespace alone is about a fifth
of a short document's page. :func:`squeeze_whitespace` folds each run of
whitespace that spans a line break into one line break. Browsers render such
a run exactly like a single line break (it collapses to one space, or to
nothing between block elements), so the page looks the same; text inside
``<pre>``, ``<textarea>`` and ``<script>``, where whitespace can matter, is left
as it is. A line break between two tags goes entirely when one of them is a
block-level element's (``</li>`` / ``<li>``, ``<td>`` / ``<a>``): there it is at the
start or end of a line box, or between boxes, and renders as nothing.

:func:`readable_urls` writes the CJK characters of link addresses as themselves:
MkDocs percent-encodes every internal link (``d/%E7%BB%8D%E6%94%BF%E5%8F%91/…``, nine
bytes for each character that takes three), and an index page is mostly links.
An address in an HTML attribute may hold such characters as they are (a URL
code point in the WHATWG URL standard), and a browser requests exactly the
same percent-encoded URL for either spelling.
"""

from __future__ import annotations

import re

from .urls import CJK_IDEOGRAPHS

# Elements whose text keeps its whitespace, found with their contents.
_KEEP = re.compile(r"<(pre|textarea|script|code|kbd)\b.*?</\1\s*>", re.S | re.I)
# A run of spaces and tabs, a line break, then any HTML whitespace (not U+3000 or U+00A0, which
# HTML never collapses).
_RUN = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")


# A run of percent-encoded bytes that could be UTF-8 beyond ASCII, inside an href or src value.
_ENCODED_RUN = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")
_LINK_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*%[89A-Fa-f][^"]*)"')
# What may be written unencoded: the CJK ideographs an address segment may hold.
_CJK_ONLY = re.compile(rf"^[{CJK_IDEOGRAPHS}]+$")


def _decode_run(match: re.Match) -> str:
    """One run of %XX bytes as the CJK characters it encodes; left encoded if it is anything else."""
    run = match.group(0)
    try:
        text = bytes.fromhex(run.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return run
    return text if _CJK_ONLY.match(text) else run


def readable_urls(html: str) -> str:
    """The page with the percent-encoded CJK characters of its href and src values decoded.

    Only CJK ideographs are decoded, so no decoded character can be a quote, ``<``, ``&``,
    a space, a slash or a control character: the attribute and the address stay the same.
    """
    return _LINK_ATTRIBUTE.sub(lambda m: f'{m.group(1)}="{_ENCODED_RUN.sub(_decode_run, m.group(2))}"', html)


# Block-level elements (never styled inline here): a line break beside one of their tags, between
# two tags, renders as nothing. Inline elements (a, span, strong, label, button, img …) are not listed:
# a line break between two of them is a space.
_BLOCK = frozenset("html head body meta link title div nav header footer main article section aside ul ol li "
                   "dl dt dd table thead tbody tfoot tr td th caption p h1 h2 h3 h4 h5 h6 hr form fieldset "
                   "details summary figure figcaption blockquote".split())
# A tag, a line break, and the name of the tag that follows.
_TAG_BREAK = re.compile(r"(</?([A-Za-z][A-Za-z0-9]*)[^<>]*>)\n(?=</?([A-Za-z][A-Za-z0-9]*))")


def _drop_block_break(match: re.Match) -> str:
    """The tag without its line break when either neighbour is a block-level element's tag."""
    if match.group(2).lower() in _BLOCK or match.group(3).lower() in _BLOCK:
        return match.group(1)
    return match.group(0)


def _fold(text: str) -> str:
    """One stretch of page outside the kept elements, folded."""
    return _TAG_BREAK.sub(_drop_block_break, _RUN.sub("\n", text))


def squeeze_whitespace(html: str) -> str:
    """The page with each whitespace run that contains a line break folded into one line break, and
    dropped where it sits between two tags beside a block-level element's tag."""
    out: list[str] = []
    last = 0
    for kept in _KEEP.finditer(html):
        out.append(_fold(html[last:kept.start()]))
        out.append(kept.group(0))
        last = kept.end()
    out.append(_fold(html[last:]))
    return "".join(out)


def compact_page(html: str) -> str:
    """The last touch on every HTML page: whitespace folded, link addresses readable."""
    return readable_urls(squeeze_whitespace(html))
