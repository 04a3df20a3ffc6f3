"""The search index: term-partitioned postings of our own tokens, in static files.

Why our own (README, "Search: exact phrases"): Pagefind partitions its index by
document, so at archive scale (sharded) every query asked every shard, each answering
with an index chunk per token and its page table, and a query fetched 1.8 MB at
25,000 documents. Here every token's postings live in one place, whatever the
number of documents, so a query fetches the postings of its own tokens and the
ten results it shows. A common token's postings grow with the archive, so a long
list is cut into blocks, newest documents first, and the first page of a common
phrase reads only the first blocks (format 2, below).

Layout under the bundle folder (served as ``search-index/``)::

    index.json              manifest: format, documents, buckets, filters, the
                            bound of an exact answer (exact_bytes), the blocks a
                            step of a heavy query fetches at once (beside_bytes),
                            and the
                            folder the files below are in (named by their digest,
                            so a reader never mixes two builds' files)
    <digest>/t/<bucket>.bin the lists of the keys whose hash falls in the bucket:
                            short lists whole, long ones as a directory of blocks
    <digest>/p/<n>.bin      one block of a long list
    <digest>/f/<id>.bin     one result's fragment: url, title, doc number, organ,
                            date and the text its excerpt is cut from
    <digest>/filter/<n>.bin every value of filter n with its documents

Every ``.bin`` is gzip (mtime 0) of the bytes described here; the search page
(gazette-search.js) reads them with DecompressionStream and :func:`read_bucket`
reads them for tests and the benchmark.

* **Documents** are numbered 0… newest first (成文日期 descending, then address),
  so the date order of results is their number order and needs no table.
* **Tokens** are :func:`.phrase.index_tokens` of the document's title and body as
  one stream (the probe's truth), positions counted in that stream. A token's
  ``full`` list holds, per document: its number (delta), how many times the token
  occurs, how many of those lie in the title (title tokens come first, so a match
  is in the title when its last token's occurrence is one of them), and the
  positions (deltas). Its ``title`` list holds the same for the title's
  occurrences alone, so the documents whose title holds a phrase are found without
  reading any body. A phrase is found where its tokens sit at adjacent positions;
  :func:`cover` says which of them need asking.
* **One-character queries** ask a character's own lists: ``chars`` (every document
  holding it, with a count and whether the title holds it) and ``chars_title``
  (the documents whose title holds it), kept under the same key as the
  one-character token.
* **Blocks**: a list longer than :data:`BLOCK_BYTES` is cut, between chunks of
  documents, into blocks of about that size, each in a file ``p/<n>.bin``
  (numbered in key order). A block's first document is a delta from the last of
  the block before, so the blocks joined are the whole list. The bucket keeps the
  list's directory instead: the first file's number, the block count, and per
  block its last document (delta), its document count and its file's bytes. The
  search page reads a long list's blocks newest first and stops when it has the
  page it shows; a query whose blocks weigh at most ``exact_bytes`` is read whole
  and ranked by the number of matches. Beside the driver's documents (its rarest
  list's), the other lists narrow them one at a time, fewest documents first, each
  fetching only the blocks beside the documents still possible, until what the rest
  need weighs at most ``beside_bytes`` and is fetched at once.
* **Buckets**: a key goes to bucket :func:`generator.urls.fnv1a` mod the bucket count,
  a power of two chosen so that a bucket holds about :data:`BUCKET_BYTES` of lists
  and directories. Inside, entries are sorted by key: ``varint n``, then per
  entry ``varint len, key`` and for each of the four lists (:data:`LISTS`)
  ``varint bytes << 1 | blocked``, then the lists' bytes in the same order.

Same records, byte-identical files: everything is sorted, gzip has no time stamp.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing
import tempfile
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import NamedTuple

from ..urls import fnv1a
from .chunk_cache import ChunkCache, chunk_key
from .phrase import runs, searchable, token_list
from .records import FILTERS, SearchRecord, in_index_order, record_identities, record_meta

FORMAT = 2
MANIFEST = "index.json"
BUCKET_BYTES = 16_384          # lists per bucket before gzip, on average: few extra bytes per token asked
BLOCK_BYTES = 16_384           # a list longer than this is cut into blocks of about this size, a file each
EXACT_BYTES = 96_000           # a query whose blocks weigh at most this (gzip) is answered whole, ranked by count
BESIDE_BYTES = 32_000          # blocks (gzip) the page fetches at once for a step's remaining lists; past it, a list at a time
LISTS = ("full", "title", "chars", "chars_title")    # the lists of a key, in the order a bucket holds them
POSITIONAL = (True, True, False, False)   # per list of LISTS: an entry's count is followed by positions, or alone
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
    """One list being written, document after document: the open block's bytes, its last document
    and how many documents it holds, and the blocks already closed (spilled: :class:`_Spill`)."""

    data: bytearray = field(default_factory=bytearray)
    last: int = -1
    docs: int = 0
    blocks: list[Spilled] = field(default_factory=list)


class Spilled(NamedTuple):
    """A closed block, gzipped, in the spill file: where, its file's bytes, its last document and
    how many documents it holds."""

    offset: int
    size: int
    last: int
    docs: int


class _Spill:
    """The closed blocks of the lists being written, gzipped, in a temporary file until their files
    are written: the blocks are most of an archive's index (220 MB gzipped at 25,000 documents,
    several times that as bytes in memory), and only their places stay in memory."""

    def __init__(self, packer: Callable[[bytes], bytes] | None = None) -> None:
        self.file = tempfile.TemporaryFile()
        self.end = 0
        self.packer = packer or pack          # gzip, or the cache's gzip of the same bytes

    def put(self, data: bytes, last: int, docs: int) -> Spilled:
        packed = self.packer(data)
        self.file.seek(self.end)
        self.file.write(packed)
        block = Spilled(self.end, len(packed), last, docs)
        self.end += len(packed)
        return block

    def get(self, block: Spilled) -> bytes:
        self.file.seek(block.offset)
        return self.file.read(block.size)

    def close(self) -> None:
        self.file.close()


PARALLEL_MIN_DOCUMENTS = 2_000      # below this, worker processes cost more than they save
_CHUNK_DOCUMENTS = 500              # documents a worker encodes at a time; a block closes only between chunks

# A chunk's lists: per list kind (LISTS), key → (bytes, last document, documents)
_Chunk = tuple[dict[str, tuple[bytes, int, int]], ...]


def _encode_chunk(records: list[SearchRecord], first: int) -> _Chunk:
    """The four lists (:data:`LISTS`) of documents ``first``… per key; each list's first document is
    written as its own number (:func:`_append` rebases it)."""
    lists: tuple[dict[str, _Postings], ...] = ({}, {}, {}, {})
    full, title, chars, chars_title = lists
    small = _VARINT.__getitem__

    def open_list(kind: dict[str, _Postings], key: str, doc: int) -> bytearray:
        p = kind.get(key)
        if p is None:
            p = kind[key] = _Postings()
        out = p.data
        out += varint(doc - p.last - 1)
        p.last = doc
        p.docs += 1
        return out

    for doc, record in enumerate(records, start=first):
        positions, title_tokens, counts, title_chars = stream_tokens(record)
        for token, where in positions.items():
            out = open_list(full, token, doc)
            if len(where) == 1:                                 # most tokens of a document: once
                at = where[0]
                at_bytes = small(at) if at < _SMALL else varint(at)
                if at < title_tokens:
                    out += _ONCE_IN_TITLE + at_bytes
                    open_list(title, token, doc).extend(_ONCE_IN_TITLE + at_bytes)
                else:
                    out += _ONCE + at_bytes
                continue
            in_title = bisect_left(where, title_tokens)        # positions are ascending
            gaps = [b - a - 1 for a, b in zip([-1, *where], where)]
            encoded = [small(g) if g < _SMALL else varint(g) for g in gaps]
            out += varint(len(where) << 1 | (in_title > 0))
            if in_title:
                out += varint(in_title)
                head = varint(in_title << 1 | 1) + varint(in_title)
                open_list(title, token, doc).extend(head + b"".join(encoded[:in_title]))
            out += b"".join(encoded)
        for ch, count in counts.items():
            held = ch in title_chars
            open_list(chars, ch, doc).extend(varint(count << 1 | held))
            if held:
                open_list(chars_title, ch, doc).extend(varint(count << 1 | 1))
    return tuple({k: (bytes(p.data), p.last, p.docs) for k, p in kind.items()} for kind in lists)


def _append(into: dict[str, _Postings], chunk: dict[str, tuple[bytes, int, int]], block_bytes: int,
            spill: _Spill) -> None:
    """Add a later chunk's lists: its first document, written as its number, becomes a delta from the
    list's last; a list's open block closes once it holds ``block_bytes``, so blocks end between
    chunks and the next block's deltas go on from the last document of the one before."""
    for key, (data, last, docs) in chunk.items():
        p = into.get(key)
        if p is None:
            p = into[key] = _Postings()
        first, at = read_varint(data, 0)
        p.data += varint(first - p.last - 1)
        p.data += memoryview(data)[at:]
        p.last = last
        p.docs += docs
        if len(p.data) >= block_bytes:
            p.blocks.append(spill.put(bytes(p.data), p.last, p.docs))
            p.data, p.docs = bytearray(), 0


def _encode_task(task: tuple[list[SearchRecord], int]) -> _Chunk:
    return _encode_chunk(*task)


@dataclass(frozen=True)
class Written:
    """A list as written: ``inline`` bytes when short, else its ``blocks`` (in the spill), each to
    be a file of its own."""

    inline: bytes = b""
    blocks: tuple[Spilled, ...] = ()


def _finish(p: _Postings, spill: _Spill) -> Written:
    if not p.blocks:
        return Written(inline=bytes(p.data))
    if p.data:
        p.blocks.append(spill.put(bytes(p.data), p.last, p.docs))
    return Written(blocks=tuple(p.blocks))


@dataclass(frozen=True)
class ChunkMade:
    """What the index makes of one chunk of documents: their four lists (:data:`LISTS`), each
    document's gzipped fragment (:func:`fragment`) and the filter values they carry (filter → value
    → documents). What :class:`.chunk_cache.ChunkCache` keeps of a chunk, so that a chunk read back
    needs none of its records made."""

    lists: _Chunk
    fragments: tuple[bytes, ...]
    filters: dict[str, dict[str, list[int]]]


def _shown(records: list[SearchRecord], first: int) -> tuple[tuple[bytes, ...], dict[str, dict[str, list[int]]]]:
    """What a chunk's documents show beside their lists: their fragments, gzipped, and filters."""
    tables: dict[str, dict[str, list[int]]] = {name: {} for name in FILTERS}
    for doc, record in enumerate(records, start=first):
        add_filters(tables, doc, record)
    return tuple(pack(_json(fragment(record))) for record in records), tables


def postings(records: Sequence[SearchRecord], spill: _Spill, workers: int = 1, block_bytes: int = BLOCK_BYTES,
             take: Callable[[int, ChunkMade], None] | None = None,
             cache: ChunkCache | None = None, keys: list[str] | None = None) -> tuple[dict[str, Written], ...]:
    """The four lists (:data:`LISTS`) of every key, for records in index order, long lists' blocks
    in ``spill``; a large archive is encoded in chunks by worker processes and the chunks joined in
    order (the same bytes whatever the number of workers: blocks close between chunks of a fixed size).
    ``take`` is given each chunk as it is joined (its first document, what was made of it): the
    fragments and filters are made as the chunk is handed out, while the workers encode, from the
    one reading of its records. With a ``cache`` (:mod:`.chunk_cache`), a chunk made by an earlier
    build from records of the same identities is read back instead, its records never made, and
    each chunk made now is stored; ``keys`` is given every chunk's key, in order."""
    lists: tuple[dict[str, _Postings], ...] = ({}, {}, {}, {})

    def join(first: int, made: ChunkMade) -> None:
        if take is not None:
            take(first, made)
        for into, part in zip(lists, made.lists):
            _append(into, part, block_bytes, spill)

    def chunks() -> Iterator[tuple[int, str | None, ChunkMade | None, tuple | None]]:
        """Each chunk's first document, its cache key, and what the cache holds of it or else its
        encoding task with what it shows (made now)."""
        for first in range(0, len(records), _CHUNK_DOCUMENTS):
            stop = min(first + _CHUNK_DOCUMENTS, len(records))
            key = chunk_key(record_identities(records, first, stop), first) if cache is not None else None
            if keys is not None and key is not None:
                keys.append(key)
            cached = cache.get(key) if key is not None else None
            if isinstance(cached, ChunkMade):
                yield first, key, cached, None
                continue
            chunk = records[first:stop]
            yield first, key, None, ((chunk, first), _shown(chunk, first))

    def done(first: int, key: str | None, lists: _Chunk, shown: tuple) -> None:
        """Join a chunk encoded now, and store it."""
        made = ChunkMade(lists, *shown)
        if key is not None:
            cache.put(key, made)
        join(first, made)

    if workers > 1 and len(records) >= PARALLEL_MIN_DOCUMENTS:
        # Workers are spawned, not forked: a fork starts as a copy of this process, the whole parsed
        # archive (measured: 2 workers added 640 MB to a 3,000-document index that one process
        # makes in 110 MB). At most two chunks a worker are in flight, joined in order: Executor.map
        # would hand every chunk's records to the workers at once and hold every chunk's postings.
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            pending: deque = deque()

            def settle() -> None:
                first, key, cached, encoding, shown = pending.popleft()
                if cached is not None:
                    join(first, cached)
                else:
                    done(first, key, encoding.result(), shown)

            for first, key, cached, work in chunks():
                if cached is not None:
                    pending.append((first, key, cached, None, None))
                else:
                    task, shown = work
                    pending.append((first, key, None, pool.submit(_encode_task, task), shown))
                while pending and (len(pending) >= 2 * workers or pending[0][2] is not None):
                    settle()
            while pending:
                settle()
    else:
        for first, key, cached, work in chunks():
            if cached is not None:
                join(first, cached)
            else:
                task, shown = work
                done(first, key, _encode_task(task), shown)
    return tuple({k: _finish(p, spill) for k, p in kind.items()} for kind in lists)


def bucket_count(total_bytes: int) -> int:
    """The power of two that puts about :data:`BUCKET_BYTES` of lists in a bucket."""
    n = 1
    while n * BUCKET_BYTES < total_bytes:
        n *= 2
    return n


@dataclass(frozen=True)
class Block:
    """A block of a long list, as its bucket describes it: documents after ``after`` up to ``last``,
    ``docs`` of them, in file ``p/<file>.bin`` of ``size`` bytes (gzip)."""

    file: int
    after: int
    last: int
    docs: int
    size: int


@dataclass(frozen=True)
class ListRef:
    """One list of one key as its bucket holds it: the bytes themselves (``inline``) or the blocks
    they are cut into. Either way the list's documents are deltas from -1, block after block."""

    inline: bytes = b""
    blocks: tuple[Block, ...] = ()


EMPTY = ListRef()


def encode_directory(first_file: int, blocks: tuple[Spilled, ...]) -> bytes:
    """A blocked list's directory: its first file's number, how many blocks, then per block its last
    document (a delta from the block before's), how many documents and its file's bytes."""
    out, last = bytearray(varint(first_file) + varint(len(blocks))), -1
    for block in blocks:
        out += varint(block.last - last) + varint(block.docs) + varint(block.size)
        last = block.last
    return bytes(out)


def encode_bucket(entries: dict[str, tuple[tuple[bytes, bool], ...]]) -> bytes:
    """One bucket's bytes: its entries sorted by key, each with its four lists (see the module docstring)."""
    head, body = bytearray(varint(len(entries))), bytearray()
    for key in sorted(entries):
        encoded = key.encode("utf-8")
        head += varint(len(encoded)) + encoded
        for data, blocked in entries[key]:
            head += varint(len(data) << 1 | blocked)
            body += data
    return bytes(head + body)


def read_directory(data: bytes) -> tuple[Block, ...]:
    """The blocks a directory (:func:`encode_directory`) describes."""
    file, at = read_varint(data, 0)
    count, at = read_varint(data, at)
    blocks, last = [], -1
    for n in range(count):
        delta, at = read_varint(data, at)
        docs, at = read_varint(data, at)
        size, at = read_varint(data, at)
        blocks.append(Block(file + n, last, last + delta, docs, size))
        last += delta
    return tuple(blocks)


def read_bucket_entries(data: bytes) -> dict[str, tuple[tuple[bytes, bool], ...]]:
    """Key → its four lists (:data:`LISTS`) as :func:`encode_bucket` took them (the list's bytes or
    its directory's, and whether it is blocked), of one bucket's bytes (gunzipped)."""
    n, at = read_varint(data, 0)
    heads = []
    for _ in range(n):
        size, at = read_varint(data, at)
        key = data[at:at + size].decode("utf-8")
        at += size
        parts = []
        for _ in LISTS:
            value, at = read_varint(data, at)
            parts.append((value >> 1, bool(value & 1)))
        heads.append((key, parts))
    out = {}
    for key, parts in heads:
        entry = []
        for size, blocked in parts:
            entry.append((data[at:at + size], blocked))
            at += size
        out[key] = tuple(entry)
    return out


def read_bucket(data: bytes) -> dict[str, tuple[ListRef, ...]]:
    """Key → its four lists (:data:`LISTS`) of one bucket's bytes (gunzipped)."""
    return {key: tuple(ListRef(blocks=read_directory(part)) if blocked else ListRef(inline=part)
                       for part, blocked in parts)
            for key, parts in read_bucket_entries(data).items()}


def list_entries(data: bytes, after: int, positional: bool) -> Iterator[tuple[int, int, int]]:
    """Each entry of a list (or of one block, its documents following ``after``) without decoding
    it: its document, where its head starts (after the document's delta) and where it ends. A
    positional entry's head is its count (times two, plus one when the title holds some), then how
    many are the title's, then the positions: varints, each ending at a byte below 0x80."""
    at, doc, end = 0, after, len(data)
    while at < end:
        delta, head_at = read_varint(data, at)
        doc += delta + 1
        head, at = read_varint(data, head_at)
        if positional:
            if head & 1:
                _, at = read_varint(data, at)
            left = head >> 1
            while left:
                if data[at] < 0x80:
                    left -= 1
                at += 1
        yield doc, head_at, at


def read_postings(data: bytes, after: int = -1) -> list[tuple[int, list[int], int]]:
    """(document, positions, how many of them are the title's) of a positional list (or one of its
    blocks, whose documents follow ``after``)."""
    out, at, doc = [], 0, after
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


def read_characters(data: bytes, after: int = -1) -> list[tuple[int, int, bool]]:
    """(document, count, in the title) of a character's list (or one of its blocks)."""
    out, at, doc = [], 0, after
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


def add_filters(tables: dict[str, dict[str, list[int]]], doc: int, record: SearchRecord) -> None:
    """Add a document to the filter tables (filter → value → the documents, ascending, that carry it)."""
    for name, values in record.filters:
        table = tables[name]
        for value in values:
            table.setdefault(value, []).append(doc)


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class IndexState:
    """What a later build needs of this index to patch it after a correction (:mod:`.patch`) instead
    of joining every list again: the bounds it was made with, each record's identity and each
    chunk's key (:func:`chunk_key`), the bucket count and the bytes of lists and directories it was
    chosen from, and every file's digest and size (the folder's name is the digest of them all)."""

    chunk_documents: int
    block_bytes: int
    exact_bytes: int
    beside_bytes: int
    identities: tuple[bytes, ...]
    chunk_keys: tuple[str, ...]
    buckets: int
    total: int
    files: dict[str, tuple[bytes, int]]


@dataclass(frozen=True)
class IndexWritten:
    """An index as written: the folder its files are in (named by their digest), its manifest,
    how many files and bytes it holds, and (made with a chunk cache) what a patch needs of it."""

    folder: str
    manifest: bytes
    files: int
    size: int
    state: IndexState | None = None


def folder_name(files: dict[str, tuple[bytes, int]]) -> str:
    """The index's folder: the digest of every file's path and digest, so that a reader never mixes
    two builds' files."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path][0])
    return digest.hexdigest()[:16]


def manifest_bytes(folder: str, documents: int, buckets: int, exact_bytes: int, beside_bytes: int) -> bytes:
    """index.json (the module docstring)."""
    return _json({"format": FORMAT, "folder": folder, "documents": documents, "beside_bytes": beside_bytes,
                  "buckets": buckets, "exact_bytes": exact_bytes, "filters": list(FILTERS)}) + b"\n"


def write_index(records: Iterable[SearchRecord], put: Callable[[str, bytes], None], workers: int = 1,
                block_bytes: int = BLOCK_BYTES, exact_bytes: int = EXACT_BYTES,
                cache: ChunkCache | None = None, beside_bytes: int = BESIDE_BYTES) -> IndexWritten:
    """Hand every file of the index to ``put`` (its path under the index's folder, its bytes) as it
    is made, so that nothing holds the whole index: the blocks of long lists wait in a spill file,
    a corpus's records are made as they are read (:class:`.records.CorpusRecords`). The same bytes
    whatever the number of ``workers`` encoding the postings. ``block_bytes``, ``exact_bytes`` and
    ``beside_bytes`` are the module's bounds (tests make them small to exercise long lists). The
    folder is named by the digest of every file's path and digest, so a reader never mixes two
    builds' files.
    ``cache``: chunks made and files gzipped by earlier builds (:mod:`.chunk_cache`)."""
    ordered = in_index_order(records)
    made: dict[str, tuple[bytes, int]] = {}
    keys: list[str] = []

    def emit(path: str, data: bytes) -> None:
        made[path] = (hashlib.sha256(data).digest(), len(data))
        put(path, data)

    tables: dict[str, dict[str, list[int]]] = {name: {} for name in FILTERS}
    packer = pack if cache is None else lambda data: cache.packs.pack(data, pack)

    def take(first: int, made: ChunkMade) -> None:
        for doc, data in enumerate(made.fragments, start=first):
            emit(f"f/{doc}.bin", data)
        for name, values in made.filters.items():
            table = tables[name]
            for value, docs in values.items():
                table.setdefault(value, []).extend(docs)

    spill = _Spill(packer)
    try:
        lists = postings(ordered, spill, workers, block_bytes, take, cache, keys)
        entries: dict[str, tuple[tuple[bytes, bool], ...]] = {}
        total = next_file = 0
        for key in sorted(set().union(*lists)):
            parts = []
            for kind in lists:
                written = kind.get(key)
                if written is None or not written.blocks:
                    data = written.inline if written is not None else b""
                    parts.append((data, False))
                    total += len(data)
                    continue
                for n, block in enumerate(written.blocks):  # block files numbered in key order: the same every build
                    emit(f"p/{next_file + n}.bin", spill.get(block))
                directory = encode_directory(next_file, written.blocks)
                next_file += len(written.blocks)
                parts.append((directory, True))
                total += len(directory)
            entries[key] = tuple(parts)
    finally:
        spill.close()
    del lists
    buckets = bucket_count(total)
    grouped: dict[int, dict[str, tuple[tuple[bytes, bool], ...]]] = {}
    for key, parts in entries.items():
        grouped.setdefault(fnv1a(key) & (buckets - 1), {})[key] = parts
    del entries
    for b in range(buckets):          # every bucket, empty ones too: the page never asks for a missing file
        emit(f"t/{b:x}.bin", packer(encode_bucket(grouped.pop(b, {}))))
    for n, name in enumerate(FILTERS):
        emit(f"filter/{n}.bin", pack(_json(dict(sorted(tables[name].items())))))
    folder = folder_name(made)
    manifest = manifest_bytes(folder, len(ordered), buckets, exact_bytes, beside_bytes)
    state = None
    if cache is not None:
        state = IndexState(_CHUNK_DOCUMENTS, block_bytes, exact_bytes, beside_bytes,
                           tuple(record_identities(ordered, 0, len(ordered))), tuple(keys), buckets, total, made)
    return IndexWritten(folder, manifest, len(made) + 1, sum(size for _, size in made.values()) + len(manifest),
                        state)


def index_files(records: Iterable[SearchRecord], workers: int = 1, block_bytes: int = BLOCK_BYTES,
                exact_bytes: int = EXACT_BYTES, cache: ChunkCache | None = None,
                beside_bytes: int = BESIDE_BYTES) -> dict[str, bytes]:
    """Every file of the index in memory (path under the bundle folder → bytes), the manifest
    included: :func:`write_index` for a small corpus, the tests and the benchmark's probe."""
    files: dict[str, bytes] = {}
    written = write_index(records, files.__setitem__, workers, block_bytes, exact_bytes, cache, beside_bytes)
    out = {f"{written.folder}/{path}": data for path, data in files.items()}
    out[MANIFEST] = written.manifest
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

