"""The GitHub Actions workflows (.github/workflows/), checked by the field's own checkers.

* zizmor (PyPI; offline, since CI has no GitHub token) with its most demanding persona, pedantic:
  no finding at all (permissions per job, actions pinned to a commit, no persisted credentials …);
* the GitHub workflow schema, as check-jsonschema vendors it (``vendor.github-workflows``).

Both are shown to find what they are for on a workflow written with today's faults of the old
pages.yml, so a passing run means the checkers ran, not that they were skipped.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent

# the old pages.yml's faults in little: a tag instead of a commit, write permissions for the whole run
FAULTY = """\
name: Publish site
on:
  push:
    branches: [main]
permissions:
  contents: read
  pages: write
jobs:
  build:
    name: Build
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
"""


def tool(name: str) -> str:
    """The checker installed beside this Python (make installs the test extras into .venv)."""
    found = BIN / name
    if found.exists():
        return str(found)
    located = shutil.which(name)
    if not located:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]' (make test does)")
    return located


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("zizmor"), "--offline", "--persona", "pedantic", "--no-progress",
                           *map(str, paths)], capture_output=True, text=True, timeout=120)


def schema(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, paths)], capture_output=True, text=True, timeout=120)


def test_there_are_workflows_to_check():
    assert [w.name for w in WORKFLOWS] and all(w.stat().st_size for w in WORKFLOWS)


def test_zizmor_finds_nothing_in_the_workflows():
    result = zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_the_workflows_are_valid_against_the_github_schema():
    result = schema(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checkers_find_the_old_faults(tmp_path):
    """A tag instead of a commit and workflow-wide write permissions: zizmor reports both, and the
    schema rejects a job without runs-on."""
    faulty = tmp_path / "faulty.yml"
    faulty.write_text(FAULTY, encoding="utf-8")
    found = zizmor(faulty)
    assert found.returncode != 0
    assert "unpinned-uses" in found.stdout and "excessive-permissions" in found.stdout, found.stdout
    broken = tmp_path / "broken.yml"
    broken.write_text(FAULTY.replace("    runs-on: ubuntu-latest\n", ""), encoding="utf-8")
    assert schema(broken).returncode != 0
