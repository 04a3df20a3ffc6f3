"""The page kinds of the site, one module each.

Every module here registers one :class:`~generator.render.registry.PageKind` at its
end; :func:`generator.render.registry.load_kinds` imports them all, so a new kind
is this module, its template under ``generator/templates/`` and its ``register``
call: nothing else changes (not the writer, the plugin, mkdocs.yml or the home
page, which lists every kind that gives it a :class:`~generator.render.registry.HomeLink`).

A kind's ``pages(site)`` yields ``(docs_src path, text)`` for every file it makes,
reading only the :class:`~generator.render.site.Site`; its template's context is a
dataclass of its own.
"""
