"""Reading gazette bytes: encodings, line ends, and files that are not text."""

import pytest

from generator.model import GazetteError
from generator.sources import read_source

SAMPLE = "绍兴市人民政府公报\n\n2017\n\n第04期 (总第270期)\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_decode_to_the_same_lines(tmp_path, encoding):
    path = tmp_path / "g.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    assert read_source(path).lines == ("绍兴市人民政府公报", "", "2017", "", "第04期 (总第270期)")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_do_not_move_line_numbers(tmp_path, newline):
    path = tmp_path / "g.txt"
    path.write_bytes(SAMPLE.replace("\n", newline).encode("utf-8"))
    assert read_source(path).lines[4] == "第04期 (总第270期)"


@pytest.mark.parametrize("content, code, sentence", [
    (b"", "empty", "文件是空的或只有空白"),
    (b"  \n\n", "empty", "文件是空的或只有空白"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "不是文本文件"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "不是文本文件"),
])
def test_unreadable_files_get_one_clear_error_naming_the_file(tmp_path, content, code, sentence):
    path = tmp_path / "broken.txt"
    path.write_bytes(content)
    with pytest.raises(GazetteError) as err:
        read_source(path)
    assert err.value.code == code
    assert str(err.value).startswith(f"{path}: {code}：{sentence}")


def test_missing_file_is_named(tmp_path):
    with pytest.raises(GazetteError, match=r"nothere\.txt: unreadable：文件无法打开（ENOENT）"):
        read_source(tmp_path / "nothere.txt")


def test_utf8_cut_inside_the_last_character_keeps_the_rest_and_says_so(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes(SAMPLE.rstrip("\n").encode("utf-8")[:-2])     # 期 loses two of its three bytes
    source = read_source(path)
    assert source.lines[-1] == "第04期 (总第270"
    assert source.notes and "残缺的字符" in source.notes[0]


def test_undecodable_bytes_in_the_middle_name_the_offset(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("绍兴市".encode("utf-8") + b"\xff\xfe\xfd\x80" + "公报".encode("utf-8"))
    with pytest.raises(GazetteError, match=r"bad\.txt: encoding：既不是 UTF-8 也不是 GB18030 文本（自偏移量 \d+ 的字节起无法解码）"):
        read_source(path)


def test_utf16_that_is_not_utf16_names_the_offset(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfe" + "公报".encode("utf-16-le") + b"\x00\xd8")     # a lone high surrogate
    with pytest.raises(GazetteError, match=r"odd\.txt: utf-16：以 UTF-16 的字节顺序标记开头，却不是有效的 UTF-16 文本"):
        read_source(path)


def test_form_feeds_are_page_breaks_that_move_no_line(tmp_path):
    """pdftotext ends each page with a form feed, and gazette extract writes one before each page:
    the lines stay where they are (an editor's line numbers), the pages are where the breaks were."""
    path = tmp_path / "g.txt"
    path.write_bytes("绍兴市人民政府公报\n\n\f2017\n\f\f第04期 (总第270期)\n\f".encode("utf-8"))
    source = read_source(path)
    assert source.lines == ("绍兴市人民政府公报", "", "2017", "第04期 (总第270期)", "")
    assert source.page_starts == (1, 3, 4, 4, 5)        # page 3 is blank, the last break ends page 4


def test_a_source_written_as_text_reads_back_with_its_pages(tmp_path):
    from dataclasses import replace

    from generator.sources import as_text

    plain = tmp_path / "plain.txt"
    plain.write_text(SAMPLE, encoding="utf-8")
    source = read_source(plain)
    assert as_text(source) == SAMPLE and source.page_starts == ()
    paged = replace(source, page_starts=(1, 3, 5, 5, 6))      # a blank page, and one after the last line
    again = tmp_path / "again.txt"
    again.write_text(as_text(paged), encoding="utf-8")
    read = read_source(again)
    assert read.page_starts == paged.page_starts and read.lines[:5] == source.lines
