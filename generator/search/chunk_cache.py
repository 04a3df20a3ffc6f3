"""The search index's encoded chunks and gzipped files, cached, so that a correction re-encodes
only its own chunk and gzips only the files that change.

Encoding every document's tokens is most of an index's time (at 25,000 documents, about 200 of
the catalogue's 390 s), and after an editor corrects one gazette all but a few hundred documents
encode to the same bytes as before. The index encodes its documents in chunks of a fixed number,
in index order (:func:`generator.search.index.postings`); each chunk's lists are a pure function
of its records, their place in the order and the code, so they are kept here under the digest of
exactly that. An update (``archive update``, ``make update``) then encodes the chunk holding the
corrected document and reads the others back; the joined index is the same bytes either way
(tests/search/test_chunk_cache.py). A correction that moves documents in the order (a 成文日期
corrected, a document added) moves the chunks after it and encodes them again.

A chunk is kept with everything else the index makes of its records (each document's gzipped
fragment, its filter values), and is keyed by the records' identities
(:func:`.records.record_identities`), so an unchanged chunk of an archive's catalogue needs none of
its records made: unpacking every document's blocks was about 50 s of a correction's index at
25,000 documents, gzipping the fragments about as much again.

The other files (a long list's blocks, the buckets) span chunks, so they are kept by their own
bytes (:class:`PackStore`): a file whose bytes are those of a file of the last build is given that
build's gzip of them, checked, instead of being gzipped again.

Derived, never trusted: a chunk's key is computed from every record's identity, the chunk's first
number and the digest of the code that encodes it (:mod:`generator.cachekey`); a packed file's
from its bytes and the same code, and what is read back is checked against them. A file that
cannot be read is a miss. After a build, what it did not use is deleted.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import struct
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

from ..cachekey import stage_version

CHUNKS_DIR = "search-chunks"          # under the build's cache folder
PACKS = "packs.store"                 # in CHUNKS_DIR: the last build's gzipped blocks and buckets


def chunk_key(identities: list[bytes], first: int) -> str:
    """The digest of what a chunk's encoding reads: its records' identities
    (:func:`.records.record_identities`), its first number, the code."""
    h = hashlib.sha256(f"{stage_version('generator.search.index')}\0{first}\0".encode())
    for identity in identities:
        h.update(identity)
    return h.hexdigest()


class ChunkCache:
    """Encoded chunks in ``folder`` by key; what a build used is kept, the rest dropped by :meth:`prune`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = self.misses = 0
        self.packs = PackStore(folder / PACKS)

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
        """Keep what this build used, the packed files included (:meth:`PackStore.commit`), and
        delete every other stored chunk (and any temporary file)."""
        self.packs.commit()
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name != PACKS and (path.stem not in self.used or path.suffix != ".bin"):
                path.unlink(missing_ok=True)


class PackStore:
    """Gzipped files by the digest of their bytes: the last build's, read back, and this build's,
    written as they are asked for. gzip at level 9 is most of the time an index spends on a file,
    and after a correction almost every block and bucket is the same bytes as before.

    One file: the code's version, then the gzipped files one after another, then the table (digest →
    offset, size) and its offset. A build writes a new one beside it and :meth:`commit` puts it in
    place, so it holds exactly what the last finished build made."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.version = stage_version("generator.search.index").encode()
        self.old, self.old_table = self._open(path)
        self.head: bytes | None = None         # the gzip header every packed file starts with
        self.new = None
        self.table: dict[bytes, tuple[int, int]] = {}
        self.hits = self.misses = 0

    def _open(self, path: Path):
        """The last build's store and its table, or (None, {}) when there is none of this code."""
        try:
            f = open(path, "rb")
        except OSError:
            return None, {}
        try:
            if f.read(len(self.version)) != self.version:
                raise ValueError("another version")
            f.seek(-8, os.SEEK_END)
            (at,) = struct.unpack("<Q", f.read(8))
            f.seek(at)
            return f, pickle.load(f)
        except (OSError, ValueError, struct.error, pickle.UnpicklingError, EOFError):
            f.close()
            return None, {}

    def _old(self, digest: bytes) -> bytes | None:
        """The last build's gzip of the bytes of this digest, if it is there, starts as the packer's
        files do and unpacks to them."""
        place = self.old_table.get(digest)
        if place is None:
            return None
        self.old.seek(place[0])
        packed = self.old.read(place[1])
        try:
            if packed.startswith(self.head) and hashlib.sha256(gzip.decompress(packed)).digest() == digest:
                return packed
        except (OSError, EOFError, zlib.error):
            pass
        return None

    def pack(self, data: bytes, packer: Callable[[bytes], bytes]) -> bytes:
        """``packer(data)``, from the last build when it made the same bytes; kept for the next."""
        digest = hashlib.sha256(data).digest()
        if self.head is None:
            self.head = packer(b"")[:10]
        packed = self._old(digest)
        if packed is None:
            packed = packer(data)
            self.misses += 1
        else:
            self.hits += 1
        if digest not in self.table:
            if self.new is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.new = tempfile.NamedTemporaryFile(dir=self.path.parent, suffix=".tmp", delete=False)
                self.new.write(self.version)
            self.table[digest] = (self.new.tell(), len(packed))
            self.new.write(packed)
        return packed

    def commit(self) -> None:
        """Put this build's store in place of the last one's."""
        if self.old is not None:
            self.old.close()
            self.old, self.old_table = None, {}
        if self.new is None:
            return
        at = self.new.tell()
        pickle.dump(self.table, self.new, protocol=pickle.HIGHEST_PROTOCOL)
        self.new.write(struct.pack("<Q", at))
        self.new.close()
        os.replace(self.new.name, self.path)
        self.new = None
