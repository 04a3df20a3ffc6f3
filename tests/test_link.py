"""The citation graph: addresses, the doc-number index, resolved citations both ways."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import urls
from generator.model import CitationKind
from generator.corpus import build_corpus, load_issuer_aliases, read_citations
from gazette_factories import make_document, make_issue


def test_documents_are_keyed_by_address(small_issues):
    corpus = build_corpus(small_issues)
    assert list(corpus.documents) == ["d/绍政办发/2015/21/", "d/绍政办发/2016/52/", "g/shaoxing-2016-07/4/"]
    assert corpus.by_number == {"绍政办发〔2015〕21号": "d/绍政办发/2015/21/", "绍政办发〔2016〕52号": "d/绍政办发/2016/52/"}
    assert corpus.issue_of["g/shaoxing-2016-07/4/"] is small_issues[1]


def test_citations_resolve_to_corpus_documents_only(small_issues):
    corpus = build_corpus(small_issues)
    assert corpus.cites["d/绍政办发/2016/52/"] == ["d/绍政办发/2015/21/"]  # 浙政办发〔2015〕20号 is not in the corpus
    assert corpus.cited_by["d/绍政办发/2015/21/"] == ["d/绍政办发/2016/52/"]
    assert corpus.cites["d/绍政办发/2015/21/"] == [] and corpus.cited_by["d/绍政办发/2016/52/"] == []


def test_printed_variants_find_the_document(small_issues):
    corpus = build_corpus(small_issues)
    assert corpus.key_for_number("绍政办发[2015]21号") == "d/绍政办发/2015/21/"
    assert corpus.key_for_number("〔绍政办发〔2015〕21号〕") == "d/绍政办发/2015/21/"
    assert corpus.key_for_number("绍政办发〔2015〕22号") is None


def test_self_and_repeated_references_are_not_citations():
    doc = make_document("绍兴市人民政府关于市政府领导分工的通知", "绍政发〔2017〕7号", position=1, body=[],
                        references=["绍政发〔2017〕7号"])
    other = make_document("绍兴市人民政府工作规则", "绍政发〔2017〕8号", position=2, body=[],
                          references=["绍政发〔2017〕7号", "绍政发〔2017〕7号"])
    corpus = build_corpus([make_issue("shaoxing-2017-04", [doc, other])])
    assert corpus.cites["d/绍政发/2017/7/"] == []
    assert corpus.cites["d/绍政发/2017/8/"] == ["d/绍政发/2017/7/"]
    assert corpus.cited_by["d/绍政发/2017/7/"] == ["d/绍政发/2017/8/"]


def test_same_document_in_two_gazettes_is_one_page_with_both_printings():
    def copy():
        return make_document("绍兴市人民政府关于市政府领导分工的通知", "绍政发〔2017〕7号", position=1, body=[])
    early, late = make_issue("shaoxing-2017-04", [copy()]), make_issue("shaoxing-2017-05", [copy()])
    for order in ([early, late], [late, early]):
        corpus = build_corpus(order)
        assert list(corpus.documents) == ["d/绍政发/2017/7/"]
        assert [p.issue for p in corpus.printings["d/绍政发/2017/7/"]] == [early, late]
        assert corpus.key_of_printing == {("shaoxing-2017-04", 1): "d/绍政发/2017/7/",
                                          ("shaoxing-2017-05", 1): "d/绍政发/2017/7/"}
        assert corpus.warnings == {}


def test_different_documents_under_one_number_get_labelled_addresses_by_date():
    lead = make_document("绍兴市人民政府关于市政府领导分工的通知", "绍政发〔2017〕7号", position=1, body=[],
                         date=dt.date(2017, 4, 15))
    rules = make_document("绍兴市人民政府关于印发绍兴市人民政府工作规则的通知", "绍政发〔2017〕7号", position=2,
                          body=[], date=dt.date(2017, 4, 18))
    # the later-dated document sits in the gazette whose file sorts first: dates decide, not file names
    a, b = make_issue("a-reprint", [rules]), make_issue("shaoxing-2017-04", [lead])
    for order in ([a, b], [b, a]):
        corpus = build_corpus(order)
        assert corpus.documents["d/绍政发/2017/7/"] is lead
        assert corpus.documents["d/绍政发/2017/7-2/"] is rules
        assert corpus.by_number["绍政发〔2017〕7号"] == "d/绍政发/2017/7/"
        assert [w.code for w in corpus.warnings["d/绍政发/2017/7-2/"]] == ["duplicate-address"]
        assert "d/绍政发/2017/7/" in corpus.warnings["d/绍政发/2017/7-2/"][0].message


def test_citation_with_title_picks_the_right_one_of_two_documents_sharing_a_number():
    lead = make_document("绍兴市人民政府关于市政府领导分工的通知", "绍政发〔2017〕7号", position=1, body=[],
                         date=dt.date(2017, 4, 15))
    rules = make_document("绍兴市人民政府关于印发绍兴市人民政府工作规则的通知", "绍政发〔2017〕7号", position=2,
                          body=[], date=dt.date(2017, 4, 18))
    citing = make_document("绍兴市人民政府关于印发加强政府自身建设若干规定的通知", "绍政发〔2017〕9号", position=3,
                           body=["根据《绍兴市人民政府关于印发绍兴市人民政府工作规则的通知》(绍政发〔2017〕7号)精神。"])
    corpus = build_corpus([make_issue("shaoxing-2017-04", [lead, rules, citing])])
    assert corpus.cites["d/绍政发/2017/9/"] == ["d/绍政发/2017/7-2/"]


def test_real_corpus_links_are_consistent(real_issues):
    corpus = build_corpus(real_issues)
    assert len(corpus.documents) == sum(len(i.documents) for i in real_issues)
    total = 0
    for key, document in corpus.documents.items():
        expected = {corpus.by_number[n] for n in document.references if n in corpus.by_number} - {key}
        expected |= {corpus.by_number[c.cited_number] for c in corpus.citations_of[key]
                     if c.cited_number in corpus.by_number} - {key}
        assert set(corpus.cites[key]) == expected
        for target in corpus.cites[key]:
            assert key in corpus.cited_by[target]
        total += len(corpus.cites[key])
        urls.source_path(key)  # every key is a valid, safe address
    assert total > 0, "the sample gazettes cite each other (e.g. 绍政办发〔2015〕21号)"
    assert corpus.cites["d/绍政办发/2016/52/"]



# ---------------------------------------------------------------- citations read from real text

def _one_paragraph(text: str):
    return make_document("嘉兴市人民政府关于印发嘉兴市人民政府工作规则的通知", "嘉政发〔2017〕12号", position=1,
                         body=[text], start_line=300)


@pytest.mark.parametrize("text, expected", [
    # jiaxing-2017-05, line 322: repealed, with the old rules' title and a number printed with a space
    ("第六十二条 本工作规则自发布之日起施行,嘉兴市人民政府 2012 年 5 月 3 日发布的《嘉兴市人民政府工作规则》"
     "(嘉政发〔2012〕53 号)同时废止。",
     [("嘉政发〔2012〕53号", "嘉兴市人民政府工作规则", CitationKind.REPEALS)]),
    # shaoxing-2015-03: 根据 governs every number of its clause; the 印发 inside a title does not count
    ("根据《浙江省人民政府关于推进工业企业“零土地”技术改造项目审批方式改革的通知》(浙政发〔2014〕38号)精神,现就我市",
     [("浙政发〔2014〕38号", "浙江省人民政府关于推进工业企业“零土地”技术改造项目审批方式改革的通知", CitationKind.BASIS)]),
    ("根据《国务院办公厅关于印发危险化学品安全综合治理方案的通知》(国办发〔2016〕88号)、《浙江省人民政府办公厅关于印发"
     "浙江省危险化学品安全综合治理实施方案的通知》(浙政办发〔2017〕11号)等规定,结合我市",
     [("国办发〔2016〕88号", "国务院办公厅关于印发危险化学品安全综合治理方案的通知", CitationKind.BASIS),
      ("浙政办发〔2017〕11号", "浙江省人民政府办公厅关于印发浙江省危险化学品安全综合治理实施方案的通知", CitationKind.BASIS)]),
    # quzhou-2018-03-04: amended, then (elsewhere) 同时作废; a list repealed together
    ("特对《关于印发衢州市公积金个人住房贷款楼盘管理暂行办法的通知》(衢公积金〔2015〕18号)进行修改,制订",
     [("衢公积金〔2015〕18号", "关于印发衢州市公积金个人住房贷款楼盘管理暂行办法的通知", CitationKind.AMENDS)]),
    ("原《衢州市住房公积金授信融资额度竞争性分配管理办法(试行)》(衢公积金〔2017〕20号)同时作废。",
     [("衢公积金〔2017〕20号", "衢州市住房公积金授信融资额度竞争性分配管理办法(试行)", CitationKind.REPEALS)]),
    ("原《衢州市物价局衢州市民政局关于规范殡仪服务收费的通知》(衢价费〔2007〕146号)、《衢州市物价局衢州市民政局关于"
     "调整火化费等收费标准的通知》(衢价费〔2007〕143号)同时废止。",
     [("衢价费〔2007〕146号", "衢州市物价局衢州市民政局关于规范殡仪服务收费的通知", CitationKind.REPEALS),
      ("衢价费〔2007〕143号", "衢州市物价局衢州市民政局关于调整火化费等收费标准的通知", CitationKind.REPEALS)]),
    # a short name between title and number; an order number
    ("(一)《保安服务管理条例》(以下简称《条例》，国务院令 第 564 号)",
     [("国务院令第564号", "保安服务管理条例", CitationKind.MENTIONS)]),
    # 印发的 is who issued the cited document, not this one forwarding it
    ("为严格执行住房城乡建设部等四部委印发的《关于维护住房公积金缴存职工购房贷款权益的通知》(建金[2017]246号)精神",
     [("建金〔2017〕246号", "关于维护住房公积金缴存职工购房贷款权益的通知", CitationKind.MENTIONS)]),
    # no title: 按照国发〔2016〕59号、浙政办发〔2017〕10号 … 文件要求
    ("各级污染源普查领导小组办公室要按照国发〔2016〕59号、浙政办发〔2017〕10号文件要求,充分利",
     [("国发〔2016〕59号", None, CitationKind.BASIS), ("浙政办发〔2017〕10号", None, CitationKind.BASIS)]),
])
def test_citation_title_and_kind_from_real_wording(text, expected):
    citations = read_citations("d/嘉政发/2017/12/", _one_paragraph(text))
    assert [(c.cited_number, c.cited_title, c.kind) for c in citations] == expected
    assert all(c.line == 302 and c.citing_key == "d/嘉政发/2017/12/" for c in citations)


def test_own_number_and_title_block_are_not_citations():
    doc = _one_paragraph("本规则(嘉政发〔2017〕12号)自发布之日起施行。")
    assert read_citations("d/嘉政发/2017/12/", doc) == []


def test_number_only_in_references_is_still_a_citation():
    doc = _one_paragraph("按照《嘉兴市人民政府工作规则》(嘉政发〔2012〕53")
    doc.references = ["嘉政发〔2012〕53号"]   # the parser read it across a line break
    [citation] = read_citations("d/嘉政发/2017/12/", doc)
    assert (citation.cited_number, citation.kind, citation.line) == ("嘉政发〔2012〕53号", CitationKind.MENTIONS, 300)


def test_real_corpus_citation_graph(corpus):
    assert len(corpus.citations) >= 120
    kinds = {c.kind for c in corpus.citations}
    assert kinds >= {CitationKind.BASIS, CitationKind.REPEALS, CitationKind.AMENDS, CitationKind.MENTIONS}
    repealed = {c.cited_number for c in corpus.citations if c.kind == CitationKind.REPEALS}
    assert {"嘉政发〔2012〕53号", "衢公积金〔2017〕20号", "衢价费〔2007〕146号"} <= repealed
    # every number printed in a body has an address: a held document or its citation page
    for c in corpus.citations:
        assert corpus.numbers[c.cited_number].key == (corpus.by_number.get(c.cited_number)
                                                      or urls.number_key(c.cited_number))
    assert corpus.numbers["浙政发〔2014〕38号"].titles == ["浙江省人民政府关于推进工业企业“零土地”技术改造项目审批方式改革的通知"]


# ---------------------------------------------------------------- issuer aliases

def test_aliases_apply_only_to_names_the_file_lists(tmp_path, corpus):
    tobacco = next(k for k, d in corpus.documents.items() if "浙江省衢州市烟草专卖局" in d.issuers)
    assert corpus.issuers_of[tobacco] == ["衢州市烟草专卖局"], "the shipped alias file merges this name"
    assert corpus.documents[tobacco].issuers == ["浙江省衢州市烟草专卖局"], "the parse output is not changed"
    assert corpus.issuer_variants["衢州市烟草专卖局"] == ["浙江省衢州市烟草专卖局"]
    unaliased = build_corpus(corpus.issues, aliases={})
    assert unaliased.issuers_of[tobacco] == ["浙江省衢州市烟草专卖局"]


def test_alias_file_chains_and_cycles(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text('[aliases]\n"浙江省衢州市烟草专卖局" = "衢州烟草"\n"衢州烟草" = "衢州市烟草专卖局"\n', encoding="utf-8")
    assert load_issuer_aliases(path) == {"浙江省衢州市烟草专卖局": "衢州市烟草专卖局", "衢州烟草": "衢州市烟草专卖局"}
    path.write_text('[aliases]\n"甲" = "乙"\n"乙" = "甲"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="cycle"):
        load_issuer_aliases(path)


def test_a_citation_clause_is_its_sentence_with_the_verb_after_a_list(corpus):
    """The clause the 已废止文件 page quotes: the citing sentence, cut around the number, keeping the
    verb that follows a list of numbers (real text: 衢发改价〔2018〕8号 and 嘉政发〔2017〕12号)."""
    from generator.corpus import citation_clause

    def clause(citing, number):
        c = next(c for c in corpus.citations_of[citing] if c.cited_number == number)
        return citation_clause(corpus.documents[citing], c)

    first_of_three = clause("d/衢发改价/2018/8/", "衢价费〔2007〕146号")
    assert first_of_three.startswith("原《衢州市物价局衢州市民政局关于规范殡仪服务收费的通知》(衢价费〔2007〕146号)")
    assert first_of_three.endswith("同时废止。")
    article = clause("d/嘉政发/2017/12/", "嘉政发〔2012〕53号")
    assert article.endswith("(嘉政发〔2012〕53 号)同时废止。") and "\n" not in article


def test_a_decision_a_history_names_without_a_number_is_an_unresolved_citation():
    """tests/levels/state-council-2018-35.txt: the income-tax regulation's history names three
    decisions by title alone. Not held, each is an unresolved title citation (no address, no link);
    its orders are ordinary citations, 国务院令第142号 one of them."""
    from pathlib import Path
    from generator.parse import parse_file
    issue = parse_file(str(Path(__file__).resolve().parent / "levels" / "state-council-2018-35.txt"))
    corpus = build_corpus([issue])
    key = corpus.by_number["国务院令第707号"]
    (title,) = {c.title for c in corpus.title_citations[key]}
    assert title == "国务院关于修改〈中华人民共和国个人所得税法实施条例〉的决定"
    assert [c.key for c in corpus.title_citations[key]] == [None, None, None]
    assert "国务院令第142号" in corpus.numbers and not corpus.numbers["国务院令第142号"].held


def test_a_decision_cited_by_title_resolves_when_the_archive_holds_it():
    decision = make_document("国务院关于修改〈中华人民共和国个人所得税法实施条例〉的决定", "国务院令第452号",
                             position=1, body=[])
    issue = make_issue("shaoxing-2017-04", [decision])
    from pathlib import Path
    from generator.parse import parse_file
    levels = parse_file(str(Path(__file__).resolve().parent / "levels" / "state-council-2018-35.txt"))
    corpus = build_corpus([issue, levels])
    key = corpus.by_number["国务院令第707号"]
    target = corpus.by_number["国务院令第452号"]
    assert {c.key for c in corpus.title_citations[key]} == {target}
    assert target in corpus.cites[key] and key in corpus.cited_by[target]
