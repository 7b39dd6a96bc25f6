"""The calendar file: parsed back by icalendar, in UTC, with stable UIDs and safe text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from icalendar import Calendar

from companyscout.agenda import REMINDER_BEFORE, build_calendar, event_uid
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
    assert str(event["summary"]) == "Promise due: Acme Robotics: send what you promised: code sample"  # type: ignore[index]
    (alarm,) = event.walk("VALARM")  # type: ignore[attr-defined]
    assert alarm.decoded("trigger") == -REMINDER_BEFORE


def test_uid_stays_the_same_when_the_wording_changes() -> None:
    assert event_uid(item()) == event_uid(item(what="send what you promised: a longer code sample"))
    assert event_uid(item()) != event_uid(item(ref="promise-4"))


def test_control_characters_never_reach_the_calendar_file() -> None:
    data = build_calendar([item(company="Evil\x1b[2J\r\nBEGIN:VEVENT Corp\u202e")], now=NOW)
    assert b"\x1b" not in data and "\u202e".encode() not in data
    assert len(events(data)) == 1  # an injected line break did not create a second event
