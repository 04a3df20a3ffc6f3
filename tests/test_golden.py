"""Same input, same output: the sample site matches the golden manifest (tests/golden/), file by
file, so a refactoring that changes any page fails here. Refresh on purpose: `make golden`."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))

from manifest import read_manifest, output_hashes  # noqa: E402
from site_builder import sample_site  # noqa: E402


def test_the_sample_site_matches_the_golden_manifest():
    expected = read_manifest()
    actual = output_hashes(sample_site())
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    changed = sorted(n for n in expected.keys() & actual.keys() if expected[n] != actual[n])
    assert (missing, extra, changed) == ([], [], []), (
        f"output differs from tests/golden/sample.sha256: {len(missing)} missing, {len(extra)} new, "
        f"{len(changed)} changed (first: {(missing + extra + changed)[:10]}); if on purpose, run `make golden`")
    assert len(actual) > 900
