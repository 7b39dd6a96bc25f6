"""Talking points: 3–6 sourced sentences, each naming one fact of the briefing."""

from __future__ import annotations

from companyscout.model import Achievement, Briefing, Culture, Mission, NewsItem, Value
from companyscout.talking import MAX_POINT_CHARS, month_year, write_talking_points

SITE = "https://acme.example/"


def briefing(**facts: object) -> Briefing:
    return Briefing(company="Acme", website=SITE, generated_at="2026-11-26T10:00:00+00:00", **facts)  # type: ignore[arg-type]


def full_briefing() -> Briefing:
    return briefing(
        mission=Mission("Our mission is to make the night sky visible again. We want darker towns.", SITE + "mission"),
        values=[
            Value("Be useful", None, SITE + "values"),
            Value("Keep it small", None, SITE + "values"),
            Value("Laugh often", None, SITE + "values"),
        ],
        culture=[Culture("We prize both autonomy and collaboration.", SITE + "careers")],
        achievements=[
            Achievement("2026-06-21", "Acme Lamp 5 released", None, SITE + "news/2-5"),
            Achievement(None, "Acme wins the Dark Sky Award", None, SITE + "awards"),
            Achievement("2026-01", "Volunteer programme review", None, SITE + "news/fellows"),
            Achievement("2025-12-20", "Acme Lamp 4 released", None, SITE + "news/2-4"),
        ],
    )


def test_points_name_facts_with_their_sources() -> None:
    points = write_talking_points(full_briefing())
    assert [(p.text, p.source) for p in points] == [
        ("It means a lot to me that your mission is to make the night sky visible again.", SITE + "mission"),
        ("Congratulations on your June 2026 news: “Acme Lamp 5 released”.", SITE + "news/2-5"),
        ("Your values “Be useful” and “Keep it small” match how I like to work.", SITE + "values"),
        ("I also read your January 2026 update, “Volunteer programme review”.", SITE + "news/fellows"),
        (
            "What you write about working at Acme stood out to me: “We prize both autonomy and collaboration”.",
            SITE + "careers",
        ),
        ("Your December 2025 announcement, “Acme Lamp 4 released”, caught my eye.", SITE + "news/2-4"),
    ]


def test_points_read_as_whole_sentences_with_lead_ins_that_vary() -> None:
    points = write_talking_points(full_briefing())
    leads = [" ".join(p.text.split()[:3]) for p in points]
    assert len(set(leads)) == len(leads)
    assert all(p.text[:1].isupper() and p.text.endswith(".") and not p.text.endswith(".”.") for p in points)


def test_bad_news_is_never_congratulated() -> None:
    closing = Achievement("2026-03-01", "Acme closes its Leeds office", None, SITE + "news/leeds")
    [point] = write_talking_points(briefing(achievements=[closing]))
    assert point.text == "I read with interest your March 2026 news: “Acme closes its Leeds office”."


def test_long_facts_are_shortened_at_a_clause_never_inside_a_word() -> None:
    title = (
        "Acme opens its Leeds workshop to meet growing demand for low-glare street lamps, "
        "in towns and villages and national parks, across the whole of the north of England "
        "and well beyond it"
    )
    mission = Mission("We are a team on a mission to " + "help towns everywhere, " * 12 + "forever.", SITE)
    points = write_talking_points(
        briefing(mission=mission, achievements=[Achievement("2018-01-18", title, None, SITE + "n")])
    )
    assert len(points) == 2
    whole_words = {w.strip(",.") for w in (title + " " + mission.text).split()}
    for point in points:
        assert len(point.text) <= MAX_POINT_CHARS
        assert "…" in point.text
        last_word = point.text.split("…")[0].split()[-1]
        assert last_word in whole_words
    assert points[1].text.startswith("Congratulations on your January 2018 news: “Acme opens its Leeds workshop")


def test_mission_without_a_purpose_clause_is_quoted() -> None:
    mission = Mission("We aim to give tools and a workshop to woodworkers in our valley.", SITE + "about")
    [point] = write_talking_points(briefing(mission=mission))
    assert point.text == (
        "Your mission statement stayed with me: “We aim to give tools and a workshop to woodworkers in our valley”."
    )


def test_few_facts_make_few_points_and_none_make_none() -> None:
    assert write_talking_points(briefing()) == []
    points = write_talking_points(
        briefing(
            values=[Value("Trust", None, SITE + "v"), Value("Speed", None, SITE + "v"), Value("Care", None, SITE + "v")]
        )
    )
    assert [p.text for p in points] == [
        "Your values “Trust” and “Speed” match how I like to work.",
        "I also noticed “Care” among your values.",
    ]


def test_third_party_news_fills_in_when_the_site_has_little() -> None:
    news = [NewsItem("2026-10-02", "Acme raises Series B", "The Daily", "https://news.example/acme")]
    points = write_talking_points(briefing(mission=Mission("Our mission is to build robots.", SITE), news=news))
    assert points[-1].text == "I came across the October 2026 story in The Daily: “Acme raises Series B”."
    assert points[-1].source == "https://news.example/acme"


def test_month_year() -> None:
    assert [month_year(d) for d in ("2026-06-21", "2026-06", "2026", "June 2026", None, "2026-13")] == [
        "June 2026",
        "June 2026",
        "2026",
        None,
        None,
        "2026",
    ]


def test_other_kinds_of_fact_come_before_older_achievements() -> None:
    achievements = [Achievement(f"2026-0{m}", f"Release {m}", None, SITE + f"news/{m}") for m in range(9, 3, -1)]
    news = [NewsItem("2026-10-01", "Acme expands to Ohio", "The Daily", "https://news.example/ohio")]
    values = [Value(name, None, SITE + "values") for name in ("Trust", "Speed", "Care")]
    points = write_talking_points(briefing(achievements=achievements, news=news, values=values))
    assert [p.source for p in points] == [
        SITE + "news/9",
        SITE + "values",
        SITE + "news/8",
        SITE + "news/7",
        "https://news.example/ohio",
        SITE + "values",
    ]
    assert points[-1].text == "I also noticed “Care” among your values."


def test_the_company_is_named_as_people_say_it_and_undated_awards_are_congratulated() -> None:
    facts = briefing(
        culture=[Culture("We work four days a week.", SITE + "careers")],
        achievements=[Achievement(None, "Acme wins the Dark Sky Award", None, SITE + "awards")],
    )
    facts.company = "Acme Leuchten GmbH"
    assert [p.text for p in write_talking_points(facts)] == [
        "Congratulations on your news: “Acme wins the Dark Sky Award”.",
        "What you write about working at Acme Leuchten stood out to me: “We work four days a week”.",
    ]
