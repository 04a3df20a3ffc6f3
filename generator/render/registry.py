"""The registry of page kinds: every generated file belongs to one kind, registered once.

A page kind is one module in :mod:`generator.render.kinds`, one template under
``generator/templates/`` and one :func:`register` call at the bottom of its
module. The module says which top-level folders of docs_src/ it owns (so the
writer may replace them and the plugin keeps their pages out of MkDocs'
navigation), how its pages are made from the :class:`~generator.render.site.Site`,
and, if the home page should point to it, with which line. Nothing else has to be
edited to add a kind: the modules of the package are found by
:func:`load_kinds`, the same way every time (sorted by name), and run in priority
order (highest first, as in Python-Markdown's ``util.Registry``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..registry import Registry

if TYPE_CHECKING:
    from .site import Site

# A generated file: its docs_src-relative path and its text (or bytes, for a compressed download).
GeneratedFile = tuple[str, "str | bytes"]
HOME_FILE = "index.md"       # the home page, which the home kind owns (it is not in a folder)

# Where an archive in parts (generator.urls.Placement) renders a kind's pages:
ARCHIVE_WIDE = "archive-wide"   # the portal only: indexes, ledgers, not-held numbers, data, feeds, lookups
PLACED = "placed"               # each page where the Placement puts it: the kind asks Site.serves


@dataclass(frozen=True)
class HomeLink:
    """One line of the home page's 浏览 list: a link to a kind's index page and what it offers."""

    order: int               # place in the list, smallest first
    label: str               # the link text: 已废止文件
    key: str                 # the page it links to
    text: str | Markup       # after the link: 被本站后来的文件废止或修改的文件（3 件）


@dataclass(frozen=True)
class PageKind:
    """A kind of generated page (or data file), as its module registers it."""

    name: str                                      # the front-matter ``kind`` of its pages, where it has one
    pages: Callable[[Site], Iterable[GeneratedFile]]
    roots: tuple[str, ...] = ()                    # top-level docs_src folders it writes into
    hidden_from_nav: bool = True                   # its pages are reached from other pages, not the nav
    home_link: Callable[[Site], HomeLink | None] | None = None
    # ARCHIVE_WIDE or PLACED: which sites of an archive in parts render its pages (one site: all)
    placement: str = ARCHIVE_WIDE


PAGE_KINDS: Registry[PageKind] = Registry("page kind")


def register(kind: PageKind, priority: float) -> PageKind:
    """Add a page kind (called once, by the kind's own module)."""
    PAGE_KINDS.register(kind, kind.name, priority)
    return kind


@lru_cache(maxsize=1)
def load_kinds() -> Registry[PageKind]:
    """Import every module of :mod:`generator.render.kinds` (each registers its kind) and return
    the registry."""
    from . import kinds

    for info in sorted(pkgutil.iter_modules(kinds.__path__), key=lambda i: i.name):
        importlib.import_module(f"{kinds.__name__}.{info.name}")
    return PAGE_KINDS


@lru_cache(maxsize=1)
def generated_roots() -> tuple[str, ...]:
    """Every top-level docs_src folder some kind writes into, sorted: the generator owns them."""
    return tuple(sorted({root for kind in load_kinds() for root in kind.roots}))


def nav_hidden_roots() -> tuple[str, ...]:
    """The folders whose pages stay out of MkDocs' navigation (reached from index pages)."""
    return tuple(sorted({root for kind in load_kinds() if kind.hidden_from_nav for root in kind.roots}))


@lru_cache(maxsize=1 << 16)
def is_generated(rel: str) -> bool:
    """Is a docs_src-relative path the generator's own: the home page or under a generated root?"""
    return rel == HOME_FILE or rel.split("/", 1)[0] in generated_roots()


def hand_written(docs_dir: Path) -> list[str]:
    """The files of a docs folder the generator does not own (about.md …, the pages editors
    wrote), relative to it, sorted."""
    if not docs_dir.is_dir():
        return []
    return [rel for path in sorted(docs_dir.rglob("*"))
            if path.is_file() and not is_generated(rel := path.relative_to(docs_dir).as_posix())]


def home_links(site: Site) -> list[HomeLink]:
    """The 浏览 lines the kinds give the home page, in their order."""
    links = [kind.home_link(site) for kind in load_kinds() if kind.home_link is not None]
    return sorted((link for link in links if link is not None), key=lambda link: (link.order, link.label))
