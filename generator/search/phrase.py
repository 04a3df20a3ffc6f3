"""Exact phrase search for Chinese: one normalisation and one token rule for index, query and truth.

A reader types a phrase cut anywhere (``电动自行车``, ``17年``, ``乡(镇)``) and expects
every document that contains it. Word segmentation cannot promise that (the
segmenter cuts the query one way and the document another), so, as Lucene's
CJKBigramFilter and Elasticsearch's ``cjk_bigram`` do, the index holds the
overlapping character bigrams of the text, and a phrase is found as the adjacent
sequence of its bigrams (:mod:`.index`): exactly the documents whose text
contains the phrase.

* :func:`searchable` is what both sides see: NFKC (full-width letters and digits
  fold to half-width), lower case, traditional characters folded to simplified
  one by one (:func:`t2s_table`, from OpenCC), and no whitespace at all, so a
  phrase the PDF conversion broke across two lines still matches.
* :func:`index_tokens` cuts it into *runs* of letters, digits and CJK characters
  (punctuation ends a run) and writes each run as its first character, its
  bigrams and its last character: ``乡镇企业。`` → ``乡 乡镇 镇企 企业 业``. No bigram
  spans punctuation; the characters at the ends let a phrase that crosses
  punctuation (``建设。加``) be asked exactly. (A one-character query asks each
  character's own list of documents, :mod:`.index`.)
* :func:`query_tokens` writes a phrase the same way, except that its first run
  may begin inside a longer run (no leading character) and its last run may go
  on (no trailing character). A space in the query separates phrases that are
  all required (:func:`query_phrases`).

The search box (``theme_overrides/assets/javascripts/gazette-search.js``) ports
these three functions; the browser tests check that both give the same tokens.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The CJK ideographs the folding table covers: the URO, extension A and the compatibility block.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
# A run: letters, digits and CJK characters (``\w`` without the underscore); anything else ends it.
_RUN = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """Traditional → simplified, one character to one character, as OpenCC's ``t2s`` converts each
    character alone (its phrase rules are left out: a query of one character must fold as the
    same character does inside the text). Characters OpenCC leaves alone are not listed."""
    import opencc

    convert = opencc.OpenCC("t2s").convert
    table: dict[str, str] = {}
    for first, last in _CJK_RANGES:
        for cp in range(first, last + 1):
            ch = chr(cp)
            folded = convert(ch)
            if folded != ch and len(folded) == 1:
                table[ch] = folded
    return table


def searchable(text: str) -> str:
    """Text as the index and the query both see it: NFKC, lower case, traditional folded to
    simplified, whitespace removed."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).lower()).translate(_t2s_ordinals())


@lru_cache(maxsize=1)
def _t2s_ordinals() -> dict[int, str]:
    """:func:`t2s_table` as ``str.translate`` takes it (the fold runs over every character indexed)."""
    return {ord(k): v for k, v in t2s_table().items()}


def _run_tokens(run: str, lead: bool, trail: bool) -> list[str]:
    """One run as its bigrams, after its first character (``lead``) and before its last
    (``trail``); a one-character run is that character once."""
    if len(run) == 1:
        return [run]
    bigrams = [run[i:i + 2] for i in range(len(run) - 1)]
    return [run[0]] * lead + bigrams + [run[-1]] * trail


def index_tokens(text: str) -> list[str]:
    """The tokens the index holds for a text, in text order (positions matter: a phrase is adjacent tokens)."""
    return token_list(searchable(text))[0]


def runs(folded: str) -> list[str]:
    """The runs of letters, digits and CJK characters of a text already made :func:`searchable`."""
    return _RUN.findall(folded)


def token_list(folded: str, before: int = 0) -> tuple[list[str], int]:
    """The index tokens of a text already made :func:`searchable`, in order, and how many of them
    end before offset ``before`` (a token ends at its last character: where the title ends in the
    stream of title and body, :mod:`.index`). One list per text, not a token at a time: the index
    asks this of every document, and 25,000 documents are 130 million tokens."""
    tokens: list[str] = []
    leading = 0
    for m in _RUN.finditer(folded):
        run, start = m.group(), m.start()
        tokens += _run_tokens(run, True, True)
        if start >= before:
            continue
        if len(run) == 1 or start + len(run) - 1 < before:     # the whole run ends before
            leading = len(tokens)
        else:                                                  # its first character and the bigrams ending before
            leading = len(tokens) - len(run) - 1 + 1 + min(len(run) - 1, before - start - 1)
    return tokens, leading


def query_tokens(phrase: str) -> list[str]:
    """The adjacent tokens a phrase must match: as :func:`index_tokens`, but the phrase's first run
    may begin inside a longer run and its last run may go on in the text, so the first has no
    leading and the last no trailing character."""
    runs = _RUN.findall(searchable(phrase))
    last = len(runs) - 1
    return [token for n, run in enumerate(runs) for token in _run_tokens(run, n > 0, n < last)]


def query_phrases(query: str) -> list[list[str]]:
    """A query as the phrases it requires, each as its tokens: space-separated terms are all
    required, and a term with no letter, digit or CJK character in it asks for nothing."""
    phrases = (query_tokens(term) for term in _SPACE.split(unicodedata.normalize("NFKC", query).strip()))
    return [tokens for tokens in phrases if tokens]


def phrase_pattern(phrase: str) -> re.Pattern | None:
    """What a phrase matches in :func:`searchable` text (None when it asks for nothing): its runs
    in order, each gap between them one or more characters that are not letters, digits or CJK
    (any punctuation, not necessarily the phrase's own), the first run possibly ending a longer
    run and the last possibly beginning one. Punctuation before the first run or after the last
    asks for nothing. Compiled once, it can be asked of many texts already made searchable."""
    runs = _RUN.findall(searchable(phrase))
    if not runs:
        return None
    return re.compile(re.escape(runs[0]) + "".join(r"[\W_]+" + re.escape(run) for run in runs[1:]))


def contains(text: str, phrase: str) -> bool:
    """Does the text contain the phrase, as the search promises to find it? (The truth of the
    search probe, and the meaning of a match: :func:`phrase_pattern`.)"""
    pattern = phrase_pattern(phrase)
    return pattern is not None and pattern.search(searchable(text)) is not None
