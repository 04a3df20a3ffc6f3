"""Deterministic builds: the same gazettes give byte-identical docs_src/ and identical pages.

Two `mkdocs build --strict` runs of the sample corpus, in two different
folders and with different build dates (SOURCE_DATE_EPOCH), are compared file
by file. Fields that differ between builds, and why:

* ``sitemap.xml.gz`` — gzip'd with the build date as its gzip header MTIME
  (MkDocs; pin it with SOURCE_DATE_EPOCH). ``sitemap.xml`` would carry the
  build date in each ``<lastmod>``, but lists no URL while mkdocs.yml sets no
  ``site_url``, so today it is identical. Everything else in them is equal.
* Pagefind's filter index — ``pagefind/filter/*.pf_filter`` hold the same
  filters, values and pages, but Pagefind 1.5 writes each filter's values in
  hash-map order, so the bytes, the file names (content hashes), the
  ``pagefind.*.pf_meta`` that names them and the meta hash in
  ``pagefind-entry.json`` differ. They are compared decoded and sorted.

Every HTML page, every search fragment and index chunk, and every asset is
byte-identical. docs_src/ is byte-identical with no exception.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from generator.pipeline import generate
from site_builder import GAZETTES, mkdocs_build, sample_site

PAGEFIND_MAGIC = b"pagefind_dcd"


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


def _is_pagefind_filter_index(rel: str) -> bool:
    return rel.startswith("pagefind/filter/") or re.fullmatch(r"pagefind/pagefind\..+\.pf_meta", rel) is not None \
        or rel == "pagefind/pagefind-entry.json"


def test_site_pages_are_identical_except_the_listed_fields(builds):
    a, b = (tree(w / "site") for w in builds)
    html = sorted(k for k in a if k.endswith(".html"))
    assert html == sorted(k for k in b if k.endswith(".html")) and len(html) >= 80
    assert [k for k in html if a[k] != b[k]] == []
    plain = sorted(k for k in a if not _is_pagefind_filter_index(k))
    assert plain == sorted(k for k in b if not _is_pagefind_filter_index(k))
    differing = [k for k in plain if a[k] != b[k]]
    assert set(differing) <= {"sitemap.xml", "sitemap.xml.gz"}, differing


def _without_lastmod(xml: bytes) -> str:
    return re.sub(r"<lastmod>[^<]*</lastmod>", "<lastmod/>", xml.decode("utf-8"))


def _without_gzip_mtime(data: bytes) -> bytes:
    """A gzip stream with its header's MTIME field (bytes 4-7, RFC 1952) zeroed."""
    return data[:4] + bytes(4) + data[8:]


def test_sitemap_differs_only_in_build_dates(builds):
    a, b = (tree(w / "site") for w in builds)
    assert _without_lastmod(a["sitemap.xml"]) == _without_lastmod(b["sitemap.xml"])
    assert int.from_bytes(b["sitemap.xml.gz"][4:8], "little") == 999993600    # 2001-09-09, the pinned date
    assert _without_gzip_mtime(a["sitemap.xml.gz"]) == _without_gzip_mtime(b["sitemap.xml.gz"])
    for t in (a, b):
        assert gzip.decompress(t["sitemap.xml.gz"]) == t["sitemap.xml"]


# -------------------------------------------------------------- Pagefind's filter index, decoded

def cbor(data: bytes):
    """Decode the CBOR subset Pagefind writes (ints, strings, bytes, arrays, maps, simple values)."""
    def item(i: int):
        major, info = data[i] >> 5, data[i] & 31
        i += 1
        if info < 24:
            arg = info
        elif info <= 27:
            size = 1 << (info - 24)
            arg, i = int.from_bytes(data[i:i + size], "big"), i + size
        else:
            raise ValueError(f"indefinite-length CBOR item at byte {i}")
        if major == 0:
            return arg, i
        if major == 1:
            return -1 - arg, i
        if major in (2, 3):
            raw = data[i:i + arg]
            return (raw.decode("utf-8") if major == 3 else raw), i + arg
        if major == 4:
            out = []
            for _ in range(arg):
                value, i = item(i)
                out.append(value)
            return out, i
        if major == 5:
            out = {}
            for _ in range(arg):
                key, i = item(i)
                out[key], i = item(i)
            return out, i
        if major == 7 and info in (20, 21, 22):
            return {20: False, 21: True, 22: None}[info], i
        raise ValueError(f"unsupported CBOR item {data[i - 1]:#x}")
    value, end = item(0)
    assert end == len(data)
    return value


def pagefind_record(raw: bytes):
    data = gzip.decompress(raw)
    assert data.startswith(PAGEFIND_MAGIC)
    return cbor(data[len(PAGEFIND_MAGIC):])


def _filters(site: dict[str, bytes]) -> tuple[dict[str, dict], dict[str, str]]:
    """Filter name → {value: sorted pages}, and filter file hash → filter name."""
    filters, names = {}, {}
    for rel, raw in site.items():
        if rel.startswith("pagefind/filter/"):
            name, values = pagefind_record(raw)
            filters[name] = {value: sorted(pages) for value, pages in values}
            names[Path(rel).stem] = name
    return filters, names


def _rename(value, names: dict[str, str]):
    """A decoded record with filter-file hashes replaced by the filter names they stand for,
    and lists of records sorted (Pagefind lists its filters in hash order too)."""
    if isinstance(value, list):
        items = [_rename(v, names) for v in value]
        return sorted(items, key=repr) if items and all(isinstance(v, list) for v in items) else items
    if isinstance(value, str):
        return names.get(value, value)
    return value


def test_search_filters_are_equal_decoded(builds):
    a, b = (tree(w / "site") for w in builds)
    (fa, na), (fb, nb) = _filters(a), _filters(b)
    assert fa == fb and set(fa) == {"发文机关", "年份", "公报", "文种", "文号系列", "地区"}
    meta_a = [_rename(pagefind_record(v), na) for k, v in a.items() if k.endswith(".pf_meta")]
    meta_b = [_rename(pagefind_record(v), nb) for k, v in b.items() if k.endswith(".pf_meta")]
    assert len(meta_a) == 1 and meta_a == meta_b
    entry_a, entry_b = (json.loads(t["pagefind/pagefind-entry.json"]) for t in (a, b))
    for entry in (entry_a, entry_b):
        for language in entry["languages"].values():
            language["hash"] = "…"
    assert entry_a == entry_b
