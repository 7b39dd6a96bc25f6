"""Page discovery: roles from paths and link texts, link traps, duplicates, translations, budget."""

from __future__ import annotations

import pytest

from companyscout.extract.page import parse_page
from companyscout.web.discover import (
    MAX_LINKS_PER_PAGE,
    Link,
    classify,
    guessed_links,
    is_trap,
    page_key,
    page_links,
    plan_pages,
    site_aliases,
    translation_language,
)

HOME = "https://acme.example/"


def on_site(url: str) -> bool:
    return url.startswith(HOME)


@pytest.mark.parametrize(
    ("url", "text", "role"),
    [
        ("https://acme.example/about-us/", "", "about"),
        ("https://acme.example/company/our-values", "", "values"),
        ("https://acme.example/press-releases/", "", "news"),
        ("https://acme.example/ueber-uns/", "", "about"),
        ("https://acme.example/x17/", "Leadership", "team"),
        ("https://acme.example/work-at-acme", "Careers", "careers"),
        ("https://acme.example/about/mission/", "", "mission"),
        ("https://acme.example/team/jane-doe", "", "person"),
        ("https://acme.example/news/acme-raises-series-b", "", "item"),
    ],
)
def test_roles_from_paths_and_menu_labels(url: str, text: str, role: str) -> None:
    guess = classify(url, text)
    assert guess is not None and guess[0] == role


def test_long_teaser_texts_say_nothing_of_the_target() -> None:
    assert (
        classify(
            "https://acme.example/case-studies/cricket", "Sports analytics: how one team used Acme to read the game"
        )
        is None
    )


def test_spellings_of_one_page_share_a_key() -> None:
    keys = {
        page_key(u)
        for u in [
            "https://acme.example/values.html",
            "https://acme.example/values/index.html",
            "https://acme.example/values/",
            "https://ACME.example/values",
        ]
    }
    assert len(keys) == 1


@pytest.mark.parametrize(
    "url",
    [
        "https://acme.example/news/?page=7",
        "https://acme.example/tag/robots/",
        "https://acme.example/blog/page/3/",
        "https://acme.example/brochure.pdf",
        "https://acme.example/category/news/",
        "ftp://acme.example/team/",
        "https://acme.example/news/index.html@author=5a60.html",
    ],
)
def test_link_traps(url: str) -> None:
    assert is_trap(url)


def test_translations_are_told_from_the_main_language() -> None:
    assert translation_language("https://acme.example/es/news/", HOME) == "es"
    assert translation_language("https://acme.example/about/mission-de/", HOME) == "de"
    assert translation_language("https://acme.example/en/news/", "https://acme.example/en/") is None
    assert translation_language("https://acme.example/about/", HOME) is None


def test_plan_prefers_menus_dedupes_spellings_and_skips_translations() -> None:
    links = [
        Link(HOME + "about/", "About", "nav"),
        Link(HOME + "about/index.html", "About us", "page"),
        Link(HOME + "es/about/", "Sobre", "nav"),
        Link(HOME + "team/", "Team", "nav"),
        Link(HOME + "press/", "Press", "nav"),
        Link(HOME + "careers/", "Jobs", "nav"),
        Link("https://other.example/about/", "About", "nav"),
        Link(HOME + "contact/", "Contact", "nav"),
    ]
    plan = plan_pages(HOME, links, max_pages=25, in_scope=on_site)
    assert [(p.url, p.role) for p in plan] == [
        (HOME + "about/", "about"),
        (HOME + "team/", "team"),
        (HOME + "press/", "news"),
        (HOME + "careers/", "careers"),
    ]


def test_the_budget_holds_against_a_hundred_thousand_links_and_a_calendar() -> None:
    anchors = "".join(f'<a href="/p{i}/">About {i}</a>' for i in range(100_000))
    calendar = "".join(f'<a href="/events/?page={i}">Events</a>' for i in range(1000))
    page = parse_page(HOME, f"<html><body>{calendar}{anchors}</body></html>", "home")
    links = page_links(page)
    assert len(links) == MAX_LINKS_PER_PAGE
    plan = plan_pages(HOME, links, max_pages=10, in_scope=on_site, reserve=3, fill=True)
    assert len(plan) == 6
    assert not any("?" in p.url for p in plan)


def test_links_of_a_page_resolved_marked_and_moved_from_the_public_host() -> None:
    page = parse_page(
        "http://127.0.0.1:8000/",
        """<html><head>
      <meta property="og:url" content="https://acme.example/"></head><body>
      <nav><a href="/about/">About</a></nav><main><a href="https://acme.example/team/#top">Team</a>
      <a href="mailto:x@acme.example">Mail</a><a href="#x">Top</a></main></body></html>""",
        "home",
    )
    links = page_links(page, site_aliases(page))
    assert [(link.url, link.origin) for link in links] == [
        ("http://127.0.0.1:8000/about/", "nav"),
        ("http://127.0.0.1:8000/team/", "page"),
    ]


def test_common_places_are_guessed_under_the_home_page() -> None:
    urls = [link.url for link in guessed_links("https://acme.example/site/index.html")]
    assert "https://acme.example/site/about/" in urls and "https://acme.example/site/team/" in urls


def test_pages_in_the_declared_main_language_are_no_translations() -> None:
    assert translation_language("https://acme.example/en/about/", HOME, "en") is None
    assert translation_language("https://acme.example/de/about/", HOME, "en") == "de"
    links = [Link(HOME + "en/about/", "About", "nav"), Link(HOME + "de/about/", "Über uns", "nav")]
    plan = plan_pages(HOME, links, max_pages=25, in_scope=on_site, language="en")
    assert [p.url for p in plan] == [HOME + "en/about/"]


@pytest.mark.parametrize(
    ("url", "text", "role"),
    [
        ("https://acme.example/work-at-acme/", "Job Postings", "careers"),
        ("https://acme.example/open-roles/", "Job postings", "careers"),
        ("https://acme.example/we-are-growing/", "Work with us", "careers"),
        ("https://acme.example/p/17/", "Join our team", "careers"),
        ("https://acme.example/working-at-acme/", "Working at Acme", "careers"),
        ("https://acme.example/nous-rejoindre/", "Nous rejoindre", "careers"),
        ("https://acme.example/company/executives/", "Leadership", "team"),
        ("https://acme.example/x/", "Our people", "team"),
        ("https://acme.example/company/", "Who we are", "about"),
        ("https://acme.example/equipe/", "Qui sommes-nous", "team"),  # the path names the role exactly
        ("https://acme.example/blog/why-mixed-plastics-need-enzymes", "", "item"),
        ("https://acme.example/news/our-founding-story/", "", "item"),
    ],
)
def test_roles_from_phrases_in_paths_and_menu_labels(url: str, text: str, role: str) -> None:
    guess = classify(url, text)
    assert guess is not None and guess[0] == role


def test_a_linked_careers_page_is_planned() -> None:
    links = [
        Link(HOME + "about/", "About", "nav"),
        Link(HOME + "news/", "News", "nav"),
        Link(HOME + "open-roles/", "Job postings", "nav"),
    ]
    plan = plan_pages(HOME, links, max_pages=25, in_scope=on_site)
    assert (HOME + "open-roles/", "careers") in [(p.url, p.role) for p in plan]


def test_leadership_pages_are_planned_before_board_pages() -> None:
    links = [
        Link(HOME + "company/board/", "Board", "nav"),
        Link(HOME + "company/executives/", "Leadership", "nav"),
        Link(HOME + "members/", "Members", "nav"),
    ]
    plan = [p.url for p in plan_pages(HOME, links, max_pages=25, in_scope=on_site) if p.role == "team"]
    assert plan[0] == HOME + "company/executives/"


def test_a_product_overview_is_not_the_about_page() -> None:
    # "Overview" alone names product and video overviews as often as the company's own page.
    assert classify("https://acme.com/platform-overview", "Platform overview") is None
    assert classify("https://acme.com/video-overview-of-acme", "Video overview") is None
    assert classify("https://acme.com/company-overview/", "Company overview") == ("about", 1.0)


def test_a_second_page_of_a_role_is_planned_only_when_it_names_the_role() -> None:
    # Pages merely below /about/ are no second about page: each would cost a request for nothing.
    links = [
        Link(HOME + "about/", "About", "nav"),
        Link(HOME + "about/faq/", "FAQ", "page"),
        Link(HOME + "about/colophon/", "Colophon", "page"),
        Link(HOME + "news/", "News", "nav"),
    ]
    planned = [p.url for p in plan_pages(HOME, links, max_pages=25, in_scope=on_site) if p.role == "about"]
    assert planned == [HOME + "about/"]
    story = Link(HOME + "about/our-story/", "Our story", "page")
    planned = [p.url for p in plan_pages(HOME, [*links, story], max_pages=25, in_scope=on_site) if p.role == "about"]
    assert planned == [HOME + "about/", HOME + "about/our-story/"]
