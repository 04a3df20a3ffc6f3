"""Rendering: the one escaping rule, body blocks, links at doc-number spans, front matter, writing."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from html.parser import HTMLParser

import frontmatter
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta as mkdocs_meta

from generator import urls
from generator.corpus import build_corpus
from generator.model import Block, BlockKind
from generator.render import escape_text, generate_files, render_site, write_pages
from generator.render.site import PageLimits, RenderOptions, Site, load_official_sites
from conftest import mkdocs_markdown
from gazette_factories import make_document, make_issue


class Tree(HTMLParser):
    """Collects tags (with attributes) and text of an HTML fragment."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text_parts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text_parts.append(data)

    @property
    def names(self) -> list[str]:
        return [t for t, _ in self.tags]

    @property
    def text(self) -> str:
        return "".join(self.text_parts).strip()


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "![x](http://evil.example/a.png)",
    "<http://evil.example>",
    "{{ 7*7 }} 与 {% if true %}x{% endif %}",
    "    缩进四格不应成为代码块",
    "# 不是标题",
    "- 不是列表",
    "1. 不是有序列表",
    "> 不是引用",
    "| 甲 | 乙 |",
    "***",
    "**不是粗体** 与 _不是斜体_ 与 `不是代码`",
    "&lt;已转义&gt; &amp; 5 > 3",
    "<!-- 注释 -->",
    "a\\*b",
    "文本 {: .evil onclick=alert(1) }",
    "文本\n{: .evil onclick=alert(1) }",
    "*强调*{: .evil }",
    "文本\n\n=====",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_plain_text(text, md_to_html):
    html = md_to_html(escape_text(text))
    tree = Tree(html)
    assert tree.names == ["p"], html
    assert tree.tags[0][1] == {}, html
    assert tree.text == " ".join(text.split())


def test_escape_is_inert_inside_html_attribute():
    tree = Tree(f'<span title="{escape_text(chr(34) + " onmouseover=alert(1) x=" + chr(39))}">t</span>')
    assert list(tree.tags[0][1]) == ["title"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&\"'\\`*_[]()#|{}~!+-=.:;/ \t\n\u3000") + list("绍政发〔2017〕7号一二1.")),
               min_size=1, max_size=40))
def test_any_text_of_markup_characters_stays_text(text):
    folded = re.sub(r"[ \t\n\r\f\v]+", " ", text).strip(" ")
    assume(folded.strip())
    tree = Tree(mkdocs_markdown().convert(escape_text(text)))
    assert tree.names == ["p"]
    assert tree.text == folded.strip()


def _doc_page(corpus, key: str) -> str:
    return render_site(corpus)[urls.source_path(key)]


def _body_html(page: str, md_to_html) -> str:
    content, _meta = mkdocs_meta.get_data(page)
    return md_to_html(content)


def test_hostile_title_and_body_in_a_document_page(md_to_html):
    title = "<script>alert('t')</script>关于{{ config }}的通知"
    doc = make_document(title, "绍政发〔2017〕7号", position=1,
                        body=['<img src=x onerror="alert(1)">', "[x](javascript:alert(1))", "    {% raw %}代码"])
    corpus = build_corpus([make_issue("shaoxing-2017-04", [doc])])
    page = _doc_page(corpus, "d/绍政发/2017/7/")
    tree = Tree(_body_html(page, md_to_html))
    assert "script" not in tree.names and "img" not in tree.names and "pre" not in tree.names
    assert not any(a.get("href", "").startswith("javascript") for _, a in tree.tags)
    assert "{{ config }}" in tree.text and "{% raw %}代码" in tree.text and title in tree.text
    meta = frontmatter.loads(page).metadata
    assert meta["doc_title"] == title
    assert "<" not in meta["title"] and Tree(meta["title"]).text == title  # MkDocs prints title unescaped


def test_front_matter_round_trips(small_issues):
    corpus = build_corpus(small_issues)
    page = _doc_page(corpus, "d/绍政办发/2016/52/")
    post = frontmatter.loads(page)
    record = {
        "kind": "document",
        "title": "绍兴市人民政府办公室关于进一步加强安全生产监管执法工作的通知",
        "doc_title": "绍兴市人民政府办公室关于进一步加强安全生产监管执法工作的通知",
        "doc_number": "绍政办发〔2016〕52号",
        "issuers": ["绍兴市人民政府办公室"],
        "date": "2016-07-14",
        "section": "市政府文件",
        "toc_page": 1,
        "doc_type": "通知",
        "level": "市",
        "region": "绍兴市",
        "position": 3,
        "gazette": {"label": "绍兴市人民政府公报 2016年第7期（总第261期）",
                    "name": "绍兴市人民政府公报", "issue": "第7期", "total_issue": 261, "year": 2016,
                    "slug": "shaoxing-2016-07", "source_file": "shaoxing-2016-07.txt"},
        "start_line": 10,
        "end_line": 14,
        "references": ["绍政办发〔2015〕21号", "浙政办发〔2015〕20号"],
    }
    assert {k: post.metadata[k] for k in record} == record
    # and what the theme reads for the page head (tests/test_pages.py checks their content)
    assert set(post.metadata) - set(record) == {"summary", "jsonld", "feeds", "report"}
    _content, mk_meta = mkdocs_meta.get_data(page)
    assert mk_meta == post.metadata, "MkDocs must read the same front matter"


def test_front_matter_survives_yaml_hostile_values(small_issues):
    doc = small_issues[0].documents[0]
    doc.title = "---\n...\n: x\n!ENV HOME # y"
    doc.issuers = ["- a", "? b"]
    page = _doc_page(build_corpus(small_issues), "d/绍政办发/2015/21/")
    _content, mk_meta = mkdocs_meta.get_data(page)
    assert mk_meta["doc_title"] == "--- ... : x !ENV HOME # y"
    assert mk_meta["issuers"] == ["- a", "? b"]


def test_cited_doc_number_is_linked_at_its_span(small_issues, md_to_html):
    corpus = build_corpus(small_issues)
    html = _body_html(_doc_page(corpus, "d/绍政办发/2016/52/"), md_to_html)
    links = [(a["href"]) for t, a in Tree(html).tags if t == "a"]
    assert "../2015/21.md" in links
    # the link text is exactly the printed number, inside the sentence
    assert '(<a href="../2015/21.md">绍政办发〔2015〕21号</a>),加强' in html
    # a number outside the corpus links to its citation page, marked as not held
    assert '<a class="not-held" href="../../浙政办发/2015/20/index.html">浙政办发〔2015〕20号</a>' in html


def test_own_doc_number_is_not_a_self_link(small_issues, md_to_html):
    doc = small_issues[0].documents[0]
    doc.blocks.append(Block(BlockKind.PARAGRAPH, "本通知(绍政办发〔2015〕21号)自印发之日起施行。", 30, 30))
    html = _body_html(_doc_page(build_corpus(small_issues), "d/绍政办发/2015/21/"), md_to_html)
    assert "自印发之日起施行" in html
    assert not any(a.get("href", "").endswith("21.md") for t, a in Tree(html).tags if t == "a")


def test_metadata_box_and_cited_by(small_issues, md_to_html):
    corpus = build_corpus(small_issues)
    html = _body_html(_doc_page(corpus, "d/绍政办发/2015/21/"), md_to_html)
    tree = Tree(html)
    assert tree.tags[0][0] == "h1"
    assert "绍政办发〔2015〕21号" in tree.text and "2015年3月2日" in tree.text
    anchors = {a["href"]: a for t, a in tree.tags if t == "a"}
    assert not any(k.startswith("data-pagefind") for a in anchors.values() for k in a), "no search markup"
    assert "../2016/52.md" in anchors  # cited-by list


def test_blocks_become_structure(md_to_html):
    doc = make_document("绍兴市居住房屋出租管理若干规定", "绍政办发〔2017〕21号", position=1, body=[])
    doc.blocks[2:2] = [
        Block(BlockKind.ENCLOSED_TITLE, "绍兴市居住房屋出租管理若干规定", 12, 12),
        Block(BlockKind.HEADING, "第一章 总则", 13, 13, level=1),
        Block(BlockKind.HEADING, "第一条 为加强居住房屋出租管理", 14, 14, level=2),
        Block(BlockKind.TABLE, "", 15, 17, rows=(("序号", "任务", "牵头单位"), ("1", "清理|整治", "市安监局"), ("2", "培训"))),
        Block(BlockKind.DATE, "2017年5月9日", 18, 18),
    ]
    html = _body_html(_doc_page(build_corpus([make_issue("s", [doc])]), "d/绍政办发/2017/21/"), md_to_html)
    tree = Tree(html)
    assert ("h2", {"class": "enclosed-title", "id": tree.tags[tree.names.index("h2")][1]["id"]}) in tree.tags
    assert "h3" in tree.names and "h4" in tree.names
    assert tree.names.count("td") == 6 and tree.names.count("th") == 3
    assert "清理|整治" in tree.text
    assert any(t == "p" and a.get("class") == "doc-date" for t, a in tree.tags)
    assert any(t == "p" and a.get("class") == "doc-signature" for t, a in tree.tags)


def test_rendering_is_deterministic(small_issues):
    first = render_site(build_corpus(small_issues))
    second = render_site(build_corpus(list(reversed(small_issues))))
    assert first == second


def test_index_pages_exist_and_list_documents(small_issues, md_to_html):
    pages = render_site(build_corpus(small_issues))
    for path in ("index.md", "g/index.md", "issuers/index.md", "years/index.md", "years/2016.md",
                 "issuers/绍兴市人民政府办公室.md", "g/shaoxing-2016-07/index.md", "g/shaoxing-2016-07/4.md"):
        assert path in pages, path
    issue_html = _body_html(pages["g/shaoxing-2016-07/index.md"], md_to_html)
    hrefs = [a["href"] for t, a in Tree(issue_html).tags if t == "a" and "regions/" not in a["href"]]
    assert hrefs == ["../../d/绍政办发/2016/52.md", "4.md"]  # TOC order


def test_write_only_changes_and_delete_stale(tmp_path, small_issues):
    (tmp_path / "about.md").write_text("# 关于\n", encoding="utf-8")
    pages = render_site(build_corpus(small_issues))
    report = write_pages(tmp_path, pages)
    assert len(report.written) == len(pages) and not report.deleted
    again = write_pages(tmp_path, pages)
    assert again.written == [] and again.unchanged == len(pages)
    fewer = render_site(build_corpus(small_issues[1:]))
    report = write_pages(tmp_path, fewer)
    assert "years/2015.md" in report.deleted and "g/shaoxing-2015-03/index.md" in report.deleted
    assert not (tmp_path / "g/shaoxing-2015-03").exists(), "empty folders are removed"
    # still cited, no longer held: the same address now holds its citation page (finished HTML)
    assert not (tmp_path / "d/绍政办发/2015/21.md").exists()
    assert "本站未收录 绍政办发〔2015〕21号" in (tmp_path / "d/绍政办发/2015/21/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "about.md").read_text(encoding="utf-8") == "# 关于\n", "hand-written files are kept"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")) == sorted([*(p for p in fewer if p.endswith(".md")), "about.md"])
    assert (tmp_path / urls.CITATIONS_CSV).read_text(encoding="utf-8") == fewer[urls.CITATIONS_CSV]


def test_writer_refuses_paths_outside_docs_dir(tmp_path):
    with pytest.raises(ValueError):
        write_pages(tmp_path / "docs", {"../evil.md": "x"})


ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "div", "ul", "li", "dl", "dt", "dd", "strong", "time",
                "table", "thead", "tbody", "tr", "th", "td", "span", "button"}
# the search forms: the home page's box, and the search page (form, live region, empty lists)
FORM_TAGS = {"form", "label", "input", "ol", "nav", "noscript"}


def test_real_corpus_renders_only_our_markup(real_issues):
    pages = render_site(build_corpus(real_issues))
    official = set(load_official_sites().values())
    assert len([p for p in pages if p.startswith("d/")]) > 50
    for path, page in pages.items():
        if path.endswith("/index.html"):        # a not-held number's address, written whole (test_kind_citation)
            assert path.startswith("d/") and "<script" not in page, path
            continue
        if not path.endswith(".md"):
            assert path.startswith(("data/", "feeds/", urls.NUMBER_SHARDS)) or path.endswith((".json", "/.gitignore")), path
            continue
        content, meta = mkdocs_meta.get_data(page)
        assert meta["kind"] in {"document", "issue", "issuer", "year", "type", "region", "level", "series",
                                "wanted", "index", "home", "data", "search"}, path
        tree = Tree(mkdocs_markdown().convert(content))
        allowed = ALLOWED_TAGS | (FORM_TAGS if meta["kind"] in ("home", "search") else set())
        assert set(tree.names) <= allowed, (path, set(tree.names) - allowed)
        for tag, attrs in tree.tags:
            assert not any(k.startswith("on") for k in attrs), (path, tag, attrs)
            if tag == "a" and attrs["href"] in official:     # the 非官方版本 notice names the official site
                continue
            if tag == "a":
                href = attrs["href"]
                data_file = path == urls.source_path(urls.DATA_INDEX) and href in (
                    "documents.csv", "documents.json", "citations.csv", "datapackage.json")
                not_held = href.endswith("/index.html") and posixpath.normpath(      # a finished page's file
                    posixpath.join(posixpath.dirname(path), href)) in pages
                assert href.endswith(".md") or href.startswith("#") or href == urls.CITATIONS_CSV or data_file \
                    or not_held, (path, attrs)
                assert "://" not in href, (path, attrs)


def test_real_corpus_output_is_byte_identical_across_runs(real_issues):
    from generator.parse import parse_file

    again = [parse_file(i.source_file) for i in reversed(real_issues)]
    assert render_site(build_corpus(real_issues)) == render_site(build_corpus(again))


def test_repealed_document_shows_a_notice_linked_to_the_repealing_one(md_to_html):
    old = make_document("嘉兴市人民政府关于印发嘉兴市人民政府工作规则的通知", "嘉政发〔2012〕53号", position=1,
                        body=["现将《嘉兴市人民政府工作规则》印发给你们,请认真贯彻执行。"])
    new = make_document("嘉兴市人民政府关于印发嘉兴市人民政府工作规则的通知", "嘉政发〔2017〕12号", position=1,
                        date=__import__("datetime").date(2017, 5, 12),
                        body=["本工作规则自发布之日起施行,嘉兴市人民政府 2012 年 5 月 3 日发布的《嘉兴市人民政府工作规则》"
                              "(嘉政发〔2012〕53 号)同时废止。"])
    pages = render_site(build_corpus([make_issue("jiaxing-2012-05", [old]), make_issue("jiaxing-2017-05", [new])]))
    tree = Tree(_body_html(pages["d/嘉政发/2012/53.md"], md_to_html))
    assert tree.tags[0] == ("div", {"class": "doc-notice"})
    assert tree.text.startswith("可能已被 嘉兴市人民政府关于印发嘉兴市人民政府工作规则的通知（嘉政发〔2017〕12号）（2017年5月12日）废止")
    assert ("a", {"href": "../2017/12.md"}) in tree.tags
    assert "可能已被" not in _body_html(pages["d/嘉政发/2017/12.md"], md_to_html), "the repealing one has no notice"
    # and the repealing page lists it under 引用文件 with the kind
    html = _body_html(pages["d/嘉政发/2017/12.md"], md_to_html)
    assert "废止 · 第12行" in html


def test_writer_takes_a_stream_and_refuses_a_path_given_twice(tmp_path, small_issues):
    """The generator streams its files (the site is never whole in memory); the writer must not
    let a second file silently replace the first at one path."""
    pages = render_site(build_corpus(small_issues))
    report = write_pages(tmp_path, iter(pages.items()))
    assert report.written == sorted(pages) and report.unchanged == 0
    assert (tmp_path / "d/绍政办发/2016/52.md").read_text(encoding="utf-8") == pages["d/绍政办发/2016/52.md"]
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.md")}
    twice = [*pages.items(), ("d/绍政办发/2016/52.md", "again")]
    with pytest.raises(ValueError, match="twice"):
        write_pages(tmp_path, iter(twice))
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.md")} == before, "nothing swapped in"


def test_streamed_files_equal_the_rendered_site(small_issues):
    """generate_files (what the plugin writes) and render_site (what tests read) are the same files."""
    corpus = build_corpus(small_issues)
    streamed = list(generate_files(corpus))
    assert len(streamed) == len({p for p, _ in streamed})
    assert dict(sorted(streamed)) == render_site(corpus)


def test_a_long_wanted_list_is_read_by_series(real_issues, md_to_html):
    """Past PageLimits.wanted_rows numbers the wanted index lists series only (a 25,000-document archive
    lacks ~16,000 cited numbers: one page of them was 16 MB); every number stays on its series page."""
    corpus = build_corpus(real_issues)
    full = render_site(corpus)
    short = render_site(corpus, limits=PageLimits(wanted_rows=100))
    index = urls.source_path(urls.WANTED_INDEX)
    assert len(corpus.wanted) > 100
    links = lambda page: [a["href"] for t, a in Tree(_body_html(page, md_to_html)).tags if t == "a"]
    series_pages = [p for p in full if p.startswith("wanted/") and p.endswith(".md") and p != index]
    assert series_pages and all(full[p] == short[p] for p in series_pages)
    assert not any(h.startswith("../d/") for h in links(short[index])), "numbers are not listed"
    assert sorted(h for h in links(short[index])) == sorted(p.removeprefix("wanted/") for p in series_pages)
    assert sum(h.startswith("../d/") for h in links(full[index])) >= len(corpus.wanted)
    assert f"共 {len(corpus.wanted)} 个发文字号" in short[index]


def _linked_pages(page: str, md_to_html, source: str) -> list[str]:
    """docs_src-relative paths of the pages a rendered page links to, in order."""
    folder = posixpath.dirname(source)
    return [posixpath.normpath(posixpath.join(folder, a["href"]))
            for t, a in Tree(_body_html(page, md_to_html)).tags if t == "a" and a.get("href", "").endswith(".md")]


def _listings(corpus) -> dict[str, list[str]]:
    """Every 文种, issuer, region and year listing of the corpus: page key → its documents' source paths."""
    renderer = Site(corpus)
    out: dict[str, list[str]] = {}
    for key, document in corpus.documents.items():
        names = [urls.type_key(document.doc_type or "未标文种"), urls.region_key(corpus.issue_of[key].region)]
        names += [urls.issuer_key(i) for i in dict.fromkeys(corpus.issuers_of.get(key, []))]
        names += [urls.year_key(renderer.year_of(key))] if renderer.year_of(key) else []
        for listing in names:
            out.setdefault(listing, []).append(urls.source_path(key))
    return out


def _part_key(listing: str, meta: dict) -> str:
    """Where a part page with this front matter should live: a year's month, or a listing's year."""
    if listing.startswith(urls.YEARS_INDEX):
        return urls.year_month_key(meta["year"], meta["month"])
    return urls.listing_year_key(listing, meta["year"])


def test_long_listings_split_into_a_page_per_year_or_month(corpus, md_to_html):
    """A 文种, issuer or region with more documents than a page holds lists its years (a year its
    months), and each part's page lists exactly its documents; shorter listings stay one page."""
    limit = 10
    pages = render_site(corpus, limits=PageLimits(listing_rows=limit))
    listings = _listings(corpus)
    split = {k for k, docs in listings.items() if len(docs) > limit}
    assert {k.split("/")[0] for k in split} == {"types", "regions", "issuers", "years"} and len(split) < len(listings)
    for listing, documents in listings.items():
        source = urls.source_path(listing)
        linked = _linked_pages(pages[source], md_to_html, source)
        parts = [p for p in linked if p.startswith(listing)]
        if listing not in split:
            assert set(documents) <= set(linked) and not parts, listing
            assert not any(p.startswith(listing) for p in pages), listing
            continue
        assert parts and not set(documents) & set(linked), "a split listing names its parts, not documents"
        listed: list[str] = []
        for part in parts:
            assert part == urls.source_path(_part_key(listing, frontmatter.loads(pages[part]).metadata))
            on_part = _linked_pages(pages[part], md_to_html, part)
            assert set(parts) - {part} <= set(on_part) and source in on_part, "parts link each other and back"
            listed += [p for p in on_part if p in documents]
        assert sorted(listed) == sorted(documents), listing
    assert not [p for p in render_site(corpus) if p.count("/") > 1
                and p.split("/")[0] in ("types", "regions", "issuers", "years")], \
        "at the default size every listing of the samples is one page"


def test_cited_by_lists_the_newest_on_the_page_and_all_on_their_own(synthetic_corpus, md_to_html):
    """Past PageLimits.cited_by_rows a document page lists its newest citers and links a page of all."""
    corpus, limit = synthetic_corpus, 2
    pages = render_site(corpus, limits=PageLimits(cited_by_rows=limit))
    cited = {k: v for k, v in corpus.cited_by.items() if v}
    many = {k: v for k, v in cited.items() if len(set(v)) > limit}
    assert many and len(many) < len(cited), "the samples have documents cited once and more than once"
    for key, citing in cited.items():
        source = urls.source_path(key)
        block = pages[source].split("**被引用**", 1)[1].split("</div>", 1)[0]
        linked = _linked_pages(block, md_to_html, source)
        everyone = sorted({urls.source_path(k) for k in citing},
                          key=lambda p: (corpus.documents[p[:-3] + "/"].date is None,
                                         -(corpus.documents[p[:-3] + "/"].date or dt.date.min).toordinal(), p))
        full = urls.source_path(urls.cited_by_key(key))
        if key not in many:
            assert linked == everyone and full not in pages, key
            continue
        assert linked == [*everyone[:limit], full], "the newest citers, then the page of all"
        assert Tree(md_to_html(block)).names.count("li") == limit, "the rows are a list"
        assert f"共 {len(everyone)} 件" in block
        on_full = _linked_pages(pages[full], md_to_html, full)
        assert on_full == [source, *everyone], "the full page links back, then lists every citer newest first"
    assert sum(p.endswith("/cited-by.md") for p in pages) == len(many)
    print(f"documents cited more than {limit} times: {len(many)} of {len(cited)} cited")


def _rows_of(html: str) -> int:
    """Rows a page lists: table body rows and list items."""
    names = Tree(html).names
    return names.count("tr") - names.count("thead") + names.count("li")


def test_every_long_list_is_cut_into_numbered_pages_that_lose_no_row(synthetic_corpus, md_to_html):
    """With PageLimits.page_rows small, every list longer than a page (the issues, the series, a
    listing's rows, a year's, the wanted numbers of a series, what later documents repeal, a
    document's citers) is cut into numbered pages: the first at the list's own address, the others
    at p2/, p3/ … in order, each linking every other, none holding more rows than a page holds
    (save a wanted row heavier than a page by itself), and all of them together linking exactly
    the documents the one long page links."""
    corpus, limit = synthetic_corpus, 7
    whole = render_site(corpus, limits=PageLimits(cited_by_rows=2, page_rows=10**9))
    paged = render_site(corpus, limits=PageLimits(cited_by_rows=2, page_rows=limit))
    later = [p for p in paged if re.search(r"/p[0-9]+(/index)?\.md$", p)]
    lists = {urls.source_path(urls.first_page(urls.key_of_source(p))) for p in later}
    roots = {p.split("/")[0] for p in lists}
    assert {"g", "issuers", "types", "regions", "levels", "years", "series", "wanted", "repealed", "d"} <= roots, roots
    assert not [p for p in paged if p not in whole and p not in later], "paging adds pages and renames none"
    for first in sorted(lists):
        key = urls.key_of_source(first)
        pages = [urls.source_path(urls.page_key(key, n)) for n in range(1, 1000)
                 if urls.source_path(urls.page_key(key, n)) in paged]
        assert len(pages) >= 2 and pages[-1] in later, first
        assert urls.source_path(urls.page_key(key, len(pages) + 1)) not in paged
        union: set[str] = set()
        for n, page in enumerate(pages, 1):
            html = _body_html(paged[page], md_to_html)
            linked = _linked_pages(paged[page], md_to_html, page)
            near = {pages[m - 1] for m in (1, n - 1, n + 1, len(pages)) if 1 <= m <= len(pages)}
            assert near - {page} <= set(linked), f"{page} links the first, last, previous and next pages"
            assert f"**{n}**" in paged[page] and "共 " in paged[page]
            if n > 1:
                assert frontmatter.loads(paged[page]).metadata["title"].endswith(f"第{n}页")
            if first.startswith("regions/") and n == 1:     # and the region's newest issues, as many again
                assert _rows_of(html) <= 2 * limit, page
            elif not first.startswith("wanted/"):
                assert _rows_of(html) <= limit, page
            union |= {p for p in linked if p not in pages}
        single = set(_linked_pages(whole[first], md_to_html, first)) - {first}
        if first == urls.source_path(urls.WANTED_INDEX):        # past a page the numbers are on their series'
            single = {p for p in single if p.startswith("wanted/")}
        assert union - {first} == single, first


def test_a_wanted_row_weighs_the_documents_it_names(synthetic_corpus):
    """A wanted number's row names every document citing it: a page of them is cut by the links it
    holds, not by its rows (a row cited fifty times is fifty rows' worth of page)."""
    from generator.render.kinds.wanted import weight
    corpus, limit = synthetic_corpus, 12
    site = Site(corpus, options=RenderOptions(limits=PageLimits(page_rows=limit)))
    rows = [{"citing": [None] * n} for n in (3, 4, 5, 20, 1, 1)]
    cut = site.paginate("wanted/浙政办发/", rows, weight)
    assert [len(chunk) for _, chunk in cut] == [2, 1, 1, 2]
    assert [pager.key for pager, _ in cut] == ["wanted/浙政办发/", "wanted/浙政办发/p2/",
                                                "wanted/浙政办发/p3/", "wanted/浙政办发/p4/"]
    assert [(pager.first, pager.last) for pager, _ in cut] == [(1, 2), (3, 3), (4, 4), (5, 6)]
    assert site.paginate("g/", rows[:2], weight)[0][0] is None, "a list that fits has no pager"


def test_a_long_ledger_is_paged_and_a_numbers_address_finds_its_row(synthetic_corpus):
    """A series ledger too long for a page goes on over numbered pages; the address of a number the
    archive does not hold leads to the ledger page that has its row (its id is the serial)."""
    corpus, limit = synthetic_corpus, 7
    paged = render_site(corpus, limits=PageLimits(page_rows=limit))
    later = {p for p in paged if p.startswith("series/") and re.search(r"/p[0-9]+\.md$", p)}
    assert later, "the synthetic ledgers are longer than seven rows"
    landed = []
    for info in corpus.wanted.values():
        redirect = re.search(r'http-equiv="refresh" content="0;url=([^"]+)"', paged[urls.finished_page(info.key)])
        target, _, serial = redirect.group(1).partition("#")
        key = posixpath.normpath(posixpath.join(info.key, target)) + "/"
        if not key.startswith(urls.SERIES_INDEX):
            continue
        page = urls.source_path(key)
        assert f'<span id="{serial}">{serial}</span>' in paged[page], (info.number, page)
        landed.append(page)
    assert landed and set(landed) & later, "numbers land on first and later ledger pages alike"


def test_a_region_with_many_issues_lists_its_newest_and_links_them_all(synthetic_corpus):
    """A region's page lists at most a page of its issues, the newest, and sends the reader to the
    issue index for the rest."""
    corpus, limit = synthetic_corpus, 2
    pages = render_site(corpus, limits=PageLimits(page_rows=limit))
    regions = {i.region for i in corpus.issues if i.region}
    assert any(sum(i.region == r for i in corpus.issues) > limit for r in regions)
    for region in regions:
        issues = [i for i in corpus.issues if i.region == region]
        page = pages[urls.source_path(urls.region_key(region))].split("## 公报各期", 1)[1]
        listed = [i for i in issues if f"]({posixpath.relpath(urls.source_path(urls.issue_key(i)), 'regions')})" in page]
        newest = sorted(issues, key=lambda i: (i.year or 0, urls.issue_key(i)))[-limit:]
        assert sorted(map(urls.issue_key, listed)) == sorted(map(urls.issue_key, newest)), region
        assert (f"最新的 {limit} 期" in page) == (len(issues) > limit), region
