"""The .ics file attached to a meeting reminder (RFC 5545 via icalendar). Pure."""

from datetime import datetime

from icalendar import Calendar, Event

from bot.domain.cadence import SESSION_LENGTH


def session_ics(*, mentorship_id: int, start: datetime, summary: str, description: str, stamp: datetime) -> bytes:
    """One VEVENT in UTC. The UID is stable per session, so re-importing updates rather than duplicates."""
    cal = Calendar()
    cal.add("prodid", "-//mentorbot//mentoring sessions//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", f"mentorship-{mentorship_id}-{start:%Y%m%dT%H%M%SZ}@mentorbot")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + SESSION_LENGTH)
    event.add("summary", summary)
    event.add("description", description)
    cal.add_component(event)
    return cal.to_ical()
