"""iCalendar files for follow-up events, with times in the cohort's zone (VTIMEZONE + TZID). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from icalendar import Calendar, Event

from diklat.common.time import utcnow, zone

PRODID = "-//Diklat SOP//Follow-up//ID"
ICS_STATUS = {
    "planned": "TENTATIVE",
    "rescheduled": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "done": "CONFIRMED",
    "missed": "CANCELLED",
    "cancelled": "CANCELLED",
}


@dataclass(frozen=True)
class CalendarEvent:
    """Plain values describing one event."""

    uid: str
    title: str
    starts_on: date
    ends_on: date
    start_time: time
    end_time: time
    timezone: str
    status: str
    sequence: int = 0
    location: str = ""
    description: str = ""
    url: str = ""

    def start(self) -> datetime:
        """Aware start in the event's zone."""
        return datetime.combine(self.starts_on, self.start_time, zone(self.timezone))

    def end(self) -> datetime:
        """Aware end in the event's zone (on the last day)."""
        return datetime.combine(self.ends_on, self.end_time, zone(self.timezone))


def _event(item: CalendarEvent, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("summary", item.title)
    event.add("dtstart", item.start())
    event.add("dtend", item.end())
    event.add("status", ICS_STATUS.get(item.status, "TENTATIVE"))
    event.add("sequence", item.sequence)
    if item.location:
        event.add("location", item.location)
    if item.description:
        event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    return event


def calendar_bytes(events: list[CalendarEvent], name: str, now: datetime | None = None) -> bytes:
    """A VCALENDAR with the events and a VTIMEZONE for every zone used."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = now or utcnow()
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    for item in events:
        cal.add_component(_event(item, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()
