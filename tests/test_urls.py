"""The URL scheme: addresses from doc numbers, and path safety for any text."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import urls
from generator.render.registry import generated_roots
from gazette_factories import make_document, make_issue

SAFE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9-]+$")


def test_regular_doc_number_address():
    assert urls.number_key("绍政发〔2017〕7号") == "d/绍政发/2017/7/"
    assert urls.source_path("d/绍政发/2017/7/") == "d/绍政发/2017/7.md"


def test_printed_variants_share_one_address():
    assert urls.number_key("绍政发[2017]7号") == urls.number_key("绍政发〔２０１７〕第7号") == "d/绍政发/2017/7/"


def test_government_order_address_has_no_year():
    assert urls.number_key("衢州市人民政府令第51号") == "d/衢州市人民政府令/51/"


def test_not_a_doc_number_has_no_address():
    assert urls.number_key("关于市政府领导分工的通知") is None


def test_document_without_number_lives_under_its_issue():
    issue = make_issue("shaoxing-2017-04", [])
    doc = make_document("绍兴市人民政府公报编辑部启事", None, position=9, body=["x"])
    assert urls.document_key(doc, issue) == "g/shaoxing-2017-04/9/"
    assert urls.source_path("g/shaoxing-2017-04/9/") == "g/shaoxing-2017-04/9.md"
    assert urls.issue_key(issue) == "g/shaoxing-2017-04/"
    assert urls.source_path(urls.issue_key(issue)) == "g/shaoxing-2017-04/index.md"


def test_index_pages_and_home():
    assert urls.source_path(urls.HOME) == "index.md"
    assert urls.source_path(urls.ISSUERS_INDEX) == "issuers/index.md"
    assert urls.source_path(urls.issuer_key("绍兴市人民政府")) == "issuers/绍兴市人民政府.md"
    assert urls.source_path(urls.year_key(2017)) == "years/2017.md"


@pytest.mark.parametrize("text", ["..", ".", "a/b", "../../etc/passwd", "绍兴 市", "a\x00b", "a\nb", "-x",
                                  "index", "INDEX", "", "x" * 65, "名称（简称）", "a\\b", "%2e%2e", "<script>"])
def test_unsafe_segment_becomes_hash(text):
    seg = urls.safe_segment(text)
    assert seg.startswith("h-") and SAFE.match(seg)
    assert seg == urls.safe_segment(text), "hash slug must be stable"


def test_distinct_unsafe_texts_get_distinct_slugs():
    assert urls.safe_segment("a/b") != urls.safe_segment("a b")


def test_plain_segments_are_kept():
    for text in ("绍政发", "shaoxing-2017-04", "2017", "衢州市人民政府令"):
        assert urls.safe_segment(text) == text


def test_issue_slug_from_hostile_file_name():
    issue = make_issue("../../x", [])
    issue.source_file = "gazettes/../../evil name.txt"
    assert urls.issue_slug(issue) == urls.safe_segment("evil name")
    assert ".." not in urls.issue_key(issue)


def test_hand_made_unsafe_key_is_refused():
    for key in ("d/../../x/", "d/a b/", "d/绍政发/2017/7", "/etc/"):
        with pytest.raises(ValueError):
            urls.source_path(key)


def test_duplicate_suffix_stays_a_valid_key():
    key = urls.with_suffix("d/绍政发/2017/7/", 2)
    assert key == "d/绍政发/2017/7-2/"
    assert urls.source_path(key) == "d/绍政发/2017/7-2.md"


def test_relative_link_between_pages():
    assert urls.relative_link("d/绍政办发/2016/52/", "d/绍政办发/2015/21/") == "../2015/21.md"
    assert urls.relative_link("d/绍政办发/2016/52/", "issuers/绍兴市人民政府办公室/") == \
        "../../../issuers/绍兴市人民政府办公室.md"
    assert urls.relative_link(urls.HOME, urls.ISSUES_INDEX) == "g/index.md"


@given(st.text(max_size=80))
def test_any_issuer_name_stays_inside_docs_src(name):
    path = urls.source_path(urls.issuer_key(name))
    root = Path("/srv/docs_src")
    resolved = (root / path).resolve()
    assert root in resolved.parents
    assert all(SAFE.match(seg) for seg in path[:-3].split("/"))


@given(st.text(max_size=40), st.integers(min_value=0, max_value=10**6))
def test_any_issue_stem_and_position_make_a_safe_key(stem, position):
    issue = make_issue("x", [])
    issue.source_file = f"gazettes/{stem}.txt"
    doc = make_document("标题", None, position=position, body=[])
    key = urls.document_key(doc, issue)
    path = urls.source_path(key)
    assert posixpath.normpath(path) == path and not path.startswith(("/", ".."))


def test_index_and_series_addresses():
    assert urls.series_key("绍政办发", 2017) == "series/绍政办发/2017/"
    assert urls.source_path(urls.series_key("绍政办发", 2017)) == "series/绍政办发/2017.md"
    assert urls.series_key("衢州市人民政府", None, is_order=True) == "series/衢州市人民政府令/"
    assert urls.wanted_series_key("浙政办发") == "wanted/浙政办发/"
    assert urls.type_key("通知") == "types/通知/" and urls.region_key("绍兴市") == "regions/绍兴市/"
    assert urls.listing_year_key(urls.type_key("通知"), 2017) == "types/通知/2017/"
    assert urls.source_path(urls.listing_year_key("types/通知/", None)) == "types/通知/无年份.md"
    with pytest.raises(ValueError):
        urls.listing_year_key("types/../", 2017)
    assert urls.year_month_key(2017, 3) == "years/2017/03/" and urls.year_month_key(2017, None) == "years/2017/无月份/"
    assert urls.source_path(urls.cited_by_key("d/绍政发/2017/7/")) == "d/绍政发/2017/7/cited-by.md"
    assert urls.cited_by_key("g/shaoxing-2017-04/3/") == "g/shaoxing-2017-04/3/cited-by/"
    for key in urls.INDEXES:
        assert urls.source_path(key) == key + "index.md"
        assert key[:-1] in generated_roots()
    assert urls.CITATIONS_CSV.split("/")[0] in generated_roots()


def test_data_file_links_are_checked():
    assert urls.relative_file_link(urls.HOME, urls.CITATIONS_CSV) == "data/citations.csv"
    assert urls.relative_file_link("d/绍政发/2017/7/", urls.CITATIONS_CSV) == "../../../data/citations.csv"
    for bad in ("../x.csv", "data/a b.csv", "data/x", "data/x.c/v"):
        with pytest.raises(ValueError):
            urls.relative_file_link(urls.HOME, bad)


@given(st.text(max_size=30))
def test_any_type_or_region_name_stays_inside_docs_src(name):
    for key in (urls.type_key(name), urls.region_key(name), urls.series_key(name, 2017), urls.wanted_series_key(name)):
        path = urls.source_path(key)
        assert posixpath.normpath(path) == path and not path.startswith(("/", ".."))


def test_later_pages_of_a_list_have_their_own_segment():
    """A list's later pages are p2/, p3/ … under it; only page_key makes that segment, so a gazette
    file or an issuer named p2 cannot take a page's address, and first_page reads it back."""
    assert urls.page_key("g/", 1) == "g/"
    assert urls.page_key("g/", 2) == "g/p2/"
    assert urls.page_key("d/绍政发/2017/7/cited-by/", 3) == "d/绍政发/2017/7/cited-by/p3/"
    assert urls.first_page("d/绍政发/2017/7/cited-by/p3/") == "d/绍政发/2017/7/cited-by/"
    assert urls.first_page("types/通知/2017/") == "types/通知/2017/"
    assert urls.safe_segment("p2") != "p2" and urls.safe_segment("P12") != "P12"
    assert urls.safe_segment("p") == "p" and urls.safe_segment("p0") == "p0"
    assert urls.source_path("g/p2/") == "g/p2/index.md"
    assert urls.source_path("issuers/绍兴市人民政府/p2/") == "issuers/绍兴市人民政府/p2.md"
    with pytest.raises(ValueError):
        urls.page_key("g/", 0)


def test_a_later_page_of_citers_is_where_its_document_is():
    """In an archive in parts, every page of a document's citers is on the document's part."""
    placement = urls.Placement(here="quzhou", sites={"portal": "https://a.example/", "quzhou": "https://q.example/"},
                               homes={"d/衢政发/2018/3/": "quzhou"})
    assert placement.serves("d/衢政发/2018/3/cited-by/p2/")
    assert placement.home_of("g/p2/") == "portal"
