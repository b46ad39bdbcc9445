"""Issue 15, class 4 (in process, both databases): a post Slack accepted but answered 5xx used to be posted again
on the retry (9 of 9). Every outbox post carries its idempotency key as message metadata; a row tried before is
looked for in the recipient's DM first and only sent if absent. A 5xx that really lost the post is still resent."""

from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from bot.outbox.tick import tick
from bot.slack.delivery import METADATA_EVENT
from storage.db import session_scope
from storage.models import ScheduledMessage
from storage.outbox import enqueue_many
from tests.scheduler_kinds import rows

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday, inside working hours in UTC
PEOPLE = ["UANA", "UBEN", "UCAT"]


def texts(stack) -> Counter:
    return Counter(m["text"] for m in stack.slack.messages if m["via"] == "api")


def test_an_accepted_post_answered_5xx_is_not_posted_again(stack):
    for person in PEOPLE:
        stack.slack.add_user(person, person.lower())
    items = rows(PEOPLE, 3, T0)
    with session_scope(stack.engine) as s:
        enqueue_many(s, items)
    # Three posts land but are answered 502; then two are refused with 503 before landing.
    stack.slack.inject("chat.postMessage", status=502, after=True, times=3)
    first = tick(stack.deps, stack.app.client, T0).drain
    stack.slack.inject("chat.postMessage", status=503, times=2)
    second = tick(stack.deps, stack.app.client, T0 + timedelta(minutes=2)).drain
    third = tick(stack.deps, stack.app.client, T0 + timedelta(minutes=10)).drain

    delivered = texts(stack)
    assert set(delivered) == {i["payload"]["text"] for i in items}  # nothing lost
    assert max(delivered.values()) == 1, delivered  # nothing twice
    assert first.retried + second.retried >= 3 and second.reconciled + third.reconciled == 3
    with Session(stack.engine) as s:
        sent = s.exec(select(ScheduledMessage)).all()
    assert {r.status for r in sent} == {"sent"}
    assert {r.slack_ts for r in sent} == {m["ts"] for m in stack.slack.messages if m["via"] == "api"}
    posted = [c.args.get("metadata") for c in stack.slack.calls_to("chat.postMessage")]
    assert all(m and m["event_type"] == METADATA_EVENT and m["event_payload"]["key"] for m in posted)
