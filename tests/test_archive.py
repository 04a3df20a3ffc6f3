"""The archive's parts (generator/archive.py): the declaration in mkdocs.yml, checked, and every
gazette of the sample corpus in exactly one part, whether the parts are folders or globs over a flat
folder. Faults are one error naming the file (mkdocs.yml, or the gazette in no part or in two)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.archive import Archive, Part, assign_parts, read_archive
from generator.model import GazetteError

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "gazettes").glob("*.txt"))
CONFIG = "mkdocs.yml"
BY_CITY = {"portal": {"site_url": "https://archive.example.org"},
           "parts": [{"name": "shaoxing", "gazettes": "shaoxing", "site_url": "https://shaoxing.example.org/"},
                     {"name": "quzhou", "gazettes": "quzhou", "site_url": "https://quzhou.example.org/"},
                     {"name": "jiaxing", "gazettes": "jiaxing", "site_url": "https://jiaxing.example.org/"}]}


@pytest.fixture
def by_city(tmp_path) -> Path:
    """The five sample gazettes, one folder a city (shaoxing/, quzhou/, jiaxing/)."""
    for sample in SAMPLES:
        folder = tmp_path / sample.name.split("-")[0]
        folder.mkdir(exist_ok=True)
        shutil.copy(sample, folder / sample.name)
    return tmp_path


@pytest.fixture
def flat(tmp_path) -> Path:
    """The five sample gazettes in one folder, as gazettes/ holds them."""
    for sample in SAMPLES:
        shutil.copy(sample, tmp_path / sample.name)
    return tmp_path


def refused(call) -> GazetteError:
    with pytest.raises(GazetteError) as caught:
        call()
    return caught.value


def test_no_archive_is_one_site():
    assert read_archive(None, CONFIG) is None and read_archive({}, CONFIG) is None


def test_three_parts_by_city_hold_every_gazette_once(by_city):
    archive = read_archive(BY_CITY, CONFIG)
    assert archive == Archive("https://archive.example.org/", (
        Part("shaoxing", ("shaoxing",), "https://shaoxing.example.org/"),
        Part("quzhou", ("quzhou",), "https://quzhou.example.org/"),
        Part("jiaxing", ("jiaxing",), "https://jiaxing.example.org/")))
    parts = assign_parts(archive, by_city, CONFIG)
    assert {name: [p.name for p in files] for name, files in parts.items()} == {
        "shaoxing": ["shaoxing-2015-03.txt", "shaoxing-2016-07.txt", "shaoxing-2017-04.txt"],
        "quzhou": ["quzhou-2018-03-04.txt"], "jiaxing": ["jiaxing-2017-05.txt"]}


def test_a_flat_folder_split_by_globs_and_by_period(flat):
    """Globs split gazettes/ without moving a file, and a city by period (region × years)."""
    archive = read_archive({"portal": {"site_url": "https://a.example.org/"}, "parts": [
        {"name": "shaoxing-2015-2016", "gazettes": ["shaoxing-2015-*", "shaoxing-2016-*"], "site_url": "https://s1.example.org/"},
        {"name": "shaoxing-2017", "gazettes": "shaoxing-2017-*", "site_url": "https://s2.example.org/"},
        {"name": "others", "gazettes": ["quzhou-*", "jiaxing-*.txt"], "site_url": "https://o.example.org/"}]}, CONFIG)
    parts = assign_parts(archive, flat, CONFIG)
    assert [len(parts[p.name]) for p in archive.parts] == [2, 1, 2]


def test_a_gazette_in_no_part_is_an_error_naming_it(by_city):
    declared = {**BY_CITY, "parts": BY_CITY["parts"][:2]}
    error = refused(lambda: assign_parts(read_archive(declared, CONFIG), by_city, CONFIG))
    assert error.code == "archive-no-part" and Path(error.path).name == "jiaxing-2017-05.txt"
    assert "不属于任何分站" in str(error) and str(error).startswith(error.path)


def test_a_gazette_in_two_parts_is_an_error_naming_it_and_both(by_city):
    declared = {**BY_CITY, "parts": [*BY_CITY["parts"], {"name": "all-2017", "gazettes": "*/*-2017-*",
                                                          "site_url": "https://y.example.org/"}]}
    error = refused(lambda: assign_parts(read_archive(declared, CONFIG), by_city, CONFIG))
    assert error.code == "archive-two-parts" and Path(error.path).name == "jiaxing-2017-05.txt"   # the first in order
    assert "分站 jiaxing 和 all-2017" in error.message


@pytest.mark.parametrize("pattern", ["../elsewhere", "/etc", "shaoxing/../../x"])
def test_a_pattern_cannot_leave_the_gazette_folder(by_city, pattern):
    declared = {**BY_CITY, "parts": [{**BY_CITY["parts"][0], "gazettes": pattern}, *BY_CITY["parts"][1:]]}
    error = refused(lambda: assign_parts(read_archive(declared, CONFIG), by_city, CONFIG))
    assert error.code == "archive-pattern" and error.path == CONFIG


def test_a_part_that_matches_nothing_is_an_error(by_city):
    declared = {**BY_CITY, "parts": [*BY_CITY["parts"], {"name": "hangzhou", "gazettes": "hangzhou",
                                                          "site_url": "https://h.example.org/"}]}
    assert refused(lambda: assign_parts(read_archive(declared, CONFIG), by_city, CONFIG)).code == "archive-empty-part"


@pytest.mark.parametrize("declared, code", [
    ([1, 2], "archive-not-mapping"),
    ({"parts": BY_CITY["parts"]}, "archive-not-mapping"),
    ({"portal": {"site_url": "archive.example.org"}, "parts": BY_CITY["parts"]}, "archive-url"),
    ({"portal": BY_CITY["portal"], "parts": []}, "archive-no-parts"),
    ({"portal": BY_CITY["portal"], "parts": [{"name": "x", "gazettes": "x"}]}, "archive-part"),
    ({"portal": BY_CITY["portal"], "parts": [{**BY_CITY["parts"][0], "name": "Shao Xing"}]}, "archive-name"),
    ({"portal": BY_CITY["portal"], "parts": [{**BY_CITY["parts"][0], "name": "portal"}]}, "archive-name"),
    ({"portal": BY_CITY["portal"], "parts": [BY_CITY["parts"][0], {**BY_CITY["parts"][1], "name": "shaoxing"}]},
     "archive-name"),
    ({"portal": BY_CITY["portal"], "parts": [BY_CITY["parts"][0], {**BY_CITY["parts"][1],
                                                                     "site_url": "https://shaoxing.example.org"}]},
     "archive-same-url"),
    ({"portal": {"site_url": "https://shaoxing.example.org/"}, "parts": BY_CITY["parts"]}, "archive-same-url"),
])
def test_a_faulty_declaration_is_one_error_naming_mkdocs_yml(declared, code):
    error = refused(lambda: read_archive(declared, CONFIG))
    assert error.code == code and error.path == CONFIG and str(error).startswith(f"{CONFIG}: {code}：")
