"""Acceptance tests in a real headless Chromium: what a reader does with the built sample site.

One sample build (tests/site_builder.py), one Chromium for the session (conftest
``chromium``), one static server per module. Every page visited records its
console errors and every request to another host; the last test asserts none.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

import pytest

from browser_support import DESKTOP, PHONE, serve
from site_builder import sample_site

SEARCH = "#gazette-search input"
RESULT_LINKS = "#gazette-search .pagefind-ui__result-link"
VISITED: list[str] = []
CONSOLE_ERRORS: list[str] = []
FOREIGN_REQUESTS: list[str] = []


@pytest.fixture(scope="module")
def base():
    with serve(sample_site() / "site") as url:
        yield url


@pytest.fixture(scope="module")
def context(chromium, base):
    """A browser context that may use the clipboard and records errors and foreign requests."""
    ctx = chromium.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    host = urlsplit(base).netloc

    def on_request(request):
        if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != host:
            FOREIGN_REQUESTS.append(request.url)

    def on_response(response):
        if response.status >= 400 and not response.url.endswith("no/such/page/"):
            CONSOLE_ERRORS.append(f"{response.status} {response.url}")

    def on_page(page):
        page.on("console", lambda m: m.type == "error" and "404 (Not Found)" not in m.text
                and CONSOLE_ERRORS.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: CONSOLE_ERRORS.append(f"{page.url}: {e}"))
        page.on("load", lambda p: VISITED.append(p.url))

    ctx.on("request", on_request)
    ctx.on("response", on_response)
    ctx.on("page", on_page)
    yield ctx
    ctx.close()


def open_page(context, base: str, key: str = "", fragment: str = ""):
    page = context.new_page()
    page.goto(base + quote(key) + (f"#{quote(fragment)}" if fragment else ""))
    return page


def result_keys(page) -> list[str]:
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.getAttribute('href'))")
    return [unquote(urlsplit(h).path).lstrip("/") for h in hrefs]


def search(page, words: str) -> None:
    page.fill(SEARCH, words)
    page.wait_for_selector(RESULT_LINKS, timeout=15000)


# ---------------------------------------------------------------- 1. search

def test_search_shows_highlighted_results_and_filters_by_issuer(context, base, corpus):
    page = open_page(context, base)
    search(page, "最多跑一次")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#gazette-search .pagefind-ui__result-link')]"
        ".some(a => decodeURIComponent(a.getAttribute('href')).includes('d/绍政办发/2017/16/'))", timeout=15000)
    assert "d/绍政办发/2017/16/" in result_keys(page)
    assert page.locator("#gazette-search .pagefind-ui__result-excerpt mark").count() > 0, "highlighted excerpts"
    before = set(result_keys(page))
    organ = "嘉兴市人民政府办公室"
    page.locator("#gazette-search .pagefind-ui__filter-name", has_text="发文机关").click()
    page.locator("#gazette-search .pagefind-ui__filter-label", has_text=organ).click()
    page.wait_for_function(
        """organ => { const links = [...document.querySelectorAll('#gazette-search .pagefind-ui__result-link')];
                      return links.length && links.every(a => !decodeURIComponent(a.getAttribute('href')).includes('绍政'));
                    }""", arg=organ, timeout=15000)
    after = set(result_keys(page))
    assert after and after != before and "d/绍政办发/2017/16/" not in after
    assert all(organ in corpus.issuers_of[key] for key in after), after
    page.close()


@pytest.mark.parametrize("typed", ["衢政办发[2018]24号", "衢政办发2018年24号", "衢政办发〔２０１８〕２４号"])
def test_a_typed_doc_number_puts_its_document_first(context, base, typed):
    page = open_page(context, base)
    page.fill(SEARCH, typed)
    page.wait_for_selector("#gazette-search .gazette-exact__link", timeout=15000)
    first = page.eval_on_selector("#gazette-search .pagefind-ui__drawer a[href]", "a => a.getAttribute('href')")
    assert unquote(urlsplit(first).path).lstrip("/") == "d/衢政办发/2018/24/"
    page.click("#gazette-search .gazette-exact__link")
    page.wait_for_url("**/d/**")
    assert "衢州市人民政府办公室关于印发" in page.inner_text("h1")
    page.close()


def test_sort_newest_first_on_request(context, base, corpus):
    page = open_page(context, base)
    search(page, "最多跑一次")
    first = result_keys(page)
    page.check("#gazette-search .gazette-sort input")
    # the re-sorted list, not the empty one the UI shows while it loads it
    page.wait_for_function("first => { const hrefs = [...document.querySelectorAll("
                           "'#gazette-search .pagefind-ui__result-link')].map(a => a.getAttribute('href'));"
                           " return hrefs.length >= 3 && hrefs.join() !== first; }", arg=",".join(
                               page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.getAttribute('href'))")),
                           timeout=15000)
    keys = [k for k in result_keys(page) if k in corpus.documents]
    dates = [corpus.documents[k].date for k in keys]
    assert len(dates) >= 3 and dates == sorted(dates, reverse=True), list(zip(keys, dates))
    assert keys != first
    page.close()


def test_search_works_under_a_sub_path(chromium):
    """GitHub Pages project sites live at /<repo>/: the bundle, results and lookup follow base_url."""
    with serve(sample_site() / "site", prefix="/archive/") as url:
        page = chromium.new_page()
        page.goto(url)
        search(page, "除险安居")
        hrefs = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.getAttribute('href'))")
        assert hrefs and all(h.startswith("/archive/d/") for h in hrefs), hrefs
        page.fill(SEARCH, "绍政发[2017]7号")
        link = page.wait_for_selector("#gazette-search .gazette-exact__link", timeout=15000)
        assert unquote(link.get_attribute("href")) == "/archive/d/绍政发/2017/7/"
        page.close()


# ---------------------------------------------------------------- 2. a document page

def test_document_page_box_copy_and_citation_links(context, base):
    page = open_page(context, base, "d/衢公办/2018/14/")
    box = page.locator("article .doc-meta")
    assert box.is_visible() and "衢公办〔2018〕14号" in box.inner_text()
    page.click("article .doc-meta button.doc-copy")
    assert page.evaluate("navigator.clipboard.readText()") == "衢公办〔2018〕14号"
    page.click("article .doc-cite button[data-copy-permalink]")
    assert unquote(page.evaluate("navigator.clipboard.readText()")) == base + "d/衢公办/2018/14/"
    page.click("article .doc-cite button[data-copy-from='gbt']")
    citation = page.evaluate("navigator.clipboard.readText()")
    assert citation.startswith("衢州市公安局") or "衢公办〔2018〕14号[A/OL]" in citation
    assert unquote(citation).endswith(base + "d/衢公办/2018/14/")
    # the 引用本文 block gazette-page.js builds from the page's JSON-LD, in GB/T 7714 style and 《》（）
    other = open_page(context, base, "d/绍政发/2017/7/")
    texts = other.eval_on_selector_all(".doc-cite .doc-cite__text", "els => els.map(e => e.textContent)")
    assert texts[0].startswith("绍兴市人民政府. 绍兴市人民政府关于市政府领导分工的通知: 绍政发〔2017〕7号[A/OL]. "
                               "(2017-04-15). ")
    assert unquote(texts[0]).endswith(base + "d/绍政发/2017/7/")
    assert texts[1] == "《绍兴市人民政府关于市政府领导分工的通知》（绍政发〔2017〕7号）"
    assert other.locator(".doc-cite").is_visible() and other.locator(".doc-cite button:visible").count() == 3
    other.close()
    # a citation in the text leads to the cited document, whose 被引用 block links back
    page.click("article p a[href*='衢政办发/2018/24']")   # written readable (generator/postprocess.py)
    page.wait_for_url("**/2018/24/")
    back = page.locator(".doc-cited-by a[href*='2018/14']")
    assert back.count() == 1
    back.click()
    page.wait_for_url("**/%E8%A1%A2%E5%85%AC%E5%8A%9E/2018/14/")
    page.close()


@pytest.mark.parametrize("key", ["d/衢政办发/2018/31/", "d/绍政办发/2017/16/", "d/绍政发/2017/8/", ""])
def test_no_horizontal_scroll_on_a_phone(context, base, key):
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(base + quote(key))
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if key.startswith("d/衢政办发/2018/31"):
        wide = page.evaluate("""() => [...document.querySelectorAll('article table')]
                                .some(t => t.scrollWidth > t.parentElement.clientWidth)""")
        assert wide, "the wide table scrolls inside its own box"
    page.close()


def test_article_anchor_and_toc(context, base):
    page = open_page(context, base, "d/绍政发/2017/8/", "第十条")
    assert page.evaluate("decodeURIComponent(location.hash)") == "#第十条"
    assert page.evaluate("document.getElementById('第十条').getBoundingClientRect().top") < 300, "scrolled to it"
    toc = page.locator(".md-sidebar--secondary .md-nav__link").all_inner_texts()
    assert any("第一章" in t for t in toc)
    # the outline gazette-page.js builds lists every heading under the title, in order, nested by level
    links = page.eval_on_selector_all(".md-sidebar--secondary [data-md-component=toc] a",
                                      "as => as.map(a => decodeURIComponent(a.hash))")
    heads = page.eval_on_selector_all("article h2[id], article h3[id], article h4[id], article h5[id], article h6[id]",
                                      "hs => hs.map(h => '#' + h.id)")
    assert links == heads and len(links) >= 7   # the enclosed 工作规则 and its chapters
    assert page.locator(".md-sidebar--secondary [data-md-component=toc] nav.md-nav a").count() > 0, "nested"
    page.close()


def test_document_page_is_lean_but_leads_home_and_to_every_section(context, base):
    """A document page carries no navigation tree (main.html); on a phone its logo still leads home,
    and one line above the footer links every section of the nav. The pages the nav lists keep the
    tree; the pages they lead to (an issuer's page) are leaves like documents."""
    page = open_page(context, base, "d/绍政发/2017/7/")
    assert page.locator(".md-sidebar--primary").count() == 0
    assert page.locator("label[for=__drawer].md-header__button").count() == 0, "no drawer, no drawer button"
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.locator(".md-header .md-logo").is_visible()
    sections = page.eval_on_selector_all(".gazette-sections a", "as => as.map(a => a.textContent)")
    assert sections[:3] == ["首页", "公报各期", "发文机关"] and "数据下载" in sections and len(sections) == 10
    page.click(".gazette-sections a:text('发文机关')")
    page.wait_for_url("**/issuers/")
    assert page.locator(".md-sidebar--primary .md-nav__link").count() >= 10
    page.goto(base + quote("issuers/绍兴市人民政府/"))
    assert page.locator(".md-sidebar--primary").count() == 0 and page.locator(".gazette-sections a").count() == 10
    page.close()


@pytest.mark.parametrize("key", ["g/shaoxing-2017-04/", "issuers/", "years/2017/", "series/绍政发/2017/",
                                 "wanted/", "d/嘉政发/2012/53/", "about/"])
def test_every_kind_of_page_loads_cleanly(context, base, key):
    """Index, issue, ledger and citation pages: loaded and searchable (errors and hosts: see the last test).
    A not-held number's address (d/嘉政发/2012/53/) lands on its row of the series ledger, highlighted."""
    page = open_page(context, base, key)
    if key == "d/嘉政发/2012/53/":
        page.wait_for_url("**/2012/#53")
        page.wait_for_load_state()
        assert page.evaluate("document.querySelector(':target').closest('tr').textContent").count("嘉政发〔2012〕53号")
        assert page.evaluate("getComputedStyle(document.querySelector(':target').closest('tr')).backgroundColor") \
            not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("article h1").count() == 1
    page.wait_for_selector(SEARCH)
    page.close()


def test_print_looks_like_an_official_document(context, base):
    page = open_page(context, base, "d/绍政发/2017/8/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer',
                                     'button.doc-copy', '.doc-links', '#gazette-search']
        .map(s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'
                                                              || e.offsetParent === null))""")
    assert all(hidden), hidden
    style = page.evaluate("""() => ({
        h1: getComputedStyle(document.querySelector('article h1')).textAlign,
        signature: getComputedStyle(document.querySelector('.doc-signature')).textAlign,
        date: getComputedStyle(document.querySelector('.doc-date')).textAlign,
        number: document.querySelector('.doc-meta li:nth-child(2)').innerText.trim(),
        issuer_shown: getComputedStyle(document.querySelector('.doc-meta li:nth-child(1)')).display})""")
    assert style == {"h1": "center", "signature": "right", "date": "right", "number": "绍政发〔2017〕8号",
                     "issuer_shown": "none"}
    page.close()


def test_404_page_in_chinese_with_search(context, base):
    page = open_page(context, base, "no/such/page/")
    assert "找不到这个页面" in page.inner_text("article")
    box = page.locator(".notfound-search .pagefind-ui__search-input")
    box.first.wait_for(timeout=15000)          # Pagefind UI mounts after the page has loaded
    assert box.count() == 1
    page.close()


def test_zz_no_console_errors_and_no_request_to_another_host():
    """Runs last in this module (name order): everything the tests above opened."""
    assert len(VISITED) >= 8
    assert CONSOLE_ERRORS == [], "\n".join(CONSOLE_ERRORS)
    assert FOREIGN_REQUESTS == []
