"""generator/search/phrase.py: the one normalisation and token rule of exact phrase search,
on real lines of the sample gazettes (each quoted with its file and line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.search.phrase import contains, index_tokens, query_phrases, query_tokens, searchable

GAZETTES = Path(__file__).resolve().parents[2] / "gazettes"

# quzhou-2018-03-04.txt:234, a title the PDF conversion broke with spaces
SPLIT_TITLE = "衢州市人民政府关于 同意在江山市城区实施衢州市 市区电动自行车管理规定的批复"
# quzhou-2018-03-04.txt:410
PM25 = "——出境水水质指标达到Ⅲ类水以上,空气质量指数(AQI)优良率达到85%以上,市区PM2.5年均浓度控制在40微克/立方米以内。"
# jiaxing-2017-05.txt:110 (part)
TOWNS = "全面推进小城镇环境综合整治,基本完成30个镇(街道)的整治任务。"


def _line(name: str, number: int) -> str:
    return (GAZETTES / name).read_text(encoding="utf-8").splitlines()[number - 1]


def test_the_fixtures_are_real_lines():
    assert _line("quzhou-2018-03-04.txt", 234) == SPLIT_TITLE
    assert _line("quzhou-2018-03-04.txt", 410) == PM25
    assert TOWNS in _line("jiaxing-2017-05.txt", 110)


def test_searchable_text_drops_spaces_and_folds_width_case_and_traditional():
    assert "电动自行车管理规定" in searchable(SPLIT_TITLE)
    assert searchable("ＰＭ２．５") == searchable("PM2.5") == "pm2.5"
    assert searchable("電動自行車") == "电动自行车"


def test_a_run_is_its_first_character_its_bigrams_and_its_last():
    assert index_tokens("30个镇(街道)") == ["3", "30", "0个", "个镇", "镇", "街", "街道", "道"]


def test_no_bigram_spans_punctuation():
    tokens = index_tokens(TOWNS)
    assert "整,基" not in tokens and "治基" not in tokens
    assert all(len(t) <= 2 for t in tokens)


@pytest.mark.parametrize("phrase, tokens", [
    ("电动自行车", ["电动", "动自", "自行", "行车"]),      # one run: its bigrams only, both ends open
    ("镇(街道", ["镇", "街", "街道"]),                    # crossing punctuation: the ends that meet it
    ("pm2.5", ["pm", "m2", "2", "5"]),
    ("車", ["车"]),
])
def test_a_query_is_the_adjacent_tokens_it_must_match(phrase, tokens):
    assert query_tokens(phrase) == tokens


def test_the_query_tokens_occur_adjacent_in_the_text_that_contains_the_phrase():
    for text, phrase in [(SPLIT_TITLE, "市区电动自行车"), (PM25, "PM2.5年均"), (PM25, "(AQI)优良"),
                         (TOWNS, "个镇(街道)的"), (TOWNS, "城镇環境")]:
        text_tokens, wanted = index_tokens(text), query_tokens(phrase)
        assert contains(text, phrase)
        assert any(text_tokens[i:i + len(wanted)] == wanted for i in range(len(text_tokens))), phrase


def test_contains_is_exact():
    assert contains(SPLIT_TITLE, "电动自行车管理")          # across the converter's space
    assert not contains(SPLIT_TITLE, "电动车")
    assert contains(TOWNS, "镇(街道")
    assert not contains(TOWNS, "镇街道")                  # the text has punctuation there
    assert not contains(TOWNS, "(")                      # no letter, digit or CJK: asks for nothing


def test_space_separated_terms_are_all_required():
    assert query_phrases("电动自行车  江山市") == [query_tokens("电动自行车"), query_tokens("江山市")]
    assert query_phrases(" 、 ") == []


def test_token_list_counts_the_tokens_ending_before_an_offset():
    """token_list gives a text's tokens and how many end (at their last character) before an offset:
    the title's share of a document's stream. Checked at every offset of real lines against the
    definition: a run's first character ends where it starts, its i-th bigram one past, its last
    character at the run's end."""
    from generator.search.phrase import _RUN, token_list

    for line in (SPLIT_TITLE, PM25, TOWNS):
        folded = searchable(line)
        ends = []
        for m in _RUN.finditer(folded):
            run, start = m.group(), m.start()
            ends += [start] if len(run) == 1 else [start, *range(start + 1, start + len(run)), start + len(run) - 1]
        tokens, _ = token_list(folded)
        assert tokens == index_tokens(line) and len(tokens) == len(ends)
        for before in range(len(folded) + 2):
            assert token_list(folded, before)[1] == sum(1 for end in ends if end < before), (line, before)
