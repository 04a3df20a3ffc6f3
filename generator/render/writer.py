"""Write generated pages into docs_src/: all or nothing, touching only what changed.

Writing only changed files keeps `mkdocs serve` from rebuilding forever (its
watcher sees our own writes) and keeps file times meaningful. The generator
owns the folders its page kinds register (:func:`generator.render.registry.generated_roots`)
and the home page entirely; any
Markdown file there that the current corpus did not produce is deleted.
Hand-written files elsewhere in docs_src/ are never touched, and a path that
is not under a generated root (or the home page) is refused before anything
is written.

Atomic output: a build that fails must leave the previous docs_src/ usable.
Pages arrive as a stream of (path, text) pairs, so the whole site never sits
in memory at once (at 25,000 documents it would be gigabytes). Each file is
written, as it arrives, into a staging folder next to docs_src/
(``.docs_src.staging-*``, outside the folder MkDocs reads): a hard link to the
current file when the bytes are the same (so it keeps its time), new bytes
otherwise. When the stream ends, each generated root that has any difference
is swapped in with two renames; the home page is replaced with one atomic
``os.replace``. If rendering or staging fails, docs_src/ has not been touched;
if a rename fails while swapping, the roots already swapped are put back. The
staging and backup folders are removed in every case.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .registry import HOME_FILE, generated_roots, is_generated


@dataclass
class WriteReport:
    """What a write pass did, for the build log."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)


def write_pages(docs_dir: str | Path,
                pages: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]]) -> WriteReport:
    """Make docs_dir hold exactly ``pages`` under the generated roots, atomically; touch only differences.

    ``pages`` is a mapping or a stream of (path, text) pairs; a path may come only once. Text is
    written as UTF-8; bytes (a compressed download) as they are.
    """
    root = Path(docs_dir).resolve()
    root.mkdir(parents=True, exist_ok=True)
    items = pages.items() if isinstance(pages, Mapping) else pages
    report = WriteReport()
    seen: set[str] = set()
    stage = Path(tempfile.mkdtemp(prefix=f".{root.name}.staging-", dir=root.parent))
    try:
        for rel, text in items:
            _inside(root, rel)                 # checked before it is staged; docs_dir is not touched yet
            if rel in seen:
                raise ValueError(f"generated path produced twice: {rel!r}")
            seen.add(rel)
            if _stage_file(root / rel, stage / rel, text if isinstance(text, bytes) else text.encode("utf-8")):
                report.unchanged += 1
            else:
                report.written.append(rel)
        report.written.sort()
        report.deleted = _stale(root, seen)
        touched = {_top(rel) for rel in report.written + report.deleted}
        if touched:
            _swap(root, stage, touched)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return report


def _top(rel: str) -> str:
    """The generated root a docs_src-relative path belongs to (``d``, ``g``, … or the home file)."""
    return rel.split("/", 1)[0]


def _inside(root: Path, rel: str) -> Path:
    """The file for a generated path, refusing anything outside the generator's own part of docs_dir."""
    target = (root / rel).resolve()
    if root not in target.parents:
        raise ValueError(f"generated path escapes docs_dir: {rel!r}")
    if not is_generated(rel):
        raise ValueError(f"generated path outside the generated roots {generated_roots()}: {rel!r}")
    if target.relative_to(root).as_posix() != rel:
        raise ValueError(f"generated path is not in normal form: {rel!r}")
    return target


def _stale(root: Path, keep: set[str]) -> list[str]:
    """Generated files the corpus no longer produces (deleted by the swap)."""
    stale: list[str] = []
    for top in generated_roots():
        base = root / top
        if base.is_dir():
            stale.extend(rel for path in sorted(base.rglob("*"))
                         if path.is_file() and (rel := path.relative_to(root).as_posix()) not in keep)
    if HOME_FILE not in keep and (root / HOME_FILE).is_file():
        stale.append(HOME_FILE)
    return stale


def _stage_file(current: Path, staged: Path, payload: bytes) -> bool:
    """Put one page into the staging tree: a hard link to an identical current file (True), else
    new bytes (False)."""
    staged.parent.mkdir(parents=True, exist_ok=True)
    if current.is_file() and current.stat().st_size == len(payload) and current.read_bytes() == payload:
        try:
            os.link(current, staged)
        except OSError:
            shutil.copy2(current, staged)      # no hard links here (another filesystem): copy, time kept
        return True
    staged.write_bytes(payload)
    return False


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
