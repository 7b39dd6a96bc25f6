"""robots.txt parsing per RFC 9309 (the fetching side of case 8 is in test_web_fetcher.py)."""

from __future__ import annotations

from companyscout.web.robots import Robots, parse_robots

SITE = "https://acme.example"


def test_longest_match_wins_and_allow_wins_ties() -> None:
    robots = parse_robots("User-agent: *\nDisallow: /press/\nAllow: /press/kit\nDisallow: /a\nAllow: /a\n")
    assert not robots.allows(f"{SITE}/press/2024")
    assert robots.allows(f"{SITE}/press/kit.zip")
    assert robots.allows(f"{SITE}/a")


def test_wildcards_and_end_anchor() -> None:
    robots = parse_robots("User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?session=\n")
    assert not robots.allows(f"{SITE}/docs/report.pdf")
    assert robots.allows(f"{SITE}/docs/report.pdf.html")
    assert not robots.allows(f"{SITE}/team?session=42")
    assert robots.allows(f"{SITE}/team")


def test_own_group_replaces_the_star_group_and_groups_combine() -> None:
    text = (
        "User-agent: *\nDisallow: /\n\n"
        "User-agent: companyscout/0.1\nDisallow: /private\n\n"
        "User-agent: other\nUser-agent: CompanyScout\nDisallow: /drafts\nCrawl-delay: 2\n"
    )
    robots = parse_robots(text)
    assert robots.allows(f"{SITE}/about")
    assert not robots.allows(f"{SITE}/private/x") and not robots.allows(f"{SITE}/drafts/y")
    assert robots.crawl_delay == 2.0


def test_empty_disallow_allows_and_rules_outside_groups_ignored() -> None:
    robots = parse_robots("Disallow: /\nUser-agent: *\nDisallow:\n")
    assert robots.allows(f"{SITE}/anything")


def test_percent_encoding_compared_in_one_form() -> None:
    robots = parse_robots("User-agent: *\nDisallow: /café\n")
    assert not robots.allows(f"{SITE}/caf%C3%A9/menu")


def test_sitemaps_listed_anywhere_and_robots_txt_always_allowed() -> None:
    robots = parse_robots("Sitemap: https://acme.example/s1.xml\nUser-agent: *\nDisallow: /\nSitemap: /s2.xml\n")
    assert robots.sitemaps == ["https://acme.example/s1.xml", "/s2.xml"]
    assert robots.allows(f"{SITE}/robots.txt")
    assert not robots.allows(f"{SITE}/")


def test_unreachable_means_nothing_allowed() -> None:
    assert not Robots.disallowing_all().allows(f"{SITE}/")
    assert Robots.allowing_all().allows(f"{SITE}/private")


def test_bad_crawl_delay_ignored() -> None:
    assert parse_robots("User-agent: *\nCrawl-delay: soon\n").crawl_delay is None
    assert parse_robots("User-agent: *\nCrawl-delay: -3\n").crawl_delay is None
