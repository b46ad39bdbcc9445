"""The drain end to end through the local Slack, on SQLite and PostgreSQL: working hours in three zones, a
daylight-saving week, rate limits and 5xx mid-drain, permanent errors, and two workers at once."""

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot.outbox.drain import drain
from bot.slack.client import make_client
from storage.db import session_scope
from storage.models import Mentorship, Person, Profile, ScheduledMessage
from storage.outbox import enqueue_many
from tests import scheduler_kinds
from tests.scheduler_kinds import FAULTS, rows


def _people(stack, *people):
    """(slack_id, Slack tz, profile tz override or None)."""
    with session_scope(stack.engine) as s:
        for slack_id, tz, override in people:
            stack.slack.add_user(slack_id, slack_id.lower(), tz=tz)
            s.add(Person(slack_id=slack_id, name=slack_id, tz=tz))
            if override is not None:
                s.add(Profile(person_id=slack_id, timezone=override))


def _enqueue(stack, items):
    with session_scope(stack.engine) as s:
        return enqueue_many(s, items)


def _all_rows(stack) -> dict[str, ScheduledMessage]:
    with Session(stack.engine) as s:
        return {r.idempotency_key: r for r in s.exec(select(ScheduledMessage)).all()}


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _texts(stack) -> Counter:
    return Counter(m["text"] for m in stack.slack.messages if m["via"] == "api")


def _drain_every(stack, start: datetime, end: datetime, step: timedelta) -> None:
    """The worker's tick, played at each instant from start to end."""
    now = start
    while now <= end:
        drain(stack.deps, stack.app.client, now)
        now += step


def test_each_person_gets_messages_at_nine_in_their_own_zone(stack):
    # Monday 2026-12-07 00:00 UTC is Sunday 16:00 in Los Angeles, 01:00 in Berlin and 05:30 in Kolkata.
    _people(stack, ("ULA", "America/Los_Angeles", None), ("UBER", "Europe/Berlin", None),
            ("UKOL", "Asia/Kolkata", None), ("UOVR", "America/Los_Angeles", "Asia/Kolkata"))
    stack.slack.add_channel("CPROGRAM", "mentoring", is_member=True)
    due = datetime(2026, 12, 7, 0, 0, tzinfo=UTC)
    _enqueue(stack, rows(["ULA", "UBER", "UKOL", "UOVR", "CPROGRAM"], 1, due))
    _drain_every(stack, due, due + timedelta(days=1), timedelta(minutes=30))

    sent = {r.recipient_id: _utc(r.sent_at) for r in _all_rows(stack).values()}
    assert sent == {
        "CPROGRAM": due,  # channels have no quiet hours
        "UKOL": datetime(2026, 12, 7, 3, 30, tzinfo=UTC),  # 09:00 IST
        "UOVR": datetime(2026, 12, 7, 3, 30, tzinfo=UTC),  # the profile's zone wins over Slack's
        "UBER": datetime(2026, 12, 7, 8, 0, tzinfo=UTC),  # 09:00 CET
        "ULA": datetime(2026, 12, 7, 17, 0, tzinfo=UTC),  # Monday 09:00 PST, not Sunday
    }
    assert all(n == 1 for n in _texts(stack).values()) and len(_texts(stack)) == 5


def test_a_daylight_saving_week_keeps_nine_local(stack):
    # Europe leaves summer time on Sunday 2026-10-25: 09:00 in Berlin is 07:00 UTC before, 08:00 UTC after.
    _people(stack, ("UBER", "Europe/Berlin", None))
    with session_scope(stack.engine) as s:
        enqueue_many(s, [{"kind": scheduler_kinds.KIND, "recipient_id": "UBER", "idempotency_key": f"dst:{d}",
                          "due_at": datetime(2026, 10, 22 + d, 5, 0, tzinfo=UTC), "payload": {"text": f"day {d}"}}
                         for d in range(7)])  # Thursday 22 .. Wednesday 28, each 05:00 UTC
    _drain_every(stack, datetime(2026, 10, 22, tzinfo=UTC), datetime(2026, 10, 29, tzinfo=UTC), timedelta(hours=1))

    berlin = ZoneInfo("Europe/Berlin")
    sent = sorted(_utc(r.sent_at) for r in _all_rows(stack).values())
    assert [t.astimezone(berlin).strftime("%a %H:%M") for t in sent] == [
        "Thu 09:00", "Fri 09:00", "Mon 09:00", "Mon 09:00", "Mon 09:00", "Tue 09:00", "Wed 09:00"]
    assert [t.hour for t in sent] == [7, 7, 8, 8, 8, 8, 8]
    assert len(stack.slack.messages_in(stack.slack.dm_channel("UBER"))) == 7


def _faults_mid_drain(stack):
    _people(stack, ("UA", "UTC", None), ("UB", "UTC", None))
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    items = rows(["UA", "UB"], 3, now)  # t:UA:0, t:UB:0, t:UA:1, t:UB:1, t:UA:2, t:UB:2 (oldest id first)
    _enqueue(stack, items)
    FAULTS["t:UA:1"] = (stack.slack, {"status": 429, "retry_after": 7})
    FAULTS["t:UA:2"] = (stack.slack, {"status": 503})
    return now, items, make_client(stack.settings, max_retries=0)  # the 429 reaches the drain (slack_sdk gave up)


def test_rate_limit_and_server_error_mid_a_sequential_drain(stack):
    now, items, client = _faults_mid_drain(stack)
    first = drain(stack.deps, client, now, concurrency=1)
    assert (first.sent, first.retried, first.halted) == (2, 1, "ratelimited")
    held = _all_rows(stack)
    assert {k: _utc(r.due_at) for k, r in held.items() if r.status == "pending"} == {
        k: now + timedelta(seconds=7) for k in ("t:UA:1", "t:UB:1", "t:UA:2", "t:UB:2")}  # Retry-After honoured
    assert held["t:UA:1"].attempts == 0 and held["t:UB:2"].attempts == 0  # a rate limit is not the row's attempt

    assert drain(stack.deps, client, now + timedelta(seconds=6), concurrency=1).sent == 0  # too early
    second = drain(stack.deps, client, now + timedelta(seconds=7), concurrency=1)
    assert (second.sent, second.retried, second.halted) == (3, 1, "")
    retry = _all_rows(stack)["t:UA:2"]
    assert retry.status == "pending" and retry.last_error == "http_503" and retry.attempts == 1
    assert drain(stack.deps, client, _utc(retry.due_at), concurrency=1).sent == 1

    assert _texts(stack) == Counter({item["payload"]["text"]: 1 for item in items})
    assert all(r.status == "sent" and r.slack_ts for r in _all_rows(stack).values())
    assert [c.status for c in stack.slack.calls_to("chat.postMessage") if c.injected] == [429, 503]


def test_rate_limit_and_server_error_mid_a_concurrent_drain_deliver_everything_once(stack):
    now, items, client = _faults_mid_drain(stack)
    first = drain(stack.deps, client, now)  # four rows in flight at once
    assert first.halted == "ratelimited" and first.retried >= 1
    for _ in range(5):  # the worker's next ticks, each once every row that waits is due again
        waiting = [_utc(r.due_at) for r in _all_rows(stack).values() if r.status == "pending"]
        if not waiting:
            break
        drain(stack.deps, client, max(waiting))
    assert _texts(stack) == Counter({item["payload"]["text"]: 1 for item in items})
    assert all(r.status == "sent" for r in _all_rows(stack).values())
    assert sorted(c.status for c in stack.slack.calls_to("chat.postMessage") if c.injected) == [429, 503]


def test_a_person_who_is_gone_fails_the_row_and_pauses_their_mentorships(stack):
    _people(stack, ("UMENTOR", "UTC", None), ("UGONE", "UTC", None), ("UOTHER", "UTC", None))
    stack.slack.users["UGONE"]["deleted"] = True  # deactivated in Slack: conversations.open says user_disabled
    with session_scope(stack.engine) as s:
        for mentee in ("UGONE", "UOTHER"):
            s.add(Mentorship(mentor_id="UMENTOR", mentee_id=mentee, status="active"))
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    _enqueue(stack, rows(["UGONE", "CMISSING", "UOTHER"], 1, now))

    report = drain(stack.deps, stack.app.client, now)

    assert (report.sent, report.failed, report.paused_mentorships) == (1, 2, 1)
    by_recipient = {r.recipient_id: r for r in _all_rows(stack).values()}
    assert (by_recipient["UGONE"].status, by_recipient["UGONE"].last_error) == ("failed", "user_disabled")
    # A missing channel fails its row, and pauses nobody.
    assert (by_recipient["CMISSING"].status, by_recipient["CMISSING"].last_error) == ("failed", "channel_not_found")
    assert by_recipient["UOTHER"].status == "sent"
    with Session(stack.engine) as s:
        pairs = {m.mentee_id: m for m in s.exec(select(Mentorship)).all()}
    assert pairs["UGONE"].status == "paused" and "user_disabled" in pairs["UGONE"].pause_reason
    assert pairs["UOTHER"].status == "active"
    assert drain(stack.deps, stack.app.client, now + timedelta(hours=1)).sent == 0  # failed rows stay failed


def test_two_workers_draining_together_send_each_row_exactly_once(stack):
    people = [f"UW{i:02d}" for i in range(10)]
    _people(stack, *[(p, "UTC", None) for p in people])
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert _enqueue(stack, rows(people, 12, now)) == 120
    reports, errors = [], []

    def worker():
        try:  # each worker has its own Slack client, as two processes would
            reports.append(drain(stack.deps, make_client(stack.settings), now, batch=7))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == [] and len(reports) == 2
    texts = _texts(stack)
    assert len(texts) == 120 and set(texts.values()) == {1}  # 0 lost, 0 duplicates
    assert sum(r.sent for r in reports) == 120
    assert all(r.status == "sent" for r in _all_rows(stack).values())


def test_enqueue_many_skips_keys_already_written(engine, clock):
    due = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    with session_scope(engine) as s:
        assert enqueue_many(s, rows(["U1", "U2"], 700, due)) == 1400  # two INSERT chunks
    with session_scope(engine) as s:
        again = rows(["U1", "U2", "U3"], 700, due)
        assert enqueue_many(s, again + again[:5]) == 700  # only U3's are new; repeats within a call are fine
    with Session(engine) as s:
        assert len(s.exec(select(ScheduledMessage.id)).all()) == 2100


def test_each_persons_messages_arrive_in_due_order_with_posts_in_flight(stack, clock):
    """Posts run concurrently, but never two for one person: a reminder cannot overtake its prompt."""
    people = ["UORD1", "UORD2", "UORD3"]
    _people(stack, *[(p, "UTC", None) for p in people])
    stack.slack.inject("chat.postMessage", delay=0.05, times=6)  # slow first posts invite overtaking
    _enqueue(stack, rows(people, 5, datetime(2026, 12, 7, 9, 0, tzinfo=UTC), prefix="ord"))
    assert drain(stack.deps, stack.app.client, datetime(2026, 12, 7, 9, 0, tzinfo=UTC), concurrency=4).sent == 15
    for person in people:
        texts = [m["text"] for m in stack.slack.messages_in(stack.slack.dm_channel(person)) if m["via"] == "api"]
        assert texts == [f"ord-{person}-{n}" for n in range(5)]
