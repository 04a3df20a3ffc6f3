"""What the issue-level parse stages share, in one place.

The stages of :mod:`.stages` each read what earlier stages found (the cleansed
lines, where the 目录 ends, the document heads, where the back matter starts)
and add their own findings. Keeping those in one :class:`ParseState` instead of
local variables threaded through one long function lets each stage be a small
named function, run and tested alone on a state built from an excerpt.

The result being built is ``issue``: what the stages find about the issue
itself (masthead fields, TOC, regions, 发文目录, documents, warnings) is written
straight into it; the indexes below are the working knowledge it is built from.
All indexes are 0-based positions in ``lines`` (a line's number is ``index + 1``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Document, GazetteIssue, Region, TocEntry
from ..sources import SourceText
from .lines import Line
from .segment import Head


@dataclass
class ParseState:
    """One gazette being parsed: its source, its lines, and what the stages have found so far."""

    source: SourceText
    issue: GazetteIssue                          # the result, filled in stage by stage
    lines: list[Line] = field(default_factory=list)   # cleansed source lines (stage ``cleanse``)
    toc_head: int | None = None                  # the 目录 line, if the gazette prints one
    toc_last: int | None = None                  # the last line belonging to the TOC
    body_begin: int = 0                          # where documents may start: after the TOC, else 0
    heads: list[Head] = field(default_factory=list)    # every document head, in order
    back_start: int = 0                          # where the back matter (colophon, 发文目录) starts
    dispatch_idx: int | None = None              # the 发文目录 heading line, if any

    @classmethod
    def of(cls, source: SourceText) -> "ParseState":
        """A fresh state for one source: nothing found yet."""
        return cls(source=source, issue=GazetteIssue(source_file=source.path, name=None, region=None,
                                                    year=None, issue=None, total_issue=None))

    @property
    def toc(self) -> list[TocEntry]:
        return self.issue.toc

    @property
    def documents(self) -> list[Document]:
        return self.issue.documents

    @property
    def regions(self) -> list[Region]:
        return self.issue.regions

    @property
    def notes(self) -> tuple[str, ...]:
        """What decoding had to repair in the source (a cut last character …), as the reader noted it."""
        return tuple(self.source.notes)
