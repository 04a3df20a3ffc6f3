"""Every word a reader or editor sees is Chinese (issue 28): no page of a built site shows an
English sentence.

Every HTML page of the sample site and of the hostile-input site (tests/hostile_site.py: refused
files, hostile titles and bodies) is read with html.parser as a reader meets it: the visible text
(not script, style, svg, <template> or hidden elements) and the attributes a browser shows or
reads aloud (aria-label, title, alt, placeholder). A run of three or more Latin-script words is an
English sentence, and fails the test with its page, unless it is

* code: inside <code>, or a hyphenated code of generator.messages (``toc-title-differs``);
* not words: a URL, a file name, a doc number, a command's option (a token holding a dot, a
  slash, a digit, an underscore or a leading dash is not a word);
* the gazette's own text: the run occurs, verbatim (whitespace folded), in the text of a source
  gazette the site was built from (a masthead prints ``GAZETTE OF THE PEOPLE'S GOVERNMENT``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from generator import messages
from generator.model import GazetteError
from generator.sources import gazette_files, read_source
from hostile_site import hostile_site
from site_builder import GAZETTES, sample_site

MIN_WORDS = 3                         # three Latin words in a row read as a sentence, two as a name
SHOWN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
# elements whose content no reader sees: code, styling, drawings, inert templates
UNSEEN = {"script", "style", "svg", "template"}
CODE = {"code", "kbd", "samp"}
# elements that end a run of text: a sentence never goes on from one into the next
BLOCKS = {"address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details", "dialog",
          "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
          "h5", "h6", "head", "header", "hr", "label", "legend", "li", "main", "nav", "ol", "option", "p",
          "section", "select", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title",
          "tr", "ul"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# a Latin word: letters, with an apostrophe or a hyphen inside (people's, read-only)
_LATIN = "A-Za-z\u00c0-\u024f"
_WORD = re.compile(rf"[{_LATIN}]+(?:['’\-][{_LATIN}]+)*")
# where a run of Latin text can go on: Latin letters, digits, ASCII punctuation and spaces (a Chinese
# character or full-width punctuation ends it)
_LATIN_STRETCH = re.compile(rf"[{_LATIN}0-9 !-/:-@\[-`{{-~’]+")
_EDGE_PUNCTUATION = "\"'’()[]{},.;:!?"
# a code of the catalogue written as a code (toc-title-differs): one-word codes (binary, edited) are words
CODE_NAMES = {code for code in (*messages.WARNINGS, *messages.NOTES, *messages.REFUSALS) if "-" in code}


class ShownText(HTMLParser):
    """The pieces of text a page shows: visible text (split where a block ends) and shown attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._current: list[str] = []
        self._skipping: list[str] = []          # the unseen element being skipped, and its nested twins
        self._code = 0
        self.feed(html)
        self.close()
        self._end_piece()

    def _end_piece(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.pieces.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._skipping:
            if tag == self._skipping[0] and tag not in VOID:
                self._skipping.append(tag)
            return
        if (tag in UNSEEN or "hidden" in a) and tag not in VOID:
            self._skipping.append(tag)
            return
        if tag in BLOCKS:
            self._end_piece()
        if tag in CODE:
            self._code += 1
        self.pieces += [a[name] for name in SHOWN_ATTRIBUTES if a.get(name)]

    def handle_startendtag(self, tag, attrs):
        if not self._skipping:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self._skipping:
            if tag == self._skipping[0]:
                self._skipping.pop()
            return
        if tag in BLOCKS:
            self._end_piece()
        if tag in CODE and self._code:
            self._code -= 1

    def handle_data(self, data):
        if self._skipping:
            return
        self._current.append(" " if self._code else data)     # code reads as a gap between words


def english_runs(text: str) -> list[str]:
    """Each run of MIN_WORDS or more Latin words in ``text``, as printed (whitespace folded)."""
    runs = []
    for stretch in _LATIN_STRETCH.findall(unicodedata.normalize("NFKC", text)):
        run: list[str] = []
        for token in stretch.split() + [""]:
            bare = token.strip(_EDGE_PUNCTUATION)
            if bare and _WORD.fullmatch(bare) and bare not in CODE_NAMES:
                run.append(token)
                continue
            if len(run) >= MIN_WORDS:
                runs.append(" ".join(run).strip(_EDGE_PUNCTUATION))
            run = []
    return runs


def gazette_text(folder: Path) -> str:
    """The text of every gazette of a folder as one string (whitespace folded): what they print."""
    texts = []
    for path in gazette_files(folder):
        try:
            texts.append(" ".join(read_source(path).lines))
        except GazetteError:                 # a refused file: no page prints its text
            continue
    return " ".join(unicodedata.normalize("NFKC", "\n".join(texts)).split())


@dataclass
class Finding:
    page: str
    runs: list[str] = field(default_factory=list)


def english_on_pages(site: Path, printed: str) -> list[Finding]:
    """Each page of ``site`` that shows an English sentence the gazettes (``printed``) do not print."""
    found = []
    for page in sorted(site.rglob("*.html")):
        shown = ShownText(page.read_text(encoding="utf-8"))
        runs = [run for piece in shown.pieces for run in english_runs(piece) if run not in printed]
        if runs:
            found.append(Finding(page.relative_to(site).as_posix(), list(dict.fromkeys(runs))))
    return found


def _report(found: list[Finding]) -> str:
    return "pages showing an English sentence:\n" + "\n".join(
        f"  {f.page}: " + " | ".join(f.runs[:5]) + (f" (+{len(f.runs) - 5})" if len(f.runs) > 5 else "")
        for f in found)


# ------------------------------------------------------------------------ the scan itself

def test_the_scan_finds_english_in_text_and_in_shown_attributes():
    html = ('<html><head><title>未能读取的文件</title><script>var a = "not shown to anyone";</script></head>'
            '<body><p>原文：<em>is a binary file</em>, not gazette text</p>'
            '<button aria-label="Copy the link">复制</button><img alt="Seal of the city" src="a.png">'
            '<template><p>never shown to a reader</p></template><div hidden>also never shown here</div>'
            '<p>运行 <code>ocrmypdf -l chi_sim in out</code> 后重新构建</p>'
            '<p>toc-title-differs no-date not-in-toc：目录所印标题</p><p>见 https://example.org/a/b/c 与 a.txt b.txt c.txt</p>'
            '<td>GitHub Pages</td><td>Data</td></body></html>')
    runs = [run for piece in ShownText(html).pieces for run in english_runs(piece)]
    assert runs == ["is a binary file, not gazette text", "Copy the link", "Seal of the city"]


def test_the_gazettes_own_english_is_allowed(tmp_path):
    (tmp_path / "x.txt").write_text("# 绍兴市人民政府公报\n\nGAZETTE OF THE PEOPLE'S GOVERNMENT  \nOF SHAOXING\n",
                                    encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(
        "<h1>绍兴市人民政府公报</h1><p>GAZETTE OF THE PEOPLE'S GOVERNMENT OF SHAOXING</p><p>Made with love here</p>",
        encoding="utf-8")
    found = english_on_pages(tmp_path / "site", gazette_text(tmp_path))
    assert [(f.page, f.runs) for f in found] == [("index.html", ["Made with love here"])]


# ------------------------------------------------------------------------ the built sites

def test_no_page_of_the_sample_site_shows_an_english_sentence():
    site = sample_site() / "site"
    assert len(list(site.rglob("*.html"))) > 100
    found = english_on_pages(site, gazette_text(GAZETTES))
    assert not found, _report(found)


def test_no_page_of_the_hostile_site_shows_an_english_sentence():
    """Refused files included: their page (editors/refused/) says why in Chinese."""
    build = hostile_site()
    assert (build.site / "editors" / "refused" / "index.html").is_file()
    found = english_on_pages(build.site, gazette_text(build.gazettes))
    assert not found, _report(found)
