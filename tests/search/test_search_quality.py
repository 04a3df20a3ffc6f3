"""The search probe (generator/search/probe.py) on the sample corpus, asked of the bigram-token
Pagefind bundle (generator/search/records.py) in headless Chromium: the targets of exact phrase
search. bench/search_quality.py prints the same figures, and those of the site's shipped search."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

from generator.search.probe import MIN_DISTINCTIVE, make_probe, score
from generator.search.records import write_bundle

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def quality():
    spec = importlib.util.spec_from_file_location("search_quality", ROOT / "bench" / "search_quality.py")
    module = sys.modules["search_quality"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bigram_bundle(quality, corpus, tmp_path_factory):
    documents = quality.probe_documents(corpus)
    folder = tmp_path_factory.mktemp("search")
    write_bundle(quality.records(documents), folder / "bigram")
    return documents, folder


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_the_probe_has_the_phrases_it_promises(quality, corpus):
    probe = make_probe(quality.probe_documents(corpus))
    assert len(probe.phrases) >= 300 and len(probe.distinctive()) >= MIN_DISTINCTIVE
    assert all(2 <= len(p) <= 8 for p in probe.phrases)
    assert make_probe(quality.probe_documents(corpus)) == probe          # a fixed seed: the same phrases


def test_every_phrase_finds_exactly_its_documents_titles_first(quality, bigram_bundle, chromium):
    documents, folder = bigram_bundle
    probe = make_probe(documents)
    results = quality.ask(folder, "bigram/", [quality.bigram_queries(p) for p in probe.phrases], chromium)
    figures = score(probe, results)
    assert figures.recall >= 0.995, figures.wrong[:10]
    assert figures.precision >= 0.98, figures.wrong[:10]
    assert figures.top10 >= 0.98, figures.row()
    assert quality.title_first(probe, documents, results) == 1.0


def test_a_phrase_in_two_titles_lists_those_two_first(quality, bigram_bundle, chromium, corpus):
    documents, folder = bigram_bundle
    results = quality.ask(folder, "bigram/", [quality.bigram_queries("电动自行车"),
                                              quality.bigram_queries("電動自行車")], chromium)
    first_two = {corpus.documents[url[1:]].doc_number for url in results["电动自行车"][:2]}   # "/" + key
    assert first_two == {"衢政办发〔2018〕21号", "衢政发〔2018〕11号"}
    assert results["電動自行車"] == results["电动自行车"]


@pytest.mark.xfail(strict=False, reason="not yet (issue 14, target 5): passes on some runs and not on others; "
                   "which Pagefind file differs between two builds of the same records is still to find")
def test_the_bundle_is_byte_identical_across_builds(quality, bigram_bundle, tmp_path):
    documents, folder = bigram_bundle
    again = write_bundle(quality.records(documents), tmp_path / "bigram")
    assert _digest(again) == _digest(folder / "bigram")
