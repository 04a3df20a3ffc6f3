"""The search page's port of generator/search/phrase.py (theme_overrides/assets/javascripts/
gazette-search.js) against the Python rules, on every line of the sample gazettes: the same
searchable text, the same index tokens, the same query tokens. The index is made with one and asked
with the other, so any difference is a phrase that is in a document and not found."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from browser_support import serve
from generator.search.phrase import index_tokens, query_tokens, searchable
from site_builder import sample_site

GAZETTES = Path(__file__).resolve().parents[2] / "gazettes"


@pytest.fixture(scope="module")
def lines() -> list[str]:
    out = []
    for path in sorted(GAZETTES.glob("*.txt")):
        out += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


@pytest.fixture(scope="module")
def js(chromium):
    with serve(sample_site() / "site") as base:
        page = chromium.new_page()
        page.goto(base + "search/")
        page.evaluate("() => window.GazetteSearch.ready()")       # loads search/t2s.json too
        yield page
        page.close()


def _in_browser(js, function: str, texts: list[str]) -> list:
    return js.evaluate(f"texts => texts.map(t => window.GazetteSearch.{function}(t))", texts)


def test_searchable_text_is_the_same(js, lines):
    assert len(lines) > 3000
    got = _in_browser(js, "searchable", lines)
    assert [(line, g) for line, g in zip(lines, got) if g != searchable(line)][:5] == []


def test_index_tokens_are_the_same(js, lines):
    got = _in_browser(js, "indexTokens", lines)
    assert [(line, g) for line, g in zip(lines, got) if g != index_tokens(line)][:5] == []


def test_query_tokens_are_the_same_for_phrases_cut_anywhere(js, lines):
    rng = random.Random(14)
    phrases = []
    for line in rng.sample(lines, 1500):
        start = rng.randrange(len(line))
        phrases.append(line[start:start + rng.randint(1, 12)])
    phrases += ["電動自行車", "ＰＭ２．５", "“最多跑一次”", "乡(镇)", "2018年", "G60", "a"]
    got = _in_browser(js, "queryTokens", phrases)
    assert [(p, g) for p, g in zip(phrases, got) if g != query_tokens(p)][:5] == []
