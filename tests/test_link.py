"""The citation graph: addresses, the doc-number index, resolved citations both ways."""

from __future__ import annotations

from generator import urls
from generator.link import build_corpus
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


def test_duplicate_number_first_issue_keeps_the_address():
    def copy():
        return make_document("绍兴市人民政府关于市政府领导分工的通知", "绍政发〔2017〕7号", position=1, body=[])
    early, late = make_issue("shaoxing-2017-04", [copy()]), make_issue("shaoxing-2017-05", [copy()])
    for order in ([early, late], [late, early]):
        corpus = build_corpus(order)
        assert corpus.issue_of["d/绍政发/2017/7/"] is early
        assert corpus.issue_of["d/绍政发/2017/7-2/"] is late
        assert corpus.by_number["绍政发〔2017〕7号"] == "d/绍政发/2017/7/"
        assert [w.code for w in corpus.warnings["d/绍政发/2017/7-2/"]] == ["duplicate-address"]


def test_real_corpus_links_are_consistent(real_issues):
    corpus = build_corpus(real_issues)
    assert len(corpus.documents) == sum(len(i.documents) for i in real_issues)
    total = 0
    for key, document in corpus.documents.items():
        expected = {corpus.by_number[n] for n in document.references if n in corpus.by_number} - {key}
        assert set(corpus.cites[key]) == expected
        for target in corpus.cites[key]:
            assert key in corpus.cited_by[target]
        total += len(corpus.cites[key])
        urls.source_path(key)  # every key is a valid, safe address
    assert total > 0, "the sample gazettes cite each other (e.g. 绍政办发〔2015〕21号)"
    assert corpus.cites["d/绍政办发/2016/52/"]
