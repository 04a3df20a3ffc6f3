"""Search records: each document as the search index holds it (:mod:`.index`).

A record is made from the linked corpus (never from the built pages): the
document's full title and body, which are what the index tokenises
(:func:`.phrase.index_tokens`) and what the search probe's truth is cut from;
what a result shows (:func:`record_meta`: title, doc number, organ, date and the
display text its excerpt is cut from); and the filters (发文机关, 年份, 文种, 级别,
文号系列, 地区, 公报). Metadata values are shown, never indexed as words: a date's
``03`` would otherwise find a document whose text has no 03.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ..corpus import Corpus, block_texts
from ..corpus.views import issue_label
from ..doc_number import series_of
from ..model import Document, PackedBlocks
from ..urls import Placement, public_url

# The search filters, in the order the search page shows them; each is a field of every record.
FILTERS = ("发文机关", "年份", "文种", "级别", "文号系列", "地区", "公报")


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

    @property
    def text(self) -> str:
        """The searchable text: full title, then body (the truth of the search probe too)."""
        return self.title + "\n" + self.body


def record_bytes(record: SearchRecord) -> bytes:
    """Every field of a record, as the index's cache keys hash it (the whole index's and each
    chunk's: :func:`generator.search.index_key`, :func:`.chunk_cache.chunk_key`)."""
    return json.dumps([record.url, record.title, record.body, record.doc_number, record.organ,
                       record.date, record.filters], ensure_ascii=False).encode("utf-8") + b"\0"


def record_identity(record: SearchRecord) -> bytes:
    """What a record is, for the index's cache keys: every field (:func:`record_bytes`)."""
    return b"R" + record_bytes(record)


def record_date(document: Document) -> str:
    """A record's date: the document's 成文日期, ISO, "" when unknown (the index orders by it)."""
    return document.date.isoformat() if document.date else ""


def document_record(corpus: Corpus, key: str, url: str | None = None, body: str | None = None) -> SearchRecord:
    """A document of the linked corpus as the search index holds it (``url``: its address, the key
    by default; absolute in an archive in parts). ``body``, when given, stands for the text of the
    document's blocks (:meth:`CorpusRecords.identities` gives their digest instead)."""
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
        url=url or key, title=" ".join(document.title.split()),
        body=body if body is not None else "\n".join(t for block in document.blocks for t in block_texts(block)),
        doc_number=document.doc_number or "", organ="、".join(issuers),
        date=record_date(document),
        filters=tuple((name, tuple(values[name])) for name in FILTERS if values[name]))


class _Ordered(Protocol):
    url: str
    date: str


_R = TypeVar("_R", bound=_Ordered)


def document_order(records: Iterable[_R]) -> list[_R]:
    """Records numbered as the index numbers them: newest 成文日期 first, undated last, then by address."""
    by_url = sorted(records, key=lambda r: r.url)
    return sorted(by_url, key=lambda r: r.date or "", reverse=True)


@dataclass(frozen=True)
class _Head:
    """What places a record in the index's order, and the document it is made from."""

    url: str
    date: str
    key: str


class CorpusRecords(Sequence[SearchRecord]):
    """Every document page of a linked corpus as a record, in the index's order
    (:func:`document_order`), each record made when it is read. Held at once, an archive's records
    would be its whole text again (about 1.2 GB at 100,000 documents); read one chunk at a time,
    they are a few megabytes."""

    def __init__(self, corpus: Corpus, placement: Placement | None = None):
        self.corpus = corpus
        documents = corpus.documents
        self._heads = document_order(
            _Head(public_url(key, placement), record_date(documents[key]), key)
            for key in documents)
        self._identities: list[bytes] | None = None

    def _record(self, head: _Head) -> SearchRecord:
        return document_record(self.corpus, head.key, head.url)

    def identities(self, start: int, stop: int) -> list[bytes]:
        """:func:`record_identity` of the records ``start``…``stop``, except that a document whose
        blocks are packed (an archive's catalogue) is named by its record with the digest of the
        packed blocks for a body: the body is a function of the blocks, and unpacking every
        document's blocks to key the caches was most of an archive's index after a correction
        (about 50 s at 25,000 documents). Either way every field but the body is made by
        :func:`document_record` itself, so the key follows whatever a record is made from.
        Each is made once (the index's key asks them all, then each chunk's key its own), and kept
        as its digest."""
        if self._identities is None:
            self._identities = [hashlib.sha256(self._identity(head)).digest() for head in self._heads]
        return self._identities[start:stop]

    def _identity(self, head: _Head) -> bytes:
        blocks = self.corpus.documents[head.key].blocks
        if isinstance(blocks, PackedBlocks):
            digest = hashlib.sha256(blocks.data).hexdigest()
            return b"P" + record_bytes(document_record(self.corpus, head.key, head.url, body=digest))
        return record_identity(self._record(head))

    def __len__(self) -> int:
        return len(self._heads)

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [self._record(head) for head in self._heads[at]]
        return self._record(self._heads[at])

    def __iter__(self) -> Iterator[SearchRecord]:
        return map(self._record, self._heads)


def in_index_order(records: Iterable[SearchRecord]) -> Sequence[SearchRecord]:
    """The records in the index's order: records of a corpus are made in it (and stay unmade until
    read), any others are sorted."""
    return records if isinstance(records, CorpusRecords) else document_order(records)


def record_identities(records: Sequence[SearchRecord], start: int, stop: int) -> list[bytes]:
    """The identities of records ``start``…``stop`` of records in the index's order (each as its
    digest): a corpus's without making what they need not (:meth:`CorpusRecords.identities`)."""
    if isinstance(records, CorpusRecords):
        return records.identities(start, stop)
    return [hashlib.sha256(record_identity(record)).digest() for record in records[start:stop]]


def corpus_records(corpus: Corpus, placement: Placement | None = None) -> CorpusRecords:
    """Every document page of the corpus, in the index's order (the same order every build); in an
    archive in parts, each with its absolute address on the part serving it."""
    return CorpusRecords(corpus, placement)


def record_meta(record: SearchRecord) -> dict[str, str]:
    """What a result shows of its document (empty fields left out)."""
    meta = {"title": record.title, "doc_number": record.doc_number, "organ": record.organ,
            "date": record.date, "text": record.body}
    return {name: value for name, value in meta.items() if value}
