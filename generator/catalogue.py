"""The catalogue of an archive in parts: every gazette parsed and linked once, archive-wide.

    mkdocs.yml's archive ──assign──▶ each gazette's part
    gazettes ──load (parse, cached)──▶ GazetteIssue ──link (the whole archive)──▶ Corpus
        ──▶ Catalogue: the corpus, each document's and issue's part (its Placement),
            and the archive's one search index, spread over its sites

An archive bigger than one site (:mod:`generator.archive`) is built in two steps, as Sphinx's
intersphinx and Hugo's multihost mode suggest: this stage links the whole archive once and writes
what every site's build needs into one folder (``DIR/.catalogue/``); then each part and the portal
is built from it, in a process of its own, rendering only its own pages
(:func:`generator.pipeline.generate_part`). Citations, backlinks, ledgers, the wanted list and
已废止文件 are therefore archive-wide, and a link to another part's document is that part's
absolute address (:class:`generator.urls.Placement`).

The catalogue is a cache like the parse cache: derived, never trusted. It carries the fingerprint
of everything it was made from (the gazettes of every folder, their overrides and manifests, the
alias file, the archive's declaration, the generator's code), and a part's build refuses a
catalogue whose fingerprint is not that of the input in front of it.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import os
import pickle
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import search
from .archive import Archive, assign_parts
from .cachekey import stage_version
from .corpus import DEFAULT_ALIASES, CitationMemo, Corpus, Printing, build_corpus, load_issuer_aliases
from .load import corpus_fingerprint, load_corpus
from .messages import refusal
from .model import Document, PackedBlocks, Refusal
from .urls import PORTAL, NUMBER_SHARDS, Placement, issue_key, issue_slug

CATALOGUE_DIR = ".catalogue"           # under the archive build's output folder, beside the sites
SITES_DIR = "sites"                    # in it: the catalogue as the sites are built from it (site_files)
SEARCH_DIR = "search-index"            # the archive's whole index, before it is spread over the sites
# in SITES_DIR: the fingerprint of the input the catalogue was made from. Kept out of the pickles, so
# that a site's pickle holds only what its pages show and is byte for byte the same when that is
# (generator.archive_state keys a site's build by it).
FINGERPRINT_FILE = "fingerprint"
COMMON_FILE = "_common.pickle"         # in SITES_DIR: what every site reads alike (write_catalogue); no
                                       # site's name begins with "_" (generator.archive), so no site's own
                                       # file (<site>.pickle) can take this name
CITATIONS_DIR = "citations"            # under the cache: the citations the last catalogue read (CitationMemo)


@dataclass(frozen=True)
class Catalogue:
    """What every site of an archive is built from: the linked archive and where each page lives."""

    archive: Archive
    corpus: Corpus
    homes: dict[str, str]              # document and issue keys → the part holding them
    refused: tuple[Refusal, ...]       # gazette files left out (listed on the portal's editors/refused/)
    errors: tuple[str, ...]            # overrides or manifest entries not applied: warnings
    fingerprint: str

    @property
    def sites(self) -> dict[str, str]:
        """Every site's name → site_url, portal first (:attr:`generator.archive.Archive.sites`)."""
        return self.archive.sites

    def placement(self, here: str) -> Placement:
        """The archive as seen from one of its sites."""
        if here not in self.sites:
            raise refusal("archive-unknown-part", "mkdocs.yml", name=here, names="、".join(self.sites))
        return Placement(here=here, sites=self.sites, homes=self.homes)

    def source_date_epoch(self) -> int:
        """The archive's date, for whatever a build stamps with a time (sitemap.xml.gz): the newest
        document date it holds, at midnight UTC, so the same input gives the same bytes."""
        dates = [d.date for d in self.corpus.documents.values() if d.date]
        newest = max(dates) if dates else _dt.date(1970, 1, 1)
        return int(_dt.datetime(newest.year, newest.month, newest.day, tzinfo=_dt.timezone.utc).timestamp())


def gazette_folders(archive: Archive, root: Path, config_file: str | Path) -> tuple[dict[str, list[Path]], list[Path]]:
    """Each part's gazettes (every gazette under ``root`` in exactly one part, else one error naming
    the file) and the folders holding them, sorted."""
    assigned = assign_parts(archive, root, config_file)
    folders = sorted({path.parent for paths in assigned.values() for path in paths})
    return assigned, folders


def catalogue_fingerprint(archive: Archive, folders: list[Path], aliases: Path) -> str:
    """One digest of everything a catalogue is made from (see the module's docstring)."""
    h = hashlib.sha256(repr(archive).encode("utf-8"))
    for folder in folders:
        h.update(str(folder).encode("utf-8") + b"\0" + corpus_fingerprint(folder, extra=(aliases,)).encode())
    return h.hexdigest()


def build_catalogue(archive: Archive, root: Path, config_file: str | Path, *, cache_dir: Path | None = None,
                    aliases: Path | None = None, workers: int | None = None,
                    progress: Callable[[str], None] | None = None) -> Catalogue:
    """Parse (cached) and link every gazette of the archive once, and place each page."""
    alias_file = aliases or DEFAULT_ALIASES
    assigned, folders = gazette_folders(archive, root, config_file)
    fingerprint = catalogue_fingerprint(archive, folders, alias_file)    # before reading: a file changed
    issues, refused, errors = [], [], []                                 # meanwhile makes it stale
    for folder in folders:
        loaded = load_corpus(folder, cache_dir, workers, progress, packed=True)
        issues += loaded.issues
        refused += loaded.refused
        errors += loaded.errors
    memo, memo_file = _known_citations(cache_dir)
    corpus = build_corpus(issues, aliases=load_issuer_aliases(alias_file), memo=memo)
    _keep_citations(memo, memo_file)
    part_of = {path.resolve(): name for name, paths in assigned.items() for path in paths}
    homes: dict[str, str] = {}
    for issue in corpus.issues:
        homes[issue_key(issue)] = part_of[Path(issue.source_file).resolve()]
    for key in corpus.documents:
        homes[key] = homes[issue_key(corpus.issue_of[key])]
    if progress is not None:
        progress(f"catalogue: {len(corpus.issues)} gazettes, {len(corpus.documents)} documents in "
                 f"{len(archive.parts)} parts (citations of {memo.hits} documents as read before)")
    return Catalogue(archive, corpus, homes, tuple(refused), tuple(errors), fingerprint)


def _known_citations(cache_dir: Path | None) -> tuple[CitationMemo, Path | None]:
    """The citations the last catalogue read (:class:`generator.corpus.CitationMemo`), kept in the
    cache under the digest of the code that reads them; nothing known when there is no cache, or
    the file cannot be read whole (a cache is derived: at worst every document is read again)."""
    if cache_dir is None:
        return CitationMemo(), None
    path = cache_dir / CITATIONS_DIR / f"{stage_version('generator.corpus.clauses')}.pickle"
    try:
        with open(path, "rb") as f:
            known = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        known = None
    return CitationMemo(known if isinstance(known, dict) else None), path


def _keep_citations(memo: CitationMemo, path: Path | None) -> None:
    """Keep what this catalogue read for the next one (only that: a document corrected or gone is
    forgotten), written whole under a temporary name first; older code's files are removed."""
    if path is None or (memo.misses == 0 and len(memo.used) == len(memo.known)):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("*.pickle"):
        if old != path:
            old.unlink()
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(memo.used, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def write_catalogue(catalogue: Catalogue, folder: Path, cache_dir: Path | None = None,
                    progress: Callable[[str], None] | None = None,
                    read_elsewhere: Callable[[Corpus, str], set[int]] | None = None) -> None:
    """Write the catalogue into ``folder``: the archive's one search index, with the manifest saying
    which site serves each file, and the catalogue as the sites are built from it
    (:func:`site_files`). ``read_elsewhere`` gives the blocks of a document that pages other than
    its own read (:func:`generator.render.foreign_blocks`): a site is given the whole text of the
    documents it serves and only those blocks of the others, so that a part's build holds its own
    part's text and the portal's almost none (at 25,000 documents the whole catalogue was a 528 MB
    pickle and 1.8 GB in every site's build). What every site reads alike, every document with only
    the blocks read elsewhere, is written once (:data:`COMMON_FILE`, the portal's whole view), and
    each site's own documents' text beside it: pickling the common part for each of eleven sites
    took 16 s of an update at 25,000 documents, and wrote 650 MB where 220 MB say the same. The
    pickles are written last, under a temporary folder first, so a folder holding them is complete."""
    folder.mkdir(parents=True, exist_ok=True)
    sites = folder / SITES_DIR
    shutil.rmtree(sites, ignore_errors=True)
    portal = catalogue.placement(PORTAL)
    records = search.corpus_records(catalogue.corpus, portal)
    bundle = folder / SEARCH_DIR
    search.index_records(records, bundle, cache_dir, progress=progress or (lambda line: None))
    search.spread_over(bundle, [url + search.BUNDLE_DIR + "/" for url in catalogue.sites.values()],
                       catalogue.archive.portal_url + NUMBER_SHARDS)
    tmp = folder / (SITES_DIR + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    slim = _slim_documents(catalogue.corpus, read_elsewhere)
    with open(tmp / COMMON_FILE, "wb") as f:
        _SitePickler(f, slim).dump(dataclasses.replace(catalogue, fingerprint=""))
    for here in catalogue.sites:
        with open(tmp / f"{here}.pickle", "wb") as f:
            pickle.dump(_own_blocks(catalogue, here) if slim else {}, f, protocol=pickle.HIGHEST_PROTOCOL)
    (tmp / FINGERPRINT_FILE).write_text(catalogue.fingerprint, encoding="utf-8")
    os.replace(tmp, sites)


def site_files(folder: Path, here: str) -> list[Path]:
    """The files of the catalogue in ``folder`` that site ``here``'s build reads: the common one and
    its own documents' text (:func:`write_catalogue`)."""
    return [folder / SITES_DIR / COMMON_FILE, folder / SITES_DIR / f"{here}.pickle"]


def _printing_place(printing: Printing) -> tuple[str, int]:
    """A printing by its gazette and its place in it: how a site's own text finds its document."""
    return issue_slug(printing.issue), printing.document.position


def _own_blocks(catalogue: Catalogue, here: str) -> dict[tuple[str, int], PackedBlocks]:
    """The whole blocks of every printing site ``here`` serves (its document's page or its issue's)."""
    corpus, placement = catalogue.corpus, catalogue.placement(here)
    return {_printing_place(printing): printing.document.blocks
            for key, printings in corpus.printings.items() for printing in printings
            if placement.serves(key) or placement.serves(issue_key(printing.issue))}


def _slim_documents(corpus: Corpus, read_elsewhere: Callable[[Corpus, str], set[int]] | None) -> dict[int, PackedBlocks]:
    """For every printing of a document (by the object's id): its blocks as a site not serving it
    is given them, up to the last one read elsewhere, the text of the others emptied (so that the
    places citations give, block numbers, stay true). Made once for all sites: reading a
    document's blocks unpacks them."""
    if read_elsewhere is None:
        return {}
    slim: dict[int, PackedBlocks] = {}
    for key, printings in corpus.printings.items():
        for printing in printings:
            read = read_elsewhere(corpus, key) if printing.document is corpus.documents[key] else set()
            blocks = printing.document.blocks[:max(read) + 1] if read else []
            slim[id(printing.document)] = PackedBlocks(b if at in read else dataclasses.replace(b, text="", rows=())
                                                       for at, b in enumerate(blocks))
    return slim


class _SitePickler(pickle.Pickler):
    """Pickles a catalogue with its documents slimmed (:func:`_slim_documents`): each document is
    written once, wherever it is referenced, as a copy holding its slim blocks."""

    def __init__(self, file, slim: dict[int, PackedBlocks]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.slim = slim

    def reducer_override(self, obj):
        blocks = self.slim.get(id(obj)) if type(obj) is Document else None
        if blocks is None:
            return NotImplemented
        return _document, ({**vars(obj), "blocks": blocks},)


def _document(fields: dict) -> Document:
    """A document as a site not serving it is given it (:class:`_SitePickler`)."""
    document = Document.__new__(Document)
    document.__dict__.update(fields)
    return document


def read_catalogue(folder: Path, fingerprint: str, here: str) -> Catalogue:
    """The catalogue in ``folder`` as site ``here`` is built from it (:func:`site_files`: the common
    catalogue, its own documents' whole text put back), if it was made from the input whose
    fingerprint is given; else one error saying what to run."""
    common, own_file = site_files(folder, here)
    try:
        made_from = (folder / SITES_DIR / FINGERPRINT_FILE).read_text(encoding="utf-8")
        with open(common, "rb") as f:
            catalogue = pickle.load(f)
        with open(own_file, "rb") as f:
            own = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        raise refusal("archive-no-catalogue", folder, folder=folder, command=_remake(folder)) from None
    if not isinstance(catalogue, Catalogue) or not isinstance(own, dict) or made_from != fingerprint:
        raise refusal("archive-stale-catalogue", folder, folder=folder, command=_remake(folder))
    if own:
        for printings in catalogue.corpus.printings.values():
            for printing in printings:
                blocks = own.get(_printing_place(printing))
                if blocks is not None:
                    printing.document.blocks = blocks
    return dataclasses.replace(catalogue, fingerprint=made_from)


def _remake(folder: Path) -> str:
    """The command that makes the catalogue in ``folder`` again."""
    return f"python -m generator archive catalogue --out {folder.parent}"


def search_share(folder: Path, archive: Archive, here: str, target: Path) -> int:
    """Copy what site ``here`` serves of the archive's search index (in the catalogue ``folder``)
    into ``target``; its bytes. Its place among the hosts is its place in ``archive.sites``."""
    return search.share_of(folder / SEARCH_DIR, list(archive.sites).index(here), target)

