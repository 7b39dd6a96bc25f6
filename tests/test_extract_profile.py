"""The organisation's name, description and social profiles from JSON-LD, meta tags and the page."""

from __future__ import annotations

import json

from companyscout.extract.page import ParsedPage, parse_page
from companyscout.extract.profile import extract_profile, social_profile
from companyscout.extract.statements import extract_statements

HOME = "https://acme.example/"


def page(body: str = "", head: str = "", url: str = HOME, role: str = "home") -> ParsedPage:
    return parse_page(url, f"<html><head>{head}</head><body>{body}</body></html>", role)


def test_json_ld_organisation_gives_name_description_and_profiles() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "Home"},
            {
                "@type": ["Organization", "Thing"],
                "name": "Acme Robotics",
                "description": "Acme builds robots.",
                "sameAs": ["https://twitter.com/acme", "https://www.linkedin.com/company/acme/about/"],
            },
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script><title>Home | Acme</title>'
    profile = extract_profile([page(head=head)])
    assert profile.company == "Acme Robotics"
    assert profile.description == "Acme builds robots."
    assert profile.social == ["https://twitter.com/acme", "https://www.linkedin.com/company/acme"]


def test_broken_json_ld_falls_back_to_opengraph() -> None:
    head = (
        '<script type="application/ld+json">{not json</script>'
        '<meta property="og:site_name" content="Acme"><meta property="og:title" content="HOME">'
        '<meta name="description" content="Scientific software that saves time.">'
    )
    profile = extract_profile([page(head=head)])
    assert (profile.company, profile.description) == ("Acme", "Scientific software that saves time.")


def test_name_is_the_title_segment_every_page_shares() -> None:
    pages = [
        page(head="<title>Home — Acme &amp; Co</title>"),
        page(head="<title>Team — Acme &amp; Co</title>", url=HOME + "team/", role="team"),
        page(head="<title>Values | Acme &amp; Co</title>", url=HOME + "values/", role="values"),
    ]
    assert extract_profile(pages).company == "Acme & Co"


def test_single_title_drops_the_generic_page_name() -> None:
    assert extract_profile([page(head="<title>Welcome | Acme Art Space</title>")]).company == "Acme Art Space"


def test_description_falls_back_to_the_first_substantive_paragraph() -> None:
    body = (
        "<nav><p>Home About Contact and many other links that are here to stay.</p></nav>"
        "<h1>Acme</h1><p>Become a member</p>"
        "<p>Acme is the county's first community maker space, open to all ages and skills.</p>"
    )
    assert extract_profile([page(body)]).description == (
        "Acme is the county's first community maker space, open to all ages and skills."
    )


def test_social_links_keep_profiles_and_drop_share_buttons_and_repositories() -> None:
    body = (
        '<a href="https://twitter.com/acme?lang=en">t</a>'
        '<a href="https://twitter.com/intent/tweet?text=hi">share</a>'
        '<a href="https://www.facebook.com/sharer/sharer.php?u=x">share</a>'
        '<a href="https://github.com/acme/website/issues">issues</a>'
        '<a href="https://github.com/acme">code</a>'
        '<a href="javascript:alert(1)">x</a>'
        '<a href="https://www.youtube.com/channel/UC123">videos</a>'
    )
    assert extract_profile([page(body)]).social == [
        "https://twitter.com/acme",
        "https://github.com/acme",
        "https://www.youtube.com/channel/UC123",
    ]
    assert social_profile("https://m.facebook.com/groups/acme.space/") == "https://facebook.com/groups/acme.space"


def test_statements_of_an_empty_site_are_empty_not_an_error() -> None:
    found = extract_statements([parse_page(HOME, "", "home")])
    assert (found.company, found.description, found.mission, found.values, found.culture) == (None, None, None, [], [])
    assert extract_statements([]).company is None


def test_home_title_of_one_name_beats_the_short_name_other_pages_use() -> None:
    pages = [
        page(head="<title>The Bike Lane League</title>"),
        page(head="<title>BLL : About : Mission</title>", url=HOME + "about/", role="about"),
        page(head="<title>BLL : Press</title>", url=HOME + "press/", role="news"),
    ]
    assert extract_profile(pages).company == "The Bike Lane League"


def test_description_prefers_the_sentence_that_says_what_the_organisation_is() -> None:
    body = (
        '<div id="header"><div id="intro">The Bike Lane League is a network of riders fighting for '
        "safe bike lanes.</div></div><h1>Recent posts</h1>"
        "<p>We rode, we counted, we rode again at the city ride this year.</p>"
    )
    profile = extract_profile([page(body, head="<title>The Bike Lane League</title>")])
    assert profile.description == "The Bike Lane League is a network of riders fighting for safe bike lanes."


def test_markup_inside_meta_and_json_ld_is_dropped() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "Organization", "name": "<i>Acme</i>",'
        ' "description": "Acme &amp; friends <script>alert(1)<\\/script><b>build</b> robots."}</script>'
    )
    profile = extract_profile([page(head=head)])
    assert profile.company == "Acme"
    assert profile.description is not None and "<" not in profile.description
    assert profile.description == "Acme & friends build robots."


def test_placeholder_descriptions_give_way_to_the_page_itself() -> None:
    head = (
        "<title>Acme Bakery – Just another WordPress site</title>"
        "<meta name='description' content='Just another WordPress site'>"
        "<meta property='og:description' content='Welcome to our website'>"
    )
    body = (
        "<div class='cookie-banner'><p>We use cookies to give you the best experience on our website.</p></div>"
        "<main><h1>Acme Bakery</h1><p>Acme Bakery bakes sourdough bread in Leeds every morning since 1990.</p></main>"
    )
    profile = extract_profile([page(body, head=head)])
    assert profile.company == "Acme Bakery"
    assert profile.description == "Acme Bakery bakes sourdough bread in Leeds every morning since 1990."
