"""The one catalogue of messages (generator/messages.py): every warning the code raises has its Chinese
template there, and the pages readers see print those sentences, not English ones."""

from __future__ import annotations

import re
from pathlib import Path

from generator.messages import NOTES, WARNINGS, note, warning
from site_builder import read_page, sample_site

ROOT = Path(__file__).resolve().parents[1]
# a warning or a note made anywhere in the package: warning("code", …), note("code", …)
_RAISED = re.compile(r"""\bwarning\(\s*["']([a-z-]+)["']""")
_NOTED = re.compile(r"""\bnote\(\s*["']([a-z-]+)["']""")
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
