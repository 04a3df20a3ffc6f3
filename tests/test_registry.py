"""The ordered registry behind the parse stages and the block rules (generator/registry.py: also the page kinds)."""

from __future__ import annotations

import pytest

from generator.registry import Registry


def _registry(*entries: tuple[str, float]) -> Registry[str]:
    reg: Registry[str] = Registry("rule")
    for name, priority in entries:
        reg.register(name.upper(), name, priority)
    return reg


def test_items_run_highest_priority_first():
    reg = _registry(("paragraph", 0), ("title", 100), ("table", 50))
    assert list(reg) == ["TITLE", "TABLE", "PARAGRAPH"]
    assert reg.names() == ["title", "table", "paragraph"]


def test_equal_priorities_keep_registration_order():
    reg = _registry(("b", 10), ("a", 10), ("c", 10), ("first", 20))
    assert reg.names() == ["first", "b", "a", "c"]


def test_lookup_by_name_and_membership():
    reg = _registry(("toc", 140), ("heads", 130))
    assert reg["toc"] == "TOC"
    assert "heads" in reg and "masthead" not in reg
    assert len(reg) == 2


def test_an_unknown_name_is_a_key_error_listing_the_registered_ones():
    reg = _registry(("toc", 140), ("heads", 130))
    with pytest.raises(KeyError, match=r"no rule named 'tco'; registered: toc, heads"):
        reg["tco"]


def test_a_duplicate_name_is_refused_and_the_first_item_kept():
    reg = _registry(("toc", 140))
    with pytest.raises(ValueError, match=r"rule 'toc' is already registered \(priority 140\)"):
        reg.register("OTHER", "toc", 10)
    assert reg["toc"] == "TOC" and reg.names() == ["toc"]


def test_an_empty_name_is_refused():
    with pytest.raises(ValueError, match="needs a name"):
        _registry(("", 1))


def test_register_returns_the_item_so_it_can_decorate():
    reg: Registry = Registry("stage")

    def toc(state):
        return None

    assert reg.register(toc, "toc", 1) is toc


def test_a_change_after_iterating_is_seen_by_the_next_iteration():
    reg = _registry(("title", 100), ("paragraph", 0))
    assert list(reg) == ["TITLE", "PARAGRAPH"]
    reg.register("TABLE", "table", 50)
    assert list(reg) == ["TITLE", "TABLE", "PARAGRAPH"]
    assert reg.deregister("title") == "TITLE"
    assert list(reg) == ["TABLE", "PARAGRAPH"] and "title" not in reg
