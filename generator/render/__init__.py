"""Stage 5: render the linked corpus into Markdown under docs_src/.

``render_site(corpus)`` gives {path: text}; ``write_pages(docs_dir, pages)`` puts
it on disk touching only what changed. ``escape_text`` is the one escaping rule.
"""

from .escape import escape_text
from .pages import render_site
from .writer import WriteReport, write_pages

__all__ = ["escape_text", "render_site", "write_pages", "WriteReport"]
