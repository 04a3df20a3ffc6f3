"""gazettes/manifest.toml (generator/manifest.py): the official address and SHA-256 of each gazette's
PDF. With an address, pages link the official PDF at the document's page instead of publishing a
copy; the SHA-256 is shown; a bad entry is one error naming the manifest and its line."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.load import load_corpus
from generator.manifest import read_manifest
from generator.pipeline import generate
from site_builder import GAZETTES

OFFICIAL = "https://www.sx.gov.cn/gb/2017-04.pdf"      # an address of the form cities use, for the test


def test_the_default_manifest_reads_without_errors():
    entries, errors = read_manifest(GAZETTES)
    assert errors == []
    assert sorted(entries) == sorted(p.stem for p in GAZETTES.glob("*.txt"))
    assert entries["shaoxing-2017-04"].original == "000_164958466710674c.txt"
    assert all(e.pdf_url is None for e in entries.values()), "no official address is invented"


@pytest.mark.parametrize("entry, message", [
    ('pdf_url = "javascript:alert(1)"', "manifest-url：bad.txt：pdf_url javascript:alert(1) 不是 http(s) 地址"),
    ('pdf_url = "https://x.gov.cn/a b.pdf"', "manifest-url：bad.txt：pdf_url https://x.gov.cn/a b.pdf 不是 http(s) 地址"),
    ('pdf_sha256 = "abc"', "manifest-sha256：bad.txt：pdf_sha256 不是 SHA-256 摘要"),
    ('url = "https://x.gov.cn/a.pdf"', "manifest-key：bad.txt：条目中没有 url 这一项（可写：file、original"),
    ('title = 3', "manifest-not-text：bad.txt：每一项的值都应是加引号的文字"),
])
def test_an_entry_that_cannot_be_used_is_one_error_naming_the_manifest_and_line(tmp_path, entry, message):
    (tmp_path / "manifest.toml").write_text(
        '[[gazette]]\nfile = "good.txt"\npdf_url = "https://x.gov.cn/good.pdf"\n\n'
        f'[[gazette]]\nfile = "bad.txt"\n{entry}\n', encoding="utf-8")
    entries, errors = read_manifest(tmp_path)
    assert list(entries) == ["good"], "the rest of the manifest still applies"
    (error,) = errors
    assert error.startswith(f"{tmp_path / 'manifest.toml'}:6: {message}")


def test_a_manifest_that_is_not_toml_is_named(tmp_path):
    (tmp_path / "manifest.toml").write_text('[[gazette]\nfile = "x.txt"\n', encoding="utf-8")
    entries, (error,) = read_manifest(tmp_path)
    assert entries == {} and "manifest.toml: manifest-toml：不是有效的 TOML（" in error and "line 1" in error


def test_an_entry_without_its_file_is_named(tmp_path):
    (tmp_path / "manifest.toml").write_text('[[gazette]]\ntitle = "x"\n', encoding="utf-8")
    entries, (error,) = read_manifest(tmp_path)
    assert entries == {} and error.startswith(f"{tmp_path / 'manifest.toml'}: manifest-no-file：有一个 [[gazette]]")


def _folder(tmp_path: Path, pdf: bytes, manifest: str) -> Path:
    folder = tmp_path / "gazettes"
    folder.mkdir()
    (folder / "shaoxing-2017-04.pdf").write_bytes(pdf)
    (folder / "manifest.toml").write_text(manifest, encoding="utf-8")
    return folder


def test_an_official_address_is_linked_at_the_page_and_no_copy_published(tmp_path, pdfs):
    pdf = pdfs["shaoxing-2017-04"].read_bytes()
    digest = hashlib.sha256(pdf).hexdigest()
    folder = _folder(tmp_path, pdf, f'[[gazette]]\nfile = "shaoxing-2017-04.pdf"\npdf_url = "{OFFICIAL}"\n'
                                    f'pdf_sha256 = "{digest}"\n')
    done = generate(folder, tmp_path / "docs")
    assert done.errors == []
    docs = tmp_path / "docs"
    assert not list((docs / "pdf").glob("*.pdf")), "the official copy is linked, not published again"
    (issue,) = done.issues
    first = issue.documents[0]
    page = (docs / "d" / "绍政发" / "2017" / "7.md").read_text(encoding="utf-8")
    assert f"[原件第{first.pdf_page}页]({OFFICIAL}#page={first.pdf_page})" in page
    assert f'官方原件：<a href="{OFFICIAL}" rel="noopener">{OFFICIAL}</a>' in page and digest in page
    issue_page = (docs / "g" / "shaoxing-2017-04" / "index.md").read_text(encoding="utf-8")
    assert f"]({OFFICIAL})" in issue_page and digest in issue_page
    assert not [w for w in issue.warnings if w.code == "pdf-differs"]


def test_a_pdf_that_is_not_the_one_the_manifest_records_warns(tmp_path, pdfs):
    pdf = pdfs["shaoxing-2017-04"].read_bytes()
    folder = _folder(tmp_path, pdf, f'[[gazette]]\nfile = "shaoxing-2017-04.pdf"\npdf_url = "{OFFICIAL}"\n'
                                    f'pdf_sha256 = "{"0" * 64}"\n')
    (issue,) = load_corpus(folder).issues
    (warning,) = [w for w in issue.warnings if w.code == "pdf-differs"]
    assert warning.line == 2 and f"请从 {OFFICIAL} 重新下载" in warning.message
    assert issue.pdf.sha256 == "0" * 64, "the digest shown is the official file's, which the page links"


def test_without_an_address_the_pdf_is_published_with_the_site(tmp_path, pdfs):
    pdf = pdfs["shaoxing-2017-04"].read_bytes()
    folder = _folder(tmp_path, pdf, '[[gazette]]\nfile = "shaoxing-2017-04.pdf"\ntitle = "绍兴市人民政府公报"\n')
    generate(folder, tmp_path / "docs")
    assert (tmp_path / "docs" / "pdf" / "shaoxing-2017-04.pdf").read_bytes() == pdf
    page = (tmp_path / "docs" / "d" / "绍政发" / "2017" / "7.md").read_text(encoding="utf-8")
    assert "pdf/shaoxing-2017-04.pdf#page=" in page and "官方原件" not in page


def test_gazette_check_reads_the_manifest_too(tmp_path, pdfs):
    """An editor's check says what the build would: an unusable entry, and a PDF that is not the one
    recorded."""
    import subprocess
    import sys

    from site_builder import ROOT

    folder = _folder(tmp_path, pdfs["shaoxing-2017-04"].read_bytes(),
                     f'[[gazette]]\nfile = "shaoxing-2017-04.pdf"\npdf_sha256 = "{"0" * 64}"\n\n'
                     '[[gazette]]\nfile = "other.txt"\npdf_url = "ftp://x.gov.cn/a.pdf"\n')
    done = subprocess.run([sys.executable, "-m", "generator", "check", str(folder)], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert f"{folder / 'manifest.toml'}:6: manifest-url：other.txt：pdf_url ftp://x.gov.cn/a.pdf" in done.stdout
    assert f"{folder / 'shaoxing-2017-04.pdf'}:2: pdf-differs: shaoxing-2017-04.pdf 不是 manifest.toml 为" in done.stdout
