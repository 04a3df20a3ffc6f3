"""The pipeline, runnable without MkDocs: sources → parse → link → render → write.

    gazettes/*.txt ──load (parse, cached)──▶ GazetteIssue ──link──▶ Corpus
        ──render──▶ (path, text) stream ──write──▶ docs_src/
        ──search──▶ SearchRecord ──index──▶ the search index (a folder the plugin puts in site/)

:func:`generate` runs one generation pass and brings a docs folder up to date;
``gazette build`` (:mod:`generator.cli`) and the MkDocs plugin
(:mod:`generator.plugin`) both call it, with the same options
(:class:`generator.config.BuildOptions`). Nothing here imports MkDocs: the
engine that turns docs_src/ into HTML is the plugin's business.

Incremental: each gazette's parse is cached by content (:mod:`generator.load`),
and a pass whose whole input (gazettes, overrides, aliases, the generator's
code, the options) and output (the generated files in docs_src/) are unchanged
since the last pass is skipped entirely.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import search
from .archive import read_archive
from .catalogue import catalogue_fingerprint, gazette_folders, read_catalogue, search_share
from .config import SiteConfig
from .corpus import DEFAULT_ALIASES, Corpus, build_corpus, load_issuer_aliases
from .load import Loaded, corpus_fingerprint, load_corpus
from .model import GazetteIssue, Refusal
from .render import WriteReport, generate_files, write_pages
from .render.registry import HOME_FILE, generated_roots
from .urls import REFUSED as REFUSED_PAGE, issue_key

PROGRESS_MIN_DOCUMENTS = 2_000    # smaller archives generate in seconds: no progress lines
PROGRESS_EVERY = 10_000          # generated files between progress lines


class BuildError(Exception):
    """A pass that cannot start (no gazette folder, no alias file): one line saying what to do."""


@dataclass
class Generation:
    """What one generation pass did: for the build log, the CLI and tests."""

    issues: list[GazetteIssue]
    corpus: Corpus | None
    report: WriteReport
    errors: list[str]                # warnings: overrides that could not be applied
    parsed: int = 0
    from_cache: int = 0
    skipped: bool = False            # nothing changed since the last pass: nothing parsed or written
    # the search index written to the search folder ({"index": cache key}), if one was asked for
    # (on a skipped pass, put back from the cache)
    search_index: dict[str, str] = field(default_factory=dict)
    refused: list[Refusal] = field(default_factory=list)     # gazette files left out


def generated_files(docs_dir: Path) -> dict[str, list[int]]:
    """Size and modification time of every generated file: enough to see docs_src/ was not touched."""
    out: dict[str, list[int]] = {}
    for top in (*generated_roots(), HOME_FILE):
        base = docs_dir / top
        paths = sorted(base.rglob("*")) if base.is_dir() else [base] if base.is_file() else []
        for path in paths:
            if path.is_file():
                st = path.stat()
                out[path.relative_to(docs_dir).as_posix()] = [st.st_size, st.st_mtime_ns]
    return out


def _state_file(cache_dir: Path, docs_dir: Path) -> Path:
    name = hashlib.sha256(str(docs_dir).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"generation-{name}.json"


def _unchanged(cache_dir: Path | None, docs_dir: Path, fingerprint: str) -> dict | None:
    """The search index state of the last pass if it already produced docs_dir from exactly this input and
    docs_dir is intact; None when this pass must run."""
    if cache_dir is None:
        return None
    try:
        state = json.loads(_state_file(cache_dir, docs_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("fingerprint") != fingerprint or state.get("files") != generated_files(docs_dir):
        return None
    return state.get("search_index")


def _remember(cache_dir: Path | None, docs_dir: Path, fingerprint: str, search: dict[str, str]) -> None:
    """Record what this pass produced, for the next pass to compare with (the cache of a pass:
    keyed by everything it read, its fingerprint)."""
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    state = {"fingerprint": fingerprint, "files": generated_files(docs_dir), "search_index": search}
    _state_file(cache_dir, docs_dir).write_text(json.dumps(state, sort_keys=True), encoding="utf-8")


def generate(folder: Path | list[Path], docs_dir: str | Path, *, cache_dir: Path | None = None,
             aliases: Path | None = None, workers: int | None = None, site_url: str | None = None,
             json_bodies: bool = True, data_gzip: bool = False, search_dir: Path | None = None,
             publish_pdfs: bool = True,
             progress: Callable[[str], None] | None = None) -> Generation:
    """Parse every gazette in ``folder``, link them, bring docs_dir up to date and, given a
    ``search_dir``, write the search bundle there (the whole pipeline).

    With a ``cache_dir``, unchanged gazettes are not parsed again, an unchanged search
    index is not written again, and a pass with nothing changed is skipped.
    ``progress`` receives a line at each stage of a long pass.
    """
    docs = Path(docs_dir).resolve()
    alias_file = aliases or DEFAULT_ALIASES
    folders = folder if isinstance(folder, list) else [folder]      # an archive's folders, previewed as one
    fingerprint = ("".join(corpus_fingerprint(f, extra=(alias_file,)) for f in folders) + (site_url or "")
                   + f"|bodies={json_bodies}|gzip={data_gzip}|search={search_dir is not None}|pdfs={publish_pdfs}")
    remembered = _unchanged(cache_dir, docs, fingerprint)
    if remembered is not None and (search_dir is None or search.restore_index(remembered, search_dir, cache_dir)):
        return Generation([], None, WriteReport(), [], skipped=True, search_index=remembered)
    loaded = Loaded()
    for part in folders:
        more = load_corpus(part, cache_dir, workers, progress)
        loaded.issues += more.issues
        loaded.refused += more.refused
        loaded.errors += more.errors
        loaded.parsed += more.parsed
        loaded.from_cache += more.from_cache
    corpus = build_corpus(loaded.issues, aliases=load_issuer_aliases(alias_file))
    files = generate_files(corpus, site_url, json_bodies, data_gzip, refused=tuple(loaded.refused),
                           publish_pdfs=publish_pdfs)
    if progress is not None and len(corpus.documents) >= PROGRESS_MIN_DOCUMENTS:
        progress(f"linked {len(corpus.documents)} documents, {len(corpus.citations)} citations; writing pages")
        files = _counting(files, progress)
    report = write_pages(docs, files)
    index = {}
    if search_dir is not None:
        index = search.index_records(search.corpus_records(corpus), search_dir, cache_dir,
                                     progress=progress or (lambda line: None))
    if not loaded.errors and not loaded.refused:
        _remember(cache_dir, docs, fingerprint, index)     # a pass with refused files is never skipped
    return Generation(loaded.issues, corpus, report, loaded.errors, loaded.parsed, loaded.from_cache,
                      search_index=index, refused=loaded.refused)


def _counting(files: Iterator[tuple[str, str]], progress: Callable[[str], None]):
    """Pass the generated files through, reporting every :data:`PROGRESS_EVERY` files."""
    done = 0
    for done, item in enumerate(files, 1):
        if done % PROGRESS_EVERY == 0:
            progress(f"generated {done} files (document pages and their JSON first)")
        yield item
    progress(f"generated {done} files")


def generate_site(site: SiteConfig, *, docs_dir: Path | None = None, search_dir: Path | None = None,
                  progress: Callable[[str], None] | None = None) -> Generation:
    """:func:`generate` with the options of a site's configuration, paths resolved against it."""
    options, base = site.options, site.base
    if options.part:                            # one site of an archive in parts, from its catalogue
        return generate_part(site, options.part, docs_dir=docs_dir, search_dir=search_dir)
    folder = options.path("gazettes", base) or base
    if not folder.is_dir():
        raise BuildError(f"gazette: folder of gazettes not found: {folder} "
                         f"(set the plugin's `gazettes` option, or name the folder on the command line)")
    aliases = options.path("aliases", base)
    if aliases is not None and not aliases.is_file():
        raise BuildError(f"gazette: issuer alias file not found: {aliases}")
    archive = read_archive(options.archive, site.config_file or base / "mkdocs.yml")
    if archive is not None:     # the whole archive as one site (an editor's preview): every part's folders
        _, folders = gazette_folders(archive, folder, site.config_file or base / "mkdocs.yml")
        folder = folders
    return generate(folder, docs_dir or site.docs_dir, cache_dir=options.path("cache_dir", base),
                    aliases=aliases, workers=options.workers or None, site_url=site.site_url,
                    json_bodies=options.json_bodies, data_gzip=options.data_gzip, search_dir=search_dir,
                    publish_pdfs=options.publish_pdfs,
                    progress=progress)


def generate_part(site: SiteConfig, here: str, *, docs_dir: Path | None = None,
                  search_dir: Path | None = None) -> Generation:
    """One site of an archive in parts (a part's name, or the portal), rendered from the archive's
    catalogue (:mod:`generator.catalogue`, the plugin's ``catalogue`` option): only the pages this
    site serves, links to the others' absolute; given a ``search_dir``, this site's share of the
    archive's search index. The catalogue must be the one made from the input in front of us."""
    options, base = site.options, site.base
    config_file = site.config_file or base / "mkdocs.yml"
    archive = read_archive(options.archive, config_file)
    if archive is None:
        raise BuildError(f"gazette: part {here!r} asked for, but {config_file} declares no archive")
    root = options.path("gazettes", base) or base
    aliases = options.path("aliases", base) or DEFAULT_ALIASES
    _, folders = gazette_folders(archive, root, config_file)
    folder = options.path("catalogue", base)
    if folder is None:
        raise BuildError("gazette: a part is built from a catalogue: set the plugin's `catalogue` option "
                         "(python -m generator archive build does)")
    catalogue = read_catalogue(folder, options.input_fingerprint or catalogue_fingerprint(archive, folders, aliases),
                               here)
    placement = catalogue.placement(here)
    files = generate_files(catalogue.corpus, catalogue.sites[here], options.json_bodies, options.data_gzip,
                           refused=catalogue.refused if placement.is_portal else (),
                           publish_pdfs=options.publish_pdfs, placement=placement)
    report = write_pages(Path(docs_dir or site.docs_dir).resolve(), files)
    if search_dir is not None:
        search_share(folder, catalogue.archive, here, search_dir)
    issues = [i for i in catalogue.corpus.issues if placement.serves(issue_key(i))]
    return Generation(issues, catalogue.corpus, report, list(catalogue.errors),
                      refused=list(catalogue.refused) if placement.is_portal else [])


def build_log(result: Generation, seconds: float) -> tuple[list[str], list[str]]:
    """What the build log says about a pass: (warning lines, info lines). A refused file is an
    info line here and in :func:`refusal_report`, not a warning: the rest is published."""
    if result.skipped:
        return result.errors, [f"gazette: gazettes unchanged since the last build; docs_src/ is current "
                               f"({seconds:.1f} s)"]
    infos = [f"gazette: {key}: {w.message}" for key, warnings in result.corpus.warnings.items() for w in warnings]
    infos += [f"gazette: refused: skipped gazette {refusal}" for refusal in result.refused]
    report = result.report
    infos.append(
        f"gazette: {len(result.issues)} gazettes ({result.parsed} parsed, {result.from_cache} from cache), "
        f"{len(result.corpus.documents)} documents; docs_src: {len(report.written)} written, "
        f"{report.unchanged} unchanged, {len(report.deleted)} deleted ({seconds:.1f} s)")
    return result.errors, infos


def refusal_report(refused: list[Refusal]) -> list[str]:
    """The lines that end a build with refused files: how many, each one, and where editors see them."""
    if not refused:
        return []
    return [f"gazette: {len(refused)} gazette file{'s' if len(refused) > 1 else ''} refused and left out "
            f"(the rest is published; the list is also on {REFUSED_PAGE}):",
            *(f"gazette:   {refusal}" for refusal in refused)]

