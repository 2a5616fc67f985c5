"""The deadlines as an iCalendar file (RFC 5545) that Outlook, Thunderbird and Google Calendar import.

Each deadline is an all-day event with a reminder a week before; its UID depends only on the case
and the deadline's kind, so importing the file again after a change updates the events instead of
adding copies. The file names the case by its reference only: no name of the applicant.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from lawdesk.fs import atomic_write_bytes
from lawdesk.timeline.situation import Timeline

REMINDER = dt.timedelta(days=7)


def calendar_bytes(t: Timeline, reference: str, stamp: dt.datetime | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//LawDesk//lawdesk status//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    for deadline in t.deadlines:
        event = Event()
        event.add("uid", f"{reference}-{deadline.kind}@lawdesk.invalid".replace(" ", "_"))
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        event.add("summary", f"{reference} — {deadline.what}")
        event.add("description", deadline.basis)
        event.add("transp", "TRANSPARENT")
        if deadline.date >= t.day:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{reference} — {deadline.what}")
            alarm.add("trigger", -REMINDER)
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def write_ics(t: Timeline, reference: str, path: Path) -> None:
    atomic_write_bytes(path, calendar_bytes(t, reference))
