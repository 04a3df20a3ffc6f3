"""generator.search.patch: after a correction the index is patched from the last build's files, and
the patched index is byte for byte the index made from nothing; where a patch cannot give those
bytes it says so (Unpatchable) and the index is joined again.

On the sample corpus's records in chunks of seven documents, with lists longer than 200 bytes cut
into blocks (as test_index and test_chunk_cache do, so that lists cross chunks and blocks); the
corrections are real ones: a sentence of a body, a document's title.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip

import pytest
from conftest import SMALL_CHUNK

from generator.search import corpus_records, index_records
from generator.search.chunk_cache import ChunkCache
from generator.search.index import MANIFEST, index_files, write_index
from generator.search.patch import Segment, Unpatchable, cut_segments, join_segments, patch_index
from generator.search.records import in_index_order

SENTENCE, CORRECTED = "领导市政府全面工作。负责财政", "领导市政府全面工作。负责财务"
CHUNK = SMALL_CHUNK
pytestmark = pytest.mark.usefixtures("small_chunks")
BLOCK = 200


@pytest.fixture(scope="module")
def records(corpus):
    return in_index_order(corpus_records(corpus))


def made(records, cache):
    """The index of ``records`` (files by path under its folder, and what a patch needs of it)."""
    files: dict[str, bytes] = {}
    written = write_index(records, files.__setitem__, block_bytes=BLOCK, cache=cache)
    return files, written


def patched(records, base: dict[str, bytes], state, cache):
    """``records``' index patched from ``base``: its files as a whole index (index_files' form), and the patch."""
    files = dict(base)
    result = patch_index(records, base.__getitem__, state, cache, files.__setitem__, block_bytes=BLOCK)
    out = {f"{result.written.folder}/{path}": data for path, data in files.items()}
    out[MANIFEST] = result.written.manifest
    return out, result


def fresh(records):
    return index_files(records, block_bytes=BLOCK)


def edited(records, match, change):
    """The records with ``change`` made to the first record ``match`` accepts; its place in the order."""
    at = next(i for i, r in enumerate(records) if match(r))
    return [change(r) if i == at else r for i, r in enumerate(records)], at


def test_a_corrected_sentence_patches_only_the_files_of_its_tokens(records, tmp_path):
    base, written = made(records, ChunkCache(tmp_path))
    fixed, at = edited(records, lambda r: SENTENCE in r.body,
                       lambda r: dataclasses.replace(r, body=r.body.replace(SENTENCE, CORRECTED)))
    cache = ChunkCache(tmp_path)
    files, result = patched(fixed, base, written.state, cache)
    assert files == fresh(fixed), "the same bytes as the index made from nothing"
    assert result.encoded == 1 and cache.misses == 0, "only the corrected chunk made again"
    assert f"f/{at}.bin" in result.changed
    assert 0 < len(result.changed) < len(base) / 10
    assert any(path.startswith("t/") for path in result.changed)


def test_a_corrected_title_gives_the_index_made_from_nothing(records, tmp_path):
    base, written = made(records, ChunkCache(tmp_path))
    fixed, at = edited(records, lambda r: r.title and "通知" in r.title,
                       lambda r: dataclasses.replace(r, title=r.title.replace("通知", "通告")))
    files, result = patched(fixed, base, written.state, ChunkCache(tmp_path))
    assert files == fresh(fixed)
    assert f"f/{at}.bin" in result.changed


def test_a_patch_of_a_patch_is_still_the_index_made_from_nothing(records, tmp_path):
    base, written = made(records, ChunkCache(tmp_path))
    fixed, _ = edited(records, lambda r: SENTENCE in r.body,
                      lambda r: dataclasses.replace(r, body=r.body.replace(SENTENCE, CORRECTED)))
    once, first = patched(fixed, base, written.state, ChunkCache(tmp_path))
    files = {path.split("/", 1)[1]: data for path, data in once.items() if path != MANIFEST}
    back, second = patched(records, files, first.written.state, ChunkCache(tmp_path))
    assert back == fresh(records), "the correction taken back"
    assert second.changed == first.changed


def test_every_document_s_correction_patches_or_says_it_cannot(records, tmp_path):
    """Every fifth document in turn gets a typo corrected (its body's first 市 made 县, as an editor
    fixes one character): every patch made gives the join's bytes, and most can be made."""
    base, written = made(records, ChunkCache(tmp_path))
    done = refused = 0
    for at in range(0, len(records), 5):
        record = records[at]
        if "市" not in record.body:
            continue
        fixed = [dataclasses.replace(r, body=r.body.replace("市", "县", 1)) if i == at else r
                 for i, r in enumerate(records)]
        try:
            files, _ = patched(fixed, base, written.state, ChunkCache(tmp_path))
        except Unpatchable:
            refused += 1
            continue
        assert files == fresh(fixed), record.url
        done += 1
    assert done > 2 * refused, (done, refused)


def test_a_patch_that_cannot_give_the_join_s_bytes_refuses(records, tmp_path):
    base, written = made(records, ChunkCache(tmp_path))
    doubled, _ = edited(records, lambda r: len(r.body) > 2000, lambda r: dataclasses.replace(r, body=r.body * 3))
    with pytest.raises(Unpatchable):
        patched(doubled, base, written.state, ChunkCache(tmp_path))
    everywhere = [dataclasses.replace(r, body=r.body + "。") for r in records]
    with pytest.raises(Unpatchable, match="chunks changed"):
        patched(everywhere, base, written.state, ChunkCache(tmp_path))


def test_segments_cut_from_a_list_join_to_the_same_bytes(records, tmp_path):
    """Every short list of the index, of each kind, cut into its chunks' segments and joined again."""
    from generator.search.index import read_bucket_entries
    from generator.search.index import POSITIONAL

    base, _ = made(records, ChunkCache(tmp_path))
    lists = [(kind, data) for path, file in base.items() if path.startswith("t/")
             for parts in read_bucket_entries(gzip.decompress(file)).values()
             for kind, (data, blocked) in enumerate(parts) if data and not blocked]
    assert len(lists) > 1000 and {kind for kind, _ in lists} == {0, 1, 2, 3}
    for kind, data in lists:
        segments = cut_segments(data, -1, POSITIONAL[kind], CHUNK)
        assert join_segments(segments, -1)[0] == data
        chunks = [s.first // CHUNK for s in segments]
        assert chunks == sorted(set(chunks)) and all(s.last // CHUNK == s.first // CHUNK for s in segments)
        assert all(isinstance(s, Segment) for s in segments)


def test_index_records_patches_the_cached_index_and_says_so(corpus, tmp_path):
    records = corpus_records(corpus)
    said: list[str] = []
    index_records(records, tmp_path / "one", tmp_path / "cache", progress=said.append)
    with sentence_corrected(corpus):
        index_records(corpus_records(corpus), tmp_path / "two", tmp_path / "cache", progress=said.append)
        index_records(corpus_records(corpus), tmp_path / "clean", None)
    assert "patched" in said[-1], said
    assert _tree(tmp_path / "two") == _tree(tmp_path / "clean")


@contextlib.contextmanager
def sentence_corrected(corpus):
    """The sample corpus with the sentence corrected in its document's blocks, while the block runs."""
    document = next(d for d in corpus.documents.values() if any(SENTENCE in (b.text or "") for b in d.blocks))
    before = document.blocks
    document.blocks = [dataclasses.replace(b, text=b.text.replace(SENTENCE, CORRECTED))
                       if SENTENCE in (b.text or "") else b for b in before]
    try:
        yield
    finally:
        document.blocks = before


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_damaged_last_index_is_joined_again_to_the_same_bytes(corpus, tmp_path):
    """A file of the cached index that the patch would read is not what its build wrote: the index
    is joined again, and says why."""
    said: list[str] = []
    index_records(corpus_records(corpus), tmp_path / "one", tmp_path / "cache", progress=said.append)
    for bucket in (tmp_path / "cache" / "search").glob("*/*/t/*.bin"):
        data = bucket.read_bytes()
        bucket.unlink()                        # not in place: the built bundle shares the file
        bucket.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    with sentence_corrected(corpus):
        index_records(corpus_records(corpus), tmp_path / "two", tmp_path / "cache", progress=said.append)
        index_records(corpus_records(corpus), tmp_path / "clean", None)
    assert "not patched: the last index's t/" in said[-1], said[-1]
    assert _tree(tmp_path / "two") == _tree(tmp_path / "clean")
    assert len(list((tmp_path / "cache" / "search").glob("*.state"))) == 1


def test_only_the_corrected_document_is_encoded_again(records, tmp_path, monkeypatch):
    """The corrected chunk is the last build's with the one document encoded again (its old entries
    found from its old fragment), not the chunk's seven documents: the same bytes either way."""
    from generator.search import index

    base, written = made(records, ChunkCache(tmp_path))
    fixed, at = edited(records, lambda r: SENTENCE in r.body,
                       lambda r: dataclasses.replace(r, body=r.body.replace(SENTENCE, CORRECTED)))
    encoded: list[int] = []
    real = index._encode_chunk
    monkeypatch.setattr(index, "_encode_chunk", lambda chunk, first: encoded.append(len(chunk)) or real(chunk, first))
    files, _ = patched(fixed, base, written.state, ChunkCache(tmp_path))
    monkeypatch.setattr(index, "_encode_chunk", real)
    assert files == fresh(fixed)
    assert encoded == [1, 1], "the document as it was and as it is, nothing else"


def test_a_chunk_whose_fragment_disagrees_is_encoded_whole(records, tmp_path):
    """The old entries are looked for as the old fragment encodes: a fragment that is not what the
    chunk was made from (here another document's) makes the chunk encoded whole, to the same bytes."""
    base, written = made(records, ChunkCache(tmp_path))
    fixed, at = edited(records, lambda r: SENTENCE in r.body,
                       lambda r: dataclasses.replace(r, body=r.body.replace(SENTENCE, CORRECTED)))
    other = (at + 1) % len(records)
    swapped = dict(base)
    swapped[f"f/{at}.bin"] = base[f"f/{other}.bin"]
    state = dataclasses.replace(written.state, files={**written.state.files, f"f/{at}.bin": written.state.files[f"f/{other}.bin"]})
    files, _ = patched(fixed, swapped, state, ChunkCache(tmp_path))
    assert files == fresh(fixed)
