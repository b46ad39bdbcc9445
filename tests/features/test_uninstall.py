"""Uninstall and revoked tokens stop all sending at once and lose nothing; a reinstall resumes. Purging a
workspace's data is for admins only (from Slack) and operators (`mentorbot purge --yes`). Signed HTTP events into
the real app, the drain against the strict local Slack (which refuses a revoked token), both databases."""

import json
from datetime import UTC, datetime

from sqlmodel import Session, select

from bot.cli import main
from bot.outbox.tick import tick
from bot.slack.blocks import privacy as blocks
from storage.models import AuditEntry, Person, ScheduledMessage
from tests.content_helpers import bot_dms
from tests.features.privacy_helpers import ADMIN, MENTEE, MENTOR, seed
from tests.pairing_helpers import wait_ephemeral, wait_modal

DUE = datetime(2026, 12, 4, 10, 30, tzinfo=UTC)  # the seeded check-ins are due; a Friday in working hours


def statuses(stack) -> set[str]:
    """Statuses of the rows that were due at DUE (the sweeps may queue later ones meanwhile)."""
    with Session(stack.engine) as s:
        return {r.status for r in s.exec(select(ScheduledMessage).where(ScheduledMessage.due_at <= DUE))}


def cli(stack, monkeypatch, *args) -> int:
    monkeypatch.setenv("DATABASE_URL", stack.engine.url.render_as_string(hide_password=False))
    return main(["--env-file", "/nonexistent", *args])


def test_uninstall_stops_the_drain_and_a_reinstall_resumes_with_nothing_lost(stack):
    seed(stack)
    token = stack.slack.bot_token
    assert stack.driver.event({"type": "app_uninstalled"}).status == 200
    assert stack.slack.wait_for(lambda: _audited(stack, "sending_paused"), 10)
    stack.slack.bot_token = "xoxb-not-ours-any-more"  # Slack revokes the token on uninstall
    stack.slack.reset_calls()

    report = tick(stack.deps, stack.app.client, DUE).drain
    assert report.halted == "app_uninstalled" and report.sent == 0
    assert statuses(stack) == {"pending"}  # paused, not failed
    assert {c.method for c in stack.slack.calls} == {"auth.test"}  # nothing else was even tried

    stack.slack.bot_token = token  # reinstalled: the token works again
    report = tick(stack.deps, stack.app.client, DUE).drain
    assert report.sent >= 2 and not report.halted
    assert statuses(stack) == {"sent"}
    assert bot_dms(stack, MENTOR) and bot_dms(stack, MENTEE)
    assert _audited(stack, "sending_resumed")


def test_revoked_bot_token_pauses_until_an_operator_resumes(stack, monkeypatch):
    seed(stack)
    user_tokens_only = {"type": "tokens_revoked", "tokens": {"oauth": ["U0LENA"], "bot": []}}
    assert stack.driver.event(user_tokens_only).status == 200
    assert stack.driver.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOT"]}}).status == 200
    assert stack.slack.wait_for(lambda: _audited(stack, "sending_paused"), 10)
    with Session(stack.engine) as s:
        assert [e.detail for e in s.exec(select(AuditEntry))] == ["tokens_revoked"]  # user tokens: no pause
    token, stack.slack.bot_token = stack.slack.bot_token, "xoxb-revoked"
    assert tick(stack.deps, stack.app.client, DUE).drain.halted == "tokens_revoked"
    assert cli(stack, monkeypatch, "resume-sending") == 0
    assert tick(stack.deps, stack.app.client, DUE).drain.halted == "invalid_auth"  # still refused: kept pending
    assert statuses(stack) == {"pending"}
    stack.slack.bot_token = token
    assert tick(stack.deps, stack.app.client, DUE).drain.sent >= 2
    assert "pending" not in statuses(stack)


def test_a_non_admin_cannot_purge_and_an_admin_can(stack, monkeypatch):
    seed(stack)
    assert stack.driver.command(MENTEE, "/mentor", "purge").status == 200
    wait_ephemeral(stack, MENTEE, "Only program admins can purge")
    assert stack.slack.open_views_for(MENTEE) == []
    assert cli(stack, monkeypatch, "purge") == 2  # an operator must say --yes

    assert stack.driver.command(ADMIN, "/mentor", "purge").status == 200
    view = wait_modal(stack, ADMIN, blocks.PURGE_CALLBACK)
    wrong = stack.driver.view_submission(ADMIN, view, {blocks.CONFIRM_BLOCK: {"value": "yes"}})
    assert blocks.CONFIRM_BLOCK in json.loads(wrong.body)["errors"]
    done = stack.driver.view_submission(ADMIN, view, {blocks.CONFIRM_BLOCK: {"value": "PURGE"}})
    assert done.status == 200 and done.body == ""
    assert stack.slack.wait_for(lambda: any("purged" in m["text"] for m in bot_dms(stack, ADMIN)), 10)
    with Session(stack.engine) as s:
        assert s.exec(select(Person)).all() == [] and s.exec(select(ScheduledMessage)).all() == []
        assert [(e.actor, e.action) for e in s.exec(select(AuditEntry))] == [(ADMIN, "purge")]
    assert cli(stack, monkeypatch, "purge", "--yes") == 0


def _audited(stack, action: str) -> bool:
    with Session(stack.engine) as s:
        return s.exec(select(AuditEntry).where(AuditEntry.action == action)).first() is not None
