"""Gazette archive: Chinese municipal government gazettes (政府公报) as a linked, searchable site.

The pipeline, one module or package per stage, read top to bottom:

    sources  -> parse  -> model -> link -> render -> plugin (MkDocs)

* :mod:`generator.sources`  reads bytes into lines (encodings, line ends);
* :mod:`generator.parse`    splits a gazette into documents and reads their fields;
* :mod:`generator.model`    holds the typed records every stage agrees on;
* :mod:`generator.link`     builds the citation graph across the corpus;
* :mod:`generator.render`   writes Markdown pages with front matter for MkDocs;
* :mod:`generator.plugin`   runs all of it from ``mkdocs build`` / ``mkdocs serve``;
* :mod:`generator.postprocess` folds template whitespace in each page MkDocs writes;
* :mod:`generator.search`   indexes the built site with Pagefind.
"""

__version__ = "0.1.0"
