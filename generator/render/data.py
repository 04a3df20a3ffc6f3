"""Data downloads: the archive as data, beside the pages people read.

* every document page has a JSON twin beside it (``d/绍政发/2017/7.json``): its
  front matter, unchanged, plus its address, citations and (unless the
  ``json_bodies`` option is off, for archives near their host's size cap) body blocks;
* the whole corpus as ``data/documents.json`` (the front matter without the
  fields that only build the page) and ``data/documents.csv`` (one row per
  document), with ``data/citations.csv`` (one row per citation);
* ``data/datapackage.json``: a Frictionless Data Package describing the CSV
  files, so anyone can load them with typed columns;
* the data dictionary page ``data/``, which documents every front-matter field.

:data:`FIELDS` is the one description of the front-matter fields: the data
dictionary page, the CSV columns and the package schema all come from it.
The twins, the documents.json records and the CSV rows are made from the same
:class:`~generator.render.meta.DocumentMeta` as the page's front matter, so they
can never disagree with the page, and no page is read back to make them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path


from .. import urls
from ..corpus import Corpus
from ..model import Block
from .meta import DocumentMeta, one_line

# name → (Frictionless type, description): every field of a document page's front matter.
FIELDS: dict[str, tuple[str, str]] = {
    "doc_number": ("string", "发文字号，规范形式：年份一律用六角括号〔〕，去掉空格，数字为半角（绍政发〔2017〕7号）；"
                             "政府令写作“衢州市人民政府令第51号”。无文号时为空。"),
    "doc_title": ("string", "标题，按正文所印，去掉排版空格（正文标题残缺时取目录所印）。"),
    "title": ("string", "同一标题的 HTML 转义形式，供 MkDocs 用作页面标题。"),
    "issuers": ("array", "发文机关：取自落款（无落款时取自标题），已按可编辑的机关别名表归并；CSV 中以“、”连接。"),
    "date": ("date", "成文日期：落款下的日期，ISO 8601 格式（YYYY-MM-DD）；未印日期时为空。"),
    "doc_type": ("string", "文种：标题末尾所标的文种（通知、意见、办法、令……）。"),
    "level": ("string", "级别：发文机关所属的政府层级——国务院、省、市、县；政府部门所发为“部门”。"
                        "由落款机关判断（多个机关联合发文时取其中最高的政府层级），无落款时取所载公报的地区层级。"),
    "region": ("string", "地区：所载公报所属的地区（如 绍兴市），国家一级的公报为“全国”。"),
    "section": ("string", "栏目：公报目录中所列的栏目（市政府文件等）。"),
    "toc_page": ("integer", "公报目录所标的页码。"),
    "position": ("integer", "在本期公报中的顺序号（从 1 起）。"),
    "gazette": ("object", "所载公报：label（全称，如 绍兴市人民政府公报 2017年第04期（总第270期））、name（刊名）、issue（期次，如 第04期）、total_issue（总期号）、year（年份）、"
                          "slug（本站地址 g/<slug>/）、source_file（源文件名）；CSV 中为 gazette_* 各列。"),
    "start_line": ("integer", "在源文件中的起始行号（从 1 起）。"),
    "end_line": ("integer", "在源文件中的结束行号（含该行）。"),
    "references": ("array", "所引用的全部发文字号（规范形式，去重，不含本件）；CSV 中以“;”连接。"),
    "kind": ("string", "页面类别：公文页面固定为 document。"),
    "summary": ("string", "摘要：正文第一句，用作页面描述（meta description、OpenGraph）。"),
}
# Fields that exist to build the page (MkDocs' escaped title, the <head> description): in each JSON
# twin, as in the front matter, but left out of the corpus-wide documents.json.
PAGE_ONLY_FIELDS = DocumentMeta.PAGE_ONLY
GAZETTE_COLUMNS = ("label", "name", "issue", "total_issue", "year", "slug", "source_file")
CSV_COLUMNS = ("key", "url_json", "doc_number", "doc_title", "issuers", "date", "doc_type", "level", "region",
               "section", "toc_page",
               "position", *(f"gazette_{c}" for c in GAZETTE_COLUMNS), "start_line", "end_line", "references")
_CSV_TYPES = {"key": "string", "url_json": "string", **{f"gazette_{c}": "string" for c in GAZETTE_COLUMNS},
              "gazette_total_issue": "integer", "gazette_year": "integer"}
# The columns of citations.csv, in its order.
CITATION_SCHEMA = [
    ("citing", "string", "引用文件的发文字号（无文号时为其本站地址）。"),
    ("cited", "string", "被引用的发文字号（规范形式）。"),
    ("kind", "string", "引用方式：basis（根据）、forwards（印发/转发）、repeals（废止）、amends（修改）、mentions（提及）。"),
    ("resolved", "boolean", "本站是否收录被引文件。"),
    ("citing_title", "string", "引用文件的标题。"),
    ("cited_title", "string", "被引文件的标题（收录时取其标题，否则取引文中《》所给标题）。"),
    ("line", "integer", "引文所在段落在源文件中的起始行号。"),
    ("citing_url", "string", "引用文件在本站的地址。"),
    ("cited_url", "string", "被引文号在本站的地址（收录的文件页，或引用页）。"),
    ("source_file", "string", "引用文件所在的公报源文件。"),
]


def block_record(block: Block) -> dict:
    """One body block as data: kind, outline level and label, text or table rows, source lines."""
    record = {"kind": block.kind.value, "text": block.text, "start_line": block.start_line,
              "end_line": block.end_line}
    if block.level:
        record["level"] = block.level
    if block.label:
        record["label"] = block.label
    if block.rows:
        record["rows"] = [list(r) for r in block.rows]
    return record


def document_twin(corpus: Corpus, key: str, meta: dict, with_body: bool = True) -> dict:
    """A document's JSON twin: its page's front matter plus address, citation links and (unless an
    archive too large for its host leaves it to the page) the body blocks."""
    twin = {
        **meta,
        "url": key,
        "cites": sorted(dict.fromkeys(c.cited_number for c in corpus.citations_of.get(key, []))),
        "cited_by": [corpus.documents[k].doc_number or k for k in corpus.cited_by.get(key, [])],
        "warnings": [w.code for w in corpus.documents[key].warnings],
    }
    if with_body:
        twin["body"] = [block_record(b) for b in corpus.documents[key].blocks]
    return twin


def csv_row(key: str, meta: dict) -> list:
    """One documents.csv row from a page's front matter."""
    gazette = meta.get("gazette") or {}
    return [key, urls.json_twin_path(key), meta.get("doc_number") or "", meta.get("doc_title") or "",
            "、".join(meta.get("issuers") or []), meta.get("date") or "", meta.get("doc_type") or "",
            meta.get("level") or "", meta.get("region") or "", meta.get("section") or "", _blank(meta.get("toc_page")), meta.get("position"),
            *(_blank(gazette.get(c)) for c in GAZETTE_COLUMNS),
            meta.get("start_line"), meta.get("end_line"), ";".join(meta.get("references") or [])]


def _blank(value: object) -> object:
    return "" if value is None else value


def _csv(rows: list[list], header: tuple[str, ...]) -> str:
    """CSV text with a BOM, so spreadsheet programs read the Chinese (as citations.csv does)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def datapackage(documents: int, gzip: bool = False) -> dict:
    """The Frictionless Data Package descriptor of the CSV and JSON downloads (``gzip``: their
    compressed files, which Frictionless tools read through)."""
    doc_fields = [{"name": name, "type": _CSV_TYPES.get(name) or _csv_type(name),
                   "description": FIELDS.get(name, ("", ""))[1] or _CSV_DESCRIPTIONS.get(name, "")}
                  for name in CSV_COLUMNS]

    def where(path: str) -> dict:
        published = urls.data_file(path, gzip)
        return {"path": published.rpartition("/")[2], **({"compression": "gz"} if published != path else {})}

    return {
        "profile": "data-package",
        "name": "gazette-archive",
        "title": "政府公报档案库 — documents and citations",
        "description": f"{documents} documents of Chinese municipal government gazettes (政府公报) and the "
                       "citations between them, parsed from the gazettes' text.",
        "resources": [
            {"name": "documents", **where(urls.DOCUMENTS_CSV), "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": {"fields": doc_fields,
                                                                         "primaryKey": ["key"]}},
            {"name": "citations", **where(urls.CITATIONS_CSV), "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8-sig",
             "schema": {"fields": [{"name": n, "type": t, "description": d} for n, t, d in CITATION_SCHEMA]}},
            {"name": "documents-json", **where(urls.DOCUMENTS_JSON), "format": "json", "mediatype": "application/json",
             "description": "The same documents as one JSON array of their front matter, without the fields "
                            "that only build the page (" + ", ".join(PAGE_ONLY_FIELDS) + "; see each JSON twin)."},
        ],
    }


_CSV_DESCRIPTIONS = {
    "key": "公文在本站的地址（页面即此地址，JSON 文件见 url_json）。",
    "url_json": "公文 JSON 文件在本站的路径。",
    **{f"gazette_{c}": f"所载公报的 {c}（见 gazette 字段）。" for c in GAZETTE_COLUMNS},
}


def _csv_type(name: str) -> str:
    kind = FIELDS[name][0]
    return {"array": "string", "object": "string"}.get(kind, kind)


def corpus_files(corpus: Corpus, metas: Iterable[DocumentMeta], data_gzip: bool = False) -> dict[str, str]:
    """documents.json, documents.csv, citations.csv and datapackage.json, from every document's
    record (the same records its page and JSON twin were made from)."""
    records, rows = [], []
    for meta in metas:
        records.append(dump_json(meta.data_record()).rstrip("\n"))
        rows.append(csv_row(meta.key, meta.record()))
    return {
        urls.DOCUMENTS_JSON: "[" + ",".join(records) + "]\n",
        urls.DOCUMENTS_CSV: _csv(rows, CSV_COLUMNS),
        urls.CITATIONS_CSV: citations_csv(corpus),
        urls.DATAPACKAGE: dump_json(datapackage(len(rows), data_gzip)),
    }


def citations_csv(corpus: Corpus) -> str:
    """The citation graph as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese):
    one row per citation, in corpus then text order; deterministic."""
    rows = []
    for c in corpus.citations:
        citing = corpus.documents[c.citing_key]
        target = corpus.link_target(c.cited_number, c.citing_key, c.cited_title)
        resolved = target in corpus.documents
        rows.append([
            citing.doc_number or c.citing_key, c.cited_number, c.kind.value, "true" if resolved else "false",
            one_line(citing.title), one_line(corpus.documents[target].title) if resolved else (c.cited_title or ""),
            c.line, c.citing_key, target or "", Path(corpus.issue_of[c.citing_key].source_file).name,
        ])
    return _csv(rows, tuple(name for name, _, _ in CITATION_SCHEMA))


def dump_json(value: object) -> str:
    """Compact JSON (the C encoder: indenting would be ten times slower), keys sorted."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
