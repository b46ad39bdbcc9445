"""Personal working hours and work week, through HTTP, the drain and injected time: set on the profile (a bad
window gets a field error), respected by every delivery across a daylight-saving change for a part-timer and a
Sunday-Thursday week; and a single message snoozed until the next working day."""

from datetime import UTC, datetime, time

from sqlmodel import Session

from bot.domain.hours import Hours, hours_of
from bot.domain.working_hours import is_working_time
from storage.db import session_scope
from storage.models import Profile
from storage.outbox import enqueue
from tests import scheduler_kinds
from tests.content_helpers import add_goal, add_person, bot_dms, rows, run_until
from tests.features.test_goal_nudges import dump
from tests.pairing_helpers import click, text_of, wait_ephemeral, wait_modal

PART, SUNTHU = "UHPART", "UHSUNTHU"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def days(*names: str) -> dict:
    return {"value": {"type": "checkboxes", "selected_options": [
        {"text": {"type": "plain_text", "text": n}, "value": n} for n in names]}}


def set_hours(stack, user: str, window: str, *day_names: str):
    assert stack.driver.command(user, "/mentor", "profile").status == 200
    view = wait_modal(stack, user, "profile_save")
    values = {"role": {"value": {"type": "radio_buttons", "selected_option": view["blocks"][1]["element"]["options"][0]}},
              "work_hours": {"value": window}, "work_days": days(*day_names)}
    return stack.driver.view_submission(user, view, values)


def enqueue_at(stack, user: str, key: str, due: datetime) -> None:
    with session_scope(stack.engine) as s:
        enqueue(s, kind=scheduler_kinds.KIND, recipient_id=user, due_at=due, idempotency_key=key,
                payload={"text": key})


def test_hours_on_the_profile_are_kept_by_every_delivery_across_dst(stack, clock):
    add_person(stack, PART, "Pat Parttime", "Europe/Berlin")
    add_person(stack, SUNTHU, "Sami Sunthu", "Asia/Jerusalem")
    bad = set_hours(stack, PART, "17:00-09:00", "mon")
    assert "09:00-17:00" in bad.json()["errors"]["work_hours"]
    assert set_hours(stack, PART, "09:00-13:00", "mon", "tue", "wed").body == ""
    assert set_hours(stack, SUNTHU, "08:30-16:30", "sun", "mon", "tue", "wed", "thu").body == ""
    with Session(stack.engine) as s:
        part, sunthu = s.get(Profile, PART), s.get(Profile, SUNTHU)
        assert (part.work_hours, part.work_days) == ("09:00-13:00", "mon,tue,wed")
        hours = {PART: hours_of(part.work_hours, part.work_days),
                 SUNTHU: hours_of(sunthu.work_hours, sunthu.work_days)}
    assert hours[SUNTHU] == Hours(time(8, 30), time(16, 30), frozenset({6, 0, 1, 2, 3}))

    # Messages due through the week both zones leave summer time (Sunday 25 October 2026).
    clock.now = utc(2026, 10, 21, 11, 30)  # Wednesday: 13:30 in Berlin, 14:30 in Jerusalem
    for day in range(21, 28):
        for hour in (5, 11, 15):
            for user in (PART, SUNTHU):
                enqueue_at(stack, user, f"{user}:{day}:{hour}", utc(2026, 10, day, hour, 0))
    run_until(stack, clock, utc(2026, 10, 29, 0, 0))
    zones = {PART: "Europe/Berlin", SUNTHU: "Asia/Jerusalem"}
    sent = rows(stack, kind=scheduler_kinds.KIND, status="sent")
    assert len(sent) == 7 * 3 * 2
    for r in sent:
        at = r.sent_at.replace(tzinfo=UTC)
        assert is_working_time(zones[r.recipient_id], at, hours[r.recipient_id]), (r.idempotency_key, at)
    first = {user: min(r.sent_at for r in sent if r.recipient_id == user).replace(tzinfo=UTC) for user in zones}
    assert first[PART] == utc(2026, 10, 26, 8, 0)  # Monday 09:00 CET: Thursday to Sunday are not hers
    assert first[SUNTHU] == utc(2026, 10, 21, 11, 30)  # Wednesday 14:30 IDT is inside Sami's day
    # After Thursday, nothing until Sunday 08:30, now in winter time (06:30 UTC instead of 05:30).
    assert min(r.sent_at for r in sent if r.recipient_id == SUNTHU
               and r.sent_at.replace(tzinfo=UTC) > utc(2026, 10, 23)).replace(tzinfo=UTC) == utc(2026, 10, 25, 6, 30)


def test_a_goal_nudge_snoozed_until_tomorrow(stack, clock):
    add_person(stack, PART, "Pat Parttime", "Europe/Berlin")
    add_person(stack, "UHOTHER", "Otto Other", "Europe/Berlin")
    with session_scope(stack.engine) as s:
        s.add(Profile(person_id=PART, work_hours="09:00-13:00", work_days="mon,tue,wed"))
    add_goal(stack, PART, "Write the design doc and get feedback", created_at=utc(2026, 11, 1))
    clock.now = utc(2026, 12, 1, 9, 0)  # Tuesday 10:00 in Berlin
    run_until(stack, clock, clock.now)
    nudge = next(m for m in bot_dms(stack, PART) if "Write the design doc" in dump(m))
    assert "Mentor's Guide" in dump(nudge)  # the library's match for a stuck goal about feedback
    row_id = next(e["value"] for b in nudge["blocks"] if b.get("block_id") == "snooze" for e in b["elements"])
    click(stack, "UHOTHER", "snooze_tomorrow", value=row_id)  # not theirs
    assert "nothing changed" in text_of(wait_ephemeral(stack, "UHOTHER", "nothing changed"))
    click(stack, PART, "snooze_tomorrow", message=nudge)
    assert stack.slack.wait_for(lambda: any("Snoozed" in dump(m) for m in bot_dms(stack, PART)), timeout=10)
    assert "Wed 2 Dec at 09:00" in dump(next(m for m in bot_dms(stack, PART) if "Snoozed" in dump(m)))
    run_until(stack, clock, utc(2026, 12, 2, 12, 0))
    again = [r for r in rows(stack, kind="goal_nudge", status="sent") if "~snooze:" in r.idempotency_key]
    assert len(again) == 1 and again[0].sent_at.replace(tzinfo=UTC) == utc(2026, 12, 2, 8, 0)
    # The snoozed message was replaced by the note; the nudge itself is back, once.
    assert len([m for m in bot_dms(stack, PART) if "Write the design doc" in dump(m)]) == 1
