"""People and their titles read from team pages, one class of markup per test."""

from __future__ import annotations

import pytest

from companyscout.extract.page import parse_page
from companyscout.extract.people import extract_people, looks_like_name, role_of, split_name_and_title

TEAM = "https://acme.example/team/"


def people(body: str) -> list[tuple[str, str | None]]:
    page = parse_page(TEAM, f"<html><body>{body}</body></html>", "team")
    return [(p.name, p.title) for p in extract_people(page)]


def card(name: str, role: str) -> str:
    return (f'<div class="col"><div class="caption"><p><strong>{name}</strong></p>'
            f"<p>{role}</p></div></div>")


def test_cards_with_a_name_line_and_a_role_line() -> None:
    body = '<div class="row">' + card("Ada Lovelace", "Chief Executive") + card(
        "Grace Hopper", "Senior Product Designer") + card("Alan Turing", "Quality Assurance Director") + "</div>"
    assert people(body) == [("Ada Lovelace", "Chief Executive"), ("Alan Turing", "Quality Assurance Director"),
                            ("Grace Hopper", "Senior Product Designer")]


def test_names_only_cards_have_no_title() -> None:
    cards = "".join(f'<div class="card"><img alt="Avatar of {n}">{n}</div>'
                    for n in ["Bas van Beek", "Melissa Weber Mendonça", "Matti Picus"])
    assert people(f"<h3>Maintainers</h3><div class='grid'>{cards}</div>") == [
        ("Bas van Beek", None), ("Melissa Weber Mendonça", None), ("Matti Picus", None)]


def test_list_items_name_dash_title_and_members_without_title() -> None:
    body = """<h2>Our Board</h2><ul>
    <li><strong>Oren Smith</strong> - President</li>
    <li><strong>Rob Cary</strong> - Treasurer</li>
    <li><strong><a href="/members/dana/">Dana Woodman</a></strong> – Founder, Executive Director</li>
    <li><strong>Spring Maxfield</strong></li></ul>
    <h2>Board Bios</h2><h3>Oren Smith</h3><p>Oren has worked in education and the arts for 25 years.</p>"""
    assert people(body) == [("Oren Smith", "President"), ("Dana Woodman", "Founder, Executive Director"),
                            ("Rob Cary", "Treasurer"), ("Spring Maxfield", None)]


def test_linked_names_with_parenthesised_roles() -> None:
    body = """<ul><li><a href="tantek.html">Tantek &Ccedil;elik</a> (Strategy)</li>
    <li><a href="molly.html">Molly E. Holzschlag</a> (Strategy, Buzz Blog)</li>
    <li><a href="drew.html">Drew McLellan</a> (Press, Task Force)</li></ul>"""
    assert people(body) == [("Tantek Çelik", "Strategy"), ("Molly E. Holzschlag", "Strategy, Buzz Blog"),
                            ("Drew McLellan", "Press, Task Force")]


def test_comma_form_needs_a_role_after_the_comma() -> None:
    body = """<p>Jane Doe, Chief Financial Officer</p><p>Boston, Massachusetts</p>"""
    assert people(body) == [("Jane Doe", "Chief Financial Officer")]


def test_records_of_unlabelled_lines_take_the_emphasised_role() -> None:
    member = ('<li class="member">{name}<br>Taxonomic literature and conservation<br><b>{role}</b><br>'
              'Research Associate<br>Natural History Museum, Bern<br><a href="mailto:x@y.org">x@y.org</a></li>')
    body = '<ul class="members">' + "".join(member.format(name=n, role=r) for n, r in [
        ("Donat Agosti", "President Acme"), ("Klemens Böhm", "Member of Board (2008-)"),
        ("Brian M. Fisher", "Member of Board (2008-)")]) + "</ul>"
    assert people(body) == [("Donat Agosti", "President Acme"), ("Klemens Böhm", "Member of Board (2008-)"),
                            ("Brian M. Fisher", "Member of Board (2008-)")]


def test_heading_with_a_role_line() -> None:
    body = """<h3>Maria Garcia</h3><p>Head of Research</p><p>Maria leads the lab and its twelve scientists.</p>
    <h3>Li Wei</h3><p class="role">VP Engineering</p>"""
    assert people(body) == [("Maria Garcia", "Head of Research"), ("Li Wei", "VP Engineering")]


def test_table_rows() -> None:
    rows = "".join(f"<tr><td>{n}</td><td>{r}</td></tr>" for n, r in [
        ("Anna Schmidt", "Geschäftsführerin"), ("Jonas Weber", "Leiter Vertrieb"), ("Eva Braun", "Projektleiterin")])
    assert people(f"<table><tr><th>Name</th><th>Rolle</th></tr>{rows}</table>") == [
        ("Anna Schmidt", "Geschäftsführerin"), ("Jonas Weber", "Leiter Vertrieb"), ("Eva Braun", "Projektleiterin")]


def test_bios_are_not_titles() -> None:
    body = '<div class="grid">' + "".join(
        f'<div class="m"><h4>{n}</h4><p>{bio}</p></div>' for n, bio in [
            ("Bryce Dow", "Acme Board Member, community builder and organizer. View Bryce Dow's Profile"),
            ("Kyle Hart", "Welder, guitarist and parent of two. View Kyle Hart's Profile"),
            ("Jim Lee", "Programmer, Inventor, Musician. View Jim Lee's Profile")]) + "</div>"
    found = dict(people(body))
    assert found["Bryce Dow"] == "Acme Board Member"
    assert found["Kyle Hart"] is None


def test_page_furniture_and_common_words_are_not_people() -> None:
    body = """<nav><ul><li>Jane Menu</li><li>John Menu</li><li>Joe Menu</li></ul></nav>
    <main><ul><li>Case Studies</li><li>Contact Us</li><li>Our Services</li><li>Open Positions</li></ul></main>"""
    assert people(body) == []


@pytest.mark.parametrize("text", ["Jean-Claude Van Damme", "Bas van Beek", "Norman F. Johnson", "Dr. Ada Lovelace",
                                  "DL Byron", "Zijie Poh"])
def test_person_names(text: str) -> None:
    assert looks_like_name(text)


@pytest.mark.parametrize("text", ["Chief Executive", "Our Team", "GERMANY", "Karlsruhe, Germany", "Read more",
                                  "Ada", "The Web Standards Project Steering Committee"])
def test_not_person_names(text: str) -> None:
    assert not looks_like_name(text)


def test_one_line_forms() -> None:
    assert split_name_and_title("Jane Doe – VP Engineering") == ("Jane Doe", "VP Engineering")
    assert split_name_and_title("Jane Doe (Co-founder)") == ("Jane Doe", "Co-founder")
    assert split_name_and_title("Oregon, United States") is None
    assert role_of("Director of Science. Laura joined in 2015.") == "Director of Science"


def test_names_and_roles_as_alternating_siblings() -> None:
    definitions = "".join(f"<dt>{n}</dt><dd>{r}</dd>" for n, r in [
        ("Jane Doe", "Chief Executive Officer"), ("Ravi Patel", "Chief Technology Officer"), ("Mia Wong", "Treasurer")])
    assert people(f"<dl>{definitions}</dl>") == [
        ("Jane Doe", "Chief Executive Officer"), ("Ravi Patel", "Chief Technology Officer"), ("Mia Wong", "Treasurer")]
    headed = "".join(f"<h3>{n}</h3><p>{r}</p>" for n, r in [
        ("Anna Berg", "Head of Design"), ("Tom Lind", "Lead Engineer"), ("Eva Holm", "Office Manager")])
    assert people(f"<section>{headed}</section>") == [
        ("Anna Berg", "Head of Design"), ("Tom Lind", "Lead Engineer"), ("Eva Holm", "Office Manager")]


def test_abbreviations_do_not_end_a_role() -> None:
    assert role_of("Sr. QA Engineer") == "Sr. QA Engineer"
    assert role_of("Asst. Director of Programs. She joined in 2019.") == "Asst. Director of Programs"


def test_cards_with_the_role_above_the_name() -> None:
    cards = "".join(f'<div class="member"><p class="role">{r}</p><h3>{n}</h3><p>{n.split()[0]} has been with us '
                    f"since the start and leads a team of twelve.</p></div>" for n, r in [
                        ("Jane Doe", "Chief Executive Officer"), ("Ravi Patel", "Head of Engineering"),
                        ("Mia Wong", "Sales Director")])
    assert people(f"<section>{cards}</section>") == [
        ("Jane Doe", "Chief Executive Officer"), ("Ravi Patel", "Head of Engineering"), ("Mia Wong", "Sales Director")]
