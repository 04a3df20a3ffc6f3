#!/usr/bin/env python3
"""Lay real State Council documents out as gazette issues of another level, with their truth.

The documents are the 27 real ones of ``tests/data/state-council-documents.jsonl``
(see its .md): their text is never changed, only laid out the way 《国务院公报》 and
PDF conversions of it print an issue. What is made up, and only that, is the
layout: masthead, 目录, running heads and page numbers, line wrapping, and (in the
third gazette, said so in its notes) the head of an order (令) around a real text,
because the material has no order.

Each gazette is written with a truth file of the same JSON contract as
``../shared/truth/`` (scored by ``score_parse.py``), computed from where this script
put each line, so the truth is exact by construction; the notes in each truth file
say what a reader of the layout must cope with.

Run it again after changing it; the output is deterministic:

    python tests/levels/build.py            # writes tests/levels/*.txt and *.json
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "data" / "state-council-documents.jsonl"
NATIONAL = "全国"

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
# A cited 发文字号 (the truth's references), written here independently of the parser's grammar:
# series, bracketed year, number, 号; or an order number 令第N号. Neither starts inside a date: a
# regulation's history line prints 1994年4月6日中华人民共和国国务院令第152号发布, where the run of
# Chinese characters before 令 starts with the date's 日 (see _organ_of_order).
_CITED = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]((?:19|20)\d\d)[〕\]］)）]\d+号|[\u4e00-\u9fff]{2,12}令第\d+号")
_COUNTRY = "中华人民共和国"


def _cn_number(s: str) -> int:
    """一九九六 → 1996 (digit by digit), 二十七 → 27 (tens)."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, units = s.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)
    return int("".join(str(_DIGITS[c]) for c in s))


_DATE = re.compile(r"^([〇○零一二三四五六七八九\d]{4})年([一二三四五六七八九十\d]{1,3})月([一二三四五六七八九十\d]{1,3})日$")


def printed_date(line: str) -> str | None:
    """The ISO date of a signature date line as printed (一九九六年二月五日, 2018年10月27日)."""
    m = _DATE.match(line.replace(" ", "").strip())
    if not m:
        return None
    y, mo, d = (_cn_number(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


@dataclass
class Doc:
    """One real document, split where a gazette prints its parts."""

    number: str
    title_lines: list[str]
    rest: list[str]                      # after the 发文字号 line
    issuers: list[str]
    date: str
    enclosed: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    section: str = ""
    number_printed: str = ""              # the doc number line as the layout prints it, if not bare
    order_head: list[str] = field(default_factory=list)    # only for the made-up order: printed instead
                                                           # of the title and number lines

    @property
    def title(self) -> str:
        return "".join("".join(self.title_lines).split())

    def references(self) -> list[str]:
        text = "".join(self.rest)
        found = []
        for m in _CITED.finditer(text):
            cited = _series_only(m.group(0), text[m.start() - 1:m.start()])
            if cited != self.number and cited not in found:
                found.append(cited)
        return found


def _series_only(cited: str, before: str = "") -> str:
    """The cited number without the words before it that the loose pattern took in
    (“请示》（教外际〔2004〕14号” → 教外际〔2004〕14号), in the one form of an order number: the
    organ without the country's name (中华人民共和国国务院令第152号 → 国务院令第152号)."""
    if cited.endswith("号") and "令第" in cited:
        organ, _, serial = cited.rpartition("令第")
        if before.isdigit() and organ[:1] in "年月日":
            organ = organ[1:]                   # 6日中华人民共和国国务院 → the date's 日 is no organ
        organ = re.sub(r"^.*[〇一二三四五六七八九十]+日", "", organ)   # 一九九四年四月六日… likewise
        organ = organ[len(_COUNTRY):] if organ.startswith(_COUNTRY) else organ
        return f"{organ}令第{serial}"
    m = re.search(r"([\u4e00-\u9fff]{1,6})[〔\[［(（]((?:19|20)\d\d)[〕\]］)）](\d+)号$", cited)
    if m:
        series = re.sub(r"^要?(按照|根据)", "", m.group(1))
        return f"{series}〔{m.group(2)}〕{m.group(3)}号"
    return cited


def load_docs() -> list[dict]:
    return [json.loads(line) for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_doc(raw: dict, enclosed=(), attachments=()) -> Doc:
    lines = [l.replace("&sp;", "").rstrip() for l in raw["lines"]]
    at = next(i for i, l in enumerate(lines) if l.strip() == raw["doc_number"])
    rest = lines[at + 1:]
    date = next(d for d in map(printed_date, rest) if d)
    return Doc(raw["doc_number"], lines[:at], rest, list(raw["issuers"]), date,
               list(enclosed), list(attachments))


# ---------------------------------------------------------------------------------------------
# Layout: a page of text lines, with running heads and page numbers between pages


@dataclass
class Layout:
    """What differs between the gazettes: how lines wrap, what a page break prints."""

    lines_per_page: int
    wrap: int | None                      # characters per printed line, None: a paragraph a line
    blank_between: bool                   # a blank line between paragraphs
    furniture: callable                   # (page number, section) -> lines printed at the break


class Writer:
    """Lays lines out on numbered pages and remembers where each document starts and ends."""

    def __init__(self, layout: Layout, first_line: int):
        self.layout = layout
        self.out: list[str] = []
        self.first_line = first_line        # file line number of out[0]
        self.page = 1
        self.on_page = 0
        self.section = ""

    @property
    def line_no(self) -> int:
        return self.first_line + len(self.out)

    def _put(self, text: str) -> None:
        if self.on_page >= self.layout.lines_per_page:
            self.out.extend(self.layout.furniture(self.page, self.section))
            self.page += 1
            self.on_page = 0
        self.out.append(text)
        self.on_page += 1

    def paragraph(self, text: str, wrap: bool = True) -> tuple[int, int]:
        """One paragraph (wrapped when the layout wraps); its first and last file line."""
        first = None
        width = self.layout.wrap
        pieces = [text] if not (wrap and width) or "\t" in text else \
            [text[i:i + width] for i in range(0, len(text), width)] or [""]
        for piece in pieces:
            if first is None and self.on_page >= self.layout.lines_per_page:
                self._put_break()
            first = first or self.line_no
            self._put(piece)
        last = self.line_no - 1
        if self.layout.blank_between:
            self.out.append("")
        return first, last

    def _put_break(self):
        self.out.extend(self.layout.furniture(self.page, self.section))
        self.page += 1
        self.on_page = 0


def lay_out_body(docs: list[Doc], layout: Layout, first_line: int, heads: dict[str, list[str]]):
    """The documents on numbered pages; for each its start page, first and last file line."""
    w = Writer(layout, first_line)
    placed = []
    section = None
    for doc in docs:
        w.section = doc.section
        if doc.section != section:
            section = doc.section
            for head in heads.get(section, []):
                w.paragraph(head, wrap=False)
        page = w.page if w.on_page < layout.lines_per_page else w.page + 1
        start = None
        for line in doc.order_head or doc.title_lines + [doc.number_printed or doc.number]:
            s, _ = w.paragraph(line, wrap=False)
            start = start or s
        end = None
        for line in doc.rest:
            if not line.strip():
                continue
            short = len(line) <= 30
            _, end = w.paragraph(line, wrap=not short)
        placed.append((doc, page, start, end))
    return w.out, placed


def truth_doc(doc: Doc, page: int, start: int, end: int) -> dict:
    return {"doc_number": doc.number, "title": doc.title, "issuers": doc.issuers, "date": doc.date,
            "section": doc.section, "toc_page": page, "start_line": start, "end_line": end,
            "enclosed_titles": doc.enclosed, "attachments": doc.attachments,
            "references": doc.references()}


def write(name: str, head: list[str], toc: callable, docs: list[Doc], layout: Layout,
          heads: dict[str, list[str]], gazette: dict, notes: list[str], tail: list[str] = (),
          out: Path | None = None) -> None:
    """Two passes: the body's pages are known only once it is laid out, and the TOC before it
    prints them, so the body is laid out once to learn the pages and again at its real offset."""
    body, placed = lay_out_body(docs, layout, 1, heads)
    pages = {id(d): p for d, p, _, _ in placed}
    front = head + toc([(d, pages[id(d)]) for d in docs])
    body, placed = lay_out_body(docs, layout, len(front) + 1, heads)
    text = "\n".join(front + body + list(tail)) + "\n"
    out = out or HERE
    (out / f"{name}.txt").write_text(text, encoding="utf-8")
    truth = {"seed": f"{name}.txt", "gazette": gazette, "dispatch_list": [], "toc_only": [],
             "notes": notes, "documents": [truth_doc(*p) for p in placed]}
    (out / f"{name}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The three gazettes


def gazette_1996(raw: list[dict]) -> None:
    """A 1990s issue: one-line masthead with 总号 in parentheses, the TOC's doc number on its own
    line below the title, dot leaders and a bracketed page; a paragraph a line; the running head
    alternates the gazette's name (even pages) and the section (odd pages), page numbers ·N·."""
    docs = [split_doc(raw[6]),
            split_doc(raw[1], enclosed=["关于我国地震重点监视防御区的确定和加强防震减灾工作意见的报告"]),
            split_doc(raw[2]), split_doc(raw[3]), split_doc(raw[4]),
            split_doc(raw[5], enclosed=["关于内地西藏班（校）扩大规模有关问题的请示"],
                      attachments=["内地西藏初中班（校）扩大招生计划表"])]
    docs[0].section = "国务院文件"
    for d in docs[1:]:
        d.section = "国务院办公厅文件"

    def furniture(page, section):
        return ["", f"·{page}·", "", "中华人民共和国国务院公报" if page % 2 else section, ""]

    def toc(entries):
        out, section = ["目　录", ""], None
        for d, page in entries:
            if d.section != section:
                section = d.section
                out += [f"【{section}】", ""]
            out += [d.title, f"（{d.number}）……………………………………（{page}）", ""]
        return out

    head = ["", "中华人民共和国国务院公报", "", "1996年第34号（总号：848）", "",
            "中华人民共和国国务院办公厅编印", "", "1996年12月20日出版", ""]
    write("state-council-1996-34", head, toc, docs, Layout(24, None, True, furniture),
          {}, {"name": "中华人民共和国国务院公报", "region": NATIONAL, "year": 1996, "issue": "第34号",
               "total_issue": 848, "published": "1996-12-20"},
          ["Layout made up (the text is real): masthead on one line '1996年第34号（总号：848）', TOC with the "
           "doc number in parentheses on its own line below the title, then dot leaders and '（N）'.",
           "Running heads between pages: '·N·' page numbers, then '中华人民共和国国务院公报' on odd pages and "
           "the section name (国务院办公厅文件) on even ones, each between blank lines, inside documents too.",
           "Joint issuers: 国务院、中央军委 (批复, signature '国务院　中央军委') and 国务院办公厅、中央军委办公厅; "
           "both are national organs, one name each.",
           "转发 notices (国办发〔1996〕2号, 32号) print the forwarded report after the signature and date; "
           "its title is the enclosed title, its own date (国家地震局 一九九六年一月二十五日) is not the document's.",
           "'（本文有删减）' follows the date of several documents; it belongs to the document.",
           "国函〔1996〕95号 cites '〔1996〕武司字第82号', a military number with the year first: not a 发文字号 "
           "of the grammar, so not a reference."])


def gazette_2004(raw: list[dict]) -> None:
    """A PDF conversion of a 2000s issue: the text wrapped at the column's width (a paragraph runs over
    many lines, with no blank lines), the TOC's doc number in parentheses on the title's line followed
    by '…' leaders and the page, and page furniture ('国务院公报 2004·36' and a bare page number)
    between any two lines, mid-sentence included."""
    docs = [split_doc(raw[12], enclosed=["国务院工作规则"]), split_doc(raw[9]), split_doc(raw[10]),
            split_doc(raw[11]), split_doc(raw[13]), split_doc(raw[14]),
            split_doc(raw[15], attachments=["国土资源部关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告",
                                            "湖北省巴东县官渡口镇马鬃山村地质险情调查专家组意见"]),
            split_doc(raw[16])]
    docs[0].section = "国务院文件"
    for d in docs[1:]:
        d.section = "国务院办公厅文件"

    def furniture(page, section):
        return [f"国务院公报 2004·36" if page % 2 else section, str(page)]

    def toc(entries):
        out, section = ["目录"], None
        for d, page in entries:
            if d.section != section:
                section = d.section
                out.append(f"【{section}】")
            entry, number = d.title, f"（{d.number}）"      # the number is never cut
            while len(entry) > 30:
                out.append(entry[:30])
                entry = entry[30:]
            if len(entry) + len(number) > 30:
                out.append(entry)
                entry = ""
            out.append(f"{entry}{number}…………{page}")
        return out

    head = ["国务院公报", "GAZETTE OF THE STATE COUNCIL OF THE PEOPLE'S REPUBLIC OF CHINA",
            "2004年第36号", "总号：1127", "中华人民共和国国务院办公厅主办", "2004年12月30日"]
    write("state-council-2004-36", head, toc, docs, Layout(40, 34, False, furniture), {},
          {"name": "国务院公报", "region": NATIONAL, "year": 2004, "issue": "第36号", "total_issue": 1127,
           "published": "2004-12-30"},
          ["Layout made up (the text is real): a PDF conversion with no blank lines; paragraphs are cut "
           "every 34 characters, mid-word, and short lines (30 characters or fewer) are printed whole.",
           "Page furniture between any two lines, inside sentences too: the running head ('国务院公报 2004·36' "
           "on odd pages, the section name on even ones) then the bare page number.",
           "TOC entries carry the doc number in parentheses on the title's line and '…' leaders before the "
           "page; long entries wrap every 30 characters.",
           "Titles printed over two or three lines with the organ alone on the first (国务院办公厅 / 关于…).",
           "国办函〔2004〕80号: a 复函 with two attachments announced '附件：1.… 2.…' and printed as 附件1, 附件2.",
           "国办函〔2004〕36号 is dated 二〇〇四年四月二十七日 in print (gov.cn's metadata says 04-17): the truth "
           "follows the print."])


def gazette_2006(raw: list[dict]) -> None:
    """A 2006 issue with a section for orders: a split masthead (中华人民共和国 / 国务院公报) with 总号 on
    a line of its own, a TOC whose entries have no doc number and '．' leaders, number-below-title
    order heads, and running heads that print the section and page on one line."""
    order_text = split_doc(raw[18])
    enclosed = order_text.rest[order_text.rest.index("国家粮食应急预案"):]
    order = Doc("国务院令第455号", ["国家粮食应急预案"], enclosed, ["国务院"], "2006-01-05", ["国家粮食应急预案"])
    order.order_head = ["中华人民共和国国务院令", "第455号", "现公布《国家粮食应急预案》，自公布之日起施行。",
                        "总理　温家宝", "二〇〇六年一月五日"]
    docs = [order,
            split_doc(raw[20], attachments=["2008年北京奥运会首都国际机场协调委员会组建方案"]),
            split_doc(raw[25], attachments=["深圳湾口岸港方口岸区的查验区界址点坐标", "深圳湾公路大桥部分桥面界址点坐标"]),
            split_doc(raw[21]), split_doc(raw[22]), split_doc(raw[23]), split_doc(raw[24])]
    docs[0].section = "国务院令"
    for d in docs[1:3]:
        d.section = "国务院文件"
    for d in docs[3:]:
        d.section = "国务院办公厅文件"

    def furniture(page, section):
        return ["", f"国务院公报 2006·28　　{section}　　{page}", ""]

    def toc(entries):
        out, section = ["目　　录", ""], None
        for d, page in entries:
            if d.section != section:
                section = d.section
                out += [f"【{section}】", ""]
            out += [f"{d.title}．．．．．．．．．．（{page}）", ""]
        return out

    head = ["中华人民共和国", "国务院公报", "", "2006年第28号", "总号：1203", "", "2006年10月10日", ""]
    write("state-council-2006-28", head, toc, docs, Layout(32, None, True, furniture), {},
          {"name": "中华人民共和国国务院公报", "region": NATIONAL, "year": 2006, "issue": "第28号",
           "total_issue": 1203, "published": "2006-10-10"},
          ["Layout made up (the text is real), and one document made up around real text: the material has no "
           "order (令), so the first document is an order head of the national form (中华人民共和国国务院令 / "
           "第455号 / promulgation sentence / 总理 / date) enclosing the real text of 国家粮食应急预案 "
           "(from 国办函〔2005〕57号). Its number, sentence, signer and date are layout, not history.",
           "Masthead split over two lines: '中华人民共和国' / '国务院公报'; 总号 on its own line.",
           "TOC entries give the title only (no doc number) with full-width '．' leaders and '（N）'.",
           "Running heads print issue, section and page on one line: '国务院公报 2006·28　　国务院文件　　7'.",
           "答复 documents (国办函〔2006〕69–82号) are addressed to deputies and committee members "
           "(周桂英等代表：), not to organs.",
           "国函〔2006〕132号 encloses tables of coordinates; its signature is 国务院."])


def split_order(raw: dict) -> Doc:
    """A real order (令) as gov.cn prints it: its head (中华人民共和国国务院令 / 第N号 / the sentence that
    promulgates / 总理 / date) over the regulation, whose title is the order's title and its
    enclosed text."""
    lines = [l.replace("&sp;", "").rstrip() for l in raw["lines"]]
    at = next(i for i, l in enumerate(lines) if printed_date(l))
    serial = re.fullmatch(r"第(\d+)号", lines[1].strip()).group(1)
    organ = lines[0].strip()[:-1]
    organ = organ[len(_COUNTRY):] if organ.startswith(_COUNTRY) else organ
    rest = lines[at + 1:]
    doc = Doc(f"{organ}令第{serial}号", [rest[0]], rest, [organ], printed_date(lines[at]), [rest[0].strip()])
    doc.order_head = lines[:at + 1]
    return doc


def toc_number_below(title_width: int, leader: str):
    """A TOC printing each entry as title, leaders and the page in half-width brackets, with the doc
    number in full-width brackets on the line below (国务院关于……的通知 ..... (6) / （国发〔20xx〕N号）);
    long titles wrap every ``title_width`` characters, the page on the last line."""
    def toc(entries):
        out, section = ["目　录", ""], None
        for d, page in entries:
            if d.section != section:
                section = d.section
                out += [section, ""]
            title = d.title
            while len(title) > title_width:
                out.append(title[:title_width])
                title = title[title_width:]
            number = d.number if not d.order_head else \
                d.order_head[0].strip() + d.order_head[1].strip()        # 中华人民共和国国务院令第706号
            out += [f"{title} {leader} ({page})", f"（{number}）", ""]
        return out
    return toc


def gazette_2018_more(more: list[dict], out: Path) -> None:
    """An issue of 2018 from the real documents of state-council-more.jsonl (orders with revision
    histories, a 印发 notice of two texts, documents closed by （此件公开发布）, titles over three lines):
    TOC as toc_number_below prints it with '.....' leaders, sections as plain lines, running heads
    '国务院公报 2018年第36号' (odd pages) or the section (even pages) over a page number '— N —'."""
    by = {d["doc_number"]: d for d in more}
    docs = [split_order(by["国令第706号"]), split_order(by["国令第707号"]),
            split_doc(by["国发〔2018〕41号"], enclosed=["个人所得税专项附加扣除暂行办法"]),
            split_doc(by["国办发〔2018〕124号"], enclosed=["文化体制改革中经营性文化事业单位转制为企业的规定",
                                                         "进一步支持文化企业发展的规定"]),
            split_doc(by["国办发〔2018〕118号"]), split_doc(by["国办发〔2019〕3号"]), split_doc(by["国办发〔2019〕6号"])]
    for d, section in zip(docs, ["国务院令"] * 2 + ["国务院文件"] + ["国务院办公厅文件"] * 4):
        d.section = section

    def furniture(page, section):
        return ["", "国务院公报 2018年第36号" if page % 2 else section, f"— {page} —", ""]

    head = ["中华人民共和国", "国务院公报", "", "2019年第3号", "（总号：1650）", "", "2019年1月30日", ""]
    write("state-council-2019-03", head, toc_number_below(28, "....."), docs, Layout(30, None, True, furniture),
          {}, {"name": "中华人民共和国国务院公报", "region": NATIONAL, "year": 2019, "issue": "第3号",
               "total_issue": 1650, "published": "2019-01-30"},
          ["Layout made up (the text is real, from state-council-more.jsonl): TOC entries print title, "
           "'.....' and the page in half-width brackets, the doc number in full-width brackets below.",
           "Orders print their history line under the regulation's title: earlier orders cited with the "
           "country's name right after a date (1991年3月4日中华人民共和国国务院令第76号发布).",
           "（此件公开发布） after the date of a notice; a 印发 notice of two texts (国办发〔2018〕124号).",
           "Titles over three lines whose middle line opens like a sentence (经营性…, 重大…, “三农”…)."],
          out=out)


LAWREFBOOK = HERE.parent / "data" / "lawrefbook"


@dataclass
class Regulation:
    """A State Council regulation as LawRefBook/Laws records it (tests/data/lawrefbook/README.md): its
    title, its record (one event a line: 1991年3月4日 中华人民共和国国务院令第76号发布 …) and its text."""

    title: str
    record: list[str]
    text: list[str]

    def event(self, ends: str) -> str | None:
        """The record line that ends with ``ends`` (公布, 施行, 修订通过), without its trailing space."""
        return next((e for e in self.record if e.endswith(ends)), None)

    def history(self, own: str) -> list[str]:
        """The events a gazette prints under the title: all but the order that publishes this text
        (…第706号公布) and the day it takes effect (…施行)."""
        return [e for e in self.record if not e.endswith("施行") and not e.endswith(f"第{own}号公布")]


def load_regulation(name: str) -> Regulation:
    lines = [l.rstrip("\u3000 ") for l in (LAWREFBOOK / name).read_text(encoding="utf-8").splitlines()]
    info_end = lines.index("<!-- INFO END -->")
    title = lines[0].removeprefix("# ")
    record = [l for l in lines[1:info_end] if l]
    text = [l.removeprefix("## ") for l in lines[info_end + 1:] if l]
    return Regulation(title, record, text)


def order_of(reg: Regulation, serial: int, premier: str, history: callable) -> Doc:
    """An order (令) of the State Council around a real regulation of LawRefBook. The text, title and
    record are real; the head is layout made from the record, as the 2006 gazette's order head is: its
    number and date are the record's 公布 event, the sentence says what the record says (通过 at a
    meeting when the record names one, 施行 on the record's day), the premier of that day signs."""
    own = f"{serial}"
    published = reg.event(f"第{own}号公布") or next(e for e in reg.record if f"第{own}号" in e)
    day = published.split(" ")[0]
    in_force = reg.event("施行").split(" ")[0]
    passed = reg.event("通过")
    sentence = (f"《{reg.title}》已经{passed.replace(' ', '')}，现将修订后的《{reg.title}》公布，自{in_force}起施行。"
                if passed else f"现公布修订后的《{reg.title}》，自{in_force}起施行。")
    rest = [reg.title] + history(reg.history(own)) + reg.text
    doc = Doc(f"国务院令第{serial}号", [reg.title], rest, ["国务院"], printed_date(day), [reg.title])
    doc.order_head = ["中华人民共和国国务院令", f"第{serial}号", sentence, f"总理　{premier}", day]
    return doc


def history_line(events: list[str]) -> list[str]:
    """The history as 国务院公报 prints it: one line in brackets, the events run together with a wide
    space, a date glued to what follows it (1991年3月4日中华人民共和国国务院令第76号发布)."""
    return ["（" + "　".join(e.replace(" ", "") for e in events) + "）"]


def history_lines(events: list[str]) -> list[str]:
    """The history as the record prints it: an event a line, a space after its date."""
    return list(events)


def gazette_2005(raw: list[dict]) -> None:
    """A 2005 issue: TOC entries print title, '.....' and the page in half-width brackets with the doc
    number in full-width brackets on the line below; titles in the body print the organ alone on the
    first line, then the rest every 12 characters, the doc number under the title in brackets; the page number alone ('·N·') at the foot of a page,
    no running head but one over the first page break."""
    docs = [split_doc(raw[17]), split_doc(raw[18], enclosed=["国家粮食应急预案"]), split_doc(raw[19])]
    for d in docs:
        d.section = "国务院办公厅文件"
        organ, rest = d.title[:6], d.title[6:]              # 国务院办公厅 alone on the first line
        d.title_lines = [organ] + [rest[i:i + 12] for i in range(0, len(rest), 12)]
        d.number_printed = f"（{d.number}）"

    def furniture(page, section):
        return ["", f"·{page}·", ""] + (["国务院公报　2005年第20号", ""] if page == 1 else [])

    head = ["国务院公报", "", "2005年第20号（总号：1156）", "", "二〇〇五年七月二十日", ""]
    write("state-council-2005-20", head, toc_number_below(32, "....."), docs, Layout(36, None, True, furniture),
          {}, {"name": "国务院公报", "region": NATIONAL, "year": 2005, "issue": "第20号", "total_issue": 1156,
               "published": "2005-07-20"},
          ["Layout made up (the text is real): TOC entries print title, '.....' and the page in half-width "
           "brackets '(N)', the doc number in full-width brackets on the line below; the section as a plain line.",
           "Titles in the body print the organ alone on the first line, then the rest every 12 characters "
           "whatever word a line then starts with (国务院办公厅 / 对全国政协十届三次会议第 / 2741号提案的答复), "
           "the doc number under them in brackets '（国办函〔2005〕21号）'.",
           "Page furniture: the page number alone '·N·' between blank lines; the running head "
           "'国务院公报　2005年第20号' only once, over the first page break.",
           "国办函〔2005〕57号 encloses 国家粮食应急预案 after its date; 国办函〔2005〕69号 ends with "
           "'（本文有删减）', which belongs to it."])


def gazette_2018(raw: list[dict]) -> None:
    """An issue of 2018 with two orders that print their regulation's history, and a 印发 notice closed
    by （此件公开发布） before the plan it encloses: TOC entries print the title with '⋯⋯' and the page
    between middle dots '·N·', the doc number below; running heads and page numbers on one line."""
    patents = order_of(load_regulation("专利代理条例(2018-11-06).md"), 706, "李克强", history_line)
    income_tax = order_of(load_regulation("个人所得税法实施条例(2018-12-18).md"), 707, "李克强", history_lines)
    plan = split_doc(raw[26], enclosed=["政府网站集约化试点工作方案"])
    docs = [plan, patents, income_tax]
    plan.section = "国务院办公厅文件"
    patents.section = income_tax.section = "国务院令"

    def furniture(page, section):
        return ["", f"国务院公报　2018年第35号　{page}" if page % 2 else f"{page}　{section}", ""]

    def toc(entries):
        out, section = ["目　　录", ""], None
        for d, page in entries:
            if d.section != section:
                section = d.section
                out += [f"【{section}】", ""]
            number = d.number if not d.order_head else d.order_head[0] + d.order_head[1]
            out += [f"{d.title}⋯⋯⋯⋯·{page}·", f"（{number}）", ""]
        return out

    head = ["中华人民共和国国务院公报", "", "2018年第35号", "", "总号：1647", "", "2018年12月30日", ""]
    write("state-council-2018-35", head, toc, docs, Layout(70, None, True, furniture),
          {}, {"name": "中华人民共和国国务院公报", "region": NATIONAL, "year": 2018, "issue": "第35号",
               "total_issue": 1647, "published": "2018-12-30"},
          ["Layout made up (the text is real): TOC entries print the title, '⋯⋯' leaders and the page "
           "between middle dots '·N·', the doc number (an order's '中华人民共和国国务院令第706号') below "
           "in full-width brackets.",
           "Two orders of the State Council around real regulations of LawRefBook/Laws (tests/data/lawrefbook/): "
           "the regulation's title, record and text are real; the order head is layout made from the "
           "record (its 公布 event gives number and date, its 通过 and 施行 events the sentence) and the "
           "premier of the day signs it.",
           "The first order prints its regulation's history as 国务院公报 does, one line in brackets with "
           "dates glued to orders (1991年3月4日中华人民共和国国务院令第76号发布); the second as the record "
           "does, an event a line, three of them citing a 《…决定》 without a number. Cited orders are "
           "listed in the one form 国务院令第N号; the own number is no reference.",
           "国办函〔2018〕71号 ends its covering text with '（此件公开发布）' and encloses the plan after it.",
           "Running heads and page numbers share one short line, once a page (a short issue: printed once "
           "or twice)."])


MORE = HERE.parent.parent.parent / "shared" / "realworld" / "state-council-more.jsonl"


def main(more: Path | None = None, more_out: Path | None = None) -> None:
    """Lay out the committed gazettes; with ``more`` (the real documents of state-council-more.jsonl,
    read where they are kept and never copied into the repository) lay out their gazettes into
    ``more_out`` too."""
    raw = load_docs()
    gazette_1996(raw)
    gazette_2004(raw)
    gazette_2006(raw)
    gazette_2005(raw)
    gazette_2018(raw)
    if more is not None and more.exists():
        rows = [json.loads(line) for line in more.read_text(encoding="utf-8").splitlines() if line.strip()]
        gazette_2018_more(rows, more_out or HERE)


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3:          # build.py MORE.jsonl OUT_DIR: also the gazettes of other real texts
        main(Path(sys.argv[1]), Path(sys.argv[2]))
    else:
        main()
