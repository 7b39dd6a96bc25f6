"""Times typed by people: understood in the local zone, or rejected with examples."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone

import pytest

from companyscout.errors import UsageError
from companyscout.when import (
    as_utc,
    current_time,
    format_due,
    is_overdue,
    localize,
    parse_when,
)


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Switch the process to a named time zone for one test."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def berlin_thursday(zone: Callable[[str], None]) -> datetime:
    zone("Europe/Berlin")
    return localize(datetime(2026, 11, 26, 9, 0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 3pm", datetime(2026, 11, 27, 15, 0)),
        ("Tomorrow at 15:00.", datetime(2026, 11, 27, 15, 0)),
        ("in 5 days", datetime(2026, 12, 1, 9, 0)),
        ("in 2 days 10:00", datetime(2026, 11, 28, 10, 0)),
        ("in 1 week at 3pm", datetime(2026, 12, 3, 15, 0)),
        ("in 1 week", datetime(2026, 12, 3, 9, 0)),
        ("in an hour", datetime(2026, 11, 26, 10, 0)),
        ("next Monday", datetime(2026, 11, 30, 9, 0)),
        ("last Friday 10am", datetime(2026, 11, 20, 10, 0)),
        ("2026-12-01", datetime(2026, 12, 1, 9, 0)),
        ("2026-11-25 14:00", datetime(2026, 11, 25, 14, 0)),
        ("2026-12-01 3pm", datetime(2026, 12, 1, 15, 0)),
        ("today 17:30", datetime(2026, 11, 26, 17, 30)),
        ("8am", datetime(2026, 11, 27, 8, 0)),  # 08:00 has passed today: the next one
        ("1 Dec", datetime(2026, 12, 1, 9, 0)),
        ("Tue 1 December 2026 at 9:30am", datetime(2026, 12, 1, 9, 30)),
        ("Nov 20", datetime(2026, 11, 20, 9, 0)),  # the nearest 20 Nov, not next year's
    ],
)
def test_typed_times_are_read_in_the_local_zone(berlin_thursday: datetime, text: str, expected: datetime) -> None:
    result = parse_when(text, now=berlin_thursday)
    assert result.replace(tzinfo=None) == expected
    assert result.utcoffset() == timedelta(hours=1)


def test_an_explicit_offset_is_converted_to_local_time(berlin_thursday: datetime) -> None:
    result = parse_when("2026-11-25T14:00+00:00", now=berlin_thursday)
    assert (result.hour, result.utcoffset()) == (15, timedelta(hours=1))


@pytest.mark.parametrize(
    "text", ["2026-13-45", "2026-02-30", "nonsense", "a", "3", "25:00", "13pm", "", "  ", "Wed 1 Dec", "in x days"]
)
def test_impossible_or_unclear_times_are_rejected_with_examples(berlin_thursday: datetime, text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_when(text, now=berlin_thursday)
    message = str(caught.value)
    assert "tomorrow 3pm" in message and "2026-12-01 14:00" in message
    assert "\n" not in message


def test_the_same_text_means_the_same_wall_time_in_another_zone(zone: Callable[[str], None]) -> None:
    zone("America/Los_Angeles")
    now = localize(datetime(2026, 11, 26, 9, 0))
    result = parse_when("tomorrow 3pm", now=now)
    assert (result.hour, result.utcoffset()) == (15, timedelta(hours=-8))
    assert as_utc(result) == datetime(2026, 11, 27, 23, 0, tzinfo=timezone.utc)


def test_days_keep_the_wall_clock_and_hours_the_real_clock_across_dst(zone: Callable[[str], None]) -> None:
    zone("America/New_York")  # clocks go back at 02:00 on Sunday 1 Nov 2026
    saturday = localize(datetime(2026, 10, 31, 15, 0))
    next_day = parse_when("in 1 day", now=saturday)
    assert (next_day.hour, next_day.utcoffset()) == (15, timedelta(hours=-5))
    assert as_utc(next_day) - as_utc(saturday) == timedelta(hours=25)
    assert format_due(next_day, saturday) == "Sun 1 Nov 15:00, in 25 h"
    in_24_hours = parse_when("in 24 hours", now=saturday)
    assert in_24_hours.hour == 14


def test_a_time_skipped_by_spring_forward_moves_past_the_gap(zone: Callable[[str], None]) -> None:
    zone("America/New_York")  # 02:00 → 03:00 on Sunday 8 Mar 2026
    before = localize(datetime(2026, 3, 7, 12, 0))
    result = parse_when("2026-03-08 2:30am", now=before)
    assert (result.hour, result.minute, result.utcoffset()) == (3, 30, timedelta(hours=-4))


def test_format_due_says_how_far_a_deadline_is(berlin_thursday: datetime) -> None:
    deadline = localize(datetime(2026, 11, 26, 14, 0))
    assert format_due(deadline, berlin_thursday) == "Thu 26 Nov 14:00, in 5 h"
    assert format_due(deadline, deadline + timedelta(hours=2)) == "Thu 26 Nov 14:00, overdue by 2 h"
    assert format_due(deadline, deadline - timedelta(minutes=45)) == "Thu 26 Nov 14:00, in 45 min"
    assert format_due(deadline, deadline) == "Thu 26 Nov 14:00, due now"
    next_year = localize(datetime(2027, 1, 5, 9, 0))
    assert format_due(next_year, berlin_thursday) == "Tue 5 Jan 2027 09:00, in 40 days"


def test_a_deadline_is_overdue_only_after_it_passes(berlin_thursday: datetime) -> None:
    assert not is_overdue(berlin_thursday, berlin_thursday)
    assert is_overdue(berlin_thursday, berlin_thursday + timedelta(seconds=1))


def test_scout_now_freezes_the_clock(zone: Callable[[str], None], monkeypatch: pytest.MonkeyPatch) -> None:
    zone("Asia/Tokyo")
    monkeypatch.setenv("SCOUT_NOW", "2026-11-26T00:00:00+00:00")
    frozen = current_time()
    assert (frozen.hour, frozen.utcoffset()) == (9, timedelta(hours=9))
    assert parse_when("in 2 days").day == 28
    monkeypatch.setenv("SCOUT_NOW", "yesterday")
    with pytest.raises(UsageError, match="SCOUT_NOW"):
        current_time()


def test_importing_when_does_not_import_dateparser() -> None:
    code = "import sys, companyscout.when; print('dateparser' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
