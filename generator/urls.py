"""The one URL scheme of the site, and the only place that turns text into paths.

Every page address is built here, from validated path segments:

* a document with a doc number:   ``d/<series>/<year>/<serial>/``   (``d/绍政发/2017/7/``)
* a government order (令):        ``d/<organ>令/<serial>/``          (``d/衢州市人民政府令/51/``)
* a document without a number:    ``g/<issue_slug>/<position>/``     (``g/shaoxing-2017-04/3/``)
* a gazette issue:                ``g/<issue_slug>/``  (slug = source file stem)
* all documents citing one, when its page lists only the newest: ``<document>/cited-by/``
  (``d/绍政发/2017/7/cited-by/``)
* a cited number the archive does not hold: the same ``d/…`` address as if it were held, a small
  page that sends the reader on to the number's row in its series ledger (``…/2017/#63``)
* an issuer / a year:             ``issuers/<name>/``, ``years/<year>/``
* a 文种 / a region / a level:     ``types/<文种>/``, ``regions/<地区>/``, ``levels/<级别>/``
* one year of a long listing:     ``<listing>/<year>/`` (``types/通知/2017/``, ``…/无年份/``): an issuer,
  文种 or region page with more documents than one page should hold lists its years instead
* one month of a long year:       ``years/<year>/<MM>/`` (``years/2017/03/``, ``years/2017/无月份/``)
* a series ledger:                ``series/<series>/<year>/`` (``series/<organ>令/`` for orders)
* wanted numbers of one series:   ``wanted/<series>/``
* the indexes:                    ``g/``, ``issuers/``, ``years/``, ``types/``, ``regions/``,
  ``series/``, ``wanted/`` and the home page ``""``
* an issue's original PDF:        ``pdf/<issue_slug>.pdf`` when published with the site, else its
  official address from ``gazettes/manifest.toml`` (:func:`original_link`)
* data files (not pages):         ``data/citations.csv``, ``data/documents.json``, ``data/documents.csv``,
  ``data/datapackage.json``; the data dictionary page ``data/``; each document's JSON
  twin beside its page (``d/绍政发/2017/7.json`` next to ``d/绍政发/2017/7/``)
* Atom feeds:                     ``feeds/all.xml``, ``feeds/issuers/<name>.xml``
* the exact doc-number lookup:    ``search/numbers/<shard>.json`` (see :func:`number_shard_path`)
* the search page:                ``search/`` (``search/?q=电动自行车``), its character table
  ``search/t2s.json``; the index itself is ``search-index/``, written by :mod:`generator.search`

Two different documents printed under one number get ``…/7/``, ``…/7-2/`` …; which
one gets which is decided in :mod:`generator.corpus` (by the documents' dates and titles).

A page's *key* is its URL path (always ending in ``/``, the home page is ``""``);
:func:`source_path` maps a key to the Markdown file under docs_src/ that MkDocs
turns into that URL (``use_directory_urls``). Gazette text is untrusted: a
segment that is anything but CJK, ASCII letters, digits and ``-`` becomes a
short stable hash slug, so no key can climb out of docs_src/ or inject markup.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
import posixpath
import re
from urllib.parse import quote
from pathlib import Path

from .doc_number import parse_doc_number, series_label
from .model import Document, GazetteIssue

# CJK unified ideographs (base + extension A + compatibility), as a regex character range: the only
# characters beyond ASCII an address may hold (also what generator.postprocess writes unencoded).
CJK_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK ideographs, ASCII letters, digits, hyphen.
_SAFE_SEGMENT = re.compile(rf"^[{CJK_IDEOGRAPHS}A-Za-z0-9-]{{1,64}}$")
# Names that would shadow the index page of a folder (issuers/index.md) or look like a dot path.
_RESERVED = {"index"}
# The later pages of a list too long for one page end in this segment (``g/p2/``): only
# :func:`page_key` makes it, so a gazette file or an issuer named ``p2`` is hashed instead.
_PAGE_SEGMENT = re.compile(r"^p[1-9][0-9]{0,5}$")

HOME = ""
# The path segment of "no year" wherever an address has a year in it.
NO_YEAR = "无年份"
NO_MONTH = "无月份"
ISSUES_INDEX = "g/"
ISSUERS_INDEX = "issuers/"
YEARS_INDEX = "years/"
TYPES_INDEX = "types/"
REGIONS_INDEX = "regions/"
LEVELS_INDEX = "levels/"
SERIES_INDEX = "series/"
WANTED_INDEX = "wanted/"
DATA_INDEX = "data/"
SEARCH = "search/"
REFUSED = "editors/refused/"      # the gazette files a build could not read, for editors
ORIGINALS = "pdf/"                # the PDFs gazettes were read from, published beside the pages
SEARCH_T2S = "search/t2s.json"      # traditional → simplified, for the search page to fold queries
INDEXES = (ISSUES_INDEX, ISSUERS_INDEX, YEARS_INDEX, TYPES_INDEX, REGIONS_INDEX, LEVELS_INDEX, SERIES_INDEX,
           WANTED_INDEX, DATA_INDEX)
# Data downloads: static files MkDocs copies as they are.
CITATIONS_CSV = "data/citations.csv"
DOCUMENTS_JSON = "data/documents.json"
DOCUMENTS_CSV = "data/documents.csv"
DATAPACKAGE = "data/datapackage.json"
# The corpus-wide downloads, which an archive published with ``data_gzip`` serves gzip-compressed
# under the same name plus ``.gz`` (see :func:`data_file`).
CORPUS_DATA = (DOCUMENTS_JSON, DOCUMENTS_CSV, CITATIONS_CSV)
SITE_FEED = "feeds/all.xml"
# Theme files a page our package writes whole (a redirect, :func:`finished_page`) links by itself:
# Material's default icon (mkdocs.yml sets none) and the script of an archive's redirect pages.
FAVICON = "assets/images/favicon.png"
REDIRECT_SCRIPT = "assets/javascripts/gazette-redirect.js"
# Folder of the exact doc-number lookup shards the search box reads before full-text search.
NUMBER_SHARDS = "search/numbers/"


def hash_slug(text: str) -> str:
    """A short, stable, always-safe slug for text that cannot be used as a path segment."""
    return "h-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def safe_segment(text: str | int) -> str:
    """``text`` as one path segment if it is plainly safe, else its hash slug.

    Safe means: only CJK, ASCII letters, digits and ``-``; not starting with ``-``;
    at most 64 characters; not a reserved name. Everything else (``/``, ``..``,
    spaces, control characters, punctuation, very long names) is hashed rather
    than cleaned, so two different texts can never be cleaned into one address.
    """
    s = str(text)
    if (_SAFE_SEGMENT.match(s) and not s.startswith("-") and s.lower() not in _RESERVED
            and not _PAGE_SEGMENT.match(s.lower())):
        return s
    return hash_slug(s)


def _join(*segments: str | int) -> str:
    """A key from segments, each validated: ``a/b/c/``."""
    return "".join(safe_segment(s) + "/" for s in segments)


def issue_slug(issue: GazetteIssue) -> str:
    """The issue's slug: its source file stem (``shaoxing-2017-04``), validated."""
    return _file_slug(issue.source_file)


@lru_cache(maxsize=1 << 16)
def _file_slug(source_file: str) -> str:
    """:func:`issue_slug` by the file's name, remembered: an archive's catalogue asks it hundreds
    of thousands of times (7 of its 118 s, profiled at 25,000 documents), and a Path is slow to make."""
    return safe_segment(Path(source_file).stem)


def original_pdf(issue: GazetteIssue) -> str:
    """Site path of the PDF an issue was read from: ``pdf/<issue_slug>.pdf``."""
    return ORIGINALS + issue_slug(issue) + ".pdf"


def publishes_original(issue: GazetteIssue, publish_pdfs: bool) -> bool:
    """Is the issue's PDF published with the site? When the archive publishes PDFs, the issue has
    one on disk, and the manifest gives no official address to link instead."""
    pdf = issue.pdf
    return publish_pdfs and pdf is not None and pdf.path is not None and pdf.url is None


def original_link(from_key: str, issue: GazetteIssue, publish_pdfs: bool,
                  placement: Placement | None = None) -> str | None:
    """Where a page opens the issue's original PDF: its official address (gazettes/manifest.toml,
    checked to be http(s) when read), else the copy published with the site (with its issue, on
    its part, in an archive in parts), else nowhere."""
    if issue.pdf is not None and issue.pdf.url:
        return issue.pdf.url
    if publishes_original(issue, publish_pdfs):
        return file_link(from_key, original_pdf(issue), placement)
    return None


def issue_key(issue: GazetteIssue) -> str:
    """Key of a gazette issue page: ``g/<issue_slug>/``."""
    return ISSUES_INDEX + issue_slug(issue) + "/"


def number_key(doc_number: str) -> str | None:
    """Key for a canonical doc number, or None if it does not parse.

    ``绍政发〔2017〕7号`` → ``d/绍政发/2017/7/``; ``衢州市人民政府令第51号`` → ``d/衢州市人民政府令/51/``.
    """
    number = parse_doc_number(doc_number)
    if number is None:
        return None
    if number.is_order:
        return "d/" + _join(number.series + "令", number.serial)
    return "d/" + _join(number.series, number.year, number.serial)


def document_key(document: Document, issue: GazetteIssue) -> str:
    """Preferred key of a document: by its doc number, else by its place in its issue."""
    if document.doc_number:
        key = number_key(document.doc_number)
        if key:
            return key
    return issue_key(issue) + _join(document.position)


def page_key(key: str, number: int) -> str:
    """Key of page ``number`` (from 1) of the list at ``key``: the first is the list's own address,
    the others ``<key>p<n>/`` (``g/p2/``, ``d/绍政发/2017/7/cited-by/p3/``)."""
    _check_key(key)
    if number < 1:
        raise ValueError(f"page numbers start at 1: {number}")
    return key if number == 1 else f"{key}p{number}/"


def first_page(key: str) -> str:
    """The list a later page belongs to (:func:`page_key` read backwards); any other key unchanged."""
    head, _, last = key[:-1].rpartition("/")
    return head + "/" if head and _PAGE_SEGMENT.match(last) else key


def with_suffix(key: str, n: int) -> str:
    """The n-th alternative address for a taken key: ``d/绍政发/2017/7/`` → ``d/绍政发/2017/7-2/``."""
    return key[:-1] + f"-{n}/"


def cited_by_key(document_key: str) -> str:
    """Key of the page listing every document that cites one (被引用): ``d/绍政发/2017/7/cited-by/``."""
    _check_key(document_key)
    return document_key + "cited-by/"


def issuer_key(issuer: str) -> str:
    """Key of an issuer (发文机关) page."""
    return ISSUERS_INDEX + _join(issuer)


def number_shard(series_key: str) -> str:
    """The lookup shard of a doc-number series: FNV-1a (32 bit) of its UTF-8 bytes, 8 hex digits.

    A hash the search box can compute in a few lines of JavaScript (no Web Crypto,
    which plain-http previews lack), so a query downloads one small file: the
    numbers of its own series (and of the few series that share its hash).
    ``series_key`` is the series (``绍政发``), or the organ plus 令 for orders.
    """
    return f"{fnv1a(series_key):08x}"


def fnv1a(text: str) -> int:
    """FNV-1a (32 bit) of a text's UTF-8 bytes: the one hash for the names of files the browser
    works out for itself (lookup shards, search index buckets; doc-number.js computes the same)."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def number_shard_path(series_key: str) -> str:
    """Site-relative path of the lookup shard holding a series: ``search/numbers/<8 hex>.json``."""
    return NUMBER_SHARDS + number_shard(series_key) + ".json"


def year_key(year: int) -> str:
    """Key of a year page."""
    return YEARS_INDEX + _join(year)


def type_key(doc_type: str) -> str:
    """Key of a 文种 page (通知, 意见 …)."""
    return TYPES_INDEX + _join(doc_type)


def region_key(region: str) -> str:
    """Key of a region page (绍兴市 …)."""
    return REGIONS_INDEX + _join(region)


def level_key(level: str) -> str:
    """Key of a 级别 page (国务院, 省, 市, 县, 部门)."""
    return LEVELS_INDEX + _join(level)


def listing_year_key(listing_key: str, year: int | None) -> str:
    """Key of one year of a long issuer, 文种 or region listing: ``types/通知/2017/``."""
    _check_key(listing_key)
    return listing_key + _join(year if year is not None else NO_YEAR)


def year_month_key(year: int, month: int | None) -> str:
    """Key of one month of a year too long for one page: ``years/2017/03/``."""
    return year_key(year) + _join(f"{month:02d}" if month is not None else NO_MONTH)


def series_key(series: str, year: int | None, is_order: bool = False) -> str:
    """Key of a series ledger: ``series/绍政办发/2017/``; orders have no year: ``series/衢州市人民政府令/``."""
    if is_order:
        return SERIES_INDEX + _join(series_label(series, True))
    return SERIES_INDEX + _join(series, year if year is not None else NO_YEAR)


def wanted_series_key(series: str, is_order: bool = False) -> str:
    """Key of the wanted-documents page of one series: ``wanted/浙政办发/``."""
    return WANTED_INDEX + _join(series_label(series, is_order))


def json_twin_path(key: str) -> str:
    """The JSON twin of a document page, beside it: ``d/绍政发/2017/7/`` → ``d/绍政发/2017/7.json``."""
    _check_key(key)
    if key == HOME or _is_index_key(key) or _is_issue_key(key):
        raise ValueError(f"only document pages have JSON twins: {key!r}")
    return key[:-1] + ".json"


def issuer_feed_path(issuer: str) -> str:
    """The Atom feed of one issuing organ: ``feeds/issuers/<same segment as its page>.xml``."""
    return "feeds/issuers/" + safe_segment(issuer) + ".xml"


@lru_cache(maxsize=1 << 16)
def page_file(key: str) -> str:
    """The HTML file a page's key is served from (``d/绍政发/2017/7/index.html``), as MkDocs writes
    it with ``use_directory_urls`` and as the search indexer is given a page's record."""
    _check_key(key)
    return key + "index.html"


def source_path(key: str) -> str:
    """docs_src-relative Markdown file for a key; folder keys that own pages get ``index.md``.

    Leaf pages are ``<key>.md`` (``d/绍政发/2017/7.md``); the home page and the index
    pages (every top-level folder: ``g/``, ``issuers/``, ``repealed/`` …, and ``g/<slug>/``)
    are ``index.md`` in their folder because pages live inside them (documents without
    a number inside ``g/<slug>/``).
    """
    _check_key(key)
    if key == HOME:
        return "index.md"
    if _is_index_key(key) or _is_issue_key(key):
        return key + "index.md"
    return key[:-1] + ".md"


def finished_page(key: str) -> str:
    """docs_src-relative file of a page our package writes as finished HTML (a redirect, which
    needs no theme): ``<key>index.html``, a static file MkDocs copies as it is to the page's own
    address, skipping the Markdown and the theme it would spend on each of tens of thousands."""
    _check_key(key)
    if not key:
        raise ValueError("the home page is a Markdown page")
    return key + "index.html"


def relative_asset(key: str, path: str) -> str:
    """A relative URL from the page at ``key`` (a folder URL) to a site file such as :data:`FAVICON`,
    for a page MkDocs does not rewrite: ``d/绍政发/2017/7/`` → ``../../../../assets/…``."""
    _check_key(key)
    return posixpath.relpath(path, key.rstrip("/") or ".")


def key_of_source(path: str) -> str:
    """The key of the page a docs_src Markdown file makes (:func:`source_path` read backwards):
    ``index.md`` → ``""``, ``g/index.md`` → ``g/``, ``d/绍政发/2017/7.md`` → ``d/绍政发/2017/7/``."""
    if path == "index.md":
        return HOME
    stem = path[:-len("index.md")] if path.endswith("/index.md") else path[:-len(".md")] + "/"
    _check_key(stem)
    return stem


def index_key(folder: str) -> str:
    """Key of the index page of a top-level folder a page kind owns: ``repealed/``."""
    return _join(folder)


def _is_index_key(key: str) -> bool:
    """A top-level folder's own page (``issuers/``): one segment."""
    return key.count("/") == 1


def _is_issue_key(key: str) -> bool:
    parts = key.split("/")
    return len(parts) == 3 and parts[0] == "g" and parts[2] == ""


def _check_key(key: str) -> None:
    """Refuse any key not built from safe segments (defence in depth for hand-made keys)."""
    if key == HOME:
        return
    if not key.endswith("/"):
        raise ValueError(f"not a page key: {key!r}")
    for seg in key[:-1].split("/"):
        if safe_segment(seg) != seg and not _PAGE_SEGMENT.match(seg):
            raise ValueError(f"unsafe path segment {seg!r} in key {key!r}")


def relative_link(from_key: str, to_key: str, finished: bool = False) -> str:
    """A relative Markdown link from one page's source file to another's (to a page written as
    finished HTML, ``finished``: to its file, :func:`finished_page`).

    MkDocs validates these links at build time and rewrites them to directory URLs (a finished
    page's ``…/index.html`` too). Both paths are normal relative paths under docs_src/ (no
    ``..``), so the link is the climb out of the common folders plus the rest of the target.
    """
    here = _folders(source_path(from_key))
    there = (finished_page(to_key) if finished else source_path(to_key)).split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def relative_url(from_key: str, to_key: str, fragment: str | int | None = None) -> str:
    """The relative URL from one page's address to another's, for the few places MkDocs does not
    rewrite (a redirect): ``d/衢委办发/2017/63/`` → ``series/衢委办发/2017/`` is
    ``../../../../series/衢委办发/2017/``; ``fragment`` must be a plain id (a serial number)."""
    _check_key(from_key)
    _check_key(to_key)
    url = posixpath.relpath(to_key or ".", from_key or ".")
    url = "./" if url == "." else url + "/"
    if fragment is not None:
        fragment = str(fragment)
        if not fragment.isascii() or not fragment.isalnum():
            raise ValueError(f"not a plain fragment: {fragment!r}")
        url += "#" + fragment
    return url


@lru_cache(maxsize=1 << 16)
def _folders(path: str) -> tuple[str, ...]:
    """The folders of a docs_src-relative file path."""
    return tuple(path.split("/")[:-1])


def absolute_url(site_url: str, key: str) -> str:
    """A page's public address under ``site_url`` (the canonical URL, as MkDocs writes it for a
    directory URL): ``https://example.org/archive/`` + ``d/%E7%BB%8D…/2017/7/``."""
    return site_url.rstrip("/") + "/" + quote(key)


def data_file(path: str, gzip: bool = False) -> str:
    """Where a corpus-wide download is published: ``data/citations.csv``, or with ``gzip``
    ``data/citations.csv.gz`` (one of :data:`CORPUS_DATA`; other files are never compressed)."""
    return path + ".gz" if gzip and path in CORPUS_DATA else path


def relative_file_link(from_key: str, path: str) -> str:
    """A relative link from a page to a generated data file such as :data:`CITATIONS_CSV`."""
    folder, _, name = path.rpartition("/")
    stem, dot, ext = name.partition(".")
    _check_key(folder + "/" + stem + "/")
    if not dot or not all(part.isascii() and part.isalnum() for part in ext.split(".")):
        raise ValueError(f"not a data file path: {path!r}")
    here = posixpath.dirname(source_path(from_key)) or "."
    return posixpath.relpath(path, here)


# -- an archive in parts (分站): which site serves each page -----------------------------------------
PORTAL = "portal"            # the portal's name among the archive's sites (generator.archive)
# Pages every site of an archive has: its home, its search page and the search page's table.
EVERY_SITE = (HOME, SEARCH)


@dataclass(frozen=True)
class Placement:
    """Where each page of an archive in parts is served, as seen from one of its sites (``here``).

    A document lives on the part that holds its first printing, with its JSON twin, its page of
    citers and its issue's page and PDF (``homes``: page key → part); the home and search pages
    are on every site; everything else (indexes, ledgers, not-held numbers, data, feeds) is
    archive-wide, on the portal. One site, no Placement: every link is relative, as always. This
    is the one rule; the catalogue (:mod:`generator.catalogue`) computes ``homes``.
    """

    here: str                                  # the site being built: a part's name or PORTAL
    sites: Mapping[str, str]                   # every site's name → its site_url (ending "/")
    homes: Mapping[str, str]                   # document and issue keys → the part serving them

    def home_of(self, key: str) -> str:
        """The site serving page ``key`` (a cited-by page lives with its document)."""
        if key in EVERY_SITE:
            return self.here
        key = first_page(key)              # a later page of a list is where the list is
        if key.endswith("/cited-by/"):
            key = key[:-len("cited-by/")]
        return self.homes.get(key, PORTAL)

    def home_of_file(self, path: str) -> str:
        """The site serving a generated file: an issue's PDF (``pdf/<slug>.pdf``) is with its
        issue; data and feeds are archive-wide, on the portal."""
        if path.startswith(ORIGINALS):
            return self.homes.get(ISSUES_INDEX + path[len(ORIGINALS):].rpartition(".")[0] + "/", PORTAL)
        return PORTAL

    def serves(self, key: str) -> bool:
        """Is page ``key`` served by the site being built?"""
        return self.home_of(key) == self.here

    def url(self, key: str) -> str:
        """Page ``key``'s absolute address on the site serving it."""
        return absolute_url(self.sites[self.home_of(key)], key)

    @property
    def is_portal(self) -> bool:
        return self.here == PORTAL


def link(from_key: str, to_key: str, placement: Placement | None = None, finished: bool = False) -> str:
    """Where a page links another: relative when the same site serves both (MkDocs checks it),
    else the absolute address on the site that does (an archive in parts). ``finished``: the
    target is a page written as finished HTML (:func:`finished_page`)."""
    if placement is None or placement.serves(to_key):
        return relative_link(from_key, to_key, finished)
    return placement.url(to_key)


def public_url(key: str, placement: Placement | None = None) -> str:
    """A page's address as a search file gives it: the key (relative to the site root) on one
    site, the absolute address in an archive in parts (a search file is read on every site)."""
    return key if placement is None else placement.url(key)


def file_address(path: str, placement: Placement | None = None) -> str:
    """A generated file's address for the theme's ``url`` filter: its site-root-relative path on the
    same site, else its absolute address on the site serving it (the portal's feeds, from a part)."""
    if placement is None or placement.home_of_file(path) == placement.here:
        return path
    return absolute_url(placement.sites[placement.home_of_file(path)], path)


def file_link(from_key: str, path: str, placement: Placement | None = None) -> str:
    """Where a page links a generated file (a download, an issue's PDF): relative on the same site
    (:func:`relative_file_link`), else its absolute address on the site serving it."""
    address = file_address(path, placement)
    return relative_file_link(from_key, path) if address == path else address
