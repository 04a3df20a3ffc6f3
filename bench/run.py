#!/usr/bin/env python3
"""End-to-end archive benchmark: synthetic corpus → full `mkdocs build` → report.

Usage: python bench/run.py --docs 1000 [--docs 5000 …] [--material-max 5000] [--out bench/out]

For each size it makes a synthetic corpus (bench/synth.py), then measures:
  * parse throughput (MB/s, one process, median of 3 runs over the corpus);
  * generation (parse + link + render into a fresh docs dir), documents/s;
  * the full cold build (`mkdocs build`: generation, search index, MkDocs), wall time and
    peak RSS of the whole process tree (sampled from /proc every 50 ms);
  * the build's phases as it logs them (generation, search index; MkDocs is the rest), and
    the search index alone from the linked corpus (time and peak memory);
  * site size on disk against GitHub Pages' 1 GB cap, and as the tar and tar.gz GitHub's
    Pages actions upload; median and largest document page
    (not the pointers at not-held numbers' addresses),
    and the size of one fixed one-paragraph document page (the same page at every size);
  * search quality and cost in headless Chromium (bench/search_quality.py): recall, precision,
    distinctive phrases in the top 10, title matches first, and bytes per query (median and 95th
    percentile over 60 phrases, apart from the search scripts and the manifest);
  * the same docs built with Material's own search instead, up to --material-max documents;
  * where the bytes go (document pages, citation pages, JSON twins, indexes, data, search),
    the largest listing page and how many documents need a page of all their citers;
  * every link, anchor and page of the built site checked (python -m generator.integrity);
  * `make update` (`mkdocs build --dirty`) after one changed gazette, and with nothing changed;
  * the gazettes' PDFs against the cap: the synthetic gazettes are text, so the PDFs published
    with the site (pdf/) are counted as built, and the site with every issue's PDF published is
    projected from the median size of the five samples typeset as two-column PDFs (Chromium and
    Noto CJK, tests/pdf_support.py): what an archive without official addresses in
    gazettes/manifest.toml (pdf_url) would publish.
The build is configured as an archive this size is published (:data:`LARGE_ARCHIVE`): JSON twins
without body blocks (``json_bodies: false``) and the corpus-wide downloads gzip-compressed
(``data_gzip: true``), unless --json-bodies asks for the plugin's defaults.
Results go to OUT/report.json and OUT/report.md. Timings are single runs of long
builds on a shared 2-core machine: compare sizes within one report, not across machines.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402
from measure import (GH_PAGES_CAP, du, is_document_page, largest_listing, pages_artifact,  # noqa: E402
                     run_measured, write_config)
from search_quality import summary  # noqa: E402
from generator.render.site import PageLimits  # noqa: E402

PY = sys.executable
MKDOCS = [PY, "-m", "mkdocs"]
# The gazette plugin's options for an archive near GitHub Pages' cap (README, "Size").
LARGE_ARCHIVE = {"json_bodies": False, "data_gzip": True}


# The search index alone, timed: the corpus linked, its records indexed into a fresh folder (no cache).
INDEX_ONLY = """
import sys, time
from pathlib import Path
from generator.corpus import DEFAULT_ALIASES, build_corpus, load_issuer_aliases
from generator.load import load_corpus
from generator.search import corpus_records, index_records
issues = load_corpus(Path(sys.argv[1]), None, None, None).issues
records = corpus_records(build_corpus(issues, aliases=load_issuer_aliases(DEFAULT_ALIASES)))
start = time.perf_counter()
index_records(records, Path(sys.argv[2]))
print(f"indexed in {time.perf_counter() - start:.1f} s")
"""

# Run in a child process: a no-change pass, then a pass with one gazette edited (the first file).
INCREMENTAL = """
import json, sys, time
from pathlib import Path
from generator.pipeline import generate
corpus, docs, cache = map(Path, sys.argv[1:4])
options = json.loads(sys.argv[4])     # as the build was configured, or its fingerprint differs
options["search_dir"] = cache.parent / "incremental-search"    # the build writes its search index too
t0 = time.perf_counter(); r = generate(corpus, docs, cache_dir=cache, **options); nochange = time.perf_counter() - t0
assert r.skipped, "the no-change pass was not skipped"
first = sorted(corpus.glob("*.txt"))[0]
text = first.read_text(encoding="utf-8")
# an editor's correction: one sentence of the gazette's last document reworded
cut = text.rindex("。")
first.write_text(text[:cut] + "（经校订）" + text[cut:], encoding="utf-8")
t0 = time.perf_counter(); r = generate(corpus, docs, cache_dir=cache, **options); changed = time.perf_counter() - t0
first.write_text(text, encoding="utf-8")
own = sum(1 for i in r.issues if Path(i.source_file).name == first.name for d in i.documents)
print(json.dumps({"nochange_s": round(nochange, 3), "changed_s": round(changed, 2),
                  "changed_written": len(r.report.written), "changed_own_docs": own}))
"""


# ---------------------------------------------------------------- measuring processes

# ---------------------------------------------------------------- configurations

def site_breakdown(site: Path) -> dict[str, float]:
    """Site MB by part: document pages, citation pages (cited numbers not held), JSON twins, the
    other pages (indexes, ledgers, issues), data downloads, the search bundles, the rest."""
    parts = dict.fromkeys(("document_pages", "citation_pages", "json_twins", "index_pages", "data",
                           "search_index", "doc_number_lookup", "feeds", "theme_assets", "original_pdfs",
                           "other"), 0)
    for f in site.rglob("*"):
        if not f.is_file():
            continue
        rel, size = f.relative_to(site).as_posix(), f.stat().st_size
        top = rel.split("/", 1)[0]
        if top == "d" and rel.endswith(".json"):
            part = "json_twins"
        elif top == "d" and rel.endswith("/cited-by/index.html"):
            part = "index_pages"          # every document citing a much-cited one
        elif top == "d" and rel.endswith("/index.html"):
            part = "document_pages" if is_document_page(f) else "citation_pages"
        elif top == "search-index":
            part = "search_index"
        elif top in ("data", "feeds"):
            part = top
        elif top == "search":
            part = "doc_number_lookup"
        elif top == "assets":
            part = "theme_assets"
        elif top == "pdf":
            part = "original_pdfs"
        elif rel.endswith(".html"):
            part = "index_pages"
        else:
            part = "other"
        parts[part] += size
    return {k: round(v / 1e6, 1) for k, v in parts.items()}


def build_phases(log: Path) -> dict[str, float | None]:
    """Generation and search-index seconds as the build itself logged them; MkDocs is the rest."""
    text = log.read_text(encoding="utf-8", errors="replace")
    gen = re.search(r"gazette: \d+ gazettes .*\(([\d.]+) s\)", text)
    pf = re.search(r"gazette: search index: .* in ([\d.]+) s", text)
    return {"generation_s": float(gen.group(1)) if gen else None, "search_index_s": float(pf.group(1)) if pf else None}


def without_cited_by(page: Path) -> int:
    """Bytes of a document page without its 被引用 block: the part of the page that is the same
    whatever the corpus, since more documents citing it is content, not template."""
    from html.parser import HTMLParser

    text = page.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    class Finder(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.span = 0, None

        def handle_starttag(self, tag, attrs):
            if tag != "div":
                return
            if self.depth:
                self.depth += 1
            elif "doc-cited-by" in (dict(attrs).get("class") or "").split():
                self.depth, self.begin = 1, self._at()

        def handle_endtag(self, tag):
            if tag == "div" and self.depth:
                self.depth -= 1
                if not self.depth:
                    self.span = (self.begin, self._at() + len("</div>"))

        def _at(self):
            line, col = self.getpos()
            return starts[line - 1] + col

    finder = Finder()
    finder.feed(text)
    if finder.span is None:
        return len(text.encode("utf-8"))
    begin, end = finder.span
    return len((text[:begin] + text[end:]).encode("utf-8"))


def page_sizes(site: Path) -> list[tuple[int, str]]:
    """(bytes, path) of every document page, smallest first."""
    return sorted((f.stat().st_size, f.relative_to(site).as_posix()) for f in (site / "d").rglob("index.html")
                  if is_document_page(f))


def check_links(site: Path, log: Path) -> dict:
    """Every link, anchor and page of the built site checked (generator.integrity): problems and seconds."""
    start = time.perf_counter()
    run = subprocess.run([PY, "-m", "generator.integrity", str(site)], cwd=ROOT, capture_output=True, text=True)
    log.write_text(run.stdout + run.stderr, encoding="utf-8")
    if run.returncode not in (0, 1):      # 1: problems, one per line; anything else: the check itself failed
        sys.exit(f"integrity check failed (exit {run.returncode}):\n{run.stderr}")
    problems = len(run.stdout.splitlines())
    return {"problems": problems, "seconds": round(time.perf_counter() - start, 1)}


def search_quality(corpus: Path, site: Path) -> dict:
    """The search probe (bench/search_quality.py) on the built site: recall, precision, top 10,
    title first, and the bytes of BYTES_PHRASES queries (median, 95th percentile)."""
    from search_quality import BYTES_PHRASES, linked_corpus, measure

    linked = linked_corpus(corpus)
    started = time.perf_counter()
    report = measure(linked, site, BYTES_PHRASES)
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


# ---------------------------------------------------------------- one size

def sample_pdf_mb() -> float | None:
    """The median size (MB) of the five sample gazettes typeset as two-column PDFs, or None where
    Chromium is missing: what one published issue's PDF adds to the site."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from playwright.sync_api import sync_playwright

        from browser_support import CHROMIUM, CHROMIUM_ARGS
        from pdf_support import typeset
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            sizes = [typeset(browser, source, Path(tmp) / f"{source.stem}.pdf").stat().st_size
                     for source in sorted((ROOT / "gazettes").glob("*.txt"))]
        finally:
            browser.close()
    return round(statistics.median(sizes) / 1e6, 2)


def bench_size(n: int, out: Path, material_max: int, json_bodies: bool = False,
               pdf_mb: float | None = None) -> dict:
    options = {} if json_bodies else LARGE_ARCHIVE
    work = out / f"size-{n}"
    corpus, docs, site = work / "corpus", work / "docs", work / "site"
    for d in (docs, site, work / ".cache"):    # a cold build: no parse cache, no search shards cached
        subprocess.run(["rm", "-rf", str(d)], check=True)
    docs.mkdir(parents=True)
    for page in (ROOT / "docs_src").glob("*.md"):   # the hand-written pages (about.md), as in the real site
        if page.name == "index.md":                 # the home page is generated
            continue
        shutil.copyfile(page, docs / page.name)
    files, made = synth.make_corpus(synth.load_samples(ROOT / "gazettes"), n, corpus)
    corpus_mb = du(corpus) / 1e6
    print(f"[{n}] corpus: {files} gazettes, {made} documents, {corpus_mb:.1f} MB", flush=True)

    subprocess.run([PY, str(ROOT / "bench" / "parse_throughput.py"), str(corpus), "--runs", "3",
                    "--json", str(work / "parse.json")], capture_output=True, text=True, check=True)
    parse = json.loads((work / "parse.json").read_text())
    print(f"[{n}] parse: {parse['mb_per_s_median']} MB/s", flush=True)

    gen_docs = work / "gen-only"
    subprocess.run(["rm", "-rf", str(gen_docs)], check=True)
    gen_s, gen_rss = run_measured(
        [PY, "-c", "import sys; from pathlib import Path; from generator.pipeline import generate; "
                   "import json; generate(Path(sys.argv[1]), sys.argv[2], **json.loads(sys.argv[3]))",
         str(corpus), str(gen_docs), json.dumps(options)], ROOT, work / "gen.log")
    print(f"[{n}] generation: {gen_s:.1f} s", flush=True)

    cfg = write_config(work, corpus, docs, site, options=options)
    build_s, build_rss = run_measured([*MKDOCS, "build", "-f", str(cfg)], ROOT, work / "build.log")
    phases = build_phases(work / "build.log")
    print(f"[{n}] full build: {build_s:.1f} s ({phases}), peak RSS {build_rss / 1e6:.0f} MB", flush=True)

    # the search index alone, as the build makes it (sharded past generator.search.SHARD_MAX documents)
    scratch = work / "index-only"
    subprocess.run(["rm", "-rf", str(scratch)], check=True)
    pf_s, pf_rss = run_measured([PY, "-c", INDEX_ONLY, str(corpus), str(scratch)], ROOT, work / "search-index.log")
    subprocess.run(["rm", "-rf", str(scratch)], check=True)

    # incremental generation: nothing changed, then one gazette changed (the build's own cache)
    cache = work / ".cache" / "gazette"
    inc = subprocess.run([PY, "-c", INCREMENTAL, str(corpus), str(docs), str(cache), json.dumps(options)],
                         cwd=ROOT, capture_output=True, text=True)
    if inc.returncode:
        # e.g. "the no-change pass was not skipped": the generator's code changed during the run
        sys.exit(f"[{n}] incremental pass failed:\n{inc.stderr}")
    incremental = json.loads(inc.stdout.strip().splitlines()[-1])
    print(f"[{n}] no-change generation {incremental['nochange_s']} s; one changed gazette: "
          f"{incremental['changed_written']} files written", flush=True)

    sizes, listing, site_bytes = page_sizes(site), largest_listing(site), du(site)
    integrity = check_links(site, work / "integrity.log")
    print(f"[{n}] integrity: {integrity['problems']} problems ({integrity['seconds']} s)", flush=True)
    fixed = "d/温政干/2008/5/index.html"        # 温政干〔2008〕5号: a one-paragraph personnel notice, in every corpus
    report = {
        "documents": made, "gazettes": files, "corpus_mb": round(corpus_mb, 1),
        "parse_mb_per_s": parse["mb_per_s_median"],
        "generation_s": round(gen_s, 1), "generation_docs_per_s": round(made / gen_s, 1),
        "build_total_s": round(build_s, 1), "peak_rss_mb": round(build_rss / 1e6),
        "search_index_s": round(pf_s, 1), "search_index_peak_rss_mb": round(pf_rss / 1e6),
        "build_generation_s": phases["generation_s"], "build_search_index_s": phases["search_index_s"],
        # the logged generation time includes the search index, which generation writes
        "build_mkdocs_s": round(build_s - (phases["generation_s"] or 0), 1),
        "plugin_options": options, "site_breakdown_mb": site_breakdown(site),
        "site_mb": round(site_bytes / 1e6, 1), "site_vs_1gb_cap": round(site_bytes / GH_PAGES_CAP, 3),
        "pages_artifact": pages_artifact(site),
        "published_pdfs_mb": round(du(site / "pdf") / 1e6, 1) if (site / "pdf").is_dir() else 0.0,
        # every issue's PDF published with the site (no official address in the manifest), projected
        "pdf_mb_per_issue": pdf_mb,
        "site_with_every_pdf_mb": round(site_bytes / 1e6 + files * pdf_mb, 1) if pdf_mb else None,
        "site_with_every_pdf_vs_1gb_cap": round((site_bytes + files * pdf_mb * 1e6) / GH_PAGES_CAP, 2)
        if pdf_mb else None,
        "search_index_mb": round(du(site / "search-index") / 1e6, 1),
        "doc_pages": len(sizes),
        "page_median_kb": round(statistics.median(s for s, _ in sizes) / 1e3, 1),
        "page_max_kb": round(sizes[-1][0] / 1e3, 1), "page_max": sizes[-1][1],
        "listing_max_kb": round(listing[0] / 1e3, 1), "listing_max": listing[1],
        "cited_by_pages": sum(1 for _ in (site / "d").rglob("cited-by/index.html")),
        "integrity_problems": integrity["problems"], "integrity_s": integrity["seconds"],
        "nochange_generation_s": incremental["nochange_s"],
        "nochange_vs_full_generation": round(incremental["nochange_s"] / gen_s, 4),
        "one_changed_gazette_written": incremental["changed_written"],
        "one_changed_gazette_own_documents": incremental["changed_own_docs"],
        "one_changed_gazette_s": incremental["changed_s"],
        "fixed_page": fixed,
        "fixed_page_kb": round((site / fixed).stat().st_size / 1e3, 2) if (site / fixed).exists() else None,
        "fixed_page_without_cited_by_kb": round(without_cited_by(site / fixed) / 1e3, 2)
        if (site / fixed).exists() else None,
    }
    report["search"] = search_quality(corpus, site)
    print(f"[{n}] search: {summary(report['search'])}", flush=True)
    # the site itself, incrementally (`make update`), once the clean site is measured: the pass
    # above left docs_src/ with the edited gazette's page and the gazette restored, so this build
    # brings one changed gazette back in
    update_s, update_rss = run_measured([*MKDOCS, "build", "--dirty", "-f", str(cfg)], ROOT, work / "update.log")
    update_none_s, _ = run_measured([*MKDOCS, "build", "--dirty", "-f", str(cfg)], ROOT, work / "update2.log")
    print(f"[{n}] make update: one changed gazette {update_s:.1f} s, nothing changed {update_none_s:.1f} s",
          flush=True)
    report.update(update_one_changed_gazette_s=round(update_s, 1), update_nothing_changed_s=round(update_none_s, 1),
                  update_peak_rss_mb=round(update_rss / 1e6))
    if n <= material_max:
        msite = work / "site-material"
        subprocess.run(["rm", "-rf", str(msite)], check=True)
        mcfg = write_config(work, corpus, docs, msite, material_search=True)
        m_s, m_rss = run_measured([*MKDOCS, "build", "-f", str(mcfg)], ROOT, work / "material.log")
        index = msite / "search" / "search_index.json"
        report["material_search"] = {"build_s": round(m_s, 1), "peak_rss_mb": round(m_rss / 1e6),
                                     "index_mb": round(index.stat().st_size / 1e6, 1),
                                     "site_mb": round(du(msite) / 1e6, 1)}
        subprocess.run(["rm", "-rf", str(msite)], check=True)
        print(f"[{n}] Material search: index {report['material_search']['index_mb']} MB", flush=True)
    subprocess.run(["rm", "-rf", str(gen_docs)], check=True)
    return report


def markdown(reports: list[dict]) -> str:
    rows = [
        ("documents", "documents"), ("corpus MB", "corpus_mb"), ("parse MB/s (1 core)", "parse_mb_per_s"),
        ("generation docs/s", "generation_docs_per_s"), ("full build s", "build_total_s"),
        ("  of which generation (search index included) s", "build_generation_s"), ("  of which MkDocs s", "build_mkdocs_s"),
        ("  of which the search index s", "build_search_index_s"), ("search index alone s", "search_index_s"),
        ("search index alone, peak RSS MB", "search_index_peak_rss_mb"),
        ("peak RSS MB (process tree)", "peak_rss_mb"), ("site MB", "site_mb"), ("site / 1 GB cap", "site_vs_1gb_cap"),
        ("  as one tar MB (upload-pages-artifact)", ("pages_artifact", "tar_mb")),
        ("  as the uploaded tar.gz MB", ("pages_artifact", "tar_gz_mb")),
        ("PDFs published with the site MB (pdf/)", "published_pdfs_mb"),
        ("one issue's PDF MB (median of the samples typeset)", "pdf_mb_per_issue"),
        ("site with every issue's PDF published MB (projected)", "site_with_every_pdf_mb"),
        ("  / 1 GB cap", "site_with_every_pdf_vs_1gb_cap"),
        ("search index MB", "search_index_mb"), ("median doc page KB", "page_median_kb"),
        ("largest doc page KB", "page_max_kb"), ("largest listing page KB", "listing_max_kb"),
        (f"pages of all citers (past {PageLimits().cited_by_rows} on a page)", "cited_by_pages"),
        ("fixed one-paragraph page KB", "fixed_page_kb"),
        ("  without its 被引用 list KB", "fixed_page_without_cited_by_kb"),
        ("no-change generation s", "nochange_generation_s"), ("  vs full generation", "nochange_vs_full_generation"),
        ("one changed gazette: files written", "one_changed_gazette_written"),
        ("  of which its own documents (x2 with JSON)", "one_changed_gazette_own_documents"),
        ("make update (build --dirty), one changed gazette s", "update_one_changed_gazette_s"),
        ("make update, nothing changed s", "update_nothing_changed_s"),
        ("integrity problems (links, anchors, pages)", "integrity_problems"), ("  check s", "integrity_s"),
    ]
    head = "| measure | " + " | ".join(str(r["documents"]) for r in reports) + " |"
    lines = [head, "|---|" + "---|" * len(reports)]
    for label, key in rows:
        values = [r.get(key[0], {}).get(key[1]) if isinstance(key, tuple) else r.get(key) for r in reports]
        lines.append(f"| {label} | " + " | ".join(str(v) for v in values) + " |")
    for label, key, fmt in (("search: recall", "recall", "{:.1%}"), ("search: precision", "precision", "{:.1%}"),
                            ("search: distinctive phrases all in top 10", "top10", "{:.1%}"),
                            ("search: title matches first", "title_first", "{:.1%}")):
        lines.append(f"| {label} | " + " | ".join(fmt.format(r["search"][key]) for r in reports) + " |")
    for label, key in (("median", "median_bytes"), ("95th percentile", "p95_bytes")):
        lines.append(f"| search: KB per query, {label} | " +
                     " | ".join(f"{r['search']['bytes'][key] / 1e3:.0f}" for r in reports) + " |")
    for part in reports[0]["site_breakdown_mb"]:
        lines.append(f"| site MB: {part} | " + " | ".join(str(r["site_breakdown_mb"][part]) for r in reports) + " |")
    lines.append("| Material search index MB | " +
                 " | ".join(str(r.get("material_search", {}).get("index_mb", "not built")) for r in reports) + " |")
    lines.append("| Material search build s | " +
                 " | ".join(str(r.get("material_search", {}).get("build_s", "not built")) for r in reports) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, action="append", help="corpus size in documents (repeatable; default 1000)")
    ap.add_argument("--material-max", type=int, default=5000, help="largest size also built with Material search")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--json-bodies", action="store_true",
                    help="build with the plugin's defaults (body blocks in the JSON twins, plain data "
                         "downloads) instead of LARGE_ARCHIVE, the options an archive this size is published with")
    ap.add_argument("--archive", action="store_true",
                    help="lean archive mode (bench/archive_bench.py): each size as an archive of ten parts and a "
                         "portal, measured only for what an archive needs (build time and memory, each site's "
                         "size, search bytes and quality across the sites, integrity); one report per size")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pdf_mb = sample_pdf_mb()
    print(f"one issue's PDF: {pdf_mb} MB (median of the five samples typeset)", flush=True)
    if args.archive:
        return archive_main(args, pdf_mb)
    reports = [bench_size(n, args.out, args.material_max, args.json_bodies, pdf_mb) for n in (args.docs or [1000])]
    (args.out / "report.json").write_text(json.dumps(reports, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    table = markdown(reports)
    (args.out / "report.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


def archive_main(args: argparse.Namespace, pdf_mb: float | None) -> int:
    """--archive: each size built and measured as an archive in parts; each size's report is kept
    (OUT/archive-<n>.json), and the table of every report in OUT is written (OUT/archive-report.md)."""
    import archive_bench

    options = {} if args.json_bodies else LARGE_ARCHIVE
    for n in args.docs or [25000]:
        report = archive_bench.bench_archive(n, args.out, pdf_mb, options)
        (args.out / f"archive-{n}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
    reports = sorted((json.loads(p.read_text(encoding="utf-8")) for p in args.out.glob("archive-*.json")),
                     key=lambda r: r["documents"])
    table = archive_bench.markdown(reports)
    (args.out / "archive-report.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
