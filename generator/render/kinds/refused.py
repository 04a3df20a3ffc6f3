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
from ..registry import PageKind, register
from ..site import Site

KEY = urls.REFUSED


@dataclass(frozen=True)
class Refusal:
    file: str          # the file's name in the gazette folder
    reason: str        # the message the reader gave, without the file name


@dataclass(frozen=True)
class RefusedPage:
    """The context of refused.md.j2."""

    refusals: list[Refusal]


def refusal(line: str) -> Refusal:
    """A refusal line of the build (``skipped gazette gazettes/x.pdf: is a scanned PDF …``) as file
    and reason."""
    text = line.removeprefix("skipped gazette ").strip()
    where, _, reason = text.partition(": ")
    return Refusal(where.rsplit("/", 1)[-1], reason or text)


def refused_page(site: Site) -> str:
    page = RefusedPage([refusal(line) for line in site.refused])
    return site.render("refused.md.j2", KEY, {"kind": "index", "title": "未能读取的文件"}, page)


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield urls.source_path(KEY), refused_page(site)


register(PageKind("refused", pages, roots=("editors",)), priority=3)
