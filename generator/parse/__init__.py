"""Stage 2: parse one gazette issue into its documents.

The parse is a list of named stages (:data:`.stages.STAGES`), run in priority
order over one shared :class:`.state.ParseState`; each stage lives beside the
module that holds its rules:

1. :mod:`.lines`     cleanse every line (markup, stray HTML) keeping line numbers;
2. :mod:`.toc`       find the 目录 and read its sections and entries;
3. :mod:`.segment`   find each document's head and extent;
4. :mod:`.masthead`  read the gazette's own fields from the cover;
5. :mod:`.document`  read each document (fields in :mod:`.fields`);
6. :mod:`.body`      turn each document's lines into structured blocks (rules in ``BLOCK_RULES``);
7. :mod:`.regions`   the non-document spans: cover, TOC, board, colophon, 发文目录;
8. :mod:`.consistency` warnings where TOC, body and 发文目录 disagree;
9. :mod:`.ownership` check that every non-blank line is owned exactly once.
"""

from __future__ import annotations

from pathlib import Path

from ..model import GazetteIssue
from ..sources import SourceText, read_source, split_lines
from .stages import STAGES, run_stages
from .state import ParseState

__all__ = ["parse_file", "parse_source", "parse_text"]


def parse_file(path: str | Path) -> GazetteIssue:
    """Read and parse one gazette file; GazetteError (naming the file) if it is not a gazette."""
    return parse_source(read_source(path))


def parse_text(text: str, path: str = "<text>") -> GazetteIssue:
    """Parse gazette text already in memory (tests, tools)."""
    return parse_source(SourceText(path, "utf-8", split_lines(text)))


def parse_source(source: SourceText) -> GazetteIssue:
    """Split a decoded gazette into its documents and non-document regions: every stage in order."""
    return run_stages(ParseState.of(source), STAGES).issue
