"""Incremental site builds (`make update`: mkdocs build --dirty) give the same pages as a clean build.

A gazette is taken out and another corrected, then the site is rebuilt --dirty:
only the pages whose source changed are rendered again, the pages of the removed
gazette disappear, and every HTML page equals a clean build's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import GAZETTES, ROOT
from generator.render.registry import generated_roots

REMOVED = "jiaxing-2017-05.txt"
CORRECTED = "shaoxing-2017-04.txt"


def configure(work: Path, gazettes: Path) -> Path:
    """The repo's mkdocs.yml with docs_dir/site_dir under ``work`` (hand-written pages copied)."""
    docs = work / "docs_src"
    shutil.copytree(ROOT / "docs_src", docs, ignore=shutil.ignore_patterns(*generated_roots(), "index.md"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), site_dir=str(work / "site"))
    config["theme"]["custom_dir"] = str(ROOT / "theme_overrides")
    config["plugins"] = [{"gazette": {"gazettes": str(gazettes), "cache_dir": str(work / "cache")}}]
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build(config: Path, *flags: str) -> str:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), *flags],
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def html_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_dirty_build_renders_only_changes_and_equals_a_clean_build(tmp_path):
    gazettes = tmp_path / "gazettes"
    shutil.copytree(GAZETTES, gazettes, ignore=shutil.ignore_patterns("*.toml"))
    incremental = configure(tmp_path / "incremental", gazettes)
    build(incremental, "--strict")
    site = tmp_path / "incremental" / "site"
    before = {rel: (site / rel).stat().st_mtime_ns for rel in html_pages(site)}
    assert "d/嘉政办发/2017/31/index.html" in before

    (gazettes / REMOVED).unlink()
    corrected = gazettes / CORRECTED
    corrected.write_text(corrected.read_text(encoding="utf-8").replace("马卫光", "马卫光同志"), encoding="utf-8")
    log = build(incremental, "--dirty")
    assert "removed" in log and "pages and files no longer generated" in log

    clean = configure(tmp_path / "clean", gazettes)
    build(clean, "--strict")
    dirty_pages, clean_pages = html_pages(site), html_pages(tmp_path / "clean" / "site")
    assert dirty_pages.keys() == clean_pages.keys(), "stale pages of the removed gazette are gone"
    assert "d/嘉政办发/2017/31/index.html" not in dirty_pages
    different = [rel for rel in dirty_pages if dirty_pages[rel] != clean_pages[rel]]
    assert different == [], different[:5]

    from generator.integrity import check_site
    assert check_site(site) == [], "no search result of a removed page, no broken link"

    rendered = [rel for rel in dirty_pages if rel in before and (site / rel).stat().st_mtime_ns != before[rel]]
    assert "d/绍政发/2017/7/index.html" in rendered          # the corrected text
    print(f"{len(rendered)} of {len(before)} pages rendered again")
    assert len(rendered) < len(before) / 2, f"{len(rendered)} of {len(before)} pages rendered again"
