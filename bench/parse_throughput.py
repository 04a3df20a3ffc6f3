#!/usr/bin/env python3
"""Parse throughput on a gazette corpus, in MB/s of source text (a benchmark, not a test).

Usage: python bench/parse_throughput.py [FOLDER_OR_FILES ...] [--runs N] [--json OUT]

Each run parses every file once, single process; the report gives the median and
spread over the runs, so a number can be compared with machine noise in mind.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.parse import parse_source  # noqa: E402
from generator.sources import read_source  # noqa: E402


def gazette_files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(p.glob("*.txt")) if p.is_dir() else [p]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=["gazettes"])
    ap.add_argument("--runs", type=int, default=7, help="timed runs (default 7)")
    ap.add_argument("--json", help="also write the report as JSON to this file")
    args = ap.parse_args()
    files = gazette_files(args.paths)
    sources = [read_source(f) for f in files]           # decoding is I/O, timed apart
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    docs = sum(len(parse_source(s).documents) for s in sources)  # warm-up run
    times = []
    for i in range(args.runs):
        t0 = time.perf_counter()
        for s in sources:
            parse_source(s)
        times.append(time.perf_counter() - t0)
        print(f"run {i + 1}/{args.runs}: {times[-1]:.3f} s", file=sys.stderr)
    t0 = time.perf_counter()
    for f in files:
        read_source(f)
    read_s = time.perf_counter() - t0
    med = statistics.median(times)
    report = {
        "files": len(files), "documents": docs, "source_mb": round(size_mb, 3), "runs": args.runs,
        "parse_s_median": round(med, 4), "parse_s_min": round(min(times), 4), "parse_s_max": round(max(times), 4),
        "mb_per_s_median": round(size_mb / med, 2), "mb_per_s_best": round(size_mb / min(times), 2),
        "read_decode_s": round(read_s, 4),
    }
    print(f"parse throughput: {report['mb_per_s_median']} MB/s median "
          f"({report['mb_per_s_best']} best) over {args.runs} runs; {size_mb:.2f} MB, {docs} documents, 1 core")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
