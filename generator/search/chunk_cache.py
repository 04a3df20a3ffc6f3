"""The search index's encoded chunks, cached, so that a correction re-encodes only its own chunk.

Encoding every document's tokens is most of an index's time (at 25,000 documents, about 200 of
the catalogue's 390 s), and after an editor corrects one gazette all but a few hundred documents
encode to the same bytes as before. The index encodes its documents in chunks of a fixed number,
in index order (:func:`generator.search.index.postings`); each chunk's lists are a pure function
of its records, their place in the order and the code, so they are kept here under the digest of
exactly that. An update (``archive update``, ``make update``) then encodes the chunk holding the
corrected document and reads the others back; the joined index is the same bytes either way
(tests/search/test_chunk_cache.py). A correction that moves documents in the order (a 成文日期
corrected, a document added) moves the chunks after it and encodes them again.

Derived, never trusted: the key is computed from every field of every record of the chunk, the
chunk's first number and the digest of the code that encodes it (:mod:`generator.cachekey`). A
file that cannot be read is a miss. After a build, the chunks it did not use are deleted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import zlib
from pathlib import Path

from ..cachekey import stage_version
from .records import SearchRecord, record_bytes

CHUNKS_DIR = "search-chunks"          # under the build's cache folder


def chunk_key(records: list[SearchRecord], first: int) -> str:
    """The digest of what a chunk's encoding reads: its records, its first number, the code."""
    h = hashlib.sha256(f"{stage_version('generator.search.index')}\0{first}\0".encode())
    for record in records:
        h.update(record_bytes(record))
    return h.hexdigest()


class ChunkCache:
    """Encoded chunks in ``folder`` by key; what a build used is kept, the rest dropped by :meth:`prune`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = self.misses = 0

    def get(self, key: str):
        """The chunk stored under ``key``, or None."""
        self.used.add(key)
        try:
            chunk = pickle.loads(zlib.decompress((self.folder / f"{key}.bin").read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return chunk

    def put(self, key: str, chunk) -> None:
        """Store a chunk atomically (a killed build leaves no half file)."""
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(zlib.compress(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL), 1))
        os.replace(tmp, self.folder / f"{key}.bin")

    def prune(self) -> None:
        """Delete every stored chunk this build did not use (and any temporary file)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.stem not in self.used or path.suffix != ".bin":
                path.unlink(missing_ok=True)
