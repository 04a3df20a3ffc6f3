"""Loading the corpus: the parse cache, parallel parsing, overrides, and skipping unchanged passes."""

import shutil
from pathlib import Path

import pytest

from generator.load import load_corpus
from generator.pipeline import generate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "gazettes"
    folder.mkdir()
    for p in sorted((ROOT / "gazettes").glob("*.txt")):
        shutil.copy(p, folder / p.name)
    return folder


def records(issues):
    return [[d.to_record() for d in i.documents] for i in issues]


def test_parallel_parse_equals_serial_and_cache_returns_the_same(corpus, tmp_path):
    serial = load_corpus(corpus, workers=1)
    parallel = load_corpus(corpus, cache_dir=tmp_path / "cache", workers=2)
    assert records(serial.issues) == records(parallel.issues)
    assert (parallel.parsed, parallel.from_cache) == (5, 0)
    again = load_corpus(corpus, cache_dir=tmp_path / "cache", workers=2)
    assert (again.parsed, again.from_cache) == (0, 5)
    assert records(again.issues) == records(serial.issues)


def test_blocks_are_lists_or_packed_as_asked_and_the_same_either_way(corpus, tmp_path):
    """Parse workers pack a document's blocks and the cache keeps them packed; a load asked for
    lists gets lists, the catalogue (packed=True) keeps them packed, the same blocks either way."""
    from generator.model import PackedBlocks

    lists = load_corpus(corpus, cache_dir=tmp_path / "cache", workers=2)
    packed = load_corpus(corpus, cache_dir=tmp_path / "cache", workers=2, packed=True)
    fresh = load_corpus(corpus, workers=1, packed=True)
    for loaded in (lists, packed, fresh):
        assert records(loaded.issues) == records(lists.issues)
    pairs = [(a, b, c) for i, j, k in zip(lists.issues, packed.issues, fresh.issues)
             for a, b, c in zip(i.documents, j.documents, k.documents)]
    assert all(type(a.blocks) is list and isinstance(b.blocks, PackedBlocks) and isinstance(c.blocks, PackedBlocks)
               for a, b, c in pairs)
    assert all(a.blocks == b.blocks == c.blocks for a, b, c in pairs)


def test_a_changed_gazette_is_parsed_again_alone(corpus, tmp_path):
    load_corpus(corpus, cache_dir=tmp_path / "cache")
    path = corpus / "shaoxing-2017-04.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("马卫光", "马卫光同志"), encoding="utf-8")
    again = load_corpus(corpus, cache_dir=tmp_path / "cache")
    assert (again.parsed, again.from_cache) == (1, 4)


def test_refused_file_is_one_error_and_the_rest_loads(corpus):
    (corpus / "broken.txt").write_bytes(b"%PDF-1.7\n\x00\x01")
    loaded = load_corpus(corpus, workers=2)
    assert len(loaded.issues) == 5
    refused = [str(r) for r in loaded.refused]
    assert len(refused) == 1 and "broken.txt" in refused[0] and "binary" in refused[0]
    assert loaded.errors == [], "a refused file is not a warning"


def test_overrides_are_applied_after_the_cache(corpus, tmp_path):
    load_corpus(corpus, cache_dir=tmp_path / "cache")
    (corpus / "shaoxing-2017-04.overrides.yml").write_text("绍政发〔2017〕9号:\n  title: 改正后的标题\n",
                                                            encoding="utf-8")
    loaded = load_corpus(corpus, cache_dir=tmp_path / "cache")
    assert loaded.parsed == 0
    issue = next(i for i in loaded.issues if i.source_file.endswith("shaoxing-2017-04.txt"))
    assert issue.documents[2].title == "改正后的标题"


def test_no_change_pass_is_skipped_and_one_change_rewrites_little(corpus, tmp_path):
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    first = generate(corpus, docs, cache_dir=cache)
    assert not first.skipped and first.parsed == 5 and len(first.report.written) > 300
    second = generate(corpus, docs, cache_dir=cache)
    assert second.skipped and second.parsed == 0
    # one changed gazette: only its own pages and the index pages whose content changed are written
    path = corpus / "shaoxing-2017-04.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("市政府各部门制定或联合制定", "市政府各部门起草或联合制定"),
                    encoding="utf-8")
    third = generate(corpus, docs, cache_dir=cache)
    assert not third.skipped and (third.parsed, third.from_cache) == (1, 4)
    assert 1 <= len(third.report.written) < 50
    # a hand edit inside the generated folders is noticed: the next pass is not skipped
    victim = docs / third.report.written[0]
    victim.write_text("edited by hand", encoding="utf-8")
    fourth = generate(corpus, docs, cache_dir=cache)
    assert not fourth.skipped and victim.read_text(encoding="utf-8") != "edited by hand"


def test_long_passes_report_progress_and_the_plugin_pass_returns_only_log_lines(corpus, tmp_path, monkeypatch):
    """A large archive parses and writes for minutes: the build log says how far it is. The plugin's
    pass runs in a child process and hands back log lines and the search plan, never the corpus."""
    from generator import load, pipeline, plugin
    from generator.config import BuildOptions, SiteConfig

    monkeypatch.setattr(load, "PROGRESS_MIN_FILES", 1)
    monkeypatch.setattr(pipeline, "PROGRESS_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 100)
    lines: list[str] = []
    result = generate(corpus, tmp_path / "docs", progress=lines.append, workers=1)
    assert [l for l in lines if l.startswith("parsed ")][-1] == "parsed 5/5 gazettes (0 more from cache)"
    assert any(l.startswith("linked 73 documents") for l in lines)
    assert "generated 100 files (document pages and their JSON first)" in lines
    assert lines[-1] == f"generated {len(result.report.written)} files"
    site = SiteConfig(base=tmp_path, docs_dir=tmp_path / "docs", site_url=None,
                      options=BuildOptions(gazettes=str(corpus), cache_dir="", workers=1))
    warnings, infos, refusals = plugin.generate_for_build(site)   # only log lines cross the process boundary
    assert warnings == [] and refusals == [] and all(isinstance(l, str) for l in infos)
    assert not infos[-1].startswith("gazette: gazettes unchanged")      # no cache: a full pass
    assert "73 documents" in infos[-1]
