"""The outbox pipe: enqueue is idempotent, a tick sends due rows once through the local Slack."""

from datetime import timedelta

from sqlmodel import Session, select

from bot.outbox.kinds import add_test_kind
from bot.outbox.tick import tick
from bot.slack.delivery import Outgoing
from storage.db import session_scope
from storage.models import Person, ScheduledMessage
from storage.outbox import enqueue
from tests.processes.test_cli_config import run_cli


def _echo(deps, session, row):
    return Outgoing(channel=row.recipient_id, text=row.payload["text"])


add_test_kind("test_echo", _echo)


def test_enqueue_twice_is_a_no_op(engine, clock):
    with session_scope(engine) as s:
        s.add(Person(slack_id="U1", name="Ana"))
    for _ in range(2):
        with session_scope(engine) as s:
            enqueue(s, kind="test_echo", recipient_id="U1", due_at=clock.now, idempotency_key="echo:1",
                    payload={"text": "hi"})
    with Session(engine) as s:
        assert len(s.exec(select(ScheduledMessage)).all()) == 1


def test_tick_sends_due_rows_once(stack, clock):
    stack.slack.add_user("U1", "ana", tz="Europe/Berlin")
    with session_scope(stack.engine) as s:
        enqueue(s, kind="test_echo", recipient_id="U1", due_at=clock.now, idempotency_key="echo:now",
                payload={"text": "due now"})
        enqueue(s, kind="test_echo", recipient_id="U1", due_at=clock.now + timedelta(days=1),
                idempotency_key="echo:later", payload={"text": "tomorrow"})
    first = tick(stack.deps, stack.app.client, clock.now)
    again = tick(stack.deps, stack.app.client, clock.now)
    assert (first.drain.sent, again.drain.sent) == (1, 0)
    texts = [m["text"] for m in stack.slack.messages_in(stack.slack.dm_channel("U1"))]
    assert texts == ["due now"]
    with Session(stack.engine) as s:
        row = s.exec(select(ScheduledMessage).where(ScheduledMessage.idempotency_key == "echo:now")).one()
        assert row.status == "sent" and row.slack_ts


def test_tick_cli_rejects_a_bad_instant():
    result = run_cli("tick", "--now", "next tuesday")
    assert result.returncode == 2 and "--now" in result.stderr and "Traceback" not in result.stderr


def test_tick_cli_runs_against_a_slack_compatible_server(stack, migrated_url):
    env = {"SLACK_BOT_TOKEN": stack.slack.bot_token, "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": stack.slack.url,
           "DATABASE_URL": migrated_url}
    result = run_cli("tick", "--now", "2026-12-07T09:00:00Z", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("tick at 2026-12-07T09:00:00+00:00")
