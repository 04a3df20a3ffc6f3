"""`mkdocs serve` for editors: editing one gazette regenerates its pages only, and the server stays up."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from generator.render.registry import generated_roots

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.status, r.read().decode("utf-8")


def _wait(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _mtimes(docs: Path) -> dict[str, int]:
    return {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns
            for top in generated_roots() if (docs / top).is_dir() for p in (docs / top).rglob("*") if p.is_file()}


def test_serve_regenerates_only_the_edited_gazette(tmp_path):
    gazettes, docs = tmp_path / "gazettes", tmp_path / "docs_src"
    shutil.copytree(ROOT / "gazettes", gazettes)
    shutil.copytree(ROOT / "docs_src", docs, ignore=shutil.ignore_patterns(*generated_roots(), "index.md"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    config["theme"]["custom_dir"] = str(ROOT / "theme_overrides")
    config["plugins"] = [{"gazette": {"gazettes": str(gazettes), "cache_dir": str(tmp_path / "cache")}}]
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(tmp_path / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    page = f"http://127.0.0.1:{port}/d/%E7%BB%8D%E6%94%BF%E5%8F%91/2017/8/"      # 绍政发〔2017〕8号
    try:
        _wait(lambda: _get(page)[0] == 200, 120, "the first build")
        assert "市政府各部门制定或联合制定" in _get(page)[1]
        before = _mtimes(docs)
        path = gazettes / "shaoxing-2017-04.txt"
        path.write_text(path.read_text(encoding="utf-8").replace("市政府各部门制定或联合制定", "市政府各部门起草或联合制定"),
                        encoding="utf-8")
        _wait(lambda: "市政府各部门起草或联合制定" in _get(page)[1], 120, "the rebuild after the edit")
        after = _mtimes(docs)
        changed = sorted(k for k in after if after[k] != before.get(k))
        assert changed == ["d/绍政发/2017/8.json", "d/绍政发/2017/8.md"]
        assert set(after) == set(before)
        assert _get(f"http://127.0.0.1:{port}/")[0] == 200          # still serving
        assert server.poll() is None
    finally:
        server.terminate()
        try:
            out, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            out, _ = server.communicate()
    assert "Traceback" not in out, out[-3000:]
