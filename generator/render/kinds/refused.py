"""未能读取的文件 (``editors/refused/``): the gazette files the build refused, for editors.

A file that cannot be read as a gazette (not text, a damaged or scanned PDF, no
document in it …) is left out and the rest of the archive is published; this page
lists each refused file with the reason and what to do, so that nobody has to read
the build log to find out. It is always written (an empty list says so), so its
address never changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ...model import Refusal
from ..registry import PageKind, register
from ..site import Site

KEY = urls.REFUSED


@dataclass(frozen=True)
class RefusedPage:
    """The context of refused.md.j2."""

    refusals: list[Refusal]          # the template prints each one's file (where) and reason


def refused_page(site: Site) -> str:
    page = RefusedPage(list(site.refused))
    return site.render("refused.md.j2", KEY, {"kind": "index", "title": "未能读取的文件"}, page)


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield urls.source_path(KEY), refused_page(site)


register(PageKind("refused", pages, roots=("editors",)), priority=3)
