"""The site as people use it at three widths (1280, 768, 390 px), in normal mode and in 关怀版.

Material's header bar keeps its 48 px with the search box on one line (an icon on phones); the
drawer opens from its button on every page; the whole search works from the keyboard alone; the
关怀版 switch (gazette-page.js, gazette.css) gives 24 px text, 1.5 line spacing, 2 em between
paragraphs, 44 × 44 px targets and 7:1 contrast, remembered across pages; 朗读 reads a document a
paragraph at a time; axe-core finds no WCAG 2.1 AA violation in either mode, and no 7:1 contrast
violation in 关怀版. One sample build (tests/site_builder.py) and one Chromium for the session.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

import pytest

from axe_support import ENHANCED_CONTRAST, run_axe
from browser_support import CARE_KEY, PHONE, WIDTHS, serve
from site_builder import sample_site

DOCUMENT = "d/绍政办发/2017/16/"            # a notice with an enclosed plan: headings, lists, paragraphs
PAGES = {                                   # a page of each kind a reader or editor meets
    "home": "",
    "document": DOCUMENT,
    "search": "search/?q=" + quote("最多跑一次"),
    "issue": "g/shaoxing-2017-04/",
    "editors": "editors/refused/",
}
MODES = ("normal", "care")
TARGET = 44                                 # px: the smallest control or navigation link in 关怀版


@pytest.fixture(scope="module")
def base():
    with serve(sample_site() / "site") as url:
        yield url


def open_at(chromium, base: str, key: str, width: str, mode: str, **options):
    """A fresh context (its own localStorage) at ``width``, in ``mode``, on page ``key``; waits for
    search results on the search page."""
    context = chromium.new_context(viewport=WIDTHS[width], **options)
    if mode == "care":
        context.add_init_script(f"try {{ localStorage.setItem('{CARE_KEY}', 'on') }} catch (e) {{}}")
    page = context.new_page()
    page.goto(base + quote(key, safe="/?=&"))
    if key.startswith("search/"):
        page.wait_for_function("() => /找到/.test(document.querySelector('.gazette-status').textContent)",
                               timeout=15000)
    page.wait_for_load_state("load")
    return context, page


def visible_boxes(page, selector: str) -> list[dict]:
    """Every rendered element matching ``selector``: its tag, class, text and box."""
    return page.evaluate("""sel => [...document.querySelectorAll(sel)].filter(e => {
            const s = getComputedStyle(e), r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && e.closest('[hidden]') === null
                   && !e.classList.contains('gazette-visually-hidden'); })
        .map(e => { const r = e.getBoundingClientRect();
            return {what: e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 20),
                    top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; })""",
                         selector)


# ---------------------------------------------------------------- the header, at every width

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_the_header_fits_its_bar_and_nothing_scrolls_sideways(chromium, base, kind, width, mode):
    context, page = open_at(chromium, base, PAGES[kind], width, mode)
    bar = page.evaluate("() => { const r = document.querySelector('.md-header').getBoundingClientRect();"
                        " return {top: r.top, bottom: r.bottom, height: r.height}; }")
    assert bar["height"] == 48, "Material's 2.4rem bar"
    outside = [b for b in visible_boxes(page, ".md-header *")
               if b["top"] < bar["top"] - 0.5 or b["bottom"] > bar["bottom"] + 0.5]
    assert outside == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    name = page.eval_on_selector(".md-header__topic .md-ellipsis", "e => e.scrollWidth <= e.clientWidth")
    assert name, "the site's name is not cut"
    switch = page.locator(".md-header .gazette-care-switch")
    assert switch.is_visible() and switch.get_attribute("aria-pressed") == ("true" if mode == "care" else "false")
    box, button = visible_boxes(page, "#gazette-header-q"), visible_boxes(page, ".md-header__search-form button")
    if width == "phone":
        assert box == [] and button == [] and page.locator(".md-header .gazette-icon--search").is_visible()
    else:
        assert len(box) == len(button) == 1
        assert abs(box[0]["top"] - button[0]["top"]) <= 1, "input and button on one line, tops level"
    context.close()


@pytest.mark.parametrize("key", [DOCUMENT, "issuers/"])
def test_the_drawer_opens_from_its_button_on_a_phone(chromium, base, key):
    """A document page's drawer holds the site's main sections (made by the script from the footer's
    line, not the navigation tree); an index page's holds the tree. The button works with a tap and
    with the keyboard."""
    context, page = open_at(chromium, base, key, "phone", "normal")
    drawer = page.locator(".md-sidebar--primary")
    assert page.evaluate("document.querySelector('.md-sidebar--primary').getBoundingClientRect().right <= 0"), \
        "closed: off-screen"
    page.click(".md-header label[for=__drawer]")
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    sections = drawer.locator("a[href]").all_inner_texts()
    assert [s.strip() for s in sections[:3]] == ["首页", "公报各期", "发文机关"] or key == "issuers/"
    assert "关于本站" in " ".join(sections)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    page.focus(".md-header label[for=__drawer]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null"), "focus moves into it"
    if key == DOCUMENT:
        assert page.locator(".md-sidebar--primary .md-nav__item").count() == 0, "no tree on a document page"
    context.close()


def test_a_document_page_carries_no_markup_for_the_drawer_the_switch_or_reading():
    """The drawer of a document page is made by the script from the footer's line of sections, and
    the 关怀版 switch and 朗读 are written by the script: the page pays only for the header's two
    icons and the one-line script applying 关怀版 before the first paint (+0.3 KB; bench/run.py
    measures its fixed page)."""
    page = (sample_site() / "site" / DOCUMENT / "index.html").read_text(encoding="utf-8")
    assert "md-sidebar--primary" not in page and "gazette-care-switch" not in page and "doc-read" not in page
    assert page.count('class="gazette-sections"') == 1


# ---------------------------------------------------------------- search by keyboard alone

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_whole_search_by_keyboard_alone(chromium, base, width, mode):
    """From the top of a document page: Tab to the search (the icon on a phone, then Enter), type,
    Enter; on the results, Tab to the first result and Enter opens it."""
    context, page = open_at(chromium, base, DOCUMENT, width, mode)
    target = "gazette-icon--search" if width == "phone" else "gazette-header-q"
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("t => document.activeElement.id === t || document.activeElement.classList.contains(t)",
                         target):
            break
    else:
        pytest.fail(f"Tab never reached the search ({target})")
    if width == "phone":
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "gazette-header-q"
        assert page.locator("#gazette-header-q").is_visible()
    page.keyboard.type("最多跑一次")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_function("() => /找到/.test(document.querySelector('.gazette-status').textContent)", timeout=15000)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.gazette-result__title a')"):
            break
    else:
        pytest.fail("Tab never reached a result")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/d/**")
    assert unquote(urlsplit(page.url).path).endswith(unquote(urlsplit(href).path).lstrip("./").lstrip("/"))
    assert page.locator("article h1").count() == 1
    context.close()


# ---------------------------------------------------------------- 关怀版

def test_the_care_switch_is_a_remembered_button(chromium, base):
    """One press (here with the keyboard) turns 关怀版 on, a second turns it off; the choice holds
    on the next page and in localStorage only (no cookie, no request)."""
    context, page = open_at(chromium, base, DOCUMENT, "desktop", "normal")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    switch = page.locator(".md-header .gazette-care-switch")
    assert switch.evaluate("e => e.tagName") == "BUTTON" and switch.get_attribute("aria-pressed") == "false"
    size = "() => parseFloat(getComputedStyle(document.querySelector('article > p')).fontSize)"
    assert page.evaluate(size) < 24
    switch.focus()
    page.wait_for_load_state("networkidle")
    requests.clear()
    page.keyboard.press("Enter")
    assert switch.get_attribute("aria-pressed") == "true" and page.evaluate(size) >= 24
    assert page.evaluate(f"localStorage.getItem('{CARE_KEY}')") == "on"
    assert [r for r in requests if not r.endswith("favicon.png")] == [] and context.cookies() == []
    page.click("article .doc-meta a[href*='issuers/']")
    page.wait_for_url("**/issuers/**")
    assert page.evaluate("document.documentElement.classList.contains('gazette-care')")
    assert page.get_attribute(".md-header .gazette-care-switch", "aria-pressed") == "true"
    page.click(".md-header .gazette-care-switch")
    assert page.get_attribute(".md-header .gazette-care-switch", "aria-pressed") == "false"
    assert page.evaluate(f"localStorage.getItem('{CARE_KEY}')") is None
    assert not page.evaluate("document.documentElement.classList.contains('gazette-care')")
    assert context.cookies() == []
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_care_mode_text_and_spacing(chromium, base, width):
    """Main text ≥ 24 px; line height ≥ 1.3 × the type size for every kind of text block; the space
    between two paragraphs ≥ 1.3 × the line height."""
    context, page = open_at(chromium, base, DOCUMENT, width, "care")
    found = page.evaluate("""() => {
        const ps = [...document.querySelectorAll('article > p')].filter(p => p.offsetParent !== null);
        const lh = e => parseFloat(getComputedStyle(e).lineHeight), fs = e => parseFloat(getComputedStyle(e).fontSize);
        const blocks = [...document.querySelectorAll('article :is(p, li, dt, dd, h1, h2, h3, td)')]
            .filter(e => e.offsetParent !== null && e.textContent.trim());
        const gaps = [];
        for (let i = 1; i < ps.length; i++) {
            if (ps[i].previousElementSibling !== ps[i - 1]) continue;
            gaps.push((ps[i].getBoundingClientRect().top - ps[i - 1].getBoundingClientRect().bottom) / lh(ps[i]));
        }
        return {size: Math.min(...ps.map(fs)), ratios: blocks.map(e => lh(e) / fs(e)), gaps};
    }""")
    assert found["size"] >= 24
    assert found["ratios"] and min(found["ratios"]) >= 1.3
    assert len(found["gaps"]) >= 3 and min(found["gaps"]) >= 1.3
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["document", "search", "home"])
def test_care_mode_targets_are_44_px(chromium, base, kind, width):
    """Buttons, form controls and navigation links (header, drawer, sidebars) are ≥ 44 × 44 px.
    Links inside running text are exempt, and so is the drawer while it is closed off-screen."""
    context, page = open_at(chromium, base, PAGES[kind], width, "care")
    page.wait_for_timeout(100)
    small = [b for b in visible_boxes(page, "button, input:not([type=hidden]), select, textarea, summary, "
                                            ".md-header a, .md-sidebar a, nav a")
             if b["right"] > 0 and b["left"] < WIDTHS[width]["width"]
             and (b["width"] < TARGET - 0.5 or b["height"] < TARGET - 0.5)]
    assert small == []
    context.close()


def test_care_focus_outline_is_clearly_visible(chromium, base):
    context, page = open_at(chromium, base, DOCUMENT, "desktop", "care")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert outline[0] == "solid" and outline[1] >= 3
    context.close()


# ---------------------------------------------------------------- axe-core, both modes

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_axe_core_finds_no_violation_in_either_mode(chromium, base, kind, width, mode):
    """WCAG 2.1 AA (colour contrast included) in both modes; 7:1 contrast in 关怀版."""
    context, page = open_at(chromium, base, PAGES[kind], width, mode)
    page.wait_for_load_state("networkidle")
    assert run_axe(page) == []
    if mode == "care":
        assert run_axe(page, [ENHANCED_CONTRAST]) == []
    context.close()


def test_a_system_asking_for_more_contrast_gets_7_to_1(chromium, base):
    """prefers-contrast: more gives 关怀版's colours without the switch."""
    context, page = open_at(chromium, base, DOCUMENT, "desktop", "normal")
    assert run_axe(page, [ENHANCED_CONTRAST]) != [], "the normal palette is AA, not 7:1 (else this proves nothing)"
    page.emulate_media(contrast="more")
    page.wait_for_timeout(400)              # Material's links fade to a new colour in 125 ms
    assert run_axe(page, [ENHANCED_CONTRAST]) == []
    context.close()


# ---------------------------------------------------------------- without JavaScript

@pytest.mark.parametrize("zoomed", [{"width": 640, "height": 450}, {"width": 320, "height": 568}])
def test_without_javascript_no_switch_and_the_page_reflows_at_200_percent(chromium, base, zoomed):
    """1280 and 640 px at 200% zoom are 640 and 320 CSS px (WCAG 1.4.10). A page with the navigation
    tree keeps Material's drawer, which needs no script; a leaf shows no drawer button (its drawer is
    made by the script) and leads to the sections from the footer's line."""
    context = chromium.new_context(viewport=zoomed, java_script_enabled=False)
    page = context.new_page()
    for key in (DOCUMENT, "", "g/shaoxing-2017-04/"):
        page.goto(base + quote(key))
        assert page.locator(".gazette-care-switch").count() == 0
        assert page.locator(".md-header label[for=__drawer]").is_visible() == (key == ""), key
        if key:
            assert page.locator(".md-footer .gazette-sections a").count() == 10
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), key
        assert page.evaluate("document.querySelector('.md-header').getBoundingClientRect().height") == 48
    context.close()


# ---------------------------------------------------------------- 朗读

# speechSynthesis as a browser with one local zh-CN voice has it: headless Chromium has no voice.
SPEECH_STUB = """
(() => {
  const voices = [{name: 'remote', lang: 'zh-CN', localService: false},
                  {name: 'en', lang: 'en-US', localService: true},
                  {name: 'local', lang: 'zh-CN', localService: true}];
  const spoken = window.__spoken = [];
  const calls = window.__speech = [];
  let current = null;
  const synth = {
    paused: false, speaking: false,
    getVoices: () => voices,
    speak(u) { spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name}); current = u; this.speaking = true; },
    pause() { calls.push('pause'); this.paused = true; },
    resume() { calls.push('resume'); this.paused = false; },
    cancel() { calls.push('cancel'); const u = current; current = null; this.speaking = false; this.paused = false;
               if (u && u.onend) setTimeout(() => u.onend({}), 0); },
    addEventListener() {}, removeEventListener() {},
    __finish() { const u = current; current = null; if (u && u.onend) u.onend({}); },
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.voice = null; };
})();
"""


def test_read_aloud_is_hidden_without_a_voice(chromium, base):
    context, page = open_at(chromium, base, DOCUMENT, "desktop", "normal")
    page.wait_for_timeout(300)
    assert page.locator(".doc-read").count() == 0
    context.close()


@pytest.mark.parametrize("mode", MODES)
def test_read_aloud_reads_title_then_paragraphs_and_can_pause_and_stop(chromium, base, mode):
    context = chromium.new_context(viewport=PHONE)
    context.add_init_script(SPEECH_STUB)
    if mode == "care":
        context.add_init_script(f"localStorage.setItem('{CARE_KEY}', 'on')")
    page = context.new_page()
    page.goto(base + quote(DOCUMENT))
    read = page.locator(".doc-read button:text-is('朗读')")
    assert read.is_visible()
    read.click()
    spoken = page.evaluate("window.__spoken")
    title = page.inner_text("article h1").strip()
    assert spoken == [{"text": title, "lang": "zh-CN", "voice": "local"}], "the title first, in the local zh-CN voice"
    assert page.evaluate("document.querySelector('article h1').classList.contains('doc-reading')")
    page.evaluate("speechSynthesis.__finish()")
    first = page.evaluate("""() => { const p = document.querySelector('.doc-unofficial').nextElementSibling;
                                     return p.textContent.replace(/\\s+/g, ' ').trim(); }""")
    assert page.evaluate("window.__spoken.length") == 2 and page.evaluate("window.__spoken[1].text") == first
    assert page.evaluate("document.querySelectorAll('.doc-reading').length") == 1
    assert page.evaluate("document.querySelector('.doc-unofficial').nextElementSibling.classList"
                         ".contains('doc-reading')"), "the paragraph being read is marked"
    for _ in range(3):
        page.evaluate("speechSynthesis.__finish()")
    texts = [s["text"] for s in page.evaluate("window.__spoken")]
    assert len(texts) == 5 and all(len(t) <= 400 for t in texts) and len(set(texts)) == 5, "a paragraph at a time"
    page.click(".doc-read button:text-is('暂停')")
    assert page.evaluate("window.__speech").count("pause") == 1
    page.click(".doc-read button:text-is('继续')")
    assert page.evaluate("window.__speech").count("resume") == 1
    page.click(".doc-read button:text-is('停止')")
    page.wait_for_timeout(50)
    assert "cancel" in page.evaluate("window.__speech")
    assert page.evaluate("document.querySelectorAll('.doc-reading').length") == 0
    assert page.evaluate("window.__spoken.length") == 5, "stopping does not read on"
    assert page.locator(".doc-read button:text-is('朗读')").is_visible()
    context.close()
