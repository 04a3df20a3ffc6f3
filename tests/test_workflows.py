"""The GitHub Actions workflows (.github/workflows/), checked by the field's own checkers.

* zizmor (PyPI; offline, since CI has no GitHub token) with its most demanding persona, pedantic:
  no finding at all (permissions per job, actions pinned to a commit, no persisted credentials …);
* the GitHub workflow schema, as check-jsonschema vendors it (``vendor.github-workflows``);
* the archive workflow (archive.yml) builds exactly the sites the archive declares: its matrix is
  what ``python -m generator archive sites`` prints, the portal first, then every part.

Both are shown to find what they are for on a workflow written with today's faults of the old
pages.yml, so a passing run means the checkers ran, not that they were skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from archive_support import PARTS, archive_urls, write_archive_config

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(p for p in WORKFLOW_DIR.iterdir() if p.suffix in (".yml", ".yaml"))
ARCHIVE_WORKFLOW = WORKFLOW_DIR / "archive.yml"
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
    """Every file in .github/workflows/ is checked (GitHub runs .yml and .yaml alike), the site's
    and the archive's workflows among them."""
    assert [w.name for w in WORKFLOWS] and all(w.stat().st_size for w in WORKFLOWS)
    assert sorted(p.name for p in WORKFLOW_DIR.iterdir() if p.is_file()) == [w.name for w in WORKFLOWS]
    assert {"pages.yml", "archive.yml"} <= {w.name for w in WORKFLOWS}


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


# -- the archive workflow's matrix is the archive's sites ------------------------------------------

def archive_sites(config: Path) -> subprocess.CompletedProcess:
    """``python -m generator archive sites``, as the catalogue job runs it."""
    return subprocess.run([sys.executable, "-m", "generator", "archive", "sites", "-f", str(config)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_the_archive_matrix_is_the_sites_the_archive_declares(tmp_path):
    """The site job runs once per element of the catalogue job's ``sites`` output, and that output
    is what ``archive sites`` prints: for the sample corpus declared as three parts, the portal and
    the three parts, each with its site_url, the portal first."""
    workflow = yaml.safe_load(ARCHIVE_WORKFLOW.read_text(encoding="utf-8"))
    site, catalogue = workflow["jobs"]["site"], workflow["jobs"]["catalogue"]
    assert site["needs"] == "catalogue"
    assert site["strategy"]["matrix"] == {"site": "${{ fromJSON(needs.catalogue.outputs.sites) }}"}
    assert site["strategy"]["fail-fast"] is False
    output = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.sites \}\}", catalogue["outputs"]["sites"])
    assert output, catalogue["outputs"]
    [step] = [s for s in catalogue["steps"] if s.get("id") == output.group(1)]
    assert "python -m generator archive sites" in step["run"] and "$GITHUB_OUTPUT" in step["run"]
    assert "${{" not in step["run"]

    urls = archive_urls([8001, 8002, 8003, 8004])       # only written into site_url: nothing listens
    result = archive_sites(write_archive_config(tmp_path, urls))
    assert result.returncode == 0, result.stderr
    assert "\n" not in result.stdout.strip()           # one line, as $GITHUB_OUTPUT's name=value takes it
    sites = json.loads(result.stdout)
    assert [s["name"] for s in sites] == ["portal", "shaoxing", "quzhou", "jiaxing"] == ["portal", *(p[0] for p in PARTS)]
    assert sites == [{"name": name, "site_url": url} for name, url in urls.items()]


def test_archive_sites_without_an_archive_is_an_error_naming_the_file():
    """The repository's own mkdocs.yml declares one site, no archive: `archive sites` exits 2 with
    one error naming the file (so the catalogue job fails before building anything)."""
    config = ROOT / "mkdocs.yml"
    result = archive_sites(config)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "error:" in result.stderr and str(config) in result.stderr and "no archive" in result.stderr
