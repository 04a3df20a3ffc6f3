"""Cache keys derived from the code: which of our modules a stage runs, found by reading them.

A cached result is only as good as its key. A key that lists the code it
depends on by hand goes stale the day someone adds an import and forgets the
list (the parse cache once missed ``textnorm.py``, which five parser modules
import, and served old parses after ``fold()`` changed). So the key is
computed: starting from a stage's entry module, every ``import`` statement of
ours is followed through the package, transitively, and the key hashes the
bytes of every module reached (the packages' ``__init__.py`` included, since
importing a submodule runs them). Data files a package keeps beside its
modules (``generator/parse/data/…``, vocabularies of rules) count too.

The walk reads the source with :mod:`ast`, not ``sys.modules``: it must give
the same key in a process that has imported more (or less) of the package.
A function-level ``import`` counts like a top-level one.
"""

from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
PACKAGE = PACKAGE_ROOT.name
# Files beside a stage's modules that the stage may read as data (rule vocabularies and tables).
DATA_SUFFIXES = (".toml", ".json", ".txt", ".yml", ".yaml", ".j2")


def module_file(module: str, root: Path = PACKAGE_ROOT) -> Path | None:
    """The source file of one of our modules (``generator.parse.toc``), or None if it is not ours."""
    parts = module.split(".")
    if parts[0] != root.name:
        return None
    base = root.joinpath(*parts[1:])
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    return None


def _imports(path: Path, module: str) -> set[str]:
    """The modules one file imports, absolute, ours or not (a ``from X import name`` counts both
    ``X`` and ``X.name``, since the name may be a submodule)."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[:len(base_parts) - node.level + 1]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def _parents(module: str) -> list[str]:
    """The packages a module's import runs first: ``generator``, ``generator.parse`` …"""
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def module_closure(entry: str, root: Path = PACKAGE_ROOT) -> dict[str, Path]:
    """Every module of ours that importing ``entry`` can run: module name → file, sorted."""
    seen: dict[str, Path] = {}
    todo = [entry]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = module_file(name, root)
        if path is None:
            continue
        seen[name] = path
        todo.extend(_parents(name))
        todo.extend(m for m in _imports(path, name) if m.split(".")[0] == root.name)
    return dict(sorted(seen.items()))


def data_files(modules: dict[str, Path], root: Path = PACKAGE_ROOT) -> list[Path]:
    """Data files kept inside the subpackages those modules belong to (not the top package's
    ``data/``, which the later stages read and which has keys of its own)."""
    folders = {p.parent for p in modules.values() if p.parent != root}
    found = {f for folder in folders for f in folder.rglob("*")
             if f.is_file() and f.suffix in DATA_SUFFIXES and "__pycache__" not in f.parts}
    return sorted(found)


def code_digest(entry: str, root: Path = PACKAGE_ROOT) -> str:
    """SHA-256 over the names and bytes of every module ``entry`` runs, and its stage's data files."""
    modules = module_closure(entry, root)
    h = hashlib.sha256()
    for path in [*modules.values(), *data_files(modules, root)]:
        h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@lru_cache(maxsize=None)
def stage_version(entry: str) -> str:
    """:func:`code_digest` of one stage, short, computed once per process."""
    return code_digest(entry)[:16]


@lru_cache(maxsize=None)
def package_version(root: Path = PACKAGE_ROOT) -> str:
    """A short digest of every source and data file of the package: what a whole generation pass
    (parse, link, render, templates, vocabularies) may read."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and (path.suffix == ".py" or path.suffix in DATA_SUFFIXES) \
                and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]
