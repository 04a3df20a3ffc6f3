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

HEADER_SEARCH = "#gazette-header-q"          # the header's box: a form opening search/?q=
PAGE_SEARCH = "#gazette-q"                    # the search page's own box
RESULT_LINKS = ".gazette-result__title a"
STATUS = ".gazette-status"
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


def wait_for_results(page) -> str:
    """Wait until the search page has said how many documents it found; return what it said."""
    page.wait_for_function(f"() => /找到/.test(document.querySelector('{STATUS}').textContent)", timeout=15000)
    return page.inner_text(STATUS)


def search(page, words: str) -> str:
    """Type into the header box and press Enter, as a reader does; wait for the results page."""
    page.fill(HEADER_SEARCH, words)
    page.press(HEADER_SEARCH, "Enter")
    page.wait_for_url("**/search/?q=*")
    return wait_for_results(page)


# ---------------------------------------------------------------- 1. search

def test_search_shows_highlighted_results_and_filters_by_issuer(context, base, corpus):
    page = open_page(context, base)
    status = search(page, "最多跑一次")
    assert "d/绍政办发/2017/16/" in result_keys(page)
    marks = page.eval_on_selector_all(".gazette-result__excerpt mark", "ms => ms.map(m => m.textContent)")
    assert marks and set(marks) == {"最多跑一次"}, "the whole phrase is marked, never pieces of it"
    assert min(10, int(status.split("找到 ")[1].split(" ")[0])) == page.locator(".gazette-result").count()
    before = set(result_keys(page))
    organ = "嘉兴市人民政府办公室"
    assert page.locator(".gazette-filter").count() == 0, "the filter index loads when the filters are opened"
    page.click(".gazette-filters summary")
    page.wait_for_selector(".gazette-filter")
    more = page.locator(".gazette-filter:has(legend:text-is('发文机关')) .gazette-filter__more")
    if more.count():                        # the most frequent organs first, the rest on request
        more.click()
        assert more.get_attribute("aria-expanded") == "true" and more.evaluate("b => b === document.activeElement")
    page.locator(".gazette-filter__value", has_text=organ).locator("input").check()
    page.wait_for_function("() => decodeURIComponent(location.search).includes('发文机关=')")
    wait_for_results(page)
    page.wait_for_function("() => !document.querySelector('.gazette-status').textContent.includes('正在')")
    after = set(result_keys(page))
    assert after and after != before and "d/绍政办发/2017/16/" not in after
    assert all(organ in corpus.issuers_of[key] for key in after), after
    assert "已按所选条件筛选" in page.inner_text(STATUS)
    # the back button returns to the unfiltered results
    page.go_back()
    page.wait_for_function("() => !location.search.includes('%E5%8F%91')")
    wait_for_results(page)
    page.wait_for_function("n => document.querySelectorAll('.gazette-result').length === n", arg=len(before))
    assert set(result_keys(page)) == before
    page.close()


def test_a_search_is_a_link_with_pages(context, base):
    """search/?q= opens the results; a second page is a link of its own; nothing found says so."""
    page = open_page(context, base, "search/", "")
    page.goto(base + "search/?q=" + quote("人民政府"))
    status = wait_for_results(page)
    assert "第 1/" in status and page.locator(".gazette-result").count() == 10
    first = result_keys(page)
    page.click(".gazette-pages button:text('下一页')")
    page.wait_for_function("() => location.search.includes('page=2')")
    page.wait_for_function("() => document.querySelector('.gazette-status').textContent.includes('第 2/')")
    second = result_keys(page)
    assert second and not set(second) & set(first)
    assert page.evaluate("document.querySelector('ol.gazette-results').start") == 11
    page.goto(base + "search/?q=" + quote("没有这样的一段文字吧"))
    assert "没有找到包含“没有这样的一段文字吧”的公文" in wait_for_results(page)
    assert page.locator(".gazette-result").count() == 0
    page.close()


@pytest.mark.parametrize("typed", ["衢政办发[2018]24号", "衢政办发2018年24号", "衢政办发〔２０１８〕２４号"])
def test_a_typed_doc_number_puts_its_document_first(context, base, typed):
    page = open_page(context, base)
    page.fill(HEADER_SEARCH, typed)
    page.press(HEADER_SEARCH, "Enter")
    page.wait_for_selector(".gazette-exact__link", timeout=15000)
    first = page.eval_on_selector(".gazette-search-page a[href]", "a => a.getAttribute('href')")
    assert unquote(urlsplit(first).path).lstrip("/") == "d/衢政办发/2018/24/"
    page.click(".gazette-exact__link")
    page.wait_for_url("**/d/**")
    assert "衢州市人民政府办公室关于印发" in page.inner_text("h1")
    page.close()


def test_sort_newest_first_on_request(context, base, corpus):
    page = open_page(context, base)
    search(page, "最多跑一次")
    first = result_keys(page)
    shown = ",".join(page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.getAttribute('href'))"))
    page.check(".gazette-sort input")
    page.wait_for_function("() => location.search.includes('sort=date')")
    page.wait_for_function("first => { const hrefs = [...document.querySelectorAll("
                           f"'{RESULT_LINKS}')].map(a => a.getAttribute('href'));"
                           " return hrefs.length >= 3 && hrefs.join() !== first; }", arg=shown, timeout=15000)
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
        page.fill(PAGE_SEARCH, "绍政发[2017]7号")
        link = page.wait_for_selector(".gazette-exact__link", timeout=15000)
        assert unquote(link.get_attribute("href")) == "/archive/d/绍政发/2017/7/"
        page.close()


def test_search_with_the_keyboard_alone(context, base):
    """The box, the filters and the results are reached with Tab; the count is a live region."""
    page = open_page(context, base, "search/")
    page.focus(PAGE_SEARCH)
    page.keyboard.type("最多跑一次")
    page.keyboard.press("Enter")
    wait_for_results(page)
    assert page.get_attribute(STATUS, "role") == "status" and page.get_attribute(STATUS, "aria-live") == "polite"
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => { const e = document.activeElement; return e.closest("
                                     "'.gazette-filters') ? 'filter' : e.closest('.gazette-results') ? 'result' : "
                                     "e.tagName; }"))
    assert "filter" in reached and "result" in reached
    assert page.evaluate("document.querySelector('label[for=gazette-q]').textContent").startswith("搜索")
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
    """A document page carries no navigation tree (main.html): one line above the footer links every
    section of the nav, and on phones the script makes a copy of that line the drawer (so the page
    carries no drawer markup; on desktop the drawer is not shown). The pages the nav lists keep the
    tree; the pages they lead to (an issuer's page) are leaves like documents."""
    page = open_page(context, base, "d/绍政发/2017/7/")
    assert "md-sidebar--primary" not in page.content().split("<body", 1)[0] + page.evaluate(
        "fetch(location.href).then(r => r.text())"), "the page as served has no drawer of its own"
    assert page.locator(".md-sidebar--primary .md-nav__item").count() == 0, "no tree"
    assert not page.locator(".md-sidebar--primary").is_visible(), "on desktop the footer's line is enough"
    sections = page.eval_on_selector_all(".md-footer .gazette-sections a", "as => as.map(a => a.textContent)")
    assert sections[:3] == ["首页", "公报各期", "发文机关"] and "数据下载" in sections and len(sections) == 10
    drawer = page.eval_on_selector_all(".md-sidebar--primary.gazette-drawer a", "as => as.map(a => a.textContent)")
    assert drawer == sections
    page.click(".md-footer .gazette-sections a:text('发文机关')")
    page.wait_for_url("**/issuers/")
    assert page.locator(".md-sidebar--primary .md-nav__link").count() >= 10
    assert page.locator(".gazette-drawer").count() == 0, "a page with the tree keeps Material's drawer"
    page.goto(base + quote("issuers/绍兴市人民政府/"))
    assert page.locator(".md-sidebar--primary .md-nav__item").count() == 0
    assert page.locator(".md-footer .gazette-sections a").count() == 10
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
    page.wait_for_selector(HEADER_SEARCH)
    page.close()


def test_print_looks_like_an_official_document(context, base):
    page = open_page(context, base, "d/绍政发/2017/8/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer',
                                     'button.doc-copy', '.doc-links', '.md-header__search-form']
        .map(s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'
                                                              || e.offsetParent === null))""")
    assert all(hidden), hidden
    style = page.evaluate("""() => ({
        h1: getComputedStyle(document.querySelector('article h1')).textAlign,
        signature: getComputedStyle(document.querySelector('.doc-signature')).textAlign,
        date: getComputedStyle(document.querySelector('.doc-date')).textAlign,
        number: document.querySelector('.doc-meta').innerText.trim(),
        issuer_shown: getComputedStyle(document.querySelector('.doc-meta dd')).display})""")
    assert style == {"h1": "center", "signature": "right", "date": "right", "number": "绍政发〔2017〕8号",
                     "issuer_shown": "none"}
    page.close()


def test_404_page_in_chinese_with_search(context, base):
    page = open_page(context, base, "no/such/page/")
    assert "找不到这个页面" in page.inner_text("article")
    page.fill("#notfound-q", "绍政发[2017]7号")
    page.press("#notfound-q", "Enter")
    page.wait_for_selector(".gazette-exact__link", timeout=15000)
    page.close()


@pytest.mark.parametrize("key, why", [
    ("", "the home page"),
    ("d/衢政办发/2018/31/", "a document page with a table wider than the page"),
    ("g/shaoxing-2017-04/", "an issue page"),
    ("issuers/", "an index page"),
    ("search/?q=电动自行车", "the search with results open"),
    ("search/?q=人民政府&年份=2018", "the search with a filter chosen and pages of results"),
])
def test_axe_core_finds_no_wcag_2_1_aa_violation(context, base, key, why):
    """axe-core (npm axe-core, tests/axe_support.py) on each kind of page a reader meets."""
    from axe_support import run_axe

    page = context.new_page()
    page.goto(base + quote(key, safe="/?=&"))
    if key.startswith("search/"):
        wait_for_results(page)
    page.wait_for_load_state("networkidle")
    assert run_axe(page) == [], why
    page.close()


def test_zz_no_console_errors_and_no_request_to_another_host():
    """Runs last in this module (name order): everything the tests above opened."""
    assert len(VISITED) >= 8
    assert CONSOLE_ERRORS == [], "\n".join(CONSOLE_ERRORS)
    assert FOREIGN_REQUESTS == []
