"""The one comparison key for titles printed in different ways.

Two printings of one title (TOC and body, two gazettes, a citation's 《…》) differ in
layout spaces, full-/half-width characters, dash and quote styles, never in wording.
Every stage that compares titles — the parser matching TOC entries, the linker
matching printings and 发文目录 lines — uses :func:`fold`, so they agree.
"""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
_DASHES = re.compile(r"[—–~～-]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〈": "<", "〉": ">", "《": "<", "》": ">"})


def fold(text: str | None) -> str:
    """NFKC (full-width → half-width), one dash and one quote style, no whitespace; '' for None."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _WHITESPACE.sub("", _DASHES.sub("-", text))
