"""The no-text-lost invariant: every non-blank source line is owned exactly once.

Owners are the documents and the issue's non-document regions (cover, TOC,
board, colophon, 发文目录). A line owned by nobody, or by two owners, is
reported as an error-level warning with its line number, so a parser change
that drops or duplicates text cannot pass unnoticed.
"""

from __future__ import annotations

from ..messages import warning
from ..model import GazetteIssue, ParseWarning


def owners_by_line(issue: GazetteIssue) -> dict[int, list[str]]:
    """Line number → the owners whose span covers it."""
    owners: dict[int, list[str]] = {}
    spans = [(f"document {d.position}", d.start_line, d.end_line) for d in issue.documents]
    spans += [(r.kind, r.start_line, r.end_line) for r in issue.regions]
    for name, a, b in spans:
        for no in range(a, b + 1):
            owners.setdefault(no, []).append(name)
    return owners


def orphan_and_shared_lines(issue: GazetteIssue, lines: tuple[str, ...] | list[str]) -> tuple[list[int], list[int]]:
    """(lines owned by nobody, lines owned twice), non-blank lines only."""
    owners = owners_by_line(issue)
    orphans, shared = [], []
    for no, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        got = owners.get(no, [])
        if not got:
            orphans.append(no)
        elif len(got) > 1:
            shared.append(no)
    return orphans, shared


def check_ownership(issue: GazetteIssue, lines: tuple[str, ...] | list[str] | None = None) -> list[ParseWarning]:
    """Warnings for every orphan or doubly-owned line (empty when the invariant holds)."""
    if lines is None:
        return []
    orphans, shared = orphan_and_shared_lines(issue, lines)
    out = [warning("orphan-line", no) for no in orphans]
    out += [warning("shared-line", no) for no in shared]
    return out


def uncovered_block_lines(issue: GazetteIssue, lines: tuple[str, ...] | list[str]) -> list[int]:
    """Non-blank lines of a document that none (or more than one) of its blocks holds."""
    bad = []
    for doc in issue.documents:
        count: dict[int, int] = {}
        for block in doc.blocks:
            for no in range(block.start_line, block.end_line + 1):
                count[no] = count.get(no, 0) + 1
        bad += [no for no in range(doc.start_line, doc.end_line + 1)
                if lines[no - 1].strip() and count.get(no) != 1]
    return bad
