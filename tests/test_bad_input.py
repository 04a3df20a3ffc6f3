"""Bad input, end to end: nothing lost, nothing injected, nothing broken.

Every case is a gazette file made from real gazette text (the head of the
Shaoxing 2017-04 gazette, tests/data/shaoxing-head-excerpt.txt), damaged or
made hostile in one way (tests/hostile_site.py makes them). All cases go into ONE
gazette folder, next to a real gazette, and are built once through the real
pipeline (`mkdocs build` with the gazette plugin, plus the plugin's `generate()`
in-process for the addresses). Each case then asserts its own outcome here:

* ``ERRORS``: the file is refused with one clear line naming the file (and line
  where it applies), listed again at the end of the build and on the editors'
  page — no traceback, no page, nothing left in docs_src/ or site/ for it;
* ``PAGES``: the file builds into correct pages, checked on the built HTML
  (html.parser) as a reader sees it: text printed literally, no markup,
  script, handler or link made from gazette text.

And for the whole build: the real gazette next to them is complete, nothing
warns (a refusal is not a warning, so --strict publishes the rest, and a hostile
but valid gazette builds clean), and the integrity crawler finds nothing wrong.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import http.server
import os
import re
import shutil
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta as mkdocs_meta

from conftest import mkdocs_markdown, skip_or_fail
from gazette_factories import make_document, make_issue
from generator import urls
from generator.integrity import check_site
from generator.messages import refusal_pieces
from generator.corpus import build_corpus
from generator.pipeline import Generation
from generator.render import escape_text
from generator.render.kinds.document import document_page as render_document
from generator.render.kinds.issue import issue_page
from generator.render.site import Site, make_environment
from hostile_site import (BUILT, EXCERPT, EXTRA_FILES, LINES, REAL_BODY, REAL_GAZETTE, REAL_TITLE, REFUSED,
                          SENTENCE, TRUNCATED_LAST_LINE, HostileBuild, file_name, gazette, hostile_site, number)
from site_builder import PageText, page_path, read_page

EXAMPLES = 50 if os.environ.get("GAZETTE_QUICK") else 500
hypothesis_settings = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ------------------------------------------------------------------------ refused files

@dataclass(frozen=True)
class Refusal:
    code: str                    # the kind of refusal (generator.messages.REFUSALS)
    line: int | None = None      # the line the message must name, when it applies

    @property
    def message(self) -> str:
        """What the log says after the file's name: the code, then the start of its Chinese sentence
        (up to its first particular)."""
        return f"{self.code}：{next(refusal_pieces(self.code, {}))[0]}"


ERRORS: dict[str, Refusal] = {
    "empty": Refusal("empty"),
    "whitespace-only": Refusal("empty"),
    "ideographic-spaces-only": Refusal("empty"),
    "pdf": Refusal("binary"),
    "random-bytes": Refusal("binary"),
    "invalid-bytes": Refusal("encoding"),
    "toc-without-documents": Refusal("no-document"),
    "five-mb-single-line": Refusal("no-document"),
    "gazette-twice-in-one-file": Refusal("second-issue", line=EXCERPT.count("\n") + LINES.index("## 目 录") + 1),
    "path-in-doc-number": Refusal("no-document"),
    "html-saved-as-pdf": Refusal("html"),
    "damaged-pdf": Refusal("damaged"),
}
assert set(ERRORS) == set(REFUSED), "each refused file says what it must give"


# ------------------------------------------------------------------------ files that build

@dataclass(frozen=True)
class Built:
    """What a case's file builds: the site, the keys of its documents (in order), the generation."""

    site: Path
    keys: list[str]
    gen: Generation

    def page(self, i: int = 0) -> PageText:
        return read_page(self.site, self.keys[i])

    def doc(self, i: int = 0):
        return self.gen.corpus.documents[self.keys[i]]


def _no_markup_from_text(page: PageText, *, tables: bool = False) -> None:
    """The article holds only the markup the templates write: no script, image, frame, code, or handler.

    Document pages of these cases have no table of their own; index pages list documents in one.
    """
    tags = {t for t, _ in page.article_tags}
    refused = {"script", "img", "iframe", "object", "embed", "pre", "code", "hr", "style"} | (set() if tables else {"table"})
    assert not tags & refused, tags & refused
    for tag, attrs in page.all_tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        # (a <meta> content attribute is text, e.g. og:title repeats the title as printed)
        assert not any("evil.example" in v for k, v in attrs.items() if not (tag == "meta" and k == "content")), \
            (tag, attrs)
        for k in ("href", "src", "action", "formaction"):
            assert not attrs.get(k, "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)


def _literal(case: Built, text: str, i: int = 0, *, tables: bool = False) -> None:
    """``text`` is printed on the page exactly (whitespace folded) and nothing became markup."""
    page = case.page(i)
    assert " ".join(text.split()) in page.text, page.text[:2000]
    _no_markup_from_text(page, tables=tables)


def _same_as_plain(case: Built) -> None:
    """A re-encoded copy of the plain gazette reads exactly like it: title, body, line numbers."""
    page, doc = case.page(), case.doc()
    assert len(case.keys) == 1
    assert page.h1.strip() == REAL_TITLE
    assert SENTENCE in page.text and REAL_BODY[-1].replace("**", "")[-20:] in page.text
    assert f"第{doc.start_line}–{doc.end_line}行" in page.text
    assert (doc.start_line, doc.end_line) == PLAIN_LINES



def _check_cycle(case: Built) -> None:
    a, b = case.keys
    for here, there in ((a, b), (b, a)):
        hrefs = [attrs["href"] for tag, attrs in case.page(case.keys.index(here)).article_tags
                 if tag == "a" and "href" in attrs]
        targets = {unquote(urlsplit(urljoin("http://x/" + here, h)).path).lstrip("/") for h in hrefs}
        assert there in targets, (here, targets)
        assert here not in targets, "a page never links to itself"
    assert case.gen.corpus.cites[a] == [b] and case.gen.corpus.cites[b] == [a]


def _check_self_citation(case: Built) -> None:
    key = case.keys[0]
    page = case.page()
    hrefs = [attrs.get("href", "") for tag, attrs in page.article_tags if tag == "a"]
    targets = {unquote(urlsplit(urljoin("http://x/" + key, h)).path).lstrip("/") for h in hrefs}
    assert key not in targets
    assert "本文引用的文件" not in page.text and "引用本文的文件" not in page.text
    assert number(130) in page.text


def _linked_from(site: Path, key: str) -> set[str]:
    """Keys of the pages a page's article links to."""
    page = read_page(site, key)
    return {unquote(urlsplit(urljoin("http://x/" + key, a["href"])).path).lstrip("/")
            for t, a in page.article_tags if t == "a" and "href" in a}


def _check_same_document_twice(case: Built) -> None:
    """One document printed by two gazettes is one page (generator.corpus), listed by both issues."""
    assert case.keys == ["d/绍政发/2017/131/"]
    assert case.page().h1.strip() == REAL_TITLE and SENTENCE in case.page().text
    assert not page_path(case.site, "d/绍政发/2017/131-2/").exists()
    for name in ("bad-same-document-in-two-gazettes.txt", EXTRA_FILES["same-document-in-two-gazettes"]):
        issue = next(i for i in case.gen.corpus.issues if Path(i.source_file).name == name)
        assert "d/绍政发/2017/131/" in _linked_from(case.site, urls.issue_key(issue)), name


def _check_same_number(case: Built) -> None:
    """Two different documents under one number: two pages, both flagged duplicate-address."""
    assert sorted(case.keys) == ["d/绍政发/2017/132-2/", "d/绍政发/2017/132/"]
    titles = {case.page(i).h1.strip() for i in range(2)}
    assert titles == {REAL_TITLE, "绍兴市人民政府关于印发绍兴市人民政府工作规则的通知"}
    assert all("duplicate-address" in case.page(i).text for i in range(2))


def _check_big_body(case: Built) -> None:
    page = case.page()
    assert page.h1.strip() == REAL_TITLE
    assert page.text.count("分管市编办") >= 1 and "现将分工通知如下。" * 10 in page.text
    assert len(page.text) > 1_000_000


def _check_truncated_document(case: Built) -> None:
    page, doc = case.page(), case.doc()
    assert page.h1.strip() == REAL_TITLE
    assert REAL_BODY[3] in page.text                      # text up to the cut is all there
    assert doc.end_line == TRUNCATED_LAST_LINE
    assert "no-date" in page.text                         # the missing signature is flagged to editors


def _check_key(expected_key: str, title: str) -> Callable[[Built], None]:
    def check(case: Built) -> None:
        assert case.keys == [expected_key]
        assert case.page().h1.strip() == title
        _no_markup_from_text(case.page())
    return check


def _check_title(title: str, *also_literal: str, toc_title: str | None = None) -> Callable[[Built], None]:
    """The H1, the <title> and every index row print ``title`` literally; no markup anywhere.

    The issue page lists the title as its 目录 prints it (``toc_title`` when the TOC reads differently).
    """
    def check(case: Built) -> None:
        page = case.page()
        assert page.h1.strip() == title
        assert page.title.startswith(title)
        for text in also_literal:
            assert " ".join(text.split()) in page.text
        _no_markup_from_text(page)
        issue_key = urls.issue_key(case.gen.corpus.issue_of[case.keys[0]])
        for key in (issue_key, urls.year_key(2017), urls.issuer_key("绍兴市人民政府")):
            index = read_page(case.site, key)
            links = [a for t, a in index.article_tags if t == "a"]
            assert (toc_title or title if key == issue_key else title) in index.text, key
            _no_markup_from_text(index, tables=True)
            assert all(not a.get("href", "").lower().startswith("javascript") for a in links)
    return check


def _check_body(*texts: str, absent: tuple[str, ...] = (), tables: bool = False) -> Callable[[Built], None]:
    def check(case: Built) -> None:
        assert case.page().h1.strip() == REAL_TITLE
        for text in texts:
            _literal(case, text, tables=tables)
        for text in absent:
            assert text not in case.page().text
    return check


def _check_table(rows: list[list[str]]) -> Callable[[Built], None]:
    """The page shows the rows as one table, each cell's text literal (no markup made from it)."""
    def check(case: Built) -> None:
        assert case.page().h1.strip() == REAL_TITLE
        assert [list(r) for r in case.doc().blocks[-3].rows] == rows      # the table block, before signature/date
        for row in rows:
            for cell in row:
                _literal(case, cell, tables=True)
    return check


def _check_odd_file_name(case: Built) -> None:
    issue = case.gen.corpus.issue_of[case.keys[0]]
    slug = urls.issue_slug(issue)
    assert slug.startswith("h-") and re.fullmatch(r"h-[0-9a-f]{10}", slug)
    index = read_page(case.site, urls.issue_key(issue))
    assert REAL_TITLE in index.text and "bad 33 ..名字.txt" in index.text


def _check_no_toc(case: Built) -> None:
    page = case.page()
    assert page.h1.strip() == REAL_TITLE and SENTENCE in page.text
    assert "not-in-toc" not in page.text and "解析提示" not in page.text


def _check_colon_title(case: Built) -> None:
    """Handled poorly (see the report): a title with an ASCII colon is not read as a title, so the
    second document is merged into the first. Nothing is lost or injected: its text is on the page."""
    assert len(case.keys) == 1
    _literal(case, "绍兴市人民政府关于x](javascript:alert(1))的通知")
    _literal(case, number(168))
    _literal(case, "第二件公文的正文。")


def _check_bidi(case: Built) -> None:
    page = case.page()
    assert page.h1.strip() == "绍兴市人民政府关于市政府领导分工txt.exe的通知"
    invisible = set("\u202e\u2067\u061c\u200b\u2060")
    assert not invisible & set(page.title) and not invisible & set(page.h1)


def _check_cut_character(case: Built) -> None:
    """A file cut inside its last UTF-8 character: the rest is kept, the repair is recorded."""
    page = case.page()
    assert page.h1.strip() == REAL_TITLE and REAL_BODY[0] in page.text
    issue = next(i for i in case.gen.corpus.issues if Path(i.source_file).name == "bad-truncated-mid-character.txt")
    assert [w.code for w in issue.warnings] == ["decoding"]


# What each file of hostile_site.BUILT must build (its pages, as a reader sees them).
PAGES: dict[str, Callable[[Built], None]] = {
    "utf8-bom": _same_as_plain,
    "utf16-le-bom": _same_as_plain,
    "utf16-be-bom": _same_as_plain,
    "gb18030": _same_as_plain,
    "gbk": _same_as_plain,
    "crlf": _same_as_plain,
    "lone-cr": _same_as_plain,
    "no-toc": _check_no_toc,
    "truncated-mid-document": _check_truncated_document,
    "truncated-mid-character": _check_cut_character,
    "five-mb-line-in-body": _check_big_body,
    "citation-cycle": _check_cycle,
    "self-citation": _check_self_citation,
    "same-document-in-two-gazettes": _check_same_document_twice,
    "same-number-two-documents": _check_same_number,
    "year-1900": _check_key("d/绍政发/1900/140/", REAL_TITLE),
    "year-2999": _check_key("d/绍政发/2999/141/", REAL_TITLE),
    "serial-0": _check_key("d/绍政发/2016/0/", REAL_TITLE),
    "script-in-title": _check_title("绍兴市人民政府关于<script>alert(1)</script>的通知"),
    "img-onerror-in-body": _check_body('<img src=x onerror="alert(1)">' + SENTENCE),
    "javascript-link-in-body": _check_body("详见[分工表](javascript:alert(1))。"),
    "markdown-image-in-body": _check_body("![印章](http://evil.example/a.png)" + SENTENCE),
    "template-syntax-in-title": _check_title("绍兴市人民政府关于{{config.site_name}}的通知"),
    "template-syntax-in-body": _check_body("{{ 7*7 }} 与 {% include 'base.html' %} 照印。", absent=("49",)),
    "front-matter-markers": _check_body("title: 伪造标题", SENTENCE),
    "table-pipes": _check_table([["姓名", "分工"], ["<b>马卫光</b>", "全面工作"]]),
    "leading-spaces": _check_body(SENTENCE, "分管市编办、市财政局(市地税局)、市审计局。", "联系市国税局、市政府决策咨询委。"),
    # handled poorly (see the report): the parser reads a tab-indented line as a table row
    "leading-tabs": _check_body(SENTENCE, "分管市编办、市财政局(市地税局)、市审计局。", tables=True),
    # leaders are read at a TOC title's ends only: its own ".." stay in the 目录 too
    "path-in-title": _check_title("绍兴市人民政府关于../../../etc/passwd与a/b\\c的通知"),
    "odd-file-name": _check_odd_file_name,
    "html-entities-in-body": _check_body("<script>alert(1)</script> 与 &copy;"),
    "link-breakout-in-title": _check_title("绍兴市人民政府关于x](//evil.example/)的通知"),
    "colon-title-second-document": _check_colon_title,
    "attr-list-in-body": _check_body(SENTENCE + '{: onclick="alert(1)" }'),
    "bidi-and-zero-width-in-title": _check_bidi,
    "html-comment-in-body": _check_body("<!-- 以下隐藏", SENTENCE, "-->"),
    "closing-tags-in-body": _check_body("</article><script>alert(1)</script>", SENTENCE),
}
assert set(PAGES) == set(BUILT), "each file that builds says what it must build"


def _plain_lines() -> tuple[int, int]:
    from generator.parse import parse_text
    doc = parse_text(gazette(serial=100)).documents[0]
    return doc.start_line, doc.end_line


PLAIN_LINES = _plain_lines()


# ------------------------------------------------------------------------ the one build

@pytest.fixture(scope="module")
def hostile() -> HostileBuild:
    """Every case file plus one real gazette in one folder, built once per session (hostile_site)."""
    return hostile_site()


def _keys_of(build: HostileBuild, file_name: str) -> list[str]:
    corpus = build.gen.corpus
    keys = [k for k, issue in corpus.issue_of.items() if Path(issue.source_file).name == file_name]
    return sorted(keys, key=lambda k: corpus.documents[k].position)


def test_there_are_at_least_30_cases():
    assert len(ERRORS) + len(PAGES) >= 30


def test_build_succeeds_and_the_real_gazette_is_complete(hostile):
    assert hostile.returncode == 0, hostile.log[-3000:]
    real = _keys_of(hostile, REAL_GAZETTE)
    assert len(real) >= 8
    for key in real:
        assert page_path(hostile.site, key).is_file(), key
    assert read_page(hostile.site, "d/绍政发/2017/7/").h1.strip() == REAL_TITLE


def test_nothing_warns_and_the_build_ends_with_the_refusals(hostile):
    """A refused file is not a warning (--strict still publishes the rest): the build warns about
    nothing, and its last lines list every refused file, naming it."""
    assert [l for l in hostile.log.splitlines() if l.startswith("WARNING")] == []
    lines = hostile.log.splitlines()
    start = next(i for i, l in enumerate(lines) if "refused and left out" in l)
    assert f"{len(ERRORS)} gazette files refused" in lines[start]
    report = lines[start + 1:start + 1 + len(ERRORS)]
    for case in ERRORS:
        assert len([l for l in report if file_name(case) in l]) == 1, case
    assert "Traceback" not in hostile.log and "parser-failed" not in hostile.log


def test_editors_see_the_refused_files_on_a_page(hostile):
    """Each refused file, the log's Chinese sentence (what is wrong and what to do) and its code."""
    page = read_page(hostile.site, "editors/refused/")
    text = "".join(page.text.split())                # table cells run together
    said = {Path(r.path).name: r for r in hostile.gen.refused}
    for case, refusal in ERRORS.items():
        shown = said[file_name(case)]
        assert shown.code == refusal.code, case
        assert "".join(f"{shown.where}{shown.reason}{shown.code}".split()) in text, case
    assert ("code", {}) in page.article_tags


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_refused_file(hostile, case):
    refusal = ERRORS[case]
    name = file_name(case)
    refused = [str(r) for r in hostile.gen.refused]
    lines = [l for l in refused if name in l]
    assert len(lines) == 1, refused
    line = lines[0]
    assert refusal.message in line
    where = re.search(re.escape(name) + r"(?::(\d+))?: ", line)
    assert where, line
    assert (int(where.group(1)) if where.group(1) else None) == refusal.line, line
    log_lines = [l for l in hostile.log.splitlines() if name in l]
    # said once when it is refused and once in the report that ends the build; never a warning
    assert len(log_lines) == 2 and all("WARNING" not in l and refusal.message in l for l in log_lines), log_lines
    stem = Path(name).stem
    assert not _keys_of(hostile, name)
    for root in (hostile.site, hostile.docs, hostile.site / "g", hostile.docs / "g"):
        assert not list(root.glob(f"{stem}*")), f"partial output left for {name}"


@pytest.mark.parametrize("case", sorted(PAGES))
def test_file_builds_correct_pages(hostile, case):
    keys = _keys_of(hostile, file_name(case))
    if case in EXTRA_FILES:
        keys += _keys_of(hostile, EXTRA_FILES[case])
    assert keys, f"{case}: no document: {[str(e) for e in hostile.gen.refused if case in str(e)]}"
    for key in keys:
        assert page_path(hostile.site, key).is_file(), key
    PAGES[case](Built(hostile.site, keys, hostile.gen))


def test_no_path_leaves_docs_src_or_site(hostile):
    for root in (hostile.docs, hostile.site):
        for path in root.rglob("*"):
            assert root.resolve() in path.resolve().parents
            assert ".." not in path.relative_to(root).parts
    assert not (hostile.site.parent / "etc").exists() and not (hostile.docs.parent / "etc").exists()
    for rel in (hostile.docs / "d").rglob("*.md"):
        assert set(rel.relative_to(hostile.docs).parts[1]) & set("/\\.") == set(), rel


# Front-matter keys MkDocs or the theme read and print (unescaped) or act on (template: a file path).
_ENGINE_KEYS = {"template", "description", "author", "hide", "icon", "status", "subtitle", "search", "tags",
                "location", "revision_date", "git_creation_date_localized", "git_revision_date_localized"}


def test_front_matter_gives_the_engine_nothing_from_text_but_an_escaped_title(hostile):
    for path in sorted(hostile.docs.rglob("*.md")):
        if path.name == "about.md":
            continue
        _content, meta = mkdocs_meta.get_data(path.read_text(encoding="utf-8"))
        assert not set(meta) & _ENGINE_KEYS, (path, set(meta) & _ENGINE_KEYS)
        assert not set(str(meta.get("title", ""))) & set("<>\"'`[]{}|"), (path, meta.get("title"))


def test_integrity_of_the_hostile_site(hostile):
    assert check_site(hostile.site) == []


# ------------------------------------------------------------------------ the renderer on random hostile text

_FRAGMENTS = ["<script>", "</script>", "<SCRIPT SRC=//evil.example/x.js>", "<img src=x onerror=alert(1)>",
              "<svg/onload=alert(1)>", "javascript:", "JaVaScRiPt:", "[", "](", ")", "![", "{:", " onclick=", "}",
              "{{", "}}", "{%", "%}", "---", "|", "    ", "\n", "\t", "<", ">", "&", "&lt;", "&#60;", "#", "*", "_",
              "`", '"', "'", "<!--", "-->", "\\", "=", "1. ", "- ", "> ", "<div markdown>", "</div>", "<a href=",
              "\u202e", "\u200b", "\x00", "\r", "绍政发〔2017〕7号", "关于", "通知", "《", "》"]
_ENV = make_environment()
_MARKDOWN = mkdocs_markdown()
hostile_text = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=3)), min_size=1, max_size=12).map("".join)


class _Html(HTMLParser):
    """Tags, attributes and text of a rendered fragment."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text += data


def _assert_inert(html: str) -> None:
    tree = _Html(html)
    assert "<script" not in html.lower()
    for tag, attrs in tree.tags:
        assert tag not in {"script", "img", "svg", "iframe", "object", "embed", "style", "pre", "code"}, (tag, html)
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for k in ("href", "src"):
            value = "".join(attrs.get(k, "").split()).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")) and "evil.example" not in value, attrs


@hypothesis_settings
@given(title=hostile_text, paragraph=hostile_text, issuer=hostile_text)
def test_rendered_pages_never_carry_markup_from_text(title, paragraph, issuer):
    """Random hostile titles, bodies and issuer names: the HTML of every page holds no script,
    no event handler and no script URL, and the title is printed as text."""
    doc = make_document(title, "绍政发〔2017〕7号", position=1, issuers=(issuer or "绍兴市人民政府",),
                        body=[paragraph, f"根据{paragraph}(绍政发〔2017〕7号)执行。"])
    corpus = build_corpus([make_issue("shaoxing-2017-04", [doc])])
    site = Site(corpus, env=_ENV)                  # one Jinja environment: templates load once
    document_page = render_document(site, "d/绍政发/2017/7/")
    for page in (document_page, issue_page(site, corpus.issues[0])):
        content, meta = mkdocs_meta.get_data(page)
        _assert_inert(_MARKDOWN.reset().convert(content))
        _assert_inert(f"<title>{meta.get('title', '')}</title>")     # MkDocs prints meta title unescaped
    shown = _Html(escape_text(title)).text.strip()
    if shown:
        assert shown in _Html(_MARKDOWN.reset().convert(mkdocs_meta.get_data(document_page)[0])).text


# ------------------------------------------------------------------------ search results in a real browser

async def _search_hostile(base: str, chromium: str, word: str) -> dict:
    """Search the hostile site from a page's header box; report dialogs raised and the results' markup."""
    from playwright.async_api import async_playwright

    dialogs: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = await browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), asyncio.ensure_future(d.dismiss())))
            await page.goto(base + "/d/绍政发/2017/150/")
            await page.fill("#gazette-header-q", word)
            await page.press("#gazette-header-q", "Enter")
            await page.wait_for_selector(".gazette-result", timeout=15000)
            await page.wait_for_timeout(500)
            results = await page.eval_on_selector_all(
                ".gazette-result", "els => els.map(e => ({html: e.innerHTML, text: e.textContent}))")
            tags = await page.eval_on_selector_all(
                ".gazette-search-page *", "els => els.map(e => e.tagName.toLowerCase())")
            handlers = await page.eval_on_selector_all(
                ".gazette-search-page *",
                "els => els.flatMap(e => [...e.attributes].map(a => a.name).filter(n => n.startsWith('on')))")
        finally:
            await browser.close()
    return {"dialogs": dialogs, "results": results, "tags": set(tags), "handlers": handlers}


def test_search_results_show_hostile_text_as_text(hostile):
    """The index stores gazette text raw; the search page must print it as text: no dialog, no script
    or image, in titles, metadata and excerpts alike."""
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        skip_or_fail("playwright is not installed (pip install -e '.[test]')")
    if not Path(chromium).exists():
        skip_or_fail(f"Chromium not found at {chromium}")
    handler = functools.partial(_QuietHandler, directory=str(hostile.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        # on a thread of its own: the session's sync Playwright (the chromium fixture) may already run
        # an event loop in this thread, and asyncio.run refuses to start a second one there
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            found = pool.submit(asyncio.run, _search_hostile(f"http://127.0.0.1:{server.server_address[1]}",
                                                             chromium, "alert")).result()
    finally:
        server.shutdown()
        server.server_close()
    assert found["dialogs"] == []
    assert len(found["results"]) >= 3
    assert any("<script>alert(1)</script>" in r["text"] for r in found["results"]), found["results"]
    assert not found["tags"] & {"script", "img", "svg", "iframe"}, found["tags"]
    assert found["handlers"] == []


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
