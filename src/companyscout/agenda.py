"""Every dated follow-up item as an iCalendar file (RFC 5545) that calendar apps import.

Events are written in UTC, so they land at the right moment whatever zone the calendar app
is set to; each has a stable UID, so importing the file again updates events instead of
doubling them. A reminder fires before each one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from companyscout.errors import ScoutError
from companyscout.followup import StatusItem
from companyscout.safe import one_line
from companyscout.version import __version__
from companyscout.when import as_utc

#: Length of each event in the calendar.
EVENT_LENGTH = timedelta(minutes=30)
#: How long before an event its reminder fires.
REMINDER_BEFORE = timedelta(hours=1)
PRODID = f"-//companyscout//scout {__version__}//EN"
UID_DOMAIN = "companyscout"


def event_uid(item: StatusItem) -> str:
    """Return a UID that stays the same for the same item across exports ("promise-5@companyscout")."""
    return f"{item.ref}@{UID_DOMAIN}"


def build_calendar(items: Sequence[StatusItem], *, now: datetime) -> bytes:
    """Return an iCalendar file with one event per dated item (undated items are left out)."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "scout follow-ups")
    for item in items:
        if item.due is None:
            continue
        start = as_utc(item.due)
        event = Event()
        event.add("uid", event_uid(item))
        event.add("dtstamp", as_utc(now))
        event.add("dtstart", start)
        event.add("dtend", start + EVENT_LENGTH)
        event.add("summary", one_line(item.summary))
        event.add("description", one_line(f"{item.company}: {item.what}. Run: {item.command}"))
        event.add("categories", [item.kind])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", one_line(item.summary))
        alarm.add("trigger", -REMINDER_BEFORE)
        event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def write_calendar(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a reader sees the old file or the new, never half."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_file() and not path.stat().st_mode & stat.S_IWUSR:
        # The rename below would replace even a read-only file; its mode says not to.
        raise ScoutError(f"cannot write {path}: the file is read-only; choose another file")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ScoutError(f"cannot write {path}: {exc.strerror or exc}; choose another file") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise ScoutError(f"cannot write {path}: {exc.strerror or exc}; choose another file") from None
