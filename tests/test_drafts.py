"""Thank-you and follow-up drafts: real names, real points, one fact quoted exactly, no invention."""

from __future__ import annotations

from datetime import date

from companyscout.drafts import (
    MAX_QUOTE_CHARS,
    FollowUpRequest,
    Sender,
    ThankYouRequest,
    choose_fact,
    follow_up_note,
    greeting_name,
    note_points,
    render_draft,
    thank_you_note,
)
from companyscout.model import Achievement, Briefing, Mission, TalkingPoint, Value

MISSION = "Our mission is to make every warehouse a safe place to work."
SERIES_B = "Acme raises $40M Series B to expand into Europe"


def briefing(**fields: object) -> Briefing:
    base = Briefing(company="Acme Robotics", website="https://acme.example/", generated_at="2026-11-20T10:00:00+00:00")
    for key, value in fields.items():
        setattr(base, key, value)
    return base


def acme_request(**overrides: object) -> ThankYouRequest:
    fields: dict[str, object] = {
        "company": "Acme Robotics",
        "interviewer": "Jane Doe",
        "interview_day": date(2026, 11, 25),
        "role": "Backend Engineer",
        "notes": ["the fleet telemetry pipeline; their on-call rotation\nhiring plans"],
        "briefing": briefing(
            mission=Mission(MISSION, "https://acme.example/about"),
            achievements=[Achievement("2026-10-01", SERIES_B, None, "https://acme.example/news/series-b")],
        ),
        "sender": Sender(name="Alex Kim", signature="Alex Kim\nalex@example.com"),
        "today": date(2026, 11, 26),
        "interview_id": 4,
    }
    fields.update(overrides)
    return ThankYouRequest(**fields)  # type: ignore[arg-type]


def test_thank_you_names_the_interviewer_role_points_fact_and_signature() -> None:
    draft = thank_you_note(acme_request())
    assert draft.to == "Jane Doe"
    assert draft.subject == "Thank you: Backend Engineer interview"
    assert draft.body.startswith("Dear Jane,\n\n")
    assert "on Wednesday 25 November about the Backend Engineer role at Acme Robotics" in draft.body
    assert "the fleet telemetry pipeline and their on-call rotation" in draft.body
    assert "hiring plans" not in draft.body  # two points at most
    assert f"“{SERIES_B}” (October 2026)" in draft.body  # the newest achievement, word for word
    assert "interested in joining Acme Robotics" in draft.body
    assert draft.body.endswith("Best regards,\nAlex Kim\nalex@example.com")
    assert draft.fact is not None and draft.fact.source == "https://acme.example/news/series-b"
    assert draft.improvements == []


def test_the_fact_is_a_talking_point_first_then_recent_news_mission_and_value() -> None:
    old_news = [Achievement("2024-01-10", "Acme opens its first office", None, "https://acme.example/news/office")]
    with_mission = briefing(achievements=old_news, mission=Mission(MISSION, "https://acme.example/about"))
    fact = choose_fact(with_mission, today=date(2026, 11, 26))
    assert fact is not None and fact.kind == "mission"  # news from 2024 is not recent
    assert fact.quoted == MISSION.rstrip(".")
    assert "“Our mission is to make every warehouse a safe place to work”" in fact.sentence

    valued = briefing(values=[Value("Ownership", "We own outcomes.", "https://acme.example/careers")])
    fact = choose_fact(valued, today=date(2026, 11, 26))
    assert fact is not None and (fact.kind, fact.quoted) == ("value", "Ownership")

    pointed = briefing(
        mission=Mission(MISSION, "https://acme.example/about"),
        talking_points=[TalkingPoint("Your Series B will fund the Berlin hub.", "https://acme.example/news/b")],
    )
    fact = choose_fact(pointed, today=date(2026, 11, 26))
    assert fact is not None and fact.sentence == "Your Series B will fund the Berlin hub."
    assert choose_fact(briefing(), today=date(2026, 11, 26)) is None


def test_a_long_mission_is_cut_at_a_word_and_marked() -> None:
    long_mission = "We exist to " + "help people build reliable robots " * 10
    fact = choose_fact(briefing(mission=Mission(long_mission, "https://acme.example/about")))
    assert fact is not None and fact.quoted.endswith("…")
    kept = fact.quoted[:-1]
    assert long_mission.startswith(kept) and len(kept) <= MAX_QUOTE_CHARS
    assert long_mission[len(kept)] == " "  # cut between words, never inside one


def test_without_briefing_or_notes_it_still_drafts_and_says_what_would_help() -> None:
    draft = thank_you_note(
        ThankYouRequest(company="Initech", interviewer=None, interview_day=date(2026, 11, 25), interview_id=7)
    )
    assert draft.body.startswith("Hello,\n\nThank you for taking the time to speak with me on Wednesday 25 November")
    assert "[your name]" in draft.body
    joined = "\n".join(draft.improvements)
    assert "scout interview note 7 TEXT" in joined
    assert "scout interview edit 7 --with NAME" in joined
    assert 'scout brief "Initech"' in joined
    assert "scout config set signature" in joined
    assert draft.fact is None


def test_web_text_cannot_drive_the_terminal_or_inject_markdown() -> None:
    hostile = briefing(
        achievements=[
            Achievement(
                "2026-11-01",
                "Big news\x1b[2J\u202e [click](javascript:alert(1)) <img src=x onerror=y>",
                None,
                "https://acme.example/n",
            ),
        ]  # fmt: skip
    )
    text = render_draft(thank_you_note(acme_request(briefing=hostile)), "text")
    assert "\x1b" not in text and "\u202e" not in text
    markdown = render_draft(thank_you_note(acme_request(briefing=hostile), "markdown"), "markdown")
    assert "](javascript:" not in markdown and "<img" not in markdown
    assert "\\[click\\]" in markdown


def test_rendered_draft_shows_the_fact_and_its_source_to_check() -> None:
    text = render_draft(thank_you_note(acme_request()), "text", heading="To Jane Doe")
    assert text.startswith("To Jane Doe\n-----------\nSubject: Thank you: Backend Engineer interview\n")
    assert f"Fact used (achievement): “{SERIES_B}”, check it at https://acme.example/news/series-b" in text
    markdown = render_draft(thank_you_note(acme_request(), "markdown"), "markdown", heading="To Jane Doe")
    assert "## To Jane Doe" in markdown and "(https://acme.example/news/series-b)" in markdown


def test_follow_up_is_polite_names_dates_and_interest() -> None:
    draft = follow_up_note(
        FollowUpRequest(
            company="Acme Robotics",
            recipient="Dr. Ann Okafor",
            interview_day=date(2026, 11, 25),
            expected_day=date(2026, 12, 2),
            role="Backend Engineer",
            briefing=briefing(mission=Mission(MISSION, "https://acme.example/about")),
            sender=Sender(name="Alex Kim"),
        )
    )
    assert draft.body.startswith("Dear Dr. Okafor,")
    assert "interview for the Backend Engineer role at Acme Robotics on Wednesday 25 November" in draft.body
    assert "hear back around Wednesday 2 December" in draft.body
    assert "I remain very interested in joining Acme Robotics" in draft.body
    assert "make every warehouse a safe place to work" in draft.body
    assert draft.body.endswith("Best regards,\nAlex Kim")


def test_note_points_split_at_lines_semicolons_and_bullets() -> None:
    assert note_points(["- Kafka migration\n- team size", "on-call"], limit=5) == [
        "Kafka migration",
        "team size",
        "on-call",
    ]
    assert note_points(["one; two; three"]) == ["one", "two"]


def test_greeting_uses_first_name_or_title_and_surname() -> None:
    assert greeting_name("Jane Doe") == "Jane"
    assert greeting_name("Dr. Ann Okafor") == "Dr. Okafor"
    assert greeting_name("Prof Li") == "Prof Li"


# -- several interviewers -----------------------------------------------------------------------


def test_notes_naming_an_interviewer_go_to_their_note_and_read_as_topics() -> None:
    notes = [
        "fleet path planner scaling; on-call rotation",
        "Jonas: asked about the ROS 2 migration",
        "Priya explained how they review safety cases",
    ]
    jonas = note_points(notes, interviewer="Jonas Weber", others=["Priya Raman"])
    priya = note_points(notes, interviewer="Priya Raman", others=["Jonas Weber"])
    assert jonas == ["the ROS 2 migration", "fleet path planner scaling"]
    assert priya == ["how they review safety cases", "fleet path planner scaling"]
    assert note_points(["we discussed the hiring plan", "I asked about team size"]) == ["the hiring plan", "team size"]
    dashed = ["the hiring plan; Priya - safety case reviews"]  # " - " also reads as a bullet
    assert note_points(dashed, interviewer="Priya Raman") == ["safety case reviews", "the hiring plan"]
    assert note_points(dashed, interviewer="Jonas Weber", others=["Priya Raman"]) == ["the hiring plan"]


def test_two_interviewers_get_different_notes_each_with_a_correct_fact() -> None:
    notes = ["the fleet telemetry pipeline", "Sam: asked about Kafka partitioning"]
    jane = thank_you_note(acme_request(notes=notes, other_interviewers=["Sam Lee"], variant=0))
    sam = thank_you_note(acme_request(interviewer="Sam Lee", notes=notes, other_interviewers=["Jane Doe"], variant=1))
    assert jane.body.replace("Jane", "Sam") != sam.body
    assert "Kafka partitioning" in sam.body and "Kafka" not in jane.body
    assert "even more interested in joining Acme Robotics" in jane.body
    assert "even more excited about the role and about joining Acme Robotics" in sam.body
    assert jane.fact is not None and jane.fact.kind == "achievement" and f"“{SERIES_B}” (October 2026)" in jane.body
    assert sam.fact is not None and sam.fact.kind == "mission"
    assert "“Our mission is to make every warehouse a safe place to work”" in sam.body  # quoted word for word


def test_a_talking_point_is_not_quoted_twice_under_the_draft() -> None:
    point = "I was glad to read your October 2026 news: “Acme raises Series B”."
    draft = thank_you_note(
        acme_request(briefing=briefing(talking_points=[TalkingPoint(point, "https://acme.example/news")]))
    )
    text = render_draft(draft)
    assert point in draft.body
    assert "Fact used (talking point): check it at https://acme.example/news" in text
    assert text.count("Acme raises Series B") == 1
