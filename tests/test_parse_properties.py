"""Property-based tests: the parser on random edits of the real sample gazettes.

Whatever the edit (lines deleted, duplicated, swapped, re-wrapped, markup
stripped or added, brackets and digit widths changed), the parser must not
crash, must keep every non-blank line owned exactly once, and must report only
canonical doc numbers. 500 examples per property by default; set
GAZETTE_QUICK=1 for a quick run of 50.
"""

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.doc_number import canonicalize
from generator.model import GazetteError
from generator.parse import parse_text
from generator.parse.ownership import orphan_and_shared_lines, uncovered_block_lines
from generator.sources import split_lines

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [p.read_text(encoding="utf-8").split("\n") for p in sorted((ROOT / "gazettes").glob("*.txt"))]
EXAMPLES = 50 if os.environ.get("GAZETTE_QUICK") else 500
PROFILE = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_BRACKETS = [("〔", "〕"), ("[", "]"), ("（", "）"), ("【", "】"), ("(", ")")]


@st.composite
def excerpts(draw):
    """A window of 20-400 lines from one of the five sample gazettes."""
    lines = draw(st.sampled_from(SAMPLES))
    size = draw(st.integers(20, 400))
    start = draw(st.integers(0, max(0, len(lines) - size)))
    return list(lines[start:start + size])


def _edit(draw, lines):
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "wrap", "strip", "markup", "brackets", "digits"]))
    if not lines:
        return lines
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "wrap":
        width = draw(st.integers(5, 40))
        text = lines[i]
        lines[i:i + 1] = [text[k:k + width] for k in range(0, len(text), width)] or [""]
    elif kind == "strip":
        lines[i] = re.sub(r"^#+\s*|\*\*|^- ", "", lines[i])
    elif kind == "markup":
        lines[i] = draw(st.sampled_from(["# ", "### ", "- ", "**"])) + lines[i]
    elif kind == "brackets":
        a, b = draw(st.sampled_from(_BRACKETS))
        lines[i] = lines[i].replace("〔", a).replace("〕", b)
    elif kind == "digits":
        lines[i] = lines[i].translate(_FULL)
    return lines


@st.composite
def edited_gazettes(draw):
    lines = draw(excerpts())
    for _ in range(draw(st.integers(1, 8))):
        lines = _edit(draw, lines)
    return "\n".join(lines)


def _parse(text):
    try:
        return parse_text(text, "edited.txt")
    except GazetteError as exc:       # a clear, named refusal is allowed; a crash is not
        assert "edited.txt" in str(exc)
        return None


@PROFILE
@given(edited_gazettes())
def test_parser_never_crashes_and_loses_no_line(text):
    issue = _parse(text)
    if issue is None:
        return
    lines = split_lines(text)
    assert orphan_and_shared_lines(issue, lines) == ([], [])


@PROFILE
@given(edited_gazettes())
def test_blocks_hold_every_document_line(text):
    issue = _parse(text)
    if issue is not None:
        assert uncovered_block_lines(issue, split_lines(text)) == []


@PROFILE
@given(edited_gazettes())
def test_reported_doc_numbers_are_canonical(text):
    issue = _parse(text)
    if issue is None:
        return
    for doc in issue.documents:
        for number in [doc.doc_number, *doc.references]:
            if number is not None:
                assert canonicalize(number) == number
