"""/mentor pause until DATE and /mentor resume, through Slack's HTTP requests, the database and the drain."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.domain.availability import PauseError, parse_pause
from bot.outbox.drain import drain
from storage.db import session_scope
from storage.models import Person, ScheduledMessage
from storage.outbox import enqueue
from tests import scheduler_kinds


def _ask(stack, user: str, text: str) -> str:
    before = len(stack.slack.ephemerals_to(user))
    assert stack.driver.command(user, "/mentor", text).status == 200
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to(user)) > before, timeout=10)
    answer = stack.slack.ephemerals_to(user)[-1]
    return answer["text"] + " " + " ".join(b["text"]["text"] for b in answer["blocks"] or [])


def _enqueue(stack, key: str, due: datetime) -> None:
    with session_scope(stack.engine) as s:
        enqueue(s, kind=scheduler_kinds.KIND, recipient_id="UANA", due_at=due, idempotency_key=key,
                payload={"text": key})


def _rows(stack) -> dict[str, ScheduledMessage]:
    with Session(stack.engine) as s:
        return {r.idempotency_key: r for r in s.exec(select(ScheduledMessage)).all()}


def _utc(value):
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def test_pause_holds_messages_until_the_date_and_resume_brings_them_back(stack, clock):
    stack.slack.add_user("UANA", "ana", tz="Europe/Berlin")
    with session_scope(stack.engine) as s:
        s.add(Person(slack_id="UANA", name="Ana", tz="Europe/Berlin"))
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tuesday
    wednesday, after = datetime(2026, 12, 2, 9, 0, tzinfo=UTC), datetime(2026, 12, 21, 9, 0, tzinfo=UTC)
    _enqueue(stack, "wednesday", wednesday)
    _enqueue(stack, "after-the-pause", after)

    answer = _ask(stack, "UANA", "pause until 2026-12-15")
    assert "out of office until *Tuesday 15 December 2026*" in answer and "1 message(s) held" in answer
    back = datetime(2026, 12, 15, 8, 0, tzinfo=UTC)  # 09:00 in Berlin on the day
    rows = _rows(stack)
    assert (_utc(rows["wednesday"].due_at), _utc(rows["wednesday"].deferred_from)) == (back, wednesday)
    assert _utc(rows["after-the-pause"].due_at) == after and rows["after-the-pause"].deferred_from is None
    with Session(stack.engine) as s:
        assert s.get(Person, "UANA").paused_until == date(2026, 12, 15)

    # A row written during the pause (by a sweep) is held by the drain too.
    _enqueue(stack, "thursday", datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
    report = drain(stack.deps, stack.app.client, datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
    assert (report.sent, report.deferred) == (0, 1)
    assert _utc(_rows(stack)["thursday"].due_at) == back

    clock.now = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)  # back early on Friday, 11:00 in Berlin
    answer = _ask(stack, "UANA", "resume")
    assert "Welcome back" in answer and "2 held message(s)" in answer
    rows = _rows(stack)
    assert {k: _utc(r.due_at) for k, r in rows.items()} == {
        "wednesday": clock.now, "thursday": clock.now, "after-the-pause": after}  # own due time or now
    assert all(r.deferred_from is None for r in rows.values())
    assert drain(stack.deps, stack.app.client, clock.now).sent == 2
    assert [m["text"] for m in stack.slack.messages_in(stack.slack.dm_channel("UANA"))] == ["wednesday", "thursday"]
    assert "not paused" in _ask(stack, "UANA", "resume")


def test_a_bad_pause_gets_a_clear_answer_and_changes_nothing(stack, clock):
    stack.slack.add_user("UBEN", "ben")
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert "not in the future" in _ask(stack, "UBEN", "pause until 2026-11-30")
    garbage = _ask(stack, "UBEN", "pause until <!channel> soon")
    assert "couldn't read" in garbage and "&lt;!channel&gt;" in garbage and "<!channel>" not in garbage
    assert "Until when?" in _ask(stack, "UBEN", "pause")
    with Session(stack.engine) as s:
        person = s.get(Person, "UBEN")
        assert person is None or person.paused_until is None


@pytest.mark.parametrize("text", ["2026-12-15", "until 2026-12-15", "UNTIL  2026-12-15 "])
def test_pause_reads_a_date_with_or_without_until(text):
    assert parse_pause(text, date(2026, 12, 1)) == date(2026, 12, 15)


@pytest.mark.parametrize("text,why", [
    ("", "Until when"), ("next week", "couldn't read"), ("2026-12-01", "not in the future"),
    ("2026-02-30", "couldn't read"), ((date(2026, 12, 1) + timedelta(days=400)).isoformat(), "more than a year"),
])
def test_pause_refuses_what_is_not_a_future_date(text, why):
    with pytest.raises(PauseError, match=why):
        parse_pause(text, date(2026, 12, 1))
