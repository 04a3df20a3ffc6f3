"""Full-text search: the documents' own bigram tokens (:mod:`.records`) in an index of our own (:mod:`.index`).

The index is made from the linked corpus, not from the built site: every
document becomes a :class:`~.records.SearchRecord`, and :func:`.index.index_files`
turns the records into static files (postings by token, long lists cut into
blocks newest first, one fragment per result, the filters) written to a folder of its own, which the MkDocs plugin moves into
``site/search-index/``; the search page (``search/``,
theme_overrides/assets/javascripts/gazette-search.js) reads them.

The files are a pure function of the records, so two builds of one corpus give a
byte-identical index. The whole index is cached under its key: the records and
the code of this package, so an unchanged corpus is never indexed again.

In front of full-text search sits an exact doc-number lookup, written at render
time by the ``lookup`` page kind (:mod:`generator.render.kinds.lookup`).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .chunk_cache import CHUNKS_DIR, ChunkCache
from .index import MANIFEST, IndexState, IndexWritten, write_index
from .patch import IndexPatched, Unpatchable, patch_index
from .records import SearchRecord, corpus_records, in_index_order, record_identities

__all__ = ["BUNDLE_DIR", "MANIFEST", "SearchError", "SearchRecord", "corpus_records", "host_of", "index_records",
           "restore_index", "share_of", "spread_over"]

BUNDLE_DIR = "search-index"      # where the index is served, under the site root


class SearchError(Exception):
    """The index could not be written: the reason, for the build to report."""


def _quiet(line: str) -> None:
    """The default progress sink: say nothing."""


def _code_version() -> str:
    """What the index depends on besides its records: the code of this package."""
    h = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        h.update(module.name.encode() + b"\0" + module.read_bytes())
    return h.hexdigest()


def index_key(records: Sequence[SearchRecord]) -> str:
    """The index's cache key: every record's identity (:func:`.records.record_identities`: a
    corpus's records need not be made for it), and the code that indexes them."""
    h = hashlib.sha256(_code_version().encode())
    ordered = in_index_order(records)
    for identity in record_identities(ordered, 0, len(ordered)):
        h.update(identity)
    return h.hexdigest()[:24]


WRITING = ".writing"               # under the bundle: the index's folder while its files are written


def write_bundle(records: Sequence[SearchRecord], bundle: Path, workers: int,
                 chunks: ChunkCache | None = None) -> IndexWritten:
    """Write the index of these records into ``bundle`` (replaced), each file as it is made: into
    a folder of its own first, renamed to the name the files' digest gives once all are written.
    ``chunks``: the encoded chunks of earlier builds (:mod:`.chunk_cache`)."""
    shutil.rmtree(bundle, ignore_errors=True)
    writing = bundle / WRITING

    root, made = str(writing), set()

    def put(path: str, data: bytes) -> None:        # strings, not Paths: tens of thousands of files
        _folder_of(os.path.join(root, path), made)
        with open(os.path.join(root, path), "wb") as f:
            f.write(data)

    written = write_index(records, put, workers, cache=chunks)
    os.replace(writing, bundle / written.folder)
    (bundle / MANIFEST).write_bytes(written.manifest)
    return written


def index_records(records: Sequence[SearchRecord], bundle: Path, cache_dir: Path | None = None,
                  progress: Callable[[str], None] = _quiet, workers: int | None = None) -> dict[str, str]:
    """Write the search index of these records into ``bundle`` (replaced), from the cache when
    the records and the code are unchanged, patched from the last index when a few chunks of
    documents changed (:mod:`.patch`: an editor's correction); a large archive is encoded by
    ``workers`` processes (default: one per core, at most 8). Returns ``{"index": key}``, which
    :func:`restore_index` can put back."""
    started = time.perf_counter()
    key = index_key(records)
    cached = cache_dir / "search" / key if cache_dir else None
    if cached is not None and (cached / MANIFEST).is_file():
        _copy(cached, bundle)
        progress(f"search index: {len(records)} documents, unchanged (from the cache)")
        return {"index": key}
    chunks = ChunkCache(cache_dir / CHUNKS_DIR) if cache_dir else None
    try:
        patched, why = _patch(records, cache_dir, key, chunks) if chunks is not None else (None, "")
        if patched is not None:
            written = patched.written
            _copy(cached, bundle)
        else:
            written = write_bundle(records, bundle, workers or max(1, min(os.cpu_count() or 1, 8)), chunks)
            if cached is not None:
                _store(bundle, cached, written)
    except OSError as error:
        raise SearchError(f"gazette: cannot write the search index in {bundle}: {error}") from error
    seconds = time.perf_counter() - started
    if patched is not None:
        chunks.prune()
        progress(f"search index: {len(records)} documents, patched from the last one in {seconds:.1f} s "
                 f"({patched.encoded} of {len(written.state.chunk_keys)} chunks encoded again, "
                 f"{len(patched.changed)} of {written.files} files written)")
        return {"index": key}
    reused = ""
    if chunks is not None:
        chunks.prune()
        packs = chunks.packs
        reused = (f" ({chunks.hits} of {chunks.hits + chunks.misses} chunks as made before, "
                  f"{packs.hits} of {packs.hits + packs.misses} other files as gzipped before"
                  f"{'; not patched: ' + why if why else ''})")
    progress(f"search index: {len(records)} documents, {written.files} files, {written.size / 1e6:.1f} MB "
             f"in {seconds:.1f} s{reused}")
    return {"index": key}


STATE_SUFFIX = ".state"            # beside a cached index: what a patch of it needs (IndexState), pickled


def _patch(records: Sequence[SearchRecord], cache_dir: Path, key: str,
           chunks: ChunkCache) -> tuple[IndexPatched | None, str]:
    """The last cached index patched in the cache into the index of ``key``: moved to its new
    name, each changed file written anew (a new file: the hard links built sites hold keep the old
    bytes); (None, why not) when there is none of this code, or it cannot be patched
    (:class:`.patch.Unpatchable`; what was moved is dropped, and the caller joins the index again).
    The old files it reads are checked against the digests its build recorded."""
    last = _last_index(cache_dir)
    if last is None:
        return None, ""
    old, saved = last
    state: IndexState = saved["state"]
    cached = cache_dir / "search" / key
    shutil.rmtree(cached, ignore_errors=True)
    _state_file(old).unlink()                       # it no longer describes what the folder holds
    os.replace(old, cached)
    root = str(cached / saved["folder"])

    def read(path: str) -> bytes:
        with open(os.path.join(root, path), "rb") as f:
            data = f.read()
        if state.files.get(path, (b"",))[0] != hashlib.sha256(data).digest():
            raise Unpatchable(f"the last index's {path} is not what its build wrote")
        return data

    def put(path: str, data: bytes) -> None:
        target = os.path.join(root, path)
        with open(target + ".new", "wb") as f:
            f.write(data)
        os.replace(target + ".new", target)

    try:
        if len(_index_files(root)) != len(state.files):
            raise Unpatchable("the last index's files are not all there")
        patched = patch_index(records, read, state, chunks, put)
        if patched.written.folder != saved["folder"]:
            os.replace(root, cached / patched.written.folder)
        (cached / MANIFEST).write_bytes(patched.written.manifest)
    except (Unpatchable, OSError) as why:
        shutil.rmtree(cached, ignore_errors=True)
        return None, str(why)
    _save_state(cached, patched.written)
    return patched, ""


def _state_file(cached: Path) -> Path:
    return cached.with_name(cached.name + STATE_SUFFIX)


def _save_state(cached: Path, written: IndexWritten) -> None:
    """Keep beside a cached index what a patch of it needs (none for an index made without a chunk cache)."""
    if written.state is None:
        return
    saved_file = _state_file(cached)
    with open(saved_file.with_name(saved_file.name + ".tmp"), "wb") as f:
        pickle.dump({"code": _code_version(), "folder": written.folder, "state": written.state}, f,
                    protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(saved_file.with_name(saved_file.name + ".tmp"), saved_file)


def _last_index(cache_dir: Path) -> tuple[Path, dict] | None:
    """The cached index of the last build and what was saved of it (:data:`STATE_SUFFIX`), if it
    was made by this code."""
    for saved_file in sorted((cache_dir / "search").glob(f"*{STATE_SUFFIX}")):
        try:
            with open(saved_file, "rb") as f:
                saved = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            continue
        cached = saved_file.with_suffix("")
        if (isinstance(saved, dict) and saved.get("code") == _code_version()
                and isinstance(saved.get("state"), IndexState) and (cached / MANIFEST).is_file()):
            return cached, saved
    return None


def restore_index(state: dict[str, str], bundle: Path, cache_dir: Path | None) -> bool:
    """Put the index of an earlier pass back from the cache (a pass that found nothing changed);
    False when it is no longer cached."""
    if cache_dir is None or "index" not in state:
        return False
    cached = cache_dir / "search" / state["index"]
    if not (cached / MANIFEST).is_file():
        return False
    _copy(cached, bundle)
    return True


def _copy(source: Path, bundle: Path) -> None:
    shutil.rmtree(bundle, ignore_errors=True)
    shutil.copytree(source, bundle, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    """An index file into or out of the cache, or into a site's share: a hard link for the ``.bin``
    files, which nothing writes in place once made (at 100,000 documents they are 200,000 files,
    860 MB), a copy for the manifest, which :func:`spread_over` rewrites."""
    if source.endswith(".bin"):
        try:
            os.link(source, target)
            return
        except OSError:                 # another file system, or no hard links: copy
            pass
    shutil.copy2(source, target)


def _store(bundle: Path, cached: Path, written: IndexWritten) -> None:
    """Keep the index in the cache, in place of any older one, with what a patch of it needs."""
    for old in cached.parent.glob("*"):
        if old.is_dir() and old != cached:
            shutil.rmtree(old, ignore_errors=True)
        elif old.is_file():
            old.unlink()
    tmp = cached.with_name(cached.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(bundle, tmp, copy_function=_link_or_copy)
    os.replace(tmp, cached)
    _save_state(cached, written)


# -- an archive in parts: one index, spread over its sites ---------------------------------------------
# The index is written once for the whole archive. Every site serves the small manifest; each file
# is served by one site, the one its number picks (host_of), so no site serves the whole index, each
# holds about 1/n of it, and a query fetches the same few files (its tokens' buckets, its results'
# fragments) whatever the number of parts. gazette-search.js computes the same host (hostOf).

def host_of(path: str, hosts: int) -> int:
    """The site (its place among ``hosts`` sites) serving an index file, by the number in its name:
    ``t/<hex>.bin`` (a bucket), ``p/<n>.bin`` (a block of a long list), ``f/<n>.bin`` (a result's
    fragment), ``filter/<n>.bin``."""
    kind, _, name = path.rpartition("/")
    number = name.partition(".")[0]
    return (int(number, 16) if kind.rpartition("/")[2] == "t" else int(number)) % hosts


def spread_over(bundle: Path, hosts: list[str], numbers: str) -> None:
    """Tell the manifest of an index in ``bundle`` where its files are: ``hosts`` are the
    ``search-index/`` addresses of the archive's sites, in a fixed order; ``numbers`` the folder of
    the doc-number lookup (on the portal)."""
    manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    manifest.update(hosts=hosts, numbers=numbers)
    (bundle / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True,
                                              separators=(",", ":")) + "\n", encoding="utf-8")


def share_of(bundle: Path, host: int, target: Path) -> int:
    """Put into ``target`` (replaced) what site number ``host`` serves of a spread index: a copy of
    the manifest and its own files, hard-linked where the file system allows (:func:`_link_or_copy`:
    nothing writes an index file in place, and copying them took an archive's update 3–5 s a site
    at 25,000 documents). Returns how many bytes."""
    manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    count = len(manifest["hosts"])
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copyfile(bundle / MANIFEST, target / MANIFEST)
    size = (target / MANIFEST).stat().st_size
    source, dest = str(bundle / manifest["folder"]), str(target / manifest["folder"])
    made: set[str] = set()
    for rel in _index_files(source):                # strings, not Paths: 54,000 files at 25,000
        if host_of(rel, count) == host:             # documents, and pathlib took 6 of a share's 6.4 s
            _folder_of(os.path.join(dest, rel), made)
            _link_or_copy(os.path.join(source, rel), os.path.join(dest, rel))
            size += os.stat(os.path.join(dest, rel)).st_size
    return size


def _folder_of(path: str, made: set[str]) -> None:
    """Make the folder a file is about to be written in, once per folder (``made``): an index has
    tens of thousands of files in a handful of folders."""
    folder = os.path.dirname(path)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)


def _index_files(folder: str) -> list[str]:
    """Every ``.bin`` under an index's ``folder``, relative (``t/1f.bin``), in a fixed order."""
    found: list[str] = []
    for top, dirs, files in os.walk(folder):
        rel = os.path.relpath(top, folder)
        found += [name if rel == "." else f"{rel.replace(os.sep, '/')}/{name}" for name in files if name.endswith(".bin")]
    return sorted(found)
