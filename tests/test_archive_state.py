"""generator.archive_state: a site is left alone by an update only when nothing its build reads has
changed, and it is as its last build left it (caches are derived, never trusted)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator import archive_state
from site_builder import ROOT


@pytest.fixture
def setup(tmp_path: Path):
    """A configuration like the project's (a custom_dir, a hand-written page), a site's catalogue
    pickle, and a built site recorded under its key."""
    (tmp_path / "theme" / "partials").mkdir(parents=True)
    (tmp_path / "theme" / "partials" / "footer.html").write_text("<footer></footer>", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# 关于本站\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir="docs", theme={**config["theme"], "custom_dir": "theme"})
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (tmp_path / "part.pickle").write_bytes(b"catalogue of the part")
    (tmp_path / "common.pickle").write_bytes(b"catalogue every site reads")
    site = tmp_path / "out" / "part"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<h1>首页</h1>", encoding="utf-8")
    key = archive_state.site_key(catalogue_files(tmp_path), tmp_path / "mkdocs.yml", "1500000000")
    archive_state.remember(tmp_path / "out", "part", key)
    return tmp_path, key


def catalogue_files(tmp_path: Path) -> list[Path]:
    return [tmp_path / "common.pickle", tmp_path / "part.pickle"]


def key_of(tmp_path: Path, epoch: str = "1500000000") -> str:
    return archive_state.site_key(catalogue_files(tmp_path), tmp_path / "mkdocs.yml", epoch)


def test_a_site_built_from_the_same_input_is_unchanged(setup):
    tmp_path, key = setup
    assert key_of(tmp_path) == key
    assert archive_state.unchanged(tmp_path / "out", "part", key)


@pytest.mark.parametrize("edit", ["pickle", "common", "config", "theme", "hand_page", "epoch"])
def test_the_key_follows_everything_the_build_reads(setup, edit):
    tmp_path, key = setup
    if edit == "pickle":
        (tmp_path / "part.pickle").write_bytes(b"catalogue of the part, corrected")
    elif edit == "common":
        (tmp_path / "common.pickle").write_bytes(b"catalogue every site reads, corrected")
    elif edit == "config":
        (tmp_path / "mkdocs.yml").write_text((tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
                                             + "\ncopyright: 2026\n", encoding="utf-8")
    elif edit == "theme":
        (tmp_path / "theme" / "partials" / "footer.html").write_text("<footer>新</footer>", encoding="utf-8")
    elif edit == "hand_page":
        (tmp_path / "docs" / "about.md").write_text("# 关于本站\n\n新增说明。\n", encoding="utf-8")
    assert key_of(tmp_path, "1500086400" if edit == "epoch" else "1500000000") != key


def test_a_site_touched_since_its_build_is_built_again(setup):
    tmp_path, key = setup
    page = tmp_path / "out" / "part" / "index.html"
    page.write_text("<h1>改过</h1>", encoding="utf-8")
    assert not archive_state.unchanged(tmp_path / "out", "part", key)


def test_a_site_whose_build_started_has_no_record(setup):
    """forget() before a build: a build that fails midway leaves no claim that the site is whole."""
    tmp_path, key = setup
    archive_state.forget(tmp_path / "out", "part")
    assert not archive_state.unchanged(tmp_path / "out", "part", key)


def test_a_file_time_alone_counts(setup):
    """The same bytes written again (another build's output) are not taken on trust either."""
    tmp_path, key = setup
    page = tmp_path / "out" / "part" / "index.html"
    st = page.stat()
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert not archive_state.unchanged(tmp_path / "out", "part", key)


def test_the_search_share_is_left_to_the_update_and_the_rest_is_walked_once(setup):
    """The search share (search-index/) is put in anew by every update, so what it holds does not
    decide whether the site is whole; anything else, a folder of that name deeper in the site too,
    does. The listing the check made is what is remembered once the share is put in."""
    tmp_path, key = setup
    share = tmp_path / "out" / "part" / "search-index"
    share.mkdir()
    (share / "index.json").write_text("{}", encoding="utf-8")
    listing = archive_state.unchanged(tmp_path / "out", "part", key)
    assert listing == archive_state.folder_listing(tmp_path / "out" / "part")
    archive_state.remember(tmp_path / "out", "part", key, listing)
    assert archive_state.unchanged(tmp_path / "out", "part", key) == listing
    deeper = tmp_path / "out" / "part" / "d" / "search-index"
    deeper.mkdir(parents=True)
    (deeper / "index.html").write_text("<h1>页</h1>", encoding="utf-8")
    assert archive_state.unchanged(tmp_path / "out", "part", key) is None
