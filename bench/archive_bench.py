"""The archive benchmark, lean (``bench/run.py --archive``): a synthetic archive in parts, built and
measured for what issue 30 asks of an archive at 25,000, 50,000 and 100,000 documents, and nothing
else, so that one size fits in a working session.

The archive: bench/synth.py's gazettes of ten cities (the years reach back as far as the size
needs: 2008–2025 up to about 31,000 documents, from 1967 at 100,000), declared as one part per
city plus the portal, each served at ``http://127.0.0.1:<port>/`` (ports PORT_BASE…).

For the size it reports:
  * the full archive build (``python -m generator archive build --jobs 2``): wall time and peak
    RSS of the whole process tree, with the catalogue stage's time from the build's own log;
  * each site's size on disk and as the tar the Pages action uploads, against 1 GB, with every
    issue's PDF counted for the part that would publish it (projected from the five samples
    typeset, as bench/run.py does), and its largest listing page;
  * search, each site served on its own port answering as GitHub Pages does: the probe's recall,
    precision and titles first (bench/search_quality.py, asked of a part's search page), the bytes
    of 60 queries (median, 95th percentile), and the bytes of the first page of results of the
    archive's most frequent 4-character phrases (by documents holding them);
  * the integrity check across the sites (``python -m generator.integrity --site URL=DIR …``);
  * the archive's update after one corrected gazette (``python -m generator archive update``), for
    the two corrections issue 30 names, one after the other: one sentence of a body, and the title
    of a document others cite (from another part when the archive has such a citation). Each is
    timed, with what it wrote again on each site (pages, search files); then a clean build of the
    corrected gazettes (its own parse cache, so a second cold build's time too) is compared with
    the updated archive, file by file.
"""

from __future__ import annotations

import datetime
import functools
import http.server
import json
import math
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench", ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import synth  # noqa: E402
from measure import GH_PAGES_CAP, du, largest_listing, pages_artifact, run_measured, write_config  # noqa: E402
from archive_support import differing_files  # noqa: E402
from browser_support import _Quiet  # noqa: E402
from generator.search import BUNDLE_DIR, MANIFEST, corpus_records  # noqa: E402
from generator.search.phrase import runs, searchable  # noqa: E402
from generator.urls import issue_key  # noqa: E402

PY = sys.executable
# The sites' ports (their site_url, so built into every page): PORT_BASE, PORT_BASE + 1 … Two
# benchmarks serving at once need different ones (BENCH_PORT_BASE).
PORT_BASE = int(os.environ.get("BENCH_PORT_BASE", "8800"))
PART_BUDGET = 900_000_000          # issue 30: every part ≤ 900 MB, on disk and as the tar
# Documents a part may hold: a part of 2,467 documents was 318 MB with its PDFs at 25,000 (129 KB a
# document), so 6,500 documents are about 840 MB, under PART_BUDGET with room for the tar's headers.
PART_DOCS = 6_500
COMMON_PHRASES = 20                 # the archive's most frequent 4-character phrases, measured
PORTAL = "portal"


def archive_sites(cities: list[tuple[str, str, str]], years: range | None = None,
                  docs: int = 0) -> dict[str, tuple[str, list[str] | None]]:
    """Site name → (site_url, globs of its gazettes): the portal, then one part per city; when a
    city's share of ``docs`` would pass :data:`PART_DOCS`, its ``years`` are cut into as many equal
    spans as it takes, one part each (``hangzhou-1967``: its gazettes from 1967 on), as an archivist
    splits a region by years to keep each part under GitHub Pages' cap."""
    sites: dict[str, tuple[str, list[str] | None]] = {PORTAL: (f"http://127.0.0.1:{PORT_BASE}/", None)}
    spans = min(len(years), max(1, math.ceil(docs / len(cities) / PART_DOCS))) if years else 1
    cuts = [years[len(years) * k // spans:len(years) * (k + 1) // spans] for k in range(spans)] if spans > 1 else []
    for _, _, slug in cities:
        parts = {slug: [f"{slug}-*"]} if spans == 1 else {
            f"{slug}-{span.start}": [f"{slug}-{year}-*" for year in span] for span in cuts}
        for name, globs in parts.items():
            sites[name] = (f"http://127.0.0.1:{PORT_BASE + len(sites)}/", globs)
    return sites


def write_archive_config(work: Path, corpus: Path, docs: Path, sites: dict, options: dict) -> Path:
    """mkdocs.yml for the archive: the project's own, the gazette plugin pointed at the synthetic
    gazettes with ``options`` and the parts declared."""

    config = write_config(work, corpus, docs, work / "site", options=options)
    base = yaml.safe_load(config.read_text(encoding="utf-8"))
    for plugin in base["plugins"]:
        if isinstance(plugin, dict) and "gazette" in plugin:
            plugin["gazette"]["cache_dir"] = str(work / ".cache" / "gazette")
            plugin["gazette"]["archive"] = {
                "portal": {"site_url": sites[PORTAL][0]},
                "parts": [{"name": name, "gazettes": globs, "site_url": url}
                          for name, (url, globs) in sites.items() if name != PORTAL]}
    config.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


def build_log_seconds(log: Path) -> tuple[float | None, dict[str, float]]:
    """The catalogue stage's seconds and each site's, as the archive build logs them."""
    text = log.read_text(encoding="utf-8", errors="replace")
    catalogue = re.search(r"catalogue written to .* \(([\d.]+) s\)", text)
    sites = {m.group(1): float(m.group(2)) for m in re.finditer(r"site (\S+): built into .* \(([\d.]+) s\)", text)}
    return (float(catalogue.group(1)) if catalogue else None), sites


# ---------------------------------------------------------------- serving the sites

def ports_free(sites: dict) -> None:
    """Stop before building when a site's port is taken (another benchmark serving its archive):
    the search step serves every site on its port, an hour into the run."""
    import socket

    for name, (url, _) in sites.items():
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", urlsplit(url).port))
            except OSError:
                sys.exit(f"port {urlsplit(url).port} (site {name}) is in use: another benchmark is serving? "
                         f"Set BENCH_PORT_BASE to a base with {len(sites)} free ports after it.")


@contextmanager
def serve_sites(folders: dict[str, Path], sites: dict, served: list) -> object:
    """Every site on the port of its site_url, answering as GitHub Pages does (any origin may read),
    each file sent noted in ``served`` as (site path, bytes), whichever site sent it."""
    servers = []
    for name, folder in folders.items():
        port = urlsplit(sites[name][0]).port

        class Handler(_Quiet):
            def end_headers(self) -> None:
                self.send_header("Access-Control-Allow-Origin", "*")
                super().end_headers()

            def copyfile(self, source, outputfile):
                start = source.tell()
                source.seek(0, 2)
                served.append((self.path.split("?")[0].lstrip("/"), source.tell() - start))
                source.seek(start)
                http.server.SimpleHTTPRequestHandler.copyfile(self, source, outputfile)

        server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                                 functools.partial(Handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    try:
        yield
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


COUNTED_MAX = 5_000                 # documents the common phrases are counted over, evenly spread


def common_phrases(records, n: int = COMMON_PHRASES) -> list[tuple[str, int]]:
    """The archive's ``n`` most frequent 4-character phrases of CJK text, by the documents holding
    them (a phrase counted once a document), most frequent first: the costliest a reader can type.
    Counted over at most COUNTED_MAX documents spread evenly over the archive (every document of
    100,000 is minutes of Python, and the most frequent phrases are the same), the counts scaled."""
    step = max(1, -(-len(records) // COUNTED_MAX))
    held: Counter = Counter()
    for record in records[::step]:
        text = "\n".join(runs(searchable(record.title + "\n" + record.text)))
        held.update({text[i:i + 4] for i in range(len(text) - 3)
                     if all("\u4e00" <= ch <= "\u9fff" for ch in text[i:i + 4])})
    return [(phrase, count * step) for phrase, count in sorted(held.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def percentile(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0


def search_figures(corpus, folders: dict[str, Path], sites: dict, catalogue_index: Path, reader: str) -> dict:
    """The probe and the bytes per query, asked of ``reader``'s search page with every site up."""
    import gzip

    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    from search_quality import BYTES_PHRASES, first_page_bytes, title_first
    from generator.search.probe import ProbeDocument, make_probe, score

    records = corpus_records(corpus)
    documents = [ProbeDocument("/" + r.url, r.title, r.body) for r in records]
    probe = make_probe(documents)
    manifest = json.loads((catalogue_index / MANIFEST).read_text(encoding="utf-8"))
    ids = {f.stem: urlsplit(json.loads(gzip.decompress(f.read_bytes()))["url"]).path
           for f in (catalogue_index / manifest["folder"] / "f").glob("*.bin")}
    common = common_phrases(records)
    served: list = []
    started = time.perf_counter()
    with serve_sites(folders, sites, served), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            base = sites[reader][0]
            page = browser.new_page()
            page.goto(base + "search/")
            page.evaluate("() => window.GazetteSearch.ready()")
            raw = page.evaluate("""async (phrases) => { const out = {};
                for (const p of phrases) out[p] = await window.GazetteSearch.ranked(p);
                return out; }""", probe.phrases)
            page.close()
            results = {phrase: [unquote(ids.get(i, i)) for i in found] for phrase, found in raw.items()}
            step = max(1, len(probe.phrases) // BYTES_PHRASES)
            asked = probe.phrases[::step][:BYTES_PHRASES]
            sizes = first_page_bytes(browser, base, asked, served, timeout=300_000)
            common_sizes = first_page_bytes(browser, base, [phrase for phrase, _ in common], served, timeout=300_000)
        finally:
            browser.close()
    figures = score(probe, results)
    return {
        "reader": reader, "documents": len(documents), "phrases": len(probe.phrases),
        "recall": figures.recall, "precision": figures.precision, "top10": figures.top10,
        "title_first": title_first(probe, documents, results), "wrong": figures.wrong[:20],
        "bytes": {"phrases": len(sizes), "median_bytes": statistics.median(sizes), "p95_bytes": percentile(sizes, 0.95),
                  "max_bytes": max(sizes),
                  # the costliest phrases by name: what the 95th percentile is made of
                  "heaviest": [{"phrase": phrase, "bytes": size} for size, phrase in
                               sorted(zip(sizes, asked), key=lambda pair: (-pair[0], pair[1]))[:5]]},
        "common": [{"phrase": phrase, "documents": held, "first_page_bytes": size}
                   for (phrase, held), size in zip(common, common_sizes)],
        "seconds": round(time.perf_counter() - started, 1),
    }


# ---------------------------------------------------------------- the update after a correction

def _catalogue(built: Path, site: str = PORTAL):
    """The catalogue as site ``site`` is built from it (the portal's: every title, every citation)."""
    from generator.catalogue import CATALOGUE_DIR, FINGERPRINT_FILE, SITES_DIR, read_catalogue

    folder = built / CATALOGUE_DIR
    return read_catalogue(folder, (folder / SITES_DIR / FINGERPRINT_FILE).read_text(encoding="utf-8"), site)


def body_correction(built: Path) -> tuple[Path, str, str, str]:
    """One sentence of a body: in the newest gazette of the first part (by its documents' dates),
    the longest line with a full-width comma has its first one made a semicolon. (gazette file, old
    line, new line, part)."""
    catalogue = _catalogue(built)
    part = catalogue.archive.parts[0].name
    issue = max((i for i in catalogue.corpus.issues if catalogue.homes.get(issue_key(i)) == part),
                key=lambda i: (max((d.date for d in i.documents if d.date), default=datetime.date.min),
                               i.source_file))
    path = Path(issue.source_file)
    line = max((ln for ln in path.read_text(encoding="utf-8").splitlines() if "，" in ln), key=len)
    return path, line, line.replace("，", "；", 1), part


def title_correction(built: Path) -> tuple[Path, str, str, str, bool]:
    """The title of a cited document, one character of it corrected wherever its gazette prints it
    (its contents line and its heading): the most cited document cited from another part, else the
    most cited. (gazette file, old text, new text, document key, cited from another part)."""
    catalogue = _catalogue(built)
    corpus, homes = catalogue.corpus, catalogue.homes

    def citers(key: str) -> list[str]:
        return [getattr(c, "citing_key", c) for c in corpus.cited_by.get(key, ())]

    cited = [key for key in sorted(corpus.cited_by) if citers(key) and len(corpus.documents[key].title) >= 8]
    across = [key for key in cited if any(homes.get(k) != homes.get(key) for k in citers(key))]
    key = max(across or cited, key=lambda k: len(citers(k)))
    title = corpus.documents[key].title
    old = title[-7:-3]                         # four characters before the kind (…的通知, …的意见)
    return (Path(corpus.issue_of[key].source_file), old, old[:-1] + ("新" if old[-1] != "新" else "旧"), key,
            bool(across))


def mtimes(built: Path, sites: dict) -> dict[str, int]:
    """Every site file's modification time (what an update wrote again is what changed time)."""
    out = {}
    for name in sites:
        for folder, _, names in os.walk(built / name):
            for file in names:
                path = os.path.join(folder, file)
                out[path] = os.stat(path).st_mtime_ns
    return out


def rewritten(before: dict[str, int], after: dict[str, int], built: Path) -> dict[str, dict[str, int]]:
    """Per site, the files an update wrote, added or removed: its search files and the rest."""
    out: dict[str, dict[str, int]] = {}
    for path in set(before) | set(after):
        if before.get(path) != after.get(path):
            site, _, rest = Path(path).relative_to(built).as_posix().partition("/")
            kind = "search" if rest.startswith(BUNDLE_DIR + "/") else "pages"
            out.setdefault(site, {"pages": 0, "search": 0})[kind] += 1
    return dict(sorted(out.items()))


def measure_update(work: Path, corpus: Path, built: Path, config: Path, sites: dict, options: dict) -> dict:
    """Both corrections, each followed by a timed ``archive update``; then a clean build of the
    corrected gazettes compared with the updated archive (module docstring)."""
    report: dict = {}
    path, old, new, part = body_correction(built)
    title_path, title_old, title_new, key, across = title_correction(built)
    for label, (file, before_text, after_text), where in (
            ("body", (path, old, new), part), ("title", (title_path, title_old, title_new), key)):
        text = file.read_text(encoding="utf-8")
        assert before_text in text, (file, before_text)
        times = mtimes(built, sites)
        file.write_text(text.replace(before_text, after_text) if label == "title"
                        else text.replace(before_text, after_text, 1), encoding="utf-8")
        seconds, peak = run_measured([PY, "-m", "generator", "archive", "update", "-f", str(config),
                                      "--out", str(built), "--jobs", "2"], ROOT, work / f"update-{label}.log")
        report[label] = {"gazette": file.name, "where": where, "seconds": round(seconds, 1),
                         "peak_rss_mb": round(peak / 1e6), "rewritten": rewritten(times, mtimes(built, sites), built)}
        print(f"[archive update] {label} ({file.name}, {where}): {seconds:.1f} s, peak {peak / 1e6:.0f} MB; "
              f"wrote again {report[label]['rewritten']}", flush=True)
    new_title = _catalogue(built).corpus.documents[key].title
    assert title_new in new_title, (key, new_title)        # the correction reached the title
    report["title"]["cited_from_another_part"] = across
    clean_work = work / "clean"
    subprocess.run(["rm", "-rf", str(clean_work)], check=True)
    clean_work.mkdir()
    clean_config = write_archive_config(clean_work, corpus, work / "docs", sites, options)
    seconds, peak = run_measured([PY, "-m", "generator", "archive", "build", "-f", str(clean_config),
                                  "--out", str(clean_work / "out"), "--jobs", "2"], ROOT, clean_work / "build.log")
    differ = [f"{name}/{rel}" for name in sites for rel in differing_files(built / name, clean_work / "out" / name)]
    report["clean_build_s"], report["clean_peak_rss_mb"] = round(seconds, 1), round(peak / 1e6)
    report["identical"], report["differing"] = not differ, differ[:20]
    print(f"[archive update] clean build of the corrected gazettes: {seconds:.1f} s; identical to the updated "
          f"archive: {not differ} ({len(differ)} files differ)", flush=True)
    subprocess.run(["rm", "-rf", str(clean_work)], check=True)
    return report


# ---------------------------------------------------------------- one size

def bench_archive(n: int, out: Path, pdf_mb: float | None, options: dict, measure_updates: bool = True) -> dict:
    """Build the synthetic archive of ``n`` documents in parts and measure it (module docstring)."""
    from search_quality import linked_corpus

    work = out / f"archive-{n}"
    corpus, docs, built = work / "corpus", work / "docs", work / "out"
    for d in (docs, built, work / ".cache"):            # a cold build: no parse cache
        subprocess.run(["rm", "-rf", str(d)], check=True)
    docs.mkdir(parents=True)
    for page in (ROOT / "docs_src").glob("*.md"):       # the hand-written pages (about.md)
        if page.name != "index.md":
            (docs / page.name).write_bytes(page.read_bytes())
    files, made = synth.make_corpus(synth.load_samples(ROOT / "gazettes"), n, corpus)
    years = synth.years_for(synth.load_samples(ROOT / "gazettes"), n)
    print(f"[archive {n}] corpus: {files} gazettes, {made} documents, {years.start}–{years.stop - 1}", flush=True)
    sites = archive_sites(synth.CITIES, years, n)
    ports_free(sites)
    config = write_archive_config(work, corpus, docs, sites, options)

    build_s, build_rss = run_measured([PY, "-m", "generator", "archive", "build", "-f", str(config),
                                       "--out", str(built), "--jobs", "2"], ROOT, work / "build.log")
    catalogue_s, site_s = build_log_seconds(work / "build.log")
    print(f"[archive {n}] full build: {build_s:.1f} s (catalogue {catalogue_s} s; sites {site_s}), "
          f"peak RSS {build_rss / 1e6:.0f} MB", flush=True)

    folders = {name: built / name for name in sites}
    per_site = {}
    for name, folder in folders.items():
        gazettes = len({p for pattern in sites[name][1] or () for p in corpus.glob(pattern)})
        size = du(folder)
        tar = pages_artifact(folder)
        pdfs = gazettes * pdf_mb * 1e6 if pdf_mb else 0
        listing = largest_listing(folder)
        per_site[name] = {
            "gazettes": gazettes, "site_mb": round(size / 1e6, 1), "tar_mb": tar["tar_mb"],
            "tar_gz_mb": tar["tar_gz_mb"], "search_index_mb": round(du(folder / BUNDLE_DIR) / 1e6, 1),
            "with_pdfs_mb": round((size + pdfs) / 1e6, 1), "tar_with_pdfs_mb": round(tar["tar_mb"] + pdfs / 1e6, 1),
            "vs_1gb": round(max(size + pdfs, tar["tar_mb"] * 1e6 + pdfs) / GH_PAGES_CAP, 3),
            "within_budget": max(size + pdfs, tar["tar_mb"] * 1e6 + pdfs) <= PART_BUDGET,
            "listing_max_kb": round(listing[0] / 1e3, 1), "listing_max": listing[1],
        }
        print(f"[archive {n}] {name}: {per_site[name]['site_mb']} MB ({per_site[name]['with_pdfs_mb']} MB with "
              f"PDFs, tar {per_site[name]['tar_with_pdfs_mb']} MB), largest listing "
              f"{per_site[name]['listing_max_kb']} KB", flush=True)

    started = time.perf_counter()
    check = subprocess.run([PY, "-m", "generator.integrity",
                            *[f"--site={sites[name][0]}={folder}" for name, folder in folders.items()]],
                           cwd=ROOT, capture_output=True, text=True)
    (work / "integrity.log").write_text(check.stdout + check.stderr, encoding="utf-8")
    if check.returncode not in (0, 1):
        sys.exit(f"integrity check failed (exit {check.returncode}):\n{check.stderr[-3000:]}")
    integrity = {"problems": len(check.stdout.splitlines()), "seconds": round(time.perf_counter() - started, 1)}
    print(f"[archive {n}] integrity: {integrity['problems']} problems ({integrity['seconds']} s)", flush=True)

    reader = next(name for name in sites if name != PORTAL)
    search = search_figures(linked_corpus(corpus), folders, sites, built / ".catalogue" / BUNDLE_DIR, reader)
    worst = max(search["common"], key=lambda c: c["first_page_bytes"])
    print(f"[archive {n}] search: recall {search['recall']:.1%} precision {search['precision']:.1%} title-first "
          f"{search['title_first']:.1%}; bytes per query median {search['bytes']['median_bytes'] / 1e3:.0f} KB, p95 "
          f"{search['bytes']['p95_bytes'] / 1e3:.0f} KB (heaviest: " + ", ".join(
              f"{h['phrase']} {h['bytes'] / 1e3:.0f} KB" for h in search["bytes"]["heaviest"][:3]) +
          f"); common phrases: worst {worst['phrase']} {worst['first_page_bytes'] / 1e3:.0f} KB", flush=True)
    update = measure_update(work, corpus, built, config, sites, options) if measure_updates else None
    parts = {k: v for k, v in per_site.items() if k != PORTAL}
    return {
        "archive": True, "documents": made, "gazettes": files, "years": [years.start, years.stop - 1],
        "sites": len(sites), "plugin_options": options,
        "build_s": round(build_s, 1), "peak_rss_mb": round(build_rss / 1e6),
        "catalogue_s": catalogue_s, "site_build_s": site_s,
        "pdf_mb_per_issue": pdf_mb, "per_site": per_site,
        "portal_mb": per_site[PORTAL]["site_mb"],
        "largest_part_mb": max(v["with_pdfs_mb"] for v in parts.values()),
        "largest_part_tar_mb": max(v["tar_with_pdfs_mb"] for v in parts.values()),
        "listing_max_kb": max(v["listing_max_kb"] for v in per_site.values()),
        "listing_max": max(((v["listing_max_kb"], f"{k}/{v['listing_max']}") for k, v in per_site.items()))[1],
        "integrity_problems": integrity["problems"], "integrity_s": integrity["seconds"],
        "search": search,
        "update": update,
    }


def markdown(reports: list[dict]) -> str:
    """The archive table: one column per size."""
    rows = [
        ("documents", lambda r: f"{r['documents']:,}"),
        ("gazettes (years)", lambda r: f"{r['gazettes']:,} ({r['years'][0]}–{r['years'][1]})"),
        ("sites (portal + parts)", lambda r: str(r["sites"])),
        ("full archive build, s (2 jobs)", lambda r: f"{r['build_s']:.0f}"),
        ("of which the catalogue, s", lambda r: f"{r['catalogue_s']:.0f}" if r["catalogue_s"] else "?"),
        ("peak memory, process tree, MB", lambda r: f"{r['peak_rss_mb']:,}"),
        ("portal, MB", lambda r: f"{r['portal_mb']:.1f}"),
        ("largest part with its PDFs, MB (disk / tar)", lambda r: f"{r['largest_part_mb']:.1f} / "
                                                                  f"{r['largest_part_tar_mb']:.1f}"),
        ("largest listing page, KB", lambda r: f"{r['listing_max_kb']:.1f} ({r['listing_max']})"),
        ("search recall / precision / titles first", lambda r: f"{r['search']['recall']:.1%} / "
                                                               f"{r['search']['precision']:.1%} / "
                                                               f"{r['search']['title_first']:.1%}"),
        ("bytes per query, median / p95, KB", lambda r: f"{r['search']['bytes']['median_bytes'] / 1e3:.0f} / "
                                                        f"{r['search']['bytes']['p95_bytes'] / 1e3:.0f}"),
        ("first page of a common phrase, worst, KB", lambda r: "{phrase} {kb:.0f}".format(
            **(lambda c: {"phrase": c["phrase"], "kb": c["first_page_bytes"] / 1e3})(
                max(r["search"]["common"], key=lambda c: c["first_page_bytes"])))),
        ("integrity problems", lambda r: str(r["integrity_problems"])),
        ("update after one corrected gazette, s (a body sentence / a cited title)",
         lambda r: "not measured" if not r.get("update") else
         f"{r['update']['body']['seconds']:.0f} / {r['update']['title']['seconds']:.0f}"),
        ("updated archive identical to a clean build", lambda r: "not measured" if not r.get("update") else
         ("yes" if r["update"]["identical"] else f"no ({len(r['update']['differing'])}+ files differ)")),
        ("clean build of the corrected gazettes, s", lambda r: "not measured" if not r.get("update") else
         f"{r['update']['clean_build_s']:.0f}"),
    ]
    head = "| measure | " + " | ".join(f"{r['documents']:,}" for r in reports) + " |"
    lines = [head, "|" + " --- |" * (len(reports) + 1)]
    lines += ["| " + name + " | " + " | ".join(cell(r) for r in reports) + " |" for name, cell in rows]
    return "\n".join(lines) + "\n"
