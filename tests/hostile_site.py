"""The hostile gazette folder and its one build, shared by the tests that read it.

Every file here is made from real gazette text (the head of the Shaoxing 2017-04
gazette, tests/data/shaoxing-head-excerpt.txt), damaged or made hostile in one
way, and they all go into ONE folder next to a real gazette. :func:`hostile_site`
builds that folder once per test session (`mkdocs build` with the gazette plugin,
plus the plugin's `generate()` in-process for the addresses), as
:func:`site_builder.sample_site` builds the sample corpus: test_bad_input.py says
what each case must give, test_chinese_pages.py reads every page it built.

* ``REFUSED``: files the build must refuse (not text, no document, two issues …);
* ``BUILT``: files that must build into correct pages (other encodings, markup,
  paths and template syntax in titles and bodies …).
"""

from __future__ import annotations

import atexit
import functools
import random
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.pipeline import Generation, generate
from site_builder import GAZETTES, mkdocs_build

DATA = Path(__file__).parent / "data"
EXCERPT = (DATA / "shaoxing-head-excerpt.txt").read_text(encoding="utf-8")
LINES = EXCERPT.split("\n")
REAL_TITLE = "绍兴市人民政府关于市政府领导分工的通知"
# Real paragraphs of that notice (lines 56-66 of the excerpt), GBK-encodable.
REAL_BODY = [line for line in LINES[55:66] if line.strip()]
SENTENCE = "现将新一届市政府领导班子分工通知如下:"
REAL_GAZETTE = "shaoxing-2017-04.txt"


def number(serial: int, year: int = 2017) -> str:
    return f"绍政发〔{year}〕{serial}号"


def gazette(title: str = REAL_TITLE, doc_number: str | None = None, body: list[str] | None = None, *,
            toc: bool = True, serial: int = 100, docs: list[tuple[str, str, list[str]]] | None = None) -> str:
    """A one-issue gazette in the Shaoxing layout: masthead, 目录, then documents (title, number, body)."""
    docs = docs or [(title, doc_number or number(serial), REAL_BODY if body is None else body)]
    lines = LINES[4:12]                                    # masthead: name, English name, year, issue
    if toc:
        lines += ["## 目 录", "", "### 【市政府文件】", ""]
        for i, (t, n, _b) in enumerate(docs):
            lines += [t, "", f"〔{n}〕 ..... ({i + 1})", ""]
    for t, n, b in docs:
        lines += [f"# {t}", "", n, "", "各区、县(市)人民政府,市政府各部门、各单位:", ""]
        for paragraph in b:
            lines += [paragraph, ""]
        lines += ["绍兴市人民政府", "", "2017年4月15日", ""]
    return "\n".join(lines) + "\n"


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def _encoded(encoding: str, *, bom: bytes = b"", serial: int) -> bytes:
    return bom + gazette(serial=serial).encode(encoding)


# ------------------------------------------------------------------------ refused files

_rng = random.Random(7)          # fixed seed: the same "random" bytes on every run
GAZETTE_TWICE = EXCERPT + EXCERPT

REFUSED: dict[str, bytes] = {
    "empty": b"",
    "whitespace-only": b" \n\r\n\t\n",
    "ideographic-spaces-only": "\u3000\u3000\n\u3000\n".encode("utf-8"),
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "random-bytes": bytes(_rng.randrange(256) for _ in range(4096)) + b"\x00",
    "invalid-bytes": b"\x80\x80\x80\xff" * 64,
    "toc-without-documents": utf8("\n".join(LINES[4:50]) + "\n"),
    "five-mb-single-line": utf8("绍兴市人民政府公报" * 200_000),
    "gazette-twice-in-one-file": utf8(GAZETTE_TWICE),
    "path-in-doc-number": utf8(gazette(doc_number="绍政/../发〔2017〕101号", serial=101)),
    # PDFs that are none: a web page saved under the PDF's name, a download that broke off
    "html-saved-as-pdf": "<!DOCTYPE html><html><head><title>衢州市人民政府公报</title></head></html>".encode("utf-8"),
    "damaged-pdf": b"%PDF-1.7\n" + b"\x00garbage" * 200,
}


# ------------------------------------------------------------------------ files that build

# A gazette cut at a line boundary in the middle of its document's body.
_CUT = gazette(serial=118).split("\n")
TRUNCATED_LAST_LINE = next(i for i, line in enumerate(_CUT, 1) if line == REAL_BODY[3])
# … and one cut inside its last UTF-8 character
_PLAIN = utf8(gazette(serial=100))
_TRUNCATED_BYTES = _PLAIN[: len(_PLAIN) // 2 + 1]
assert _TRUNCATED_BYTES.decode("utf-8", "replace").endswith("\ufffd")   # the cut really is inside a character

BUILT: dict[str, bytes] = {
    "utf8-bom": b"\xef\xbb\xbf" + utf8(gazette(serial=110)),
    "utf16-le-bom": _encoded("utf-16-le", bom=b"\xff\xfe", serial=111),
    "utf16-be-bom": _encoded("utf-16-be", bom=b"\xfe\xff", serial=112),
    "gb18030": _encoded("gb18030", serial=113),
    "gbk": _encoded("gbk", serial=114),
    "crlf": utf8(gazette(serial=115).replace("\n", "\r\n")),
    "lone-cr": utf8(gazette(serial=116).replace("\n", "\r")),
    "no-toc": utf8(gazette(serial=117, toc=False)),
    "truncated-mid-document": utf8("\n".join(_CUT[:TRUNCATED_LAST_LINE])),
    "truncated-mid-character": _TRUNCATED_BYTES,
    "five-mb-line-in-body": utf8(gazette(serial=119, body=REAL_BODY + ["现将分工通知如下。" * 550_000])),
    "citation-cycle": utf8(gazette(docs=[
        ("绍兴市人民政府关于市政府领导分工的通知", number(120), [f"根据《绍兴市人民政府工作规则》({number(121)})执行。"]),
        ("绍兴市人民政府关于印发绍兴市人民政府工作规则的通知", number(121), [f"分工见{number(120)}。"])])),
    "self-citation": utf8(gazette(serial=130, body=[f"本通知({number(130)})自印发之日起施行。"] + REAL_BODY[:2])),
    "same-document-in-two-gazettes": utf8(gazette(serial=131)),
    "same-number-two-documents": utf8(gazette(docs=[
        (REAL_TITLE, number(132), REAL_BODY[:3]),
        ("绍兴市人民政府关于印发绍兴市人民政府工作规则的通知", number(132),
         ["《绍兴市人民政府工作规则》已经市政府第一次常务会议通过,现予印发。"])])),
    "year-1900": utf8(gazette(doc_number=number(140, 1900))),
    "year-2999": utf8(gazette(doc_number=number(141, 2999))),
    "serial-0": utf8(gazette(doc_number=number(0, 2016))),
    "script-in-title": utf8(gazette("绍兴市人民政府关于<script>alert(1)</script>的通知", serial=150)),
    "img-onerror-in-body": utf8(gazette(serial=151, body=['<img src=x onerror="alert(1)">' + SENTENCE])),
    "javascript-link-in-body": utf8(gazette(serial=152, body=["详见[分工表](javascript:alert(1))。"])),
    "markdown-image-in-body": utf8(gazette(serial=153, body=["![印章](http://evil.example/a.png)" + SENTENCE])),
    "template-syntax-in-title": utf8(gazette("绍兴市人民政府关于{{config.site_name}}的通知", serial=154)),
    "template-syntax-in-body": utf8(gazette(serial=155, body=["{{ 7*7 }} 与 {% include 'base.html' %} 照印。"])),
    "front-matter-markers": utf8(gazette(serial=156, body=["---", "title: 伪造标题", "---", SENTENCE])),
    # a Markdown pipe table in the source is read as a table (parse.body); its cells are text
    "table-pipes": utf8(gazette(serial=157, body=["| 姓名 | 分工 |", "| --- | --- |", "| <b>马卫光</b> | 全面工作 |"])),
    "leading-spaces": utf8(gazette(serial=158, body=["        " + SENTENCE, "    分管市编办、市财政局(市地税局)、市审计局。",
                                                     "\u3000\u3000    联系市国税局、市政府决策咨询委。"])),
    # handled poorly (see test_bad_input): the parser reads a tab-indented line as a table row
    "leading-tabs": utf8(gazette(serial=169, body=[SENTENCE, "\t\t分管市编办、市财政局(市地税局)、市审计局。"])),
    "path-in-title": utf8(gazette("绍兴市人民政府关于../../../etc/passwd与a/b\\c的通知", serial=159)),
    "odd-file-name": utf8(gazette(serial=160)),
    "html-entities-in-body": utf8(gazette(serial=161, body=["&lt;script&gt;alert(1)&lt;/script&gt; 与 &amp;copy;"])),
    "link-breakout-in-title": utf8(gazette("绍兴市人民政府关于x](//evil.example/)的通知", serial=162)),
    "colon-title-second-document": utf8(gazette(docs=[
        (REAL_TITLE, number(167), REAL_BODY[:2]),
        ("绍兴市人民政府关于x](javascript:alert(1))的通知", number(168), ["第二件公文的正文。"])])),
    "attr-list-in-body": utf8(gazette(serial=163, body=[SENTENCE + '{: onclick="alert(1)" }',
                                                        '{: .x onmouseover="alert(1)" }'])),
    "bidi-and-zero-width-in-title": utf8(gazette("绍兴市人民政府关于市政府领导分工\u202etxt\u2067.exe\u061c\u200b\u2060的通知",
                                                 serial=164)),
    "html-comment-in-body": utf8(gazette(serial=165, body=["<!-- 以下隐藏", SENTENCE, "-->"])),
    # the parser drops the formatting tags PDF converters leave (<div>, <p>, <span> …) by design
    "closing-tags-in-body": utf8(gazette(serial=166, body=["</div></article><script>alert(1)</script>", SENTENCE])),
}

FILE_NAMES = {"odd-file-name": "bad 33 ..名字.txt", "html-saved-as-pdf": "bad-html-saved-as-pdf.pdf",
              "damaged-pdf": "bad-damaged-pdf.pdf"}
EXTRA_FILES = {"same-document-in-two-gazettes": "zz-same-document-again.txt"}   # a second gazette, same text


def file_name(case: str) -> str:
    """The name a case's file has in the folder."""
    return FILE_NAMES.get(case, f"bad-{case}.txt")


# ------------------------------------------------------------------------ the one build

@dataclass
class HostileBuild:
    gazettes: Path               # the folder built: every case file and the real gazette
    site: Path
    docs: Path
    log: str
    returncode: int
    gen: Generation


def write_folder(folder: Path) -> None:
    """Every case file plus one real gazette, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(GAZETTES / REAL_GAZETTE, folder)
    for case, data in (*REFUSED.items(), *BUILT.items()):
        (folder / file_name(case)).write_bytes(data)
    for case, name in EXTRA_FILES.items():
        (folder / name).write_bytes(BUILT[case])


@functools.cache
def hostile_site() -> HostileBuild:
    """The hostile folder built once per test session (plain build: a refusal never fails it).

    Cached here rather than as a fixture so that every module reading it shares one build.
    """
    work = Path(tempfile.mkdtemp(prefix="gazette-hostile-"))
    atexit.register(shutil.rmtree, work, True)
    folder = work / "gazettes"
    write_folder(folder)
    result = mkdocs_build(work / "build", folder, strict=False)
    gen = generate(folder, work / "generated")
    return HostileBuild(folder, work / "build" / "site", work / "build" / "docs_src",
                        result.stdout + result.stderr, result.returncode, gen)
