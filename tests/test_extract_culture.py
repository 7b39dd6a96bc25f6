"""How people work there: sentences from careers and culture pages, without the job ad."""

from __future__ import annotations

from companyscout.extract.culture import extract_culture
from companyscout.extract.page import ParsedPage, parse_page

HOME = "https://acme.example/"


def page(body: str, url: str, role: str) -> ParsedPage:
    return parse_page(url, f"<html><body>{body}</body></html>", role)


def test_careers_page_gives_sentences_on_how_people_work() -> None:
    careers = page(
        "<h1>Working at Acme</h1><h2>Environment</h2>"
        "<p>We prize both autonomy and collaboration. We offer flexible hours and working from home.</p>"
        "<h2>Open positions</h2><p>We are looking for a senior engineer to join the team.</p>"
        "<h2>Apply</h2><p>Send your resume and a cover letter to our team by email.</p>",
        HOME + "careers/",
        "careers",
    )
    found = extract_culture([careers], company="Acme")
    assert [c.text for c in found] == [
        "We prize both autonomy and collaboration.",
        "We offer flexible hours and working from home.",
    ]
    assert {c.source for c in found} == {HOME + "careers/"}


def test_organisation_named_as_subject_counts_and_its_description_does_not() -> None:
    careers = page(
        "<p>Acme is built on a culture of candour, patience, and good humour.</p>"
        "<p>Acme is a non-profit organization created to support open education online.</p>",
        HOME + "jobs/",
        "careers",
    )
    assert [c.text for c in extract_culture([careers], company="Acme")] == [
        "Acme is built on a culture of candour, patience, and good humour."
    ]


def test_culture_section_on_another_page_counts_but_news_posts_do_not() -> None:
    about = page(
        "<h1>About</h1><p>We make robots that people trust in their daily work.</p>"
        "<h2>Our culture</h2><p>We work in small teams and share what we learn every week.</p>",
        HOME + "about/",
        "about",
    )
    news = page(
        "<h3>Fostering an inclusive culture</h3><p>We are running a survey on how our community "
        "can grow and learn together.</p>",
        HOME + "news/",
        "news",
    )
    assert [c.text for c in extract_culture([about, news])] == [
        "We work in small teams and share what we learn every week."
    ]


def test_site_without_careers_or_culture_has_no_culture() -> None:
    home = page("<h1>Acme</h1><p>We build open tools and we collaborate with universities.</p>", HOME, "home")
    assert extract_culture([home]) == []


def test_the_organisations_own_words_come_before_a_testimonial() -> None:
    careers = page(
        "<h1>Careers</h1><p>“I love the honest, collaborative atmosphere and how our team cares.”</p>"
        "<p>We are a hybrid team: three days a week in the office, the rest wherever you work best.</p>"
        "<p>Every engineer spends one day a quarter with customers on site.</p>"
        "<p>We offer 30 days of paid leave and a learning budget.</p>",
        HOME + "careers/",
        "careers",
    )
    assert [c.text for c in extract_culture([careers])] == [
        "We are a hybrid team: three days a week in the office, the rest wherever you work best.",
        "Every engineer spends one day a quarter with customers on site.",
        "We offer 30 days of paid leave and a learning budget.",
    ]


def test_a_life_at_section_needs_no_words_of_work_but_a_job_ad_still_does() -> None:
    culture = page(
        "<h1>Life at Acme</h1><p>Pairing is normal here: our designers sit with developers every day. "
        "We meet in Bristol on Tuesdays.</p><h2>Join us</h2><p>We are always glad to hear from "
        "designers in the city.</p>",
        HOME + "culture/",
        "culture",
    )
    assert [c.text for c in extract_culture([culture], company="Acme")] == [
        "Pairing is normal here: our designers sit with developers every day.",
        "We meet in Bristol on Tuesdays.",
    ]


def test_culture_headed_in_german_or_french() -> None:
    german = page(
        "<h1>Karriere</h1><h2>Arbeiten bei Acme</h2><p>Wir setzen auf flache Hierarchien und kurze "
        "Wege.</p><h2>Offene Stellen</h2><p>Wir suchen einen Disponenten für unser Team.</p>",
        HOME + "karriere/",
        "careers",
    )
    french = page(
        "<h1>Rejoignez-nous</h1><h2>Travailler chez Acme</h2><p>Nos équipes décident ensemble des horaires.</p>",
        HOME + "recrutement/",
        "other",
    )
    assert [c.text for c in extract_culture([german, french])] == [
        "Wir setzen auf flache Hierarchien und kurze Wege.",
        "Nos équipes décident ensemble des horaires.",
    ]
