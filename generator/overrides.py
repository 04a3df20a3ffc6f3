"""Editors' corrections: fix a document's fields without touching the source text.

Next to a gazette ``X.txt`` an editor may keep ``X.overrides.yml``:

    # corrections for shaoxing-2017-04.txt
    绍政发〔2017〕9号:              # a document, by its doc number (any printed variant)
      title: 绍兴市人民政府关于印发加强政府自身建设若干规定的通知
    "#3":                         # or by its position in the issue (1-based)
      date: 2017-04-18
      issuers: [绍兴市人民政府]

The overrides are applied after parsing and before linking, so the corrected
values flow everywhere (pages, indexes, citations, search). Every corrected
document carries an ``edited`` warning naming the file, so the page shows that
an editor, not the parser, set the value. A key that matches no document, a
field that does not exist or a value of the wrong shape is one clear error
naming the overrides file and the line of the offending key.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from pathlib import Path
from typing import Any

import yaml

from .doc_number import canonicalize
from .messages import refusal, warning
from .model import Document, GazetteIssue

SUFFIX = ".overrides.yml"
EDITABLE = {
    "title": str, "doc_number": str, "issuers": list, "date": _dt.date, "section": str,
    "toc_page": int, "doc_type": str, "enclosed_titles": list, "attachments": list,
}


def overrides_path(gazette: Path) -> Path:
    """Where the overrides of a gazette file live: X.txt → X.overrides.yml."""
    return gazette.with_name(gazette.stem + SUFFIX)


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping key, for error messages."""


def _mapping_with_lines(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.setdefault("__lines__", {})[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_lines)


def load_overrides(path: Path) -> dict[str, tuple[int, dict[str, Any]]]:
    """Document key → (line, fields) from an overrides file; GazetteError if it is malformed."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or {}
    except UnicodeDecodeError as exc:
        raise refusal("override-encoding", path, offset=exc.start) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise refusal("override-yaml", path, mark.line + 1 if mark else None,
                      error=getattr(exc, "problem", None) or exc) from None
    if not isinstance(data, dict):
        raise refusal("override-not-mapping", path)
    lines = data.pop("__lines__", {})
    out = {}
    for key, fields in data.items():
        line = lines.get(key)
        if not isinstance(fields, dict):
            raise refusal("override-entry", path, line, key=key)
        fields = dict(fields)
        field_lines = fields.pop("__lines__", {})
        for name, value in fields.items():
            _check_field(path, key, name, value, field_lines.get(name, line))
        out[str(key)] = (line, fields)
    return out


def _check_field(path: Path, key: Any, name: str, value: Any, line: int | None) -> None:
    """An editable field with a value of the right shape, else one clear error."""
    if name not in EDITABLE:
        raise refusal("override-field", path, line, key=key, name=name, allowed="、".join(sorted(EDITABLE)))
    want = EDITABLE[name]
    if want is list and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise refusal("override-list", path, line, key=key, name=name)
    if want is _dt.date and not isinstance(value, _dt.date):
        raise refusal("override-date", path, line, key=key, name=name)
    if want is str and not isinstance(value, str):
        raise refusal("override-text", path, line, key=key, name=name)
    if want is int and not isinstance(value, int):
        raise refusal("override-number", path, line, key=key, name=name)
    if name == "doc_number" and canonicalize(value) is None:
        raise refusal("override-doc-number", path, line, key=key, value=value)


def _find(issue: GazetteIssue, key: str) -> Document | None:
    """The document an overrides key names: '#N' by position, else by doc number in any variant."""
    if key.startswith("#") and key[1:].isdigit():
        pos = int(key[1:])
        return next((d for d in issue.documents if d.position == pos), None)
    canon = canonicalize(key)
    return next((d for d in issue.documents if canon and d.doc_number == canon), None)


def apply_overrides(issue: GazetteIssue, path: Path) -> GazetteIssue:
    """The issue with the editor's corrections from ``path`` applied (the parsed issue is not changed)."""
    corrections = load_overrides(path)
    docs = list(issue.documents)
    for key, (line, fields) in corrections.items():
        doc = _find(issue, key)
        if doc is None:
            raise refusal("override-unmatched", path, line, key=key, file=Path(issue.source_file).name)
        values = {k: (canonicalize(v) if k == "doc_number" else v) for k, v in fields.items()}
        note = warning("edited", line, file=path.name, fields="、".join(sorted(fields)))
        docs[docs.index(doc)] = dataclasses.replace(doc, **values, warnings=[*doc.warnings, note])
    return dataclasses.replace(issue, documents=docs)


def apply_overrides_for(issue: GazetteIssue, gazette: Path) -> GazetteIssue:
    """Apply the overrides file beside a gazette, if there is one."""
    path = overrides_path(gazette)
    return apply_overrides(issue, path) if path.is_file() else issue
