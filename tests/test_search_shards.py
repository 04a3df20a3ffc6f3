"""Search in shards: a large archive is indexed region by region and the client merges the shards.

The sample site is built with a small shard limit (GAZETTE_SHARD_MAX=30), so its
73 documents are indexed as four shards: 绍兴市 split by years (2015–2016, 2017),
衢州市 and 嘉兴市. A query must still find documents from every shard, and
rebuilding with one gazette changed must rebuild only that gazette's shard.
"""

import json
import os
import shutil
from urllib.parse import unquote, urlsplit

import pytest

from browser_support import serve
from conftest import GAZETTES, mkdocs_build



@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    work = tmp_path_factory.mktemp("sharded")
    gazettes = work / "gazettes"
    shutil.copytree(GAZETTES, gazettes, ignore=shutil.ignore_patterns("*.toml"))
    old = os.environ.get("GAZETTE_SHARD_MAX")
    os.environ["GAZETTE_SHARD_MAX"] = "30"
    try:
        result = mkdocs_build(work, gazettes)
        assert result.returncode == 0, result.stdout + result.stderr
        yield work, gazettes, result.stdout + result.stderr
    finally:
        if old is None:
            os.environ.pop("GAZETTE_SHARD_MAX", None)
        else:
            os.environ["GAZETTE_SHARD_MAX"] = old


def test_shards_are_one_per_region_and_split_by_year(sharded):
    work, _, log = sharded
    site = work / "site"
    bundles = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["bundles"]
    assert bundles == ["嘉兴市/", "绍兴市-2015/", "绍兴市-2017/", "衢州市/"]
    for bundle in bundles:
        assert (site / "pagefind" / bundle / "pagefind.js").is_file()
        assert (site / "pagefind" / bundle / "pagefind-entry.json").is_file()
    assert "search index: 73 documents in 4 shards (4 indexed, 0 unchanged)" in log


def test_a_query_finds_documents_in_every_shard(sharded, chromium):
    site = sharded[0] / "site"
    with serve(site) as base:
        page = chromium.new_page()
        page.goto(base + "search/")
        found = page.evaluate("() => window.GazetteSearch.query('最多跑一次', 100)")
        filters = page.evaluate("async () => (await import('/pagefind/嘉兴市/pagefind.js')).filters()")
        page.close()
    keys = [unquote(urlsplit(r["url"]).path).lstrip("/") for r in found]
    assert set(filters["地区"]) == {"嘉兴市", "绍兴市", "衢州市"}, "the filters of every shard, merged"
    assert "d/绍政办发/2017/16/" in keys                     # shard 绍兴市-2017
    assert any(k.startswith("d/嘉政办发/2017/") for k in keys)     # shard 嘉兴市
    assert any(k.startswith("d/衢政办发/2018/") for k in keys)     # shard 衢州市


def test_one_changed_gazette_rebuilds_only_its_shard(sharded):
    work, gazettes, _ = sharded
    path = gazettes / "jiaxing-2017-05.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("嘉兴市人民政府工作规则", "嘉兴市人民政府 工作规则"),
                    encoding="utf-8")
    shutil.rmtree(work / "docs_src")
    os.environ["GAZETTE_SHARD_MAX"] = "30"
    result = mkdocs_build(work, gazettes)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "search index: 73 documents in 4 shards (1 indexed, 3 unchanged)" in result.stdout + result.stderr


def test_integrity_crawl_reads_every_shard(sharded):
    """The crawler checks the results of every bundle the search box loads: on the sharded site it
    finds each document page in some shard, and a shard missing its results is reported."""
    from generator.integrity import check_site

    site = sharded[0] / "site"
    assert check_site(site) == []
    broken = sharded[0] / "broken-site"
    shutil.copytree(site, broken)
    shutil.rmtree(broken / "pagefind" / "衢州市" / "fragment")
    problems = check_site(broken)
    assert problems and all("absent from the search index" in p for p in problems)
    assert all(p.startswith("d/衢") for p in problems), problems[:3]


def test_the_index_is_made_from_the_corpus_not_from_the_pages(sharded, tmp_path):
    """The search stage never reads a page the build wrote: generation alone, with nothing but the
    gazettes, writes the same bundle the site serves, and no page carries Pagefind markup."""
    from generator.pipeline import generate

    work, gazettes, _ = sharded
    result = generate(gazettes, tmp_path / "docs", search_dir=tmp_path / "bundle")
    assert sorted(result.search_shards) == ["嘉兴市", "绍兴市-2015", "绍兴市-2017", "衢州市"]
    served = work / "site" / "pagefind"
    files = sorted(p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "bundle").as_posix()
                           for p in (tmp_path / "bundle").rglob("*") if p.is_file())
    page = (work / "site" / "d" / "绍政发" / "2017" / "7" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind" not in page
