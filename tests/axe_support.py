"""axe-core, the accessibility engine the browser tests run in Chromium: fetched from the npm
registry once (no Node needed), checked against the registry's integrity hash, kept in .cache/.

    python tests/axe_support.py        # fetch it now (make test does, before the tests run)
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
# the registry's "integrity" of that tarball (npm view axe-core@4.14.1 dist.integrity)
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
CACHED = Path(__file__).resolve().parent.parent / ".cache" / f"axe-core-{VERSION}" / "axe.min.js"
# What the site must pass: WCAG 2.0 and 2.1, levels A and AA (axe-core's own tags).
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    """axe.min.js, fetched and verified on first use."""
    if not CACHED.is_file():
        with urllib.request.urlopen(TARBALL, timeout=120) as response:
            data = response.read()
        digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        if digest != INTEGRITY:
            raise RuntimeError(f"axe-core {VERSION}: tarball integrity {digest} is not the registry's {INTEGRITY}")
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            script = tar.extractfile("package/axe.min.js").read()
        CACHED.parent.mkdir(parents=True, exist_ok=True)
        CACHED.write_bytes(script)
    return CACHED.read_text(encoding="utf-8")


# 关怀版 asks for 7:1 (WCAG 1.4.6, level AAA): axe-core's rule for it, run on its own.
ENHANCED_CONTRAST = "color-contrast-enhanced"


def run_axe(page, rules: list[str] | None = None) -> list[dict]:
    """The WCAG 2.1 AA violations axe-core finds on a loaded page: [{id, impact, nodes: [target]}];
    given ``rules``, the violations of those rules only (e.g. ENHANCED_CONTRAST)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG21_AA}
    found = page.evaluate("only => axe.run(document, {runOnly: only})", only)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [" ".join(n["target"]) for n in v["nodes"]][:5]} for v in found["violations"]]


if __name__ == "__main__":
    axe_source()
    print(f"axe-core {VERSION}: {CACHED}", file=sys.stderr)
