"""Site integrity on the built sample site, and proof that the checker fails when it should.

The sample corpus is built once (`mkdocs build --strict`, tests/site_builder.py);
:mod:`generator.integrity` crawls it: local links and anchors, search result
URLs, UTF-8, <title>, and inline scripts or handlers not written by the theme.
Each failure test copies the good site and breaks exactly one thing.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import urls
from generator.integrity import check_site, main
from site_builder import ROOT, page_path, sample_site


@pytest.fixture(scope="module")
def site() -> Path:
    return sample_site() / "site"


@pytest.fixture
def broken(site, tmp_path) -> Path:
    """A private copy of the sample site to damage."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    html = path.read_text(encoding="utf-8")
    assert old in html, f"{old!r} not in {path}"
    path.write_text(html.replace(old, new, 1), encoding="utf-8")


def test_sample_site_has_no_problem(site):
    assert check_site(site) == []


def fragments(site: Path) -> list[Path]:
    """The search results' fragment files, in the folder the index's manifest names."""
    index = site / "search-index"
    return sorted((index / json.loads((index / "index.json").read_text(encoding="utf-8"))["folder"] / "f").glob("*.bin"))


def test_sample_site_is_big_enough_to_mean_something(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 80
    assert len(fragments(site)) >= 50


def test_cli_exit_codes(site, broken):
    ok = subprocess.run([sys.executable, "-m", "generator.integrity", str(site)],
                        capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout == "" and "0 problems" in ok.stderr
    _edit(broken / "index.html", '<a href="g/">', '<a href="g-missing/">')
    bad = subprocess.run([sys.executable, "-m", "generator.integrity", str(broken)],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1
    assert "index.html: <a href> broken: g-missing/" in bad.stdout


def test_broken_link_in_a_generated_index_page(broken):
    issue_page = broken / "g" / "shaoxing-2017-04" / "index.html"
    target = page_path(broken, "d/绍政发/2017/8/")
    target.unlink()
    problems = check_site(broken)
    assert any(p.startswith("g/shaoxing-2017-04/index.html: <a href> broken:") and "d/绍政发/2017/8/index.html" in p
               for p in problems), problems
    assert any(p.startswith("search-index/") and "search result broken: /d/绍政发/2017/8/" in p
               for p in problems), problems
    assert issue_page.is_file()


def test_broken_anchor(broken):
    _edit(broken / "index.html", '<a href="g/">', '<a href="g/#no-such-heading">')
    problems = check_site(broken)
    assert problems == ["index.html: <a href> broken anchor: g/#no-such-heading (no id 'no-such-heading' in g/index.html)"]


def test_broken_search_result_url(broken):
    fragment = fragments(broken)[0]
    record = json.loads(gzip.decompress(fragment.read_bytes()))
    record["url"] = "d/不存在/2017/1/"
    fragment.write_bytes(gzip.compress(json.dumps(record, ensure_ascii=False).encode()))
    problems = check_site(broken)
    where = fragment.relative_to(broken).as_posix()
    assert f"{where}: search result broken: /d/不存在/2017/1/ (no d/不存在/2017/1/index.html)" in problems
    assert any("absent from the search index" in p for p in problems), "the page it stood for lost its result"


def test_a_search_result_leaving_the_site_is_refused(broken):
    fragment = fragments(broken)[0]
    record = json.loads(gzip.decompress(fragment.read_bytes()))
    record["url"] = "https://example.com/"
    fragment.write_bytes(gzip.compress(json.dumps(record, ensure_ascii=False).encode()))
    where = fragment.relative_to(broken).as_posix()
    assert f"{where}: search result URL is not site-relative: 'https://example.com/'" in check_site(broken)


def test_a_missing_index_folder_is_reported(broken):
    manifest = broken / "search-index" / "index.json"
    folder = json.loads(manifest.read_text(encoding="utf-8"))["folder"]
    shutil.rmtree(broken / "search-index" / folder)
    problems = check_site(broken)
    assert f"search-index/index.json: the index's folder is missing: {folder}" in problems


def test_injected_inline_script_and_handler(broken):
    page = page_path(broken, "d/绍政发/2017/7/")
    _edit(page, "</article>", '<script>alert("绍兴市人民政府")</script><p onclick="x()">绍兴</p></article>')
    problems = check_site(broken)
    rel = page.relative_to(broken).as_posix()
    assert f'{rel}: inline <script> not written by the theme: alert("绍兴市人民政府")' in problems
    assert f"{rel}: event handler onclick= on <p> not written by the theme: x()" in problems


def test_theme_script_carrying_gazette_text(broken):
    """A theme script (same shape) holding source text is still refused: the theme writes ASCII."""
    page = page_path(broken, "d/绍政发/2017/7/")
    _edit(page, '"clipboard.copy": "', '"clipboard.copy": "绍政发')
    assert any("inline <script> not written by the theme" in p for p in check_site(broken))


def test_javascript_url_missing_title_and_bad_utf8(broken):
    _edit(broken / "index.html", '<a href="g/">', '<a href="javascript:alert(1)">')
    years = page_path(broken, urls.YEARS_INDEX)
    html = years.read_text(encoding="utf-8")
    start, end = html.index("<title>"), html.index("</title>") + len("</title>")
    years.write_text(html[:start] + html[end:], encoding="utf-8")
    issuers = page_path(broken, urls.ISSUERS_INDEX)
    issuers.write_bytes(issuers.read_bytes() + b"\xff\xfe")
    problems = check_site(broken)
    assert "index.html: <a href> is a script URL: javascript:alert(1)" in problems
    assert "years/index.html: no <title>" in problems
    assert any(p.startswith("issuers/index.html: not valid UTF-8") for p in problems)


def test_missing_site():
    assert main(["/nonexistent/site"]) == 1


def test_structured_data_must_be_escaped_json(tmp_path):
    """JSON-LD on document pages is data: a raw '<' in it (text that could end the script) is reported."""
    from generator.integrity import check_site

    site = tmp_path / "site"
    site.mkdir()
    head = '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title>'
    (site / "404.html").write_text(head + "</head><body></body></html>", encoding="utf-8")
    (site / "good.html").write_text(head + '<script type="application/ld+json">{"name": "\\u003cb\\u003e"}</script>'
                                    "</head><body></body></html>", encoding="utf-8")
    (site / "bad.html").write_text(head + '<script type="application/ld+json">{"name": "</b>"}</script>'
                                   "</head><body></body></html>", encoding="utf-8")
    problems = check_site(site)
    assert [p for p in problems if "good.html" in str(p)] == []
    assert any("bad.html" in str(p) and "ld+json" in str(p) for p in problems)


# ---------------------------------------------------------------- an archive in parts


@pytest.fixture
def archive_copy(tmp_path) -> dict[str, Path]:
    """The sample archive in parts (three cities and the portal; one part under a sub-path, as
    GitHub Pages serves a project site), copied so a test may break it: site_url → folder."""
    from archive_support import sample_archive

    built = sample_archive()
    copies = {}
    for name, (url, folder) in built.sites.items():
        shutil.copytree(folder, tmp_path / name)
        copies[url] = tmp_path / name
    return copies


def _site(copies: dict[str, Path], name: str) -> tuple[str, Path]:
    return next((url, folder) for url, folder in copies.items() if folder.name == name)


def test_the_archive_in_parts_has_no_problem(archive_copy):
    """Crawled as one, the sample archive's sites have no broken link, anchor or search result,
    across the parts and the portal."""
    from generator.integrity import check_archive

    assert check_archive(archive_copy) == []


def test_links_across_the_parts_are_followed(archive_copy):
    """A cross-part link to a page and to an anchor that exist is sound; a cross-part link to a
    missing page and one to a missing anchor are both reported, against the page holding them.
    A link to any other host stays unchecked."""
    from generator.integrity import check_archive

    a_url, a = _site(archive_copy, "quzhou")
    b_url, _ = _site(archive_copy, "shaoxing")
    about = a / "about" / "index.html"
    _edit(about, "</article>",
          f'<p><a href="{b_url}d/%E7%BB%8D%E6%94%BF%E5%8F%91/2017/8/#第十条">good page and anchor</a>'
          f'<a href="{b_url}g/shaoxing-2017-04/">good folder</a>'
          f'<a href="{b_url}d/no/such/page/">missing page</a>'
          f'<a href="{b_url}d/%E7%BB%8D%E6%94%BF%E5%8F%91/2017/8/#no-such-anchor">missing anchor</a>'
          f'<a href="https://elsewhere.example.org/d/no/such/">another host</a></p></article>')
    problems = check_archive(archive_copy)
    assert len(problems) == 2, problems
    assert all(p.startswith(f"{a_url}about/index.html: <a href> broken") for p in problems), problems
    assert "d/no/such/page/index.html" in problems[0] + problems[1]
    assert any("broken anchor" in p and "'no-such-anchor'" in p for p in problems)


def test_the_archive_search_index_is_checked_as_one(archive_copy):
    """Each site serves only its share of the one index: a fragment moved to a site its number does
    not pick is reported, and so is a document page whose result is gone."""
    from generator.integrity import check_archive

    _, portal = _site(archive_copy, "portal")
    _, part = _site(archive_copy, "quzhou")
    fragments = sorted(portal.glob("search-index/*/f/*.bin"))
    assert fragments, "the portal serves some of the results"
    moved = part / fragments[0].relative_to(portal)
    moved.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(fragments[0], moved)
    problems = check_archive(archive_copy)
    assert any("served by the wrong site" in p for p in problems), problems
    assert any("document page absent from the search index" in p for p in problems), problems


def test_the_cli_crawls_the_sites_of_an_archive(archive_copy):
    a_url, a = _site(archive_copy, "jiaxing")
    b_url, _ = _site(archive_copy, "quzhou")
    original = (a / "about" / "index.html").read_text(encoding="utf-8")
    _edit(a / "about" / "index.html", "</article>", f'<a href="{b_url}no/page/">x</a></article>')
    argv = [f"--site={url}={folder}" for url, folder in archive_copy.items()]
    assert main(argv) == 1
    (a / "about" / "index.html").write_text(original, encoding="utf-8")
    assert main(argv) == 0
