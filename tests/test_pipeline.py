"""The pipeline runs without MkDocs: `gazette build` writes the same docs_src/ as the plugin, in a
process where importing mkdocs (or Material) fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.render.registry import is_generated
from generator.config import BuildOptions, from_mkdocs_yml
from site_builder import GAZETTES, ROOT, sample_site

# Runs `gazette build` with an import hook that refuses the engine: any `import mkdocs…` or
# `import material…` anywhere in the pipeline raises ImportError.
WITHOUT_MKDOCS = """
import importlib.abc, sys
class NoEngine(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "material"):
            raise ImportError(f"{name} is blocked in this test: the pipeline must not need it")
        return None
sys.meta_path.insert(0, NoEngine())
try:
    import mkdocs
except ImportError:
    pass
else:
    raise SystemExit("the import hook did not block mkdocs")
from generator.cli import main
code = main(sys.argv[1:])
assert not any(m.split(".")[0] in ("mkdocs", "material") for m in sys.modules), "engine imported"
raise SystemExit(code)
"""


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_gazette_build_without_mkdocs_writes_what_the_plugin_writes(tmp_path):
    plugin_docs = sample_site() / "docs_src"
    out = tmp_path / "docs"
    result = subprocess.run([sys.executable, "-c", WITHOUT_MKDOCS, "build", "-f", str(ROOT / "mkdocs.yml"),
                             "--docs-dir", str(out), "--cache-dir", "", str(GAZETTES)],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "73 documents" in result.stderr
    generated = tree(out)
    plugin = {k: v for k, v in tree(plugin_docs).items() if is_generated(k)}   # not the hand-written pages
    assert sorted(generated) == sorted(plugin)
    assert [k for k in generated if generated[k] != plugin[k]] == []
    assert len(generated) > 500


def test_options_come_from_mkdocs_yml_and_flags_override(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ndocs_dir: pages\nsite_url: https://example.org/g/\n"
                      "plugins:\n  - search\n  - gazette:\n      gazettes: texts\n      json_bodies: false\n"
                      "extra:\n  analytics: !ENV [ANALYTICS, '']\n", encoding="utf-8")
    site = from_mkdocs_yml(config)
    assert site.docs_dir == tmp_path / "pages" and site.site_url == "https://example.org/g/"
    assert site.options == BuildOptions(gazettes="texts", json_bodies=False)
    assert site.options.path("gazettes", site.base) == tmp_path / "texts"
    assert site.options.replace(json_bodies=None, workers=2) == BuildOptions(gazettes="texts", json_bodies=False,
                                                                             workers=2)


def test_an_unknown_plugin_option_names_the_file(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - gazette:\n      gazetes: texts\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"mkdocs\.yml: unknown option\(s\) of the gazette plugin: gazetes"):
        from_mkdocs_yml(config)


def test_a_missing_gazette_folder_is_one_error_saying_what_to_do(tmp_path):
    from generator.cli import main

    code = main(["build", "--config", str(ROOT / "mkdocs.yml"), "--docs-dir", str(tmp_path / "d"),
                 str(tmp_path / "nowhere")])
    assert code == 2
