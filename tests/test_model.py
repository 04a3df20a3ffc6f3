"""generator/model.py: a document's blocks kept packed (PackedBlocks) read as the list they pack.

The catalogue of an archive holds every document at once and keeps their blocks compressed
(generator.load with ``packed=True``); every stage after it reads them as it reads a list. These
tests pack the blocks of the real sample gazettes' documents.
"""

from __future__ import annotations

import pickle

import pytest

from generator.model import PackedBlocks


@pytest.fixture(scope="module")
def documents(real_issues):
    return [d for issue in real_issues for d in issue.documents if len(d.blocks) > 3]


def test_packed_blocks_read_as_the_list_they_pack(documents):
    for document in documents:
        packed = PackedBlocks(document.blocks)
        assert packed == document.blocks and len(packed) == len(document.blocks)
        assert list(packed) == document.blocks
        assert packed[1] == document.blocks[1] and packed[-1] == document.blocks[-1]
        assert packed[1:3] == document.blocks[1:3] and isinstance(packed[1:3], list)
        assert packed == PackedBlocks(document.blocks)
    first, second = documents[0], documents[1]
    assert PackedBlocks(first.blocks) != second.blocks
    assert PackedBlocks(first.blocks) != PackedBlocks(second.blocks)


def test_packed_blocks_are_smaller_than_the_blocks(documents):
    """The point of packing: the sample's bodies compress to well under half their pickled size."""
    whole = sum(len(pickle.dumps(d.blocks)) for d in documents)
    packed = sum(len(PackedBlocks(d.blocks).data) for d in documents)
    assert packed < whole / 2


def test_two_reads_of_one_document_give_the_same_block_objects(documents):
    """A renderer may key blocks by identity (render/body.py numbers them so): reads in a row of one
    document's blocks are the same objects, until more than RECENT other documents were read."""
    packed = [PackedBlocks(d.blocks) for d in documents[:PackedBlocks.RECENT + 2]]
    first = packed[0]
    assert first[0] is first[0] and next(iter(first)) is first[0]
    for other in packed[1:]:
        other[0]
    assert first._unpacked is None, "only the last RECENT documents' blocks stay unpacked"
    assert first[0] == documents[0].blocks[0]


def test_packed_blocks_pickle_as_their_bytes(documents):
    """A site's catalogue is pickled with its documents' blocks packed: the bytes, not the blocks."""
    packed = PackedBlocks(documents[0].blocks)
    list(packed)
    again = pickle.loads(pickle.dumps(packed))
    assert again == documents[0].blocks and again.data == packed.data
    assert len(pickle.dumps(packed)) < len(packed.data) + 200
