"""The catalogue of an archive in parts (generator/catalogue.py), as each site is given it.

Every site is built from its own pickle of the catalogue, in which the documents it does not serve
keep only the blocks other pages read (generator.render.foreign_blocks). These tests build the
sample archive's catalogue in-process and check that each site renders from its own pickle exactly
what it renders from the whole catalogue, while holding the text of its own documents only.
"""

from __future__ import annotations

import pickle
import shutil

import pytest

from archive_support import PARTS
from generator.archive import read_archive
from generator.catalogue import (CITATIONS_DIR, COMMON_FILE, SITES_DIR, build_catalogue, read_catalogue, site_files,
                                  write_catalogue)
from generator.model import PackedBlocks
from generator.render import foreign_blocks, generate_files
from site_builder import GAZETTES

SITES = {"portal": "https://archive.example.org/",
         **{name: f"https://{name}.example.org/" for name, _, _ in PARTS}}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The sample archive's catalogue, whole in memory and written as each site's pickle."""
    archive = read_archive({"portal": {"site_url": SITES["portal"]},
                            "parts": [{"name": name, "gazettes": glob, "site_url": SITES[name]}
                                      for name, glob, _ in PARTS]}, "mkdocs.yml")
    catalogue = build_catalogue(archive, GAZETTES, "mkdocs.yml")
    folder = tmp_path_factory.mktemp("catalogue")
    write_catalogue(catalogue, folder, read_elsewhere=foreign_blocks)
    return catalogue, folder


def _files(catalogue, here: str) -> dict:
    return dict(generate_files(catalogue.corpus, catalogue.sites[here], placement=catalogue.placement(here)))


@pytest.mark.parametrize("here", list(SITES))
def test_each_site_renders_from_its_own_pickle_what_it_renders_from_the_whole(written, here):
    """Byte for byte, every file of every site: the slimmed documents lack nothing a page reads."""
    whole, folder = written
    own = read_catalogue(folder, whole.fingerprint, here)
    assert _files(own, here) == _files(whole, here)


def test_a_site_holds_the_text_of_its_own_documents_only(written):
    """A part's catalogue has the whole text of the documents it serves; of the others, only the
    blocks other pages read (a description, a quoted repeal), the rest emptied or cut. What every
    site reads alike is one file; beside it, the portal, which serves no document, has no text of
    its own, and each part the text of its own documents."""
    whole, folder = written
    own_text = {}
    for here in SITES:
        common, own_file = site_files(folder, here)
        assert common == folder / SITES_DIR / COMMON_FILE
        with open(own_file, "rb") as f:
            own_text[here] = pickle.load(f)
    assert own_text["portal"] == {}
    assert all(own_text[name] for name, _, _ in PARTS)
    for here in SITES:
        own = read_catalogue(folder, whole.fingerprint, here)
        placement = own.placement(here)
        for key, document in own.corpus.documents.items():
            full = whole.corpus.documents[key].blocks
            if placement.serves(key):
                assert document.blocks == full, key
                continue
            read = foreign_blocks(whole.corpus, key)
            assert len(document.blocks) == (max(read) + 1 if read else 0), key
            for at, block in enumerate(document.blocks):
                assert block.text == (full[at].text if at in read else ""), (key, at)
    assert any(len(own.corpus.documents[k].blocks) < len(whole.corpus.documents[k].blocks)
               for k in whole.corpus.documents), "some text is left out"


def test_the_catalogue_and_every_site_keep_blocks_packed(written):
    """The catalogue holds an archive's every document at once, so their blocks stay compressed
    (generator.model.PackedBlocks) there and in every site's pickle."""
    whole, folder = written
    assert all(isinstance(d.blocks, PackedBlocks) for d in whole.corpus.documents.values())
    for here in SITES:
        own = read_catalogue(folder, whole.fingerprint, here)
        assert all(isinstance(d.blocks, PackedBlocks) for d in own.corpus.documents.values())


def _catalogue_with_cache(gazettes, cache):
    """The sample archive's catalogue of ``gazettes``, with a cache; the progress lines it said."""
    archive = read_archive({"portal": {"site_url": SITES["portal"]},
                            "parts": [{"name": name, "gazettes": glob, "site_url": SITES[name]}
                                      for name, glob, _ in PARTS]}, "mkdocs.yml")
    said: list[str] = []
    return build_catalogue(archive, gazettes, "mkdocs.yml", cache_dir=cache, progress=said.append), said


def _citations(catalogue) -> list:
    return sorted(catalogue.corpus.citations, key=repr)


def test_citations_read_before_are_those_of_the_same_text_and_a_corrected_text_is_read_again(tmp_path):
    """The catalogue keeps the citations it read (generator.corpus.CitationMemo) for the next one,
    by each document's content: the next finds them all as read before and gets the same citations;
    after one sentence changes (a real repeal clause of Jiaxing's, 嘉政发〔2012〕53 号 → 54 号) only
    that document is read again, and its citation follows the new text; an unreadable file is
    read past, every document read again."""
    gazettes, cache = tmp_path / "gazettes", tmp_path / "cache"
    shutil.copytree(GAZETTES, gazettes)
    first, said = _catalogue_with_cache(gazettes, cache)
    documents = len(first.corpus.documents)
    assert any("citations of 0 documents as read before" in line for line in said)
    again, said = _catalogue_with_cache(gazettes, cache)
    assert any(f"citations of {documents} documents as read before" in line for line in said)
    assert _citations(again) == _citations(first)

    source = gazettes / "jiaxing-2017-05.txt"
    text = source.read_text(encoding="utf-8")
    assert text.count("(嘉政发〔2012〕53 号)同时废止") == 1
    source.write_text(text.replace("(嘉政发〔2012〕53 号)同时废止", "(嘉政发〔2012〕54 号)同时废止"), encoding="utf-8")
    corrected, said = _catalogue_with_cache(gazettes, cache)
    assert any(f"citations of {documents - 1} documents as read before" in line for line in said)
    numbers = {c.cited_number for c in corrected.corpus.citations}
    assert "嘉政发〔2012〕54号" in numbers and "嘉政发〔2012〕53号" not in numbers
    fresh, _ = _catalogue_with_cache(gazettes, tmp_path / "no-cache-yet")
    assert _citations(corrected) == _citations(fresh)

    for kept in (cache / CITATIONS_DIR).glob("*.pickle"):
        kept.write_bytes(kept.read_bytes()[:100])          # cut short: not a whole pickle
    damaged, said = _catalogue_with_cache(gazettes, cache)
    assert any("citations of 0 documents as read before" in line for line in said)
    assert _citations(damaged) == _citations(corrected)
