"""A person's DM channel is opened once and kept (conversations.open is Tier 3), recovers when Slack forgets it, and
keeping it does not hide a deactivation. End to end through the drain and the local Slack, on both databases."""

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from bot.outbox.drain import drain
from storage.db import session_scope
from storage.models import Person, ScheduledMessage
from storage.outbox import enqueue_many
from tests.scheduler_kinds import rows

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # a Monday, inside working hours in UTC


def _person(stack, slack_id: str, dm_channel_id: str | None = None) -> None:
    stack.slack.add_user(slack_id, slack_id.lower())
    with session_scope(stack.engine) as s:
        s.add(Person(slack_id=slack_id, name=slack_id, tz="UTC", dm_channel_id=dm_channel_id))


def _drain(stack, prefix: str, now: datetime, per_person: int = 2):
    with session_scope(stack.engine) as s:
        enqueue_many(s, rows(["UKEEP"], per_person, now, prefix=prefix))
    return drain(stack.deps, stack.app.client, now)


def _person_row(stack, slack_id: str) -> Person:
    with Session(stack.engine) as s:
        return s.get(Person, slack_id)


def test_a_dm_is_opened_once_across_drains_and_a_deactivation_still_fails_the_row(stack):
    _person(stack, "UKEEP")
    first = _drain(stack, "a", NOW)
    second = _drain(stack, "b", NOW + timedelta(hours=1))

    assert (first.sent, second.sent) == (2, 2)
    assert len(stack.slack.calls_to("conversations.open")) == 1  # 4 messages, 2 drains, 1 open
    dm = stack.slack.dm_channel("UKEEP")
    assert _person_row(stack, "UKEEP").dm_channel_id == dm
    assert sorted(m["text"] for m in stack.slack.messages_in(dm)) == ["a-UKEEP-0", "a-UKEEP-1", "b-UKEEP-0",
                                                                      "b-UKEEP-1"]

    # Slack would accept a post to the kept DM of a deactivated person: the user_change event is what tells.
    gone = {**stack.slack.users["UKEEP"], "deleted": True}
    stack.slack.users["UKEEP"]["deleted"] = True
    assert stack.driver.event({"type": "user_change", "user": gone, "event_ts": "1.0"}).status == 200
    assert stack.slack.wait_for(lambda: not _person_row(stack, "UKEEP").active)  # the listener runs after the ack
    third = _drain(stack, "c", NOW + timedelta(hours=2), per_person=1)
    assert (third.sent, third.failed, [e.split(": ")[1] for e in third.errors]) == (0, 1, ["person_inactive"])
    assert len(stack.slack.messages_in(dm)) == 4


def test_a_kept_channel_slack_no_longer_knows_is_opened_again_once(stack):
    _person(stack, "UKEEP", dm_channel_id="DSTALE0001")  # e.g. kept from before the app was reinstalled

    report = _drain(stack, "a", NOW)

    assert (report.sent, report.failed, report.retried) == (2, 0, 0)
    dm = stack.slack.dm_channel("UKEEP")
    assert _person_row(stack, "UKEEP").dm_channel_id == dm
    assert sorted(m["text"] for m in stack.slack.messages_in(dm)) == ["a-UKEEP-0", "a-UKEEP-1"]
    assert len(stack.slack.calls_to("conversations.open")) == 1  # both rows were in flight: they share one open
    answers = {(c.args["channel"], (c.response or {}).get("error")) for c in stack.slack.calls_to("chat.postMessage")}
    assert answers == {("DSTALE0001", "channel_not_found"), (dm, None)}
    with Session(stack.engine) as s:
        assert {r.status for r in s.exec(select(ScheduledMessage)).all()} == {"sent"}
