"""The citation web on the built site: in-text links, backlinks, doc-number addresses, the indexes, the CSV.

Everything is read back from the HTML that `mkdocs build --strict` wrote (html.parser),
and compared with the citation graph the link stage built from the same gazettes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import frontmatter
from mkdocs.utils import meta as mkdocs_meta

from conftest import GAZETTES, mkdocs_build
from gazette_factories import make_document, make_issue
from generator import urls
from generator.doc_number import canonicalize
from generator.corpus import build_corpus
from generator.model import CitationKind
from generator.render import render_site

# Blocks of a page, by the class of the element that holds them.
SECTIONS = ("doc-meta", "doc-cites", "doc-cited-by", "doc-notice", "doc-warnings")


class SitePage(HTMLParser):
    """Links of a built page (in the article), each with the page section it sits in, and table rows."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []         # {"href", "text", "section", "classes"}
        self.rows: list[list[str]] = []     # table rows as cell texts
        self.row_links: list[list[str]] = []  # hrefs per table row
        self.row_ids: list[str | None] = []   # the id an element in the row carries (ledger rows)
        self.redirect: str | None = None      # a <meta http-equiv="refresh"> target
        self.text_of: dict[str, str] = {}   # section -> its text
        self._stack: list[tuple[str, str | None]] = []   # (tag, section it opens)
        self._article = 0
        self._a: dict | None = None
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()

    @property
    def section(self) -> str:
        opened = [s for _, s in self._stack if s]
        return opened[-1] if opened else "body"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.redirect = (a.get("content") or "").partition("url=")[2]
        if tag in ("br", "img", "meta", "link", "input", "hr"):
            return
        opens = next((c for c in classes if c in SECTIONS), None)
        if tag == "article":
            self._article += 1
        self._stack.append((tag, opens))
        if tag == "a" and self._article:
            self._a = {"href": a.get("href", ""), "text": "", "section": self.section, "classes": classes}
        if tag == "tr" and self._article:
            self.rows.append([])
            self.row_links.append([])
            self.row_ids.append(None)
        if self.rows and self._cell is not None and a.get("id") and self.row_ids[-1] is None:
            self.row_ids[-1] = a["id"]
        if tag in ("td", "th") and self.rows:
            self._cell = []
        if tag == "a" and self._article and self.rows and self._cell is not None:
            self.row_links[-1].append(a.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "a" and self._a is not None:
            self.links.append(self._a)
            self._a = None
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        while self._stack:
            t, _ = self._stack.pop()
            if t == "article":
                self._article -= 1
            if t == tag:
                break

    def handle_data(self, data):
        if self._a is not None:
            self._a["text"] += data
        if self._cell is not None:
            self._cell.append(data)
        if self._article:
            self.text_of[self.section] = self.text_of.get(self.section, "") + data


def page_html(site: Path, key: str) -> Path:
    return site / key / "index.html"


def read(site: Path, key: str) -> SitePage:
    return SitePage(page_html(site, key).read_text(encoding="utf-8"))


def target_key(from_key: str, href: str) -> str:
    """The page key an href on page ``from_key`` points at (as a browser resolves it)."""
    path = unquote(urlsplit(urljoin("http://site/" + from_key, href)).path).lstrip("/")
    return path[: -len("index.html")] if path.endswith("index.html") else path


# ---------------------------------------------------------------- 1. links and backlinks

def test_every_cited_number_is_a_working_link_at_its_span(built_site, corpus):
    checked = 0
    for key, citations in corpus.citations_of.items():
        if not citations:
            continue
        page = read(built_site, key)
        body_links = [l for l in page.links if l["section"] == "body"]
        for number in dict.fromkeys(c.cited_number for c in citations):
            links = [l for l in body_links if canonicalize(l["text"]) == number]
            assert links, (key, number)
            expected = {corpus.link_target(number, key, c.cited_title)
                        for c in citations if c.cited_number == number}
            for link in links:
                target = target_key(key, link["href"])
                assert target in expected, (key, number, link)
                assert page_html(built_site, target).is_file(), (key, target)
                assert ("not-held" in link["classes"]) == (target not in corpus.documents), link
            checked += 1
    resolved = sum(1 for c in corpus.citations if c.cited_number in corpus.by_number)
    assert resolved >= 2 and checked >= 100
    print(f"in-text citation links checked: {checked}")


def test_every_cited_document_shows_its_backlinks_with_kind_and_date(built_site, corpus):
    checked = 0
    for target, citing_keys in corpus.cited_by.items():
        if not citing_keys:
            continue
        page = read(built_site, target)
        back = [l for l in page.links if l["section"] == "doc-cited-by"]
        assert [target_key(target, l["href"]) for l in back] == sorted(
            citing_keys, key=lambda k: (corpus.documents[k].date is None,
                                        -(corpus.documents[k].date or dt.date.min).toordinal(), k))
        for citing in citing_keys:
            document = corpus.documents[citing]
            assert f"{document.date.year}年{document.date.month}月{document.date.day}日" in page.text_of["doc-cited-by"]
            # and the citing page lists the target, linked with its title, under 引用文件
            cites = [l for l in read(built_site, citing).links if l["section"] == "doc-cites"]
            assert any(target_key(citing, l["href"]) == target and corpus.documents[target].title in l["text"]
                       for l in cites), (citing, target)
            checked += 1
    assert checked >= 2, "绍政办发〔2016〕52号 → 绍政办发〔2015〕21号, 衢公办〔2018〕14号 → 衢政办发〔2018〕24号"
    assert "依据" in read(built_site, "d/绍政办发/2015/21/").text_of["doc-cited-by"]
    print(f"backlinks checked: {checked}")


def test_unresolved_citations_are_listed_with_title_and_not_held_mark(built_site, corpus):
    key = "d/绍政发/2015/13/"
    cites = [l for l in read(built_site, key).links if l["section"] == "doc-cites"]
    link = next(l for l in cites if l["text"] == "浙政发〔2014〕38号")
    assert "not-held" in link["classes"] and target_key(key, link["href"]) == "d/浙政发/2014/38/"
    text = read(built_site, key).text_of["doc-cites"]
    assert "《浙江省人民政府关于推进工业企业“零土地”技术改造项目审批方式改革的通知》" in text and "本站未收录" in text


# ---------------------------------------------------------------- 2. wanted documents

def test_wanted_page_lists_every_unheld_number_with_citing_documents_and_titles(built_site, corpus):
    page = read(built_site, urls.WANTED_INDEX)
    by_number = {}
    for cells, hrefs in zip(page.rows, page.row_links):
        if cells and canonicalize(cells[0]) and len(cells) == 4:
            by_number[canonicalize(cells[0])] = (cells, hrefs)
    wanted = corpus.wanted
    assert set(by_number) == set(wanted) and len(wanted) >= 100
    titled = 0
    for number, info in wanted.items():
        cells, hrefs = by_number[number]
        assert target_key(urls.WANTED_INDEX, hrefs[0]) == info.key
        citing = {target_key(urls.WANTED_INDEX, h) for h in hrefs[1:]}
        assert citing == set(info.citing_keys) and citing, number
        assert int(cells[2]) == len(info.citing_keys)
        for c in info.citations:
            if c.cited_title:
                assert f"《{c.cited_title}》" in cells[1] or any(
                    f"《{t}》" in cells[1] for t in info.titles), (number, c.cited_title)
                titled += 1
    assert titled >= 80
    cells, _ = by_number["嘉政发〔2012〕53号"]
    assert cells[1] == "《嘉兴市人民政府工作规则》"
    print(f"wanted numbers: {len(wanted)}")


def test_a_not_held_number_leads_to_its_ledger_row_which_says_it_was_repealed(built_site):
    """The address of a number the archive does not hold is a small page that sends the reader on to
    the number's row in its series ledger: the row gives the title the citing text uses, who cites it
    and how, and that a later document repealed it."""
    stub = read(built_site, "d/嘉政发/2012/53/")
    assert stub.redirect == "../../../../series/嘉政发/2012/#53"
    assert urlsplit(urljoin("http://site/d/嘉政发/2012/53/", stub.redirect)).fragment == "53"
    assert "本站未收录" in page_html(built_site, "d/嘉政发/2012/53/").read_text(encoding="utf-8")
    ledger = read(built_site, "series/嘉政发/2012/")
    row = ledger.row_ids.index("53")
    serial, status, text = ledger.rows[row]
    assert (serial, status) == ("53", "仅被引用")
    assert "嘉政发〔2012〕53号" in text and "《嘉兴市人民政府工作规则》" in text
    assert "可能已被" in text and "废止" in text
    targets = [target_key("series/嘉政发/2012/", h) for h in ledger.row_links[row]]
    assert "d/嘉政发/2017/12/" in targets, "the repealing document, which also cites it"


def test_every_not_held_address_leads_to_a_ledger_row_listing_its_citers(built_site, corpus):
    """For every wanted number: its address redirects to an existing row of its ledger, and that row
    links every document that cites the number."""
    checked = 0
    for number, info in corpus.wanted.items():
        stub = read(built_site, info.key)
        assert stub.redirect, info.key
        parts = urlsplit(urljoin("http://site/" + info.key, stub.redirect))
        ledger_key = unquote(parts.path).lstrip("/")
        ledger = read(built_site, ledger_key)
        row = ledger.row_ids.index(parts.fragment)
        assert number in ledger.rows[row][2]
        cited_by = {target_key(ledger_key, h) for h in ledger.row_links[row]}
        assert set(info.citing_keys) <= cited_by, number
        checked += 1
    assert checked == len(corpus.wanted) > 100
    print(f"not-held addresses checked: {checked}")


def test_per_series_wanted_pages_partition_the_list(built_site, corpus):
    index = read(built_site, urls.WANTED_INDEX)
    series_pages = {target_key(urls.WANTED_INDEX, l["href"]) for l in index.links
                    if target_key(urls.WANTED_INDEX, l["href"]).startswith("wanted/")}
    listed = []
    for key in series_pages:
        page = read(built_site, key)
        listed += [canonicalize(r[0]) for r in page.rows if r and canonicalize(r[0])]
    assert sorted(listed) == sorted(corpus.wanted)


# ---------------------------------------------------------------- 3. addresses

def test_every_doc_number_address_resolves(built_site, corpus):
    numbers = {d.doc_number for d in corpus.documents.values() if d.doc_number} | set(corpus.numbers)
    for number in numbers:
        key = urls.number_key(number)
        assert page_html(built_site, key).is_file(), (number, key)
    # and every link to a d/ address anywhere in the site lands on a page
    for html in built_site.rglob("index.html"):
        key = html.parent.relative_to(built_site).as_posix() + "/"
        key = "" if key == "./" else key
        for link in SitePage(html.read_text(encoding="utf-8")).links:
            target = target_key(key, link["href"])
            if target.startswith("d/"):
                assert page_html(built_site, target).is_file(), (key, link)


def test_two_gazettes_printing_one_number_for_different_documents_and_one_document_twice(tmp_path, md_to_html):
    """Real excerpt: shaoxing-2017-04 and a reprint whose printer gave 绍政发〔2017〕8号 the number 7."""
    gazettes = tmp_path / "gazettes"
    gazettes.mkdir()
    shutil.copy(GAZETTES / "shaoxing-2017-04.txt", gazettes)
    text = (GAZETTES / "shaoxing-2017-04.txt").read_text(encoding="utf-8")
    (gazettes / "shaoxing-2017-04-reprint.txt").write_text(text.replace("绍政发〔2017〕8号", "绍政发〔2017〕7号"),
                                                           encoding="utf-8")
    result = mkdocs_build(tmp_path / "work", gazettes)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "work" / "site"
    lead, rules = read(site, "d/绍政发/2017/7/"), read(site, "d/绍政发/2017/7-2/")
    # the same document in both gazettes: one page listing both printings
    printed_in = {target_key("d/绍政发/2017/7/", l["href"]) for l in lead.links if l["section"] == "doc-meta"}
    assert {"g/shaoxing-2017-04/", "g/shaoxing-2017-04-reprint/"} <= printed_in
    assert "绍兴市人民政府关于市政府领导分工的通知" in lead.text_of["body"]
    # a different document under the same number: its own labelled page, with a warning on both
    assert "绍兴市人民政府关于印发绍兴市人民政府工作规则的通知" in rules.text_of["body"]
    assert "duplicate-address" in rules.text_of["doc-warnings"] and "duplicate-address" in lead.text_of["doc-warnings"]
    # the correctly numbered original keeps its own page
    assert page_html(site, "d/绍政发/2017/8/").is_file()
    # the reprint's issue page links each TOC entry to the right page
    issue = read(site, "g/shaoxing-2017-04-reprint/")
    toc_targets = [target_key("g/shaoxing-2017-04-reprint/", h) for row in issue.row_links for h in row]
    assert "d/绍政发/2017/7/" in toc_targets and "d/绍政发/2017/7-2/" in toc_targets
    assert "d/绍政发/2017/8/" not in toc_targets
    # every other document is printed identically in both: eight document pages, plus 7-2
    docs = [p for p in (site / "d").rglob("index.html") if "notice" not in p.as_posix()]
    held = [p for p in docs if 'class="doc-provenance"' in p.read_text(encoding="utf-8")]
    assert len(held) == 8 + 1


def test_collision_from_real_excerpts_renders_distinct_pages(md_to_html):
    """GazetteIssues built by hand from real excerpts: same number, different documents; same document twice."""
    def lead():
        return make_document("绍兴市人民政府关于市政府领导分工的通知", "绍政发〔2017〕7号", position=1,
                             date=dt.date(2017, 4, 15),
                             body=["各区、县(市)人民政府,市政府各部门、各单位:", "经研究,现将市政府领导分工通知如下:"])
    rules = make_document("绍兴市人民政府关于印发绍兴市人民政府工作规则的通知", "绍政发〔2017〕7号", position=2,
                          date=dt.date(2017, 4, 18), body=["现将《绍兴市人民政府工作规则》印发给你们,请认真贯彻执行。"])
    issues = [make_issue("shaoxing-2017-04", [lead()]), make_issue("shaoxing-2017-05", [lead(), rules])]
    pages = render_site(build_corpus(issues))
    lead_page, rules_page = pages["d/绍政发/2017/7.md"], pages["d/绍政发/2017/7-2.md"]
    assert frontmatter.loads(lead_page)["doc_title"] == "绍兴市人民政府关于市政府领导分工的通知"
    assert frontmatter.loads(rules_page)["doc_title"] == "绍兴市人民政府关于印发绍兴市人民政府工作规则的通知"
    html = md_to_html(mkdocs_meta.get_data(lead_page)[0])
    assert html.count("刊载") == 2 and "g/shaoxing-2017-04/index.md" in html and "g/shaoxing-2017-05/index.md" in html
    assert len([p for p in pages if p.startswith("d/") and p.endswith(".md")]) == 2   # (plus their JSON twins)


# ---------------------------------------------------------------- 4. indexes: reachable, counts add up

def _reachable(site: Path, depth: int) -> dict[str, int]:
    """Page keys reachable from the home page in at most ``depth`` clicks (links in nav or content)."""
    seen = {"": 0}
    queue = deque([""])
    while queue:
        key = queue.popleft()
        if seen[key] >= depth:
            continue
        html = page_html(site, key).read_text(encoding="utf-8") if key else (site / "index.html").read_text("utf-8")
        for href in _all_hrefs(html):
            target = target_key(key, href)
            if target.endswith("/") or target == "":
                if target not in seen and (site / target / "index.html").is_file():
                    seen[target] = seen[key] + 1
                    queue.append(target)
    return seen


class _Hrefs(HTMLParser):
    """Every <a href> of a page, nav and header included (what a reader can click)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def _all_hrefs(html: str) -> list[str]:
    return [h for h in _Hrefs(html).hrefs if h and "://" not in h and not h.startswith("#")]


def _counts(site: Path, key: str) -> dict[str, int]:
    """First link text → last-column number, for each row of an index page's table."""
    page = read(site, key)
    out = {}
    for cells in page.rows:
        if cells and cells[-1].isdigit():
            out[cells[0]] = int(cells[-1])
    return out


def test_index_pages_reachable_in_two_clicks(built_site, corpus):
    reach = _reachable(built_site, 2)
    for key in urls.INDEXES:
        assert reach.get(key) == 1, key
    pages = list(map(urls.issue_key, corpus.issues))
    pages += [urls.issuer_key(i) for names in corpus.issuers_of.values() for i in names]
    pages += [urls.year_key(d.date.year) for d in corpus.documents.values() if d.date]
    pages += [urls.type_key(d.doc_type) for d in corpus.documents.values() if d.doc_type]
    pages += [urls.region_key(i.region) for i in corpus.issues if i.region]
    from generator.corpus import series_ledgers
    ledgers = series_ledgers(corpus)
    pages += [l.key for l in ledgers]
    missing = sorted({p for p in pages if reach.get(p, 9) > 2})
    assert not missing
    print(f"series ledger pages: {len(ledgers)}")


def test_index_counts_add_up_to_the_documents(built_site, corpus):
    total = len(corpus.documents)
    types = _counts(built_site, urls.TYPES_INDEX)
    assert sum(types.values()) == total and set(types) >= {"通知", "意见", "批复", "令"}
    regions = _counts(built_site, urls.REGIONS_INDEX)
    assert regions.keys() == {"绍兴市", "衢州市", "嘉兴市"} and sum(regions.values()) == total
    years = _counts(built_site, urls.YEARS_INDEX)
    assert sum(years.values()) == total
    issuers = _counts(built_site, urls.ISSUERS_INDEX)
    assert sum(issuers.values()) == sum(len(v) for v in corpus.issuers_of.values())
    assert "衢州市烟草专卖局" in issuers and "浙江省衢州市烟草专卖局" not in issuers
    issues = _counts(built_site, urls.ISSUES_INDEX)
    assert sum(issues.values()) == sum(len(p) for p in corpus.printings.values()) == total
    series = read(built_site, urls.SERIES_INDEX)
    held = sum(int(r[1]) for r in series.rows if len(r) == 5 and r[1].isdigit())
    assert held + sum(1 for d in corpus.documents.values() if not d.doc_number) == total
    # each index's pages hold exactly what the index says
    for name, count in types.items():
        rows = [r for r in read(built_site, urls.type_key(name)).rows if r and r[0] != "成文日期"]
        assert len(rows) == count, name
    for year, count in years.items():
        page = read(built_site, urls.year_key(int(year.rstrip("年"))))
        assert len([r for r in page.rows if r and r[0] != "成文日期"]) == count, year


def test_year_page_groups_by_month(built_site):
    page = read(built_site, urls.year_key(2017))
    text = page.text_of["body"]
    assert "2017年4月" in text and "2017年5月" in text and "2017年3月" in text


def test_issue_page_shows_the_printed_toc_and_the_dispatch_list(built_site, corpus):
    key = "g/jiaxing-2017-05/"
    page = read(built_site, key)
    text = page.text_of["body"]
    assert "市政府文件" in text and "市政府办公室文件" in text and "发文目录" in text
    assert "正文中未见此文件" in text, "the TOC entry for the 发文目录 itself has no document"
    rows = {r[0]: (r, h) for r, h in zip(page.rows, page.row_links) if r}
    # 发文目录: 嘉政发〔2017〕13号 is not held; 〔2016〕30号 is a misprint of a held document
    assert rows["嘉政发〔2017〕13号"][0][2] == "未收录" and not rows["嘉政发〔2017〕13号"][1]
    assert target_key(key, rows["嘉政办发〔2016〕30号"][1][0]) == "d/嘉政办发/2017/30/"
    assert "文号不同" in rows["嘉政办发〔2016〕30号"][0][2]
    assert "版权页" in read(built_site, "g/shaoxing-2017-04/").text_of["doc-meta"]


# ---------------------------------------------------------------- 5. citations.csv

def test_citations_csv_matches_the_graph(built_site, corpus):
    data = (built_site / urls.CITATIONS_CSV).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == len(corpus.citations)
    for row, c in zip(rows, corpus.citations):
        citing = corpus.documents[c.citing_key]
        assert (row["citing"], row["cited"], row["kind"]) == (citing.doc_number, c.cited_number, c.kind.value)
        resolved = corpus.link_target(c.cited_number, c.citing_key, c.cited_title) in corpus.documents
        assert row["resolved"] == ("true" if resolved else "false")
        assert int(row["line"]) == c.line
        assert page_html(built_site, row["cited_url"]).is_file()
    assert {r["kind"] for r in rows} >= {k.value for k in (CitationKind.BASIS, CitationKind.REPEALS, CitationKind.AMENDS)}
    assert sum(r["resolved"] == "true" for r in rows) >= 2
    home = read(built_site, urls.HOME)
    assert any(target_key("", l["href"]) == urls.CITATIONS_CSV for l in home.links)


def test_citations_csv_is_deterministic(real_issues):
    from generator.render.data import citations_csv
    assert citations_csv(build_corpus(real_issues)) == citations_csv(build_corpus(list(reversed(real_issues))))
