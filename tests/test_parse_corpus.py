"""The parser on the whole default corpus: invariants that must hold for every gazette."""

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from generator.parse.ownership import uncovered_block_lines
from generator.parse import parse_file
from generator.textnorm import fold
from generator.parse.ownership import orphan_and_shared_lines
from generator.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
GAZETTES = sorted((ROOT / "gazettes").glob("*.txt"))
SHARED = ROOT.parent / "shared"
TRUTH_FIELDS = ["doc_number", "title", "issuers", "date", "section", "toc_page",
                "start_line", "end_line", "enclosed_titles", "attachments", "references"]


@pytest.fixture(scope="module", params=GAZETTES, ids=lambda p: p.name)
def parsed(request):
    return read_source(request.param), parse_file(request.param)


def test_corpus_is_the_five_samples():
    assert len(GAZETTES) == 5


def test_no_text_lost_every_line_owned_once(parsed):
    source, issue = parsed
    orphans, shared = orphan_and_shared_lines(issue, source.lines)
    assert orphans == [] and shared == []
    assert not [w for w in issue.warnings if w.code in ("orphan-line", "shared-line")]


def test_blocks_hold_every_line_of_their_document(parsed):
    source, issue = parsed
    assert uncovered_block_lines(issue, source.lines) == []


def test_every_toc_entry_names_exactly_one_document(parsed):
    _, issue = parsed
    by_entry = Counter((d.section, d.toc_page, fold(d.title)) for d in issue.documents if d.toc_page)
    assert all(n == 1 for n in by_entry.values())
    unmatched = [w for w in issue.warnings if w.code == "toc-entry-unmatched"]
    assert unmatched == []
    for doc in issue.documents:
        if doc.toc_page is None:
            assert any(w.code == "not-in-toc" for w in doc.warnings), doc.title


def test_documents_have_the_fields_a_reader_needs(parsed):
    _, issue = parsed
    for doc in issue.documents:
        assert doc.title and doc.doc_number and doc.issuers
        assert doc.doc_type is not None
        assert doc.start_line <= doc.end_line


def test_gb18030_with_crlf_parses_like_utf8(tmp_path):
    original = ROOT / "gazettes" / "quzhou-2018-03-04.txt"
    recoded = tmp_path / "quzhou-gb18030-crlf.txt"
    recoded.write_bytes(original.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    a, b = parse_file(original), parse_file(recoded)
    assert [d.to_record() for d in a.documents] == [d.to_record() for d in b.documents]
    source = read_source(recoded)
    assert source.encoding == "gb18030"
    assert orphan_and_shared_lines(b, source.lines) == ([], [])


def test_own_truth_file_matches_field_by_field():
    truth = json.loads((ROOT / "tests" / "truth" / "shaoxing-2015-03.json").read_text(encoding="utf-8"))
    issue = parse_file(ROOT / "gazettes" / truth["seed"])
    got = [d.to_record() for d in issue.documents]
    assert len(got) == len(truth["documents"])
    for want, have in zip(truth["documents"], got):
        for field in TRUTH_FIELDS:
            assert have[field] == want[field], (want["doc_number"], field)
    g = issue.to_record()
    assert {k: g[k] for k in truth["gazette"]} == truth["gazette"]


def _score(truth_files, source_dir):
    cmd = [sys.executable, str(SHARED / "tools" / "score_parse.py"), *map(str, truth_files),
           "--source-dir", str(source_dir), "--cmd", f"{sys.executable} -m generator parse --json", "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _need_shared():
    if not (SHARED / "tools" / "score_parse.py").exists():
        if os.environ.get("CI"):
            pytest.fail("../shared/tools/score_parse.py is missing in CI")
        pytest.skip("../shared is not beside this checkout")


def test_public_truth_scores_full_marks():
    _need_shared()
    s = _score(sorted((SHARED / "truth").glob("*.json")), SHARED / "gazettes")
    for key in ("doc_recall", "doc_precision", "doc_number_acc", "title_acc", "issuers_acc", "date_acc",
                "section_acc", "toc_page_acc"):
        assert s[key] == 100.0, key
    assert s["line_accuracy"] >= 99.5
    assert s["enclosed_titles_acc"] >= 95 and s["attachments_acc"] >= 95
    assert s["ref_precision"] >= 98 and s["ref_recall"] >= 98


def test_own_truth_scores_full_marks_with_the_public_scorer():
    _need_shared()
    s = _score([ROOT / "tests" / "truth" / "shaoxing-2015-03.json"], ROOT / "gazettes")
    assert s["doc_recall"] == s["doc_precision"] == s["line_accuracy"] == 100.0
