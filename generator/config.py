"""The options of a generation pass: one dataclass, read from the ``gazette`` plugin's entry in
mkdocs.yml when there is one, overridable by the command line.

:class:`BuildOptions` is the one place the options and their defaults are written.
The MkDocs plugin builds its configuration schema from it
(:mod:`generator.plugin`), and ``gazette build`` reads the same entry of
mkdocs.yml without importing MkDocs (:func:`from_mkdocs_yml`), so the two ways of
building agree on every option by construction.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import yaml

PLUGIN_NAME = "gazette"


@dataclass(frozen=True)
class BuildOptions:
    """What a generation pass may be told. Paths are relative to mkdocs.yml (or to the current
    folder on the command line) unless absolute; an empty string means "none"."""

    gazettes: str = "gazettes"          # folder of *.txt gazettes
    search: bool = True                 # write the search index into site/search-index/ (plugin only)
    cache_dir: str = ".cache/gazette"   # parsed gazettes and the last pass's fingerprint ("" = none)
    aliases: str = ""                   # issuer alias file ("" = generator/data/issuer_aliases.toml)
    workers: int = 0                    # parser processes (0 = one per core)
    json_bodies: bool = True            # body blocks in each JSON twin (false for archives near 1 GB)
    data_gzip: bool = False             # corpus-wide downloads published as .gz
    publish_pdfs: bool = True           # gazettes read from PDFs: the PDFs published too (pdf/), linked at their pages
    # an archive in parts (generator.archive): {portal: {site_url}, parts: [{name, gazettes, site_url}]};
    # empty: one site. Declared, `mkdocs build` still builds the whole archive as one site (a preview);
    # `python -m generator archive build` builds the parts and the portal.
    archive: dict = dataclasses.field(default_factory=dict)
    part: str = ""                      # the site of the archive this build renders (set by `archive build`)
    catalogue: str = ""                 # the catalogue folder it renders from (set by `archive build`)
    # the fingerprint of the archive's input (generator.catalogue.catalogue_fingerprint), when the
    # `archive build` or `update` that made the catalogue a moment ago passes it on, so that each of
    # its sites does not read every gazette again to check it (empty: the site's build computes it)
    input_fingerprint: str = ""

    def path(self, option: str, base: Path) -> Path | None:
        """A path option resolved against ``base``; None when it is empty."""
        value = getattr(self, option)
        if not value:
            return None
        path = Path(value)
        return path if path.is_absolute() else base / path

    def replace(self, **changes: object) -> BuildOptions:
        """These options with some changed (None values are ignored: "not given on the command line")."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def option_fields() -> list[dataclasses.Field]:
    """The options in declaration order, for the plugin's schema and the CLI's flags."""
    return list(dataclasses.fields(BuildOptions))


def option_default(f: dataclasses.Field) -> object:
    """An option's default value (made afresh for a mutable one)."""
    return f.default_factory() if f.default is dataclasses.MISSING else f.default


class _TolerantLoader(yaml.SafeLoader):
    """YAML loader for mkdocs.yml that reads MkDocs' own tags (``!ENV``, ``!relative``,
    ``!!python/name:``) as plain values instead of failing: the gazette entry never uses them."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@dataclass(frozen=True)
class SiteConfig:
    """What ``gazette build`` needs from mkdocs.yml: the docs folder, site_url and our options."""

    base: Path                          # the folder of mkdocs.yml: paths are relative to it
    docs_dir: Path
    site_url: str | None
    options: BuildOptions
    config_file: Path | None = None     # mkdocs.yml itself, named in errors about what it declares


def read_mkdocs_yml(config_file: Path) -> dict:
    """mkdocs.yml as plain data, without MkDocs (its own tags read as plain values)."""
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}


def from_mkdocs_yml(config_file: Path) -> SiteConfig:
    """Read mkdocs.yml without MkDocs: docs_dir, site_url, and the ``gazette`` plugin's options.

    An unknown option is an error naming the file, as MkDocs itself would report it.
    """
    data = read_mkdocs_yml(config_file)
    base = config_file.resolve().parent
    entry: dict = {}
    for plugin in data.get("plugins") or []:
        if plugin == PLUGIN_NAME:
            entry = {}
        elif isinstance(plugin, dict) and PLUGIN_NAME in plugin:
            entry = plugin[PLUGIN_NAME] or {}
    if isinstance(data.get("plugins"), dict):               # the mapping form of `plugins:`
        entry = data["plugins"].get(PLUGIN_NAME) or {}
    known = {f.name for f in option_fields()}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise ValueError(f"{config_file}: unknown option(s) of the {PLUGIN_NAME} plugin: {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(known))})")
    docs_dir = Path(data.get("docs_dir") or "docs")
    return SiteConfig(base=base, docs_dir=docs_dir if docs_dir.is_absolute() else base / docs_dir,
                      site_url=data.get("site_url") or None, options=BuildOptions(**entry), config_file=config_file)
