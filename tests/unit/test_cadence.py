"""Pure rules of a pair's rhythm: sessions, due instants, drift, admin counts, goal nudges, the .ics file."""

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from bot.domain.cadence import (
    SessionCounts,
    add_months,
    checkin_due,
    checkin_reminder_due,
    due_soon,
    meeting_reminder_due,
    mentorship_end,
    session_counts,
    session_state,
    session_times,
    stale_round,
)
from bot.domain.meeting_ics import session_ics
from bot.domain.working_hours import is_working_time
from bot.slack.blocks.checkins import answer_value, parse_answer_value


def utc(*args):
    return datetime(*args, tzinfo=UTC)


DEC = (utc(2026, 12, 1), utc(2026, 12, 31, 23, 59))
ANCHOR = utc(2026, 12, 1, 9, 0)  # Tuesday 10:00 in Berlin


def test_weekly_biweekly_and_monthly_sessions_across_a_month():
    days = {c: [s.day for s in session_times(ANCHOR, c, "Europe/Berlin", *DEC)]
            for c in ("weekly", "biweekly", "monthly")}
    assert days == {"weekly": [1, 8, 15, 22, 29], "biweekly": [1, 15, 29], "monthly": [1]}
    assert session_times(ANCHOR, "fortnightly-ish", "Europe/Berlin", *DEC) == \
        session_times(ANCHOR, "biweekly", "Europe/Berlin", *DEC)  # unknown cadence: the default


def test_a_window_far_from_the_anchor_and_the_end_of_the_mentorship():
    later = session_times(ANCHOR, "weekly", "Europe/Berlin", utc(2027, 3, 1), utc(2027, 3, 14))
    assert [s.date() for s in later] == [date(2027, 3, 2), date(2027, 3, 9)]
    end = mentorship_end(ANCHOR, 1)
    assert end == utc(2027, 1, 1, 9, 0)
    assert len(session_times(ANCHOR, "weekly", "Europe/Berlin", *DEC, until=utc(2026, 12, 15, 9, 0))) == 2


def test_monthly_clamps_to_the_end_of_short_months():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    jan31 = utc(2027, 1, 31, 15, 0)
    days = [s.date() for s in session_times(jan31, "monthly", "UTC", jan31, utc(2027, 4, 30, 15, 0))]
    assert days == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]


def test_sessions_keep_their_local_hour_across_daylight_saving():
    # Berlin leaves summer time on 2026-10-25: 10:00 local is 08:00 UTC before, 09:00 UTC after.
    anchor = utc(2026, 10, 20, 8, 0)
    weeks = session_times(anchor, "weekly", "Europe/Berlin", anchor, utc(2026, 11, 1))
    assert weeks == [utc(2026, 10, 20, 8, 0), utc(2026, 10, 27, 9, 0)]


def test_prompts_and_reminders_fall_in_each_recipients_working_hours():
    session = utc(2026, 12, 4, 15, 0)  # Friday 16:00 Berlin = 07:00 Los Angeles = 20:30 Kolkata
    for tz in ("Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"):
        due = checkin_due(session, tz)
        assert due >= session + timedelta(hours=1) and is_working_time(tz, due)
        again = checkin_reminder_due(due, tz)
        assert is_working_time(tz, again) and again - due >= timedelta(days=2)
    assert checkin_due(session, "Europe/Berlin") == utc(2026, 12, 7, 8, 0)  # 17:00 Friday is quiet: Monday 09:00
    assert checkin_due(session, "America/Los_Angeles") == utc(2026, 12, 4, 17, 0)  # 09:00 LA, same day
    assert checkin_due(session, "Asia/Kolkata") == utc(2026, 12, 7, 3, 30)  # Monday 09:00 IST
    assert checkin_due(session, "Europe/Berlin", paused_until=date(2026, 12, 14)) == utc(2026, 12, 14, 8, 0)
    # Two working days after a Friday prompt is Tuesday, same local time.
    assert checkin_reminder_due(utc(2026, 12, 4, 10, 0), "UTC") == utc(2026, 12, 8, 10, 0)


def test_meeting_reminder_is_the_working_day_before():
    monday = utc(2026, 12, 7, 9, 0)  # Monday 10:00 Berlin
    assert meeting_reminder_due(monday, "Europe/Berlin", utc(2026, 12, 1)) == utc(2026, 12, 4, 8, 0)  # Friday 09:00
    # Written late: now, if that is still before the session.
    assert meeting_reminder_due(monday, "Europe/Berlin", utc(2026, 12, 4, 12, 0)) == utc(2026, 12, 4, 12, 0)
    # Too late to help (now is just before the session) or paused past it: none.
    assert meeting_reminder_due(monday, "Europe/Berlin", utc(2026, 12, 7, 8, 30)) is None
    assert meeting_reminder_due(monday, "Europe/Berlin", utc(2026, 12, 1), paused_until=date(2026, 12, 8)) is None


def test_session_state():
    pair = ("UM", "UE")
    assert session_state([], pair) == "missed"
    assert session_state([("UM", "not_met"), ("UE", "not_met")], pair) == "not_met"
    assert session_state([("UM", "not_met"), ("UE", "")], pair) == "ok"  # a note is an answer
    assert session_state([("UM", "met"), ("UM", "not_met"), ("UE", "not_met")], pair) == "not_met"  # last counts


def test_admin_counts_one_verdict_per_session_and_ignore_notes():
    rows = [(1, date(2026, 12, 1), "met"), (1, date(2026, 12, 1), "not_met"),  # one said met: met
            (1, date(2026, 12, 8), "not_met"), (1, date(2026, 12, 8), "not_met"),
            (2, date(2026, 12, 1), "rescheduled"), (2, date(2026, 12, 8), "")]
    assert session_counts(2, rows) == SessionCounts(pairs=2, met=1, not_met=1, rescheduled=1)


def test_goal_nudge_rules():
    now = utc(2026, 12, 15, 9, 0)
    assert stale_round(now - timedelta(days=13, hours=23), now) is None
    assert stale_round(now - timedelta(days=14), now) == 1
    assert stale_round(now - timedelta(days=29), now) == 2
    today = date(2026, 12, 15)
    assert due_soon(date(2026, 12, 22), today) and due_soon(today, today)
    assert not due_soon(date(2026, 12, 23), today) and not due_soon(date(2026, 12, 14), today)
    assert not due_soon(None, today)


def test_button_values_parse_strictly():
    assert parse_answer_value(answer_value(7, date(2026, 12, 1))) == (7, date(2026, 12, 1))
    for bad in (None, "", "7", "x:2026-12-01", "7:2026-13-01", "7:2026-12-01:U1", "-1:2026-12-01"):
        assert parse_answer_value(bad) is None


def test_meeting_ics_is_a_valid_calendar():
    start = utc(2026, 12, 8, 9, 0)
    raw = session_ics(mentorship_id=3, start=start, summary="Mentoring session with Ana", description="Prepare",
                      stamp=utc(2026, 12, 7, 8, 0))
    event = next(iter(Calendar.from_ical(raw).walk("VEVENT")))
    assert event.decoded("dtstart") == start and event.decoded("dtend") == start + timedelta(hours=1)
    assert str(event["summary"]) == "Mentoring session with Ana"
    assert str(event["uid"]) == "mentorship-3-20261208T090000Z@mentorbot"
