"""Times typed by people ("tomorrow 3pm", "in 5 days", "2026-12-01 14:00") and how to show them.

Every time scout keeps is timezone-aware. Typed times are read in the user's local zone
(the ``TZ`` environment variable, else the system's), and the clock can be frozen with
``SCOUT_NOW`` (ISO 8601) so that tests and demos see a fixed "now".

A small grammar rather than a general date parser: a parser that guesses turns "a" or "3"
into a date months away, and a reminder set on a guess is worse than a clear error.
Arithmetic in hours and minutes is on the real clock; in days, weeks and months it keeps the
wall-clock time, so "in 5 days" at 15:00 is 15:00 even across a daylight-saving change.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from dateutil import tz
from dateutil.relativedelta import relativedelta

from companyscout.errors import UsageError

#: What a typed time looks like; shown whenever one is rejected.
WHEN_EXAMPLES = 'try "tomorrow 3pm", "in 5 days" or "2026-12-01 14:00"'

#: The time of day given to a typed day without a time ("tomorrow", "2026-12-01").
DEFAULT_TIME = time(9, 0)

#: Environment variable that freezes the clock (ISO 8601, with or without an offset).
NOW_ENV = "SCOUT_NOW"

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_WEEKDAY_WORDS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
_MONTH_WORDS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_UNITS = {
    "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months",
}  # fmt: skip

_WEEKDAY_RE = "|".join(sorted(_WEEKDAY_WORDS, key=len, reverse=True))
_MONTH_RE = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))

_DURATION = re.compile(rf"^(?:in\s+)?(\d{{1,4}}|an?|one)\s*({_UNIT_RE})(?:\s+from\s+now)?$")
_TIME = (
    r"(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))?\s*(?P<ampm>am|pm)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})"
    r"|(?P<word>noon|midday|midnight)"
)
_TIME_AT_END = re.compile(rf"^(?P<rest>.*?)(?:^|\s+)(?:at\s+)?(?:{_TIME})$")
_TIME_AT_START = re.compile(rf"^(?:at\s+)?(?:{_TIME})(?:\s+(?P<rest>.+))?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_PREFIX = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}[t ]\d")
_RELATIVE_WEEKDAY = re.compile(rf"^(?:(next|this|coming|last)\s+)?({_WEEKDAY_RE})$")
_DAY_MONTH = re.compile(
    rf"^(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<month>{_MONTH_RE})(?:,?\s+(?P<year>\d{{4}}))?$"
)
_MONTH_DAY = re.compile(
    rf"^(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?$"
)


def local_zone() -> tzinfo:
    """Return the user's time zone: ``TZ`` when set, else the system's."""
    # gettz() without a name reads TZ on every call (it is not cached), then /etc/localtime.
    zone: tzinfo | None = tz.gettz()
    return zone if zone is not None else tz.tzlocal()


def current_time() -> datetime:
    """Return the current time in the local zone, or the frozen time in ``SCOUT_NOW``."""
    frozen = os.environ.get(NOW_ENV)
    if frozen:
        try:
            moment = datetime.fromisoformat(frozen.strip())
        except ValueError:
            raise UsageError(f"{NOW_ENV}={frozen!r} is not an ISO 8601 time; unset it or fix it") from None
        return moment.astimezone(local_zone()) if moment.tzinfo else localize(moment)
    return datetime.now(local_zone())


def localize(wall: datetime) -> datetime:
    """Return the naive wall-clock time ``wall`` made aware in the local zone.

    A time skipped by a daylight-saving change (02:30 on the spring-forward night) moves
    forward by the gap; a repeated one means its first occurrence.
    """
    resolved: datetime = tz.resolve_imaginary(wall.replace(tzinfo=local_zone(), fold=0))
    return resolved


def as_utc(moment: datetime) -> datetime:
    """Return ``moment`` in UTC, for comparing and subtracting times safely.

    Python compares and subtracts two datetimes that share a tzinfo object by their wall
    clocks, ignoring a daylight-saving change between them; in UTC that cannot happen.
    """
    return moment.astimezone(timezone.utc)


def to_iso(moment: datetime) -> str:
    """Return ``moment`` as ISO 8601 text with its UTC offset, for storage."""
    return moment.isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """Return the aware time stored as ISO 8601 text, in the local zone."""
    moment = datetime.fromisoformat(text)
    return moment.astimezone(local_zone()) if moment.tzinfo else localize(moment)


@dataclass(frozen=True)
class _Clock:
    """A typed time of day."""

    hour: int
    minute: int


def parse_when(text: str, *, now: datetime | None = None) -> datetime:
    """Return the aware local time that ``text`` means, relative to ``now``.

    Understood: "now", "in 5 days", "2 weeks", "in an hour", "today 17:30", "tomorrow 3pm",
    "next Monday", "last Friday 10am", "3pm", "2026-12-01", "2026-11-25 14:00", "1 Dec",
    "December 1st 2026 at 9:30am". A day without a time means 09:00; a weekday or a bare time
    means the next one to come; a day and month without a year means the nearest such date.
    Raises UsageError with examples for anything else.
    """
    current = (now if now is not None else current_time()).astimezone(local_zone())
    cleaned = " ".join(text.strip().lower().rstrip(".").split())
    result = _parse(cleaned, current) if cleaned else None
    if result is None:
        shown = text.strip() or text
        raise UsageError(f'cannot read the time "{shown}": {WHEN_EXAMPLES}')
    return result


def _parse(text: str, current: datetime) -> datetime | None:
    if text == "now":
        return current
    duration = _DURATION.match(text)
    if duration:
        amount = int(duration.group(1)) if duration.group(1).isdigit() else 1
        return _shift(current, amount, _UNITS[duration.group(2)])
    if _ISO_PREFIX.match(text):
        exact = _parse_iso_datetime(text)
        if exact is not None:
            return exact
    clock, rest = _split_time(text)
    if clock is None and rest is None:
        return None  # a time was there but is impossible, e.g. "25:00" or "13pm"
    if not rest:
        if clock is None:
            return None
        # A bare time is the next one to come: "3pm" typed at 16:00 is tomorrow's.
        candidate = localize(datetime.combine(current.date(), time(clock.hour, clock.minute)))
        if as_utc(candidate) < as_utc(current):
            candidate = localize(datetime.combine(current.date() + timedelta(days=1), candidate.time()))
        return candidate
    day = _parse_day(rest, current.date())
    if day is None:
        return None
    at = time(clock.hour, clock.minute) if clock else DEFAULT_TIME
    return localize(datetime.combine(day, at))


def _relative(unit: str, amount: int) -> relativedelta:
    """Return a calendar step of ``amount`` ``unit`` ("days", "weeks", "months", "years")."""
    return relativedelta(
        days=amount if unit == "days" else 0,
        weeks=amount if unit == "weeks" else 0,
        months=amount if unit == "months" else 0,
        years=amount if unit == "years" else 0,
    )


def _shift(current: datetime, amount: int, unit: str) -> datetime:
    """Return ``current`` moved forward; hours on the real clock, days on the wall clock."""
    if unit in ("minutes", "hours"):
        return (as_utc(current) + timedelta(**{unit: amount})).astimezone(local_zone())
    wall = current.replace(tzinfo=None) + _relative(unit, amount)
    return localize(wall)


def _parse_iso_datetime(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.upper())
    except ValueError:
        return None
    return moment.astimezone(local_zone()) if moment.tzinfo else localize(moment)


def _split_time(text: str) -> tuple[_Clock | None, str | None]:
    """Return the time of day in ``text`` and what is left of it.

    ``(None, text)`` when there is no time; ``(None, None)`` when the time is impossible.
    """
    for pattern in (_TIME_AT_END, _TIME_AT_START):
        match = pattern.match(text)
        if match:
            clock = _clock(match)
            return (clock, (match.group("rest") or "").strip()) if clock else (None, None)
    return None, text


def _clock(match: re.Match[str]) -> _Clock | None:
    word = match.group("word")
    if word:
        return _Clock(0, 0) if word == "midnight" else _Clock(12, 0)
    if match.group("ampm"):
        hour, minute = int(match.group("h12")), int(match.group("m12") or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match.group("ampm") == "pm" else 0)
    else:
        hour, minute = int(match.group("h24")), int(match.group("m24"))
    if hour > 23 or minute > 59:
        return None
    return _Clock(hour, minute)


def _parse_day(text: str, today: date) -> date | None:
    if text in ("today", "tonight"):
        return today
    if text in ("tomorrow", "tmrw", "tmr"):
        return today + timedelta(days=1)
    if text in ("day after tomorrow", "the day after tomorrow"):
        return today + timedelta(days=2)
    if text == "yesterday":
        return today - timedelta(days=1)
    if text == "next week":
        return today + timedelta(weeks=1)
    days_ahead = _DURATION.match(text)  # "in 2 days" before a time: "in 2 days 10am"
    if days_ahead and _UNITS[days_ahead.group(2)] in ("days", "weeks", "months"):
        amount = int(days_ahead.group(1)) if days_ahead.group(1).isdigit() else 1
        ahead: date = today + _relative(_UNITS[days_ahead.group(2)], amount)
        return ahead
    iso = _ISO_DATE.match(text)
    if iso:
        return _date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    relative = _RELATIVE_WEEKDAY.match(text)
    if relative:
        return _weekday(today, _WEEKDAY_WORDS[relative.group(2)], relative.group(1))
    named = _DAY_MONTH.match(text) or _MONTH_DAY.match(text)
    if named:
        return _named_date(named, today)
    return None


def _weekday(today: date, weekday: int, qualifier: str | None) -> date:
    """Return the coming ``weekday`` after today, or today's ("this"), or the past one ("last")."""
    if qualifier == "last":
        back = (today.weekday() - weekday) % 7 or 7
        return today - timedelta(days=back)
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and qualifier != "this":
        ahead = 7
    return today + timedelta(days=ahead)


def _named_date(match: re.Match[str], today: date) -> date | None:
    month, day = _MONTH_WORDS[match.group("month")], int(match.group("day"))
    if match.group("year"):
        found = _date(int(match.group("year")), month, day)
    else:
        candidates = [d for y in (today.year - 1, today.year, today.year + 1) if (d := _date(y, month, day))]
        found = min(candidates, key=lambda d: abs(d - today)) if candidates else None
    weekday = match.group("wd")
    if found is not None and weekday and _WEEKDAY_WORDS[weekday] != found.weekday():
        return None  # "Tue 2 Dec" when 2 Dec is a Wednesday: one of them is a typo
    return found


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def format_time(moment: datetime, *, now: datetime | None = None) -> str:
    """Return a local time as "Thu 26 Nov 14:00" (with the year when it is not this year's)."""
    local = moment.astimezone(local_zone())
    text = f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]}"
    if now is not None and now.astimezone(local_zone()).year != local.year:
        text += f" {local.year}"
    return f"{text} {local:%H:%M}"


def format_span(delta: timedelta) -> str:
    """Return a length of time the way people say it: "45 min", "5 h", "3 days"."""
    seconds = abs(delta.total_seconds())
    if seconds < 3600:
        return f"{max(1, int(seconds // 60))} min"
    if seconds < 48 * 3600:
        return f"{int(seconds // 3600)} h"
    days = int(seconds // 86400)
    return f"{days} days"


def format_due(moment: datetime, now: datetime) -> str:
    """Return a deadline and how far it is: "Thu 26 Nov 14:00, in 5 h" or "…, overdue by 2 h"."""
    label = format_time(moment, now=now)
    delta = as_utc(moment) - as_utc(now)
    if abs(delta) < timedelta(minutes=1):
        return f"{label}, due now"
    if delta > timedelta(0):
        return f"{label}, in {format_span(delta)}"
    return f"{label}, overdue by {format_span(delta)}"


def is_overdue(deadline: datetime, now: datetime) -> bool:
    """Return True once ``now`` is past ``deadline``; at the deadline itself it is still due."""
    return as_utc(now) > as_utc(deadline)
