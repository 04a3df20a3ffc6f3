"""The 已废止文件 page kind (generator/render/kinds/repealed.py): what later documents repeal or amend.

On the sample corpus every repealed number is one the archive does not hold; the held case is
built from the real texts of 衢公积金〔2018〕15号 (which amends and repeals 衢公积金〔2015〕18号)
and the title that text gives the older notice.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from generator import urls
from generator.corpus import build_corpus
from generator.render import render_site
from generator.render.kinds.repealed import KEY, is_later
from generator.render.registry import generated_roots, load_kinds, nav_hidden_roots
from gazette_factories import make_document, make_issue

PAGE = urls.source_path(KEY)
# Real text of 衢公积金〔2018〕15号 (quzhou-2018-03-04.txt), the sentences that amend and repeal.
AMENDS = ("为进一步规范公积金个人住房贷款楼盘管理,提高资金运作效率,特对《关于印发衢州市公积金个人住房贷款"
          "楼盘管理暂行办法的通知》(衢公积金〔2015〕18号)进行修改,制订本办法。")
REPEALS = "本办法自发文之日起实施。原《关于印发衢州市公积金个人住房贷款楼盘管理暂行办法的通知》(衢公积金〔2015〕18号)同时废止。"
OLD_TITLE = "关于印发衢州市公积金个人住房贷款楼盘管理暂行办法的通知"
# Real text of 衢公积金〔2018〕18号 (same gazette), which repeals a number the archive does not hold.
VOIDS = "第二十条 本细则自发文之日起实施,原《衢州市住房公积金授信融资额度竞争性分配管理办法(试行)》(衢公积金〔2017〕20号)同时作废。"


class Cells(HTMLParser):
    """The table rows of a Markdown page converted to HTML: one list of cell texts per row."""

    def __init__(self, html: str):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _rows(page: str, md_to_html) -> list[list[str]]:
    body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
    return Cells(md_to_html(body)).rows


def test_it_is_registered_once_with_its_own_folder_out_of_the_nav():
    assert "repealed" in load_kinds().names()
    assert "repealed" in generated_roots() and "repealed" in nav_hidden_roots()


def test_the_sample_corpus_lists_its_repeals_and_its_amendment_apart(real_issues, md_to_html):
    pages = render_site(build_corpus(real_issues))
    page = pages[PAGE]
    repealed, amended = page.split("## 已修改")
    rows = _rows(repealed, md_to_html)
    numbers = [r[0] for r in rows[1:]]
    assert sorted(numbers) == sorted(["衢价费〔2007〕143号", "衢价费〔2007〕146号", "衢价费〔2008〕42号",
                                      "衢公积金〔2017〕20号", "衢公积金〔2015〕18号", "嘉政发〔2012〕53号"])
    row = next(r for r in rows if r[0] == "嘉政发〔2012〕53号")
    assert row[1].startswith("嘉兴市人民政府关于印发嘉兴市人民政府工作规则的通知（嘉政发〔2017〕12号）")
    assert row[2].endswith("(嘉政发〔2012〕53 号)同时废止。")          # the citing sentence, as printed
    amended_rows = _rows(amended, md_to_html)
    assert [r[0] for r in amended_rows[1:]] == ["衢公积金〔2015〕18号"]
    assert "进行修改" in amended_rows[1][2]
    assert "### 本站未收录的文号" in repealed and "### 本站收录的文件" not in repealed
    home = pages[urls.source_path(urls.HOME)]
    assert "[已废止文件](repealed/index.md)：被后来的文件废止或修改的 6 件文件" in home


def _corpus(old_date: dt.date):
    old = make_document(OLD_TITLE, "衢公积金〔2015〕18号", position=1, date=old_date,
                        issuers=("衢州市住房公积金管理委员会",), body=["各县(市、区)住房公积金管理部门:"])
    new = make_document("关于印发《衢州市住房公积金个人住房贷款楼盘管理办法》的通知", "衢公积金〔2018〕15号",
                        position=1, date=dt.date(2018, 3, 29), issuers=("衢州市住房公积金管理委员会",),
                        body=[AMENDS, REPEALS])
    voids = make_document("关于印发《衢州市住房公积金竞争性银行授信融资实施细则(试行)》的通知", "衢公积金〔2018〕18号",
                          position=2, date=dt.date(2018, 4, 11), issuers=("衢州市住房公积金管理委员会",),
                          body=[VOIDS])
    return build_corpus([make_issue("quzhou-2015-06", [old], year=2015),
                         make_issue("quzhou-2018-03-04", [new, voids], year=2018)])


def test_a_held_document_comes_first_and_links_to_its_page(md_to_html):
    page = render_site(_corpus(dt.date(2015, 6, 1)))[PAGE]
    repealed = page.split("## 已修改")[0]
    assert repealed.index("### 本站收录的文件") < repealed.index("### 本站未收录的文号")
    assert repealed.index("衢公积金〔2015〕18号") < repealed.index("### 本站未收录的文号") < \
        repealed.index("[衢公积金〔2017〕20号]")
    assert f"[{OLD_TITLE}（衢公积金〔2015〕18号）](../d/衢公积金/2015/18.md) | 2015年6月1日" in repealed
    rows = _rows(repealed, md_to_html)
    assert rows[1][3] == REPEALS.split("。", 1)[1]          # the repealing sentence only


def test_a_citing_document_older_than_the_cited_one_is_not_listed():
    page = render_site(_corpus(dt.date(2018, 6, 1)))[PAGE]     # the "old" notice dated after the citing one
    assert "衢公积金〔2015〕18号" not in page and "本站文件中未见修改的文件。" in page
    assert "[衢公积金〔2017〕20号]" in page                       # the other repeal is still listed


def test_later_is_by_date_then_by_year_and_unknown_is_listed():
    d = dt.date
    assert is_later(d(2018, 3, 29), 2018, d(2015, 6, 1), 2015)
    assert not is_later(d(2018, 3, 29), 2018, d(2018, 3, 29), 2018)      # the same day is not later
    assert is_later(d(2018, 3, 29), 2018, None, 2018)                     # a number of the same year
    assert not is_later(None, 2015, None, 2016)
    assert is_later(None, None, None, None)
