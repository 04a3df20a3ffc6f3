"""Search quality: the probe of generator/search/probe.py asked of a search engine in headless Chromium.

    python bench/search_quality.py [--gazettes gazettes] [--site site] [--json OUT]

Two engines over the same corpus and the same phrases:

* ``shipped``: the site's own Pagefind bundle (``site/pagefind/``, indexed from
  the HTML pages, Pagefind's Chinese segmentation), asked the phrase as typed;
* ``bigram``: a Pagefind bundle of our own bigram tokens
  (:mod:`generator.search.records`), asked the quoted sequence of the phrase's
  tokens (:func:`generator.search.phrase.query_tokens`).

For each it prints recall, precision and the distinctive top-10 figure, how often
a document whose title holds the phrase ranks above every document that has it
only in its body, and the bundle's size and indexing time. A benchmark, not a
test; tests/test_search_quality.py runs the same probe on the sample site.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from generator.corpus import Corpus, block_texts, build_corpus  # noqa: E402
from generator.load import load_corpus  # noqa: E402
from generator.search.phrase import contains, query_tokens  # noqa: E402
from generator.search.probe import Figures, Probe, ProbeDocument, make_probe, score  # noqa: E402
from generator.search.records import TITLE_MARK, SearchRecord, write_bundle  # noqa: E402

# Asks every phrase of a probe and returns phrase → every result URL, best first.
ASK = """async ([bundle, queries]) => {
  const pf = await import(bundle + 'pagefind.js');
  await pf.options({ excerptLength: 0 });
  await pf.init();
  const out = {};
  for (const [phrase, query, titleQuery] of queries) {
    const r = await pf.search(query);
    let results = r.results;
    if (titleQuery) {     // documents whose title holds the phrase first, in their own order
      const first = (await pf.search(titleQuery)).results;
      const ids = new Set(first.map((x) => x.id));
      results = first.concat(results.filter((x) => !ids.has(x.id)));
    }
    out[phrase] = await Promise.all(results.map(async (x) => (await x.data()).url));
  }
  return out;
}"""


def probe_documents(corpus: Corpus) -> list[ProbeDocument]:
    """Every document page as the probe sees it: URL, full title, body (table cells one by one)."""
    return [ProbeDocument("/" + key, doc.title, "\n".join(t for b in doc.blocks for t in block_texts(b)))
            for key, doc in corpus.documents.items()]


def records(documents: list[ProbeDocument]) -> list[SearchRecord]:
    return [SearchRecord(d.url, d.title, d.body) for d in documents]


def pagefind_query(tokens: list[str]) -> str:
    """Tokens as Pagefind is asked them: one token unquoted (Pagefind matches it as a prefix, so a
    single character finds every token it starts), else the quoted sequence (adjacent, in order)."""
    return tokens[0] if len(tokens) == 1 else '"' + " ".join(tokens) + '"'


def bigram_queries(phrase: str) -> tuple[str, str, str]:
    """(phrase, the query of its documents, the query of the documents whose title holds it)."""
    tokens = query_tokens(phrase)
    return phrase, pagefind_query(tokens), pagefind_query([TITLE_MARK + t for t in tokens])


def ask(site: Path, bundle: str, queries: list[tuple[str, str, str]], browser=None) -> dict[str, list[str]]:
    """Run the queries against a bundle of a served folder in headless Chromium (``browser``: a
    Playwright browser already running, as the tests have; else one is launched)."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS, serve

    with serve(site) as base:
        if browser is not None:
            return _ask_in(browser, base, bundle, queries)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _ask_in(launched, base, bundle, queries)
            finally:
                launched.close()


def _ask_in(browser, base: str, bundle: str, queries) -> dict[str, list[str]]:
    page = browser.new_page()
    try:
        page.goto(base + bundle + "pagefind-entry.json")
        raw = page.evaluate(ASK, ["/" + bundle, queries])
    finally:
        page.close()
    return {phrase: [unquote(u) for u in urls] for phrase, urls in raw.items()}


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


def measure(gazettes: Path, site: Path | None) -> dict:
    corpus = build_corpus(load_corpus(gazettes, None, None, None).issues)
    documents = probe_documents(corpus)
    probe = make_probe(documents)
    report: dict = {"documents": len(documents), "phrases": len(probe.phrases),
                    "distinctive": len(probe.distinctive())}
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        bundle = write_bundle(records(documents), Path(tmp) / "bigram")
        seconds = time.perf_counter() - start
        results = ask(Path(tmp), "bigram/", [bigram_queries(p) for p in probe.phrases])
        report["bigram"] = _engine(probe, documents, results, bundle_bytes(bundle), seconds)
    if site is not None and (site / "pagefind" / "pagefind.js").is_file():
        results = ask(site, "pagefind/", [(p, p, "") for p in probe.phrases])
        report["shipped"] = _engine(probe, documents, results, bundle_bytes(site / "pagefind"), None)
    return report


def _engine(probe: Probe, documents, results, size: int, seconds: float | None) -> dict:
    figures: Figures = score(probe, results)
    return {"recall": figures.recall, "precision": figures.precision, "top10": figures.top10,
            "title_first": title_first(probe, documents, results), "bundle_bytes": size,
            "index_seconds": seconds, "wrong": figures.wrong[:20]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gazettes", type=Path, default=ROOT / "gazettes")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site whose search to measure too")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = parser.parse_args(argv)
    report = measure(args.gazettes, args.site)
    print(f"{report['documents']} documents, {report['phrases']} phrases ({report['distinctive']} distinctive)")
    for name in ("shipped", "bigram"):
        if name in report:
            r = report[name]
            print(f"{name:8} recall {r['recall']:.1%}  precision {r['precision']:.1%}  top-10 {r['top10']:.1%}  "
                  f"title-first {r['title_first']:.1%}  bundle {r['bundle_bytes'] / 1e6:.1f} MB"
                  + (f"  indexed in {r['index_seconds']:.1f} s" if r["index_seconds"] else ""))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
