"""Real text for the parser's unit tests, checked against the files it was copied from.

A parser rule tested on text someone made up tests what that person thought a
gazette looks like. So the fixtures of tests/parse/ are excerpts: lines copied
from the sample gazettes (gazettes/*.txt), from the State Council documents
(tests/data/state-council-documents.jsonl, one printed paragraph a line) or from the
test gazettes laid out from them (tests/levels/*.txt: real text, made-up layout such
as running heads, as each file's truth notes say), chosen
and ordered for the case at hand. :func:`excerpt` refuses any line that does not
occur verbatim in one of those sources, so a fixture cannot drift into
invention when someone edits it. Blank lines are layout, free to add or drop;
trailing spaces (Markdown line breaks) are not compared.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from generator.parse.lines import Line, cleanse
from generator.parse.state import ParseState
from generator.parse.stages import STAGES
from generator.sources import SourceText

ROOT = Path(__file__).resolve().parents[2]
GAZETTES = ROOT / "gazettes"
LEVELS = ROOT / "tests" / "levels"
STATE_COUNCIL = ROOT / "tests" / "data" / "state-council-documents.jsonl"


def _key(line: str) -> str:
    return line.rstrip(" ")


@lru_cache(maxsize=1)
def source_lines() -> dict[str, str]:
    """Every line of every source, mapped to where it first occurs (``file:line``)."""
    where: dict[str, str] = {}
    for path in sorted(GAZETTES.glob("*.txt")):
        for no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            where.setdefault(_key(line), f"gazettes/{path.name}:{no}")
    for doc_no, record in enumerate(STATE_COUNCIL.read_text(encoding="utf-8").splitlines(), start=1):
        doc = json.loads(record)
        for no, line in enumerate(doc["lines"], start=1):
            where.setdefault(_key(line), f"{STATE_COUNCIL.name}: document {doc_no} ({doc['doc_number']}), line {no}")
    for path in sorted(LEVELS.glob("*.txt")):
        for no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            where.setdefault(_key(line), f"tests/levels/{path.name}:{no}")
    return where


def invented(lines: list[str]) -> list[str]:
    """The non-blank lines that occur in no source file."""
    known = source_lines()
    return [line for line in lines if line.strip() and _key(line) not in known]


def excerpt(text: str) -> list[str]:
    """The lines of an excerpt (outer newlines dropped), each non-blank one checked to be real."""
    lines = text.strip("\n").split("\n")
    made_up = invented(lines)
    assert not made_up, "excerpt lines found in no gazette or State Council document: " + "; ".join(made_up)
    return lines


def where(line: str) -> str:
    """Where a real line comes from, for messages."""
    return source_lines()[_key(line)]


def excerpt_text(text: str) -> str:
    """An excerpt as one text, as :func:`generator.parse.parse_text` takes it."""
    return "\n".join(excerpt(text))


def excerpt_lines(text: str) -> list[Line]:
    """An excerpt as cleansed lines, as the parser's rules read them."""
    return cleanse(excerpt(text))


def index_of(lines: list[Line], text: str, start: int = 0) -> int:
    """Index of the first line from ``start`` whose cleansed (or raw) text is ``text``."""
    for i in range(start, len(lines)):
        if text in (lines[i].text, lines[i].raw):
            return i
    raise AssertionError(f"no line {text!r} in the excerpt")


def source(text: str, path: str = "excerpt.txt", notes: tuple[str, ...] = ()) -> SourceText:
    """An excerpt as the decoded source the parse stages start from."""
    return SourceText(path, "utf-8", tuple(excerpt(text)), notes)


def state_before(stage: str, text: str | SourceText, **kw) -> ParseState:
    """A parse state of an excerpt (or of a source already read) with every stage before
    ``stage`` run, ready for ``stage``."""
    state = ParseState.of(text if isinstance(text, SourceText) else source(text, **kw))
    for name in STAGES.names():
        if name == stage:
            return state
        STAGES[name](state)
    raise KeyError(stage)


def state_after(stage: str, text: str | SourceText, **kw) -> ParseState:
    """A parse state of an excerpt with every stage up to and including ``stage`` run."""
    state = state_before(stage, text, **kw)
    STAGES[stage](state)
    return state


# ---------------------------------------------------------------------------------------------
# Excerpts more than one test module reads. Each names the lines it was copied from.

# A whole issue in small: masthead, a 目录 of two entries, the first document cut to its head,
# one paragraph and its signature, and the colophon.
# shaoxing-2017-04.txt lines 5-12 (cover), 14-24 (TOC), 52-60 and 114-116 (绍政发〔2017〕7号), 869-874.
SHAOXING_ISSUE = """
# 绍兴市人民政府公报

GAZETTE OF THE PEOPLE'S GOVERNMENT
OF SHAOXING MUNICIPALITY

2017

第04期 (总第270期)

## 目 录

### 【市政府文件】

绍兴市人民政府关于市政府领导分工的通知

〔绍政发〔2017〕7号〕 ..... (1)

绍兴市人民政府关于印发绍兴市人民政府工作规则的通知

〔绍政发〔2017〕8号〕 ..... (2)

# 绍兴市人民政府关于 市政府领导分工的通知

绍政发〔2017〕7号

各区、县(市)人民政府,市政府各部门、各单位:

现将新一届市政府领导班子分工通知如下:

**马卫光** 领导市政府全面工作。负责财政、审计、机构编制等方面工作。

绍兴市人民政府

2017年4月15日

主办单位：绍兴市人民政府办公室
编辑：《绍兴市人民政府公报》编辑室
地址：绍兴市曲屯路286号
准印证：浙内准字第D004号
邮编：312000
联系电话：0575-85148964
"""

# An issue without a masthead (it starts at its TOC) and with a 发文目录 that prints one title
# and one doc number differently from the bodies.
# jiaxing-2017-05.txt lines 3-29 (TOC, three of its entries), 31-37 and 118-119 (嘉政发〔2017〕11号),
# 738-749 (嘉政办发〔2017〕36号 and the plan it encloses), 1111-1122 (发文目录, two of its rows).
JIAXING_ISSUE = """
目 录

【市政府文件】

- 嘉兴市人民政府关于下达 2017 年嘉兴市国民经济和社会发展计划的通知(嘉政发〔2017〕11 号)
..... (1)

【市政府办公室文件】

- 嘉兴市人民政府办公室关于印发 2017 年嘉兴市城市道路交通治堵工作方案的通知
(嘉政办发〔2017〕36 号) (24)

- 2017 年 5 月份市政府、市政府办公室发文目录 (33)

嘉兴市人民政府关于下达 2017 年 嘉兴市国民经济和社会发展的通知

嘉政发〔2017〕11 号

各县(市、区)人民政府,市政府各部门、直属各单位:

2017 年嘉兴市国民经济和社会发展规划已经市八届人大第一次会议审议批准,现印发给你们,请认真组织实施。有关专业计划由市发展改革委另行下达。

嘉兴市人民政府
2017年5月16日

嘉兴市人民政府办公室关于印发2017年 嘉兴市城市道路交通治堵工作方案的通知

嘉政办发〔2017〕36号

各县(市、区)人民政府,市政府各部门、直属各单位:

《2017年嘉兴市城市道路交通治堵工作方案》已经市政府同意,现印发给你们,请认真贯彻执行。

嘉兴市人民政府办公室
2017年5月22日

2017年嘉兴市城市道路交通治堵工作方案

2017 年 5 月份市政府、市政府办公室发文目录

- 嘉政发〔2017〕11 号 嘉兴市人民政府关于下达 2017 年嘉兴市国民经济和社会发展规划的通知

- 嘉政办发〔2016〕36 号 嘉兴市人民政府办公室关于印发 2017 年嘉兴市城市道路交通治堵工作方案的通知
"""

# quzhou-2018-03-04.txt lines 110-122: an order head (…令 / 第N号), its signature and the regulation.
QUZHOU_ORDER = """
衢州市人民政府令

第51号

《衢州市燃气管理办法》已经2018年1月15日市七届政府第13次常务会议审议通过,现予公布,自2018年5月1日起施行。

代市长 汤飞帆

2018年2月21日

衢州市燃气管理办法

第一条 为了加强燃气管理,维护燃气用户、燃气经营者的合法权益,保障公民、法人和其他组织生命财产安全和社会公共安全,保证燃气供应,根据《城镇燃气管理条例》、《浙江省燃气管理条例》和有关法律、法规的规定,结合本市实际,制定本办法。
"""

# The same order with its 第51号 line lost (as a PDF conversion can drop a line): every line is real.
QUZHOU_ORDER_WITHOUT_NUMBER = QUZHOU_ORDER.replace("第51号\n\n", "", 1)

# tests/levels/state-council-2006-28.txt lines 31-41 without 第455号: a State Council order head,
# its short promulgation (现公布《…》), signer, date and the regulation's title.
STATE_COUNCIL_ORDER_WITHOUT_NUMBER = """
中华人民共和国国务院令

现公布《国家粮食应急预案》，自公布之日起施行。

总理　温家宝

二〇〇六年一月五日

国家粮食应急预案
"""

# shaoxing-2017-04.txt lines 118-129: the regulation a notice encloses printed above its title.
PRE_TITLE_NOTICE = """
## 绍兴市人民政府工作规则

### 绍兴市人民政府关于印发 绍兴市人民政府工作规则的通知

绍政发〔2017〕8号

各区、县(市)人民政府,市政府各部门、各单位:

《绍兴市人民政府工作规则》已经市政府第一次常务会议通过,现予印发。

绍兴市人民政府
2017年4月18日
"""

# quzhou-2018-03-04.txt lines 467-479: the issuer on its own line over the title, a heading 一、 and a
# long (一) item that is a sentence, not a heading.
SPLIT_TITLE_NOTICE = """
衢州市人民政府办公室

关于2017年度全市小城镇环境 综合整治工作先进集体和先进个人的通报

衢政办发〔2018〕17号

各县(市、区)人民政府,市政府各部门、直属各单位:

一、先进集体(35家)

(一)市本级(8家):市规划局、市卫生计生委、市综合执法局、市公安局交警支队衢江大队、市通信发展办公室、市经信委、市交通运输局、国网衢州供电公司。
"""


# tests/levels/state-council-2018-35.txt, 国办函〔2018〕71号: an enclosed plan named in 《》 in a title wrapped over two lines.
ENCLOSING = """
国务院办公厅关于印发《政府网站集约化

试点工作方案》的通知

国办函〔2018〕71号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

《政府网站集约化试点工作方案》已经国务院领导同志同意，现印发给你们，请认真贯彻执行。

国务院办公厅

2018年10月27日

（此件公开发布）
"""
