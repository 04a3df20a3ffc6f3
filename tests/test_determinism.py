"""Deterministic builds: the same gazettes give byte-identical docs_src/ and identical pages.

Two `mkdocs build --strict` runs of the sample corpus, in two different
folders and with different build dates (SOURCE_DATE_EPOCH), are compared file
by file. Fields that differ between builds, and why:

* ``sitemap.xml.gz`` — gzip'd with the build date as its gzip header MTIME
  (MkDocs; pin it with SOURCE_DATE_EPOCH). ``sitemap.xml`` would carry the
  build date in each ``<lastmod>``, but lists no URL while mkdocs.yml sets no
  ``site_url``, so today it is identical. Everything else in them is equal.

Every HTML page, every asset and the whole search index (``search-index/``,
its folder named by the digest of its files) are byte-identical. docs_src/ is
byte-identical with no exception.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.search.records import FILTERS
from site_builder import GAZETTES, mkdocs_build, sample_site



@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """Work folders of two builds: the shared sample build (today) and one dated 2001-09-09."""
    second = tmp_path_factory.mktemp("second-build")
    result = mkdocs_build(second, GAZETTES, env={"SOURCE_DATE_EPOCH": "1000000000"})
    assert result.returncode == 0, result.stdout + result.stderr
    return sample_site(), second


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root: relative path → bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_docs_src_is_byte_identical(builds):
    a, b = (tree(w / "docs_src") for w in builds)
    assert sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []
    assert len(a) >= 80


def test_regenerating_in_place_writes_nothing(tmp_path):
    """A second generation over its own output finds every file unchanged (serve does not loop)."""
    first = generate(GAZETTES, tmp_path / "docs")
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "docs").rglob("*")}
    again = generate(GAZETTES, tmp_path / "docs")
    assert first.report.written and again.report.written == [] and again.report.deleted == []
    assert again.report.unchanged == len(first.report.written)
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "docs").rglob("*")} == before


def test_site_is_identical_but_for_the_sitemap_and_search_index_included(builds):
    a, b = (tree(w / "site") for w in builds)
    html = sorted(k for k in a if k.endswith(".html"))
    assert html == sorted(k for k in b if k.endswith(".html")) and len(html) >= 80
    assert sorted(a) == sorted(b)
    differing = [k for k in a if a[k] != b[k]]
    assert set(differing) <= {"sitemap.xml", "sitemap.xml.gz"}, differing
    index = [k for k in a if k.startswith("search-index/")]
    assert len([k for k in index if "/filter/" in k]) == len(FILTERS) and len(index) > 100  # one file per filter
