"""The search index after a correction, patched from the last build's instead of joined again.

Why: after an editor corrects a sentence, the archive's update made the whole index again from its
cached chunks (:mod:`.chunk_cache`): every list of every token joined in one process and all its
files hashed and written, 28 of the update's 68 s at 25,000 documents, about four times that at
100,000, for a correction whose document holds a few thousand of the index's tokens. The issue
asks that an update rewrite only "the search files that hold its tokens"; this module does that.

Why it gives the join's own bytes. A list of the index is its chunks' segments joined in order
(:func:`.index._append`): each chunk's part of the list, its first document written as a delta from
the last document before it, and a block closed at the end of the first chunk where it holds
``block_bytes``. A correction changes the segments of the chunks holding the corrected documents,
and only for the keys whose encoding differs between the chunk as the last build made it (still in
the chunk cache) and as it is made now. For each such key the patch cuts the old list (the block
that held the chunk, or the whole list when it is short) into its chunks' segments, puts the new
segments in their places and joins them again by the same rule; the buckets holding those keys,
the fragments of the corrected documents and the filter tables are made again from the old files
and the new chunk. Where the rule would cut the blocks elsewhere than before (a list gaining or
losing a block, a short list growing long), where the lists' bytes would choose another bucket
count, where the old files and the chunk cache disagree, or where many chunks changed, the patch
raises :class:`Unpatchable` and the index is joined from nothing as before: a patch is only ever
the join's answer, found faster. tests/search/test_patch.py compares the two byte for byte.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..urls import fnv1a
from . import index as _index
from .chunk_cache import ChunkCache, chunk_key
from .index import (FILTERS, LISTS, POSITIONAL, ChunkMade, IndexState, IndexWritten, Spilled, bucket_count,
                    encode_bucket, encode_directory, folder_name, list_entries, manifest_bytes, pack,
                    read_bucket_entries, read_directory, read_varint, varint)
from .records import SearchRecord, in_index_order, record_identities

PATCH_AT_MOST = 0.25     # the share of the chunks a correction may change for the index to be patched
_EMPTY = ((b"", False),) * len(LISTS)


class Unpatchable(Exception):
    """The patch cannot give the join's bytes here (the reason); the index is joined again."""


@dataclass(frozen=True)
class Segment:
    """One chunk's part of one list: its first and last document, how many, and its bytes after the
    first document's number."""

    first: int
    last: int
    docs: int
    tail: bytes


def chunk_segment(encoded: tuple[bytes, int, int] | None) -> Segment | None:
    """A chunk's list as the index encodes it (:data:`.index._Chunk`: bytes, last, documents) as a segment."""
    if encoded is None:
        return None
    data, last, docs = encoded
    first, at = read_varint(data, 0)
    return Segment(first, last, docs, data[at:])


def cut_segments(data: bytes, after: int, positional: bool, chunk_documents: int) -> list[Segment]:
    """A list's bytes (or one block's, its documents following ``after``) cut into its chunks' segments."""
    out: list[Segment] = []
    chunk = first = start = docs = last = previous_end = -1
    for doc, head_at, end in list_entries(data, after, positional):
        if doc // chunk_documents != chunk:
            if docs > 0:
                out.append(Segment(first, last, docs, data[start:previous_end]))
            chunk, first, start, docs = doc // chunk_documents, doc, head_at, 0
        docs += 1
        last, previous_end = doc, end
    if docs > 0:
        out.append(Segment(first, last, docs, data[start:previous_end]))
    return out


def join_segments(segments: Sequence[Segment], after: int) -> tuple[bytes, list[int]]:
    """Segments joined after document ``after`` (:func:`.index._append`), and the length at each one's end."""
    out, lengths, previous = bytearray(), [], after
    for segment in segments:
        out += varint(segment.first - previous - 1)
        out += segment.tail
        previous = segment.last
        lengths.append(len(out))
    return bytes(out), lengths


Changes = dict[int, tuple[Segment | None, Segment | None]]   # chunk → its old and new segment of one list


def _replaced(segments: list[Segment], changes: Changes, chunk_documents: int) -> list[Segment]:
    """The segments with the changed chunks' new ones in place of the old (checked to be what the
    list held: else the last index and the chunk cache disagree)."""
    by_chunk = {segment.first // chunk_documents: segment for segment in segments}
    for chunk, (old, new) in changes.items():
        if by_chunk.get(chunk) != old:
            raise Unpatchable("the last index and its cached chunks disagree")
        if new is None:
            by_chunk.pop(chunk, None)
        else:
            by_chunk[chunk] = new
    return [by_chunk[chunk] for chunk in sorted(by_chunk)]


@dataclass(frozen=True)
class ListPatched:
    """One list after the patch: as its bucket holds it, and the block files whose bytes change (gzipped)."""

    part: tuple[bytes, bool]
    blocks: dict[int, bytes]


def patch_list(part: tuple[bytes, bool], changes: Changes, positional: bool, chunk_documents: int,
               block_bytes: int, read_block: Callable[[int], bytes]) -> ListPatched:
    """One list of one key after the chunks in ``changes`` got their new segments. An inline list is
    cut and joined whole. A blocked one is joined again by the join's own rule from the first block
    holding a changed chunk, each old block cut into its segments only when it must be: while a new
    block is open across it, or it holds a changed chunk, or the block before it ends at another
    document. Once the new blocks close where the old ones did, the old blocks follow unchanged.
    ``read_block``: a block file's bytes (gunzipped) by number."""
    data, blocked = part
    if not blocked:
        joined, lengths = join_segments(_replaced(cut_segments(data, -1, positional, chunk_documents),
                                                  changes, chunk_documents), -1)
        if any(length >= block_bytes for length in lengths):
            raise Unpatchable("a short list grows into blocks")
        return ListPatched((joined, False), {})
    blocks = read_directory(data)
    made: list[tuple[Spilled, bytes | None]] = []     # the new blocks: place, file (None: the old one's, kept)
    previous, low, open_segments, length = -1, -1, [], 0
    for k, block in enumerate(blocks):
        final = k == len(blocks) - 1
        high = block.last // chunk_documents
        mine = {chunk: change for chunk, change in changes.items() if low < chunk and (final or chunk <= high)}
        low = high
        if not open_segments and not mine and previous == block.after:
            moved = len(made) != k              # the blocks before split or joined otherwise
            made.append((Spilled(0, block.size, block.last, block.docs),
                         pack(read_block(block.file)) if moved else None))
            previous = block.last
            continue
        for segment in _replaced(cut_segments(read_block(block.file), block.after, positional, chunk_documents),
                                 mine, chunk_documents):
            length += len(varint(segment.first - (open_segments[-1].last if open_segments else previous) - 1))
            length += len(segment.tail)
            open_segments.append(segment)
            if length >= block_bytes:           # the join closes a block at the end of this chunk
                previous = _close(open_segments, previous, made)
                open_segments, length = [], 0
    if open_segments:
        if not made:                            # never reached the bound: the join keeps it inline
            raise Unpatchable("a long list becomes short")
        _close(open_segments, previous, made)
    if len(made) != len(blocks):
        raise Unpatchable("a list gains or loses a block")
    first = blocks[0].file
    files = {first + n: packed for n, (_, packed) in enumerate(made) if packed is not None}
    return ListPatched((encode_directory(first, tuple(place for place, _ in made)), True), files)


def _close(segments: list[Segment], previous: int, made: list[tuple[Spilled, bytes | None]]) -> int:
    """Close a new block of these segments after document ``previous`` (gzipped, as the join's
    spill gzips it); its last document."""
    packed = pack(join_segments(segments, previous)[0])
    made.append((Spilled(0, len(packed), segments[-1].last, sum(segment.docs for segment in segments)), packed))
    return segments[-1].last


@dataclass(frozen=True)
class IndexPatched:
    """The index after the patch, as :func:`.index.write_index` would have written it, which of its
    files changed (their paths: all an update writes), and how many chunks were made again."""

    written: IndexWritten
    changed: tuple[str, ...]
    encoded: int


def patch_index(records: Sequence[SearchRecord], read: Callable[[str], bytes], state: IndexState,
                cache: ChunkCache, put: Callable[[str, bytes], None], block_bytes: int = _index.BLOCK_BYTES,
                exact_bytes: int = _index.EXACT_BYTES, beside_bytes: int = _index.BESIDE_BYTES) -> IndexPatched:
    """The index of ``records`` made from the last one (``read``: its files' bytes by path, ``state``:
    what it was made of), each changed file handed to ``put``; the chunks that changed encoded now
    and stored in ``cache``, where the last build's are read. Raises :class:`Unpatchable`."""
    chunk_documents = _index._CHUNK_DOCUMENTS
    if (state.chunk_documents, state.block_bytes, state.exact_bytes, state.beside_bytes) != \
            (chunk_documents, block_bytes, exact_bytes, beside_bytes):
        raise Unpatchable("the last index was made with other bounds")
    ordered = in_index_order(records)
    count = len(ordered)
    if count != len(state.identities):
        raise Unpatchable("documents were added or removed")
    keys = [chunk_key(record_identities(ordered, first, min(first + chunk_documents, count)), first)
            for first in range(0, count, chunk_documents)]
    changed = [n for n, key in enumerate(keys) if key != state.chunk_keys[n]]
    if len(changed) > max(1, int(PATCH_AT_MOST * len(keys))):
        raise Unpatchable(f"{len(changed)} of {len(keys)} chunks changed")
    chunks = {}
    for n in changed:
        old = _old_chunk(cache, state.chunk_keys[n])
        chunks[n] = (old, _new_chunk(ordered, n, chunk_documents, old, state, read))
    files = dict(state.files)
    written: list[str] = []

    def emit(path: str, data: bytes) -> None:
        entry = (hashlib.sha256(data).digest(), len(data))
        if files.get(path) != entry:
            files[path] = entry
            written.append(path)
            put(path, data)

    total = _patch_buckets(chunks, state, read, emit, chunk_documents, block_bytes)
    if bucket_count(total) != state.buckets:
        raise Unpatchable("the lists would choose another bucket count")
    for n, (_, new) in chunks.items():
        for doc, data in enumerate(new.fragments, start=n * chunk_documents):
            emit(f"f/{doc}.bin", data)
    if any(old.filters != new.filters for old, new in chunks.values()):
        for n, name in enumerate(FILTERS):
            emit(f"filter/{n}.bin", _patched_filter(read(f"filter/{n}.bin"), name, chunks, chunk_documents))
    for n in changed:
        cache.put(keys[n], chunks[n][1])
    cache.used.update(keys)
    folder = folder_name(files)
    manifest = manifest_bytes(folder, count, state.buckets, exact_bytes, beside_bytes)
    state = replace(state, identities=tuple(record_identities(ordered, 0, count)), chunk_keys=tuple(keys),
                    total=total, files=files)
    return IndexPatched(IndexWritten(folder, manifest, len(files) + 1,
                                     sum(size for _, size in files.values()) + len(manifest), state),
                        tuple(sorted(written)), len(changed))


def _old_chunk(cache: ChunkCache, key: str) -> ChunkMade:
    """The last build's chunk, which this build will not keep."""
    made = cache.get(key)
    cache.used.discard(key)
    if not isinstance(made, ChunkMade):
        raise Unpatchable("the last build's chunk is no longer cached")
    return made


DOCUMENTS_AT_MOST = 16    # corrected documents of a chunk made again one by one; past it, the chunk whole


def _new_chunk(ordered: Sequence[SearchRecord], n: int, chunk_documents: int, old: ChunkMade, state: IndexState,
               read: Callable[[str], bytes]) -> ChunkMade:
    """Chunk ``n`` as :func:`.index.postings` makes it now: the last build's with only its corrected
    documents encoded again (:func:`_document_redone`), or, when that cannot be, made whole (a
    chunk of 500 documents takes about 7 s to encode, a document a few milliseconds)."""
    first = n * chunk_documents
    stop = min(first + chunk_documents, len(ordered))
    now = record_identities(ordered, first, stop)
    docs = [first + i for i, (was, is_) in enumerate(zip(state.identities[first:stop], now)) if was != is_]
    if len(docs) <= DOCUMENTS_AT_MOST:
        try:
            made = old
            for doc in docs:
                made = _document_redone(made, first, doc, _old_record(read, doc), ordered[doc])
            return made
        except Unpatchable:
            pass
    records = list(ordered[first:stop])
    return ChunkMade(_index._encode_chunk(records, first), *_index._shown(records, first))


def _old_record(read: Callable[[str], bytes], doc: int) -> SearchRecord:
    """What the index encoded of document ``doc`` in the last build, from its fragment (which holds
    the title and the body whole: :func:`.index.fragment`); the rest of a record the lists do not read."""
    shown = json.loads(gzip.decompress(read(f"f/{doc}.bin")))
    meta = shown.get("meta", {})
    return SearchRecord(url=shown.get("url", ""), title=meta.get("title", ""), body=meta.get("text", ""))


def _document_redone(made: ChunkMade, first: int, doc: int, old: SearchRecord, new: SearchRecord) -> ChunkMade:
    """A chunk (its documents from ``first``) with document ``doc`` encoded as ``new`` where it was
    ``old``: in each list holding either, its entry taken out and the new one put in its place, the
    next entry's delta following; its fragment and its filter values made again. The old entry
    must be found as ``old`` encodes it, else the chunk and the fragment disagree (Unpatchable)."""
    was, now = _index._encode_chunk([old], doc), _index._encode_chunk([new], doc)
    head = len(varint(doc))                  # a one-document list: the document's number, its entry
    lists = []
    for kind, (table, before, after) in enumerate(zip(made.lists, was, now)):
        table = dict(table)
        for key in before.keys() | after.keys():
            old_entry, new_entry = before.get(key), after.get(key)
            if old_entry == new_entry:
                continue
            entries = _entries(table.get(key), POSITIONAL[kind])
            at = next((i for i, (d, _) in enumerate(entries) if d >= doc), len(entries))
            held = at < len(entries) and entries[at][0] == doc
            if (entries[at][1] if held else None) != (old_entry[0][head:] if old_entry else None):
                raise Unpatchable("a chunk and its document's fragment disagree")
            entries[at:at + held] = [(doc, new_entry[0][head:])] if new_entry else []
            if entries:
                table[key] = (_encoded(entries), entries[-1][0], len(entries))
            else:
                table.pop(key, None)
        lists.append(table)
    fragments = list(made.fragments)
    fragments[doc - first] = pack(_index._json(_index.fragment(new)))
    filters = {}
    for name in FILTERS:
        table = {value: [d for d in docs if d != doc] for value, docs in made.filters.get(name, {}).items()}
        for value in dict(new.filters).get(name, ()):
            table.setdefault(value, []).append(doc)
        filters[name] = {value: sorted(docs) for value, docs in table.items() if docs}
    return ChunkMade(tuple(lists), tuple(fragments), filters)


def _entries(encoded: tuple[bytes, int, int] | None, positional: bool) -> list[tuple[int, bytes]]:
    """A chunk's list as (document, its entry's bytes after the document's number)."""
    if encoded is None:
        return []
    data = encoded[0]
    return [(doc, data[head_at:end]) for doc, head_at, end in list_entries(data, -1, positional)]


def _encoded(entries: list[tuple[int, bytes]]) -> bytes:
    """A chunk's list from its entries (the first document written as its number)."""
    out, previous = bytearray(), -1
    for doc, entry in entries:
        out += varint(doc - previous - 1)
        out += entry
        previous = doc
    return bytes(out)


def _patch_buckets(chunks: dict[int, tuple[ChunkMade, ChunkMade]], state: IndexState, read: Callable[[str], bytes],
                   emit: Callable[[str, bytes], None], chunk_documents: int, block_bytes: int) -> int:
    """Make again the buckets holding a key whose lists the changed chunks change, and those lists'
    changed blocks; the bytes of every bucket's lists and directories after it (what chooses the
    bucket count)."""
    affected: dict[str, dict[int, Changes]] = {}        # key → list kind → its changes
    for n, (old, new) in chunks.items():
        for kind, (was, now) in enumerate(zip(old.lists, new.lists)):
            for key in was.keys() | now.keys():
                before, after = was.get(key), now.get(key)
                if before != after:
                    affected.setdefault(key, {}).setdefault(kind, {})[n] = (chunk_segment(before), chunk_segment(after))
    by_bucket: dict[int, list[str]] = {}
    for key in affected:
        by_bucket.setdefault(fnv1a(key) & (state.buckets - 1), []).append(key)
    total = state.total

    def read_block(file: int) -> bytes:
        return gzip.decompress(read(f"p/{file}.bin"))

    for bucket in sorted(by_bucket):
        path = f"t/{bucket:x}.bin"
        entries = read_bucket_entries(gzip.decompress(read(path)))
        for key in sorted(by_bucket[bucket]):
            parts = list(entries.get(key, _EMPTY))
            for kind, changes in sorted(affected[key].items()):
                patched = patch_list(parts[kind], changes, POSITIONAL[kind], chunk_documents, block_bytes, read_block)
                total += len(patched.part[0]) - len(parts[kind][0])
                parts[kind] = patched.part
                for file, packed in sorted(patched.blocks.items()):
                    emit(f"p/{file}.bin", packed)
            if all(not data for data, _ in parts):
                entries.pop(key, None)
            else:
                entries[key] = tuple(parts)
        emit(path, pack(encode_bucket(entries)))
    return total


def _patched_filter(data: bytes, name: str, chunks: dict[int, tuple[ChunkMade, ChunkMade]],
                    chunk_documents: int) -> bytes:
    """Filter ``name``'s file with the changed chunks' documents given their new values."""
    table: dict[str, list[int]] = json.loads(gzip.decompress(data))
    for n, (_, new) in chunks.items():
        low, high = n * chunk_documents, (n + 1) * chunk_documents
        table = {value: [doc for doc in docs if not low <= doc < high] for value, docs in table.items()}
        for value, docs in new.filters[name].items():
            table.setdefault(value, []).extend(docs)
    table = {value: sorted(docs) for value, docs in table.items() if docs}
    return pack(_index._json(dict(sorted(table.items()))))
