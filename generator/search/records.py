"""Search records of our own tokens: each document as Pagefind indexes it for exact phrases.

Pagefind segments Chinese with its own word list, so a phrase that the segmenter
cuts differently in the query and in the text is not found (see :mod:`.phrase`).
Here Pagefind is fed the text already cut into the bigram tokens of
:func:`.phrase.index_tokens`, as an HTML record made in memory (never a file of
the site): the body's tokens, then the title's tokens again, each marked with
:data:`TITLE_MARK`. Pagefind's phrase search ignores word weights, so a weighted
heading would not bring title matches first; a marked copy can be asked on its
own: the search box asks the phrase twice, marked (documents whose title holds
it) and plain (every document that holds it), and lists the first set first. The language is ``und`` (undetermined), so Pagefind neither segments
nor stems the tokens. A query is then the quoted sequence of
:func:`.phrase.query_tokens`, and Pagefind's phrase search answers exactly the
documents whose text contains it.

This is the engine the search probe measures against the one the site ships
(bench/search_quality.py); the site switches to it once its results page is done.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from .phrase import index_tokens

LANGUAGE = "und"        # no segmentation, no stemming: the tokens are already what is matched
# Marks a title's copy of its tokens. The underscore never occurs in a token (runs are letters, digits
# and CJK), and Pagefind is told to keep it in words (include_characters).
TITLE_MARK = "_"


@dataclass(frozen=True)
class SearchRecord:
    """One searchable document: its URL (site-absolute, as results return it) and its text."""

    url: str
    title: str
    body: str


def record_html(record: SearchRecord) -> str:
    """The record as the HTML Pagefind indexes: tokens escaped (they are gazette text), the
    title's marked copy after the body, and the display title as metadata."""
    title = " ".join(TITLE_MARK + token for token in index_tokens(record.title))
    body = " ".join(index_tokens(record.body))
    meta = f'<span data-pagefind-meta="title">{escape(record.title)}</span>'
    return (f'<html lang="{LANGUAGE}"><body data-pagefind-body>'
            f'<p>{escape(body)}</p><p>{escape(title)}</p>'
            f'<div data-pagefind-ignore>{meta}</div></body></html>')


async def _write_bundle(records: list[SearchRecord], bundle: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    # The output path goes in the config: leaving the context writes the bundle there (a second
    # write_files call would write it again, to the default ./pagefind of the working directory).
    config = IndexConfig(force_language=LANGUAGE, include_characters=TITLE_MARK, output_path=str(bundle))
    async with PagefindIndex(config=config) as index:
        for record in sorted(records, key=lambda r: r.url):     # the same order every build
            await index.add_html_file(url=record.url, content=record_html(record))


def write_bundle(records: list[SearchRecord], bundle: Path) -> Path:
    """Index the records with Pagefind into ``bundle`` (a folder of its own).

    Pagefind's Python API is asynchronous; it runs on a thread of its own, so a caller whose
    thread already runs an event loop (Playwright's sync API does) can call this too."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, _write_bundle(records, Path(bundle))).result()
    return Path(bundle)
