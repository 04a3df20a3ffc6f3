"""generator/radicals.py: radical code points from PDF text layers fold to their ideographs."""

from __future__ import annotations

import unicodedata

from generator.radicals import fold_radicals, radical_table
from generator.sources import read_source
from site_builder import GAZETTES

# The four code points a Chromium-printed PDF of our samples gave back (issue 16), as pypdf and
# pdfplumber read them: two Kangxi radicals and two of the CJK Radicals Supplement.
SEEN_IN_PDF_TEXT = {"⼈": "人", "⽂": "文", "⺠": "民", "⻔": "门"}


def test_the_radicals_pdf_text_layers_give_fold_to_their_ideographs():
    text = "".join(SEEN_IN_PDF_TEXT)
    assert fold_radicals(text) == ("".join(SEEN_IN_PDF_TEXT.values()), 4)
    assert unicodedata.normalize("NFKC", "⺠⻔") == "⺠⻔", "NFKC leaves the supplement alone: why the table"


def test_the_table_is_unicodes_and_agrees_with_nfkc_where_both_speak():
    table = radical_table()
    assert len(table) > 300
    kangxi = [cp for cp in range(0x2F00, 0x2FD6)]
    agree = [cp for cp in kangxi if unicodedata.normalize("NFKC", chr(cp)) == table.get(cp)]
    assert len(agree) == len(kangxi), [hex(cp) for cp in kangxi if cp not in agree][:5]
    assert all(0x4E00 <= ord(v) <= 0x9FFF or 0x3400 <= ord(v) <= 0x4DBF or ord(v) >= 0x20000 for v in table.values())


def test_text_without_radicals_is_returned_as_it_is():
    line = "绍兴市人民政府关于印发绍兴市区工业用地"
    folded, count = fold_radicals(line)
    assert folded is line and count == 0


def test_a_gazette_read_with_radicals_in_it_reads_as_the_printed_text(tmp_path):
    """A real sample with 人, 文, 民 and 门 turned into the radicals a PDF text layer gives: the
    source reads as the original, line for line, and says what it folded."""
    original = (GAZETTES / "shaoxing-2017-04.txt").read_text(encoding="utf-8")
    with_radicals = original.translate(str.maketrans({v: k for k, v in SEEN_IN_PDF_TEXT.items()}))
    assert with_radicals != original
    path = tmp_path / "shaoxing-2017-04.txt"
    path.write_text(with_radicals, encoding="utf-8")
    source = read_source(path)
    assert "\n".join(source.lines) == "\n".join(read_source(GAZETTES / "shaoxing-2017-04.txt").lines)
    count = sum(with_radicals.count(k) for k in SEEN_IN_PDF_TEXT)
    assert any(note.startswith(f"{count} 个 CJK 部首码位") for note in source.notes)


def test_the_table_is_part_of_the_parse_cache_key():
    """Sources fold radicals before the parser reads a line, so a changed table must change the key
    under which parses are cached (the key is computed from the imports: generator/cachekey.py)."""
    from generator.cachekey import data_files, module_closure
    from generator.load import PARSER_ENTRY
    from generator.radicals import DATA

    assert DATA in data_files(module_closure(PARSER_ENTRY))
