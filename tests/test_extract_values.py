"""Values as sites show them: lists, cards, bold lead words, definition lists and prose."""

from __future__ import annotations

from companyscout.extract.page import ParsedPage, parse_page
from companyscout.extract.values import extract_values

HOME = "https://acme.example/"


def page(body: str, url: str = HOME + "values/", role: str = "values") -> ParsedPage:
    return parse_page(url, f"<html><body>{body}</body></html>", role)


def names(*pages: ParsedPage) -> list[str]:
    return [v.name for v in extract_values(list(pages))]


def test_heading_followed_by_a_list() -> None:
    values = page(
        "<h2>Our Values</h2><p>Easy to remember and act on:</p>"
        "<ul><li>Be useful</li><li>No nonsense</li><li>Keep it small</li></ul>"
        "<p>... as we build the future.</p>"
    )
    assert names(values) == ["Be useful", "No nonsense", "Keep it small"]


def test_list_items_wrapping_paragraphs() -> None:
    team = page(
        "<h2>Our values</h2><ul><li><p>Be useful</p></li><li><p>Laugh often</p></li>"
        "<li><p>Welcome change</p></li></ul>",
        url=HOME + "team/",
        role="team",
    )
    assert names(team) == ["Be useful", "Laugh often", "Welcome change"]


def test_cards_with_subheadings_give_names_and_descriptions() -> None:
    about = page(
        "<h2>What we believe</h2>"
        "<div class='card'><h3>Ownership</h3><p>We finish what we start. Always.</p></div>"
        "<div class='card'><h3>Candour</h3><p>We say what we think, kindly.</p></div>"
        "<div class='card'><h3>Curiosity</h3><p>We ask why.</p></div>"
        "<h2>Contact</h2><p>Write to us.</p>",
        url=HOME + "about/",
        role="about",
    )
    values = extract_values([about])
    assert [v.name for v in values] == ["Ownership", "Candour", "Curiosity"]
    assert values[0].description == "We finish what we start."
    assert values[0].source == HOME + "about/"


def test_bold_lead_words_in_paragraphs() -> None:
    values = page(
        "<h2>Principles</h2>"
        "<p><strong>Integrity.</strong> We do what we say.</p>"
        "<p><b>Focus:</b> We pick few things and do them well.</p>"
        "<p><strong>Respect</strong> — for users, colleagues and partners.</p>"
    )
    found = extract_values([values])
    assert [v.name for v in found] == ["Integrity", "Focus", "Respect"]
    assert found[1].description == "We pick few things and do them well."


def test_list_items_written_as_name_and_description() -> None:
    values = page(
        "<h2>Our core values</h2><ul>"
        "<li>Openness: we work in public by default.</li>"
        "<li>Rigour – we check our work twice.</li>"
        "<li>Care. We look after each other.</li></ul>"
    )
    assert names(values) == ["Openness", "Rigour", "Care"]


def test_definition_list() -> None:
    values = page(
        "<h2>Values</h2><dl><dt>Trust</dt><dd>We assume good intent.</dd>"
        "<dt>Speed</dt><dd>We ship small and often.</dd></dl>"
    )
    found = extract_values([values])
    assert [v.name for v in found] == ["Trust", "Speed"]
    assert found[1].description == "We ship small and often."


def test_values_stated_in_prose() -> None:
    mission = page(
        "<h1>Mission</h1><p>We believe that curiosity, shared ownership, open books, "
        "and careful measurement are key to good work, and we hold each other to them.</p>",
        url=HOME + "about/mission/",
        role="about",
    )
    assert names(mission) == ["curiosity", "shared ownership", "open books", "careful measurement"]


def test_culture_words_on_a_careers_page_are_not_values() -> None:
    careers = page(
        "<h1>Work with us</h1><h2>Who we are</h2><p>Acme is built on a culture of "
        "candour, patience, and good humour. We share and learn from each other.</p>",
        url=HOME + "careers/",
        role="careers",
    )
    assert names(careers) == []


def test_a_bare_belief_or_valued_things_are_not_a_list_of_values() -> None:
    about = page(
        "<p>We believe that science should be open to everyone, everywhere and always.</p>"
        "<p>We value your privacy, your time and your trust in us.</p>",
        url=HOME + "about/",
        role="about",
    )
    assert names(about) == []


def test_bold_one_liners_as_card_titles() -> None:
    values = page(
        "<h2>Our values</h2><div><p><strong>Be kind</strong></p><p>Assume good intent.</p></div>"
        "<div><p><strong>Be brave</strong></p><p>Say the hard thing.</p></div>"
    )
    found = extract_values([values])
    assert [(v.name, v.description) for v in found] == [
        ("Be kind", "Assume good intent."),
        ("Be brave", "Say the hard thing."),
    ]


def test_a_topics_principles_are_not_the_organisations() -> None:
    post = page(
        "<h2>Design principles</h2><ul><li>Use grids</li><li>Prefer contrast</li></ul>",
        url=HOME + "guides/design/",
        role="other",
    )
    assert names(post) == []


def test_the_values_page_wins_and_repeats_count_once() -> None:
    listed = "<ul><li>Be useful</li><li>Keep it small</li><li>Laugh often</li></ul>"
    careers = page("<h2>Our principles</h2>" + listed, url=HOME + "careers/", role="careers")
    values = page("<h2>Our values</h2>" + listed + "<ul><li>Keep it small</li></ul>")
    found = extract_values([careers, values])
    assert [v.name for v in found] == ["Be useful", "Keep it small", "Laugh often"]
    assert {v.source for v in found} == {HOME + "values/"}


def test_navigation_link_and_project_goals_elsewhere_are_not_values() -> None:
    home = page(
        "<nav><h2>Values</h2><ul><li>Home</li><li>About</li><li>Values</li></ul></nav><h1>Acme</h1>",
        url=HOME,
        role="home",
    )
    project = page(
        "<h2>Goals</h2><ul><li>Ship version 2</li><li>Fix the build</li></ul>",
        url=HOME + "projects/alpha/",
        role="other",
    )
    news = page("<h2>Our values</h2><ul><li>Speed</li><li>Care</li></ul>", url=HOME + "news/x/", role="news")
    assert names(home, project, news) == []


def test_small_label_over_value_cards() -> None:
    about = page(
        '<p class="eyebrow">Our values</p><h2>What guides our work</h2>'
        "<h3>Openness</h3><p>We work in public.</p><h3>Rigour</h3><p>We check twice.</p>"
        "<h2>Our history</h2><h3>2019</h3><p>Founded.</p><h3>2021</h3><p>First office.</p>",
        url=HOME + "about/",
        role="about",
    )
    assert names(about) == ["Openness", "Rigour"]


def test_a_list_of_links_under_a_values_label_is_a_menu() -> None:
    about = page(
        '<div class="links"><p>Our values</p><ul><li><a href="/team">Team</a></li>'
        '<li><a href="/jobs">Jobs</a></li><li><a href="/press">Press</a></li></ul></div>',
        url=HOME + "about/",
        role="about",
    )
    assert names(about) == []


def test_values_written_as_short_sentences_under_a_values_heading() -> None:
    values = page(
        "<h2>Our values</h2><ul><li>We put patients first.</li><li>We act with integrity in all we do.</li>"
        "<li>We learn from every mistake.</li></ul>"
    )
    assert names(values) == [
        "We put patients first",
        "We act with integrity in all we do",
        "We learn from every mistake",
    ]
    goals = page(
        "<h2>Goals</h2><ul><li>Ship the new scheduling system to every clinic.</li>"
        "<li>Hire two more nurses for the night shift.</li></ul>"
    )
    assert names(goals) == []


def test_table_of_names_and_meanings_under_a_header_row() -> None:
    values = page(
        "<h1>Values</h1><p>Every member signs up to these.</p><table>"
        "<thead><tr><th>Value</th><th>What it means</th></tr></thead><tbody>"
        "<tr><td>Openness</td><td>Our rates and accounts are public.</td></tr>"
        "<tr><td>Equal say</td><td>One member, one vote.</td></tr>"
        "<tr><th scope='row'>Craft</th><td>We ship less and ship it well.</td></tr></tbody></table>"
    )
    found = extract_values([values])
    assert [(v.name, v.description) for v in found] == [
        ("Openness", "Our rates and accounts are public."),
        ("Equal say", "One member, one vote."),
        ("Craft", "We ship less and ship it well."),
    ]


def test_accordion_toggles_and_disclosure_widgets_name_the_values() -> None:
    accordion = page(
        "<h2>What guides us</h2><div class='accordion'>"
        "<h3 class='accordion-header'><button class='accordion-button'>Integrity</button></h3>"
        "<div class='accordion-collapse collapse'><p>We do what we say.</p></div>"
        "<h3 class='accordion-header'><button class='accordion-button'>Respect</button></h3>"
        "<div class='accordion-collapse collapse'><p>For everyone we meet.</p></div></div>",
        url=HOME + "about/",
        role="about",
    )
    assert names(accordion) == ["Integrity", "Respect"]
    disclosure = page(
        "<h1>What we value</h1><details><summary>Patience</summary><p>Good work takes time.</p>"
        "</details><details><summary>Thrift</summary><p>We spend as if it were ours.</p></details>"
    )
    assert [(v.name, v.description) for v in extract_values([disclosure])] == [
        ("Patience", "Good work takes time."),
        ("Thrift", "We spend as if it were ours."),
    ]


def test_ordered_list_of_bold_names_ending_in_a_full_stop() -> None:
    about = page(
        "<h2>What guides us</h2><ol><li><strong>Dignity.</strong> Every visitor is greeted by name.</li>"
        "<li><strong>Access.</strong> Evening hours and interpreters.</li></ol>",
        url=HOME + "about/",
        role="about",
    )
    found = extract_values([about])
    assert [(v.name, v.description) for v in found] == [
        ("Dignity", "Every visitor is greeted by name."),
        ("Access", "Evening hours and interpreters."),
    ]


def test_core_values_written_as_one_word() -> None:
    german = page(
        "<h2>Unsere Grundwerte</h2><ul><li>Qualität</li><li>Ehrlichkeit</li><li>Handwerk</li></ul>",
        url=HOME + "ueber-uns/",
        role="about",
    )
    dutch = page(
        "<h2>Onze kernwaarden</h2><ul><li><strong>Veiligheid</strong> – altijd eerst.</li>"
        "<li><strong>Samenwerking</strong> – samen sterk.</li></ul>",
        url=HOME + "over-ons/",
        role="about",
    )
    assert names(german) == ["Qualität", "Ehrlichkeit", "Handwerk"]
    assert names(dutch) == ["Veiligheid", "Samenwerking"]


def test_small_heading_over_a_larger_one_is_an_eyebrow_label() -> None:
    about = page(
        "<h6>Our values</h6><h2>What drives us</h2><h3>Integrity</h3><p>We do what we say.</p>"
        "<h3>Respect</h3><p>For all.</p><h2>Our history</h2><h3>1990</h3><p>Founded.</p>",
        url=HOME + "about/",
        role="about",
    )
    assert names(about) == ["Integrity", "Respect"]


def test_cards_titled_by_class_and_names_opened_by_an_icon() -> None:
    cards = page(
        '<h2>Our values</h2><div class="card"><p class="card-title">Integrity</p><p>We do what we say.</p></div>'
        '<div class="card"><div class="elementor-image-box-title">Respect</div><p>For all.</p></div>'
    )
    assert [(v.name, v.description) for v in extract_values([cards])] == [
        ("Integrity", "We do what we say."),
        ("Respect", "For all."),
    ]
    icons = page("<h2>Our values</h2><ul><li>🤝 Collaboration</li><li>🚀 Ambition</li><li>✅ Quality</li></ul>")
    assert names(icons) == ["Collaboration", "Ambition", "Quality"]


def test_content_hidden_on_small_screens_only_is_read_but_hidden_content_is_not() -> None:
    about = page(
        '<h2>Our values</h2><div class="hidden md:grid"><h3>Integrity</h3><p>We do what we say.</p>'
        '<h3>Respect</h3><p>For all.</p></div><div class="hidden"><h3>Draft value</h3><p>Not yet.</p></div>'
        '<div class="d-none d-lg-block"><h3>Curiosity</h3><p>We ask why.</p></div>',
        url=HOME + "about/",
        role="about",
    )
    assert names(about) == ["Integrity", "Respect", "Curiosity"]


def test_values_named_in_one_line_under_a_values_heading() -> None:
    bullets = page("<h2>Our Values</h2><p>Integrity • Respect • Excellence • Teamwork</p><h2>Team</h2>")
    assert names(bullets) == ["Integrity", "Respect", "Excellence", "Teamwork"]
    sentence = page("<h2>Our values</h2><p>Everything we do is guided by three values: curiosity, craft and care.</p>")
    assert names(sentence) == ["curiosity", "craft", "care"]
    prose = page("<h2>Our values</h2><p>We hold these values dear and act on them every day.</p>")
    assert names(prose) == []
