"""The fixture guard (tests/parse/excerpts.py): excerpts must be real text, and every fixture of
tests/parse/ is."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from . import excerpts


def test_a_line_found_in_no_source_is_refused():
    with pytest.raises(AssertionError, match="绍兴市人民政府关于加强某项工作的通知"):
        excerpts.excerpt("绍兴市人民政府关于市政府领导分工的通知\n\n绍兴市人民政府关于加强某项工作的通知")


def test_blank_lines_and_trailing_spaces_are_layout():
    assert excerpts.excerpt("\n绍兴市人民政府  \n\n\n2017年4月18日\n") == ["绍兴市人民政府  ", "", "", "2017年4月18日"]


def test_state_council_lines_count_as_sources():
    assert "document 5 (国办发〔1996〕25号)" in excerpts.where("国务院办公厅　中央军委办公厅")


def _fixtures() -> list[tuple[str, str]]:
    """(module:NAME, text) of every multi-line string constant in excerpts.py and the test modules."""
    found = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        module = importlib.import_module(f"{__package__}.{path.stem}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str) and "\n" in value:
                found.append((f"{path.stem}:{name}", value))
    return found


FIXTURES = _fixtures()


def test_the_fixtures_are_found():
    assert {"excerpts:SHAOXING_ISSUE", "test_block_rules:TABLE_NOTICE", "test_segment:RELAY"} <= dict(FIXTURES).keys()


@pytest.mark.parametrize("name, text", FIXTURES, ids=[name for name, _ in FIXTURES])
def test_every_fixture_is_real_text(name, text):
    assert excerpts.excerpt(text)
