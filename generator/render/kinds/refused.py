"""未能读取的文件 (``editors/refused/``): the gazette files the build refused, for editors.

A file that cannot be read as a gazette (not text, a damaged or scanned PDF, no
document in it …) is left out and the rest of the archive is published; this page
lists each refused file with the reason and what to do, in the sentence of
generator.messages.REFUSALS that the build log prints too, so that nobody has to read
the build log to find out. It is always written (an empty list says so), so its
address never changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ... import urls
from ...messages import REFUSALS, refusal_pieces
from ...model import Refusal
from ..escape import escape_text
from ..registry import PageKind, register
from ..site import Site

KEY = urls.REFUSED


@dataclass(frozen=True)
class RefusedPage:
    """The context of refused.md.j2."""

    refusals: list[dict]             # each refused file: where, why and what to do (Chinese), its code


def reason(refusal: Refusal) -> Markup:
    """Why a file was refused and what to do, in the catalogue's Chinese sentence
    (generator.messages.REFUSALS): its particulars escaped like any text of a gazette, a command
    shown as code, to be typed as it stands."""
    if refusal.code not in REFUSALS:
        return Markup(escape_text(refusal.reason))
    shown = []
    for words, name in refusal_pieces(refusal.code, dict(refusal.particulars)):
        text = escape_text(words, line_start=False)
        shown.append(f"<code>{text}</code>" if name == "command" else text)
    return Markup("".join(shown).strip())


def refused_page(site: Site) -> str:
    page = RefusedPage([{"where": r.where, "reason": reason(r), "code": r.code} for r in site.refused])
    return site.render("refused.md.j2", KEY, {"kind": "index", "title": "未能读取的文件"}, page)


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield urls.source_path(KEY), refused_page(site)


register(PageKind("refused", pages, roots=("editors",)), priority=3)
