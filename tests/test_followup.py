"""The follow-up rules over loaded records, without disk: what is due, and what is no longer."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from companyscout.errors import UsageError
from companyscout.followup import (
    FOLLOW_UP_INTERVAL,
    Interview,
    Interviewer,
    NextStep,
    Promise,
    Records,
    Reflection,
    collect_status,
    latest_interview,
    preparation_checklist,
    recorded_company,
)

UTC = timezone.utc
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def interview(id: int = 1, company: str = "Acme", days_ago: float = 1, **fields: object) -> Interview:
    return Interview(id=id, company=company, when=NOW - timedelta(days=days_ago), **fields)  # type: ignore[arg-type]


def kinds(records: Records, now: datetime = NOW) -> list[tuple[str, str]]:
    return [(i.kind, i.what) for i in collect_status(records, now)]


def test_only_the_latest_interview_asks_for_thanks() -> None:
    first = interview(1, days_ago=10, interviewers=[Interviewer("Jane Doe")])
    second = interview(2, days_ago=0.5, interviewers=[Interviewer("Sam Lee")])
    assert kinds(Records(interviews=[first, second])) == [("thanks", "send thank-you note to Sam Lee")]


def test_a_past_next_step_asks_to_be_recorded_then_drops_off() -> None:
    step = NextStep(1, "Acme", "second interview", NOW - timedelta(hours=3), NOW - timedelta(days=3))
    records = Records(interviews=[interview(thanks_sent={"": "x"}, days_ago=5)], next_steps=[step])
    (item,) = collect_status(records, NOW)
    assert item.what == "second interview: took place? record it"
    assert item.command.startswith("scout interview add Acme --when 2026-11-26T06:00:00")
    assert collect_status(records, NOW + timedelta(days=3)) == []
    held = interview(2, days_ago=3 / 24, thanks_sent={"": "x"})
    assert kinds(Records(interviews=[held], next_steps=[step])) == []


def test_check_ins_repeat_a_week_after_the_last_while_nobody_answers() -> None:
    quiet = interview(days_ago=8, thanks_sent={"": "x"})
    assert kinds(Records(interviews=[quiet])) == [("quiet", "no word yet: send a polite check-in")]
    quiet.followups = [NOW - timedelta(days=2)]
    assert kinds(Records(interviews=[quiet])) == []
    later = NOW - timedelta(days=2) + FOLLOW_UP_INTERVAL
    assert kinds(Records(interviews=[quiet]), later) == [("quiet", "no word yet: send a polite check-in")]


def test_latest_interview_ignores_the_ones_still_to_come_and_matches_company_names() -> None:
    past = interview(1, company="ACME Robotics Inc.", days_ago=2)
    future = interview(2, company="Acme Robotics", days_ago=-2)
    assert latest_interview([past, future], "acme robotics", NOW).id == 1


def test_checklist_depends_on_the_kind_of_step() -> None:
    reflection = Reflection(1, "Acme", NOW, {"improve": "shorter answers"})
    promise = Promise(1, "Acme", "references")
    checks = preparation_checklist("background check", briefing=None, reflections=[reflection], open_promises=[promise])
    assert checks[0] == "Tell your references to expect a call, and send them the role's description."
    assert "Send what you promised first: references" in checks
    assert "Work on what you wanted to improve: shorter answers" in checks
    assert checks[-1] == "Run scout brief on the company for its mission, values and recent news."
    interview_checks = preparation_checklist("final round", briefing=None, reflections=[], open_promises=[])
    assert interview_checks[0] == "Prepare two or three questions for each interviewer."


def test_a_short_or_differently_written_name_finds_the_recorded_company() -> None:
    known = ["Northwind Robotics", "Acme Robotics GmbH", "Acme Tools"]
    assert recorded_company(known, "northwind") == "Northwind Robotics"
    assert recorded_company(known, "ACME robotics") == "Acme Robotics GmbH"
    assert recorded_company(known, "Initech") == "Initech"
    assert recorded_company(known, "North") == "North"  # whole words only
    with pytest.raises(UsageError, match='"Acme Robotics GmbH" or "Acme Tools"'):
        recorded_company(known, "Acme")
