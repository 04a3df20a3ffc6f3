"""After MkDocs: the last touch on each HTML page MkDocs writes.

At 25,000 documents every byte of template markup is paid 40,000 times over:
Material's templates indent deeply, and the whitespace alone is about a fifth
of a short document's page. :func:`squeeze_whitespace` folds each run of
whitespace that spans a line break into one line break. Browsers render such
a run exactly like a single line break (it collapses to one space, or to
nothing between block elements), so the page looks the same; text inside
``<pre>``, ``<textarea>`` and ``<script>``, where whitespace can matter, is left
as it is.
"""

from __future__ import annotations

import re

# Elements whose text keeps its whitespace, found with their contents.
_KEEP = re.compile(r"<(pre|textarea|script|code|kbd)\b.*?</\1\s*>", re.S | re.I)
# A run of spaces and tabs, a line break, then any HTML whitespace (not U+3000 or U+00A0, which
# HTML never collapses).
_RUN = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")


def squeeze_whitespace(html: str) -> str:
    """The page with each whitespace run that contains a line break folded into one line break."""
    out: list[str] = []
    last = 0
    for kept in _KEEP.finditer(html):
        out.append(_RUN.sub("\n", html[last:kept.start()]))
        out.append(kept.group(0))
        last = kept.end()
    out.append(_RUN.sub("\n", html[last:]))
    return "".join(out)
