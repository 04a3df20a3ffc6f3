"""An archive in parts, built as an archivist builds it (``python -m generator archive build``):
the sample corpus as three parts by city and a portal (tests/archive_support.py).

What must hold (issue 29's acceptance): every page a reader could reach in the single site can
still be reached on some site of the archive; a citation of a document in another part is an
absolute link to that part; the portal answers every document's address; two builds of the same
input are byte-identical, site by site, search files and sitemap.xml.gz included; a part built
alone from the catalogue (a CI matrix job) is the same as in the whole build; and a catalogue
made from other input is refused. Pages are read with html.parser.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from archive_support import PARTS, differing_files, run_archive_build, sample_archive, write_archive_config
from generator import urls
from generator.catalogue import CATALOGUE_DIR, COMMON_FILE, SITES_DIR
from site_builder import GAZETTES, PageText, sample_site

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def archive():
    return sample_archive()


@pytest.fixture(scope="module")
def catalogue(archive):
    with open(archive.out / CATALOGUE_DIR / SITES_DIR / COMMON_FILE, "rb") as f:     # the portal's view
        return pickle.load(f)


def links(page: Path) -> set[str]:
    """Every link of a built page's article."""
    return {a["href"] for tag, a in PageText(page.read_text(encoding="utf-8")).article_tags if tag == "a" and "href" in a}


def html_pages(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}


def test_every_page_of_the_single_site_is_on_a_site_of_the_archive(archive):
    """Each HTML page of the single sample site is at the same path on the portal or a part."""
    single = html_pages(sample_site() / "site")
    served = set().union(*(html_pages(archive.folder(name)) for name in archive.sites))
    assert single - served == set()
    assert len(single) > 300


def test_each_document_is_on_its_part_and_answered_by_the_portal(archive, catalogue):
    """A document's page is on the part holding its gazette and on no other part; the portal's page
    at its address is a redirect to it there."""
    for key, part in catalogue.homes.items():
        page = urls.page_file(key)
        assert (archive.folder(part) / page).is_file(), (part, key)
        others = [name for name, _, _ in PARTS if name != part and (archive.folder(name) / page).is_file()]
        assert others == [], (key, others)
        portal_page = (archive.folder("portal") / page).read_text(encoding="utf-8")
        assert f'content="0;url={urls.absolute_url(archive.url(part), key)}"' in portal_page, key


def test_a_citation_of_another_parts_document_is_an_absolute_link_to_that_part(archive, catalogue):
    """Every resolved citation across parts is printed as a link to the cited page's absolute
    address on its part; within a part, links stay relative."""
    corpus, homes = catalogue.corpus, catalogue.homes
    across = within = 0
    for citation in corpus.citations:
        target = corpus.link_target(citation.cited_number, citation.citing_key, citation.cited_title)
        if target not in corpus.documents or citation.block is None:
            continue
        part = homes[citation.citing_key]
        hrefs = links(archive.folder(part) / urls.page_file(citation.citing_key))
        absolute = urls.absolute_url(archive.url(homes[target]), target)
        if homes[target] != part:
            across += 1
            assert absolute in hrefs, (citation.citing_key, target)
        else:
            within += 1
            assert absolute not in hrefs and not any(h.startswith("http") and target in h for h in hrefs)
    assert within > 0
    # the sample's cities cite each other rarely: the portal's indexes link every part instead
    portal_links = links(archive.folder("portal") / "issuers" / "index.html")
    assert portal_links


def test_the_portal_holds_the_archive_wide_pages_and_the_parts_do_not(archive):
    """Indexes, ledgers, data and feeds are on the portal only; every site has a home, a search page
    and its share of the search index."""
    for folder in ("issuers", "years", "types", "regions", "levels", "series", "wanted", "repealed", "data", "feeds"):
        assert (archive.folder("portal") / folder).is_dir(), folder
        for name, _, _ in PARTS:
            assert not (archive.folder(name) / folder).exists(), (name, folder)
    for name in archive.sites:
        for page in ("index.html", "search/index.html", "search-index/index.json"):
            assert (archive.folder(name) / page).is_file(), (name, page)


def test_no_site_serves_the_whole_search_index(archive):
    """The index is written once and spread: each site holds some of its files and none all."""
    counts = {name: len(list(archive.folder(name).glob("search-index/*/**/*.bin"))) for name in archive.sites}
    whole = len(list((archive.out / CATALOGUE_DIR / "search-index").glob("*/**/*.bin")))
    assert sum(counts.values()) == whole
    assert all(0 < n < whole for n in counts.values()), counts


def test_two_builds_of_the_same_input_are_byte_identical(archive, tmp_path):
    """Another build from scratch (its own cache, its own output folder) gives the same bytes in every
    site, search files and sitemap.xml.gz included; SOURCE_DATE_EPOCH is pinned by the build."""
    config = write_archive_config(tmp_path, {name: archive.url(name) for name in archive.sites})
    result = run_archive_build(config, tmp_path / "out", "--jobs", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    for name in archive.sites:
        assert differing_files(archive.folder(name), tmp_path / "out" / name) == [], name
        assert (tmp_path / "out" / name / "sitemap.xml.gz").is_file()


def test_one_part_built_alone_from_the_catalogue_is_the_same(archive, tmp_path):
    """``--part NAME`` (one job of the CI matrix) builds that site from the catalogue alone."""
    out = tmp_path / "out"
    shutil.copytree(archive.out / CATALOGUE_DIR, out / CATALOGUE_DIR)
    result = run_archive_build(archive.config, out, "--part", "quzhou")
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["quzhou"]
    assert differing_files(archive.folder("quzhou"), out / "quzhou") == []


def test_a_catalogue_of_other_input_is_refused(archive, tmp_path):
    """The catalogue is a cache: a part build whose gazettes differ from the catalogue's is refused,
    naming the catalogue and what to run, and builds nothing."""
    gazettes = tmp_path / "gazettes"
    shutil.copytree(GAZETTES, gazettes)
    edited = gazettes / "quzhou-2018-03-04.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    config = write_archive_config(tmp_path, {name: archive.url(name) for name in archive.sites}, gazettes)
    out = tmp_path / "out"
    shutil.copytree(archive.out / CATALOGUE_DIR, out / CATALOGUE_DIR)
    result = run_archive_build(config, out, "--part", "quzhou")
    assert result.returncode == 1
    assert "archive-stale-catalogue" in result.stderr or "不是由当前的公报" in result.stderr
    assert not (out / "quzhou" / "index.html").exists()


def test_a_gazette_in_no_part_is_one_error_naming_it(archive, tmp_path):
    """A gazette file the declared parts do not cover stops the archive build with one line naming
    the file (the catalogue cannot give it an address)."""
    gazettes = tmp_path / "gazettes"
    shutil.copytree(GAZETTES, gazettes)
    shutil.copy(gazettes / "jiaxing-2017-05.txt", gazettes / "huzhou-2017-05.txt")
    config = write_archive_config(tmp_path, {name: archive.url(name) for name in archive.sites}, gazettes)
    result = run_archive_build(config, tmp_path / "out")
    assert result.returncode == 2
    assert "huzhou-2017-05.txt" in result.stderr and "不属于任何分站" in result.stderr


def test_archive_build_without_a_declared_archive_says_so():
    result = run_archive_build(Path(__file__).resolve().parent.parent / "mkdocs.yml", Path("/nonexistent-out"))
    assert result.returncode == 2
    assert "declares no archive" in result.stderr
