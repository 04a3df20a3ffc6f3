"""Make a Pagefind bundle ours: only the files the search page loads, no token text in results,
byte-identical across builds.

Pagefind 1.5 writes its files gzip-compressed behind the ``pagefind_dcd`` signature,
the index, filter and metadata files as CBOR (``pf_meta`` names the index chunks
and filter files by hash; ``pagefind-entry.json`` names the ``pf_meta``). Three
things are changed, each checked by tests/search/test_bundle.py:

* the UI assets (Pagefind UI, its components, highlight script) are deleted: the
  search page uses only ``pagefind.js``, its worker and WebAssembly;
* each result fragment's ``content``, which is the record's tokens
  (:func:`.records.record_tokens`), is dropped and its metadata written:
  title, doc number, organ, date and the document's text as it reads, which
  the search page cuts its excerpt from (:func:`.records.record_meta`; given to
  Pagefind, metadata would be indexed as words of its own; the tokens would
  double what a page of results downloads);
* each filter file lists its values in the order of a hash map, different on
  every run, so the values are sorted and the file is named by a hash of its
  content, and so is the ``pf_meta`` that names it (and the entry file that names that).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
# Written by Pagefind into every bundle, never loaded by the search page.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
ENTRY = "pagefind-entry.json"


def decode(raw: bytes) -> bytes:
    """The payload of a Pagefind data file (gzip, then the signature)."""
    data = gzip.decompress(raw)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind data file (no pagefind_dcd signature)")
    return data[len(SIGNATURE):]


def encode(payload: bytes) -> bytes:
    """A Pagefind data file of a payload, the same bytes every time (no gzip timestamp)."""
    return gzip.compress(SIGNATURE + payload, compresslevel=9, mtime=0)


def _hash(payload: bytes, digits: int) -> str:
    return hashlib.sha256(payload).hexdigest()[:digits]


def rewrite_fragment(path: Path, metas: dict[str, dict[str, str]]) -> str:
    """A result fragment with its document's metadata instead of the tokens (``content``), its
    filters and anchors kept, renamed by a longer hash of its new content; returns the new name.

    A result's id is its fragment's name, and the search page tells results apart by id across
    every shard it merges. Pagefind names fragments with 7 hex digits (28 bits): among 25,000
    documents two shards are likely to share one (measured: phrases whose result sets differed
    by one page at equal counts), so the name takes 16."""
    fragment = json.loads(decode(path.read_bytes()))
    fragment["content"] = ""
    fragment["meta"] = metas[fragment["url"]]
    payload = json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    name = f"{path.stem.split('_', 1)[0]}_{_hash(payload, 16)}"
    path.unlink()
    (path.parent / f"{name}.pf_fragment").write_bytes(encode(payload))
    return name


def sort_filter(path: Path) -> str:
    """Put a filter file's values in order, rename it by its content; returns its new hash name."""
    name, values = cbor2.loads(decode(path.read_bytes()))
    payload = cbor2.dumps([name, sorted(([value, sorted(pages)] for value, pages in values),
                                        key=lambda v: v[0])])
    language = path.stem.split("_", 1)[0]
    new = f"{language}_{_hash(payload, 7)}"
    path.unlink()
    (path.parent / f"{new}.pf_filter").write_bytes(encode(payload))
    return new


def normalise_bundle(bundle: Path, metas: dict[str, dict[str, str]]) -> None:
    """Apply the three changes above to a bundle Pagefind just wrote; ``metas`` gives each result
    URL (as Pagefind writes it: ``/d/绍政发/2017/7/``) the metadata it shows."""
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    fragments = {path.stem: rewrite_fragment(path, metas)
                 for path in sorted((bundle / "fragment").glob("*.pf_fragment"))}
    renamed = {path.stem: sort_filter(path) for path in sorted((bundle / "filter").glob("*.pf_filter"))}
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = cbor2.loads(decode(meta_path.read_bytes()))
        # [version, pages [fragment, words], index chunks, filters [name, file hash], sorts, metadata fields]
        meta[1] = [[fragments.get(page, page), words] for page, words in meta[1]]   # [fragment, word count]
        meta[3] = sorted([name, renamed.get(old, old)] for name, old in meta[3])
        payload = cbor2.dumps(meta)
        info["hash"] = f"{language}_{_hash(payload, 11)}"
        meta_path.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(encode(payload))
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
