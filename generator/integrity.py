"""Site integrity: crawl a built site and list every broken link, anchor, page or injected script.

    python -m generator.integrity site/        # exit 1 and one line per problem, else exit 0

Run after `mkdocs build` (``make test`` runs it on the sample site through
tests/test_integrity.py). It reads only the built files, so it checks what a
reader gets, whatever produced it:

* every page is valid UTF-8 and has a non-empty ``<title>``;
* every local ``href``/``src`` names a file that exists (a folder URL needs its
  ``index.html``), and every ``#fragment`` is an ``id`` (or ``<a name>``) in the
  target page — links inside generated index pages included;
* every search result (``search-index/<folder>/f/*.bin``, the folder named by
  ``search-index/index.json``: gzip'd JSON) points at a page that exists, and every
  document page (``og:type`` article) has a result;
* every ``<script type="application/ld+json">`` (structured data on document
  pages) is a JSON object whose raw text holds no ``<``, ``>`` or ``&`` (the theme
  writes them as ``\u003c`` …), so no text in it can end the element or start
  markup; it is data, not code, and not compared with the theme's scripts;
* no ``javascript:`` URL, and no inline ``<script>`` or ``on*=`` handler that
  the theme did not write. The theme's own scripts are taken from a page that
  holds no gazette text (``404.html``); quoted path strings — the only part
  that differs with the page's depth — are blanked before comparing, so a
  script that carries any source text differs from every known one. A script
  or handler holding Chinese text is refused outright: the theme writes ASCII
  (its JSON escapes CJK), so Chinese there can only have come from a gazette.

Paths and URLs are compared after percent-decoding, as a web server would.

An archive published as several sites (its parts and portal, generator/archive.py) is crawled as
one: given the map from each site's ``site_url`` to its built folder (:func:`check_archive`,
``--site URL=DIR``), an absolute link into any of those sites is followed into that site's folder
and checked like a local one, page and anchor; an absolute link anywhere else is not ours.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .search import host_of

# Attributes that load or link a resource, per tag.
_URL_ATTRS = {
    "a": ("href",), "link": ("href",), "script": ("src",), "img": ("src",), "iframe": ("src",),
    "source": ("src",), "audio": ("src",), "video": ("src", "poster"), "area": ("href",),
    "form": ("action",), "button": ("formaction",), "embed": ("src",), "object": ("data",),
}
# The page holding only theme output, whose inline scripts are the known ones.
REFERENCE_PAGE = "404.html"
_PATH_STRING = re.compile(r'"[\w./-]*"')
# Chinese text: the theme writes its scripts in ASCII (JSON escapes CJK as \\uXXXX); gazette text is Chinese.
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_SITE = "http://site.invalid/"    # a base to resolve relative URLs against; never fetched


@dataclass
class ParsedPage:
    """What the crawler needs from one HTML page."""

    title: str | None = None
    ids: set[str] = field(default_factory=set)
    urls: list[tuple[str, str, str]] = field(default_factory=list)   # (tag, attribute, value)
    inline_scripts: list[str] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)                   # raw text of ld+json scripts
    handlers: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    document: bool = False                  # a document page (og:type article): it must be searchable


class _PageParser(HTMLParser):
    """Collect ids, URLs, inline scripts, event handlers and the title of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._script: list[str] | None = None
        self._json_ld = False
        self._title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if a.get(name):
                self.page.ids.add(a[name])
        for name in _URL_ATTRS.get(tag, ()):
            if name in a:
                self.page.urls.append((tag, name, a[name].strip()))
        for name, value in a.items():
            if name.startswith("on"):
                self.page.handlers.append((tag, name, value))
        if tag == "meta" and a.get("property") == "og:type" and a.get("content") == "article":
            self.page.document = True
        if tag == "script" and "src" not in a:
            self._script = []
            self._json_ld = a.get("type", "").strip().lower() == "application/ld+json"
        if tag == "title" and self.page.title is None:
            self._title = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._title is not None:
            self._title.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            (self.page.json_ld if self._json_ld else self.page.inline_scripts).append("".join(self._script))
            self._script = None
        if tag == "title" and self._title is not None:
            self.page.title = "".join(self._title).strip()
            self._title = None


def parse_page(html: str) -> ParsedPage:
    """Parse one page's HTML (html.parser, so malformed markup never stops the crawl)."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.page


def script_fingerprint(text: str) -> str:
    """An inline script with its quoted path strings blanked: equal on every page for theme scripts."""
    return _PATH_STRING.sub('""', text.strip())


class SiteChecker:
    """Crawls one built site; :meth:`check` returns the problems as ``path: message`` lines."""

    def __init__(self, site_dir: str | Path, site_url: str | None = None):
        self.root = Path(site_dir).resolve()
        # a site served under a path (https://host/archive/): its pages' root-absolute URLs start with it
        self.prefix = urlsplit(site_url).path if site_url else "/"
        self.pages: dict[str, ParsedPage | None] = {}   # site-relative path -> parsed (None: unreadable)
        self.problems: list[str] = []
        self.known_scripts: set[str] = set()
        self.known_handlers: set[tuple[str, str, str]] = set()
        self.peers: dict[str, SiteChecker] = {}         # site_url -> checker: the sites of one archive

    # -- driving ----------------------------------------------------------------------
    def check(self) -> list[str]:
        """Run every check; problems sorted so two runs print the same report."""
        if not self.root.is_dir():
            return [f"{self.root}: site folder not found"]
        html_files = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))
        if not html_files:
            return [f"{self.root}: no HTML pages"]
        self._learn_theme_scripts()
        for rel in html_files:
            self._check_page(rel)
        self._check_search_index()
        return sorted(set(self.problems))

    def _problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def _learn_theme_scripts(self) -> None:
        """Known inline scripts and handlers: those of the reference page, which holds no gazette text."""
        reference = self._load(REFERENCE_PAGE) if (self.root / REFERENCE_PAGE).is_file() else None
        if reference is None:
            self._problem(REFERENCE_PAGE, "missing: no theme-only page to learn the theme's inline scripts from")
            return
        self.known_scripts = {script_fingerprint(s) for s in reference.inline_scripts}
        self.known_handlers = set(reference.handlers)

    # -- pages --------------------------------------------------------------------------
    def _load(self, rel: str) -> ParsedPage | None:
        """Parse a page once; an unreadable or non-UTF-8 page is a problem, reported once."""
        if rel in self.pages:
            return self.pages[rel]
        try:
            html = (self.root / rel).read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            self._problem(rel, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
            self.pages[rel] = None
            return None
        except OSError as exc:
            self._problem(rel, f"cannot be read ({exc.strerror})")
            self.pages[rel] = None
            return None
        self.pages[rel] = parse_page(html)
        return self.pages[rel]

    def _check_page(self, rel: str) -> None:
        page = self._load(rel)
        if page is None:
            return
        if not page.title:
            self._problem(rel, "no <title>")
        for text in page.inline_scripts:
            if script_fingerprint(text) not in self.known_scripts or _CJK.search(text):
                self._problem(rel, f"inline <script> not written by the theme: {_clip(text)}")
        for text in page.json_ld:
            if any(ch in text for ch in "<>&") or not isinstance(_json_or_none(text), dict):
                self._problem(rel, f"structured data (ld+json) that is not one escaped JSON object: {_clip(text)}")
        for handler in page.handlers:
            if handler not in self.known_handlers or _CJK.search(handler[2]):
                tag, name, value = handler
                self._problem(rel, f"event handler {name}= on <{tag}> not written by the theme: {_clip(value)}")
        for tag, name, value in page.urls:
            self._check_url(rel, f"<{tag} {name}>", value)

    def _check_url(self, rel: str, what: str, url: str) -> None:
        """A local URL must name an existing file, and its fragment an id in that page."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in ("javascript", "vbscript") or url.lower().lstrip().startswith(("javascript:", "vbscript:")):
            self._problem(rel, f"{what} is a script URL: {_clip(url)}")
            return
        if scheme or parts.netloc:
            peer, path = self._peer_of(url)
            if peer is not None:                       # a page of another site of this archive
                self._check_target(rel, what, url, peer, peer._resolve("index.html", "/" + path))
            return                                     # external (http:, mailto:, data:, //host): not ours
        self._check_target(rel, what, url, self, self._resolve(rel, url))

    def _peer_of(self, url: str) -> tuple[SiteChecker | None, str]:
        """The site of this archive an absolute URL points into, and the path inside it."""
        for site_url, peer in self.peers.items():
            if url.startswith(site_url):
                return peer, url[len(site_url):]
        return None, ""

    def _check_target(self, rel: str, what: str, url: str, site: SiteChecker, target: str | None) -> None:
        """The file ``url`` (in page ``rel``) names in ``site`` exists, and its fragment is an id there."""
        shown = "" if site is self else f"{site.root}/"
        if target is None:
            self._problem(rel, f"{what} leaves the site: {url}")
            return
        if not (site.root / target).is_file():
            self._problem(rel, f"{what} broken: {url} (no {shown}{target})")
            return
        fragment = unquote(urlsplit(url).fragment)
        if fragment and target.endswith(".html"):
            page = site._load(target)
            if page is not None and fragment not in page.ids:
                self._problem(rel, f"{what} broken anchor: {url} (no id {fragment!r} in {shown}{target})")

    def _resolve(self, rel: str, url: str) -> str | None:
        """The site-relative file a URL in page ``rel`` loads, or None if it climbs out of the site."""
        if url.startswith(self.prefix) and self.prefix != "/":
            url = "/" + url[len(self.prefix):]
        absolute = urljoin(_SITE + rel, url) if not url.startswith("/") else _SITE + url.lstrip("/")
        path = unquote(urlsplit(absolute).path)
        if not absolute.startswith(_SITE):
            return None
        target = path.lstrip("/")
        if target == "" or target.endswith("/") or (self.root / target).is_dir():
            target = target.rstrip("/") + "/index.html" if target.rstrip("/") else "index.html"
        if ".." in target.split("/"):
            return None
        return target

    # -- search -------------------------------------------------------------------------
    def _fragments(self, bundle: Path) -> list[Path]:
        """The result fragments of the index the search page loads: the folder its manifest names."""
        try:
            folder = json.loads((bundle / "index.json").read_text(encoding="utf-8"))["folder"]
        except (OSError, ValueError, KeyError, TypeError):
            self._problem("search-index/index.json", "not a JSON object naming the index's folder")
            return []
        if not isinstance(folder, str) or not re.fullmatch(r"[0-9a-f]{16}", folder):
            self._problem("search-index/index.json", f"the index's folder is not a digest: {folder!r}")
            return []
        if not (bundle / folder).is_dir():
            self._problem("search-index/index.json", f"the index's folder is missing: {folder}")
            return []
        return sorted((bundle / folder / "f").glob("*.bin"))

    def _check_search_index(self) -> None:
        """Every search result URL exists; every document page has a result."""
        bundle = self.root / "search-index"
        if not bundle.is_dir() or self.peers:          # an archive's one index: check_archive
            return
        indexed: set[str] = set()
        for frag in self._fragments(bundle):
            where = frag.relative_to(self.root).as_posix()
            record = _read_fragment(frag)
            if record is None:
                self._problem(where, "not a readable search fragment (gzip'd JSON)")
                continue
            url = record.get("url", "")
            if not isinstance(url, str) or url.startswith("/") or "//" in url or ":" in url.split("/", 1)[0]:
                self._problem(where, f"search result URL is not site-relative: {url!r}")
                continue
            target = self._resolve("index.html", "/" + url)
            if target is None or not (self.root / target).is_file():
                self._check_url(where, "search result", "/" + url)   # reports it, once
                continue
            indexed.add(target)
        for rel, page in sorted(self.pages.items()):
            if page is not None and page.document and rel not in indexed:
                self._problem(rel, "document page absent from the search index")


def _read_fragment(path: Path) -> dict | None:
    """Decode one search fragment file: gzip → JSON object."""
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError):
        return None
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _json_or_none(text: str) -> object:
    """The JSON value of a text, or None if it is not JSON."""
    try:
        return json.loads(text)
    except ValueError:
        return None


def _clip(text: str, width: int = 80) -> str:
    """One-line excerpt of offending text for the report."""
    one = " ".join(text.split())
    return one if len(one) <= width else one[:width] + "…"


def check_site(site_dir: str | Path) -> list[str]:
    """Every integrity problem of a built site, one ``path: message`` line each (empty: sound)."""
    return SiteChecker(site_dir).check()


def check_archive(sites: dict[str, str | Path]) -> list[str]:
    """Every integrity problem of an archive's sites, crawled as one: ``sites`` maps each site's
    ``site_url`` to its built folder, and a link from one into another is followed. Each problem
    is ``<site_url><path>: message``."""
    checkers = {url: SiteChecker(folder, url) for url, folder in
                ((u if u.endswith("/") else u + "/", f) for u, f in sites.items())}
    for checker in checkers.values():
        checker.peers = checkers
    problems = [f"{url}{line}" for url, checker in checkers.items() for line in checker.check()]
    return sorted(problems + _archive_search(checkers))


def _archive_search(checkers: dict[str, SiteChecker]) -> list[str]:
    """The archive's one search index, spread over its sites (generator.search.host_of): every site
    serves the same manifest, which lists every site; each file is on the site its number picks
    (so no site serves the whole index); every result URL is a page of one of the sites; every
    document page of every site is a result."""
    problems: list[str] = []
    manifests = {}
    for url, checker in checkers.items():
        try:
            manifests[url] = json.loads((checker.root / "search-index" / "index.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            problems.append(f"{url}search-index/index.json: missing or not JSON")
    if problems:
        return problems
    first = next(iter(manifests.values()))
    hosts = first.get("hosts") or []
    expected = sorted(url + "search-index/" for url in checkers)
    if sorted(hosts) != expected:
        return [f"{url}search-index/index.json: hosts {hosts} are not the archive's sites {expected}"
                for url in checkers]
    indexed: set[tuple[str, str]] = set()
    for url, checker in checkers.items():
        if manifests[url] != first:
            problems.append(f"{url}search-index/index.json: differs from the other sites' manifest")
        folder = checker.root / "search-index" / first["folder"]
        for path in sorted(folder.rglob("*.bin")):
            rel = path.relative_to(folder).as_posix()
            where = path.relative_to(checker.root).as_posix()
            if hosts[host_of(rel, len(hosts))] != url + "search-index/":
                problems.append(f"{url}{where}: served by the wrong site (its number puts it on "
                                f"{hosts[host_of(rel, len(hosts))]})")
                continue                               # a reader's browser asks the right site: not found
            if not rel.startswith("f/"):
                continue
            record = _read_fragment(path)
            result = record.get("url") if record else None
            peer, inner = checker._peer_of(result) if isinstance(result, str) else (None, "")
            if peer is None:
                problems.append(f"{url}{where}: search result URL is not on a site of the archive: {result!r}")
                continue
            target = peer._resolve("index.html", "/" + inner)
            before = len(checker.problems)
            checker._check_url(where, "search result", result)
            problems += [f"{url}{line}" for line in checker.problems[before:]]
            if target is not None:
                indexed.add((peer.root.as_posix(), target))
    for url, checker in checkers.items():
        for rel, page in sorted(checker.pages.items()):
            if page is not None and page.document and (checker.root.as_posix(), rel) not in indexed:
                problems.append(f"{url}{rel}: document page absent from the search index")
    return problems


def main(argv: list[str] | None = None) -> int:
    """CLI: print problems, exit 1 if there are any."""
    parser = argparse.ArgumentParser(prog="python -m generator.integrity", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default="site", help="the built site folder (default: site)")
    parser.add_argument("--site", action="append", default=[], metavar="URL=DIR",
                        help="a site of an archive in parts: its site_url and built folder (repeat for "
                             "every part and the portal; the sites are then crawled as one, site_dir ignored)")
    args = parser.parse_args(argv)
    if args.site:
        pairs = [item.partition("=") for item in args.site]
        if any(not url or not folder for url, _, folder in pairs):
            parser.error("--site takes URL=DIR, e.g. --site https://quzhou.example.org/=out/quzhou")
        problems, where = check_archive({url: folder for url, _, folder in pairs}), f"{len(pairs)} sites"
    else:
        problems, where = check_site(args.site_dir), args.site_dir
    for line in problems:
        print(line)
    checked = "problem" if len(problems) == 1 else "problems"
    print(f"integrity: {len(problems)} {checked} in {where}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
