"""The check-in plan (bot/domain/checkin_plan.py): which prompts and meeting reminders a pair's agreement calls for.
Pure: a pair and its people are plain values here, as storage rows are in the sweep."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bot.domain import kinds
from bot.domain.checkin_plan import checkin_key, meeting_key, other_of, plan
from bot.domain.sessions import Change


@dataclass
class PairRow:
    id: int = 7
    mentor_id: str = "UMENTOR"
    mentee_id: str = "UMENTEE"
    cadence: str = "weekly"
    first_meeting_at: datetime | None = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)  # a Monday, 10:00 UTC
    started_at: datetime | None = datetime(2026, 11, 1, tzinfo=UTC)
    duration_months: int = 6


@dataclass
class PersonRow:
    tz: str = "UTC"
    active: bool = True
    paused_until: date | None = None


NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday: Monday's session is over, next Monday's is ahead


def people(**overrides) -> dict[str, PersonRow]:
    return {"UMENTOR": overrides.get("mentor", PersonRow()), "UMENTEE": overrides.get("mentee", PersonRow())}


def test_a_prompt_after_each_session_and_a_reminder_before_the_next_for_both():
    rows = plan(PairRow(), people(), NOW)
    prompts = [r for r in rows if r.kind == kinds.CHECKIN]
    reminders = [r for r in rows if r.kind == kinds.MEETING_REMINDER]
    # A week back and a week ahead: the sessions of 23 Nov (Monday) ... the plan's window holds 2 sessions.
    sessions = sorted({r.payload["session_at"] for r in prompts})
    assert sessions == ["2026-11-23T10:00:00+00:00", "2026-11-30T10:00:00+00:00"]
    assert {r.recipient for r in prompts} == {"UMENTOR", "UMENTEE"} and len(prompts) == 4
    assert checkin_key(7, date(2026, 11, 23), "UMENTEE") in {r.key for r in prompts}
    # The reminder is for the session ahead only, the working day before at 09:00 in the person's zone.
    assert {(r.recipient, r.due_at) for r in reminders} == {
        ("UMENTOR", datetime(2026, 11, 27, 9, 0, tzinfo=UTC)), ("UMENTEE", datetime(2026, 11, 27, 9, 0, tzinfo=UTC))}
    assert {r.key for r in reminders} == {meeting_key(7, date(2026, 11, 30), p) for p in ("UMENTOR", "UMENTEE")}
    assert all(r.payload["other_id"] == other_of(PairRow(), r.recipient) for r in rows)


def test_nobody_inactive_is_prompted_and_a_pause_defers_the_prompt():
    rows = plan(PairRow(), people(mentee=PersonRow(active=False)), NOW)
    assert rows and {r.recipient for r in rows} == {"UMENTOR"}
    paused = plan(PairRow(), people(mentor=PersonRow(paused_until=date(2026, 12, 10))), NOW)
    mine = [r for r in paused if r.recipient == "UMENTOR"]
    # Back on 10 December: the prompts wait for that morning, and no reminder could come before the session.
    assert mine and all(r.kind == kinds.CHECKIN and r.due_at == datetime(2026, 12, 10, 9, 0, tzinfo=UTC) for r in mine)
    assert plan(PairRow(), {"UMENTEE": PersonRow()}, NOW) == []  # the mentor is gone: no plan at all
    assert plan(PairRow(first_meeting_at=None, started_at=None), people(), NOW) == []  # no anchor yet


def test_a_moved_session_keeps_its_agreed_slot_as_its_identity():
    slot = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    moved = Change(slot_at=slot, new_at=slot + timedelta(days=1, hours=4), sequence=1)
    rows = plan(PairRow(), people(), NOW, changes=[moved])
    ahead = [r for r in rows if r.payload["session_at"] == "2026-12-01T14:00:00+00:00"]
    assert ahead and all(r.payload["slot_at"] == slot.isoformat() and r.payload["sequence"] == 1 for r in ahead)
