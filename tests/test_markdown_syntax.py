"""Generated pages convert with only the Markdown the generator writes (generator.markdown_syntax)."""

from __future__ import annotations

import frontmatter
import markdown
import yaml

from generator.corpus import build_corpus
from generator.markdown_syntax import UNUSED_INLINE, GeneratedPageSyntax
from generator.render import render_site
from conftest import ROOT


def converter(generated: bool) -> markdown.Markdown:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in config.get("markdown_extensions", [])]
    syntax = GeneratedPageSyntax()
    syntax.generated = generated
    return markdown.Markdown(extensions=[*names, syntax])


def test_every_generated_page_converts_the_same_with_the_narrow_syntax(real_issues):
    """The dropped patterns never match generated text: every page of the real corpus gives the same
    HTML either way (the build relies on it to convert a fifth faster)."""
    pages = {p: t for p, t in render_site(build_corpus(real_issues)).items() if p.endswith(".md")}
    assert len(pages) > 250      # the not-held numbers are finished HTML, not Markdown
    for path, text in pages.items():
        body = frontmatter.loads(text).content
        assert converter(True).convert(body) == converter(False).convert(body), path


def test_narrowing_drops_the_patterns_and_only_on_generated_pages():
    """A hand-written page (about.md) keeps code spans, autolinks and hard breaks."""
    text = "`代码` <https://example.org/> 断行  \n下一行"
    full = converter(False).convert(text)
    assert "<code>代码</code>" in full and 'href="https://example.org/"' in full and "<br />" in full
    narrow = converter(True)
    assert narrow.convert(text) != full
    assert not any(name in narrow.inlinePatterns for name in UNUSED_INLINE)
    assert all(name in narrow.inlinePatterns for name in ("link", "html", "entity", "em_strong"))
