"""The archive's manifest (``gazettes/manifest.toml``): what an archivist records about each gazette
file that the file itself cannot say.

    [[gazette]]
    file = "shaoxing-2017-04.txt"            # the gazette file (a .txt or .pdf of this folder)
    original = "000_164958466710674c.txt"    # the name it was delivered under
    title = "绍兴市人民政府公报 2017年第04期（总第270期）"
    pdf_url = "https://…/2017-04.pdf"        # where the government publishes the PDF (官方原件)
    pdf_sha256 = "…"                         # the SHA-256 of that PDF, as the archivist downloaded it

A gazette with a ``pdf_url`` links its official PDF, at the document's page (``#page=N``),
instead of a copy published with the site: 1,250 issues of 1–5 MB each do not fit beside a
1 GB site. The SHA-256 is shown beside the link so a reader can check the file they get is the
one we read; when the PDF is in the folder too and its digest differs, the issue warns. An entry
that cannot be used (an unknown key, an address that is not http(s), a digest that is not 64
hex digits) is one error naming the manifest and the entry's line; the rest still applies.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from .messages import refusal, warning
from .model import GazetteIssue, OriginalPdf

MANIFEST = "manifest.toml"
KEYS = ("file", "original", "title", "pdf_url", "pdf_sha256")
# an address written into a Markdown link as it is: no space, quote, bracket or markup character
_URL = re.compile(r"^https?://[^\s<>\"'\\`()\[\]{}|]+$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ManifestEntry:
    """One ``[[gazette]]`` of the manifest."""

    file: str
    line: int                       # where the entry's ``file`` is written, for messages
    original: str | None = None
    title: str | None = None
    pdf_url: str | None = None
    pdf_sha256: str | None = None


def manifest_path(folder: Path) -> Path:
    return folder / MANIFEST


def _line_of(text: str, file: str) -> int:
    """The line of ``file = "<file>"`` in the manifest (1 when it cannot be found)."""
    written = re.compile(r"\s*file\s*=\s*([\"'])" + re.escape(file) + r"\1")
    return next((no for no, line in enumerate(text.splitlines(), start=1) if written.match(line)), 1)


def _entry(raw: dict, text: str, where: str) -> tuple[ManifestEntry | None, str | None]:
    """An entry, or the error that keeps it from being used."""
    file = raw.get("file")
    if not isinstance(file, str) or not file:
        return None, str(refusal("manifest-no-file", where))
    line = _line_of(text, file)
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        return None, str(refusal("manifest-key", where, line, file=file, key=unknown[0], known="、".join(KEYS)))
    if any(not isinstance(raw.get(k, ""), str) for k in KEYS):
        return None, str(refusal("manifest-not-text", where, line, file=file))
    url, digest = raw.get("pdf_url") or None, (raw.get("pdf_sha256") or "").lower() or None
    if url is not None and not _URL.match(url):
        return None, str(refusal("manifest-url", where, line, file=file, url=url))
    if digest is not None and not _SHA256.match(digest):
        return None, str(refusal("manifest-sha256", where, line, file=file))
    return ManifestEntry(file, line, raw.get("original"), raw.get("title"), url, digest), None


def read_manifest(folder: Path) -> tuple[dict[str, ManifestEntry], list[str]]:
    """The entries of a folder's manifest by gazette file stem (X.txt and X.pdf are one gazette),
    and one error line for each entry (or the whole file) that cannot be used."""
    path = manifest_path(folder)
    if not path.is_file():
        return {}, []
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return {}, [str(refusal("manifest-toml", path, error=exc))]
    entries: dict[str, ManifestEntry] = {}
    errors: list[str] = []
    for raw in data.get("gazette", []):
        entry, error = _entry(raw if isinstance(raw, dict) else {}, text, str(path))
        if error:
            errors.append(error)
        elif entry is not None:
            entries[Path(entry.file).stem] = entry
    return entries, errors


def apply_manifest(issue: GazetteIssue, entry: ManifestEntry | None, manifest: Path) -> GazetteIssue:
    """The issue with what its manifest entry says of its PDF: the official address and digest,
    and a warning when the PDF read here is not the one the manifest records."""
    if entry is None or (entry.pdf_url is None and entry.pdf_sha256 is None):
        return issue
    local = issue.pdf
    warnings = list(issue.warnings)
    if local is not None and local.sha256 and entry.pdf_sha256 and local.sha256 != entry.pdf_sha256:
        warnings.append(warning("pdf-differs", entry.line, pdf=Path(local.path or "").name, manifest=manifest.name,
                                file=entry.file, got=local.sha256[:12], want=entry.pdf_sha256[:12],
                                source=entry.pdf_url or "其官方地址"))
    # the digest shown is of the file a reader gets: the official one when the page links there
    digest = entry.pdf_sha256 if entry.pdf_url and entry.pdf_sha256 else (local.sha256 if local else None)
    pdf = OriginalPdf(local.path if local else None, digest or entry.pdf_sha256, entry.pdf_url)
    return replace(issue, pdf=pdf, warnings=warnings)
