"""The search index: term-partitioned postings of our own tokens, in static files.

Why our own (README, "Search: exact phrases"): Pagefind partitions its index by
document, so at archive scale (sharded) every query asked every shard, each answering
with an index chunk per token and its page table, and a query fetched 1.8 MB at
25,000 documents. Here every token's postings live in one place, whatever the
number of documents, so a query fetches the postings of its own tokens and the
ten results it shows, and nothing that grows with the archive besides those.

Layout under the bundle folder (served as ``search-index/``)::

    index.json              manifest: format, documents, buckets, filters, and the
                            folder the files below are in (named by their digest,
                            so a reader never mixes two builds' files)
    <digest>/t/<bucket>.bin postings of the tokens whose hash falls in the bucket
    <digest>/f/<id>.bin     one result's fragment: url, title, doc number, organ,
                            date and the text its excerpt is cut from
    <digest>/filter/<n>.bin every value of filter n with its documents

Every ``.bin`` is gzip (mtime 0) of the bytes described here; the search page
(gazette-search.js) reads them with DecompressionStream and :func:`read_bucket`
reads them for tests, the benchmark and the integrity check.

* **Documents** are numbered 0… newest first (成文日期 descending, then address),
  so the date order of results is their number order and needs no table.
* **Tokens** are :func:`.phrase.index_tokens` of the document's title and body as
  one stream (the probe's truth), positions counted in that stream. A token's
  postings hold, per document: its number (delta), how many times the token
  occurs, how many of those lie in the title (title tokens come first, so a match
  is in the title when its last token's occurrence is one of them), and the
  positions (deltas). A phrase is found where its tokens sit at adjacent
  positions; :func:`cover` says which of them need asking.
* **One-character queries** ask a character's own list (every document holding
  it, with a count and whether the title holds it), kept beside the postings of
  the one-character token, in the same bucket.
* **Buckets**: a token goes to bucket :func:`generator.urls.fnv1a` mod the bucket count, a power
  of two chosen so that a bucket holds about :data:`BUCKET_BYTES` of postings.
  Inside, entries are sorted by token: ``varint n``, then per entry ``varint len,
  token, varint postings bytes, varint characters bytes``, then the sections.

Same records, byte-identical files: everything is sorted, gzip has no time stamp.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from ..urls import fnv1a
from .phrase import runs, searchable, token_list
from .records import FILTERS, SearchRecord, record_meta

FORMAT = 1
MANIFEST = "index.json"
BUCKET_BYTES = 16_384          # postings per bucket before gzip, on average: few extra bytes per token asked
_VARINT = [bytes([n]) if n < 0x80 else bytes([(n & 0x7F) | 0x80, n >> 7]) for n in range(1 << 14)]
_SMALL = len(_VARINT)
# the head of a token found once in a document (count 1 << 1 | in the title, then how many in the title)
_ONCE, _ONCE_IN_TITLE = _VARINT[2], _VARINT[3] + _VARINT[1]


def varint(n: int) -> bytes:
    """LEB128: seven bits a byte, low first (a table for the small numbers most postings are)."""
    if n < 1 << 14:
        return _VARINT[n]
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def read_varint(data: bytes, at: int) -> tuple[int, int]:
    """(value, next offset) of the varint at ``at``."""
    n = shift = 0
    while True:
        byte = data[at]
        at += 1
        n |= (byte & 0x7F) << shift
        if byte < 0x80:
            return n, at
        shift += 7


def document_order(records: Iterable[SearchRecord]) -> list[SearchRecord]:
    """Records numbered as the index numbers them: newest 成文日期 first, undated last, then by address."""
    by_url = sorted(records, key=lambda r: r.url)
    return sorted(by_url, key=lambda r: r.date or "", reverse=True)


def stream_tokens(record: SearchRecord) -> tuple[dict[str, list[int]], int, dict[str, int], set[str]]:
    """One document as the index holds it: token → positions, how many leading positions are the
    title's (a token belongs to the title when its last character is the title's), each letter,
    digit or CJK character → its count, and the characters of the title."""
    text, title = searchable(record.text), searchable(record.title)
    tokens, title_tokens = token_list(text, len(title) if text.startswith(title) else 0)
    positions: dict[str, list[int]] = {}
    for at, token in enumerate(tokens):
        where = positions.get(token)
        if where is None:
            positions[token] = [at]
        else:
            where.append(at)
    return positions, title_tokens, Counter("".join(runs(text))), set("".join(runs(title)))


@dataclass
class _Postings:
    """One token's postings being written, document after document."""

    data: bytearray = field(default_factory=bytearray)
    last: int = -1


PARALLEL_MIN_DOCUMENTS = 2_000      # below this, worker processes cost more than they save
_CHUNK_DOCUMENTS = 500              # documents a worker encodes at a time


def _encode_chunk(records: list[SearchRecord], first: int) -> tuple[dict[str, tuple[bytes, int]],
                                                                      dict[str, tuple[bytes, int]]]:
    """Postings of documents ``first``… as (bytes, last document) per token and per character;
    each list's first document is written as its own number (:func:`_append` rebases it)."""
    tokens: dict[str, _Postings] = {}
    characters: dict[str, _Postings] = {}
    small = _VARINT.__getitem__
    for doc, record in enumerate(records, start=first):
        positions, title_tokens, chars, title_chars = stream_tokens(record)
        for token, where in positions.items():
            p = tokens.get(token)
            if p is None:
                p = tokens[token] = _Postings()
            out = p.data
            out += varint(doc - p.last - 1)
            p.last = doc
            if len(where) == 1:                                 # most tokens of a document: once
                at = where[0]
                out += _ONCE_IN_TITLE if at < title_tokens else _ONCE
                out += small(at) if at < _SMALL else varint(at)
                continue
            in_title = bisect_left(where, title_tokens)        # positions are ascending
            out += varint(len(where) << 1 | (in_title > 0))
            if in_title:
                out += varint(in_title)
            gaps = [b - a - 1 for a, b in zip([-1, *where], where)]
            out += b"".join(map(small, gaps)) if max(gaps) < _SMALL else b"".join(map(varint, gaps))
        for ch, count in chars.items():
            p = characters.get(ch)
            if p is None:
                p = characters[ch] = _Postings()
            p.data += varint(doc - p.last - 1)
            p.last = doc
            p.data += varint(count << 1 | (ch in title_chars))
    return ({t: (bytes(p.data), p.last) for t, p in tokens.items()},
            {c: (bytes(p.data), p.last) for c, p in characters.items()})


def _append(into: dict[str, _Postings], chunk: dict[str, tuple[bytes, int]]) -> None:
    """Add a later chunk's lists: its first document, written as its number, becomes a delta."""
    for key, (data, last) in chunk.items():
        p = into.get(key)
        if p is None:
            p = into[key] = _Postings()
        first, at = read_varint(data, 0)
        p.data += varint(first - p.last - 1)
        p.data += memoryview(data)[at:]
        p.last = last


def _encode_task(task: tuple[list[SearchRecord], int]) -> tuple[dict, dict]:
    return _encode_chunk(*task)


def postings(records: list[SearchRecord], workers: int = 1) -> tuple[dict[str, bytearray], dict[str, bytearray]]:
    """Token → positional postings, character → its documents, for records in index order; a large
    archive is encoded in chunks by worker processes and the chunks joined in order."""
    tokens: dict[str, _Postings] = {}
    characters: dict[str, _Postings] = {}
    tasks = ((records[first:first + _CHUNK_DOCUMENTS], first) for first in range(0, len(records), _CHUNK_DOCUMENTS))
    if workers > 1 and len(records) >= PARALLEL_MIN_DOCUMENTS:
        # Workers are spawned, not forked: a fork starts as a copy of this process, the whole parsed
        # archive (measured: 2 workers added 640 MB to a 3,000-document index that one process
        # makes in 110 MB). At most two chunks a worker are in flight, joined in order: Executor.map
        # would hand every chunk's records to the workers at once and hold every chunk's postings.
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            pending: deque = deque()
            for task in tasks:
                pending.append(pool.submit(_encode_task, task))
                if len(pending) >= 2 * workers:
                    chunk_tokens, chunk_chars = pending.popleft().result()
                    _append(tokens, chunk_tokens)
                    _append(characters, chunk_chars)
            while pending:
                chunk_tokens, chunk_chars = pending.popleft().result()
                _append(tokens, chunk_tokens)
                _append(characters, chunk_chars)
    else:
        for chunk_tokens, chunk_chars in map(_encode_task, tasks):
            _append(tokens, chunk_tokens)
            _append(characters, chunk_chars)
    return ({t: p.data for t, p in tokens.items()}, {c: p.data for c, p in characters.items()})


def bucket_count(total_bytes: int) -> int:
    """The power of two that puts about :data:`BUCKET_BYTES` of postings in a bucket."""
    n = 1
    while n * BUCKET_BYTES < total_bytes:
        n *= 2
    return n


def encode_bucket(entries: dict[str, tuple[bytes, bytes]]) -> bytes:
    """One bucket's bytes: its entries sorted by token (see the module docstring)."""
    head, body = bytearray(varint(len(entries))), bytearray()
    for token in sorted(entries):
        pos, chars = entries[token]
        key = token.encode("utf-8")
        head += varint(len(key)) + key + varint(len(pos)) + varint(len(chars))
        body += pos + chars
    return bytes(head + body)


def read_bucket(data: bytes) -> dict[str, tuple[bytes, bytes]]:
    """Token → (postings, characters) of one bucket's bytes (gunzipped)."""
    n, at = read_varint(data, 0)
    heads = []
    for _ in range(n):
        size, at = read_varint(data, at)
        token = data[at:at + size].decode("utf-8")
        at += size
        pos, at = read_varint(data, at)
        chars, at = read_varint(data, at)
        heads.append((token, pos, chars))
    out = {}
    for token, pos, chars in heads:
        out[token] = (data[at:at + pos], data[at + pos:at + pos + chars])
        at += pos + chars
    return out


def read_postings(data: bytes) -> list[tuple[int, list[int], int]]:
    """(document, positions, how many of them are the title's) of a token's postings."""
    out, at, doc = [], 0, -1
    while at < len(data):
        delta, at = read_varint(data, at)
        doc += delta + 1
        head, at = read_varint(data, at)
        in_title = 0
        if head & 1:
            in_title, at = read_varint(data, at)
        where, pos = [], -1
        for _ in range(head >> 1):
            gap, at = read_varint(data, at)
            pos += gap + 1
            where.append(pos)
        out.append((doc, where, in_title))
    return out


def read_characters(data: bytes) -> list[tuple[int, int, bool]]:
    """(document, count, in the title) of a character's list."""
    out, at, doc = [], 0, -1
    while at < len(data):
        delta, at = read_varint(data, at)
        doc += delta + 1
        head, at = read_varint(data, at)
        out.append((doc, head >> 1, bool(head & 1)))
    return out


def pack(data: bytes) -> bytes:
    """gzip without a time stamp: the same bytes every build."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def fragment(record: SearchRecord) -> dict:
    """What a result shows (the search page prefixes the site's base to ``url``)."""
    return {"url": record.url, "meta": record_meta(record)}


def filter_table(records: list[SearchRecord], name: str) -> dict[str, list[int]]:
    """Every value of one filter → the documents (numbers, ascending) that carry it."""
    table: dict[str, list[int]] = {}
    for doc, record in enumerate(records):
        for value in dict(record.filters).get(name, ()):
            table.setdefault(value, []).append(doc)
    return dict(sorted(table.items()))


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def index_files(records: Iterable[SearchRecord], workers: int = 1) -> dict[str, bytes]:
    """Every file of the index (path under the bundle folder → bytes), the manifest included; the
    same bytes whatever the number of ``workers`` encoding the postings."""
    ordered = document_order(records)
    tokens, characters = postings(ordered, workers)
    total = sum(map(len, tokens.values())) + sum(map(len, characters.values()))
    buckets = bucket_count(total)
    grouped: dict[int, dict[str, tuple[bytes, bytes]]] = {}
    for token in tokens.keys() | characters.keys():
        grouped.setdefault(fnv1a(token) & (buckets - 1), {})[token] = (
            tokens.get(token, b""), characters.get(token, b""))      # no copies: the archive's postings are large
    files: dict[str, bytes] = {}
    for b in range(buckets):          # every bucket, empty ones too: the page never asks for a missing file
        files[f"t/{b:x}.bin"] = pack(encode_bucket(grouped.get(b, {})))
    for doc, record in enumerate(ordered):
        files[f"f/{doc}.bin"] = pack(_json(fragment(record)))
    for n, name in enumerate(FILTERS):
        files[f"filter/{n}.bin"] = pack(_json(filter_table(ordered, name)))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    folder = digest.hexdigest()[:16]
    out = {f"{folder}/{path}": data for path, data in files.items()}
    out[MANIFEST] = _json({"format": FORMAT, "folder": folder, "documents": len(ordered),
                           "buckets": buckets, "filters": list(FILTERS)}) + b"\n"
    return out


def cover(tokens: list[str]) -> list[int]:
    """The offsets of a phrase's tokens that must be asked: every one-character token, and of each
    stretch of bigrams every other one and the last. Two bigrams two apart fix the one between
    (it starts with the first's second character and ends with the second's first), so the rest
    match exactly as well. gazette-search.js asks the same."""
    keep, i = [], 0
    while i < len(tokens):
        if len(tokens[i]) != 2:
            keep.append(i)
            i += 1
            continue
        j = i
        while j < len(tokens) and len(tokens[j]) == 2:
            j += 1
        stretch = list(range(i, j, 2))
        if stretch[-1] != j - 1:
            stretch.append(j - 1)
        keep += stretch
        i = j
    return keep

