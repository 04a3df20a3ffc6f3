"""CJK radicals folded to the ideographs they stand for, by Unicode's own mapping.

Text taken from a PDF's text layer often holds radical code points where the
printed page shows ideographs: ``⼈`` (U+2F08, KANGXI RADICAL MAN) for 人, ``⽂``
(U+2F42) for 文, ``⺠`` (U+2EA0, CJK RADICAL CIVILIAN) for 民, ``⻔`` (U+2ED4) for 门.
Fonts common in Chinese government PDFs map those glyphs to the radicals in their
ToUnicode tables. Left alone they break titles, issuers, doc numbers and search
(``⼈⺠政府`` is not 人民政府). NFKC folds the Kangxi radicals (U+2F00–2FD5) but
not the CJK Radicals Supplement (U+2E80–2EF3), so the mapping is Unicode's:
``EquivalentUnifiedIdeograph.txt`` beside this module (so the parse cache key
covers it), the Unicode Character Database file
EquivalentUnifiedIdeograph-15.0.0.txt as Debian's ``unicode-data`` 15.0.0-1
ships it (© Unicode, Inc., under the Unicode terms of use; unchanged).

Every source passes through :func:`fold_radicals` when it is read
(:mod:`generator.sources`), so no radical reaches the parser, a page, the search
index or the data downloads.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..messages import note

DATA = Path(__file__).parent / "EquivalentUnifiedIdeograph.txt"


@lru_cache(maxsize=1)
def radical_table() -> dict[int, str]:
    """Code point → its equivalent unified ideograph, for ``str.translate``."""
    table: dict[int, str] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        source, target = (field.strip() for field in data.split(";"))
        first, _, last = source.partition("..")
        for cp in range(int(first, 16), int(last or first, 16) + 1):
            table[cp] = chr(int(target, 16))
    return table


def radical_note(count: int) -> tuple[str, ...]:
    """The source note saying how many radicals were folded (none when there were none)."""
    if not count:
        return ()
    return (note("radicals", count=count),)


def fold_radicals(text: str) -> tuple[str, int]:
    """The text with every mapped radical replaced by its ideograph, and how many were replaced
    (str.translate runs at C speed; the count is only taken when something changed)."""
    folded = text.translate(radical_table())
    if folded == text:
        return text, 0
    return folded, sum(1 for a, b in zip(text, folded) if a != b)
