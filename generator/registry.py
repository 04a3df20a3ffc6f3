"""A small ordered registry of named items, in the spirit of Python-Markdown's ``util.Registry``.

One class for the two places the pipeline is extended: the parser's stages and
block rules (:mod:`generator.parse.stages`, :mod:`generator.parse.body`) and
the page kinds (:mod:`generator.render.registry`).

The parser's stages and block rules used to be control flow: the order they ran
in was the order of statements in one long function, and a rule had no name a
test or a warning could use. A registry makes both explicit: every rule is
registered under a name with a priority, runs in priority order (highest
first), and can be looked up by name (``STAGES["toc"]``) to be run or tested
alone.

Unlike Python-Markdown's, registering a name twice is an error instead of a
silent replacement: two rules under one name would make a test that names the
rule test only one of them, and the parse order would hang on import order.
"""

from __future__ import annotations

from typing import Generic, Iterator, NamedTuple, TypeVar

T = TypeVar("T")


class _Entry(NamedTuple):
    name: str
    priority: float
    seq: int            # registration order: breaks ties between equal priorities


class Registry(Generic[T]):
    """Named items iterated by priority, highest first; equal priorities keep registration order."""

    def __init__(self, kind: str = "item") -> None:
        self._kind = kind                   # "stage", "block rule": what an error message calls an entry
        self._items: dict[str, T] = {}
        self._entries: list[_Entry] = []
        self._ordered: list[T] | None = None    # the sorted items, rebuilt only after a change

    def register(self, item: T, name: str, priority: float) -> T:
        """Add ``item`` under ``name``; refuse a name already taken (returns the item, for decorators)."""
        if not name:
            raise ValueError(f"a {self._kind} needs a name")
        if name in self._items:
            raise ValueError(f"{self._kind} {name!r} is already registered (priority "
                             f"{self._priority(name)}); pick another name or deregister the old one first")
        self._items[name] = item
        self._entries.append(_Entry(name, priority, len(self._entries)))
        self._ordered = None
        return item

    def deregister(self, name: str) -> T:
        """Remove and return the item under ``name`` (KeyError naming it if there is none)."""
        item = self[name]
        del self._items[name]
        self._entries = [e for e in self._entries if e.name != name]
        self._ordered = None
        return item

    def names(self) -> list[str]:
        """The registered names in the order the items run."""
        return [e.name for e in self._sorted()]

    def __iter__(self) -> Iterator[T]:
        if self._ordered is None:           # sorted once, not on every line a block rule looks at
            self._ordered = [self._items[e.name] for e in self._sorted()]
        return iter(self._ordered)

    def __getitem__(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            raise KeyError(f"no {self._kind} named {name!r}; registered: {', '.join(self.names())}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<Registry of {len(self)} {self._kind}s: {', '.join(self.names())}>"

    def _sorted(self) -> list[_Entry]:
        return sorted(self._entries, key=lambda e: (-e.priority, e.seq))

    def _priority(self, name: str) -> float:
        return next(e.priority for e in self._entries if e.name == name)
