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
        "<h1>Mission</h1><p>Our mission is to open up astronomy. We want many more people "
        "to take part in watching the sky.</p><p>We run courses and a conference every year for everyone.</p>",
        url=HOME + "about/mission/",
        role="about",
    )
    assert mission_text(page("<h1>Acme</h1>"), about) == (
        "Our mission is to open up astronomy. We want many more people to take part in watching the sky."
    )


def test_on_a_mission_drops_the_call_to_action_that_follows() -> None:
    team = page(
        "<p>We are a small group of volunteers on a mission to support local choirs "
        "by sharing sheet music for free. Join us!</p>",
        url=HOME + "teams/",
        role="team",
    )
    assert mission_text(page("<p>Hello</p>"), team) == (
        "We are a small group of volunteers on a mission to support local choirs by sharing sheet music for free."
    )


def test_paragraph_under_a_mission_heading_is_the_mission() -> None:
    about = page(
        "<h1>Mission and Vision</h1><h2>Our Mission</h2>"
        "<p>We aim to give tools, training and a workshop to woodworkers in our valley.</p>"
        "<h2>Our Vision</h2><p>Every town in the region has a place where people can build things.</p>",
        url=HOME + "about/mission/",
        role="about",
    )
    assert mission_text(about) == "We aim to give tools, training and a workshop to woodworkers in our valley."


def test_hero_heading_that_states_a_purpose_is_the_mission() -> None:
    home = page(
        "<nav><ul><li>Services</li></ul></nav>"
        "<h1>We help town councils answer residents faster with simple online forms.</h1>"
        "<h2>Trusted by agencies.</h2>"
    )
    assert mission_text(home) == "We help town councils answer residents faster with simple online forms."


def test_site_wide_strapline_beats_a_founding_story() -> None:
    header = (
        '<div id="header"><div id="intro"><a href="/">The Bike Lane League</a> is a network '
        "of riders fighting for safe, separated bike lanes in every town.</div></div>"
    )
    home = page(header + "<h1>Recent posts</h1><p>We met at the conference last week.</p>")
    about = page(
        header + "<h1>About</h1><p>The Bike Lane League was formed in 2001 with the goal of "
        "promoting cycling among city planners.</p>",
        url=HOME + "about/",
        role="about",
    )
    assert mission_text(home, about, company="The Bike Lane League") == (
        "The Bike Lane League is a network of riders fighting for safe, separated bike lanes in every town."
    )


def test_present_statement_beats_a_history_of_the_founding() -> None:
    home = page(
        "<h2>Why we built Acme</h2><p>Acme’s mission is to help bakers keep track of every order they take.</p>"
    )
    vision = page(
        "<h3>Acme was launched in 2014 with a mission to make bakery software cheaper.</h3>",
        url=HOME + "vision/",
        role="about",
    )
    assert mission_text(home, vision, company="Acme") == (
        "Acme’s mission is to help bakers keep track of every order they take."
    )


def test_description_alone_is_not_a_mission() -> None:
    home = page(
        "<h1>Acme Robotics</h1><p>Acme Robotics is a robotics company based in Ohio. We build warehouse robots.</p>",
        head='<meta name="description" content="Acme builds warehouse robots.">',
    )
    about = page(
        "<h1>About us</h1><p>Acme was founded in 2004 and has 80 employees.</p>", url=HOME + "about/", role="about"
    )
    assert mission_text(home, about) is None


def test_links_that_only_mention_the_mission_are_not_one() -> None:
    home = page(
        '<p><a href="/mission">Learn more about our mission and how we work today</a></p>'
        "<h4>Original mission statement</h4>"
        "<p>Our original 1990 mission statement is available at the archive.</p>"
        "<h4>Ursprüngliches Mission Statement</h4>"
        "<p>Das ursprüngliche Mission Statement ist über archive.example.org abrufbar.</p>"
    )
    assert mission_text(home) is None


def test_navigation_and_a_news_post_lose_to_the_mission_page() -> None:
    news = page(
        "<h1>News</h1><p>The probe’s mission is to map the far side of the moon in detail.</p>",
        url=HOME + "news/probe/",
        role="news",
    )
    mission = page(
        "<h1>Purpose</h1><p>Our purpose is to make space data open to every school.</p>",
        url=HOME + "purpose/",
        role="other",
    )
    assert mission_text(page("<p>Welcome</p>"), news, mission) == (
        "Our purpose is to make space data open to every school."
    )


def test_translation_of_the_mission_page_loses_to_the_sites_language() -> None:
    home = page(
        "<h1>Welcome to the project</h1><p>We help cities share their open data with the public "
        "and with each other.</p><p>The project is run by volunteers and it is free for all.</p>",
        role="home",
    )
    german = page(
        "<h1>Mission</h1><p>Unsere Mission ist es, offene Daten für alle Städte in der Welt zugänglich zu machen.</p>",
        url=HOME + "mission/de/",
        role="other",
    )
    english = page(
        "<h1>Mission</h1><p>We exist to make open data useful for every city.</p>", url=HOME + "mission/", role="other"
    )
    assert mission_text(home, german, english) == "We exist to make open data useful for every city."
    german_home = page(
        "<h1>Willkommen</h1><p>Wir helfen Städten, ihre offenen Daten mit der Öffentlichkeit "
        "und miteinander zu teilen.</p><p>Das Projekt wird von Freiwilligen getragen und ist "
        "für alle kostenlos.</p>"
    )
    assert mission_text(german_home, german) == (
        "Unsere Mission ist es, offene Daten für alle Städte in der Welt zugänglich zu machen."
    )


def test_sticky_footer_wrapper_is_not_the_footer() -> None:
    about = page(
        '<div class="layout__StickyFooterWrapper"><section><h1>Mission</h1>'
        "<p>Our mission is to connect researchers across borders.</p></section></div>"
        "<footer><p>Our mission is to sell you things, says the footer.</p></footer>",
        url=HOME + "about/",
        role="about",
    )
    blocks = [b for b in page_text(about).blocks if "connect researchers" in b.text]
    assert blocks and blocks[0].region == "main"
    assert mission_text(about) == "Our mission is to connect researchers across borders."


def test_json_ld_slogan_and_meta_description_that_name_a_mission_count_as_plain_text() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NGO", "name": "Acme",'
        ' "slogan": "<b>We help</b> every city publish open data."}</script>'
    )
    assert mission_text(page("<h1>Acme</h1>", head=head)) == "We help every city publish open data."
    head = (
        '<meta name="description" content="Acme is a non-profit whose mission is to make maps '
        'free for everyone in the world.">'
    )
    assert mission_text(page("<h1>Acme</h1>", head=head)) == (
        "Acme is a non-profit whose mission is to make maps free for everyone in the world."
    )


def test_aims_stated_in_passing_elsewhere_are_not_a_mission() -> None:
    home = page("<h1>Acme Support Desk</h1><p>Tickets, chat and phone support for small shops.</p>")
    support = page(
        "<h1>Support</h1><p>We strive to answer every ticket within one working day.</p>",
        url=HOME + "support/",
        role="other",
    )
    careers = page(
        "<h1>Jobs</h1><p>We are committed to hiring people from every background.</p>",
        url=HOME + "careers/",
        role="careers",
    )
    bio = page(
        "<h1>Jane Doe</h1><p>Jane Doe is dedicated to providing easy access to markup tutorials.</p>",
        url=HOME + "about/bios/jane.html",
        role="person",
    )
    assert mission_text(home, support, careers, bio) is None


def test_about_pages_first_statement_of_purpose_is_the_mission() -> None:
    about = page(
        "<h1>About us</h1><p>We help small farms sell directly to the restaurants in their town.</p>"
        "<p>We started in 2019 with three farms.</p>",
        url=HOME + "about/",
        role="about",
    )
    assert mission_text(page("<h1>Acme</h1>"), about) == (
        "We help small farms sell directly to the restaurants in their town."
    )
    plain = page(
        "<h1>About us</h1><p>We are a team of twelve based in Leeds, founded in 2019.</p>",
        url=HOME + "about/",
        role="about",
    )
    assert mission_text(page("<h1>Acme</h1>"), plain) is None


def test_small_label_over_a_large_statement() -> None:
    home = page(
        '<section class="hero"><p class="eyebrow">Our mission</p>'
        "<h2>To make public transport data open, accurate and useful for every rider.</h2>"
        "<h3>Open data</h3><p>We publish every timetable.</p></section>"
    )
    assert mission_text(home) == "To make public transport data open, accurate and useful for every rider."


def test_cookie_notice_and_sign_up_pitch_are_never_the_mission() -> None:
    home = page(
        "<main><h1>Acme Payroll</h1><p>Payroll for small shops.</p>"
        '<div class="box"><h2>Get our tips</h2><p>We are committed to helping you stay compliant '
        'with one short email a month.</p><form><input type="text" name="EMAIL"><input type="submit"></form>'
        "</div></main>"
        '<div id="cookie-notice" class="cn-container"><span>We use cookies. Our mission is to respect '
        "your privacy at every step.</span></div>"
        '<div role="dialog"><p>Our mission is to keep you informed: subscribe for updates today.</p></div>'
    )
    assert mission_text(home) is None
    regions = {b.text[:6]: b.region for b in page_text(home).blocks}
    assert regions["We are"] == "notice" and regions["We use"] == "notice"


def test_product_claims_in_the_hero_are_not_a_mission() -> None:
    home = page(
        '<section class="hero"><h1 class="hero__title">The #1 platform to help shops run payroll</h1>'
        '<p class="hero__lead">Trusted by 9,000 owners to help them pay their teams on time.</p></section>'
        "<h2>The easiest way to help your team get paid on time.</h2>"
    )
    assert mission_text(home) is None
    served = page('<section class="hero"><h1>We help the world’s leading labs run better experiments.</h1></section>')
    assert mission_text(served) == "We help the world’s leading labs run better experiments."


def test_a_promise_about_the_service_is_not_a_mission() -> None:
    home = page(
        "<main><h1>Acme Plumbing</h1><p>We are committed to delivering the highest quality service "
        "to every customer in town.</p></main>"
    )
    assert mission_text(home) is None


def test_mission_with_a_space_before_the_colon() -> None:
    about = page(
        "<h1>Qui sommes-nous ?</h1><p>La coopérative est née en 1990 à Nantes.</p>"
        "<p>Notre mission : rendre le pain au levain accessible à toutes les familles du quartier.</p>",
        url=HOME + "qui-sommes-nous/",
        role="about",
        head="",
    )
    found = extract_mission([page("<p>Bienvenue</p>"), about])
    assert found is not None and found.text.startswith("Notre mission : rendre le pain")


def test_founders_once_on_a_mission_is_history_and_the_purpose_wins() -> None:
    about = page(
        "<h1>About us</h1><h2>Our story</h2><p>In 2014 our founders were on a mission to fix the "
        "parking form that confused their street.</p><h2>Our purpose</h2>"
        "<p>We make public forms simple enough that nobody needs help to fill them in.</p>",
        url=HOME + "about/",
        role="about",
    )
    assert mission_text(about) == "We make public forms simple enough that nobody needs help to fill them in."


def test_page_builder_widgets_are_main_content() -> None:
    column = (
        '<div class="elementor-column"><div class="elementor-widget-wrap">'
        '<div class="elementor-element elementor-widget elementor-widget-{kind}">'
        '<div class="elementor-widget-container">{html}</div></div></div></div>'
    )
    about = page(
        '<section class="elementor-section">'
        + column.format(kind="heading", html='<h2 class="elementor-heading-title">Our Mission</h2>')
        + column.format(
            kind="text-editor",
            html="<p>Make payday the easiest day of the week for every small shop owner in the country.</p>",
        )
        + "</section>",
        url=HOME + "about-us/",
        role="about",
    )
    assert {b.region for b in page_text(about).blocks} == {"main"}
    assert mission_text(about) == "Make payday the easiest day of the week for every small shop owner in the country."


def test_heading_broken_over_lines_is_one_statement() -> None:
    home = page("<main><h1>We help small farms<br>sell to the restaurants in their town.</h1><p>Join us.</p></main>")
    assert mission_text(home) == "We help small farms sell to the restaurants in their town."


def test_small_heading_over_a_large_statement() -> None:
    about = page(
        "<main><h6>Our mission</h6><h2>Clean water within reach of every village in the region.</h2>"
        "<p>Since 2001.</p></main>",
        url=HOME + "about/",
        role="about",
    )
    assert mission_text(about) == "Clean water within reach of every village in the region."


def test_teasers_of_posts_speak_of_their_own_subject() -> None:
    teaser = '<article><h3><a href="/news/{0}/">{1}</a></h3><p>{2}</p></article>'
    home = page(
        "<main><h1>Acme Rivers</h1><p>Boat trips on the Ouse.</p><section><h2>Latest news</h2>"
        + teaser.format("keepers", "Meet the River Keepers", "Their mission is to clear every weir of litter by 2030.")
        + teaser.format("fair", "Summer fair", "The fair is dedicated to families who live along the river.")
        + "</section></main>"
    )
    assert mission_text(home) is None


def test_a_few_words_under_a_mission_heading_are_the_mission() -> None:
    about = page(
        "<main><h2>Our mission</h2><p>Better bread for everyone.</p><h2>Team</h2><p>We are five bakers.</p></main>",
        url=HOME + "about/",
        role="about",
    )
    assert mission_text(about) == "Better bread for everyone."
    cta = page("<main><h2>Our mission</h2><p>Read more here.</p></main>", url=HOME + "about/", role="about")
    assert mission_text(cta) is None
