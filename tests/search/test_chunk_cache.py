"""generator.search.chunk_cache: after a correction the index encodes only the chunk holding the
corrected document, reads the others back (in an archive's catalogue without making their
records), gzips only the files whose bytes changed, and is the same bytes as an index made from
nothing.

On the sample corpus's records, in chunks of seven documents (as test_index does, so that lists
cross chunks and long ones are cut into blocks); the correction is a real one, a sentence of a
document's body.
"""

from __future__ import annotations

import copy
import dataclasses

import pytest
from conftest import SMALL_CHUNK

from generator.model import PackedBlocks
from generator.search import corpus_records
from generator.search.chunk_cache import PACKS, ChunkCache, chunk_key
from generator.search.index import index_files
from generator.search.records import in_index_order, record_identities

SENTENCE, CORRECTED = "领导市政府全面工作。负责财政", "领导市政府全面工作，负责财政"

CHUNK = SMALL_CHUNK
pytestmark = pytest.mark.usefixtures("small_chunks")


@pytest.fixture(scope="module")
def records(corpus):
    return in_index_order(corpus_records(corpus))



def write(records, cache=None, workers=1) -> dict[str, bytes]:
    return index_files(records, workers=workers, block_bytes=200, cache=cache)


def corrected(records, into: str = CORRECTED):
    """The sample's records with one sentence of one body corrected (领导市政府全面工作。负责财政 …,
    a comma for the full stop, or ``into``), and that document's place in the index order."""
    at = next(i for i, r in enumerate(records) if SENTENCE in r.body)
    body = records[at].body.replace(SENTENCE, into)
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
    first = at // CHUNK * CHUNK
    assert chunk_key(record_identities(edited, first, first + CHUNK), first) in cache.used


def test_the_key_follows_the_records_and_their_place(records):
    chunk = list(records[:CHUNK])
    ids = record_identities(chunk, 0, CHUNK)
    assert ids == record_identities(records, 0, CHUNK), "a corpus's records as a list of the same"
    assert chunk_key(ids, 0) != chunk_key(ids, CHUNK), "the same records at another place"
    retitled = [dataclasses.replace(chunk[0], title=chunk[0].title + "（修订）"), *chunk[1:]]
    assert chunk_key(record_identities(retitled, 0, CHUNK), 0) != chunk_key(ids, 0)


@pytest.fixture()
def packed_corpus(corpus):
    """The sample corpus as an archive's catalogue holds it: every document's blocks packed."""
    packed = copy.deepcopy(corpus)
    for document in packed.documents.values():
        document.blocks = PackedBlocks(document.blocks)
    return packed


def correct(corpus) -> str:
    """Correct the sentence in the corpus (its document's blocks packed again); the document's key."""
    key = next(k for k, d in corpus.documents.items() if any(SENTENCE in (b.text or "") for b in d.blocks))
    document = corpus.documents[key]
    document.blocks = PackedBlocks([dataclasses.replace(b, text=b.text.replace(SENTENCE, CORRECTED))
                                    if SENTENCE in (b.text or "") else b for b in document.blocks])
    return key


def test_a_catalogue_s_unchanged_chunks_need_none_of_their_records_made(packed_corpus, tmp_path, monkeypatch):
    from generator.search import records as records_module

    write(corpus_records(packed_corpus), ChunkCache(tmp_path))
    key = correct(packed_corpus)
    corrected_records = corpus_records(packed_corpus)
    cold = write(corrected_records)
    urls = [r.url for r in corrected_records]
    first = urls.index(key) // CHUNK * CHUNK
    made = []
    real = records_module.document_record

    def counted(corpus, key, url=None, body=None):
        if body is None:                       # a body made from the blocks: a record made
            made.append(key)
        return real(corpus, key, url, body)

    monkeypatch.setattr(records_module, "document_record", counted)
    cache = ChunkCache(tmp_path)
    assert write(corrected_records, cache) == cold, "the same bytes as an index made from nothing"
    assert cache.misses == 1
    assert sorted(made) == sorted(urls[first:first + CHUNK]), "records made only for the corrected document's chunk"


def test_only_files_whose_bytes_changed_are_gzipped_again(records, tmp_path):
    first = ChunkCache(tmp_path)
    cold = write(records, first)
    first.prune()                               # a finished build keeps its gzipped files
    again = ChunkCache(tmp_path)
    assert write(records, again) == cold
    assert again.packs.misses == 0 and again.packs.hits == first.packs.misses > 0
    again.prune()
    edited, _ = corrected(records, "领导市政府全面工作。负责财务")    # a character: its tokens change
    after = ChunkCache(tmp_path)
    assert write(edited, after) == write(edited)
    assert 0 < after.packs.misses < after.packs.hits / 10, "a character changes a few blocks and buckets"


def test_a_damaged_store_of_gzipped_files_is_a_miss(records, tmp_path):
    first = ChunkCache(tmp_path)
    cold = write(records, first)
    first.prune()
    store = tmp_path / PACKS
    data = bytearray(store.read_bytes())
    data[len(data) // 3] ^= 0xFF                # a byte in the middle of the gzipped files
    store.write_bytes(bytes(data))
    damaged = ChunkCache(tmp_path)
    assert write(records, damaged) == cold
    assert damaged.packs.misses >= 1
    store.write_bytes(b"not a store")
    assert write(records, ChunkCache(tmp_path)) == cold


def test_prune_keeps_only_what_the_last_build_used(records, tmp_path):
    write(records, ChunkCache(tmp_path))
    edited, _ = corrected(records)
    cache = ChunkCache(tmp_path)
    write(edited, cache)
    cache.prune()
    assert {p.stem for p in tmp_path.iterdir() if p.name != PACKS} == cache.used
    assert (tmp_path / PACKS).is_file() and not list(tmp_path.glob("*.tmp"))
    (tmp_path / f"{sorted(cache.used)[0]}.bin").write_bytes(b"not a chunk")
    broken = ChunkCache(tmp_path)
    assert write(edited, broken) == write(edited), "a file that cannot be read is a miss"
    assert broken.misses == 1
