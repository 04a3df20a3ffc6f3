"""Loading the corpus: every gazette of a folder parsed (cached, in parallel), with editors' overrides.

This is the front of the pipeline as the plugin runs it (sources → parse for
each file), made fit for an archive of thousands of gazettes:

* **cache** — a parsed gazette is kept in ``<cache_dir>/issues/`` under a key
  made of its file name, its bytes and the source of every module the parser
  imports (found by :mod:`generator.cachekey`, not listed), so an unchanged
  gazette is never parsed twice and a parser change re-parses all;
* **parallel** — the gazettes that must be parsed are spread over the
  machine's cores when there are enough of them for the start-up to pay;
* **overrides** — ``X.overrides.yml`` beside ``X.txt`` corrects fields
  (see :mod:`generator.overrides`), applied after the cache so editing an
  override never needs a re-parse; so is what ``manifest.toml`` says of each
  gazette's official PDF (:mod:`generator.manifest`).

:func:`corpus_fingerprint` names the whole input (files, overrides, aliases
and the generator's code), so the plugin can skip a generation pass that
would produce exactly what docs_src/ already holds.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cachekey import package_version, stage_version
from .manifest import apply_manifest, manifest_path, read_manifest
from .messages import refusal
from .model import GazetteError, GazetteIssue, PackedBlocks, Refusal
from .overrides import apply_overrides_for, overrides_path
from .sources import companions, gazette_files

# The stage a parsed gazette depends on: change any module it imports and every cached parse is stale.
PARSER_ENTRY = "generator.parse"
PROGRESS_MIN_FILES = 50         # fewer gazettes parse in seconds: no progress lines
PARALLEL_MIN_FILES = 4           # below this, starting worker processes costs more than it saves


@dataclass
class Loaded:
    """The corpus as loaded: issues in file-name order, one line per refused file, and counts."""

    issues: list[GazetteIssue] = field(default_factory=list)
    # files that could not be read as gazettes, one line each naming the file: left out, the rest
    # published, listed at the end of the build and on editors/refused/ (not warnings --strict counts)
    refused: list[Refusal] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)       # overrides that could not be applied: warnings
    parsed: int = 0              # files parsed in this pass
    from_cache: int = 0          # files whose parse came from the cache


def parser_version() -> str:
    """The parser's code as a short digest: every module importing it runs, and their data."""
    return stage_version(PARSER_ENTRY)


def generator_version() -> str:
    """The whole package's code and data as a short digest (a generation pass reads all of it)."""
    return package_version()


def file_key(path: Path, raw: bytes) -> str:
    """Cache key of one gazette: its name (the issue's address comes from it), bytes, the files
    beside it that its reading depends on (:func:`generator.sources.companions`) and parser code."""
    h = hashlib.sha256(path.name.encode("utf-8") + b"\0" + raw)
    for companion in companions(path):
        h.update(companion.name.encode("utf-8") + b"\0" + hashlib.sha256(companion.read_bytes()).digest())
    return f"{h.hexdigest()[:32]}-{parser_version()}"


def _parse_one(path_str: str) -> GazetteIssue | Refusal:
    """Parse one file in a worker: the issue, its documents' blocks packed (sent back and cached
    compressed, and packed on every core rather than in the process that gathers them), or why
    the file is refused."""
    from .parse import parse_file

    try:
        return _packed(parse_file(path_str))
    except GazetteError as exc:
        return Refusal.of(exc)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not hide the other gazettes
        return Refusal.of(refusal("parser-failed", path_str, error=type(exc).__name__,
                                  command=f"gazette parse {path_str}"))


def _read_cache(cache_dir: Path | None, key: str) -> GazetteIssue | None:
    if cache_dir is None:
        return None
    try:
        with open(cache_dir / "issues" / f"{key}.pickle", "rb") as f:
            issue = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return issue if isinstance(issue, GazetteIssue) else None


def _write_cache(cache_dir: Path | None, key: str, issue: GazetteIssue) -> GazetteIssue:
    """Store a parse atomically (a killed build never leaves half a file behind), and return it as
    read back from those bytes: a parse made now and one taken from the cache are then the same
    objects, shared alike, so whatever is pickled from them later (an archive's catalogue, whose
    bytes key each site's build: generator.archive_state) is byte for byte the same either way."""
    data = pickle.dumps(issue, protocol=pickle.HIGHEST_PROTOCOL)
    if cache_dir is not None:
        folder = cache_dir / "issues"
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, folder / f"{key}.pickle")
    return pickle.loads(data)


def _parse_all(paths: list[Path], workers: int) -> Iterator[GazetteIssue | Refusal]:
    """Parse files in order, in worker processes when there are enough of them."""
    if workers > 1 and len(paths) >= PARALLEL_MIN_FILES:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(_parse_one, map(str, paths), chunksize=4)
    else:
        yield from (_parse_one(str(p)) for p in paths)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _relocated(issue: GazetteIssue, path: Path) -> GazetteIssue:
    """A cached parse as if of the file where it is now: the key holds a file's name and bytes, not
    its folder, so a parse made of the same file elsewhere names the files (to publish the PDF) here."""
    if issue.source_file == str(path):
        return issue
    pdf = issue.pdf
    if pdf is not None and pdf.path is not None:
        pdf = replace(pdf, path=str(path.with_name(Path(pdf.path).name)))
    return replace(issue, source_file=str(path), pdf=pdf)


def _packed(issue: GazetteIssue) -> GazetteIssue:
    """The issue with its documents' blocks compressed (:class:`generator.model.PackedBlocks`),
    as parse workers send them and the cache keeps them."""
    for document in issue.documents:
        if not isinstance(document.blocks, PackedBlocks):
            document.blocks = PackedBlocks(document.blocks)
    return issue


def _unpacked(issue: GazetteIssue) -> GazetteIssue:
    """The issue with its documents' blocks as lists, for a pass that reads them all anyway."""
    for document in issue.documents:
        if isinstance(document.blocks, PackedBlocks):
            document.blocks = list(document.blocks)
    return issue


def load_corpus(folder: Path, cache_dir: Path | None = None, workers: int | None = None,
                progress: Callable[[str], None] | None = None, packed: bool = False) -> Loaded:
    """Every gazette of ``folder`` (:func:`generator.sources.gazette_files`: text files, and PDFs
    without a text beside them), parsed or taken from the cache, overrides applied.

    ``progress`` receives a line now and then while a long parse runs (the build log). ``packed``
    keeps every document's blocks compressed as the parse and the cache give them
    (:class:`generator.model.PackedBlocks`), for a stage that holds a whole archive; else they
    are lists again.
    """
    out = Loaded()
    paths = gazette_files(folder)
    keys = {p: file_key(p, p.read_bytes()) for p in paths}
    found: dict[Path, GazetteIssue | str] = {}
    for p in paths:
        cached = _read_cache(cache_dir, keys[p])
        if cached is not None:
            found[p] = _packed(cached) if packed else _unpacked(cached)
            out.from_cache += 1
    todo = [p for p in paths if p not in found]
    step = max(1, len(todo) // 10)
    for done, (p, result) in enumerate(zip(todo, _parse_all(todo, workers or default_workers())), 1):
        found[p] = result
        if isinstance(result, GazetteIssue):
            result = _write_cache(cache_dir, keys[p], result)
            found[p] = result if packed else _unpacked(result)
        if progress is not None and len(todo) >= PROGRESS_MIN_FILES and (done % step == 0 or done == len(todo)):
            progress(f"parsed {done}/{len(todo)} gazettes ({out.from_cache} more from cache)")
    out.parsed = len(todo)
    manifest, manifest_errors = read_manifest(folder)
    out.errors += [f"manifest entry not used: {e}" for e in manifest_errors]
    for p in paths:
        result = found[p]
        if isinstance(result, Refusal):
            out.refused.append(result)
            continue
        result = _relocated(result, p)
        try:
            result = apply_overrides_for(result, p)
        except GazetteError as exc:
            out.errors.append(f"overrides not applied: {exc}")
        out.issues.append(apply_manifest(result, manifest.get(p.stem), manifest_path(folder)))
    return out


def corpus_fingerprint(folder: Path, extra: tuple[Path, ...] = ()) -> str:
    """One digest of everything a generation pass reads: gazettes, overrides, extra files, the code."""
    h = hashlib.sha256(generator_version().encode())
    for p in gazette_files(folder):
        for part in (p, *companions(p)):
            h.update(part.name.encode("utf-8") + b"\0" + hashlib.sha256(part.read_bytes()).digest())
        o = overrides_path(p)
        if o.is_file():
            h.update(o.name.encode("utf-8") + b"\0" + o.read_bytes())
    manifest = manifest_path(folder)
    if manifest.is_file():
        h.update(manifest.name.encode("utf-8") + b"\0" + manifest.read_bytes())
    for p in extra:
        h.update(str(p).encode("utf-8") + b"\0" + (p.read_bytes() if p.is_file() else b"(missing)"))
    return h.hexdigest()
