"""Editors' corrections in X.overrides.yml, applied to a real gazette."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.model import GazetteError
from generator.overrides import apply_overrides_for, overrides_path
from generator.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def gazette(tmp_path):
    path = tmp_path / "shaoxing-2017-04.txt"
    shutil.copy(ROOT / "gazettes" / "shaoxing-2017-04.txt", path)
    return path


def _apply(gazette, yaml_text):
    overrides_path(gazette).write_text(yaml_text, encoding="utf-8")
    return apply_overrides_for(parse_file(gazette), gazette)


def test_corrections_by_doc_number_variant_and_by_position(gazette):
    issue = _apply(gazette, "绍政发[2017]9号:\n  title: 改正后的标题\n\"#1\":\n  date: 2017-04-16\n"
                            "  issuers: [绍兴市人民政府, 绍兴市人民政府办公室]\n")
    first, third = issue.documents[0], issue.documents[2]
    assert third.title == "改正后的标题"
    assert first.date == dt.date(2017, 4, 16) and first.issuers == ["绍兴市人民政府", "绍兴市人民政府办公室"]
    assert any(w.code == "edited" and "shaoxing-2017-04.overrides.yml" in w.message for w in third.warnings)
    assert issue.documents[1].title == "绍兴市人民政府关于印发绍兴市人民政府工作规则的通知"   # untouched


def test_no_file_no_change(gazette):
    parsed = parse_file(gazette)
    assert apply_overrides_for(parsed, gazette) is parsed


@pytest.mark.parametrize("yaml_text, message, line", [
    ("绍政发〔2017〕9号:\n  titel: x\n", "unknown field 'titel'", 2),
    ("绍政发〔2017〕99号:\n  title: x\n", "绍政发〔2017〕99号: no document", 1),
    ("\"#42\":\n  title: x\n", "#42: no document", 1),
    ("绍政发〔2017〕9号:\n  date: 四月\n", "'date' must be a date", 2),
    ("绍政发〔2017〕9号:\n  issuers: 绍兴市人民政府\n", "'issuers' must be a list", 2),
    ("绍政发〔2017〕9号:\n  doc_number: 九号\n", "is not a doc number", 2),
    ("绍政发〔2017〕9号: [title]\n", "as a mapping", 1),
    ("绍政发〔2017〕9号:\n  title: [unclosed\n", "not valid YAML", None),
])
def test_bad_overrides_are_one_clear_error_naming_file_and_line(gazette, yaml_text, message, line):
    with pytest.raises(GazetteError) as err:
        _apply(gazette, yaml_text)
    text = str(err.value)
    assert "shaoxing-2017-04.overrides.yml" in text and message in text
    if line is not None:
        assert f".overrides.yml:{line}:" in text
