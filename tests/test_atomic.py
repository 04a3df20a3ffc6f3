"""Atomic output: a build that fails leaves the previous docs_src/ and site/ usable.

docs_src/: generation renders every page in memory, stages the changed roots
beside docs_src/ and swaps them in (generator.render.writer). These tests make
it fail while rendering, while staging and while swapping, and check that the
previous docs_src/ is byte-for-byte intact and no staging folder is left.

site/: under `mkdocs build` the plugin builds into a hidden sibling folder and
swaps it in only after a sound build (generator.plugin). A strict build that
warns, and a build that raises, leave the previous site/ as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.plugin import GazettePlugin, replace_dir
from generator.render.kinds import document as document_kind
from generator.render import writer
from site_builder import GAZETTES, mkdocs_build, page_path

REAL = GAZETTES / "shaoxing-2017-04.txt"
OTHER = GAZETTES / "shaoxing-2015-03.txt"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root (relative path → bytes), folders included as empty entries."""
    out = {}
    for p in sorted(root.rglob("*")):
        out[p.relative_to(root).as_posix()] = p.read_bytes() if p.is_file() else b"<dir>"
    return out


@pytest.fixture
def previous(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """A gazette folder with one real gazette, its generated docs_src/, and a snapshot of it.

    A hand-written page sits beside the generated ones: it must survive everything.
    """
    folder = tmp_path / "gazettes"
    folder.mkdir()
    shutil.copy(REAL, folder)
    docs = tmp_path / "docs_src"
    docs.mkdir()
    (docs / "about.md").write_text("# 关于本站\n", encoding="utf-8")
    generate(folder, docs)
    shutil.copy(OTHER, folder)            # the next generation has new and changed pages
    return folder, docs, snapshot(docs)


def _leftovers(docs: Path) -> list[str]:
    return sorted(p.name for p in docs.parent.iterdir() if ".staging-" in p.name or ".previous" in p.name)


def test_previous_docs_src_is_complete(previous):
    _folder, _docs, before = previous
    assert "d/绍政发/2017/7.md" in before and "about.md" in before and "index.md" in before
    assert not any(k.startswith("d/绍政办发/2015/") for k in before)


def test_failure_while_rendering_leaves_docs_src_intact(previous, monkeypatch):
    folder, docs, before = previous
    real_page = document_kind.document_page
    calls = []

    def flaky(site, key):
        calls.append(key)
        if len(calls) > 5:
            raise RuntimeError("renderer broke after 5 pages")
        return real_page(site, key)

    monkeypatch.setattr(document_kind, "document_page", flaky)
    with pytest.raises(RuntimeError, match="after 5 pages"):
        generate(folder, docs)
    assert len(calls) == 6
    assert snapshot(docs) == before
    assert _leftovers(docs) == []


def test_failure_while_staging_leaves_docs_src_intact(previous, monkeypatch):
    folder, docs, before = previous
    real_stage = writer._stage_file
    staged = []

    def flaky(current, target, payload):
        staged.append(target)
        if len(staged) > 20:
            raise OSError(28, "No space left on device")
        return real_stage(current, target, payload)

    monkeypatch.setattr(writer, "_stage_file", flaky)
    with pytest.raises(OSError, match="No space left"):
        generate(folder, docs)
    assert len(staged) == 21
    assert snapshot(docs) == before
    assert _leftovers(docs) == []


def test_failure_while_swapping_puts_the_old_roots_back(previous, monkeypatch):
    folder, docs, before = previous
    real_rename = os.rename
    moves = []

    def flaky(src, dst):
        moves.append((Path(src).name, Path(dst).name))
        if len(moves) == 4:                  # after the first root is swapped, fail on the second
            raise OSError(5, "I/O error")
        return real_rename(src, dst)

    monkeypatch.setattr(writer.os, "rename", flaky)
    with pytest.raises(OSError, match="I/O error"):
        generate(folder, docs)
    monkeypatch.setattr(writer.os, "rename", real_rename)
    assert snapshot(docs) == before
    assert _leftovers(docs) == []


def test_a_sound_generation_then_replaces_everything(previous):
    folder, docs, before = previous
    result = generate(folder, docs)
    after = snapshot(docs)
    assert any(k.startswith("d/绍政办发/2015/") for k in after)
    assert after["about.md"] == before["about.md"]
    assert after["d/绍政发/2017/7.md"] == before["d/绍政发/2017/7.md"]
    assert "d/绍政发/2017/7.md" not in result.report.written
    assert _leftovers(docs) == []


def test_unchanged_pages_keep_their_file(previous):
    """Staging hard-links unchanged pages, so their inode and mtime survive the swap (serve stays calm)."""
    folder, docs, _before = previous
    page = docs / "d" / "绍政发" / "2017" / "7.md"
    stat = page.stat()
    generate(folder, docs)
    assert (page.stat().st_ino, page.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)


def test_writer_refuses_paths_outside_the_generated_roots(tmp_path):
    docs = tmp_path / "docs"
    for bad in ("about.md", "../x.md", "d/../../x.md", "d/./a.md", "/etc/x.md"):
        with pytest.raises(ValueError):
            writer.write_pages(docs, {"d/a.md": "ok", bad: "evil"})
        assert not (docs / "d").exists(), "nothing is written when one path is refused"
    assert not (tmp_path / "x.md").exists()


def test_writer_refuses_a_link_in_docs_src_leading_out(tmp_path):
    """A folder or a page of docs_src/ that is a symbolic link could take a generated page out of
    it: refused, and nothing written through it."""
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    (docs / "d").mkdir(parents=True)
    outside.mkdir()
    (docs / "d" / "x").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ValueError, match="link"):
        writer.write_pages(docs, {"d/a.md": "ok", "d/x/a.md": "evil"})
    assert list(outside.iterdir()) == [] and not (docs / "d" / "a.md").exists()
    (outside / "page.md").write_text("theirs", encoding="utf-8")
    (docs / "d" / "x").unlink()
    (docs / "d" / "b.md").symlink_to(outside / "page.md")
    with pytest.raises(ValueError, match="link"):
        writer.write_pages(docs, {"d/b.md": "evil"})
    assert (outside / "page.md").read_text(encoding="utf-8") == "theirs"


def test_replace_dir_keeps_the_old_folder_when_the_new_cannot_move(tmp_path, monkeypatch):
    old, new = tmp_path / "site", tmp_path / ".site.building-1"
    old.mkdir()
    (old / "index.html").write_text("old")
    real_rename = os.rename

    def flaky(src, dst):
        if Path(src) == new:
            raise OSError(18, "Invalid cross-device link")
        return real_rename(src, dst)

    monkeypatch.setattr("generator.plugin.os.rename", flaky)
    new.mkdir()
    with pytest.raises(OSError):
        replace_dir(new, old)
    assert (old / "index.html").read_text() == "old"


# ---------------------------------------------------------------- site/ under mkdocs build

def _site_leftovers(work: Path) -> list[str]:
    return sorted(p.name for p in work.iterdir() if p.name.startswith(".site."))


def test_failed_builds_leave_the_previous_site(tmp_path):
    folder = tmp_path / "gazettes"
    folder.mkdir()
    shutil.copy(REAL, folder)
    work = tmp_path / "work"
    first = mkdocs_build(work, folder)
    assert first.returncode == 0, first.stdout + first.stderr
    site = work / "site"
    before = snapshot(site)
    assert page_path(site, "d/绍政发/2017/7/").is_file()

    # a strict build that warns (a correction that names no document) fails after MkDocs has built
    # everything (a refused file is no warning: the rest is published, tests/test_site.py)
    shutil.copy(OTHER, folder)
    overrides = folder / (REAL.stem + ".overrides.yml")
    overrides.write_text("绍政发〔2017〕999号:\n  title: 没有这件文件\n", encoding="utf-8")
    strict = mkdocs_build(work, folder)
    assert strict.returncode != 0 and overrides.name in strict.stdout + strict.stderr
    assert snapshot(site) == before
    assert _site_leftovers(work) == []

    # a build that raises (the gazette folder is gone) fails before writing anything
    missing = mkdocs_build(work, tmp_path / "no-such-folder")
    assert missing.returncode != 0 and "folder of gazettes not found" in missing.stdout + missing.stderr
    assert snapshot(site) == before
    assert _site_leftovers(work) == []

    # and a sound build replaces the site in one swap
    overrides.unlink()
    sound = mkdocs_build(work, folder)
    assert sound.returncode == 0, sound.stdout + sound.stderr
    assert page_path(site, "d/绍政办发/2015/21/").is_file() and page_path(site, "d/绍政发/2017/7/").is_file()
    assert _site_leftovers(work) == []


def test_serve_and_dirty_builds_build_in_place(tmp_path):
    """`mkdocs serve` serves the folder it builds into, and --dirty builds on the old site: no redirect."""
    class Config(dict):
        site_dir = str(tmp_path / "site")
        strict = False

        def __init__(self):
            super().__init__()
            self.markdown_extensions = []

    for command, dirty in (("serve", False), ("build", True)):
        plugin = GazettePlugin()
        plugin.load_config({"gazettes": "gazettes"})
        plugin.on_startup(command=command, dirty=dirty)
        config = Config()
        assert plugin.on_config(config) is config and config.site_dir == str(tmp_path / "site")
    plugin = GazettePlugin()
    plugin.load_config({"gazettes": "gazettes"})
    plugin.on_startup(command="build", dirty=False)
    config = plugin.on_config(Config())
    assert Path(config.site_dir).parent == tmp_path and Path(config.site_dir).name.startswith(".site.building-")
    plugin.on_build_error(error=RuntimeError("x"))
    assert not Path(config.site_dir).exists()
