"""Write generated pages into docs_src/: all or nothing, touching only what changed.

Writing only changed files keeps `mkdocs serve` from rebuilding forever (its
watcher sees our own writes) and keeps file times meaningful. The generator
owns :data:`generator.urls.GENERATED_ROOTS` and the home page entirely; any
Markdown file there that the current corpus did not produce is deleted.
Hand-written files elsewhere in docs_src/ are never touched, and a path that
is not under a generated root (or the home page) is refused before anything
is written.

Atomic output: a build that fails must leave the previous docs_src/ usable.
Pages are rendered in memory first (:func:`generator.render.render_site`), so
a rendering failure writes nothing. Writing then happens in a staging folder
next to docs_src/ (``.docs_src.staging-*``, outside the folder MkDocs reads):
each generated root that has any difference is rebuilt there in full
(unchanged files are hard links, so they keep their time) and swapped in with
two renames; the home page is replaced with one atomic ``os.replace``. If
anything fails while staging, docs_src/ has not been touched; if a rename
fails while swapping, the roots already swapped are put back. The staging and
backup folders are removed in every case.
"""

from __future__ import annotations

import os
import shutil
import tempfile
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
    """Make docs_dir hold exactly ``pages`` under the generated roots, atomically; touch only differences."""
    root = Path(docs_dir).resolve()
    root.mkdir(parents=True, exist_ok=True)
    data = {rel: text.encode("utf-8") for rel, text in sorted(pages.items())}
    for rel in data:
        _inside(root, rel)                     # every path is checked before anything is written
    report = WriteReport()
    for rel, payload in data.items():
        target = root / rel
        if target.is_file() and target.read_bytes() == payload:
            report.unchanged += 1
        else:
            report.written.append(rel)
    report.deleted = _stale(root, set(data))
    touched = {_top(rel) for rel in report.written + report.deleted}
    if touched:
        _stage_and_swap(root, data, touched)
    return report


def _top(rel: str) -> str:
    """The generated root a docs_src-relative path belongs to (``d``, ``g``, … or the home file)."""
    return rel.split("/", 1)[0]


def _inside(root: Path, rel: str) -> Path:
    """The file for a generated path, refusing anything outside the generator's own part of docs_dir."""
    target = (root / rel).resolve()
    if root not in target.parents:
        raise ValueError(f"generated path escapes docs_dir: {rel!r}")
    if rel != HOME_FILE and _top(rel) not in urls.GENERATED_ROOTS:
        raise ValueError(f"generated path outside the generated roots {urls.GENERATED_ROOTS}: {rel!r}")
    if target.relative_to(root).as_posix() != rel:
        raise ValueError(f"generated path is not in normal form: {rel!r}")
    return target


def _stale(root: Path, keep: set[str]) -> list[str]:
    """Generated files the corpus no longer produces (deleted by the swap)."""
    stale: list[str] = []
    for top in urls.GENERATED_ROOTS:
        base = root / top
        if base.is_dir():
            stale.extend(rel for path in sorted(base.rglob("*"))
                         if path.is_file() and (rel := path.relative_to(root).as_posix()) not in keep)
    if HOME_FILE not in keep and (root / HOME_FILE).is_file():
        stale.append(HOME_FILE)
    return stale


def _stage_and_swap(root: Path, data: dict[str, bytes], touched: set[str]) -> None:
    """Build every touched root in a staging folder, then swap them into docs_dir."""
    stage = Path(tempfile.mkdtemp(prefix=f".{root.name}.staging-", dir=root.parent))
    try:
        for rel, payload in data.items():
            if _top(rel) in touched:
                _stage_file(root / rel, stage / rel, payload)
        _swap(root, stage, touched)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _stage_file(current: Path, staged: Path, payload: bytes) -> None:
    """Put one page into the staging tree: a hard link to an identical current file, else new bytes."""
    staged.parent.mkdir(parents=True, exist_ok=True)
    if current.is_file() and current.stat().st_size == len(payload) and current.read_bytes() == payload:
        try:
            os.link(current, staged)
            return
        except OSError:
            pass                               # no hard links here (another filesystem): copy the bytes
    staged.write_bytes(payload)


def _swap(root: Path, stage: Path, touched: set[str]) -> None:
    """Move each touched root aside and its staged version in; on failure put the old ones back."""
    backup = stage / ".previous"
    backup.mkdir()
    swapped: list[str] = []
    try:
        for top in sorted(touched - {HOME_FILE}):
            if (root / top).exists():
                os.rename(root / top, backup / top)
            swapped.append(top)
            if (stage / top).exists():
                os.rename(stage / top, root / top)
        if HOME_FILE in touched:
            if (stage / HOME_FILE).exists():
                os.replace(stage / HOME_FILE, root / HOME_FILE)
            else:
                (root / HOME_FILE).unlink()
    except BaseException:
        for top in reversed(swapped):
            if (root / top).exists():
                shutil.rmtree(root / top)
            if (backup / top).exists():
                os.rename(backup / top, root / top)
        raise
