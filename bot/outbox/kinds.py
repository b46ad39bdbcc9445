"""The outbox's two tables: what each kind of row becomes when it is due (RENDERERS), and the sweeps that write
upcoming rows (SWEEPS). Adding a scheduled message means: a name in bot/domain/kinds.py, a renderer (and, if rows
are written ahead of time, a sweep) in its feature, and one line in each table here. Nothing registers itself on
import: what is listed here is all there is.
"""

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from bot.domain import kinds
from bot.features import (
    agreement,
    checkins,
    digest,
    ending,
    escalation,
    goal_nudges,
    intro_followups,
    privacy,
    pulse,
    rounds,
    sessions,
)
from bot.features.deps import Deps
from bot.slack.delivery import Outgoing
from storage.models import ScheduledMessage

# A renderer may read and write in `session` (the drain's transaction), e.g. to mark an intro request expired.
# It returns the message to send, or None when there is nothing to send any more (the row is cancelled).
# `row` is a snapshot (times UTC-aware) not attached to the session: the drain owns the row's status and ts.
Renderer = Callable[[Deps, Session, ScheduledMessage], Outgoing | None]

# (deps, session, now) -> number of rows written. Must be idempotent: use stable idempotency keys.
Sweep = Callable[[Deps, Session, datetime], int]

RENDERERS: dict[str, Renderer] = {
    kinds.CHECKIN: checkins.render_checkin,
    kinds.MEETING_REMINDER: checkins.render_meeting_reminder,
    kinds.DRIFT_ALERT: escalation.render_alert,
    kinds.GOAL_NUDGE: goal_nudges.render_goal_nudge,
    kinds.INTRO_REMINDER: intro_followups.render_reminder,
    kinds.INTRO_EXPIRY: intro_followups.render_expiry,
    kinds.WRAP_UP: ending.render_wrap_up,
    kinds.ROUND_PROPOSAL: rounds.render_proposal,
    kinds.PAIR_ENDED: privacy.render_pair_ended,
    kinds.SESSION_UPDATE: sessions.render_update,
    kinds.MIDPOINT: agreement.render_midpoint,
    kinds.INTRO_ASK_AGAIN: intro_followups.render_ask_again,
    kinds.PULSE: pulse.render_pulse,
    kinds.DRIFT_NUDGE: escalation.render_nudge,
    kinds.DRIFT_ASK: escalation.render_ask,
    kinds.ADMIN_DIGEST: digest.render_digest,
}

# Run in this order by every sweep pass (bot/outbox/tick.py).
SWEEPS: dict[str, Sweep] = {
    "checkins": checkins.sweep_checkins,
    "goal_nudges": goal_nudges.sweep_goal_nudges,
    "wrap_ups": ending.sweep_wrap_ups,
    "privacy": privacy.sweep_privacy,
    "midpoints": agreement.sweep_midpoints,
    "pulse": pulse.sweep_pulse,
    "escalation": escalation.sweep_escalation,
    "admin_digest": digest.sweep_digest,
}


def add_test_kind(kind: str, render: Renderer) -> None:
    """For tests and benchmarks only: a kind of their own, e.g. one that sends payload["text"] as is."""
    kinds.allow_test_kind(kind)
    RENDERERS[kind] = render
