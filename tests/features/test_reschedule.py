"""Rescheduling for real, through HTTP, the local Slack, the drain and injected time: moving a session from the
meeting reminder moves its reminder and check-in and updates the calendar file (same UID, higher SEQUENCE);
cancelling one sends a cancelling .ics and no check-in; the sessions around them stay as agreed; nothing is sent
twice; a stranger or a bad date changes nothing."""

from datetime import UTC, datetime

from icalendar import Calendar

from tests.content_helpers import add_pair, add_person, bot_dms, rows, run_until
from tests.pairing_helpers import click, text_of, wait_ephemeral, wait_modal

MENTOR, MENTEE = "UMOVEMENTOR", "UMOVEMENTEE"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def picked(day: str, at: str) -> dict:
    return {"new_date": {"date": {"type": "datepicker", "selected_date": day}},
            "new_time": {"time": {"type": "timepicker", "selected_time": at}}}


def reminders(stack, user):
    return [m for m in bot_dms(stack, user) if m["text"].startswith("Coming up:")]


def ics_of(stack, user, message) -> Calendar:
    """The calendar file posted in a message's thread."""
    files = [m for m in stack.slack.messages_in(stack.slack.dm_channel(user))
             if m.get("thread_ts") == message["ts"] and m.get("files")]
    assert len(files) == 1, files
    content = stack.slack.files[files[0]["files"][0]["id"]]["content"]
    return Calendar.from_ical(content[content.index(b"BEGIN:VCALENDAR"):content.index(b"END:VCALENDAR") + 13])


def event_of(calendar: Calendar):
    return next(iter(calendar.walk("VEVENT")))


def sessions_prompted(stack) -> list[str]:
    return sorted({r.payload["period"] for r in rows(stack, kind="checkin", status="sent")
                   if r.idempotency_key.startswith("checkin:")})


def test_move_then_cancel_a_session(stack, clock):
    add_person(stack, MENTOR, "Mia Mentor", "Europe/Berlin")
    add_person(stack, MENTEE, "Leo Mentee", "Europe/Berlin")
    mid = add_pair(stack, MENTOR, MENTEE, "weekly", utc(2026, 12, 8, 9, 0))  # Tuesdays 10:00 in Berlin
    clock.now = utc(2026, 12, 7, 8, 0)  # Monday 09:00 in Berlin: the reminders for Tuesday go out
    run_until(stack, clock, clock.now)
    reminder = reminders(stack, MENTEE)[-1]
    assert "Reschedule" in text_of(reminder) and "Cancel session" in text_of(reminder)
    uid = str(event_of(ics_of(stack, MENTEE, reminder))["uid"])

    # A stranger's click (or a forged value) changes nothing.
    add_person(stack, "USTRANGER", "Sam Stranger", "Europe/Berlin")
    click(stack, "USTRANGER", "session_reschedule", value=f"{mid}:2026-12-08")
    assert "nothing changed" in text_of(wait_ephemeral(stack, "USTRANGER", "nothing changed"))

    # The mentee moves Tuesday's session to Thursday 15:00; a date in the past is refused first.
    click(stack, MENTEE, "session_reschedule", message=reminder)
    view = wait_modal(stack, MENTEE, "session_move_submit")
    bad = stack.driver.view_submission(MENTEE, view, picked("2026-12-01", "15:00"))
    assert "future" in bad.body and rows(stack, kind="session_update") == []
    ok = stack.driver.view_submission(MENTEE, view, picked("2026-12-10", "15:00"))
    assert "Rescheduled" in ok.body

    # The old session's queued check-in is retired; the new one is queued after Thursday's session.
    pending = {r.idempotency_key for r in rows(stack, status="pending") if r.kind == "checkin"}
    assert pending == {f"checkin:{mid}:2026-12-10:{MENTOR}", f"checkin:{mid}:2026-12-10:{MENTEE}"}
    assert {r.payload["session_at"] for r in rows(stack, kind="meeting_reminder", status="pending")} == \
        {"2026-12-10T14:00:00+00:00"}

    run_until(stack, clock, utc(2026, 12, 11, 16, 0))
    for user in (MENTOR, MENTEE):
        note = next(m for m in bot_dms(stack, user) if m["text"].startswith("Your mentoring session moved"))
        event = event_of(ics_of(stack, user, note))
        assert str(event["uid"]) == uid and int(event["sequence"]) == 1
        assert event.decoded("dtstart") == utc(2026, 12, 10, 14, 0)
        # The reminder the day before the moved session carries the same event.
        moved = [m for m in reminders(stack, user) if "Thu 10 Dec at 15:00" in m["text"]]
        assert len(moved) == 1 and str(event_of(ics_of(stack, user, moved[0]))["uid"]) == uid
    assert sessions_prompted(stack) == ["2026-12-10"]  # never asked about Tuesday 8th

    # Next Tuesday stays as agreed. The mentor calls it off from its reminder: a cancelling .ics, no check-in.
    run_until(stack, clock, utc(2026, 12, 14, 8, 0))
    reminder = next(m for m in reminders(stack, MENTOR) if "Tue 15 Dec at 10:00" in m["text"])
    click(stack, MENTOR, "session_cancel", message=reminder)
    assert "cancelled" in text_of(wait_ephemeral(stack, MENTOR, "cancelled"))
    click(stack, MENTOR, "session_cancel", message=reminder)  # twice: refused, nothing new
    assert "nothing changed" in text_of(wait_ephemeral(stack, MENTOR, "nothing changed"))
    run_until(stack, clock, utc(2026, 12, 23, 16, 0))
    for user in (MENTOR, MENTEE):
        notes = [m for m in bot_dms(stack, user) if "is cancelled" in m["text"]]
        assert len(notes) == 1
        calendar = ics_of(stack, user, notes[0])
        event = event_of(calendar)
        assert str(calendar["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
        assert event.decoded("dtstart") == utc(2026, 12, 15, 9, 0) and int(event["sequence"]) == 1
    assert sessions_prompted(stack) == ["2026-12-10", "2026-12-22"]
    # No key was ever written twice and nothing was sent twice.
    sent = [r.idempotency_key for r in rows(stack, status="sent")]
    assert len(sent) == len(set(sent))


def test_reschedule_on_a_check_in_opens_the_move(stack, clock):
    add_person(stack, MENTOR, "Mia Mentor", "Europe/Berlin")
    add_person(stack, MENTEE, "Leo Mentee", "Europe/Berlin")
    add_pair(stack, MENTOR, MENTEE, "weekly", utc(2026, 12, 1, 8, 0))
    run_until(stack, clock, clock.now)
    prompt = next(m for m in bot_dms(stack, MENTEE) if m["text"].startswith("Check-in:"))
    click(stack, MENTEE, "checkin_reschedule", message=prompt)
    view = wait_modal(stack, MENTEE, "session_move_submit")
    assert stack.driver.view_submission(MENTEE, view, picked("2026-12-03", "11:00")).status == 200
    assert {r.payload["session_at"] for r in rows(stack, kind="checkin", status="pending")
            if not r.payload.get("reminder")} == {"2026-12-03T10:00:00+00:00", "2026-12-08T08:00:00+00:00"}


def home_text(stack, user) -> str:
    before = stack.slack.home_views.get(user)
    stack.driver.app_home_opened(user)
    assert stack.slack.wait_for(lambda: stack.slack.home_views.get(user) is not before, timeout=10)
    return text_of(stack.slack.home_views[user])


def test_the_home_shows_the_next_meeting_from_the_agreement(stack, clock):
    """A monthly pair has no queued row a month ahead; the Home still shows its next meeting, and a moved one."""
    add_person(stack, MENTOR, "Mia Mentor", "Europe/Berlin")
    add_person(stack, MENTEE, "Leo Mentee", "Europe/Berlin")
    add_pair(stack, MENTOR, MENTEE, "monthly", utc(2026, 11, 20, 9, 0))  # the 20th, 10:00 in Berlin
    assert rows(stack, kind="checkin", status="pending") == []
    next_one = int(utc(2026, 12, 20, 9, 0).timestamp())
    for user in (MENTOR, MENTEE):
        assert f"next meeting <!date^{next_one}^" in home_text(stack, user)
    clock.now = utc(2026, 12, 18, 9, 0)
    run_until(stack, clock, clock.now)
    reminder = reminders(stack, MENTEE)[-1]
    click(stack, MENTEE, "session_reschedule", message=reminder)
    view = wait_modal(stack, MENTEE, "session_move_submit")
    assert "Rescheduled" in stack.driver.view_submission(MENTEE, view, picked("2026-12-21", "16:30")).body
    moved = int(utc(2026, 12, 21, 15, 30).timestamp())
    # Both Homes were republished with the moved session.
    assert stack.slack.wait_for(lambda: f"next meeting <!date^{moved}^" in text_of(
        stack.slack.home_views.get(MENTOR) or {}), timeout=10)
