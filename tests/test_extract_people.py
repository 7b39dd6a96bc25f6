"""People and their titles read from team pages, one class of markup per test."""

from __future__ import annotations

import pytest

from companyscout.extract.page import parse_page
from companyscout.extract.people import (
    extract_people,
    extract_team_sections,
    looks_like_name,
    role_of,
    split_name_and_title,
)

TEAM = "https://acme.example/team/"


def people(body: str) -> list[tuple[str, str | None]]:
    page = parse_page(TEAM, f"<html><body>{body}</body></html>", "team")
    return [(p.name, p.title) for p in extract_people(page)]


def card(name: str, role: str) -> str:
    return f'<div class="col"><div class="caption"><p><strong>{name}</strong></p><p>{role}</p></div></div>'


def test_cards_with_a_name_line_and_a_role_line() -> None:
    body = (
        '<div class="row">'
        + card("Ada Lovelace", "Chief Executive")
        + card("Grace Hopper", "Senior Product Designer")
        + card("Alan Turing", "Quality Assurance Director")
        + "</div>"
    )
    assert people(body) == [
        ("Ada Lovelace", "Chief Executive"),
        ("Alan Turing", "Quality Assurance Director"),
        ("Grace Hopper", "Senior Product Designer"),
    ]


def test_names_only_cards_have_no_title() -> None:
    cards = "".join(
        f'<div class="card"><img alt="Avatar of {n}">{n}</div>'
        for n in ["Bas van Beek", "Melissa Weber Mendonça", "Matti Picus"]
    )
    assert people(f"<h3>Maintainers</h3><div class='grid'>{cards}</div>") == [
        ("Bas van Beek", None),
        ("Melissa Weber Mendonça", None),
        ("Matti Picus", None),
    ]


def test_list_items_name_dash_title_and_members_without_title() -> None:
    body = """<h2>Our Board</h2><ul>
    <li><strong>Oren Smith</strong> - President</li>
    <li><strong>Rob Carr</strong> - Treasurer</li>
    <li><strong><a href="/members/dana/">Dana Wood</a></strong> – Founder, Executive Director</li>
    <li><strong>Summer Maxwell</strong></li></ul>
    <h2>Board Bios</h2><h3>Oren Smith</h3><p>Oren has worked in education and the arts for 25 years.</p>"""
    assert people(body) == [
        ("Oren Smith", "President"),
        ("Dana Wood", "Founder, Executive Director"),
        ("Rob Carr", "Treasurer"),
        ("Summer Maxwell", None),
    ]


def test_linked_names_with_parenthesised_roles() -> None:
    body = """<ul><li><a href="tarik.html">Tarik &Ccedil;elen</a> (Strategy)</li>
    <li><a href="molly.html">Molly E. Hartmann</a> (Strategy, Newsletter)</li>
    <li><a href="drew.html">Drew McLean</a> (Press, Task Force)</li></ul>"""
    assert people(body) == [
        ("Tarik Çelen", "Strategy"),
        ("Molly E. Hartmann", "Strategy, Newsletter"),
        ("Drew McLean", "Press, Task Force"),
    ]


def test_comma_form_needs_a_role_after_the_comma() -> None:
    body = """<p>Jane Doe, Chief Financial Officer</p><p>Boston, Massachusetts</p>"""
    assert people(body) == [("Jane Doe", "Chief Financial Officer")]


def test_records_of_unlabelled_lines_take_the_emphasised_role() -> None:
    member = (
        '<li class="member">{name}<br>Taxonomic literature and conservation<br><b>{role}</b><br>'
        'Research Associate<br>Natural History Museum, Bern<br><a href="mailto:x@y.org">x@y.org</a></li>'
    )
    body = (
        '<ul class="members">'
        + "".join(
            member.format(name=n, role=r)
            for n, r in [
                ("Dora Agostini", "President Acme"),
                ("Klaus Böhmer", "Member of Board (2008-)"),
                ("Bruno M. Fischer", "Member of Board (2008-)"),
            ]
        )
        + "</ul>"
    )
    assert people(body) == [
        ("Dora Agostini", "President Acme"),
        ("Klaus Böhmer", "Member of Board (2008-)"),
        ("Bruno M. Fischer", "Member of Board (2008-)"),
    ]


def test_heading_with_a_role_line() -> None:
    body = """<h3>Maria Garcia</h3><p>Head of Research</p><p>Maria leads the lab and its twelve scientists.</p>
    <h3>Li Wei</h3><p class="role">VP Engineering</p>"""
    assert people(body) == [("Maria Garcia", "Head of Research"), ("Li Wei", "VP Engineering")]


def test_table_rows() -> None:
    rows = "".join(
        f"<tr><td>{n}</td><td>{r}</td></tr>"
        for n, r in [
            ("Anna Schmidt", "Geschäftsführerin"),
            ("Jonas Weber", "Leiter Vertrieb"),
            ("Eva Braun", "Projektleiterin"),
        ]
    )
    assert people(f"<table><tr><th>Name</th><th>Rolle</th></tr>{rows}</table>") == [
        ("Anna Schmidt", "Geschäftsführerin"),
        ("Jonas Weber", "Leiter Vertrieb"),
        ("Eva Braun", "Projektleiterin"),
    ]


def test_bios_are_not_titles() -> None:
    body = (
        '<div class="grid">'
        + "".join(
            f'<div class="m"><h4>{n}</h4><p>{bio}</p></div>'
            for n, bio in [
                ("Bryce Dow", "Acme Board Member, community builder and organizer. View Bryce Dow's Profile"),
                ("Kyle Hart", "Welder, guitarist and parent of two. View Kyle Hart's Profile"),
                ("Jim Lee", "Programmer, Inventor, Musician. View Jim Lee's Profile"),
            ]
        )
        + "</div>"
    )
    found = dict(people(body))
    assert found["Bryce Dow"] == "Acme Board Member"
    assert found["Kyle Hart"] is None


def test_page_furniture_and_common_words_are_not_people() -> None:
    body = """<nav><ul><li>Jane Menu</li><li>John Menu</li><li>Joe Menu</li></ul></nav>
    <main><ul><li>Case Studies</li><li>Contact Us</li><li>Our Services</li><li>Open Positions</li></ul></main>"""
    assert people(body) == []


@pytest.mark.parametrize(
    "text",
    [
        "Jean-Claude Van Damme",
        "Bas van Beek",
        "Norman F. Johnson",
        "Dr. Ada Lovelace",
        "DL Byron",
        "Zijie Poh",
        "Priyanka Das",
        "Ana María de la Cruz",
        "J. R. Smith",
        "Zoë O'Neil",
        "Nguyễn Văn An",
        "Siobhán Ní Bhriain",
        "Dr. Jane Maria de la Cruz, Ph. D.",  # five words of a name, an honorific and a post-nominal
        "Ana María de la Cruz , , , ,",
    ],
)
def test_person_names(text: str) -> None:
    assert looks_like_name(text)


@pytest.mark.parametrize(
    "text",
    [
        "Chief Executive",
        "Our Team",
        "GERMANY",
        "Karlsruhe, Germany",
        "Read more",
        "Ada",
        "The Open Standards Project Steering Committee",
        "Jane Doe and John Smith met the whole team in Berlin",
    ],
)
def test_not_person_names(text: str) -> None:
    assert not looks_like_name(text)


def test_one_line_forms() -> None:
    assert split_name_and_title("Jane Doe – VP Engineering") == ("Jane Doe", "VP Engineering")
    assert split_name_and_title("Jane Doe (Co-founder)") == ("Jane Doe", "Co-founder")
    assert split_name_and_title("Oregon, United States") is None
    assert role_of("Director of Science. Laura joined in 2015.") == "Director of Science"


def test_names_and_roles_as_alternating_siblings() -> None:
    definitions = "".join(
        f"<dt>{n}</dt><dd>{r}</dd>"
        for n, r in [
            ("Jane Doe", "Chief Executive Officer"),
            ("Ravi Patel", "Chief Technology Officer"),
            ("Mia Wong", "Treasurer"),
        ]
    )
    assert people(f"<dl>{definitions}</dl>") == [
        ("Jane Doe", "Chief Executive Officer"),
        ("Ravi Patel", "Chief Technology Officer"),
        ("Mia Wong", "Treasurer"),
    ]
    headed = "".join(
        f"<h3>{n}</h3><p>{r}</p>"
        for n, r in [("Anna Berg", "Head of Design"), ("Tom Lind", "Lead Engineer"), ("Eva Holm", "Office Manager")]
    )
    assert people(f"<section>{headed}</section>") == [
        ("Anna Berg", "Head of Design"),
        ("Tom Lind", "Lead Engineer"),
        ("Eva Holm", "Office Manager"),
    ]


def test_abbreviations_do_not_end_a_role() -> None:
    assert role_of("Sr. QA Engineer") == "Sr. QA Engineer"
    assert role_of("Asst. Director of Programs. She joined in 2019.") == "Asst. Director of Programs"


def test_cards_with_the_role_above_the_name() -> None:
    cards = "".join(
        f'<div class="member"><p class="role">{r}</p><h3>{n}</h3><p>{n.split()[0]} has been with us '
        f"since the start and leads a team of twelve.</p></div>"
        for n, r in [
            ("Jane Doe", "Chief Executive Officer"),
            ("Ravi Patel", "Head of Engineering"),
            ("Mia Wong", "Sales Director"),
        ]
    )
    assert people(f"<section>{cards}</section>") == [
        ("Jane Doe", "Chief Executive Officer"),
        ("Ravi Patel", "Head of Engineering"),
        ("Mia Wong", "Sales Director"),
    ]


def test_hyphenated_names_in_dash_lines() -> None:
    body = """<ul><li><strong>Jean-Baptiste Lefèvre</strong> — Directeur technique</li>
    <li><strong>Chloé Martin-Garnier</strong> — Responsable des partenariats</li>
    <li><strong>Mathieu N'Diaye</strong> — Chef de projet</li></ul>"""
    assert people(body) == [
        ("Jean-Baptiste Lefèvre", "Directeur technique"),
        ("Chloé Martin-Garnier", "Responsable des partenariats"),
        ("Mathieu N'Diaye", "Chef de projet"),
    ]


@pytest.mark.parametrize(
    ("bio", "role"),
    [
        (
            "Jane Doe co-founded Acme in 2016 and has served as Chief Executive Officer since 2019. Before…",
            "Chief Executive Officer",
        ),
        ("Ana serves as Chief Operating Officer, overseeing delivery on three continents.", "Chief Operating Officer"),
        ("Kwame joined Acme in 2021 as Chief Technology Officer. He holds a PhD.", "Chief Technology Officer"),
        ("Linda is our General Counsel and Corporate Secretary. She …", "General Counsel and Corporate Secretary"),
        ("Sam is Acme's Chief Financial Officer.", "Chief Financial Officer"),
        ("Alex is a curator", "curator"),
        ("Jo is passionate about product design and good coffee.", None),
    ],
)
def test_the_role_in_a_bio_s_first_sentence(bio: str, role: str | None) -> None:
    assert role_of(bio) == role


def test_testimonials_and_quotes_are_not_the_team() -> None:
    body = """<h1>Meet the team</h1><p><strong>Eleanor Whitfield</strong>, Chief Executive Officer</p>
    <p>Kenji Watanabe, VP Engineering</p>
    <blockquote><p>“A fine partner.”</p><p>— Isabelle Moreau, conservatrice, Musée de Dijon</p></blockquote>
    <figure class="wp-block-quote"><blockquote><p>“Fast.”</p></blockquote>
      <figcaption>Priya Raman, Head of Logistics, Northfield Foods</figcaption></figure>
    <div class="testimonial"><p>“Half the time.”</p>
      <p class="author">Gareth Lewis, Operations Director, Baltic Rail</p></div>
    <div class="testimonial"><p>“Good.”</p>
      <p class="author">Marta Kowalska, Head of Rolling Stock, PolCargo</p></div>
    <div class="testimonial"><p>“Great.”</p><p class="author">James Okonkwo, Yard Manager, Teesport Rail</p></div>"""
    assert people(body) == [("Eleanor Whitfield", "Chief Executive Officer"), ("Kenji Watanabe", "VP Engineering")]


def test_layout_containers_told_apart_by_ids_are_no_records() -> None:
    body = """<div id="kopf"><ul><li><a href="/team/">Team</a></li></ul></div>
    <div id="inhalt"><h1>Ihre Ansprechpartner</h1><h2>Geschäftsleitung</h2>
      <div class="gruppe"><div class="person"><h3>Dr. Katrin Müller</h3><p>Geschäftsführerin</p></div>
      <div class="person"><h3>Jörg von der Heide</h3><p>Technischer Leiter</p></div></div></div>
    <div id="fuss"><p>© 2026 Acme GmbH · Hafenstraße 12 · 20457 Hamburg</p></div>"""
    assert people(body) == [("Katrin Müller", "Geschäftsführerin"), ("Jörg von der Heide", "Technischer Leiter")]


def test_team_sections_of_an_about_page() -> None:
    card = (
        '<div class="w-dyn-item"><div class="team-card"><div class="name">{n}</div>'
        '<div class="role">{r}</div></div></div>'
    )
    body = (
        "<h1>Company</h1><p>Jane Roe, our customer, says hello.</p><h2>Team</h2><div class='grid'>"
        + "".join(
            card.format(n=n, r=r)
            for n, r in [
                ("Lena Hoffmann", "Co-founder &amp; CEO"),
                ("Kofi Boateng", "Lab Automation Engineer"),
                ("Freya Lindström", "Head of Process Development"),
            ]
        )
        + "</div><h2>Backed by</h2><p>Sam Fund, Partner</p>"
    )
    page = parse_page("https://acme.example/about/", f"<html><body>{body}</body></html>", "about")
    assert [(p.name, p.title) for p in extract_team_sections(page)] == [
        ("Lena Hoffmann", "Co-founder & CEO"),
        ("Freya Lindström", "Head of Process Development"),
        ("Kofi Boateng", "Lab Automation Engineer"),
    ]


def test_names_written_in_capitals() -> None:
    cards = "".join(
        f'<div class="member"><h3>{n}</h3><p>{r}</p></div>'
        for n, r in [("JANE DOE", "CHIEF EXECUTIVE OFFICER"), ("ZOË O'NEIL", "HEAD OF SALES"), ("MEET THE TEAM", "")]
    )
    assert people(cards) == [("Jane Doe", "CHIEF EXECUTIVE OFFICER"), ("Zoë O'Neil", "HEAD OF SALES")]


def test_captions_under_portraits_name_the_team() -> None:
    figures = "".join(
        f'<figure class="team-photo"><img src="{n}.jpg" alt=""><figcaption>{n}, {r}</figcaption></figure>'
        for n, r in [("Jane Doe", "Chief Executive Officer"), ("Raj Patel", "Head of Sales")]
    )
    quote = "<figure><blockquote>“Great partner.”</blockquote><figcaption>Sam Lee, CFO, Other Co</figcaption></figure>"
    assert people(f"<div class='card-preview'>{figures}</div>{quote}") == [
        ("Jane Doe", "Chief Executive Officer"),
        ("Raj Patel", "Head of Sales"),
    ]


def test_roles_in_portuguese_dutch_and_german_compounds() -> None:
    body = """<ul><li>Ana Souza – Diretora Executiva</li><li>Pieter de Vries – Oprichter en eigenaar</li>
    <li>Jonas Weber – Mitgründer</li><li>Rui Costa – Sócio</li></ul>"""
    assert dict(people(body)) == {
        "Ana Souza": "Diretora Executiva",
        "Pieter de Vries": "Oprichter en eigenaar",
        "Jonas Weber": "Mitgründer",
        "Rui Costa": "Sócio",
    }


@pytest.mark.parametrize("role", ["GESCHÄFTSFÜHRERIN", "Projektleiterin", "DIRETORA EXECUTIVA", "İNTERN"])
def test_roles_in_any_case(role: str) -> None:
    assert role_of(role) == role
