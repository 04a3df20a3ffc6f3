"""The catalogue of an archive in parts (generator/catalogue.py), as each site is given it.

Every site is built from its own pickle of the catalogue, in which the documents it does not serve
keep only the blocks other pages read (generator.render.foreign_blocks). These tests build the
sample archive's catalogue in-process and check that each site renders from its own pickle exactly
what it renders from the whole catalogue, while holding the text of its own documents only.
"""

from __future__ import annotations

import pytest

from archive_support import PARTS
from generator.archive import read_archive
from generator.catalogue import SITES_DIR, build_catalogue, read_catalogue, write_catalogue
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
    """A part's pickle has the whole text of the documents it serves; of the others, only the blocks
    other pages read (a description, a quoted repeal), the rest emptied or cut. The portal serves no
    document and holds the least."""
    whole, folder = written
    sizes = {here: (folder / SITES_DIR / f"{here}.pickle").stat().st_size for here in SITES}
    assert sizes["portal"] < min(sizes[name] for name, _, _ in PARTS)
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
