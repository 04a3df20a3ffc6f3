"""Command line: `gazette build`, `gazette parse`, `gazette check` (also `python -m generator …`).

`gazette build` runs the whole generation pipeline (:mod:`generator.pipeline`) and
writes docs_src/ without MkDocs; `mkdocs build` runs the same pipeline as a
plugin and then renders the HTML and the search index. `parse` and `check` show
what the parser makes of a file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

from .config import BuildOptions, SiteConfig, from_mkdocs_yml
from .manifest import apply_manifest, manifest_path, read_manifest
from .model import GazetteError
from .parse import parse_file
from .sources import as_text, gazette_files, pdf_stamp, read_source

_DESCRIPTION = """\
Gazette archive tools: read Chinese government gazettes (政府公报), as PDFs or as
text converted from them, and show what the parser finds in them.

The pipeline runs on its own (gazette build writes docs_src/), and MkDocs runs
it as a plugin, then renders the HTML and the search index:
  gazette build         gazettes/ -> docs_src/ (Markdown, data, feeds), no MkDocs needed
  mkdocs build          the same, then site/ with the search index
  mkdocs serve          preview while editing (rebuilds when a gazette changes)
"""

_EPILOG = """\
examples:
  gazette build                                       docs_src/ from the options in mkdocs.yml
  gazette build --docs-dir /tmp/docs gazettes         another output folder
  gazette parse --json gazettes/shaoxing-2017-04.txt   one JSON object: {"gazette": …, "documents": […]}
  gazette parse gazettes/quzhou-2018-03-04.txt         a readable list of the documents
  gazette check gazettes                              every parse warning, as file:line: message
  gazette extract gazettes/quzhou-2018-03.pdf          the PDF's text as quzhou-2018-03.txt, to correct
"""


def _parse_cmd(args: argparse.Namespace) -> int:
    try:
        issue = parse_file(args.file)
    except GazetteError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if args.json:
        out = {"gazette": issue.to_record(), "documents": [d.to_record() for d in issue.documents]}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1 if args.pretty else None) + "\n")
        return 0
    g = issue
    print(f"{g.name or '(no name)'} {g.year or ''} {g.issue or ''} 总第{g.total_issue or '?'}期 "
          f"region={g.region} — {len(g.documents)} documents")
    for d in issue.documents:
        print(f"{d.position:3} {d.start_line:5}-{d.end_line:<5} {d.doc_number or '(no number)':24} "
              f"{str(d.date or ''):10} {'、'.join(d.issuers):20} {d.title}")
    return 0


def _gazette_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(gazette_files(p) if p.is_dir() else [p])
    return files


def _extract_cmd(args: argparse.Namespace) -> int:
    """Write the text the parser reads from a PDF gazette, for an editor to check and correct."""
    source = Path(args.pdf)
    if source.suffix.lower() != ".pdf":
        print(f"错误：{source} 不是 PDF（gazette extract 只读 PDF）", file=sys.stderr)
        return 2
    try:
        text = read_source(source)
    except GazetteError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    out = Path(args.output) if args.output else source.with_suffix(".txt")
    if out.exists() and not args.force:
        print(f"错误：{out} 已存在（也许有编辑的更正）：要替换它请加 --force，或用 -o 写到另一个文件",
              file=sys.stderr)
        return 1
    out.write_text(as_text(text), encoding="utf-8")      # page breaks kept as form feeds
    if out == source.with_suffix(".txt"):              # read in place of the PDF: remember which PDF
        pdf_stamp(source).write_text(f"{hashlib.sha256(source.read_bytes()).hexdigest()}  {source.name}\n",
                                     encoding="utf-8")
    for note in text.notes:
        print(f"{source}: {note}", file=sys.stderr)
    print(f"{out}：从 {source} 提取了 {len(text.lines)} 行；此后构建读取 {out.name}，代替 {source.name}"
          f"（删除它即重新读取 PDF）", file=sys.stderr)
    return 0


def _check_cmd(args: argparse.Namespace) -> int:
    files = _gazette_files(args.paths)
    errors = warnings = 0
    manifests: dict[Path, dict] = {}
    for path in files:
        folder = path.parent
        if folder not in manifests:               # each folder's manifest.toml, its errors said once
            manifests[folder], unusable = read_manifest(folder)
            for line in unusable:
                print(f"{line}  [清单]")
                warnings += 1
        try:
            issue = apply_manifest(parse_file(path), manifests[folder].get(path.stem), manifest_path(folder))
        except GazetteError as exc:
            print(f"{exc}  [错误]")
            errors += 1
            continue
        for w in issue.warnings:
            print(f"{path}:{w.line or 1}: {w.code}: {w.message}")
            warnings += 1
        for d in issue.documents:
            for w in d.warnings:
                print(f"{path}:{w.line or d.start_line}: {w.code}: {d.doc_number or d.title}: {w.message}")
                warnings += 1
    print(f"共 {len(files)} 个文件：{errors} 个错误，{warnings} 条提示", file=sys.stderr)
    return 1 if errors else 0


def _site_for(args: argparse.Namespace) -> SiteConfig:
    """The site configuration a build runs with: mkdocs.yml's ``gazette`` entry (when the file is
    there), then every flag given on the command line on top."""
    config = Path(args.config)
    if config.is_file():
        site = from_mkdocs_yml(config)
    elif args.config != "mkdocs.yml":
        raise FileNotFoundError(f"{config}: configuration file not found")
    else:
        site = SiteConfig(base=Path.cwd(), docs_dir=Path.cwd() / "docs_src", site_url=None, options=BuildOptions())
    options = site.options
    if args.gazettes is not None:                       # command-line paths are relative to the cwd
        options = options.replace(gazettes=str(Path(args.gazettes).resolve()))
    for name in ("cache_dir", "aliases"):
        value = getattr(args, name)
        if value is not None:
            options = options.replace(**{name: str(Path(value).resolve()) if value else ""})
    options = options.replace(workers=args.workers, json_bodies=args.json_bodies, data_gzip=args.data_gzip,
                              publish_pdfs=args.publish_pdfs)
    docs_dir = Path(args.docs_dir).resolve() if args.docs_dir else site.docs_dir
    return SiteConfig(base=site.base, docs_dir=docs_dir,
                      site_url=args.site_url if args.site_url is not None else site.site_url, options=options)


def _build_cmd(args: argparse.Namespace) -> int:
    from .pipeline import BuildError, build_log, generate_site, refusal_report

    try:
        site = _site_for(args)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    progress = None if args.quiet else (lambda line: print(f"gazette: {line}", file=sys.stderr, flush=True))
    try:
        result = generate_site(site, progress=progress)
    except (BuildError, GazetteError) as exc:        # GazetteError: an archive declared amiss
        print(f"error: {exc}", file=sys.stderr)
        return 2
    errors, infos = build_log(result, time.perf_counter() - started)
    for line in errors:
        print(f"WARNING: {line}", file=sys.stderr)
    if not args.quiet:
        for line in infos:
            print(line, file=sys.stderr)
    if not args.quiet:
        print(f"gazette: docs written to {site.docs_dir}", file=sys.stderr)
    for line in refusal_report(result.refused):       # refused files are left out, never fatal
        print(line, file=sys.stderr)
    return 1 if errors and args.strict else 0


def _add_build_flags(b: argparse.ArgumentParser) -> None:
    b.add_argument("gazettes", nargs="?", help="folder of gazettes, *.txt and *.pdf (default: the plugin's `gazettes` "
                                               "option in mkdocs.yml, else ./gazettes)")
    b.add_argument("--config", "-f", default="mkdocs.yml",
                   help="mkdocs.yml to read docs_dir, site_url and the gazette plugin's options from "
                        "(default: ./mkdocs.yml when present; MkDocs itself is not imported)")
    b.add_argument("--docs-dir", help="where to write the Markdown pages and data (default: docs_dir of mkdocs.yml)")
    b.add_argument("--cache-dir", help='parse cache folder ("" for none; default: the plugin option)')
    b.add_argument("--aliases", help="issuer alias file (TOML with an [aliases] table)")
    b.add_argument("--workers", type=int, help="parser processes (0: one per core)")
    b.add_argument("--site-url", help="the site's public address (canonical URLs, feeds)")
    b.add_argument("--json-bodies", action=argparse.BooleanOptionalAction, default=None,
                   help="body blocks in each document's JSON twin (--no-json-bodies for archives near 1 GB)")
    b.add_argument("--data-gzip", action=argparse.BooleanOptionalAction, default=None,
                   help="publish documents.json/.csv and citations.csv gzip-compressed")
    b.add_argument("--publish-pdfs", action=argparse.BooleanOptionalAction, default=None,
                   help="publish the PDFs gazettes were read from in pdf/ and link their pages "
                        "(default: the plugin's publish_pdfs, true)")
    b.add_argument("--strict", action="store_true",
                   help="exit 1 when a correction (an overrides file) cannot be applied; a refused gazette "
                        "never fails a build (the rest is published, the refused files listed at the end)")
    b.add_argument("--quiet", "-q", action="store_true", help="print only warnings and errors")


def _archive_cmd(args: argparse.Namespace) -> int:
    from . import archive_build
    from .archive_build import say

    config = Path(args.config)
    if not config.is_file():
        print(f"error: {config}: configuration file not found", file=sys.stderr)
        return 2
    if args.archive_command == "sites":
        try:
            sites = archive_build.site_list(config)
        except (archive_build.ArchiveBuildError, GazetteError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(json.dumps(sites, ensure_ascii=False, separators=(",", ":")))
        return 0
    if args.archive_command == "catalogue":
        return archive_build.catalogue_only(config, Path(args.out), say)
    if args.archive_command == "update":
        return archive_build.update(config, Path(args.out), args.jobs, say)
    return archive_build.run(config, Path(args.out), args.jobs, args.part, say)


def _add_archive_parser(sub) -> None:
    a = sub.add_parser("archive", help="build an archive in parts: a portal and several sites, linked and "
                                       "searched as one",
                       description="An archive too big for one GitHub Pages site is declared in parts in the "
                                   "gazette plugin's `archive` entry of mkdocs.yml (README, “档案分站”). These "
                                   "commands build it: the catalogue (every gazette parsed and linked once), "
                                   "then the portal and every part, each a whole site of its own in OUT/<name>/.")
    verbs = a.add_subparsers(dest="archive_command", required=True, metavar="STEP")
    build = verbs.add_parser("build", help="the catalogue, then every site (or one: --part)",
                             description="Build the catalogue into OUT/.catalogue/, then the portal and every "
                                         "part, each by its own `mkdocs build --strict` in its own process, into "
                                         "OUT/portal/ and OUT/<part>/. With --part, build only that site from the "
                                         "catalogue already in OUT (one job of a CI matrix).")
    build.add_argument("--part", help="build only this site (a part's name, or portal) from OUT's catalogue")
    update = verbs.add_parser("update", help="bring a built archive up to date after a correction",
                              description="After an editor corrects gazettes: make the catalogue again (only "
                                          "the changed gazettes are parsed) and build every site over the one "
                                          "already in OUT, writing only the pages whose content changed (as "
                                          "`mkdocs build --dirty`). The sites equal a clean `archive build`, "
                                          "byte for byte. After editing the theme or mkdocs.yml, run `archive "
                                          "build` instead.")
    catalogue = verbs.add_parser("catalogue", help="only the catalogue (the first job of the archive workflow)",
                                 description="Parse and link every gazette of the archive once and write the "
                                             "catalogue and the archive's search index into OUT/.catalogue/.")
    sites = verbs.add_parser("sites", help="print the sites as JSON, the portal first (a CI matrix)",
                             description="Print [{\"name\": …, \"site_url\": …}, …] for the portal and each "
                                         "declared part: the matrix of the archive workflow.")
    for verb in (build, update):
        verb.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                          help="sites built at once (default: one per core)")
    for verb in (build, update, catalogue, sites):
        verb.add_argument("--config", "-f", default="mkdocs.yml", help="mkdocs.yml declaring the archive")
    for verb in (build, update, catalogue):
        verb.add_argument("--out", "-o", required=True, help="output folder: OUT/.catalogue/, OUT/portal/, OUT/<part>/")
    a.set_defaults(func=_archive_cmd)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="gazette", description=_DESCRIPTION, epilog=_EPILOG,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="run the pipeline: gazettes -> docs_src/ (no MkDocs needed)",
                       description="Parse every gazette, link the corpus and write docs_src/ (pages, data, "
                                   "feeds) exactly as the MkDocs plugin does, without importing MkDocs. "
                                   "Options come from the gazette plugin's entry in mkdocs.yml; flags override.")
    _add_build_flags(b)
    b.set_defaults(func=_build_cmd)
    p = sub.add_parser("parse", help="parse one gazette file and print its documents",
                       description="Parse one gazette file; print its documents (or JSON with --json).")
    p.add_argument("file", help="a gazette file: text (UTF-8, GB18030, UTF-16; any line ends; form feeds as page "
                                "breaks) or PDF")
    p.add_argument("--json", action="store_true", help='print one JSON object {"gazette": {...}, "documents": [...]}')
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=_parse_cmd)
    e = sub.add_parser("extract", help="write the text of a PDF gazette, for an editor to correct",
                       description="Write the text the parser reads from a PDF gazette (its text layer in reading "
                                   "order, running heads and page numbers as lines of their own, a form feed "
                                   "before each page's first line as pdftotext writes it) to X.txt beside X.pdf. "
                                   "A X.txt beside X.pdf is then read in its place, so corrections made to it are "
                                   "what the site shows; keep the form feeds (^L) and its documents keep their "
                                   "PDF pages and links.")
    e.add_argument("pdf", help="a gazette PDF (gazettes/X.pdf)")
    e.add_argument("-o", "--output", help="where to write the text (default: X.txt beside the PDF)")
    e.add_argument("--force", action="store_true", help="replace an existing text file")
    e.set_defaults(func=_extract_cmd)
    c = sub.add_parser("check", help="print every parse warning with file:line",
                       description="Parse gazette files (or every *.txt in folders) and list warnings and errors.")
    c.add_argument("paths", nargs="*", default=["gazettes"], help="files or folders (default: gazettes)")
    c.set_defaults(func=_check_cmd)
    _add_archive_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:            # `gazette parse … | head` is a normal way to look
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
