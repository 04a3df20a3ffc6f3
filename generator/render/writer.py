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
in memory at once (at 25,000 documents it would be gigabytes). A page whose
bytes equal the current file's is left alone (it keeps its time); a changed or
new page is written, as it arrives, into a staging folder next to docs_src/
(``.docs_src.staging-*``, outside the folder MkDocs reads). When the stream
ends, a generated root docs_src/ does not have yet comes in with one rename;
every other changed page is renamed in over the current file, which is first
moved aside, and a page no longer generated is moved aside. If rendering or
staging fails, docs_src/ has not been touched; if a rename fails while
committing, every move already made is undone (folders made for new pages
removed). The staging folder, with what was moved aside, is removed in every
case, and folders emptied by deletions with it.

Only what changed is staged and moved: after an editor's correction a
25,000-document archive's portal has 47,666 files of which a few dozen change,
and staging every file (a hard link in a folder of its own each, then the
staging tree removed) was about 40 of its 145 s of generation.
"""

from __future__ import annotations

import os
import shutil
import stat
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
    folders: set[str] = set()                  # docs_dir's folders already looked at (:func:`_inside`)
    stage = Path(tempfile.mkdtemp(prefix=f".{root.name}.staging-", dir=root.parent))
    try:
        for rel, text in items:
            _inside(root, rel, folders)        # checked before it is staged; docs_dir is not touched yet
            if rel in seen:
                raise ValueError(f"generated path produced twice: {rel!r}")
            seen.add(rel)
            if _stage_file(root / rel, stage / rel, text if isinstance(text, bytes) else text.encode("utf-8")):
                report.unchanged += 1
            else:
                report.written.append(rel)
        report.written.sort()
        report.deleted = _stale(root, seen)
        if report.written or report.deleted:
            _commit(root, stage, report.written, report.deleted)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return report


def _top(rel: str) -> str:
    """The generated root a docs_src-relative path belongs to (``d``, ``g``, … or the home file)."""
    return rel.split("/", 1)[0]


def _inside(root: Path, rel: str, folders: set[str]) -> None:
    """Refuse a generated path outside the generator's own part of docs_dir: not in normal form
    (``..``, ``.``, an empty segment, absolute), outside the generated roots, or through a symbolic
    link. The check is by the path's own segments, each folder's link looked at once (``folders``:
    those already seen), not by resolving every path: resolving was 16 s of the 47,666 files of a
    25,000-document archive's portal; the file itself is looked at when it is read
    (:func:`_stage_file`)."""
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts) or "\\" in rel or "\0" in rel:
        if rel.startswith("/") or ".." in parts:
            raise ValueError(f"generated path escapes docs_dir: {rel!r}")
        raise ValueError(f"generated path is not in normal form: {rel!r}")
    if not is_generated(rel):
        raise ValueError(f"generated path outside the generated roots {generated_roots()}: {rel!r}")
    folder = ""
    for part in parts[:-1]:
        folder = f"{folder}/{part}" if folder else part
        if folder not in folders:
            if (root / folder).is_symlink():
                raise ValueError(f"generated path escapes docs_dir through a link: {rel!r}")
            folders.add(folder)


def _stale(root: Path, keep: set[str]) -> list[str]:
    """Generated files the corpus no longer produces (moved out by the commit)."""
    stale: list[str] = []
    for top in generated_roots():
        for folder, dirs, names in os.walk(root / top):
            dirs.sort()
            base = Path(folder).relative_to(root).as_posix()
            stale.extend(rel for name in sorted(names) if (rel := f"{base}/{name}") not in keep)
    if HOME_FILE not in keep and (root / HOME_FILE).is_file():
        stale.append(HOME_FILE)
    return sorted(stale)


def _stage_file(current: Path, staged: Path, payload: bytes) -> bool:
    """True when the current file already holds these bytes (nothing staged); else the bytes are
    staged (False)."""
    try:
        found = current.lstat()
    except OSError:                            # no current file: a new page
        found = None
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise ValueError(f"generated path is a link in docs_dir: {current}")
    if found is not None and found.st_size == len(payload) and current.read_bytes() == payload:
        return True
    staged.parent.mkdir(parents=True, exist_ok=True)
    staged.write_bytes(payload)
    return False


def _commit(root: Path, stage: Path, written: list[str], deleted: list[str]) -> None:
    """Move the staged pages in and the stale ones out (:func:`write_pages`): a generated root
    docs_src/ lacks comes in whole; any other page is renamed over its current file, moved aside
    first. On failure every move made is undone, in reverse."""
    aside = stage / ".previous"
    new_roots = sorted({top for rel in written if (top := _top(rel)) != HOME_FILE and not (root / top).exists()})
    undo: list[tuple[str, ...]] = []
    try:
        for top in new_roots:
            os.rename(stage / top, root / top)
            undo.append(("back", str(root / top), str(stage / top)))
        gone = set(deleted)
        for rel in [*(r for r in written if _top(r) not in new_roots), *deleted]:
            target = root / rel
            if target.exists():
                (aside / rel).parent.mkdir(parents=True, exist_ok=True)
                os.rename(target, aside / rel)
                undo.append(("back", str(aside / rel), str(target)))
            if rel in gone:
                continue
            for folder in _make_folders(target.parent, root):
                undo.append(("rmdir", str(folder)))
            os.rename(stage / rel, target)
            undo.append(("back", str(target), str(stage / rel)))
    except BaseException:
        for step in reversed(undo):
            if step[0] == "rmdir":
                os.rmdir(step[1])
            else:
                os.rename(step[1], step[2])
        raise
    for rel in deleted:
        _drop_empty_folders((root / rel).parent, root)


def _make_folders(folder: Path, root: Path) -> list[Path]:
    """Make ``folder`` and any missing parents under ``root``; the ones made, outermost first."""
    missing = []
    while folder != root and not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir()
    return list(reversed(missing))


def _drop_empty_folders(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents under ``root`` while they are empty (a page's folder
    after it was deleted)."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
