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

RESULTS = "#gazette-search .pagefind-ui__result-link"


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
    assert bundles == ["pagefind/嘉兴市/", "pagefind/绍兴市-2015/", "pagefind/绍兴市-2017/", "pagefind/衢州市/"]
    for bundle in bundles:
        assert (site / bundle / "pagefind.js").is_file() and (site / bundle / "pagefind-entry.json").is_file()
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert "search index in 4 shards (4 rebuilt, 0 unchanged)" in log


def test_a_query_finds_documents_in_every_shard(sharded, chromium):
    site = sharded[0] / "site"
    with serve(site) as base:
        page = chromium.new_page()
        page.goto(base)
        page.fill("#gazette-search input", "最多跑一次")
        page.wait_for_function(
            f"() => document.querySelectorAll('{RESULTS}').length >= 3", timeout=20000)
        more = page.locator("#gazette-search .pagefind-ui__button")
        while more.count():                       # "more results" until every result is listed
            shown = page.locator(RESULTS).count()
            more.first.click()
            page.wait_for_function(f"n => document.querySelectorAll('{RESULTS}').length > n", arg=shown,
                                   timeout=20000)
        keys = [unquote(urlsplit(h).path).lstrip("/") for h in
                page.eval_on_selector_all(RESULTS, "els => els.map(e => e.getAttribute('href'))")]
        page.close()
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
    assert "search index in 4 shards (1 rebuilt, 3 unchanged)" in result.stdout + result.stderr


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


def test_the_shard_plan_comes_from_the_render_stage_not_the_html(sharded):
    """The indexer is told which pages to index and where they go; it never reads pages to find out.
    The plan names exactly the document pages, with the region and year their pages give Pagefind."""
    from generator.pipeline import generate

    work, gazettes, _ = sharded
    result = generate(gazettes, work / "plan-docs")
    assert len(result.search_pages) == 73
    assert result.search_pages["d/绍政发/2017/7.md"] == ["绍兴市", 2017]
    page = (work / "site" / "d" / "绍政发" / "2017" / "7" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-sort="date:2017' in page and 'data-pagefind-filter="地区:绍兴市"' in page
    assert all(path.startswith(("d/", "g/")) for path in result.search_pages)
