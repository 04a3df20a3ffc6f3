"""The golden manifest: a SHA-256 of every generated docs_src/ file and every HTML page of the
sample site, so an unintended change of output is a failing test, not a surprise in review.

    python tests/golden/manifest.py        # rebuild the sample site and rewrite sample.sha256
    make golden                            # the same

Refresh it only on purpose, and say in the commit which pages changed and why. The
versions it holds for are pinned in constraints.txt (Material writes the HTML).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "sample.sha256"
sys.path.insert(0, str(HERE.parent))


def output_hashes(work: Path) -> dict[str, str]:
    """``docs_src/<path>`` and ``site/<path>.html`` → SHA-256, for a built work folder."""
    from generator.render.registry import is_generated

    out: dict[str, str] = {}
    docs = work / "docs_src"
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and is_generated(rel):
            out[f"docs_src/{rel}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    site = work / "site"
    for path in sorted(site.rglob("*.html")):
        out[f"site/{path.relative_to(site).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(out.items()))


def read_manifest(path: Path = MANIFEST) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line and line[0] != "#")}


def write_manifest(hashes: dict[str, str], path: Path = MANIFEST) -> None:
    head = "# sha256sum format; refresh with `make golden` (tests/golden/manifest.py), on purpose only\n"
    path.write_text(head + "".join(f"{d}  {n}\n" for n, d in hashes.items()), encoding="utf-8")


def main() -> int:
    from site_builder import sample_site

    hashes = output_hashes(sample_site())
    old = read_manifest() if MANIFEST.is_file() else {}
    write_manifest(hashes)
    changed = sorted(n for n in hashes.keys() | old.keys() if hashes.get(n) != old.get(n))
    print(f"{MANIFEST}: {len(hashes)} files, {len(changed)} changed")
    for name in changed[:50]:
        print(f"  {'+' if name not in old else '-' if name not in hashes else '~'} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
