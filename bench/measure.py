"""What the benchmarks measure a build and a site with, shared by bench/run.py (one site) and
bench/archive_bench.py (an archive in parts): a command's wall time and the peak memory of its
process tree, the project's mkdocs.yml pointed at a synthetic corpus, a site's bytes on disk and
as the tar the Pages action uploads, and its largest listing page."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GH_PAGES_CAP = 1_000_000_000


def _tree_rss(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_measured(cmd: list[str], cwd: Path, log: Path) -> tuple[float, int]:
    """Run a command; return (wall seconds, peak RSS of its process tree in bytes)."""
    t0 = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n" + log.read_text()[-3000:])
    return wall, peak



def write_config(work: Path, corpus: Path, docs: Path, site: Path, material_search: bool = False,
                 options: dict | None = None) -> Path:
    """An mkdocs.yml for the benchmark: the project's own, pointed at the synthetic corpus, with the
    gazette plugin's ``options`` (LARGE_ARCHIVE, as an archive near GitHub Pages' cap is published)."""
    import yaml

    base = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    base["docs_dir"] = str(docs)
    base["site_dir"] = str(site)
    base["theme"]["custom_dir"] = str(ROOT / "theme_overrides")
    if material_search:
        base["plugins"] = ["search"]            # docs already generated: Material's search alone
        base.pop("hooks", None)
    else:
        plugins = []
        for p in base.get("plugins", []):
            if isinstance(p, dict) and "gazette" in p:
                p = {"gazette": {**(p["gazette"] or {}), "gazettes": str(corpus), **(options or {})}}
            plugins.append(p)
        base["plugins"] = plugins
    cfg = work / ("mkdocs-material-search.yml" if material_search else "mkdocs.yml")
    cfg.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return cfg


# ---------------------------------------------------------------- site measures


def du(path: Path) -> int:
    """Bytes of the files under ``path`` (what the issue's 1 GB is measured in; folders not counted)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _piped_bytes(*commands: list[str]) -> int:
    """Bytes a pipeline of commands writes to its end."""
    procs: list[subprocess.Popen] = []
    for command in commands:
        procs.append(subprocess.Popen(command, stdin=procs[-1].stdout if procs else None, stdout=subprocess.PIPE))
        if len(procs) > 1:
            procs[-2].stdout.close()      # the next command owns the pipe now
    total = 0
    while chunk := procs[-1].stdout.read(1 << 20):
        total += len(chunk)
    if any(p.wait() for p in procs):
        raise RuntimeError(f"pipeline failed: {commands}")
    return total


def pages_artifact(site: Path) -> dict[str, float]:
    """The site as actions/upload-pages-artifact packs it for GitHub Pages: one tar (a 512-byte header per
    file and folder, contents padded to 512 bytes), uploaded compressed (deflate level 6, as gzip -6).
    actions/deploy-pages warns past 1 GB of the uploaded artifact; its README recommends a tar under 1 GB."""
    tar = ["tar", "-C", str(site), "-cf", "-", "."]
    return {"tar_mb": round(_piped_bytes(tar) / 1e6, 1), "tar_gz_mb": round(_piped_bytes(tar, ["gzip", "-6"]) / 1e6, 1)}



def is_document_page(page: Path) -> bool:
    """A document's page has its JSON twin beside its folder (a not-held number's pointer has none)."""
    return page.parent.with_suffix(".json").is_file()



def largest_listing(site: Path) -> tuple[int, str]:
    """(bytes, path) of the largest page that lists documents: issuer, year, 文种, region, issue, ledger,
    wanted and cited-by pages, everything but document pages and the redirect pointers."""
    pages = (f for f in site.rglob("index.html")
             if f.relative_to(site).parts[0] not in ("d", "assets", "search-index")
             or "cited-by" in f.relative_to(site).parts)
    return max((f.stat().st_size, f.relative_to(site).as_posix()) for f in pages)


