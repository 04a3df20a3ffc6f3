"""Gazette archive: Chinese government gazettes (政府公报) as a linked, searchable site.

The pipeline, one module or package per stage, read top to bottom; data flows one way and the
typed records of :mod:`generator.model` are the contract between stages:

    sources -> parse -> corpus -> render -> write        (generator.pipeline: no MkDocs needed)
                                              \\-> site:  MkDocs (generator.plugin) + search index (generator.search)

* :mod:`generator.sources`  reads bytes into lines (encodings, line ends);
* :mod:`generator.parse`    splits a gazette into documents and reads their fields
  (:mod:`generator.load` runs it over a folder, cached by :mod:`generator.cachekey`);
* :mod:`generator.corpus`   links every gazette once: addresses, citations with their spans,
  issuer aliases, series ledgers; then it is only read;
* :mod:`generator.render`   makes every file of docs_src/: one module per page kind in
  :mod:`generator.render.kinds`, listed by :mod:`generator.render.registry`;
* :mod:`generator.pipeline` runs the stages and writes docs_src/ (``gazette build``);
* :mod:`generator.plugin`   the thin MkDocs hooks: run the pipeline, keep bodies compressed,
  put the search index (:mod:`generator.search`, made from the corpus) in, swap the site in;
* :mod:`generator.postprocess` folds template whitespace in each page MkDocs writes.

:mod:`generator.doc_number` (the one doc-number grammar), :mod:`generator.urls` (the one URL
scheme) and :mod:`generator.render.escape` (the one escaping function) serve every stage.
"""

__version__ = "0.1.0"
