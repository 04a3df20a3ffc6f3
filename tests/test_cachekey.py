"""Cache keys come from the code the stage runs: any byte of any module the parser imports
re-parses every gazette, and code the parser never runs does not."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cachekey import code_digest, module_closure

ROOT = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter against a copy of the package, so the test can edit the code.
LOAD = """
import json, sys
from pathlib import Path
from generator.load import load_corpus
loaded = load_corpus(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]), workers=1)
print(json.dumps([loaded.parsed, loaded.from_cache]))
"""


def test_the_parser_closure_is_found_by_reading_imports():
    modules = module_closure("generator.parse")
    # textnorm.py was missing from the old hand-written list although five parser modules import it
    assert {"generator.textnorm", "generator.doc_number", "generator.sources", "generator.model",
            "generator.parse.toc", "generator.parse.fields", "generator"} <= set(modules)
    assert not any(m.startswith(("generator.render", "generator.corpus", "generator.plugin")) for m in modules)


@pytest.fixture
def package_copy(tmp_path):
    """The generator package and the sample gazettes, copied where the test may change them."""
    code = tmp_path / "code"
    shutil.copytree(ROOT / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    gazettes = tmp_path / "gazettes"
    shutil.copytree(ROOT / "gazettes", gazettes, ignore=shutil.ignore_patterns("*.toml"))
    return code, gazettes, tmp_path / "cache"


def _load(code: Path, gazettes: Path, cache: Path) -> tuple[int, int]:
    env = {"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", LOAD, str(gazettes), str(cache)], env=env, cwd=code,
                         capture_output=True, text=True, check=True)
    return tuple(json.loads(out.stdout))


@pytest.mark.parametrize("module", ["textnorm.py", "parse/toc.py", "doc_number.py", "__init__.py"])
def test_one_changed_byte_in_a_parser_module_reparses_every_gazette(package_copy, module):
    code, gazettes, cache = package_copy
    count = len(list(gazettes.glob("*.txt")))
    assert _load(code, gazettes, cache) == (count, 0)
    assert _load(code, gazettes, cache) == (0, count)
    target = code / "generator" / module
    before = code_digest("generator.parse", code / "generator")
    target.write_bytes(target.read_bytes() + b"\n")
    assert code_digest("generator.parse", code / "generator") != before
    assert _load(code, gazettes, cache) == (count, 0)


def test_code_the_parser_never_runs_keeps_the_cache(package_copy):
    code, gazettes, cache = package_copy
    count = len(list(gazettes.glob("*.txt")))
    _load(code, gazettes, cache)
    pages = code / "generator" / "render" / "site.py"
    pages.write_bytes(pages.read_bytes() + b"\n# a change to rendering only\n")
    assert _load(code, gazettes, cache) == (0, count)
