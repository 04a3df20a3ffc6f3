"""generator/search/ (index_records) and bundle.py: the sample corpus indexed by Pagefind, and the
bundle made ours: no UI assets, the display text in place of the tokens, filters in order, every
byte the same on a second build; an unchanged shard comes from the cache."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import cbor2
import pytest

from generator.search import SHARDS_FILE, corpus_records, index_records
from generator.search.bundle import UNUSED, decode


@pytest.fixture(scope="module")
def records(corpus):
    return corpus_records(corpus)


@pytest.fixture(scope="module")
def bundle(records, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundle") / "pagefind"
    index_records(records, folder)
    return folder


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_bundle_is_byte_identical_when_built_again(records, bundle, tmp_path):
    again = tmp_path / "pagefind"
    index_records(records, again)
    assert _files(again) == _files(bundle)


def test_only_what_the_search_page_loads(bundle):
    names = {p.name for p in bundle.iterdir() if p.is_file()}
    assert not names & set(UNUSED)
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", SHARDS_FILE} <= names
    assert json.loads((bundle / SHARDS_FILE).read_text(encoding="utf-8")) == {"bundles": [""]}


def test_results_carry_the_display_text_not_the_tokens(records, bundle):
    bodies = {"/" + r.url: r.body for r in records}
    fragments = [json.loads(decode(p.read_bytes())) for p in (bundle / "fragment").glob("*.pf_fragment")]
    assert len(fragments) == len(records)
    for fragment in fragments:
        assert fragment["content"] == ""
        assert fragment["meta"]["text"] == bodies[fragment["url"]]
        assert fragment["meta"]["title"]


def test_results_are_named_uniquely_enough_to_merge_shards(bundle):
    """A result's id is its fragment's name; the page table names every fragment there is, each by
    16 hex digits of its content (7, as Pagefind writes them, collide among 25,000 documents)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = cbor2.loads(decode((bundle / f"pagefind.{entry['languages']['und']['hash']}.pf_meta").read_bytes()))
    names = sorted(p.stem for p in (bundle / "fragment").glob("*.pf_fragment"))
    assert sorted(page for page, _ in meta[1]) == names
    for name in names:
        payload = decode((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
        assert name == "und_" + hashlib.sha256(payload).hexdigest()[:16]


def test_filter_files_are_in_order_and_named_by_content(bundle):
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = cbor2.loads(decode((bundle / f"pagefind.{entry['languages']['und']['hash']}.pf_meta").read_bytes()))
    named = {name: file for name, file in meta[3]}
    assert sorted(named) == sorted(["发文机关", "年份", "文种", "级别", "文号系列", "地区", "公报"])
    for name, file in named.items():
        filter_name, values = cbor2.loads(decode((bundle / "filter" / f"{file}.pf_filter").read_bytes()))
        assert filter_name == name and [v for v, _ in values] == sorted(v for v, _ in values)
        assert all(pages == sorted(pages) for _, pages in values)


def test_an_unchanged_shard_comes_from_the_cache(records, tmp_path):
    lines = []
    first = index_records(records, tmp_path / "a", tmp_path / "cache", progress=lines.append)
    again = index_records(records, tmp_path / "b", tmp_path / "cache", progress=lines.append)
    assert first == again and "(1 indexed, 0 unchanged)" in lines[0] and "(0 indexed, 1 unchanged)" in lines[1]
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    # a changed body (even one its tokens do not see, as a space) is a different shard
    edited = [dataclasses.replace(r, body=r.body + " ") if i == 0 else r for i, r in enumerate(records)]
    assert index_records(edited, tmp_path / "c", tmp_path / "cache") != first
    assert len(list((tmp_path / "cache" / "search").iterdir())) == 1, "the stale version is dropped"
