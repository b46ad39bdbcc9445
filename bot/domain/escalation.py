"""When a pair is drifting, measured on its own cadence, and what the next escalation step is. Pure.

Signals: "sessions" (the last agreed session was not held, and neither was the one before it, or fewer than half
of the last four were), "pulse" (someone's latest pulse is low and nobody has answered "is this still working?"
since), "goals" (the mentee has active goals and none moved for two cadence periods). Steps, each a cadence
period after the previous one, only while the pair still drifts: 1 a gentle nudge to both, 2 a private "is this
still working for you?" to each, 3 the program admins (names and signals; never notes or ratings).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.cadence import INTERVAL_DAYS, normal_cadence

SIGNAL_LABELS = {"sessions": "sessions missed or not held, against the cadence they agreed",
                 "pulse": "a low pulse", "goals": "no goal progress for two cadence periods"}
NUDGE, ASK, ADMINS = 1, 2, 3
WINDOW = 4  # the last sessions looked at for "fewer than half held"
CHOICES = {"keep": "Keep going", "change": "Change the agreement", "pause": "Pause for a while",
           "end": "End it, no fault"}
PAUSE_DAYS = 28


def period(cadence: str) -> timedelta:
    return timedelta(days=INTERVAL_DAYS[normal_cadence(cadence)])


def sessions_drifting(states: list[str]) -> bool:
    """states: 'ok' / 'missed' / 'not_met' per session, oldest first (settled ones, plus any already answered
    'ok'). Drifting when the last was not held and either the one before it wasn't either or fewer than half of
    the last WINDOW were held. A session held clears it at once."""
    if not states or states[-1] == "ok":
        return False
    if len(states) >= 2 and states[-2] != "ok":
        return True
    last = states[-WINDOW:]
    return len(last) == WINDOW and sum(s == "ok" for s in last) * 2 < WINDOW


def goals_drifting(has_active_goals: bool, last_progress: datetime | None, started: datetime, cadence: str,
                   now: datetime) -> bool:
    if not has_active_goals:
        return False
    since = max(last_progress, started) if last_progress else started
    return now - since >= 2 * period(cadence)


def pulse_drifting(low_at: datetime | None, choice_at: datetime | None) -> bool:
    """low_at: when the newest low latest-pulse was given (None: no one's latest pulse is low)."""
    return low_at is not None and (choice_at is None or choice_at < low_at)


@dataclass(frozen=True)
class Open:
    step: int
    step_at: datetime


def next_step(current: Open | None, signals: set[str], cadence: str, now: datetime) -> str | None:
    """'resolve', 'nudge', 'ask', 'admins' or None (wait)."""
    if not signals:
        return "resolve" if current is not None else None
    if current is None:
        return "nudge"
    if now - current.step_at < period(cadence):
        return None
    return {NUDGE: "ask", ASK: "admins"}.get(current.step)


def signal_text(signals: list[str]) -> str:
    return "; ".join(SIGNAL_LABELS[s] for s in signals if s in SIGNAL_LABELS) or "drifting"
