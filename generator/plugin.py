"""The MkDocs plugin ``gazette``: drives the whole pipeline from inside `mkdocs build`/`serve`.

    plugins:
      - gazette:
          gazettes: gazettes      # folder of *.txt gazettes, relative to mkdocs.yml
          search: true            # build the Pagefind index after the site

``on_pre_build`` parses every ``*.txt`` in the folder, links the corpus and
writes docs_src/ (only changed files, stale ones removed) before MkDocs
collects its files; ``on_post_build`` indexes site/ with Pagefind;
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

Bad input: a file that raises :class:`GazetteError` is logged as ONE warning
line naming the file and skipped, and the rest of the archive builds. Because
MkDocs turns warnings into a failure under ``--strict``, a strict build (CI,
`make site`) fails on any unreadable gazette, while a plain build or `serve`
keeps going so an editor still sees the rest. A crash inside the parser on one
file is treated the same way, with the exception named.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.utils import CountHandler

from . import search
from .link import Corpus, build_corpus
from .model import GazetteError, GazetteIssue
from .render import WriteReport, render_site, write_pages

log = logging.getLogger("mkdocs.plugins.gazette")


class GazettePluginConfig(Config):
    """Options of the ``gazette`` plugin in mkdocs.yml."""

    gazettes = c.Type(str, default="gazettes")
    search = c.Type(bool, default=True)


def _parse_file(path: Path) -> GazetteIssue:
    """Import the parser lazily so `mkdocs` can load the plugin even while the parser is broken."""
    from .parse import parse_file

    return parse_file(str(path))


def load_issues(folder: Path) -> tuple[list[GazetteIssue], list[str]]:
    """Parse every gazette in ``folder`` (sorted by name); return issues and one error line per bad file."""
    issues: list[GazetteIssue] = []
    errors: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        try:
            issues.append(_parse_file(path))
        except GazetteError as exc:
            errors.append(f"skipped gazette {exc}")
        except Exception as exc:  # a parser bug must not hide the other gazettes
            errors.append(f"skipped gazette {path}: parser failed ({type(exc).__name__}: {exc})")
    return issues, errors


@dataclass
class Generation:
    """What one generation pass did: for the build log, the CLI and tests."""

    issues: list[GazetteIssue]
    corpus: Corpus
    report: WriteReport
    errors: list[str]


def generate(folder: Path, docs_dir: str | Path) -> Generation:
    """Parse every gazette in ``folder``, link them, and bring docs_dir up to date (the whole pipeline)."""
    issues, errors = load_issues(folder)
    corpus = build_corpus(issues)
    report = write_pages(docs_dir, render_site(corpus))
    return Generation(issues, corpus, report, errors)


class GazettePlugin(BasePlugin[GazettePluginConfig]):
    """Generates docs_src/ from the gazette folder and indexes the built site with Pagefind."""

    def __init__(self) -> None:
        super().__init__()
        self._command: str | None = None
        self._dirty = False
        self._final_site: Path | None = None      # the real site_dir while building into a temporary one
        self._temp_site: Path | None = None       # that temporary one
        self._warnings: CountHandler | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember how MkDocs runs: only a clean `build`/`gh-deploy` builds into a temporary site."""
        self._command, self._dirty = command, dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Point site_dir at a hidden sibling folder; on_post_build swaps it in when the build is sound."""
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

    def gazette_dir(self, config: MkDocsConfig) -> Path:
        """The gazette folder, relative to mkdocs.yml unless absolute."""
        folder = Path(self.config.gazettes)
        if not folder.is_absolute():
            folder = Path(config.config_file_path).parent / folder
        return folder

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Parse, link and render into docs_dir before MkDocs collects the files."""
        folder = self.gazette_dir(config)
        if not folder.is_dir():
            raise PluginError(f"gazette: folder of gazettes not found: {folder}")
        result = generate(folder, config.docs_dir)
        for line in result.errors:
            log.warning(line)
        for key, warnings in result.corpus.warnings.items():
            for w in warnings:
                log.info(f"gazette: {key}: {w.message}")
        report = result.report
        log.info(
            f"gazette: {len(result.issues)} gazettes, {len(result.corpus.documents)} documents; "
            f"docs_src: {len(report.written)} written, {report.unchanged} unchanged, {len(report.deleted)} deleted"
        )

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        """Rebuild when a gazette is edited or added (docs_src/ is watched by MkDocs itself)."""
        server.watch(str(self.gazette_dir(config)))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built site with Pagefind, then swap the temporary site in if the build is sound."""
        if self.config.search:
            search.index_site(config.site_dir)
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

    def _finish(self) -> None:
        """Delete the temporary site if still there, stop counting warnings (one build per run)."""
        if self._temp_site is not None:
            shutil.rmtree(self._temp_site, ignore_errors=True)
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
        self._warnings, self._final_site, self._temp_site = None, None, None


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
