"""generator/search/index.py and index_records: the sample corpus as the search page reads it.

The index is decoded here as the search page decodes it (buckets by hash, the postings of a
phrase's covering tokens at adjacent positions), and every phrase of the search probe must find
exactly the documents whose text holds it, with the title matches told apart; the browser tests
(test_search_quality.py) ask the same of gazette-search.js."""

from __future__ import annotations

import dataclasses
import gzip
import json

import pytest

from generator.search import corpus_records, index_records
from generator.search.records import document_order
from generator.search.index import (BUCKET_BYTES, EMPTY, LISTS, MANIFEST, ListRef, bucket_count, cover,
                                    index_files, read_bucket, read_characters, read_postings,
                                    varint, read_varint)
from generator.search.phrase import contains, query_tokens
from generator.search.probe import ProbeDocument, make_probe
from generator.urls import fnv1a


@pytest.fixture(scope="module")
def records(corpus):
    return corpus_records(corpus)


@pytest.fixture(scope="module")
def files(records):
    return index_files(records)


class Reader:
    """The index read back from its files, as gazette-search.js reads it."""

    def __init__(self, files: dict[str, bytes]):
        self.manifest = json.loads(files[MANIFEST])
        self.folder = self.manifest["folder"]
        self.files = files
        self.fetched: list[str] = []

    def file(self, path: str) -> bytes:
        self.fetched.append(path)
        return gzip.decompress(self.files[f"{self.folder}/{path}"])

    def entry(self, token: str) -> dict[str, ListRef]:
        """The four lists of a key, by name (:data:`LISTS`)."""
        bucket = fnv1a(token) & (self.manifest["buckets"] - 1)
        return dict(zip(LISTS, read_bucket(self.file(f"t/{bucket:x}.bin")).get(token, (EMPTY,) * len(LISTS))))

    def whole(self, ref: ListRef) -> bytes:
        """A list's bytes, its blocks fetched and joined when it is long."""
        return ref.inline + b"".join(self.file(f"p/{block.file}.bin") for block in ref.blocks)

    def match(self, phrase: str) -> dict[int, bool]:
        """Document → whether its title holds the phrase, for every document holding it."""
        tokens = query_tokens(phrase)
        if len(tokens) == 1 and len(tokens[0]) == 1:
            return {doc: in_title for doc, _, in_title in read_characters(self.whole(self.entry(tokens[0])["chars"]))}
        keep = cover(tokens)
        lists = [{doc: (set(at), at, t) for doc, at, t in read_postings(self.whole(self.entry(tokens[k])["full"]))}
                 for k in keep]
        out = {}
        for doc, (_, first_at, _) in lists[0].items():
            if not all(doc in lst for lst in lists):
                continue
            starts = [p - keep[0] for p in first_at
                      if all(p - keep[0] + k in lst[doc][0] for k, lst in zip(keep, lists))]
            if starts:
                _, last_at, in_title = lists[-1][doc]
                out[doc] = any(in_title and s + keep[-1] <= last_at[in_title - 1] for s in starts)
        return out

    def title_match(self, phrase: str) -> set[int]:
        """The documents whose title holds the phrase, from the title lists alone."""
        tokens = query_tokens(phrase)
        if len(tokens) == 1 and len(tokens[0]) == 1:
            return {doc for doc, _, _ in read_characters(self.whole(self.entry(tokens[0])["chars_title"]))}
        keep = cover(tokens)
        lists = [{doc: set(at) for doc, at, _ in read_postings(self.whole(self.entry(tokens[k])["title"]))}
                 for k in keep]
        return {doc for doc, at in lists[0].items() if all(doc in lst for lst in lists) and any(
            all(p - keep[0] + k in lst[doc] for k, lst in zip(keep, lists)) for p in at)}

    def url(self, doc: int) -> str:
        return json.loads(self.file(f"f/{doc}.bin"))["url"]


def test_every_probe_phrase_finds_exactly_its_documents_and_their_titles(records, files):
    reader = Reader(files)
    ordered = document_order(records)
    probe = make_probe([ProbeDocument(r.url, r.title, r.body) for r in records])
    for phrase in probe.phrases:
        found = reader.match(phrase)
        assert sorted(ordered[d].url for d in found) == probe.truth[phrase], phrase
        assert {d for d, t in found.items() if t} == {d for d in found if contains(ordered[d].title, phrase)}, phrase


@pytest.fixture(scope="module")
def blocked(records):
    """The sample's index with every list longer than 200 bytes cut into blocks, in chunks of seven
    documents: what a large archive's common tokens are, on real text."""
    from generator.search import index

    patch = pytest.MonkeyPatch()
    patch.setattr(index, "_CHUNK_DOCUMENTS", 7)
    try:
        return index_files(records, block_bytes=200, exact_bytes=0)
    finally:
        patch.undo()


def test_lists_cut_into_blocks_find_exactly_what_whole_lists_find(records, files, blocked):
    whole, cut = Reader(files), Reader(blocked)
    assert sum("/p/" in path for path in blocked) > 100, "many blocks"
    probe = make_probe([ProbeDocument(r.url, r.title, r.body) for r in records])
    for phrase in probe.phrases:
        assert cut.match(phrase) == whole.match(phrase), phrase
    assert json.loads(blocked[MANIFEST])["exact_bytes"] == 0


def test_title_lists_hold_exactly_the_title_matches(records, blocked):
    reader = Reader(blocked)
    probe = make_probe([ProbeDocument(r.url, r.title, r.body) for r in records])
    for phrase in [*probe.phrases, "人民政府", "电动自行车", "关于", "市"]:
        assert reader.title_match(phrase) == {d for d, in_title in reader.match(phrase).items() if in_title}, phrase


def test_a_directory_describes_its_blocks(blocked):
    """Each block holds the documents after the one before's last up to its own last, as many as the
    directory says, in a file of the size it says: what the search page plans its fetches by."""
    reader = Reader(blocked)
    seen = 0
    for b in range(reader.manifest["buckets"]):
        for key, refs in read_bucket(reader.file(f"t/{b:x}.bin")).items():
            for name, ref in zip(LISTS, refs):
                after = -1
                for block in ref.blocks:
                    raw = reader.files[f"{reader.folder}/p/{block.file}.bin"]
                    read = read_characters if name.startswith("chars") else read_postings
                    docs = [entry[0] for entry in read(gzip.decompress(raw), block.after)]
                    assert block.after == after and docs[-1] == block.last and len(docs) == block.docs
                    assert after < docs[0] and docs == sorted(set(docs)) and block.size == len(raw)
                    after, seen = block.last, seen + 1
    assert seen == sum("/p/" in path for path in blocked)


@pytest.mark.parametrize("phrase", ["电动自行车", "电", "乡(镇)", "2018年", "pm2.5", "“最多跑一次”"])
def test_phrases_a_reader_types(records, files, phrase):
    reader = Reader(files)
    ordered = document_order(records)
    assert sorted(ordered[d].url for d in reader.match(phrase)) == sorted(r.url for r in records if contains(r.text, phrase))


def test_a_phrase_asks_only_the_buckets_of_its_covering_tokens(files):
    reader = Reader(files)
    reader.match("电动自行车")       # 电动 动自 自行 行车: 电动, 自行 and 行车 fix 动自 between them
    assert cover(query_tokens("电动自行车")) == [0, 2, 3] and len(reader.fetched) == 3


def test_the_cover_keeps_one_character_tokens_and_every_other_bigram():
    assert cover(["电动"]) == [0]
    assert cover(["电动", "动自"]) == [0, 1]
    assert cover(["乡", "镇"]) == [0, 1]
    # 建设 设 | 加 加快 快推 推进: the run ends and begins as one-character tokens, 快推 is fixed
    assert query_tokens("建设。加快推进") == ["建设", "设", "加", "加快", "快推", "推进"]
    assert cover(query_tokens("建设。加快推进")) == [0, 1, 2, 3, 5]


def test_documents_are_numbered_newest_first(records):
    ordered = document_order(records)
    dates = [r.date for r in ordered if r.date]
    assert dates == sorted(dates, reverse=True) and ordered[:len(dates)] == [r for r in ordered if r.date]


def test_a_corpus_records_are_made_in_index_order_when_read(records):
    """corpus_records makes each record when it is read (an archive's records held at once would be
    its whole text again), in the index's order, so the index need not sort them."""
    made = list(records)
    assert made == document_order(made) and len(records) == len(made)
    assert records[3] == made[3] and records[2:5] == made[2:5]
    assert records[0] is not records[0], "made anew at every read, never held"


def test_fragments_and_filters(records, files):
    reader = Reader(files)
    ordered = document_order(records)
    assert reader.manifest["documents"] == len(records)
    for doc, record in enumerate(ordered):
        fragment = json.loads(reader.file(f"f/{doc}.bin"))
        assert fragment == {"url": record.url, "meta": {k: v for k, v in {
            "title": record.title, "doc_number": record.doc_number, "organ": record.organ,
            "date": record.date, "text": record.body}.items() if v}}
    for n, name in enumerate(reader.manifest["filters"]):
        table = json.loads(reader.file(f"filter/{n}.bin"))
        assert list(table) == sorted(table)
        for value, docs in table.items():
            assert docs == sorted(d for d, r in enumerate(ordered) if value in dict(r.filters).get(name, ()))


def test_every_bucket_is_written_and_holds_its_own_tokens(files):
    manifest = json.loads(files[MANIFEST])
    buckets = manifest["buckets"]
    assert buckets & (buckets - 1) == 0
    total = 0
    for b in range(buckets):
        for token, refs in read_bucket(gzip.decompress(files[f"{manifest['folder']}/t/{b:x}.bin"])).items():
            assert fnv1a(token) & (buckets - 1) == b
            assert all(not ref.blocks for ref in refs), "the sample's lists are all short"
            total += sum(len(ref.inline) for ref in refs)
    assert buckets == bucket_count(total)


def test_varints_round_trip():
    for n in (0, 1, 127, 128, 16383, 16384, 2**31 + 5):
        assert read_varint(varint(n), 0) == (n, len(varint(n)))
    assert BUCKET_BYTES > 0


def test_the_index_is_byte_identical_when_built_again(records, files, tmp_path):
    assert index_files(list(reversed(records))) == files, "the order records come in does not matter"
    index_records(records, tmp_path / "a")
    index_records(records, tmp_path / "b")
    read = lambda folder: {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert read(tmp_path / "a") == read(tmp_path / "b") == files


def test_workers_encoding_chunks_write_the_same_bytes(records, files, monkeypatch):
    """A large archive is encoded in chunks by worker processes; the joined chunks are the same bytes
    (here seven documents a chunk, so every token's list crosses chunks)."""
    from generator.search import index

    monkeypatch.setattr(index, "PARALLEL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(index, "_CHUNK_DOCUMENTS", 7)
    assert index_files(records, workers=2) == files
    assert index_files(records, workers=2, block_bytes=200) == index_files(records, workers=1, block_bytes=200)


def test_an_unchanged_index_comes_from_the_cache(records, tmp_path):
    lines = []
    first = index_records(records, tmp_path / "a", tmp_path / "cache", progress=lines.append)
    again = index_records(records, tmp_path / "b", tmp_path / "cache", progress=lines.append)
    assert first == again and "files" in lines[0] and "from the cache" in lines[1]
    # a changed body (even one its tokens do not see, as a space) is a different index
    edited = [dataclasses.replace(r, body=r.body + " ") if i == 0 else r for i, r in enumerate(records)]
    assert index_records(edited, tmp_path / "c", tmp_path / "cache") != first
    kept = sorted(p.name for p in (tmp_path / "cache" / "search").iterdir())
    assert len(kept) == 2 and kept[1] == kept[0] + ".state", "the stale version is dropped, what patches it kept"


def test_the_search_page_reads_this_format():
    """gazette-search.js refuses a manifest of another format (a page cached from an older build)."""
    from generator.search.index import FORMAT
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "theme_overrides/assets/javascripts/gazette-search.js").read_text()
    assert f"loaded[1].format !== {FORMAT})" in script
