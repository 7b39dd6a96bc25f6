"""Talking points: 3–6 sourced sentences, each naming one fact of the briefing."""

from __future__ import annotations

from companyscout.model import Achievement, Briefing, Culture, Mission, NewsItem, Value
from companyscout.talking import MAX_POINT_CHARS, month_year, write_talking_points

SITE = "https://acme.example/"


def briefing(**facts: object) -> Briefing:
    return Briefing(company="Acme", website=SITE, generated_at="2026-11-26T10:00:00+00:00", **facts)  # type: ignore[arg-type]


def full_briefing() -> Briefing:
    return briefing(
        mission=Mission("Our mission is to democratize science. We want more people in research.", SITE + "mission"),
        values=[Value("Add value", None, SITE + "values"), Value("Simplify", None, SITE + "values"),
                Value("Smile", None, SITE + "values")],
        culture=[Culture("We treasure both autonomy and collaboration.", SITE + "careers")],
        achievements=[
            Achievement("2026-06-21", "Acme 2.5 released", None, SITE + "news/2-5"),
            Achievement(None, "Acme wins the Open Science Prize", None, SITE + "awards"),
            Achievement("2026-01", "Fellowship programme retrospective", None, SITE + "news/fellows"),
            Achievement("2025-12-20", "Acme 2.4 released", None, SITE + "news/2-4"),
        ],
    )


def test_points_name_facts_with_their_sources() -> None:
    points = write_talking_points(full_briefing())
    assert [(p.text, p.source) for p in points] == [
        ("I was glad to read that your mission is to democratize science.", SITE + "mission"),
        ("I was glad to read your June 2026 news: “Acme 2.5 released”.", SITE + "news/2-5"),
        ("I was glad to see “Add value” and “Simplify” among your values.", SITE + "values"),
        ("I was glad to read your January 2026 news: “Fellowship programme retrospective”.", SITE + "news/fellows"),
        ("What you say about how your team works stood out to me: “We treasure both autonomy and collaboration.”",
         SITE + "careers"),
        ("I was glad to read your December 2025 news: “Acme 2.4 released”.", SITE + "news/2-4"),
    ]


def test_long_facts_are_shortened_at_a_clause_never_inside_a_word() -> None:
    title = ("Acme opens its Boston office to meet accelerating demand for digital transformation, "
             "in biotech and pharmaceutical research and development, across the whole of North America "
             "and well beyond it")
    mission = Mission("We are a team on a mission to " + "help scientists everywhere, " * 12 + "forever.", SITE)
    points = write_talking_points(briefing(mission=mission,
                                           achievements=[Achievement("2018-01-18", title, None, SITE + "n")]))
    assert len(points) == 2
    whole_words = {w.strip(",.") for w in (title + " " + mission.text).split()}
    for point in points:
        assert len(point.text) <= MAX_POINT_CHARS
        assert "…" in point.text
        last_word = point.text.split("…")[0].split()[-1]
        assert last_word in whole_words
    assert points[1].text.startswith("I was glad to read your January 2018 news: “Acme opens its Boston office")


def test_mission_without_a_purpose_clause_is_quoted() -> None:
    mission = Mission("We aim to provide resources and community to makers in the North Bay.", SITE + "about")
    [point] = write_talking_points(briefing(mission=mission))
    assert point.text == (
        "Your mission stayed with me: “We aim to provide resources and community to makers in the North Bay.”"
    )


def test_few_facts_make_few_points_and_none_make_none() -> None:
    assert write_talking_points(briefing()) == []
    points = write_talking_points(briefing(values=[Value("Trust", None, SITE + "v"), Value("Speed", None, SITE + "v"),
                                                   Value("Care", None, SITE + "v")]))
    assert [p.text for p in points] == ["I was glad to see “Trust” and “Speed” among your values.",
                                        "I was glad to see “Care” is one of your values."]


def test_third_party_news_fills_in_when_the_site_has_little() -> None:
    news = [NewsItem("2026-10-02", "Acme raises Series B", "The Daily", "https://news.example/acme")]
    points = write_talking_points(briefing(mission=Mission("Our mission is to build robots.", SITE), news=news))
    assert points[-1].text == "I saw the October 2026 coverage in The Daily: “Acme raises Series B”."
    assert points[-1].source == "https://news.example/acme"


def test_month_year() -> None:
    assert [month_year(d) for d in ("2026-06-21", "2026-06", "2026", "June 2026", None, "2026-13")] == [
        "June 2026", "June 2026", "2026", None, None, "2026"]


def test_other_kinds_of_fact_come_before_older_achievements() -> None:
    achievements = [Achievement(f"2026-0{m}", f"Release {m}", None, SITE + f"news/{m}") for m in range(9, 3, -1)]
    news = [NewsItem("2026-10-01", "Acme expands to Ohio", "The Daily", "https://news.example/ohio")]
    values = [Value(name, None, SITE + "values") for name in ("Trust", "Speed", "Care")]
    points = write_talking_points(briefing(achievements=achievements, news=news, values=values))
    assert [p.source for p in points] == [SITE + "news/9", SITE + "values", SITE + "news/8", SITE + "news/7",
                                          "https://news.example/ohio", SITE + "values"]
    assert points[-1].text == "I was glad to see “Care” is one of your values."
