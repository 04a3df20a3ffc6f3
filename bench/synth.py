#!/usr/bin/env python3
"""Make a synthetic archive of N documents from the five sample gazettes.

Each synthetic gazette is one sample rewritten for another city, year and issue:
the city's name and doc-number prefix (绍政发 → 杭政发), the years in dates and
numbers, the issue label, and the serial numbers (shifted per issue so every
number stays unique) all change together, so the parser, the citation graph and
the site see realistic, messy input at any size. Each document also gains one
citation of a document printed earlier in the synthetic corpus (resolvable) and
one of a number that no gazette prints (wanted), the way real documents cite.

Usage: python bench/synth.py --docs 1000 --out bench/out/corpus-1000
The output is deterministic: the same arguments give byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.doc_number import find_doc_numbers  # noqa: E402
from generator.parse import parse_source  # noqa: E402
from generator.sources import read_source  # noqa: E402

CITIES = [("杭州市", "杭", "hangzhou"), ("宁波市", "甬", "ningbo"), ("温州市", "温", "wenzhou"),
          ("嘉兴市", "嘉", "jiaxing"), ("湖州市", "湖", "huzhou"), ("绍兴市", "绍", "shaoxing"),
          ("金华市", "金", "jinhua"), ("衢州市", "衢", "quzhou"), ("台州市", "台", "taizhou"),
          ("丽水市", "丽", "lishui")]
YEARS = range(2008, 2026)
SERIALS_PER_ISSUE = 60          # the samples' serials stay below this, so shifted ones never collide
_YEAR_IN_TEXT = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?=\s*年|[〕\]）)】]|$)")


@dataclass
class Sample:
    name: str
    lines: list[str]
    city: str                  # 绍兴市
    abbr: str                  # 绍
    year: int
    docs: int
    number_lines: list[int]    # 0-based indexes of each document's doc-number line
    titles: list[str]


def load_samples(folder: Path) -> list[Sample]:
    """Parse the sample gazettes once to learn their city, year and document heads."""
    samples = []
    for path in sorted(folder.glob("*.txt")):
        src = read_source(path)
        issue = parse_source(src)
        numbered = [d for d in issue.documents if d.doc_number and not d.doc_number.endswith("令第51号")]
        abbr = numbered[0].doc_number[0]
        number_lines = []
        for d in issue.documents:
            for i in range(d.start_line - 1, d.end_line):
                m = next(find_doc_numbers(src.lines[i].replace(" ", "")), None)
                if m and d.doc_number and m.number.canonical == d.doc_number:
                    number_lines.append(i)
                    break
        samples.append(Sample(path.name, list(src.lines), issue.region, abbr, issue.year,
                              len(issue.documents), number_lines, [d.title for d in issue.documents]))
    return samples


def _rewrite_number(text: str, s: Sample, city: tuple, year: int, offset: int) -> str:
    """Rewrite the doc numbers of a line for the target city/year, keeping their printed form."""
    out, pos = [], 0
    for m in find_doc_numbers(text):
        span = text[m.start:m.end]
        num = m.number
        if num.series.startswith(s.abbr) or num.series.startswith(s.city):
            span = span.replace(s.city, city[0]) if num.is_order else city[1] + span[1:]
            if num.year == s.year or num.is_order:
                span = re.sub(r"([0-9０-９]+)(\s*号)$", lambda g: f"{int(g.group(1)) + offset}{g.group(2)}", span)
        out.append(text[pos:m.start])
        out.append(span)
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


def _shift_years(text: str, delta: int) -> str:
    return _YEAR_IN_TEXT.sub(lambda m: str(int(m.group(1)) + delta), text)


def synthesize(s: Sample, city: tuple, year: int, issue_no: int, total: int,
               earlier: list[tuple[str, str]], rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """One synthetic gazette text, and the (number, title) of the documents it prints."""
    offset = (issue_no - 1) * SERIALS_PER_ISSUE
    delta = year - s.year
    short_from, short_to = s.city[:-1], city[0][:-1]
    out: list[str] = []
    cites = set(s.number_lines)
    printed: list[tuple[str, str]] = []
    first_doc = min(s.number_lines) if s.number_lines else 0
    for i, line in enumerate(s.lines):
        new = _shift_years(_rewrite_number(line, s, city, year, offset), delta).replace(short_from, short_to)
        if i < first_doc:
            new = re.sub(r"(?<!总)第\s*[0-9、]+\s*期", f"第{issue_no:02d}期", new)
            new = re.sub(r"总第\s*[0-9]+\s*期", f"总第{total}期", new)
        out.append(new)
        if i in cites:
            m = next(find_doc_numbers(new.replace(" ", "")), None)
            if m:
                printed.append((m.number.canonical, ""))
            if earlier:
                number, title = rng.choice(earlier)
                wanted = f"{city[1]}政发〔{year}〕{900 + rng.randrange(90)}号"
                out += ["", f"根据《{title}》({number})和《{short_to}市有关工作的通知》({wanted})精神,结合实际,制定本文件。"]
    titles = iter(_shift_years(t, delta).replace(short_from, short_to) for t in s.titles)
    printed = [(n, next(titles, "")) for n, _ in printed]
    return "\n".join(out) + "\n", printed


def years_for(samples: list[Sample], docs: int) -> range:
    """The years the archive spans: 2008–2025 while they hold ``docs`` (so every size up to about
    31,000 documents is the corpus it always was), else as many years before 2026 as it takes (an
    archive of 100,000 documents reaches back to the 1960s)."""
    per_year = len(CITIES) * 12 * sum(s.docs for s in samples) / len(samples)
    if docs <= per_year * len(YEARS):
        return YEARS
    return range(YEARS.stop - -(-docs // int(per_year)) - 1, YEARS.stop)


def make_corpus(samples: list[Sample], docs: int, out: Path, seed: int = 7) -> tuple[int, int]:
    """Write gazettes into ``out`` until they hold at least ``docs`` documents."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    rng = random.Random(seed)
    made = files = 0
    earlier: dict[str, list[tuple[str, str]]] = {}
    years = years_for(samples, docs)
    for year in years:
        for issue_no in range(1, 13):
            for c, city in enumerate(CITIES):
                if made >= docs:
                    return files, made
                s = samples[(c + year + issue_no) % len(samples)]
                total = (year - years[0]) * 12 + issue_no
                text, printed = synthesize(s, city, year, issue_no, total, earlier.get(city[0], []), rng)
                (out / f"{city[2]}-{year}-{issue_no:02d}.txt").write_text(text, encoding="utf-8")
                earlier.setdefault(city[0], []).extend(p for p in printed if p[1])
                made += s.docs
                files += 1
    return files, made


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000, help="documents to make, at least (default 1000)")
    ap.add_argument("--out", type=Path, required=True, help="folder for the synthetic gazettes (emptied first)")
    ap.add_argument("--samples", type=Path, default=ROOT / "gazettes", help="sample gazettes (default gazettes/)")
    args = ap.parse_args()
    files, made = make_corpus(load_samples(args.samples), args.docs, args.out)
    size = sum(p.stat().st_size for p in args.out.glob("*.txt"))
    print(f"{files} gazettes, {made} documents, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
