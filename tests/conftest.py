"""Shared fixtures: the real gazettes parsed once, small hand-made issues from real excerpts,
and a Markdown converter configured exactly like mkdocs.yml."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from generator.render.registry import generated_roots
from generator.model import GazetteIssue
from gazette_factories import make_document, make_issue

ROOT = Path(__file__).resolve().parent.parent
GAZETTES = ROOT / "gazettes"
IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip locally when a tool is missing, but fail in CI (CI=true) so nothing silently stops testing."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing tool is a failure, not a skip)")
    pytest.skip(reason)


def mkdocs_markdown() -> markdown.Markdown:
    """A Markdown converter with the extensions configured in mkdocs.yml (MkDocs adds toc itself)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config.get("markdown_extensions", [])]
    return markdown.Markdown(extensions=extensions)


@pytest.fixture
def md_to_html():
    """Convert Markdown (without front matter) to HTML the way the site build does."""
    def convert(text: str) -> str:
        return mkdocs_markdown().convert(text)
    return convert


@pytest.fixture(scope="session")
def real_issues() -> list[GazetteIssue]:
    """Every sample gazette, parsed by the real parser."""
    from generator.parse import parse_file

    return [parse_file(str(p)) for p in sorted(GAZETTES.glob("*.txt"))]


@pytest.fixture
def small_issues() -> list[GazetteIssue]:
    """Two issues from real Shaoxing excerpts: 绍政办发〔2016〕52号 cites 绍政办发〔2015〕21号."""
    cited = make_document(
        "绍兴市人民政府办公室关于印发绍兴市安全生产委员会组织结构设置及工作规则与组成人员的通知",
        "绍政办发〔2015〕21号", position=1, issuers=("绍兴市人民政府办公室",), date=dt.date(2015, 3, 2),
        body=["各区、县(市)人民政府,市政府各部门、各单位:",
              "《绍兴市安全生产委员会组织结构设置及工作规则与组成人员》已经市政府同意,现印发给你们,请认真贯彻执行。"])
    citing = make_document(
        "绍兴市人民政府办公室关于进一步加强安全生产监管执法工作的通知",
        "绍政办发〔2016〕52号", position=3, issuers=("绍兴市人民政府办公室",), date=dt.date(2016, 7, 14),
        references=["绍政办发〔2015〕21号", "浙政办发〔2015〕20号"],
        body=["负有安全生产监督管理职责的部门要按照《绍兴市安全生产委员会组织结构设置及工作规则与组成人员》"
              "(绍政办发〔2015〕21号),加强对有关行业领域的监督管理。",
              "根据《浙江省人民政府办公厅关于进一步加强安全生产监管执法工作的通知》(浙政办发〔2015〕20号)精神。"])
    unnumbered = make_document("绍兴市人民政府公报编辑部启事", None, position=4, issuers=(), date=None,
                               body=["本刊自2016年起按月出版。"])
    return [
        make_issue("shaoxing-2015-03", [cited], year=2015, issue="第3期", total_issue=245),
        make_issue("shaoxing-2016-07", [citing, unnumbered], year=2016, issue="第7期", total_issue=261),
    ]


def mkdocs_build(work: Path, gazettes: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    """Run `mkdocs build` with the repo's mkdocs.yml, docs_dir/site_dir moved under ``work``."""
    docs = work / "docs_src"
    shutil.copytree(ROOT / "docs_src", docs, ignore=shutil.ignore_patterns(*generated_roots(), "index.md"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(work / "site")
    config["theme"]["custom_dir"] = str(ROOT / "theme_overrides")
    config["plugins"] = [{"gazette": {"gazettes": str(gazettes)}}]
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)] + (["--strict"] if strict else [])
    return subprocess.run(command, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site built once with --strict (shared with site_builder.sample_site); return site_dir."""
    from site_builder import sample_site

    return sample_site() / "site"


@pytest.fixture(scope="session")
def corpus(real_issues):
    """The real gazettes, linked."""
    from generator.corpus import build_corpus

    return build_corpus(real_issues)


SMALL_CHUNK = 7      # documents a chunk where the search index is cut small: every list crosses chunks


@pytest.fixture
def small_chunks(monkeypatch) -> int:
    """The search index encoded in chunks of :data:`SMALL_CHUNK` documents (500 in a build), so that
    the sample corpus's lists cross chunks as a large archive's do."""
    from generator.search import index

    monkeypatch.setattr(index, "_CHUNK_DOCUMENTS", SMALL_CHUNK)
    return SMALL_CHUNK


@pytest.fixture(scope="session")
def synthetic_corpus(tmp_path_factory):
    """About 400 documents the benchmark's generator makes from the samples (bench/synth.py), linked:
    ten cities' first issues, where later documents cite earlier ones, so some are cited many times
    (the samples cite each held document once at most)."""
    import importlib.util

    from generator.corpus import build_corpus
    from generator.parse import parse_file

    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    synth = sys.modules["synth"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    out = tmp_path_factory.mktemp("synthetic")
    synth.make_corpus(synth.load_samples(GAZETTES), 400, out)
    return build_corpus([parse_file(str(p)) for p in sorted(out.glob("*.txt"))])


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium (Debian's, driven by Playwright's sync API) for every browser test.

    Missing Playwright or Chromium skips locally and fails in CI (skip_or_fail).
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (pip install -e '.[test]')")
    from browser_support import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _typeset_samples(browser, folder: Path, columns: int, as_printed: bool = False) -> dict[str, Path]:
    """Each sample gazette as an A4 PDF in ``columns`` columns, with a cover, a running head (the
    gazette's name and issue) and page numbers (tests/pdf_support.py); ``as_printed``: paragraphs
    indented two characters and each document's title lines set across both columns; name → path."""
    from generator.parse import parse_file
    from pdf_support import typeset

    out = {}
    for source in sorted((ROOT / "gazettes").glob("*.txt")):
        issue = parse_file(source)
        head = " ".join(part for part in (issue.name or source.stem, f"{issue.year}年" if issue.year else "",
                                          issue.issue or "") if part)
        lines = source.read_text(encoding="utf-8").splitlines()
        # each document's title: its lines from where it starts down to its first blank line
        titles = frozenset(no for d in issue.documents
                           for no in range(d.start_line, next((n for n in range(d.start_line, d.end_line + 1)
                                                               if not lines[n - 1].strip()), d.start_line)))
        out[source.stem] = typeset(browser, source, folder / f"{source.stem}.pdf", columns=columns, head=head,
                                   indent=as_printed, across=titles if as_printed else frozenset())
    return out


@pytest.fixture(scope="session")
def pdfs(chromium, tmp_path_factory) -> dict[str, Path]:
    """The samples typeset in two columns, as most cities print their gazettes."""
    return _typeset_samples(chromium, tmp_path_factory.mktemp("pdfs"), columns=2)


@pytest.fixture(scope="session")
def printed_pdfs(chromium, tmp_path_factory) -> dict[str, Path]:
    """The samples as most cities print them: two columns, paragraphs indented two characters, each
    document's title set large across both columns."""
    return _typeset_samples(chromium, tmp_path_factory.mktemp("pdfs-as-printed"), columns=2, as_printed=True)


@pytest.fixture(scope="session")
def one_column_pdfs(chromium, tmp_path_factory) -> dict[str, Path]:
    """The samples typeset in one column."""
    return _typeset_samples(chromium, tmp_path_factory.mktemp("pdfs-one-column"), columns=1)
