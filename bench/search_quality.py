"""Search quality: the probe of generator/search/probe.py asked of a built site's search in Chromium.

    python bench/search_quality.py [--gazettes gazettes] [--site site] [--bytes 60] [--json OUT]

The phrases are asked of the site's own search page (``search/``) through
``window.GazetteSearch.ranked`` — the ranking the page shows, over the complete
result set — and scored against the truth (:mod:`generator.search.probe`):
recall, precision, the distinctive top-10 figure, and how often every document
whose title holds the phrase ranks above every document that has it only in
its body. Then ``--bytes`` phrases are opened as a reader would
(``search/?q=…`` in a fresh page) and every file fetched to show the first page
of results is counted, apart from the search scripts, their character table and the
page itself, which a visit loads once: median and 95th percentile.

A benchmark, not a test: tests/search/test_search_quality.py runs the same probe
on the sample site, and bench/run.py at 1,000 to 25,000 documents.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from generator.corpus import DEFAULT_ALIASES, Corpus, build_corpus, load_issuer_aliases  # noqa: E402
from generator.load import load_corpus  # noqa: E402
from generator.search import BUNDLE_DIR, MANIFEST, corpus_records  # noqa: E402
from generator.search.phrase import contains  # noqa: E402
from generator.search.probe import Figures, Probe, ProbeDocument, make_probe, score  # noqa: E402

# Loaded once per visit whatever is asked: not counted in the bytes of a query.
ONCE_PER_VISIT = ("t2s.json",)          # the character table the search script folds queries with
BYTES_PHRASES = 60


def linked_corpus(gazettes: Path) -> Corpus:
    """The corpus as the site was built from it: linked with the issuer alias table, which the
    documents' addresses depend on (a probe without it would score some pages under other URLs)."""
    return build_corpus(load_corpus(gazettes, None, None, None).issues,
                        aliases=load_issuer_aliases(DEFAULT_ALIASES))


def probe_documents(corpus: Corpus) -> list[ProbeDocument]:
    """Every document page as the probe sees it: its URL as results give it, full title, body."""
    return [ProbeDocument("/" + r.url, r.title, r.body) for r in corpus_records(corpus)]


def result_urls(site: Path) -> dict[str, str]:
    """Result id (the document's number in the index) → the page URL it stands for."""
    bundle = site / BUNDLE_DIR
    folder = bundle / json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))["folder"]
    return {fragment.stem: "/" + json.loads(gzip.decompress(fragment.read_bytes()))["url"]
            for fragment in (folder / "f").glob("*.bin")}


def _browser(browser):
    """A Playwright browser: the one given, else one launched (and a way to close it)."""
    if browser is not None:
        return browser, lambda: None
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return launched, lambda: (launched.close(), playwright.stop())


def ask(site: Path, phrases: list[str], browser=None) -> dict[str, list[str]]:
    """Every result of every phrase, ranked as the search page ranks them, as page URLs."""
    from browser_support import serve

    ids = result_urls(site)
    browser, close = _browser(browser)
    try:
        with serve(site) as base:
            page = browser.new_page()
            try:
                page.goto(base + "search/")
                page.evaluate("() => window.GazetteSearch.ready()")
                raw = page.evaluate("""async (phrases) => { const out = {};
                    for (const p of phrases) out[p] = await window.GazetteSearch.ranked(p);
                    return out; }""", phrases)
            finally:
                page.close()
    finally:
        close()
    return {phrase: [unquote(ids.get(i, i)) for i in found] for phrase, found in raw.items()}


def bytes_per_query(site: Path, phrases: list[str], browser=None) -> dict:
    """Bytes fetched to show the first page of results of each phrase (:func:`first_page_bytes`):
    median, 95th percentile and largest."""
    from browser_support import serve

    browser, close = _browser(browser)
    served: list[tuple[str, int]] = []
    try:
        with serve(site, served=served) as base:
            sizes = first_page_bytes(browser, base, phrases, served)
    finally:
        close()
    ordered = sorted(sizes)
    return {"phrases": len(sizes), "median_bytes": statistics.median(sizes) if sizes else 0,
            "p95_bytes": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if sizes else 0,
            "max_bytes": ordered[-1] if sizes else 0}


def first_page_bytes(browser, base: str, phrases: list[str], served: list[tuple[str, int]],
                     timeout: int = 120_000) -> list[int]:
    """Bytes fetched to show the first page of results of each phrase, opened as ``search/?q=`` in
    a fresh browser context (nothing cached), without what a visit loads once. Counted by the
    server(s) as file bytes sent (the index's files are gzip already), the manifest included:
    ``served`` is where they note each file sent, as (site path, bytes)."""
    sizes = []
    for phrase in phrases:
        context = browser.new_context()
        page = context.new_page()
        served.clear()
        page.goto(base + "search/?q=" + quote(phrase))
        page.wait_for_function("() => /找到/.test(document.querySelector('.gazette-status').textContent)",
                               timeout=timeout)
        page.wait_for_load_state("networkidle")
        sizes.append(sum(size for path, size in served if _counted(unquote(path))))
        context.close()
    return sizes


def _counted(path: str) -> bool:
    """Is a file sent part of answering a query? The index and the number lookup are; the page,
    its styles and scripts and the character table are loaded once per visit."""
    if not path.startswith((BUNDLE_DIR + "/", "search/numbers/")):
        return False
    return not any(part in path.rsplit("/", 1)[-1] for part in ONCE_PER_VISIT)


def title_first(probe: Probe, documents: list[ProbeDocument], results: dict[str, list[str]]) -> float:
    """Share of phrases held by both titles and bodies-only where every returned title match
    ranks above every returned body-only match."""
    titles = {d.url: d.title for d in documents}
    asked = ok = 0
    for phrase in probe.phrases:
        got = [u for u in results.get(phrase, []) if u in titles]
        in_title = [contains(titles[u], phrase) for u in got]
        if any(in_title) and not all(in_title):
            asked += 1
            ok += in_title == sorted(in_title, reverse=True)
    return ok / asked if asked else 1.0


def bundle_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def measure(corpus: Corpus, site: Path, bytes_phrases: int = BYTES_PHRASES, browser=None) -> dict:
    """The probe's figures for a built site of this corpus, and the bytes of ``bytes_phrases`` queries."""
    documents = probe_documents(corpus)
    probe = make_probe(documents)
    results = ask(site, probe.phrases, browser)
    figures: Figures = score(probe, results)
    report = {"documents": len(documents), "phrases": len(probe.phrases), "distinctive": len(probe.distinctive()),
              "recall": figures.recall, "precision": figures.precision, "top10": figures.top10,
              "title_first": title_first(probe, documents, results),
              "index_bytes": bundle_bytes(site / BUNDLE_DIR), "wrong": figures.wrong[:20]}
    if bytes_phrases:
        step = max(1, len(probe.phrases) // bytes_phrases)
        report["bytes"] = bytes_per_query(site, probe.phrases[::step][:bytes_phrases], browser)
    return report


def summary(report: dict) -> str:
    line = (f"recall {report['recall']:.1%}  precision {report['precision']:.1%}  top-10 {report['top10']:.1%}  "
            f"title-first {report['title_first']:.1%}  index {report['index_bytes'] / 1e6:.1f} MB  "
            f"({report['phrases']} phrases, {report['distinctive']} distinctive, {report['documents']} documents)")
    if "bytes" in report:
        b = report["bytes"]
        line += (f"\nbytes per query over {b['phrases']} phrases: median {b['median_bytes'] / 1e3:.0f} KB, "
                 f"p95 {b['p95_bytes'] / 1e3:.0f} KB, max {b['max_bytes'] / 1e3:.0f} KB")
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gazettes", type=Path, default=ROOT / "gazettes")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the site built from those gazettes")
    parser.add_argument("--bytes", type=int, default=BYTES_PHRASES, help="phrases whose bytes to count (0: none)")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = parser.parse_args(argv)
    if not (args.site / BUNDLE_DIR / MANIFEST).is_file():
        print(f"error: no search index in {args.site}: build the site first (make site)", file=sys.stderr)
        return 2
    corpus = linked_corpus(args.gazettes)
    report = measure(corpus, args.site, args.bytes)
    print(summary(report))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
