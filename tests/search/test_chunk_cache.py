"""generator.search.chunk_cache: after a correction the index encodes only the chunk holding the
corrected document, reads the others back, and is the same bytes as an index made from nothing.

On the sample corpus's records, in chunks of seven documents (as test_index does, so that lists
cross chunks and long ones are cut into blocks); the correction is a real one, a sentence of a
document's body.
"""

from __future__ import annotations

import dataclasses

import pytest

from generator.search import corpus_records
from generator.search.chunk_cache import ChunkCache, chunk_key
from generator.search.index import index_files
from generator.search.records import in_index_order

CHUNK = 7


@pytest.fixture(scope="module")
def records(corpus):
    return in_index_order(corpus_records(corpus))


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    from generator.search import index

    monkeypatch.setattr(index, "_CHUNK_DOCUMENTS", CHUNK)


def write(records, cache=None, workers=1) -> dict[str, bytes]:
    return index_files(records, workers=workers, block_bytes=200, cache=cache)


def corrected(records):
    """The sample's records with one sentence of one body corrected (领导市政府全面工作。负责财政 …,
    a comma for the full stop), and that document's place in the index order."""
    at = next(i for i, r in enumerate(records) if "领导市政府全面工作。负责财政" in r.body)
    body = records[at].body.replace("领导市政府全面工作。负责财政", "领导市政府全面工作，负责财政")
    return [dataclasses.replace(r, body=body) if i == at else r for i, r in enumerate(records)], at


def test_an_index_from_cached_chunks_is_the_index_made_from_nothing(records, tmp_path):
    cache = ChunkCache(tmp_path)
    first = write(records, cache)
    assert first == write(records)
    assert cache.hits == 0 and cache.misses == -(-len(records) // CHUNK)
    again = ChunkCache(tmp_path)
    assert write(records, again) == first
    assert again.misses == 0 and again.hits == -(-len(records) // CHUNK)


@pytest.mark.parametrize("workers", [1, 2])
def test_after_a_correction_only_its_chunk_is_encoded_again(records, tmp_path, workers, monkeypatch):
    from generator.search import index

    monkeypatch.setattr(index, "PARALLEL_MIN_DOCUMENTS", 1)
    write(records, ChunkCache(tmp_path), workers)
    edited, at = corrected(records)
    cache = ChunkCache(tmp_path)
    files = write(edited, cache, workers)
    assert files == write(edited), "the same bytes as an index made from nothing"
    assert files != write(records)
    assert cache.misses == 1 and cache.hits == -(-len(records) // CHUNK) - 1
    assert chunk_key(edited[at // CHUNK * CHUNK:][:CHUNK], at // CHUNK * CHUNK) in cache.used


def test_the_key_follows_the_records_and_their_place(records):
    chunk = records[:CHUNK]
    assert chunk_key(chunk, 0) == chunk_key(list(chunk), 0)
    assert chunk_key(chunk, 0) != chunk_key(chunk, CHUNK), "the same records at another place"
    retitled = [dataclasses.replace(chunk[0], title=chunk[0].title + "（修订）"), *chunk[1:]]
    assert chunk_key(retitled, 0) != chunk_key(chunk, 0)


def test_prune_keeps_only_what_the_last_build_used(records, tmp_path):
    write(records, ChunkCache(tmp_path))
    edited, _ = corrected(records)
    cache = ChunkCache(tmp_path)
    write(edited, cache)
    cache.prune()
    assert {p.stem for p in tmp_path.iterdir()} == cache.used
    (tmp_path / f"{sorted(cache.used)[0]}.bin").write_bytes(b"not a chunk")
    broken = ChunkCache(tmp_path)
    assert write(edited, broken) == write(edited), "a file that cannot be read is a miss"
    assert broken.misses == 1
