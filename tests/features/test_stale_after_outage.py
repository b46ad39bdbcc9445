"""Issue 15, class 8: while Slack refuses the token, rows keep queuing; after the reinstall the first tick used to
post every stale check-in prompt at once. Rows no longer useful when they can finally be sent (a prompt superseded
by a later session's, a reminder for a session already past) are cancelled, not sent."""

from datetime import UTC, datetime

from bot.outbox.tick import tick
from tests.content_helpers import add_pair, add_person, bot_dms, rows


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_after_a_refused_token_only_what_is_still_useful_is_sent(stack, clock):
    add_person(stack, "UMENTOR", "Mia Mentor", "Europe/Berlin")
    add_person(stack, "UMENTEE", "Leo Mentee", "Europe/Berlin")
    add_pair(stack, "UMENTOR", "UMENTEE", "weekly", utc(2026, 12, 1, 8, 0))
    token = stack.slack.bot_token
    stack.slack.bot_token = "xoxb-someone-else"  # the app was uninstalled: every call answers invalid_auth
    while clock.now < utc(2026, 12, 22, 12, 0):  # the worker keeps ticking; every drain halts on the token
        assert tick(stack.deps, stack.app.client, clock.now).drain.halted in ("", "invalid_auth")
        clock.advance(hours=6)
    assert all(not bot_dms(stack, u) for u in ("UMENTOR", "UMENTEE"))
    written = [r for r in rows(stack) if r.idempotency_key.startswith("checkin:")]
    assert len(written) >= 6 and not [r for r in written if r.status == "sent"]  # three weeks of prompts, none out

    stack.slack.bot_token = token  # reinstalled
    assert not tick(stack.deps, stack.app.client, clock.now).drain.halted
    for user in ("UMENTOR", "UMENTEE"):
        prompts = [m for m in bot_dms(stack, user) if m["text"].startswith("Check-in:")]
        assert len(prompts) == 1, [m["text"][:80] for m in bot_dms(stack, user)]
        assert "Tue 22 Dec" in prompts[0]["text"] or "22 Dec" in str(prompts[0]["blocks"])
        assert not [m for m in bot_dms(stack, user) if m["text"].startswith("Coming up")]  # sessions past
    sent = [r for r in rows(stack) if r.status == "sent"]
    # One prompt each; nothing for a past session. (Three weeks without a session held is also what the pair's
    # escalation reacts to: its gentle nudge, if due, is still useful and may go out too.)
    assert sorted(r.kind for r in sent if r.kind in ("checkin", "meeting_reminder")) == ["checkin", "checkin"]
    assert {r.kind for r in sent} <= {"checkin", "drift_nudge", "pulse"}, {r.kind for r in sent}
    stale = [r for r in rows(stack) if r.idempotency_key.startswith("checkin:") and "-22:" not in r.idempotency_key
             and r.due_at.replace(tzinfo=UTC) <= clock.now]
    assert {r.status for r in stale} == {"cancelled"}
