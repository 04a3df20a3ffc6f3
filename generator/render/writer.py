"""Write generated pages into docs_src/: only what changed, and remove what is stale.

Writing only changed files keeps `mkdocs serve` from rebuilding forever (its
watcher sees our own writes) and keeps file times meaningful. The generator
owns :data:`generator.urls.GENERATED_ROOTS` and the home page entirely; any
Markdown file there that the current corpus did not produce is deleted.
Hand-written files elsewhere in docs_src/ are never touched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import urls

HOME_FILE = "index.md"


@dataclass
class WriteReport:
    """What a write pass did, for the build log."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)


def write_pages(docs_dir: str | Path, pages: dict[str, str]) -> WriteReport:
    """Make docs_dir hold exactly ``pages`` under the generated roots; touch only differences."""
    root = Path(docs_dir).resolve()
    report = WriteReport()
    for rel, text in sorted(pages.items()):
        target = _inside(root, rel)
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        report.written.append(rel)
    report.deleted = _delete_stale(root, set(pages))
    return report


def _inside(root: Path, rel: str) -> Path:
    """The file for a generated path, refusing anything that would land outside docs_dir."""
    target = (root / rel).resolve()
    if root not in target.parents:
        raise ValueError(f"generated path escapes docs_dir: {rel!r}")
    return target


def _delete_stale(root: Path, keep: set[str]) -> list[str]:
    """Delete generated files the corpus no longer produces, then empty folders."""
    deleted: list[str] = []
    for top in urls.GENERATED_ROOTS:
        base = root / top
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.relative_to(root).as_posix() not in keep:
                path.unlink()
                deleted.append(path.relative_to(root).as_posix())
        for path in sorted(base.rglob("*"), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    home = root / HOME_FILE
    if HOME_FILE not in keep and home.is_file():
        home.unlink()
        deleted.append(HOME_FILE)
    return deleted
