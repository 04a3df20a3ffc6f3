"""The archive in parts as a reader uses it, in a real headless Chromium, across distinct origins.

The sample corpus built as three parts by city (shaoxing, quzhou, and jiaxing under a sub-path)
and a portal (tests/archive_support.py), each site served on its own port: every link between
them, every search file and every 关怀版 choice crosses from one origin to another.

The sample's cities never cite each other (their citations stay within a city, or name numbers the
archive does not hold), so the one citation between parts the reader follows is made on purpose: a
second build of the sample in which one Quzhou reply also cites 绍政发〔2017〕7号 (``cited``). The
rest runs on the sample as it is: a citation of a number not held opens its row in the portal's
ledger, a document opens one of another part through a portal index, the search on one part finds
another part's documents, the portal's doc-number addresses send the reader on, and 关怀版 follows
the reader although each origin has its own localStorage.

Every page visited records its console errors, failed responses and every request outside the
archive's sites; the last test asserts there were none. One Chromium (conftest ``chromium``), a
fresh browser context per test.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from archive_support import (BuiltArchive, archive_urls, free_ports, run_archive_build, sample_archive,
                             serve_archive, write_archive_config)
from browser_support import CARE_KEY, DESKTOP
from generator.search import host_of
from site_builder import GAZETTES, PageText

PARTS = ("shaoxing", "quzhou", "jiaxing")
CARE = "gazette-care"                              # the class on <html>, the query parameter
SWITCH = ".md-header .gazette-care-switch"
RESULT_LINKS = ".gazette-result__title a"
STATUS = ".gazette-status"

# A Shaoxing document citing a number the archive does not hold (绍市委办发〔2015〕39号), in its text.
CITING = "d/绍政办发/2016/52/"
NOT_HELD = "d/绍市委办发/2015/39/"
LEDGER = "series/绍市委办发/2015/"
# A Shaoxing document, its number, and a Jiaxing one of the same year (the portal's years/2017/).
SHAOXING_DOC, SHAOXING_NUMBER = "d/绍政发/2017/7/", "绍政发〔2017〕7号"
JIAXING_DOC = "d/嘉政办发/2017/30/"
# Searched on Jiaxing: in two Quzhou titles and two Quzhou texts, nowhere on Jiaxing.
PHRASE, SEARCHED_ON, HOLDER = "电动自行车", "jiaxing", "quzhou"
# The citation between parts made for ``cited``: in the reply 衢政发〔2018〕11号 (quzhou).
QUZHOU_REPLY = "d/衢政发/2018/11/"
CITED_TEXT = ("悉。经研究,现批复如下:",
              "悉。参照《绍兴市人民政府关于市政府领导分工的通知》(绍政发〔2017〕7号),经研究,现批复如下:")

VISITED: list[str] = []
CONSOLE_ERRORS: list[str] = []
FOREIGN_REQUESTS: list[str] = []
SITE_URLS: list[str] = []                          # every site_url of every archive served here


# ---------------------------------------------------------------- the archives, served

def build_cited_archive(work: Path) -> BuiltArchive:
    """The sample archive, except that one Quzhou reply also cites a Shaoxing document."""
    gazettes = work / "gazettes"
    shutil.copytree(GAZETTES, gazettes)
    reply = gazettes / "quzhou-2018-03-04.txt"
    text = reply.read_text(encoding="utf-8")
    assert text.count(CITED_TEXT[0]) == 1, "the Quzhou reply's text changed: choose another place to cite"
    reply.write_text(text.replace(*CITED_TEXT), encoding="utf-8")
    urls = archive_urls(free_ports(len(PARTS) + 1))
    config = write_archive_config(work, urls, gazettes)
    result = run_archive_build(config, work / "out")
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    return BuiltArchive(work / "out", config, {name: (url, work / "out" / name) for name, url in urls.items()})


def _served(built):
    """Serve every site of a built archive while the fixture lasts; its origins count as the archive's."""
    servers = serve_archive(built)
    SITE_URLS.extend(url for url, _ in built.sites.values())
    yield built
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def archive(chromium):
    """The sample archive, every site served on the port (and sub-path) of its site_url."""
    yield from _served(sample_archive())


@pytest.fixture(scope="module")
def cited(chromium, tmp_path_factory):
    """The sample archive with one citation from part quzhou to part shaoxing, served."""
    yield from _served(build_cited_archive(tmp_path_factory.mktemp("cited-archive")))


def in_archive(url: str) -> bool:
    return urlsplit(url).scheme in ("data", "blob") or any(url.startswith(site) for site in SITE_URLS)


@pytest.fixture
def context(chromium):
    """A fresh context (its own localStorage on every origin) recording console errors, failed
    responses and requests outside the archive's sites."""
    ctx = chromium.new_context(viewport=DESKTOP)

    def on_console(page, message):
        if message.type != "error":
            return
        if (message.location or {}).get("url", "").endswith("/favicon.ico"):
            return          # a page naming no icon: test_the_portals_redirect_pages_name_the_sites_icon
        CONSOLE_ERRORS.append(f"{page.url}: {message.text} ({(message.location or {}).get('url')})")

    def on_page(page):
        page.on("console", lambda m: on_console(page, m))
        page.on("pageerror", lambda e: CONSOLE_ERRORS.append(f"{page.url}: {e}"))
        page.on("load", lambda p: VISITED.append(p.url))

    ctx.on("page", on_page)
    ctx.on("request", lambda r: in_archive(r.url) or FOREIGN_REQUESTS.append(r.url))
    ctx.on("response", lambda r: r.status >= 400 and CONSOLE_ERRORS.append(f"{r.status} {r.url}"))
    yield ctx
    ctx.close()


# ---------------------------------------------------------------- helpers

def address(archive: BuiltArchive, site: str, key: str) -> str:
    """Page ``key``'s address on ``site``, as a browser asks for it."""
    return archive.url(site) + quote(key, safe="/?=&#")


def built(archive: BuiltArchive, site: str, key: str) -> PageText:
    return PageText((archive.folder(site) / key / "index.html").read_text(encoding="utf-8"))


def documents(archive: BuiltArchive, site: str) -> dict[str, PageText]:
    """Every document page of a site (not its pages of citers): key → page."""
    folder = archive.folder(site)
    return {page.parent.relative_to(folder).as_posix() + "/": PageText(page.read_text(encoding="utf-8"))
            for page in sorted((folder / "d").rglob("index.html")) if "cited-by" not in page.parts}


def site_of(archive: BuiltArchive, url: str) -> str | None:
    """The site whose address ``url`` is under (the longest site_url that prefixes it)."""
    url = unquote(url)
    found = [name for name, (site, _) in archive.sites.items() if url.startswith(site)]
    return max(found, key=lambda name: len(archive.url(name)), default=None)


def key_of(archive: BuiltArchive, url: str) -> str:
    """A page address's key on its site (no query, no fragment)."""
    site = site_of(archive, url)
    assert site is not None, url
    return unquote(url.split("#")[0].split("?")[0])[len(archive.url(site)):]


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def lands_on(page, archive: BuiltArchive, site: str, key: str) -> None:
    """Wait until the page is ``key`` on ``site`` (after any redirect) and loaded."""
    target = archive.url(site) + key
    page.wait_for_function("t => decodeURI(location.origin + location.pathname) === t", arg=target, timeout=15000)
    page.wait_for_load_state("load")
    assert origin(page.url) == origin(archive.url(site))


def care(page) -> tuple[bool, str | None]:
    """Is 关怀版 applied on this page, and what does this origin's localStorage say?"""
    return (page.evaluate(f"document.documentElement.classList.contains('{CARE}')"),
            page.evaluate(f"localStorage.getItem('{CARE_KEY}')"))


def wait_for_results(page) -> str:
    page.wait_for_function(f"() => /找到/.test(document.querySelector('{STATUS}').textContent)", timeout=15000)
    return page.inner_text(STATUS)


def compact(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------- 1–2. links between the sites

def test_a_citation_opens_the_cited_document_on_another_part_and_its_citer_links_back(cited, context):
    """A document page of one part whose text cites a document of another part links it by its
    absolute address there (found in the built pages with html.parser); clicked, the browser is on
    the other part's origin with the cited document's title; that page's 被引用 links back to the
    citer's own part, and following it lands on the citing document."""
    across = []
    for part in PARTS:
        for key, page in documents(cited, part).items():
            for tag, attrs in page.article_tags:
                href = attrs.get("href", "")
                there = site_of(cited, href) if href.startswith("http") else None
                if tag == "a" and there in PARTS and there != part:
                    across.append((part, key, href, there))
    assert (HOLDER, QUZHOU_REPLY, cited.url("shaoxing") + SHAOXING_DOC, "shaoxing") in across, across
    part, key, href, there = next(a for a in across if a[1] == QUZHOU_REPLY)
    cited_key = key_of(cited, href)
    title = built(cited, there, cited_key).h1

    page = context.new_page()
    page.goto(address(cited, part, key))
    page.click(f"article p a[href='{href}']")               # the citation in the text itself
    lands_on(page, cited, there, cited_key)
    assert page.inner_text("article h1") == title == "绍兴市人民政府关于市政府领导分工的通知"

    back = page.locator(f".doc-cited-by a[href='{cited.url(part) + key}']")
    assert back.count() == 1, "the cited document lists its citer on the other part"
    back.click()
    lands_on(page, cited, part, key)
    assert page.inner_text("article h1") == built(cited, part, key).h1
    page.close()


def test_a_citation_of_a_number_not_held_opens_its_row_in_the_portals_ledger_which_links_back(archive, context):
    """A Shaoxing document's text cites 绍市委办发〔2015〕39号, which no part holds: its link is the
    portal's address of that number (absolute), which sends the reader on to the number's row in the
    portal's ledger; the row names the citing document, and its link lands back on Shaoxing."""
    portal = archive.url("portal")
    hrefs = [a["href"] for tag, a in built(archive, "shaoxing", CITING).article_tags if tag == "a" and "href" in a]
    assert portal + NOT_HELD in hrefs
    page = context.new_page()
    page.goto(address(archive, "shaoxing", CITING))
    page.click(f"article p a[href='{portal + NOT_HELD}']")
    lands_on(page, archive, "portal", LEDGER)
    assert urlsplit(page.url).fragment == "39"
    assert page.inner_text("article h1") == "绍市委办发〔2015〕"
    row = page.locator("tr:has(span[id='39'])")
    assert "仅被引用" in row.inner_text()
    row.locator(f"a[href='{archive.url('shaoxing') + CITING}']").click()
    lands_on(page, archive, "shaoxing", CITING)
    assert page.inner_text("article h1") == built(archive, "shaoxing", CITING).h1
    page.close()


def test_a_document_opens_one_of_another_part_through_a_portal_index_and_comes_back(archive, context):
    """A Shaoxing document's 成文日期 opens the portal's year, which lists the documents of several
    parts by their absolute addresses: one of them opens on Jiaxing (under its sub-path) with its
    title; its own year link and the same index bring the reader back to the Shaoxing document."""
    year = "years/2017/"
    page = context.new_page()
    page.goto(address(archive, "shaoxing", SHAOXING_DOC))
    page.click(f"article .doc-meta a[href='{archive.url('portal') + year}']")
    lands_on(page, archive, "portal", year)
    listed = {site_of(archive, h) for h in page.eval_on_selector_all(
        "article td a[href]", "as => as.map(a => a.getAttribute('href'))")}
    assert {"shaoxing", "jiaxing"} <= listed, "the year lists documents of several parts"

    page.click(f"article td a[href='{archive.url('jiaxing') + JIAXING_DOC}']")
    lands_on(page, archive, "jiaxing", JIAXING_DOC)
    assert urlsplit(page.url).path.startswith("/sub/")
    assert page.inner_text("article h1") == built(archive, "jiaxing", JIAXING_DOC).h1 != ""

    page.click(f"article .doc-meta a[href='{archive.url('portal') + year}']")
    lands_on(page, archive, "portal", year)
    page.click(f"article td a[href='{archive.url('shaoxing') + SHAOXING_DOC}']")
    lands_on(page, archive, "shaoxing", SHAOXING_DOC)
    assert page.inner_text("article h1") == built(archive, "shaoxing", SHAOXING_DOC).h1
    page.close()


# ---------------------------------------------------------------- 3–4. the search, over every site

def test_the_search_on_one_part_finds_another_parts_documents_titles_first_from_files_spread_over_the_sites(
        archive, context):
    """On Jiaxing's search page (under its sub-path), 电动自行车, which no Jiaxing document holds and
    two Quzhou titles do, lists every document holding it: absolute links to Quzhou, those whose
    title holds it first; window.GazetteSearch.query gives the same absolute addresses. Every byte
    came from the archive's sites: the index files from more than one of them (each file from the
    site its number names in the manifest), none serving the whole index, and no site's folder holds
    all of its files."""
    holding = {site: {key for key, page in documents(archive, site).items()
                      if PHRASE in compact(page.h1 + page.article)} for site in PARTS}
    titled = {key for key, page in documents(archive, HOLDER).items() if PHRASE in compact(page.h1)}
    assert holding[SEARCHED_ON] == set() and holding["shaoxing"] == set(), "the phrase is Quzhou's only"
    assert titled and holding[HOLDER] - titled, "in some Quzhou titles and in some texts only"

    responses = []
    page = context.new_page()
    page.on("response", lambda r: responses.append(r))
    page.goto(address(archive, SEARCHED_ON, "search/?q=" + PHRASE))
    assert wait_for_results(page).startswith(f"找到 {len(holding[HOLDER])} 件")
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "as => as.map(a => a.getAttribute('href'))")
    titles = [compact(t) for t in page.locator(RESULT_LINKS).all_inner_texts()]
    assert site_of(archive, hrefs[0]) == HOLDER and hrefs[0].startswith(archive.url(HOLDER))
    assert {key_of(archive, h) for h in hrefs} == holding[HOLDER]
    in_title = [PHRASE in t for t in titles]
    assert in_title == sorted(in_title, reverse=True) and sum(in_title) == len(titled), titles

    found = page.evaluate("([q, n]) => window.GazetteSearch.query(q, n)", [PHRASE, 10])
    assert [r["url"] for r in found] == hrefs
    assert all(r["url"].startswith(archive.url(HOLDER)) for r in found)
    page.wait_for_load_state("networkidle")

    # where each byte came from
    outside = [r.url for r in responses
               if site_of(archive, r.url) is None and urlsplit(r.url).scheme not in ("data", "blob")]
    assert responses and outside == []
    manifest = page.evaluate("fetch('../search-index/index.json').then(r => r.json())")
    hosts, folder = manifest["hosts"], manifest["folder"]
    assert sorted(hosts) == sorted(url + "search-index/" for url, _ in archive.sites.values())
    served = defaultdict(int)                       # site → bytes of index files it sent
    for response in responses:
        url = unquote(response.url)
        host = next((h for h in hosts if url.startswith(h + folder + "/")), None)
        if host is None:
            continue
        rel = url[len(host + folder + "/"):]
        assert hosts[host_of(rel, len(hosts))] == host, f"{rel} asked of the wrong site"
        assert response.status == 200
        served[host] += int(response.headers["content-length"])
    assert len(served) > 1, f"the index files came from one site only: {dict(served)}"

    files = {name: {p.relative_to(archive.folder(name) / "search-index" / folder).as_posix(): p.stat().st_size
                    for p in (archive.folder(name) / "search-index" / folder).rglob("*") if p.is_file()}
             for name in archive.sites}
    whole = {rel: size for held in files.values() for rel, size in held.items()}
    total = sum(whole.values()) + (archive.folder("portal") / "search-index" / "index.json").stat().st_size
    assert all(bytes_sent < total for bytes_sent in served.values()), (dict(served), total)
    bins = {rel for rel in whole if rel.endswith(".bin")}
    for name, held in files.items():
        assert 0 < len([rel for rel in held if rel.endswith(".bin")]) < len(bins), name
    page.close()


# ---------------------------------------------------------------- 5. doc-number addresses

def test_the_portals_address_of_a_document_and_a_typed_doc_number_on_another_part_open_it_on_its_part(
        archive, context):
    """The portal's d/绍政发/2017/7/ sends the browser on to the page on Shaoxing, to the place in it
    the address names (#…); on Quzhou's pages,
    the number typed into the search box is looked up in the portal's number files and shown as the
    exact match, an absolute link to the Shaoxing page, which opens it."""
    title = built(archive, "shaoxing", SHAOXING_DOC).h1
    assert SHAOXING_NUMBER in built(archive, "shaoxing", SHAOXING_DOC).text
    assert (archive.folder("portal") / SHAOXING_DOC / "index.html").is_file()
    assert not (archive.folder("quzhou") / SHAOXING_DOC).exists()

    page = context.new_page()
    page.goto(address(archive, "portal", SHAOXING_DOC))
    lands_on(page, archive, "shaoxing", SHAOXING_DOC)
    assert page.inner_text("article h1") == title

    # a place in the document, asked at the portal's address, is the place it lands on
    place = page.evaluate("() => [...document.querySelectorAll('article [id]')].map(e => e.id).pop()")
    assert place
    page.goto(address(archive, "portal", SHAOXING_DOC) + "#" + place)
    lands_on(page, archive, "shaoxing", SHAOXING_DOC)
    page.wait_for_function("p => decodeURIComponent(location.hash) === '#' + p", arg=place, timeout=15000)

    asked = []
    page.on("request", lambda r: asked.append(unquote(r.url)))
    page.goto(address(archive, "quzhou", ""))
    page.fill("#gazette-header-q", SHAOXING_NUMBER)
    page.press("#gazette-header-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert origin(page.url) == origin(archive.url("quzhou"))
    page.wait_for_selector(".gazette-exact__link", timeout=15000)
    exact = page.locator(".gazette-exact__link")
    assert exact.count() == 1 and exact.inner_text() == title
    assert unquote(exact.get_attribute("href")) == archive.url("shaoxing") + SHAOXING_DOC
    assert any(url.startswith(archive.url("portal") + "search/numbers/") for url in asked)
    exact.click()
    lands_on(page, archive, "shaoxing", SHAOXING_DOC)
    assert page.inner_text("article h1") == title
    page.close()


# ---------------------------------------------------------------- 7. 关怀版 across origins

def test_care_mode_follows_the_reader_to_another_site_and_back(archive, context):
    """Each origin has its own localStorage: 关怀版 switched on on a Shaoxing document is on at the
    portal's issuer page the reader follows (applied, stored there, the address tidied); switched
    off there, it is off again on the Shaoxing page the issuer page links."""
    issuer = "issuers/绍兴市人民政府/"
    page = context.new_page()
    page.goto(address(archive, "shaoxing", SHAOXING_DOC))
    assert care(page) == (False, None)
    page.click(SWITCH)
    assert page.get_attribute(SWITCH, "aria-pressed") == "true" and care(page) == (True, "on")

    page.click(f"article .doc-meta a[href='{archive.url('portal') + issuer}']")
    lands_on(page, archive, "portal", issuer)
    assert care(page) == (True, "on"), "关怀版 crossed to the portal"
    assert page.get_attribute(SWITCH, "aria-pressed") == "true"
    page.wait_for_function(f"() => !location.search.includes('{CARE}')")

    page.click(SWITCH)
    assert care(page) == (False, None)
    page.click(f"article a[href='{archive.url('shaoxing') + SHAOXING_DOC}']")
    lands_on(page, archive, "shaoxing", SHAOXING_DOC)
    assert care(page) == (False, None), "关怀版 switched off on the portal is off on Shaoxing again"
    assert page.get_attribute(SWITCH, "aria-pressed") == "false"
    page.close()


def test_care_mode_follows_a_search_result_to_another_part(archive, context):
    """关怀版 switched on on Jiaxing's search page is on at the Quzhou document a result opens."""
    page = context.new_page()
    page.goto(address(archive, SEARCHED_ON, "search/?q=" + PHRASE))
    wait_for_results(page)
    page.click(SWITCH)
    href = page.locator(RESULT_LINKS).first.get_attribute("href")
    page.locator(RESULT_LINKS).first.click()
    lands_on(page, archive, HOLDER, key_of(archive, href))
    assert care(page) == (True, "on")
    page.close()


def test_care_mode_follows_a_citation_of_a_number_not_held_to_the_portals_ledger(archive, context):
    """A citation of a number the archive does not hold goes through the portal's address of that
    number (a redirect to its ledger row): 关怀版 on on the citing Shaoxing page is on at the row."""
    page = context.new_page()
    page.goto(address(archive, "shaoxing", CITING))
    page.click(SWITCH)
    page.click(f"article p a[href='{archive.url('portal') + NOT_HELD}']")
    lands_on(page, archive, "portal", LEDGER)
    assert care(page) == (True, "on"), "关怀版 lost on the way through the portal's redirect page"
    page.close()


# ---------------------------------------------------------------- 6. nothing went wrong anywhere

def test_the_portals_redirect_pages_name_the_sites_icon(archive):
    """The portal's small pages at document and number addresses (address.html.j2, citation.html.j2) are
    shown for an instant before they send the reader on; a page naming no icon makes Chromium ask
    for /favicon.ico at the origin's root, which no site of the archive has (and which is outside a
    site served under a sub-path): a 404 in the console, now and then, as the redirect races it."""
    portal = archive.folder("portal")
    redirects = [portal / SHAOXING_DOC / "index.html", portal / NOT_HELD / "index.html"]
    for page in redirects:
        tags = PageText(page.read_text(encoding="utf-8")).all_tags
        assert any(tag == "meta" and a.get("http-equiv") == "refresh" for tag, a in tags), page
        assert any(tag == "link" and "icon" in a.get("rel", "").split() for tag, a in tags), \
            f"{page.relative_to(portal)}: no <link rel=icon>"


def test_zz_no_console_errors_and_no_request_leaves_the_archive(archive):
    """Runs last in this module (defined last): every page the tests above opened, on every site."""
    assert {site_of(archive, url) for url in VISITED} >= {"portal", *PARTS}
    assert CONSOLE_ERRORS == [], "\n".join(CONSOLE_ERRORS)
    assert FOREIGN_REQUESTS == [], "\n".join(FOREIGN_REQUESTS)
