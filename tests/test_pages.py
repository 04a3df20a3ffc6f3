"""Document pages as people and machines read them: built HTML, read with html.parser.

Two builds: the sample site (shared with other modules, tests/site_builder.py), and
one "published" build of one real gazette with site_url and repo_url set, whose
notice title was edited to carry markup (``</script>``, ``&``, quotes), to check the
head (title, description, OpenGraph, canonical, JSON-LD) and the error-report link.
Unit tests of the renderer's anchor ids and reading order use hand-made blocks
from real documents.
"""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from gazette_factories import make_document, make_issue
from generator import urls
from generator.model import Block, BlockKind
from generator.render.body import AnchorIds, label_id, reading_order
from generator.render.site import load_official_sites
from site_builder import GAZETTES, page_path, sample_site, write_config

HOSTILE_TITLE = '绍兴市人民政府关于</script><script>alert("x")</script>&amp;市政府领导分工的通知'
SITE_URL = "https://archive.example.org/gazettes/"
REPO_URL = "https://github.com/example/gazettes"


class Head(HTMLParser):
    """A built page's head and the parts of its article these tests read."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}          # name or property -> content
        self.links: list[dict[str, str]] = []   # <link> attributes
        self.json_ld: list[str] = []            # raw text of each ld+json script
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text_of: dict[str, str] = {}       # class of a marked element -> its text
        self._in_title = False
        self._script: list[str] | None = None
        self._open: list[tuple[str, str | None]] = []
        self.feed(html)
        self.close()

    MARKED = ("doc-meta", "doc-provenance", "doc-unofficial", "doc-cite", "doc-report", "doc-warnings")

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "title":
            self._in_title = True
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a.get("property")] = a.get("content", "")
        if tag == "link":
            self.links.append(a)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._script = []
        if tag in ("meta", "link", "br", "img", "input", "hr"):
            return
        mark = next((c for c in a.get("class", "").split() if c in self.MARKED), None)
        self._open.append((tag, mark))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._script is not None:
            self._script.append(data)
        for _, mark in self._open:
            if mark:
                self.text_of[mark] = self.text_of.get(mark, "") + data

    def text(self, mark: str) -> str:
        return " ".join(self.text_of.get(mark, "").split())


def read(site: Path, key: str) -> Head:
    return Head(page_path(site, key).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site() -> Path:
    return sample_site() / "site"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """One real gazette with a hostile notice title, built as published: site_url and repo_url set."""
    work = tmp_path_factory.mktemp("published")
    gazettes = work / "gazettes"
    gazettes.mkdir()
    text = (GAZETTES / "shaoxing-2017-04.txt").read_text(encoding="utf-8")
    text = text.replace("绍兴市人民政府关于市政府领导分工的通知", HOSTILE_TITLE)
    text = text.replace("# 绍兴市人民政府关于 市政府领导分工的通知", "# " + HOSTILE_TITLE)
    (gazettes / "shaoxing-2017-04.txt").write_text(text, encoding="utf-8")
    config_file = write_config(work, gazettes)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config.update(site_url=SITE_URL, repo_url=REPO_URL)
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


# ---------------------------------------------------------------- the metadata box

def test_metadata_box_in_official_order_each_value_linked(site):
    page = read(site, "d/绍政发/2017/7/")
    labels = [label for label in ("发文机关", "发文字号", "成文日期", "文种", "级别", "公报期次", "栏目")
              if label in page.text("doc-meta")]
    box = page.text("doc-meta")
    assert labels == ["发文机关", "发文字号", "成文日期", "文种", "级别", "公报期次", "栏目"]
    assert [box.index(label) for label in labels] == sorted(box.index(label) for label in labels)
    hrefs = [unquote(a["href"]) for t, a in page.tags if t == "a" and "href" in a]
    for target in ("issuers/绍兴市人民政府/", "series/绍政发/2017/", "years/2017/", "types/通知/",
                   "levels/市/", "regions/绍兴市/", "g/shaoxing-2017-04/"):
        assert any(h.endswith(target) for h in hrefs), target


class _Particulars(HTMLParser):
    """The fields of a page's particulars box (.doc-meta, a definition list), each as the reader
    sees it: its <dt> label, then "：" (which the stylesheet draws), then its <dd> value."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self._in_box = False
        self._part: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "doc-meta") in attrs:
            self._in_box = True
        elif tag in ("dt", "dd") and self._in_box:
            self._part = tag
            if tag == "dt":
                self.items.append("")
            else:
                self.items[-1] += "："

    def handle_endtag(self, tag):
        if tag in ("dt", "dd"):
            self._part = None
        elif tag == "dl":
            self._in_box = False

    def handle_data(self, data):
        if self._part and self.items:
            self.items[-1] += data


def test_each_particular_is_an_item_of_its_own_without_stray_punctuation(site):
    """级别 · 地区 and 公报期次 once ran together on every document page (衢州市- 公报期次：…, issue 28);
    now each field is a <dt>/<dd> pair of a definition list, one label and one value each."""
    for key in ("d/绍政发/2017/7/", "d/衢政办发/2018/28/"):
        items = [" ".join(i.split()) for i in _Particulars(page_path(site, key).read_text(encoding="utf-8")).items]
        labels = [item.split("：", 1)[0] for item in items]
        assert labels == ["发文机关", "发文字号", "成文日期", "文种", "级别", "公报期次", "栏目"], key
        assert all(item.count("：") == 1 and not item.rstrip().endswith(("-", "·")) for item in items), items


def test_document_pages_carry_no_search_markup(site):
    """The search index is made from the corpus (generator/search/), so pages need no Pagefind markup."""
    page = read(site, "d/衢政办发/2018/24/")
    assert not [a for _, a in page.tags if any(k.startswith("data-pagefind") for k in a)]


def test_copy_button_and_the_citation_placeholder(site):
    """The doc-number copy button is written hidden (shown by gazette-page.js when it can copy); the
    引用本文 block is an empty, hidden placeholder the script fills from the page's JSON-LD
    (tests/test_browser.py checks what it shows)."""
    page = read(site, "d/绍政发/2017/7/")
    buttons = [a for t, a in page.tags if t == "button" and "doc-copy" in (a.get("class") or "").split()]
    assert len(buttons) == 1 and {"data-copy": "绍政发〔2017〕7号"}.items() <= buttons[0].items()
    assert "hidden" in buttons[0]
    placeholder = [a for t, a in page.tags if t == "div" and "doc-cite" in (a.get("class") or "").split()]
    assert len(placeholder) == 1 and "hidden" in placeholder[0] and not page.text("doc-cite").strip()


def test_unofficial_notice_points_to_the_official_site(site, corpus):
    sites = load_official_sites()
    assert sites["绍兴市"] == "https://www.sx.gov.cn/" and sites["衢州市"] == "https://www.qz.gov.cn/"
    for key in ("d/绍政发/2017/7/", "d/衢政办发/2018/24/", "d/嘉政发/2017/12/"):
        page = read(site, key)
        region = corpus.issue_of[key].region
        assert "非官方版本" in page.text("doc-unofficial")
        assert sites[region] in page.text("doc-unofficial")
        assert any(t == "a" and a.get("href") == sites[region] for t, a in page.tags)


def test_unknown_region_gets_generic_wording(tmp_path):
    from generator.corpus import build_corpus
    from generator.render import render_site

    doc = make_document("某市人民政府关于印发某办法的通知", "某政发〔2017〕1号", position=1, body=["现印发给你们。"])
    issue = make_issue("someplace-2017-01", [doc])
    issue.region = "某市"
    page = render_site(build_corpus([issue]))["d/某政发/2017/1.md"]
    assert "请以发文机关公布的正式文本为准" in page and "https://" not in page.split("doc-unofficial", 1)[1][:300]


def test_provenance_footer_and_no_report_link_without_repo_url(site):
    page = read(site, "d/衢政办发/2018/31/")
    footer = page.text("doc-provenance")
    assert "quzhou-2018-03-04.txt 第3142–3214行" in footer and "衢州政報 2018年第3、4期" in footer
    assert "doc-report" not in page.text_of, "no repo_url in mkdocs.yml: no report link"


# ---------------------------------------------------------------- outline anchors and reading order

def test_articles_and_headings_have_readable_unique_ids(site):
    page = read(site, "d/绍政发/2017/8/")
    assert {"第一章", "第二章", "第一条", "第三条", "第二十条"} <= set(page.ids)
    assert len(page.ids) == len(set(page.ids))
    body_ids = [a["id"] for t, a in page.tags if t in ("h2", "h3", "h4", "h5", "h6", "p") and a.get("id")]
    assert body_ids and not [i for i in body_ids if i.startswith("_")], "no toc-numbered ids like #_5"
    # each article's label links to its own anchor (the permalink)
    assert ("a", {"class": "article-label", "href": "#第三条", "title": "本条链接"}) in page.tags
    plan = read(site, "d/绍政办发/2017/16/")
    assert {"一", "二", "五"} <= set(plan.ids)
    assert len(plan.ids) == len(set(plan.ids))


def test_anchor_ids_qualify_repeats_by_their_parent():
    ids = AnchorIds()
    assert ids.outline_item("一、", 2) == "一"
    assert ids.outline_item("(一)", 3) == "（一）"
    assert ids.outline_item("二、", 2) == "二"
    assert ids.outline_item("（一）", 3) == "二-（一）"
    assert ids.section("附件1") == "附件1"
    assert ids.outline_item("一、", 2) == "附件1-一"
    again = AnchorIds()
    for _ in range(3):
        again.outline_item("第一条", 4)
    assert again.taken == {"第一条", "第一条-2", "第一条-3"}
    assert label_id("第三条") == "第三条" and label_id("1.") == "1" and label_id("<b>") == "b"


def test_enclosed_title_printed_above_moves_after_signature_and_date():
    def block(kind, text, line):
        return Block(kind, text, line, line)
    printed = [block(BlockKind.ENCLOSED_TITLE, "绍兴市人民政府工作规则", 112),
               block(BlockKind.TITLE, "绍兴市人民政府关于印发绍兴市人民政府工作规则的通知", 118),
               block(BlockKind.DOC_NUMBER, "绍政发〔2017〕8号", 119),
               block(BlockKind.PARAGRAPH, "《绍兴市人民政府工作规则》已经市政府第一次常务会议通过,现予印发。", 121),
               block(BlockKind.SIGNATURE, "绍兴市人民政府", 123),
               block(BlockKind.DATE, "2017年4月18日", 124),
               block(BlockKind.HEADING, "第一章 总 则", 130)]
    ordered = reading_order(printed)
    assert [b.start_line for b in ordered] == [118, 119, 121, 123, 124, 112, 130]
    assert sorted(ordered, key=lambda b: b.start_line) == printed, "every block once"
    no_signature = [b for b in printed if b.kind not in (BlockKind.SIGNATURE, BlockKind.DATE)]
    assert reading_order(no_signature) == no_signature


def test_enclosed_title_on_the_built_page_follows_the_date(site):
    html = page_path(site, "d/绍政发/2017/8/").read_text(encoding="utf-8")
    assert html.index('class="doc-date"') < html.index('class="enclosed-title"') < html.index('id="第一章"')


def test_wide_tables_are_real_tables(site):
    page = read(site, "d/衢政办发/2018/31/")
    assert [t for t, _ in page.tags].count("th") >= 10


# ---------------------------------------------------------------- the head, for machines

def test_head_of_a_published_page_with_a_hostile_title(published):
    from generator.parse import parse_file

    page = read(published, "d/绍政发/2017/7/")
    source = published.parent / "gazettes" / "shaoxing-2017-04.txt"
    shown = next(d.title for d in parse_file(str(source)).documents if d.doc_number == "绍政发〔2017〕7号")
    assert "</script>" in shown
    assert page.title == f"{shown}（绍政发〔2017〕7号） - 政府公报档案库"
    assert page.meta["og:title"] == f"{shown}（绍政发〔2017〕7号）"
    assert page.meta["og:type"] == "article" and page.meta["og:locale"] == "zh_CN"
    assert unquote(page.meta["og:url"]) == SITE_URL + "d/绍政发/2017/7/"
    # the first sentence of running text; 经研究,现将…通知如下: only leads into the list, so it is skipped
    # (no og:description: it would repeat the description, which OpenGraph readers fall back to)
    assert page.meta["description"] == "马卫光 领导市政府全面工作。" and "og:description" not in page.meta
    canonical = [l["href"] for l in page.links if l.get("rel") == "canonical"]
    assert [unquote(c) for c in canonical] == [SITE_URL + "d/绍政发/2017/7/"]
    # JSON-LD: valid, the title intact, and nothing in its raw text that could end the script element
    assert len(page.json_ld) == 1
    raw = page.json_ld[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert data["@type"] == "Legislation" and data["name"] == shown
    assert data["legislationIdentifier"] == "绍政发〔2017〕7号" and data["legislationDate"] == "2017-04-15"
    assert data["legislationPassedBy"] == [{"@type": "GovernmentOrganization", "name": "绍兴市人民政府"}]
    assert data["inLanguage"] == "zh-CN" and data["isPartOf"]["name"].startswith("绍兴市人民政府公报 2017年第04期")
    assert unquote(data["url"]) == SITE_URL + "d/绍政发/2017/7/"


def test_report_link_opens_a_prefilled_issue(published):
    page = read(published, "d/绍政发/2017/8/")
    links = [a["href"] for t, a in page.tags if t == "a" and a.get("href", "").startswith(REPO_URL + "/issues/new?")]
    assert len(links) == 1
    query = parse_qs(urlsplit(links[0]).query)
    assert query["title"] == ["纠错：绍政发〔2017〕8号"]
    body = query["body"][0]
    assert "shaoxing-2017-04.txt 第118–219行" in body and unquote(SITE_URL + "d/绍政发/2017/8/") in unquote(body)


def test_feeds_are_announced(site):
    page = read(site, "d/绍政发/2017/7/")
    feeds = [l for l in page.links if l.get("type") == "application/atom+xml"]
    hrefs = [unquote(l["href"]) for l in feeds]
    assert hrefs[0].endswith("feeds/all.xml")
    assert any(h.endswith("/" + urls.issuer_feed_path("绍兴市人民政府")) for h in hrefs)
    home = read(site, urls.HOME)
    assert [unquote(l["href"]) for l in home.links if l.get("type") == "application/atom+xml"] == ["feeds/all.xml"]


def test_no_page_names_another_host_for_anything_it_loads(published):
    """Scripts, styles, icons, images and frames all come from the site itself (links to read are fine)."""
    loaded = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src"}
    for html in sorted(published.rglob("*.html")):
        page = Head(html.read_text(encoding="utf-8"))
        for tag, attrs in page.tags:
            url = attrs.get(loaded.get(tag, ""), "")
            if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preconnect", "preload", "modulepreload"):
                url = attrs.get("href", "")
            assert not urlsplit(url).netloc, (html, tag, attrs)
        assert 'data-md-component="source"' not in html.read_text(encoding="utf-8"), \
            "Material's repo widget fetches the GitHub API"


# ---------------------------------------------------------------- home and 404

def test_home_page_says_what_the_archive_holds(site, corpus):
    page = read(site, urls.HOME)
    html = page_path(site, urls.HOME).read_text(encoding="utf-8")
    assert any("gazette-search" in a.get("class", "") for _, a in page.tags)
    hrefs = {unquote(a["href"]) for t, a in page.tags if t == "a" and "href" in a}
    for way in ("g/", "issuers/", "years/", "types/", "regions/", "levels/", "series/", "wanted/", "data/"):
        assert way in hrefs, way
    assert f"<strong>{len(corpus.documents)}</strong>件公文" in html
    assert f"<strong>{len(corpus.issues)}</strong>期公报" in html
    assert "最新一期" in html and "g/quzhou-2018-03-04/" in hrefs


def test_chinese_404_page(site):
    page = Head((site / "404.html").read_text(encoding="utf-8"))
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in html and "返回首页" in html
    assert any("gazette-search" in a.get("class", "") for _, a in page.tags)


def test_a_history_names_its_decisions_on_the_page_unlinked_and_its_orders_linked(tmp_path):
    """The income-tax regulation of tests/levels/state-council-2018-35.txt: under 引用文件 its earlier
    order is a link (to the number's address) and the decisions named by title alone are listed once,
    with their lines, as citations no number resolves."""
    import shutil
    from generator.pipeline import generate
    folder = tmp_path / "gazettes"
    folder.mkdir()
    shutil.copy(Path(__file__).resolve().parent / "levels" / "state-council-2018-35.txt", folder)
    generate(folder, tmp_path / "docs", cache_dir=tmp_path / "cache")
    page = (tmp_path / "docs" / "d" / "国务院令" / "707.md").read_text(encoding="utf-8")
    cites = page.split("**引用文件**", 1)[1].split("</div>", 1)[0]
    lines = [line for line in cites.splitlines() if line.startswith("- ")]
    assert any("[国务院令第142号](142/index.html)" in line for line in lines), "not held: its finished page"
    (decision,) = [line for line in lines if "决定》" in line]
    assert "](" not in decision and "文中未写发文字号" in decision and "第265、267、269行" in decision
