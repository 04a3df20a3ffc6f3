"""The home page kind (generator/render/kinds/home.py): what the archive holds and the ways in,
bounded however many issues the archive has."""

from __future__ import annotations

from generator import urls
from generator.render import render_site
from generator.render.kinds.home import HOME_ISSUES, issue_recency
from generator.render.registry import HOME_FILE


def test_the_home_page_lists_the_newest_issues_and_links_the_rest(synthetic_corpus):
    """The home page names the newest HOME_ISSUES issues, newest first, and sends the reader to the
    issue index for all of them (it once listed every issue: 225 KB at 25,000 documents, on every
    site of an archive)."""
    corpus = synthetic_corpus
    assert len(corpus.issues) > HOME_ISSUES
    home = render_site(corpus)[HOME_FILE]
    newest = sorted(corpus.issues, key=issue_recency, reverse=True)
    listed = home.split("## 最新各期", 1)[1]
    shown = [i for i in newest if f"]({urls.source_path(urls.issue_key(i))})" in listed]
    assert shown == newest[:HOME_ISSUES]
    assert f"全部 {len(corpus.issues)} 期见[公报各期](g/index.md)" in listed


def test_a_small_archive_lists_every_issue(corpus):
    """With fewer issues than that, every issue is on the home page and no pointer is needed."""
    home = render_site(corpus)[HOME_FILE].split("## 最新各期", 1)[1]
    assert all(f"]({urls.source_path(urls.issue_key(i))})" in home for i in corpus.issues)
    assert "全部" not in home
