"""The data downloads (``data/``): documents.csv / .json, citations.csv, datapackage.json (see
:mod:`generator.render.data`) and the data dictionary page that documents every field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ... import urls
from ..data import FIELDS, corpus_files
from ..escape import escape_text
from ..registry import HomeLink, PageKind, register
from ..site import Site


@dataclass(frozen=True)
class DataPage:
    """The context of data.md.j2."""

    gzip: bool
    files: dict[str, str]
    counts: dict[str, int]
    fields: list[tuple[str, str, str]]
    json_bodies: bool


def data_page(site: Site) -> str:
    """The data page: what can be downloaded and what every field means."""
    here, gzip = urls.DATA_INDEX, site.options.data_gzip
    return site.render("data.md.j2", here, {"kind": "data", "title": escape_text("数据下载")}, DataPage(
        gzip=gzip,
        files={name: urls.file_link(here, urls.data_file(path, gzip), site.placement) for name, path in (
            ("documents_csv", urls.DOCUMENTS_CSV), ("documents_json", urls.DOCUMENTS_JSON),
            ("citations_csv", urls.CITATIONS_CSV), ("datapackage", urls.DATAPACKAGE))},
        counts={"documents": len(site.corpus.documents), "citations": len(site.corpus.citations)},
        fields=[(name, kind, description) for name, (kind, description) in FIELDS.items()],
        json_bodies=site.options.json_bodies,
    ))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    metas = (site.meta(key) for key in site.corpus.documents)
    yield from corpus_files(site.corpus, metas, site.options.data_gzip).items()
    yield urls.source_path(urls.DATA_INDEX), data_page(site)


def home_link(site: Site) -> HomeLink:
    """The data line, with a direct link to the citation graph."""
    csv = urls.data_file(urls.CITATIONS_CSV, site.options.data_gzip)
    text = Markup("全部公文与引用关系的 CSV / JSON 数据（[引用关系 {}]({})：{} 处引用）").format(
        *(Markup(escape_text(v)) for v in (csv.rpartition("/")[2], urls.file_link(urls.HOME, csv, site.placement),
                                             len(site.corpus.citations))))
    return HomeLink(90, "数据下载", urls.DATA_INDEX, text)


# data/index.md is in mkdocs.yml's nav; the rest of data/ are files, not pages
register(PageKind("data", pages, roots=("data",), hidden_from_nav=False, home_link=home_link), priority=10)
