#!/usr/bin/env python3
"""PDF extraction speed: pages per second on one core for a 100-page two-column gazette (a benchmark).

Usage: python bench/pdf_extract.py [--pages 100] [--runs 5] [--json OUT]

The gazette is typeset for the run (tests/pdf_support.py: Chromium's print to PDF,
Noto CJK, A4, two columns, running head, page numbers) from the sample gazettes,
repeated until it has at least ``--pages`` pages. Only the extraction is timed
(generator.pdf.extract: the text layer in reading order), in this process, one
core; the report gives the median and spread over the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from generator.pdf import extract  # noqa: E402


def long_gazette(pages: int, folder: Path, browser) -> tuple[Path, int]:
    """A two-column PDF of the samples, repeated until it has at least ``pages`` pages."""
    import pypdfium2 as pdfium

    from pdf_support import typeset

    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "gazettes").glob("*.txt"))]
    text, count, pdf = "", 0, folder / "long.pdf"
    while count < pages:
        text += samples[len(text) % len(samples)] + "\n"
        source = folder / "long.txt"
        source.write_text(text, encoding="utf-8")
        typeset(browser, source, pdf, columns=2, head="绍兴市人民政府公报 2017年第4期")
        count = len(pdfium.PdfDocument(pdf))
    return pdf, count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from browser_support import CHROMIUM, CHROMIUM_ARGS

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pdf, pages = long_gazette(args.pages, Path(tmp), browser)
        finally:
            browser.close()
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            lines = extract(pdf).lines
            times.append(time.perf_counter() - start)
    median = statistics.median(times)
    report = {"pages": pages, "lines": len(lines), "runs": args.runs, "median_s": round(median, 3),
              "min_s": round(min(times), 3), "max_s": round(max(times), 3),
              "pages_per_s": round(pages / median, 1)}
    print(f"PDF extraction: {report['pages_per_s']} pages/s on one core ({pages} two-column pages in "
          f"{median:.2f} s median, {min(times):.2f}–{max(times):.2f} s over {args.runs} runs)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
