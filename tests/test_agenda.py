"""The calendar file: parsed back by icalendar, in UTC, with stable UIDs and safe text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from companyscout.agenda import REMINDER_BEFORE, build_calendar, event_uid, write_calendar
from companyscout.errors import ScoutError
from companyscout.followup import StatusItem

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)
BERLIN_WINTER = timezone(timedelta(hours=1))


def item(**overrides: object) -> StatusItem:
    fields: dict[str, object] = {
        "kind": "promise",
        "company": "Acme Robotics",
        "what": "send what you promised: code sample",
        "due": datetime(2026, 11, 27, 17, 0, tzinfo=BERLIN_WINTER),
        "command": "scout promise done 3",
        "ref": "promise-3",
        "title": "Promised to Acme Robotics: code sample",
    }
    fields.update(overrides)
    return StatusItem(**fields)  # type: ignore[arg-type]


def events(data: bytes) -> list[object]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_each_dated_item_is_one_event_in_utc_with_a_reminder() -> None:
    data = build_calendar([item(), item(due=None, ref="promise-4")], now=NOW)
    (event,) = events(data)
    assert event.decoded("dtstart") == datetime(2026, 11, 27, 16, 0, tzinfo=timezone.utc)  # type: ignore[attr-defined]
    assert str(event["uid"]) == "promise-3@companyscout"  # type: ignore[index]
    assert str(event["summary"]) == "Promised to Acme Robotics: code sample"  # type: ignore[index]
    (alarm,) = event.walk("VALARM")  # type: ignore[attr-defined]
    assert alarm.decoded("trigger") == -REMINDER_BEFORE


def test_uid_stays_the_same_when_the_wording_changes() -> None:
    assert event_uid(item()) == event_uid(item(what="send what you promised: a longer code sample"))
    assert event_uid(item()) != event_uid(item(ref="promise-4"))


def test_control_characters_never_reach_the_calendar_file() -> None:
    data = build_calendar([item(company="Evil\x1b[2J\r\nBEGIN:VEVENT Corp\u202e")], now=NOW)
    assert b"\x1b" not in data and "\u202e".encode() not in data
    assert len(events(data)) == 1  # an injected line break did not create a second event


def test_calendar_summaries_are_short_and_natural() -> None:
    from companyscout.followup import ContactFollowUp, Interview, Interviewer, NextStep, Promise, Records, agenda_items

    held = datetime(2026, 11, 25, 14, 0, tzinfo=BERLIN_WINTER)
    records = Records(
        interviews=[
            Interview(
                1,
                "Northwind Robotics",
                held,
                role="Robotics Software Engineer",
                stage="first round",
                interviewers=[Interviewer("Priya Raman"), Interviewer("Jonas Weber")],
            ),
        ],  # fmt: skip
        promises=[Promise(2, "Northwind Robotics", "send the code sample", due=held + timedelta(days=1))],
        next_steps=[NextStep(3, "Northwind Robotics", "technical assessment", held + timedelta(days=5), held)],
        contacts=[ContactFollowUp(4, "Mei Chen", "Northwind Robotics", held + timedelta(days=2), due=False)],
    )
    summaries = {str(e["summary"]) for e in events(build_calendar(agenda_items(records, NOW), now=NOW))}  # type: ignore[index]
    assert summaries == {
        "First round interview at Northwind Robotics",
        "Thank Priya and Jonas (Northwind Robotics)",
        "Promised to Northwind Robotics: send the code sample",
        "Technical assessment with Northwind Robotics",
        "Follow up with Mei Chen (Northwind Robotics)",
        "Check in with Northwind Robotics",
    }


def test_a_read_only_calendar_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "scout.ics"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(ScoutError, match="read-only; choose another file"):
        write_calendar(target, build_calendar([item()], now=NOW))
    assert target.read_bytes() == b"old"
