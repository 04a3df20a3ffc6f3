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


@pytest.mark.parametrize("yaml_text, code, sentence, line", [
    ("绍政发〔2017〕9号:\n  titel: x\n", "override-field", "绍政发〔2017〕9号：titel 不是可更正的字段（可更正：", 2),
    ("绍政发〔2017〕99号:\n  title: x\n", "override-unmatched",
     "绍政发〔2017〕99号：shaoxing-2017-04.txt 中没有这个发文字号或序号的文件", 1),
    ("\"#42\":\n  title: x\n", "override-unmatched", "#42：shaoxing-2017-04.txt 中没有", 1),
    ("绍政发〔2017〕9号:\n  date: 四月\n", "override-date", "绍政发〔2017〕9号：date 应是日期，写作 YYYY-MM-DD", 2),
    ("绍政发〔2017〕9号:\n  issuers: 绍兴市人民政府\n", "override-list", "issuers 应是文字的列表", 2),
    ("绍政发〔2017〕9号:\n  title: 3\n", "override-text", "title 应是文字", 2),
    ("绍政发〔2017〕9号:\n  toc_page: 三\n", "override-number", "toc_page 应是数字", 2),
    ("绍政发〔2017〕9号:\n  doc_number: 九号\n", "override-doc-number", "九号 不是发文字号", 2),
    ("绍政发〔2017〕9号: [title]\n", "override-entry", "要更正的字段应逐个写成", 1),
    ("- 绍政发〔2017〕9号\n", "override-not-mapping", "应以发文字号（或“#序号”）为键", None),
    ("绍政发〔2017〕9号:\n  title: [unclosed\n", "override-yaml", "不是有效的 YAML（", 3),
])
def test_bad_overrides_are_one_clear_error_naming_file_and_line(gazette, yaml_text, code, sentence, line):
    with pytest.raises(GazetteError) as err:
        _apply(gazette, yaml_text)
    text = str(err.value)
    assert err.value.code == code
    assert f"shaoxing-2017-04.overrides.yml{f':{line}' if line else ''}: {code}：" in text and sentence in text


def test_overrides_not_in_utf8_name_the_offset(gazette):
    overrides_path(gazette).write_bytes("绍政发〔2017〕9号:\n  title: ".encode("utf-8") + "改正".encode("gbk") + b"\n")
    with pytest.raises(GazetteError, match=r"override-encoding：不是 UTF-8 文本（自偏移量 \d+ 的字节起无法解码）"):
        apply_overrides_for(parse_file(gazette), gazette)
