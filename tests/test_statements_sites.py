"""Mission, values and culture on small websites written for these tests, in markup the corpus lacks.

Each folder of ``tests/sites_statements/`` is one organisation's site (home, about, values or
culture, careers pages) with a ``labels.json`` a reader wrote: the mission (or null), the value
names, and sentences on culture that must be among those found (or null when not checked).
Pages are parsed with the role the page planner gives their URL, as a briefing would see them;
two sites are also briefed end to end from a real server on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from servers import TestServer, page, robots, server  # noqa: F401 - server is a fixture

from companyscout.extract.page import ParsedPage, parse_page
from companyscout.extract.statements import Statements, extract_statements
from companyscout.pipeline import BriefOptions, build_briefing
from companyscout.talking import MAX_POINT_CHARS
from companyscout.web.discover import classify
from companyscout.web.limits import FetchLimits

SITES = Path(__file__).resolve().parent / "sites_statements"
BASE = "http://127.0.0.1:8000/"
# Generous limits: on a loaded machine a slow answer from the local server is not a missing page.
QUICK = FetchLimits(connect_timeout=2.0, read_timeout=10.0, page_deadline=10.0, retries=0, backoff_base=0.0)


def _site_names() -> list[str]:
    return sorted(p.name for p in SITES.iterdir() if (p / "labels.json").is_file())


def _labels(site: str) -> dict[str, Any]:
    labels: dict[str, Any] = json.loads((SITES / site / "labels.json").read_text(encoding="utf-8"))
    return labels


def _url_path(file: Path, folder: Path) -> str:
    """Return the path a static host serves ``file`` at ("about/index.html" → "/about/")."""
    relative = file.relative_to(folder).as_posix()
    return "/" + relative.removesuffix("index.html")


def _pages(site: str) -> list[ParsedPage]:
    """Return the site's pages parsed with the roles the page planner gives their URLs, home first."""
    folder = SITES / site
    pages: list[ParsedPage] = []
    for file in sorted(folder.rglob("*.html"), key=lambda f: (f.parent != folder, str(f))):
        url = BASE.rstrip("/") + _url_path(file, folder)
        guess = classify(url)
        role = "home" if url == BASE else guess[0] if guess else "other"
        pages.append(parse_page(url, file.read_text(encoding="utf-8"), role))
    return pages


def _words(text: str | None) -> Counter[str]:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return Counter(re.findall(r"\w+", text))


@pytest.fixture(scope="module")
def statements() -> dict[str, Statements]:
    return {site: extract_statements(_pages(site)) for site in _site_names()}


@pytest.mark.parametrize("site", _site_names())
def test_mission_is_the_stated_one_or_none(site: str, statements: dict[str, Statements]) -> None:
    expected = _labels(site)["mission"]
    found = statements[site].mission
    if expected is None:
        assert found is None
    else:
        assert found is not None and _words(found.text) == _words(expected), found


@pytest.mark.parametrize("site", _site_names())
def test_values_are_the_stated_names_in_order(site: str, statements: dict[str, Statements]) -> None:
    assert [v.name for v in statements[site].values] == _labels(site)["values"]


@pytest.mark.parametrize("site", _site_names())
def test_culture_names_how_people_work_there(site: str, statements: dict[str, Statements]) -> None:
    expected = _labels(site)["culture"]
    if expected is None:
        pytest.skip("culture is not labelled on this site")
    found = [c.text for c in statements[site].culture]
    if not expected:
        assert found == []
    for sentence in expected:
        assert sentence in found, found


@pytest.mark.parametrize("site", _site_names())
def test_every_fact_keeps_a_page_of_the_site_as_its_source(site: str, statements: dict[str, Statements]) -> None:
    found = statements[site]
    sources = [v.source for v in found.values] + [c.source for c in found.culture]
    sources += [found.mission.source] if found.mission else []
    assert all(s.startswith(BASE) for s in sources)
    assert found.warnings == []


def _serve(server: TestServer, site: str) -> None:  # noqa: F811
    folder = SITES / site
    server.route("/robots.txt", robots("User-agent: *\nDisallow:\n"))
    for file in folder.rglob("*.html"):
        server.route(_url_path(file, folder), page(file.read_text(encoding="utf-8")))


@pytest.mark.parametrize("site", ["elementor-payroll", "table-values"])
def test_a_briefing_of_the_served_site_states_what_the_site_states(site: str, server: TestServer) -> None:  # noqa: F811
    _serve(server, site)
    options = BriefOptions(no_external=True, trusted=True, limits=QUICK, max_pages=10)
    briefing = build_briefing(server.url("/"), options=options)
    labels = _labels(site)
    assert briefing.mission is not None and _words(briefing.mission.text) == _words(labels["mission"])
    assert [v.name for v in briefing.values] == labels["values"]
    assert set(labels["culture"]) <= {c.text for c in briefing.culture}
    points = briefing.talking_points
    assert 3 <= len(points) <= 6
    assert all(len(p.text) <= MAX_POINT_CHARS and p.source.startswith(server.url("/")) for p in points)
    # The claim in the hero and the cookie notice's "mission" are no facts of the briefing.
    assert not any("#1" in p.text or "cookie" in p.text.lower() for p in points)
