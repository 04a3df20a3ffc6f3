"""The one catalogue of messages (generator/messages.py): every warning the code raises and every
refusal of a file has its Chinese template there, and the pages readers see print those sentences,
not English ones."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from generator.messages import NOTES, REFUSALS, WARNINGS, note, refusal, warning
from generator.model import REFUSAL_KINDS, GazetteError
from site_builder import read_page, sample_site

ROOT = Path(__file__).resolve().parents[1]
# a warning or a note made anywhere in the package: warning("code", …), note("code", …)
_RAISED = re.compile(r"""\bwarning\(\s*["']([a-z-]+)["']""")
_NOTED = re.compile(r"""\bnote\(\s*["']([a-z-]+)["']""")
_REFUSED = re.compile(r"""\brefusal\(\s*["']([a-z0-9-]+)["']""")
# an English sentence: three Latin words in a row (a code such as toc-title-differs is one word)
_ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}")


def _raised_codes(pattern: re.Pattern = _RAISED) -> set[str]:
    return {code for path in (ROOT / "generator").rglob("*.py")
            for code in pattern.findall(path.read_text(encoding="utf-8"))}


def test_every_warning_raised_has_its_template_and_every_template_is_raised():
    raised = _raised_codes()
    assert raised == set(WARNINGS), (raised ^ set(WARNINGS))
    assert len(raised) >= 15


def test_every_note_made_has_its_template_and_every_template_is_made():
    assert _raised_codes(_NOTED) == set(NOTES)


def test_every_note_is_chinese():
    for code, template in NOTES.items():
        text = note(code, **{name: "X" for name in re.findall(r"{(\w+)}", template)})
        assert not _ENGLISH.search(text.replace("gazette extract --force", "").replace("gazette extract", "")), code


def test_every_template_is_chinese_and_takes_its_particulars():
    for code, template in WARNINGS.items():
        names = re.findall(r"{(\w+)}", template)
        text = warning(code, 1, **{name: "X" for name in names}).message
        assert not _ENGLISH.search(text), code
        assert re.search("[\u4e00-\u9fff]", text), code


def test_the_sample_sites_warnings_are_chinese_sentences():
    """Every 解析提示 line of every document page of the sample site: the code, then a Chinese sentence."""
    site = sample_site() / "site"
    seen = 0
    for page in sorted((site / "d").rglob("index.html")):
        key = page.parent.relative_to(site).as_posix() + "/"
        text = read_page(site, key).text
        if "解析提示" not in text:
            continue
        tips = text.split("解析提示", 1)[1]
        for code in WARNINGS:
            for sentence in re.findall(rf"{re.escape(code)}：([^：]*?)(?=(?:[a-z]+-)+[a-z]+：|$)", tips):
                seen += 1
                assert not _ENGLISH.search(sentence), (key, code, sentence)
    assert seen > 10


def _fields(template: str) -> set[str]:
    return {name for _words, name, _spec, _conversion in string.Formatter().parse(template) if name}


def _refusal_calls() -> list[tuple[str, str, set[str]]]:
    """Every ``refusal("code", …)`` of the package: where, the code, the particulars it passes."""
    calls = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "refusal":
                code = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
                calls.append((f"{path.name}:{node.lineno}", code, {k.arg for k in node.keywords}))
    return calls


def test_every_refusal_raised_has_its_template_and_every_template_is_raised():
    raised = _raised_codes(_REFUSED)
    assert raised == set(REFUSALS), (raised ^ set(REFUSALS))


def test_each_refusal_names_its_code_and_passes_the_particulars_its_sentence_names():
    calls = _refusal_calls()
    assert len(calls) >= 28
    for where, code, particulars in calls:
        assert code in REFUSALS, (where, code)
        assert particulars == _fields(REFUSALS[code]), (where, code, particulars ^ _fields(REFUSALS[code]))


def test_only_the_catalogue_makes_a_gazette_error():
    """A GazetteError is made by messages.refusal, so no refusal is written where it is raised."""
    makers = [path.relative_to(ROOT).as_posix() for path in (ROOT / "generator").rglob("*.py")
              if re.search(r"\bGazetteError\(", path.read_text(encoding="utf-8"))]
    assert sorted(makers) == ["generator/messages.py", "generator/model.py"]   # model: the class itself


def test_the_gazette_refusals_are_the_refusal_kinds():
    """A gazette file is refused for one of REFUSAL_KINDS; an editors' corrections file (override-…)
    is not applied, nor is an unusable entry of the manifest (manifest-…), nor a declaration of the
    archive's parts (archive-…): no kind of refused gazette."""
    assert set(REFUSAL_KINDS) == {code for code in REFUSALS
                                  if not code.startswith(("override-", "manifest-", "archive-"))}


def test_every_refusal_is_chinese_and_says_the_code_then_the_sentence():
    for code, template in REFUSALS.items():
        error = refusal(code, "gazettes/x.txt", 12, **{name: "X" for name in _fields(template)})
        assert isinstance(error, GazetteError) and error.code == code
        assert not _ENGLISH.search(error.message), code
        assert re.search("[\u4e00-\u9fff]", error.message), code
        assert str(error) == f"gazettes/x.txt:12: {code}：{error.message}"


def test_a_refusal_keeps_its_command_verbatim():
    command = "ocrmypdf -l chi_sim x.pdf x-ocr.pdf"
    error = refusal("scanned-pages", "x.pdf", pages="3、5", command=command)
    assert error.message.endswith(command) and "第3、5页" in error.message
    assert error.particulars == {"pages": "3、5", "command": command}
