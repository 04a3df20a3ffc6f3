"""Search records of our own tokens: each document as Pagefind indexes it for exact phrases.

Pagefind segments Chinese with its own word list, so a phrase that the segmenter
cuts differently in the query and in the text is not found (see :mod:`.phrase`).
Here Pagefind is fed each document already cut into the bigram tokens of
:func:`.phrase.index_tokens`, as a small HTML record (:func:`record_html`) that
only the indexer reads, never a page of the site:

* the content is the tokens of the title and body (:meth:`SearchRecord.text`),
  then the title's tokens again, each marked with :data:`TITLE_MARK`. Pagefind's
  phrase search ignores word weights, so a weighted heading would not bring
  title matches first; a marked copy can be asked on its own: the search box asks
  the phrase twice, marked (documents whose title holds it) and plain (every
  document that holds it), and lists the first set first;
* the metadata is what a result shows (:func:`record_meta`: title, doc number,
  organ, date and the display text its excerpt is cut from). It is written into
  the bundle's result files afterwards (:mod:`.bundle`), never given to
  Pagefind, which indexes metadata values as words of their own: a date's
  ``03`` would then find a document whose text has no 03, and a long text
  breaks phrase matching;
* the filters (发文机关, 年份, 文种, 级别, 文号系列, 地区, 公报) and the date sort key.

The language is ``und`` (undetermined), so Pagefind neither segments nor stems
the tokens. A query is then the quoted sequence of :func:`.phrase.query_tokens`,
and Pagefind's phrase search answers exactly the documents whose text contains it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from .. import urls
from ..corpus import Corpus, block_texts
from ..corpus.views import issue_label
from ..doc_number import series_of
from .phrase import index_tokens

LANGUAGE = "und"        # no segmentation, no stemming: the tokens are already what is matched
# Marks a title's copy of its tokens. The underscore never occurs in a token (runs are letters, digits
# and CJK), and Pagefind is told to keep it in words (include_characters).
TITLE_MARK = "_"
# The search filters, in the order the search page shows them; each is a field of every record.
FILTERS = ("发文机关", "年份", "文种", "级别", "文号系列", "地区", "公报")
UNDATED = "0000-00-00"  # the sort key of an undated document: after every date, newest first
NO_REGION = "其他"      # the shard of a document from a gazette without a region


@dataclass(frozen=True)
class SearchRecord:
    """One searchable document: its page key (site-relative URL), what it shows, what filters it."""

    url: str
    title: str
    body: str
    doc_number: str = ""
    organ: str = ""                                   # the issuers, joined by 、
    date: str = ""                                    # 成文日期, ISO, "" when unknown
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    region: str = NO_REGION                           # where it goes when the index is sharded
    year: int = 0

    @property
    def text(self) -> str:
        """The searchable text: full title, then body (the truth of the search probe too)."""
        return self.title + "\n" + self.body


def document_record(corpus: Corpus, key: str) -> SearchRecord:
    """A document of the linked corpus as the search index holds it."""
    document, issue = corpus.documents[key], corpus.issue_of[key]
    issuers = list(dict.fromkeys(corpus.issuers_of.get(key, document.issuers)))
    series = series_of(document.doc_number) if document.doc_number else None
    values = {
        "发文机关": issuers,
        "年份": [str(document.date.year)] if document.date else [],
        "文种": [document.doc_type] if document.doc_type else [],
        "文号系列": [series] if series else [],
        "级别": [document.level] if document.level else [],
        "地区": [document.region] if document.region else [],
        "公报": [issue_label(issue)],
    }
    return SearchRecord(
        url=key, title=" ".join(document.title.split()),
        body="\n".join(t for block in document.blocks for t in block_texts(block)),
        doc_number=document.doc_number or "", organ="、".join(issuers),
        date=document.date.isoformat() if document.date else "",
        filters=tuple((name, tuple(values[name])) for name in FILTERS if values[name]),
        region=issue.region or NO_REGION, year=document.date.year if document.date else 0)


def corpus_records(corpus: Corpus) -> list[SearchRecord]:
    """Every document page of the corpus, in address order (the same order every build)."""
    return [document_record(corpus, key) for key in sorted(corpus.documents)]


def record_tokens(record: SearchRecord) -> str:
    """What Pagefind indexes of a record: the tokens of its text, then its title's marked tokens."""
    title = (TITLE_MARK + token for token in index_tokens(record.title))
    return " ".join([*index_tokens(record.text), *title])


def record_meta(record: SearchRecord) -> dict[str, str]:
    """What a result shows of its document (empty fields left out)."""
    meta = {"title": record.title, "doc_number": record.doc_number, "organ": record.organ,
            "date": record.date, "text": record.body}
    return {name: value for name, value in meta.items() if value}


def record_html(record: SearchRecord) -> str:
    """The record as the HTML Pagefind indexes: every value escaped (it is gazette text), the
    tokens as the only content, filters and sort key in an element Pagefind does not index
    (``data-pagefind-ignore`` keeps its filters)."""
    spans = [f'<span data-pagefind-filter="{name}">{escape(value)}</span>'
             for name, values in record.filters for value in values]
    spans.append(f'<span data-pagefind-sort="date">{escape(record.date or UNDATED)}</span>')
    return (f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"></head><body>'
            f'<main data-pagefind-body><p>{escape(record_tokens(record))}</p>'
            f'<div data-pagefind-ignore>{"".join(spans)}</div></main></body></html>')


def record_path(record: SearchRecord) -> str:
    """Where the indexer reads a record, so that Pagefind gives it the page's own URL."""
    return urls.page_file(record.url)
