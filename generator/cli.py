"""Command line: `gazette parse`, `gazette check` (also `python -m generator …`).

The site itself is built by MkDocs (`mkdocs build`), which runs this package as
a plugin; these commands are for looking at what the parser makes of a file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .model import GazetteError
from .parse import parse_file

_DESCRIPTION = """\
Gazette archive tools: read Chinese municipal government gazettes (政府公报) as
converted from PDF, and show what the parser finds in them.

The website is built with MkDocs, which runs this package as a plugin:
  mkdocs build          build site/ from gazettes/
  mkdocs serve          preview while editing (rebuilds when a gazette changes)
"""

_EPILOG = """\
examples:
  gazette parse --json gazettes/shaoxing-2017-04.txt   one JSON object: {"gazette": …, "documents": […]}
  gazette parse gazettes/quzhou-2018-03-04.txt         a readable list of the documents
  gazette check gazettes                              every parse warning, as file:line: message
"""


def _parse_cmd(args: argparse.Namespace) -> int:
    try:
        issue = parse_file(args.file)
    except GazetteError as exc:
        print(f"error: {exc}", file=sys.stderr)
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
        files.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    return files


def _check_cmd(args: argparse.Namespace) -> int:
    files = _gazette_files(args.paths)
    errors = warnings = 0
    for path in files:
        try:
            issue = parse_file(path)
        except GazetteError as exc:
            print(f"{exc}  [error]")
            errors += 1
            continue
        for w in issue.warnings:
            print(f"{path}:{w.line or 1}: {w.code}: {w.message}")
            warnings += 1
        for d in issue.documents:
            for w in d.warnings:
                print(f"{path}:{w.line or d.start_line}: {w.code}: {d.doc_number or d.title}: {w.message}")
                warnings += 1
    print(f"{len(files)} files, {errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="gazette", description=_DESCRIPTION, epilog=_EPILOG,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("parse", help="parse one gazette file and print its documents",
                       description="Parse one gazette file; print its documents (or JSON with --json).")
    p.add_argument("file", help="a gazette text file (UTF-8, GB18030, UTF-16; any line ends)")
    p.add_argument("--json", action="store_true", help='print one JSON object {"gazette": {...}, "documents": [...]}')
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=_parse_cmd)
    c = sub.add_parser("check", help="print every parse warning with file:line",
                       description="Parse gazette files (or every *.txt in folders) and list warnings and errors.")
    c.add_argument("paths", nargs="*", default=["gazettes"], help="files or folders (default: gazettes)")
    c.set_defaults(func=_check_cmd)
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
