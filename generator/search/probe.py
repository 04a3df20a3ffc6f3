"""The search-quality probe, defined once: phrases, truth and figures for any search engine.

Used by ``make bench`` (bench/search_quality.py, at archive scale) and by
``make test`` (tests/test_search_quality.py, on the sample site), so every figure
in README and in closing notes means the same thing:

* **Phrases**: :data:`PHRASES` phrases (or as many as the corpus has) cut with
  a fixed seed from the documents' titles (one in :data:`TITLE_SHARE`) and
  bodies, 2 to 8 characters of their searchable text, at least
  :data:`MIN_DISTINCTIVE` of them distinctive (in at most
  :data:`DISTINCTIVE_MAX` documents).
* **Truth**: a page matches a phrase when its searchable text (the document's
  full title and body, normalised as queries are: :mod:`.phrase`) contains it
  (:func:`.phrase.contains`).
* **Recall** is counted over the complete result set, **precision** over every
  returned page, and **top 10** is the share of distinctive phrases with all
  their documents among the first ten results.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .phrase import phrase_pattern, searchable

PHRASES = 320               # phrases in a probe
MIN_DISTINCTIVE = 100       # of which at least this many are distinctive
DISTINCTIVE_MAX = 10        # a distinctive phrase is in at most this many documents
TITLE_SHARE = 0.3           # share of phrases cut from titles (the rest from bodies)
SEED = 14                   # the same phrases every run
MIN_LEN, MAX_LEN = 2, 8     # phrase length in characters of searchable text


@dataclass(frozen=True)
class ProbeDocument:
    """One searchable page: its URL as the engine returns it, and its full title and body."""

    url: str
    title: str
    body: str

    @property
    def text(self) -> str:
        return self.title + "\n" + self.body


@dataclass(frozen=True)
class Probe:
    phrases: list[str]
    truth: dict[str, list[str]]          # phrase → URLs of the pages that contain it, sorted

    def distinctive(self) -> list[str]:
        return [p for p in self.phrases if len(self.truth[p]) <= DISTINCTIVE_MAX]


def _cut(rng: random.Random, text: str) -> str | None:
    """A random 2–8 character piece of a text's searchable form that holds a letter, digit or
    CJK character at both ends (a phrase a reader would type), or None."""
    s = searchable(text)
    n = rng.randint(MIN_LEN, MAX_LEN)
    if len(s) < n:
        return None
    i = rng.randint(0, len(s) - n)
    piece = s[i:i + n]
    return piece if piece[0].isalnum() and piece[-1].isalnum() else None


def make_probe(documents: list[ProbeDocument], size: int = PHRASES, seed: int = SEED) -> Probe:
    """The probe's phrases and truth for a corpus. Distinctive phrases are drawn until there are
    :data:`MIN_DISTINCTIVE` (or the corpus runs out of tries), then any phrase."""
    docs = sorted(documents, key=lambda d: d.url)
    rng = random.Random(seed)
    texts = {d.url: searchable(d.text) for d in docs}
    phrases: dict[str, list[str]] = {}
    distinctive = tries = 0
    while len(phrases) < size and tries < size * 200:
        tries += 1
        doc = rng.choice(docs)
        phrase = _cut(rng, doc.title if rng.random() < TITLE_SHARE else doc.body)
        if not phrase or phrase in phrases:
            continue
        pattern = phrase_pattern(phrase)        # texts are searchable already: match, not normalise again
        if distinctive < MIN_DISTINCTIVE and len(phrases) >= size - MIN_DISTINCTIVE:
            # only a distinctive phrase can be taken now: give up on this one at its 11th document
            # (a large archive rejects most phrases, and need not read every text to do it)
            held = (url for url, text in texts.items() if pattern.search(text))
            if sum(1 for _ in zip(held, range(DISTINCTIVE_MAX + 1))) > DISTINCTIVE_MAX:
                continue
        found = sorted(url for url, text in texts.items() if pattern.search(text))
        is_distinctive = len(found) <= DISTINCTIVE_MAX
        if not is_distinctive and distinctive < MIN_DISTINCTIVE and len(phrases) >= size - MIN_DISTINCTIVE:
            continue                     # keep room for the distinctive phrases the probe needs
        phrases[phrase] = found
        distinctive += is_distinctive
    ordered = sorted(phrases)
    return Probe(ordered, {p: phrases[p] for p in ordered})


@dataclass(frozen=True)
class Figures:
    phrases: int
    distinctive: int
    recall: float                # found pairs / true pairs, over complete result sets
    precision: float             # returned pages that contain the phrase / returned pages
    top10: float                 # distinctive phrases with all their documents in the first ten
    wrong: list[tuple[str, int, int]]   # (phrase, true count, returned count) where the sets differ

    def row(self) -> str:
        return (f"recall {self.recall:.1%}, precision {self.precision:.1%}, distinctive top-10 "
                f"{self.top10:.1%} ({self.phrases} phrases, {self.distinctive} distinctive)")


def score(probe: Probe, results: dict[str, list[str]]) -> Figures:
    """The probe's figures for an engine's ranked results (phrase → URLs, best first, all of them)."""
    found = true_total = returned = relevant_returned = 0
    top_ok = 0
    wrong = []
    for phrase in probe.phrases:
        truth = set(probe.truth[phrase])
        got = results.get(phrase, [])
        hits = truth & set(got)
        found += len(hits)
        true_total += len(truth)
        returned += len(set(got))
        relevant_returned += len(hits)
        if len(truth) <= DISTINCTIVE_MAX and truth <= set(got[:10]):
            top_ok += 1
        if set(got) != truth:
            wrong.append((phrase, len(truth), len(set(got))))
    distinctive = len(probe.distinctive())
    return Figures(len(probe.phrases), distinctive, found / max(1, true_total),
                   relevant_returned / max(1, returned), top_ok / max(1, distinctive), wrong)
