"""Full-text search: index the built site with Pagefind (run after MkDocs writes site/).

Pagefind runs as the binary bundled in the ``pagefind[extended]`` wheel (the
extended build segments Chinese, which the plain build cannot). It reads the
``lang`` of each page (Material's ``language: zh`` → ``<html lang="zh">``) and
indexes only elements marked ``data-pagefind-body`` — the article of document
pages (theme_overrides/main.html) — so index pages do not crowd the results.
The bundle, including the Pagefind UI assets, lands in ``site/pagefind/``.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.gazette")

BUNDLE_DIR = "pagefind"


def pagefind_command(site_dir: str | Path) -> list[str]:
    """The Pagefind invocation for a built site (the wheel's binary via ``python -m pagefind``)."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_DIR, "--quiet"]


def index_site(site_dir: str | Path) -> None:
    """Build the Pagefind index for ``site_dir``; fail the build with Pagefind's own message."""
    result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, timeout=600)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise PluginError(f"gazette: Pagefind failed on {site_dir} (exit {result.returncode}): {output}")
    if not (Path(site_dir) / BUNDLE_DIR / "pagefind.js").is_file():
        raise PluginError(f"gazette: Pagefind wrote no index in {site_dir}/{BUNDLE_DIR}: {output}")
    if output:
        log.info(f"gazette: pagefind: {output}")
