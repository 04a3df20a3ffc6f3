"""The MkDocs plugin ``gazette``: drives the whole pipeline from inside `mkdocs build`/`serve`.

    plugins:
      - gazette:
          gazettes: gazettes      # folder of *.txt gazettes, relative to mkdocs.yml
          search: true            # build the search index (of the documents' own tokens)
          cache_dir: .cache/gazette   # parsed gazettes and the last generation's fingerprint ("" = none)
          aliases: ""             # issuer alias file (default: the package's data/issuer_aliases.toml)
          workers: 0              # parser processes (0: one per core)
          json_bodies: true       # body blocks in each document's JSON twin (false: metadata only,
                                  # for archives that must fit GitHub Pages' 1 GB)
          data_gzip: false        # documents.json/.csv and citations.csv published as .gz (ditto)
          publish_pdfs: true      # the PDFs gazettes were read from published in pdf/, pages linked to them

Incremental: each gazette's parse is cached by content (:mod:`generator.load`),
and a generation pass whose whole input (gazettes, overrides, aliases, the
generator's code) and output (the generated files in docs_src/) are unchanged
since the last pass is skipped entirely.

``on_pre_build`` parses every ``*.txt`` in the folder, links the corpus,
writes docs_src/ (only changed files, stale ones removed) and the search
bundle (into a scratch folder beside the site) before MkDocs collects its
files; ``on_post_build`` moves the index into ``site/search-index/``;
``on_serve`` watches the gazette folder so editing a gazette rebuilds.

Atomic output: docs_src/ is written all-or-nothing (see
:mod:`generator.render.writer`). Under ``mkdocs build`` and ``gh-deploy`` the
site is built into a hidden sibling folder (``.site.building-*``) and swapped
into site_dir by ``on_post_build`` only when the build succeeded — including
the ``--strict`` warning count, which MkDocs checks only after
``on_post_build``; a failed build deletes the temporary folder and leaves the
previous site/ as it was. ``mkdocs serve`` builds into a temporary folder of
its own and serves it live, and ``build --dirty`` builds on top of the old
site, so both build in place as MkDocs does.

Incremental site (``make update``: ``mkdocs build --dirty``): generation keeps
the time of every docs_src/ file it does not change, and MkDocs renders again
only the pages whose source is newer than their HTML; the plugin then deletes
what the build no longer produces; the search index is reused when no document changed.
The HTML equals a clean build's as long as the theme and mkdocs.yml are
unchanged (a dirty build does not notice those: rebuild clean after editing them).

Bad input: a file that raises :class:`GazetteError` is refused: ONE line naming the
file, the rest of the archive is built and published, and the refused files are
listed again when the build ends and on ``editors/refused/``. A refusal is not a
warning, so a strict build (CI, `make site`) still publishes the good gazettes;
`gazette check` exits non-zero while any file is refused, for a workflow that wants
to block on them. A crash inside the parser on one file is treated the same way,
with the exception named.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import CountHandler

from . import search
from .archive import read_archive
from .config import BuildOptions, SiteConfig, option_default, option_fields
from .markdown_syntax import GeneratedPageSyntax
from .pipeline import BuildError, build_log, generate_site, refusal_report
from .postprocess import compact_page
from .model import GazetteError
from .render import registry
from .urls import SITE_FEED, Placement, key_of_source

log = logging.getLogger("mkdocs.plugins.gazette")


# The plugin's options in mkdocs.yml: the fields of BuildOptions, with their types and defaults.
GazettePluginConfig = type("GazettePluginConfig", (Config,), {
    f.name: c.Type(type(option_default(f)), default=option_default(f)) for f in option_fields()})
GazettePluginConfig.__doc__ = "Options of the ``gazette`` plugin in mkdocs.yml (see generator.config.BuildOptions)."


def build_options(options: Config) -> BuildOptions:
    """The plugin's validated options as the pipeline's dataclass."""
    return BuildOptions(**{f.name: options[f.name] for f in option_fields()})


def site_config(config: MkDocsConfig, options: Config) -> SiteConfig:
    """The pipeline's view of a MkDocs configuration: the folder of mkdocs.yml, docs_dir, site_url
    and our options."""
    return SiteConfig(base=Path(config.config_file_path).resolve().parent, docs_dir=Path(config.docs_dir),
                      site_url=config.site_url or None, options=build_options(options),
                      config_file=Path(config.config_file_path).resolve())


def child_process() -> ProcessPoolExecutor:
    """One worker process for a generation pass, started fresh ("forkserver", else "spawn"), never
    forked: under `mkdocs serve` the server's threads are running, and a forked child can inherit a
    lock one of them holds and hang."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=1, mp_context=context)


def generate_for_build(site: SiteConfig, log_level: int = logging.INFO,
                       search_dir: Path | None = None) -> tuple[list[str], list[str]]:
    """:func:`generator.pipeline.generate_site` as the plugin runs it, in a process of its own:
    returns only the log lines (warnings, infos, the refusal report that ends the build); the search
    bundle, if asked for, is in ``search_dir``.

    At archive scale the parsed and linked corpus takes gigabytes, and a Python
    process does not give freed memory back to the system; generating in a child
    process means MkDocs then builds the site in a process that never held it.
    The child is a fresh process (see :func:`child_process`), so it prints its
    progress lines itself, at the level MkDocs runs at.
    """
    mkdocs_log = logging.getLogger("mkdocs")
    if not mkdocs_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        mkdocs_log.addHandler(handler)
        mkdocs_log.setLevel(log_level)
    started = time.perf_counter()
    result = generate_site(site, search_dir=search_dir, progress=lambda line: log.info(f"gazette: {line}"))
    warnings, infos = build_log(result, time.perf_counter() - started)
    return warnings, infos, refusal_report(result.refused)


class GazettePlugin(BasePlugin[GazettePluginConfig]):
    """Generates docs_src/ and the search bundle from the gazette folder, puts the bundle in the site."""

    def __init__(self) -> None:
        super().__init__()
        self._command: str | None = None
        self._dirty = False
        self._final_site: Path | None = None      # the real site_dir while building into a temporary one
        self._temp_site: Path | None = None       # that temporary one
        self._warnings: CountHandler | None = None
        self._bodies: dict[str, bytes] = {}        # placeholder → compressed rendered body
        self._token_of: dict[str, str] = {}        # page source path → its placeholder
        self._body_seq = 0
        self._syntax = GeneratedPageSyntax()
        self._outputs: set[str] = set()            # every site path MkDocs writes from docs_src/
        self._search_stage: Path | None = None     # the search bundle, written by generation
        self._refusals: list[str] = []              # the refusal report, printed when the build ends

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember how MkDocs runs: only a clean `build`/`gh-deploy` builds into a temporary site."""
        self._command, self._dirty = command, dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Convert generated pages with only the Markdown they use; point site_dir at a hidden sibling
        folder, which on_post_build swaps in when the build is sound."""
        if self._syntax not in config.markdown_extensions:
            config.markdown_extensions.append(self._syntax)
        config["not_in_nav"] = not_in_nav(config.get("not_in_nav"))
        if self.config.part:
            archive_site(config, self.config)
        if self._command not in ("build", "gh-deploy") or self._dirty:
            return config
        final = Path(config.site_dir).resolve()
        final.parent.mkdir(parents=True, exist_ok=True)
        self._final_site = final
        self._temp_site = Path(tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent))
        config.site_dir = str(self._temp_site)
        self._warnings = CountHandler()
        self._warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self._warnings)
        return config

    def _path(self, config: MkDocsConfig, option: str) -> Path | None:
        """A path option, relative to mkdocs.yml unless absolute; None when the option is empty."""
        return build_options(self.config).path(option, Path(config.config_file_path).resolve().parent)

    def gazette_dir(self, config: MkDocsConfig) -> Path:
        """The gazette folder, relative to mkdocs.yml unless absolute."""
        return self._path(config, "gazettes") or Path(config.config_file_path).parent

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Parse, link and render into docs_dir before MkDocs collects the files (the pipeline, in a
        child process)."""
        self._bodies.clear()                        # a serve rebuild renders every page again
        self._token_of.clear()
        self._drop_search_stage()
        if self.config.search:
            parent = Path(config.site_dir).resolve().parent
            parent.mkdir(parents=True, exist_ok=True)
            self._search_stage = Path(tempfile.mkdtemp(prefix=".gazette-search-", dir=parent))
        try:
            with child_process() as child:
                warnings, infos, self._refusals = child.submit(
                    generate_for_build, site_config(config, self.config),
                    logging.getLogger("mkdocs").getEffectiveLevel(), self._search_stage).result()
        except (BuildError, search.SearchError, GazetteError) as exc:
            raise PluginError(str(exc)) from exc
        for line in warnings:
            log.warning(line)                       # logged here, where --strict counts them
        for line in infos:
            log.info(line)

    # -- memory: MkDocs renders every page's Markdown before it writes any page, so at archive
    # scale all rendered bodies sit in memory at once. Each body is kept compressed from the
    # moment it is rendered until its page is written, and the Markdown source is dropped once
    # rendered (nothing reads it later: MkDocs' own search plugin is not used).

    @event_priority(-100)      # after every other plugin has added its files
    def on_files(self, files, /, *, config: MkDocsConfig):
        """Remember what this build writes, so a --dirty build can drop what it no longer writes."""
        included = [f for f in files if not f.inclusion.is_excluded()]
        self._outputs = {f.dest_uri for f in included}
        return files

    def on_page_markdown(self, markdown: str, /, *, page, config: MkDocsConfig, files) -> str:
        """Tell the syntax extension whether the page about to be converted is one the generator wrote
        (the pages that only send the reader on are written as finished HTML, which MkDocs copies:
        generator.urls.finished_page)."""
        self._syntax.generated = registry.is_generated(page.file.src_uri)
        return markdown

    def on_page_content(self, html: str, /, *, page, config: MkDocsConfig, files):
        """Keep the rendered body compressed; the page carries a placeholder until it is written."""
        self._body_seq += 1
        token = f"<!--gazette-body:{self._body_seq}-->"
        self._bodies[token] = zlib.compress(html.encode("utf-8"), 1)
        self._token_of[page.file.src_uri] = token
        self._syntax.generated = False             # whatever converts Markdown next gets all of it
        page.markdown = ""
        # Material adds a title <h1> when the body has none; the placeholder answers the same
        return ("<h1 hidden>" if "<h1" in html else "") + token

    def on_post_page(self, output: str, /, *, page, config: MkDocsConfig) -> str:
        """Put the body back into the written page, then forget it; fold template whitespace."""
        token = self._token_of.pop(page.file.src_uri, None)
        body = zlib.decompress(self._bodies.pop(token)).decode("utf-8") if token else None
        if body is None or token not in output:        # a template that prints no body
            return compact_page(output)
        return compact_page(output.replace(("<h1 hidden>" if "<h1" in body else "") + token, body, 1))

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Compact the theme's own HTML pages (404.html) as every other page."""
        return compact_page(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        """Rebuild when a gazette, an overrides file or the alias file changes (docs_src/ MkDocs watches)."""
        server.watch(str(self.gazette_dir(config)))
        aliases = self._path(config, "aliases")
        if aliases is not None:
            server.watch(str(aliases))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Drop stale pages after a --dirty build, put the search bundle in, then swap the temporary
        site in if the build is sound."""
        if self._dirty:
            removed = remove_stale_outputs(Path(config.site_dir), self._outputs)
            if removed:
                log.info(f"gazette: --dirty: removed {len(removed)} pages and files no longer generated")
        if self._search_stage is not None:
            bundle = Path(config.site_dir) / search.BUNDLE_DIR
            shutil.rmtree(bundle, ignore_errors=True)
            os.replace(self._search_stage, bundle)
            self._search_stage = None
        for line in self._refusals:                # the last thing the build says
            log.info(line)
        self._refusals = []
        if self._final_site is None or self._temp_site is None:
            return
        final = self._final_site
        if not (config.strict and self._warnings is not None and self._warnings.get_counts()):
            replace_dir(self._temp_site, final)
            log.info(f"gazette: site complete, moved into {final}")
        else:
            log.info(f"gazette: strict build has warnings; {final} left as it was")
        config.site_dir = str(final)
        self._finish()

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves the previous site/ untouched: drop the temporary one."""
        self._finish()

    def _drop_search_stage(self) -> None:
        """Delete a search bundle no build took (a failed build; the next serve rebuild makes its own)."""
        if self._search_stage is not None:
            shutil.rmtree(self._search_stage, ignore_errors=True)
            self._search_stage = None

    def _finish(self) -> None:
        """Delete the temporary site if still there, stop counting warnings (one build per run)."""
        self._drop_search_stage()
        if self._temp_site is not None:
            shutil.rmtree(self._temp_site, ignore_errors=True)
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
        self._warnings, self._final_site, self._temp_site = None, None, None


def archive_site(config: MkDocsConfig, options: Config) -> None:
    """Make the configuration that of one site of an archive in parts (the plugin's ``part``): its
    own site_url; a nav whose entries this site does not serve point to the portal's pages; and on
    a part, the logo leads to the portal (Material's ``extra.homepage``)."""
    try:
        archive = read_archive(options["archive"], config.config_file_path)
    except GazetteError as exc:
        raise PluginError(str(exc)) from exc
    if archive is None:
        raise PluginError(f"gazette: part {options['part']!r} asked for, but no archive is declared")
    sites = archive.sites
    if options["part"] not in sites:
        raise PluginError(f"gazette: no site named {options['part']!r} in the archive ({', '.join(sites)})")
    placement = Placement(here=options["part"], sites=sites, homes={})
    config.site_url = sites[placement.here]
    config.extra["gazette_sites"] = list(sites.values())      # for the 关怀版 to follow the reader
    config.nav = site_nav(config.nav, placement)
    if not placement.is_portal:
        config.extra["homepage"] = archive.portal_url
        config.extra["gazette_feed"] = archive.portal_url + SITE_FEED     # the archive's feed, on the portal


def site_nav(nav, placement: Placement):
    """The nav of one site of an archive: a generated index page another site serves becomes a link
    to its address there (the portal's 发文机关, 年份 …); the home page and hand-written pages stay."""
    if isinstance(nav, list):
        return [site_nav(item, placement) for item in nav]
    if isinstance(nav, dict):
        return {label: site_nav(target, placement) for label, target in nav.items()}
    if isinstance(nav, str) and nav.endswith(".md") and registry.is_generated(nav):
        key = key_of_source(nav)
        return nav if placement.serves(key) else placement.url(key)
    return nav


class _DirtyNotice(logging.Filter):
    """Drops what MkDocs tells a person who runs --dirty by hand (that the build is "likely"
    inaccurate, a warning, and that the site folder holds files of the last build), in an archive
    update only: there the update is made to equal a clean build (tests/test_archive_update.py
    holds it to that, byte for byte), and the build stays --strict for every other warning."""

    NOTICES = ("A 'dirty' build is being performed", "The directory contains stale files")

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.NOTICES)


def build_archive_site(config_file: Path, here: str, catalogue: Path, site_dir: Path, docs_dir: Path,
                       dirty: bool = False, fingerprint: str = "") -> None:
    """Build one site of an archive in parts with MkDocs, as ``mkdocs build --strict`` would, with
    the plugin told which site (``part``) and where the catalogue is: mkdocs.yml's own entry with
    those two options added, its site_dir and docs_dir replaced. Raises on a failed build.

    ``dirty``: the archive's update (``python -m generator archive update``): built in place over
    the site already there, as ``mkdocs build --dirty``, rendering only the pages whose Markdown
    generation changed. ``fingerprint``: the archive input's, passed on by the build that just made
    the catalogue from it (:attr:`generator.config.BuildOptions.input_fingerprint`)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, "rb") as f:
        raw = yaml_load(f) or {}
    extra = {"part": here, "catalogue": str(catalogue), **({"input_fingerprint": fingerprint} if fingerprint else {})}
    plugins = raw.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = {name: ({**(value or {}), **extra} if name == "gazette" else value) for name, value in plugins.items()}
    else:
        plugins = [{"gazette": extra} if item == "gazette" else
                   {"gazette": {**(item["gazette"] or {}), **extra}} if isinstance(item, dict) and "gazette" in item
                   else item for item in plugins]
    config = load_config(str(config_file), site_dir=str(site_dir), docs_dir=str(docs_dir), plugins=plugins,
                         strict=True)
    notice = _DirtyNotice()
    build_logger = logging.getLogger("mkdocs.commands.build")
    if dirty:
        build_logger.addFilter(notice)
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
        build_logger.removeFilter(notice)


def not_in_nav(configured):
    """mkdocs.yml's ``not_in_nav`` patterns plus the folders of every page kind reached from other
    pages rather than the nav (the registry's, so a new kind needs no edit of mkdocs.yml)."""
    ours = c.PathSpec().run_validation("\n".join(f"/{root}/" for root in registry.nav_hidden_roots()))
    return ours if configured is None else configured + ours


def remove_stale_outputs(site: Path, outputs: set[str]) -> list[str]:
    """Delete files under the generated roots of a built site that the build did not write.

    A ``--dirty`` build writes only pages whose source changed since the site was
    built and never deletes; a document removed from the archive (a gazette taken
    out, a number corrected) would stay on the site and in its search index.
    """
    removed: list[str] = []
    for top in registry.generated_roots():
        base = site / top
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):     # children before their folders
            rel = path.relative_to(site).as_posix()
            if path.is_file() and rel not in outputs:
                path.unlink()
                removed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return sorted(removed)


def replace_dir(new: Path, old: Path) -> None:
    """Put folder ``new`` where ``old`` is: two renames, the old tree deleted only once the new is in."""
    aside = new.with_name(new.name + ".previous")
    had_old = old.exists()
    if had_old:
        os.rename(old, aside)
    try:
        os.rename(new, old)
    except OSError:
        if had_old:
            os.rename(aside, old)
        raise
    if had_old:
        shutil.rmtree(aside, ignore_errors=True)
