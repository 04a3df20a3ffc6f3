"""The home page: what the archive holds, the search box, the latest issue, the ways in (one line
per kind that gives a :class:`~generator.render.registry.HomeLink`), the newest documents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import urls
from ...model import GazetteIssue
from ...corpus.views import issue_label
from ..registry import HOME_FILE, PLACED, HomeLink, PageKind, home_links, register
from ..site import SITE_NAME, DocRow, Site, newest_first

HOME_NEWEST = 8          # newest documents listed on the home page
# newest issues listed on the home page; every issue is on the issue index (g/): the home page listed
# them all, 1,712 links and 225 KB at 25,000 documents, on every site of an archive
HOME_ISSUES = 12


@dataclass(frozen=True)
class HomePage:
    """The context of home.md.j2."""

    site_name: str
    counts: dict[str, int]
    issues: list[dict]
    latest: dict | None
    newest: list[DocRow]
    first_year: int | None
    last_year: int | None
    browse: list[HomeLink]


def issue_recency(issue: GazetteIssue) -> tuple:
    """Sort key for gazette issues by recency: year, month published, then slug (sort reversed)."""
    return (issue.year or 0, issue.published or "", urls.issue_slug(issue))


def home_page(site: Site) -> str:
    corpus = site.corpus
    issues = [{"label": issue_label(i), "key": urls.issue_key(i), "count": len(i.documents)}
              for i in sorted(corpus.issues, key=issue_recency, reverse=True)]
    years = sorted(site.by_year)
    return site.render("home.md.j2", urls.HOME, {"kind": "home"}, HomePage(
        site_name=SITE_NAME,
        counts={"issues": len(corpus.issues), "documents": len(corpus.documents),
                "issuers": len(site.by_issuer), "years": len(site.by_year)},
        issues=issues[:HOME_ISSUES], latest=issues[0] if issues else None,
        newest=sorted(site.rows.values(), key=lambda r: newest_first(r.date, r.key))[:HOME_NEWEST],
        first_year=years[0] if years else None, last_year=years[-1] if years else None,
        browse=home_links(site)))


def pages(site: Site) -> Iterator[tuple[str, str]]:
    yield HOME_FILE, home_page(site)


register(PageKind("home", pages, placement=PLACED), priority=0)
