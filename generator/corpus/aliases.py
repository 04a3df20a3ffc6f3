"""Titles and issuer names as the corpus compares them: the folded title key, and the editable
alias table that files variants of an organ's name under one name.

Aliases are applied here, in the corpus stage, and not in the parser, so the parse output stays
what the gazette printed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..textnorm import fold

DEFAULT_ALIASES = Path(__file__).resolve().parent.parent / "data" / "issuer_aliases.toml"


def fold_title(title: str | None) -> str:
    """A title reduced to what identifies a document (see :func:`generator.textnorm.fold`)."""
    return fold(title)


def load_issuer_aliases(path: str | Path | None = None) -> dict[str, str]:
    """The alias table (printed name → filed name) from a TOML file with an ``[aliases]`` table.

    Chains (a → b, b → c) are followed to their end; a cycle is an error
    naming the file, because an editor must fix it.
    """
    path = Path(path) if path else DEFAULT_ALIASES
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        table = tomllib.load(fh).get("aliases", {})
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        raise ValueError(f"{path}: [aliases] must map names to names")
    resolved: dict[str, str] = {}
    for name in table:
        seen, target = {name}, table[name]
        while target in table:
            if target in seen:
                raise ValueError(f"{path}: alias cycle through {target}")
            seen.add(target)
            target = table[target]
        resolved[name.strip()] = target.strip()
    return {k: v for k, v in resolved.items() if k != v}
