"""The .ics file attached to a meeting reminder (RFC 5545 via icalendar). Pure."""

from datetime import datetime

from icalendar import Calendar, Event

from bot.domain.cadence import SESSION_LENGTH


def session_ics(*, mentorship_id: int, start: datetime, summary: str, description: str, stamp: datetime,
                slot_at: datetime | None = None, sequence: int = 0, cancelled: bool = False) -> bytes:
    """One VEVENT in UTC. The UID is stable per session (its agreed slot, `slot_at`, even once moved), so
    re-importing updates rather than duplicates; a moved session carries a higher SEQUENCE, and a cancelled one
    METHOD:CANCEL with STATUS:CANCELLED, which calendars apply to the event they already hold (RFC 5546)."""
    cal = Calendar()
    cal.add("prodid", "-//mentorbot//mentoring sessions//EN")
    cal.add("version", "2.0")
    if cancelled or sequence:
        cal.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", f"mentorship-{mentorship_id}-{slot_at or start:%Y%m%dT%H%M%SZ}@mentorbot")
    if sequence:
        event.add("sequence", sequence)
    if cancelled:
        event.add("status", "CANCELLED")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + SESSION_LENGTH)
    event.add("summary", summary)
    event.add("description", description)
    cal.add_component(event)
    return cal.to_ical()
