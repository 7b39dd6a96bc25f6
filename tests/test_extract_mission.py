"""Mission statements as sites write them, and sites that state none."""

from __future__ import annotations

from companyscout.extract.mission import extract_mission
from companyscout.extract.page import ParsedPage, parse_page
from companyscout.extract.text import page_text

HOME = "https://acme.example/"


def page(body: str, url: str = HOME, role: str = "home", head: str = "") -> ParsedPage:
    return parse_page(url, f"<html><head>{head}</head><body>{body}</body></html>", role)


def mission_text(*pages: ParsedPage, company: str | None = None) -> str | None:
    found = extract_mission(list(pages), company=company)
    return found.text if found else None


def test_our_mission_is_sentence_keeps_the_sentence_that_continues_it() -> None:
    about = page(
        "<h1>Mission</h1><p>Our mission is to democratize science. We want to allow more people "
        "to take part in research.</p><p>We run courses and a conference every year for everyone.</p>",
        url=HOME + "about/mission/", role="about",
    )
    assert mission_text(page("<h1>Acme</h1>"), about) == (
        "Our mission is to democratize science. We want to allow more people to take part in research."
    )


def test_on_a_mission_drops_the_call_to_action_that_follows() -> None:
    team = page("<p>We are an international team on a mission to support research communities "
                "by building open software. Join us!</p>", url=HOME + "teams/", role="team")
    assert mission_text(page("<p>Hello</p>"), team) == (
        "We are an international team on a mission to support research communities by building open software."
    )


def test_paragraph_under_a_mission_heading_is_the_mission() -> None:
    about = page(
        "<h1>Mission and Vision</h1><h2>Our Mission</h2>"
        "<p>We aim to provide tools, training and space to makers in our county.</p>"
        "<h2>Our Vision</h2><p>Every town in the region has a place where people can build things.</p>",
        url=HOME + "about/mission/", role="about",
    )
    assert mission_text(about) == "We aim to provide tools, training and space to makers in our county."


def test_hero_heading_that_states_a_purpose_is_the_mission() -> None:
    home = page("<nav><ul><li>Services</li></ul></nav>"
                "<h1>We help government deliver better public services through modern design.</h1>"
                "<h2>Trusted by agencies.</h2>")
    assert mission_text(home) == "We help government deliver better public services through modern design."


def test_site_wide_strapline_beats_a_founding_story() -> None:
    header = ('<div id="header"><div id="intro"><a href="/">The Standards Group</a> is a coalition '
              "fighting for standards that ensure simple access to the web for all.</div></div>")
    home = page(header + "<h1>Recent posts</h1><p>We met at the conference last week.</p>")
    about = page(header + "<h1>About</h1><p>The Standards Group was formed in 1998 with the goal of "
                 "promoting web standards among browser makers.</p>", url=HOME + "about/", role="about")
    assert mission_text(home, about, company="The Standards Group") == (
        "The Standards Group is a coalition fighting for standards that ensure simple access to the web for all."
    )


def test_present_statement_beats_a_history_of_the_founding() -> None:
    home = page("<h2>Why we built Acme</h2><p>Acme’s mission is to help scientists deliver research "
                "we can trust.</p>")
    vision = page("<h3>Acme was launched in 2014 with a mission to make reproducible science easier.</h3>",
                  url=HOME + "vision/", role="about")
    assert mission_text(home, vision, company="Acme") == (
        "Acme’s mission is to help scientists deliver research we can trust."
    )


def test_description_alone_is_not_a_mission() -> None:
    home = page("<h1>Acme Robotics</h1><p>Acme Robotics is a robotics company based in Ohio. "
                "We build warehouse robots.</p>",
                head='<meta name="description" content="Acme builds warehouse robots.">')
    about = page("<h1>About us</h1><p>Acme was founded in 2004 and has 80 employees.</p>",
                 url=HOME + "about/", role="about")
    assert mission_text(home, about) is None


def test_links_that_only_mention_the_mission_are_not_one() -> None:
    home = page('<p><a href="/mission">Learn more about our mission and how we work today</a></p>'
                "<h4>Original mission statement</h4>"
                "<p>Our original 1998 mission statement is available at the archive.</p>"
                "<h4>Ursprüngliches Mission Statement</h4>"
                "<p>Das ursprüngliche Mission Statement ist über archive.example.org abrufbar.</p>")
    assert mission_text(home) is None


def test_navigation_and_a_news_post_lose_to_the_mission_page() -> None:
    news = page("<h1>News</h1><p>The probe’s mission is to map the far side of the moon in detail.</p>",
                url=HOME + "news/probe/", role="news")
    mission = page("<h1>Purpose</h1><p>Our purpose is to make space data open to every school.</p>",
                   url=HOME + "purpose/", role="other")
    assert mission_text(page("<p>Welcome</p>"), news, mission) == (
        "Our purpose is to make space data open to every school."
    )


def test_translation_of_the_mission_page_loses_to_the_sites_language() -> None:
    home = page("<h1>Welcome to the project</h1><p>We help cities share their open data with the public "
                "and with each other.</p><p>The project is run by volunteers and it is free for all.</p>",
                role="home")
    german = page("<h1>Mission</h1><p>Unsere Mission ist es, offene Daten für alle Städte in der Welt "
                  "zugänglich zu machen.</p>", url=HOME + "mission/de/", role="other")
    english = page("<h1>Mission</h1><p>We exist to make open data useful for every city.</p>",
                   url=HOME + "mission/", role="other")
    assert mission_text(home, german, english) == "We exist to make open data useful for every city."
    german_home = page("<h1>Willkommen</h1><p>Wir helfen Städten, ihre offenen Daten mit der Öffentlichkeit "
                       "und miteinander zu teilen.</p><p>Das Projekt wird von Freiwilligen getragen und ist "
                       "für alle kostenlos.</p>")
    assert mission_text(german_home, german) == (
        "Unsere Mission ist es, offene Daten für alle Städte in der Welt zugänglich zu machen."
    )


def test_sticky_footer_wrapper_is_not_the_footer() -> None:
    about = page('<div class="layout__StickyFooterWrapper"><section><h1>Mission</h1>'
                 "<p>Our mission is to connect researchers across borders.</p></section></div>"
                 "<footer><p>Our mission is to sell you things, says the footer.</p></footer>",
                 url=HOME + "about/", role="about")
    blocks = [b for b in page_text(about).blocks if "connect researchers" in b.text]
    assert blocks and blocks[0].region == "main"
    assert mission_text(about) == "Our mission is to connect researchers across borders."


def test_json_ld_slogan_and_meta_description_that_name_a_mission_count_as_plain_text() -> None:
    head = ('<script type="application/ld+json">{"@type": "NGO", "name": "Acme",'
            ' "slogan": "<b>We help</b> every city publish open data."}</script>')
    assert mission_text(page("<h1>Acme</h1>", head=head)) == "We help every city publish open data."
    head = ('<meta name="description" content="Acme is a non-profit whose mission is to make maps '
            'free for everyone in the world.">')
    assert mission_text(page("<h1>Acme</h1>", head=head)) == (
        "Acme is a non-profit whose mission is to make maps free for everyone in the world."
    )


def test_aims_stated_in_passing_elsewhere_are_not_a_mission() -> None:
    home = page("<h1>Acme Support Desk</h1><p>Tickets, chat and phone support for small shops.</p>")
    support = page("<h1>Support</h1><p>We strive to answer every ticket within one working day.</p>",
                   url=HOME + "support/", role="other")
    careers = page("<h1>Jobs</h1><p>We are committed to hiring people from every background.</p>",
                   url=HOME + "careers/", role="careers")
    bio = page("<h1>Jane Doe</h1><p>Jane Doe is dedicated to providing easy access to markup tutorials.</p>",
               url=HOME + "about/bios/jane.html", role="person")
    assert mission_text(home, support, careers, bio) is None


def test_about_pages_first_statement_of_purpose_is_the_mission() -> None:
    about = page("<h1>About us</h1><p>We help small farms sell directly to the restaurants in their town.</p>"
                 "<p>We started in 2019 with three farms.</p>", url=HOME + "about/", role="about")
    assert mission_text(page("<h1>Acme</h1>"), about) == (
        "We help small farms sell directly to the restaurants in their town."
    )
    plain = page("<h1>About us</h1><p>We are a team of twelve based in Leeds, founded in 2019.</p>",
                 url=HOME + "about/", role="about")
    assert mission_text(page("<h1>Acme</h1>"), plain) is None


def test_small_label_over_a_large_statement() -> None:
    home = page('<section class="hero"><p class="eyebrow">Our mission</p>'
                "<h2>To make public transport data open, accurate and useful for every rider.</h2>"
                "<h3>Open data</h3><p>We publish every timetable.</p></section>")
    assert mission_text(home) == "To make public transport data open, accurate and useful for every rider."
