"""Achievements and people on small websites written for these tests, in markup the corpus lacks.

Each folder of ``tests/sites_news/`` is a site (home, a news/press/blog listing, item pages, a
team page) with ``labels.json``: the five newest achievements, every person with a title, and
texts that must not come out as achievements or people (authors, customers quoted in
testimonials, job ads, future events, footers). Each site is read twice: page by page with the
extractors, and end to end with ``build_briefing`` on a real 127.0.0.1 server, so that page
planning and the following of listings are exercised too.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from companyscout.extract.news import (
    dedupe_achievements,
    extract_achievements,
    extract_awards,
    extract_release,
    sort_achievements,
)
from companyscout.extract.page import ParsedPage, parse_page
from companyscout.extract.people import extract_people, extract_team_sections
from companyscout.model import Achievement, Person
from companyscout.pipeline import BriefOptions, build_briefing
from companyscout.web.limits import FetchLimits

SITES = Path(__file__).parent / "sites_news"
SITE_NAMES = sorted(p.name for p in SITES.iterdir() if (p / "labels.json").is_file())
BASE = "https://www.example.org/"
CORPUS_SITE = Path(__file__).resolve().parents[1] / "bench" / "corpus_site.py"


def _labels(site: str) -> dict[str, Any]:
    labels: dict[str, Any] = json.loads((SITES / site / "labels.json").read_text(encoding="utf-8"))
    return labels


def _words(text: str | None) -> str:
    """Return ``text`` compared loosely: accents, case, quotes and punctuation dropped."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", text))


def _page(site: str, path: str, role: str) -> ParsedPage:
    html = (SITES / site / path).read_text(encoding="utf-8")
    url = BASE + re.sub(r"index\.html$", "", path)
    return parse_page(url, html, role)


def _names(site: str) -> list[str]:
    return [_labels(site)["company"]]


def _extracted(site: str) -> tuple[list[Achievement], list[Person]]:
    """Return what the extractors read from the site's pages, combined as a briefing combines them."""
    pages = _labels(site)["pages"]
    names = _names(site)
    items: list[Achievement] = []
    for path in [pages["home"], *pages.get("news", [])]:
        items += extract_achievements(_page(site, path, "news"), names=names)
    for path in pages.get("item", []):
        release = extract_release(_page(site, path, "item"))
        if release is not None:
            items.append(release)
    for path in [pages["home"], *pages.get("about", [])]:
        items += extract_awards(_page(site, path, "about"))
    people: dict[str, Person] = {}
    found = [extract_people(_page(site, path, "team")) for path in pages.get("team", [])]
    found += [extract_team_sections(_page(site, path, "about")) for path in [pages["home"], *pages.get("about", [])]]
    for person in (person for page_people in found for person in page_people):
        kept = people.setdefault(person.name.casefold(), person)
        if kept.title is None:
            kept.title = person.title
    return sort_achievements(dedupe_achievements(items)), list(people.values())


def _check_achievements(site: str, got: list[Achievement]) -> None:
    """Assert that the newest five of ``got`` are the labelled ones, and that no text labelled as
    no achievement (an author, a job ad, an event to come) is among them all."""
    labels = _labels(site)
    expected = [(a["date"], _words(a["title"])) for a in labels["achievements"]]
    newest = [(a.date, _words(a.title)) for a in got[: len(expected)]]
    assert newest == expected
    titles = [_words(a.title) for a in got]
    for also in labels.get("also_achievements", []):
        assert (also["date"], _words(also["title"])) in [(a.date, _words(a.title)) for a in got]
    for wrong in labels.get("not_achievements", []):
        assert not [t for t in titles if _words(wrong) in t], wrong


def _check_people(site: str, got: list[Person]) -> None:
    """Assert that ``got`` names exactly the labelled people (recall and precision) with their titles."""
    labels = _labels(site)
    expected = {_words(p["name"]): _words(p["title"]) for p in labels["people"]}
    found = {_words(p.name): _words(p.title) for p in got}
    assert found == expected


@pytest.mark.parametrize("site", SITE_NAMES)
def test_the_extractors_read_each_site(site: str) -> None:
    achievements, people = _extracted(site)
    _check_achievements(site, achievements)
    _check_people(site, people)


@pytest.fixture(scope="module")
def briefings() -> dict[str, Any]:
    """Return each site's briefing, made end to end from a real server on 127.0.0.1."""
    spec = importlib.util.spec_from_file_location("scout_bench_corpus_site", CORPUS_SITE)
    assert spec is not None and spec.loader is not None
    corpus_site = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = corpus_site  # dataclasses look their module up while being defined
    spec.loader.exec_module(corpus_site)
    found = {}
    # Healthy sites on 127.0.0.1: generous timeouts cost nothing here, and hold on a loaded machine.
    limits = FetchLimits(connect_timeout=5.0, read_timeout=10.0, page_deadline=30.0, retries=0)
    for site in SITE_NAMES:
        with corpus_site.serve_site(SITES / site) as (home, _log):
            # The sites are served one after another, on ports the system may hand out again: a
            # page cached from one site must not answer (through a 304) for the next.
            options = BriefOptions(max_pages=20, no_external=True, trusted=True, limits=limits, refresh=True)
            found[site] = build_briefing(home, options=options)
    return found


def _unless_known_gap(site: str, field: str, check: Callable[[], None]) -> None:
    """Run ``check``; a gap of the briefing that labels.json names for ``field`` is an expected
    failure until it is closed, and a closed gap fails so that its note is removed."""
    gap = _labels(site).get("briefing_gaps", {}).get(field)
    try:
        check()
    except AssertionError:
        if gap:
            pytest.xfail(gap)
        raise
    assert not gap, f"the briefing gets the {field} right now: remove the gap from labels.json"


@pytest.mark.parametrize("site", SITE_NAMES)
def test_a_briefing_finds_each_site_s_achievements(site: str, briefings: dict[str, Any]) -> None:
    _unless_known_gap(site, "achievements", lambda: _check_achievements(site, briefings[site].achievements))


@pytest.mark.parametrize("site", SITE_NAMES)
def test_a_briefing_finds_each_site_s_people(site: str, briefings: dict[str, Any]) -> None:
    _unless_known_gap(site, "people", lambda: _check_people(site, briefings[site].people))


@pytest.mark.parametrize("site", SITE_NAMES)
def test_a_briefing_plans_the_careers_page(site: str, briefings: dict[str, Any]) -> None:
    careers = _labels(site)["pages"].get("careers")
    if careers is None:
        pytest.skip("the site has no careers page")
    fetched = {re.sub(r"^https?://[^/]+/", "", p.url).rstrip("/") for p in briefings[site].pages if p.status == 200}
    assert careers.removesuffix("index.html").rstrip("/") in fetched
