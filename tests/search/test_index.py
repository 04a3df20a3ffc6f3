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
from generator.search.index import (BUCKET_BYTES, MANIFEST, bucket_count, cover, document_order, index_files,
                                    read_bucket, read_characters, read_postings, varint, read_varint)
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

    def entry(self, token: str) -> tuple[bytes, bytes]:
        bucket = fnv1a(token) & (self.manifest["buckets"] - 1)
        return read_bucket(self.file(f"t/{bucket:x}.bin")).get(token, (b"", b""))

    def match(self, phrase: str) -> dict[int, bool]:
        """Document → whether its title holds the phrase, for every document holding it."""
        tokens = query_tokens(phrase)
        if len(tokens) == 1 and len(tokens[0]) == 1:
            return {doc: in_title for doc, _, in_title in read_characters(self.entry(tokens[0])[1])}
        keep = cover(tokens)
        lists = [{doc: (set(at), at, t) for doc, at, t in read_postings(self.entry(tokens[k])[0])} for k in keep]
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
        for token, (pos, chars) in read_bucket(gzip.decompress(files[f"{manifest['folder']}/t/{b:x}.bin"])).items():
            assert fnv1a(token) & (buckets - 1) == b
            total += len(pos) + len(chars)
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


def test_an_unchanged_index_comes_from_the_cache(records, tmp_path):
    lines = []
    first = index_records(records, tmp_path / "a", tmp_path / "cache", progress=lines.append)
    again = index_records(records, tmp_path / "b", tmp_path / "cache", progress=lines.append)
    assert first == again and "files" in lines[0] and "from the cache" in lines[1]
    # a changed body (even one its tokens do not see, as a space) is a different index
    edited = [dataclasses.replace(r, body=r.body + " ") if i == 0 else r for i, r in enumerate(records)]
    assert index_records(edited, tmp_path / "c", tmp_path / "cache") != first
    assert len(list((tmp_path / "cache" / "search").iterdir())) == 1, "the stale version is dropped"
