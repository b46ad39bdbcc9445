"""The rules of a pair's rhythm, as plain Python: when sessions fall, when each message about them is due,
when a goal needs a nudge, and when a pair is drifting. Pure: no Slack, no database.

Sessions keep the anchor's local wall-clock time in the pair's time zone (the mentor's), so a daylight-saving
change moves the UTC instant, not the meeting. Every "due" instant lands inside the recipient's working hours
(bot.domain.working_hours) and after their out-of-office pause.
"""

import calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain.working_hours import (
    DAY_START,
    at_local,
    next_delivery_time,
    next_working_day,
    previous_working_day,
    zone,
)

CADENCES = ("weekly", "biweekly", "monthly")
DEFAULT_CADENCE = "biweekly"
INTERVAL_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 31}  # monthly: an upper bound, for look-back windows
SESSION_LENGTH = timedelta(hours=1)  # the prompt goes out once a typical session is over
REMINDER_AFTER_WORKING_DAYS = 2  # one gentle reminder if a prompt is unanswered this long
STALE_GOAL_DAYS = 14
DUE_SOON_DAYS = 7


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _session_day(first: date, cadence: str, k: int) -> date:
    if cadence == "monthly":
        return add_months(first, k)
    return first + timedelta(days=INTERVAL_DAYS[cadence] * k)


def normal_cadence(cadence: str) -> str:
    return cadence if cadence in CADENCES else DEFAULT_CADENCE


def session_times(anchor: datetime, cadence: str, tz: str | None, start: datetime, end: datetime,
                  until: datetime | None = None) -> list[datetime]:
    """The sessions in [start, end] (and before `until`, the end of the mentorship), in UTC.
    Session k is on the anchor's local date + k intervals, at the anchor's local time."""
    cadence = normal_cadence(cadence)
    local = anchor.astimezone(zone(tz))
    first_day, clock = local.date(), local.time()
    # Skip straight to just before `start` instead of walking from the anchor.
    k = max(0, (start - anchor).days // INTERVAL_DAYS[cadence] - 1)
    out: list[datetime] = []
    while True:
        instant = at_local(tz, _session_day(first_day, cadence, k), clock)
        if instant > end or (until is not None and instant >= until):
            return out
        if instant >= start:
            out.append(instant)
        k += 1


def mentorship_end(anchor: datetime, duration_months: int) -> datetime:
    day = add_months(anchor.date(), max(duration_months, 0))
    return anchor.replace(year=day.year, month=day.month, day=day.day)


def period_of(session_at: datetime, tz: str | None) -> date:
    """The session's date on the pair's calendar: the key of its prompts and answers."""
    return session_at.astimezone(zone(tz)).date()


def checkin_due(session_at: datetime, tz: str | None, paused_until: date | None = None) -> datetime:
    """The prompt about a session: once it is over, in the recipient's working hours."""
    return next_delivery_time(tz, session_at + SESSION_LENGTH, paused_until)


def meeting_reminder_due(session_at: datetime, tz: str | None, now: datetime,
                         paused_until: date | None = None) -> datetime | None:
    """09:00 on the recipient's working day before the session (or now, if that has passed).
    None when it could no longer arrive before the session."""
    day_before = previous_working_day(session_at.astimezone(zone(tz)).date())
    due = next_delivery_time(tz, max(at_local(tz, day_before, DAY_START), now), paused_until)
    return due if due < session_at - SESSION_LENGTH else None


def checkin_reminder_due(prompt_due: datetime, tz: str | None, paused_until: date | None = None) -> datetime:
    """The one reminder: REMINDER_AFTER_WORKING_DAYS working days after the prompt, same local time."""
    local = prompt_due.astimezone(zone(tz))
    day = local.date()
    for _ in range(REMINDER_AFTER_WORKING_DAYS):
        day = next_working_day(day)
    return next_delivery_time(tz, at_local(tz, day, local.time()), paused_until)


# ---- answers and drift ----------------------------------------------------------------------------------------

MET, NOT_MET, RESCHEDULED = "met", "not_met", "rescheduled"
OUTCOME_LABELS = {MET: "Met", NOT_MET: "Didn't meet", RESCHEDULED: "Reschedule"}


def latest_outcomes(answers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(author, outcome) in time order -> each author's last outcome ('' entries are notes only)."""
    out: dict[str, str] = {}
    for author, outcome in answers:
        if outcome:
            out[author] = outcome
    return out


def session_state(answers: list[tuple[str, str]], pair: tuple[str, str]) -> str:
    """'missed' when nobody answered at all; 'not_met' when both said they didn't meet; else 'ok'."""
    if not answers:
        return "missed"
    outcomes = latest_outcomes(answers)
    if all(outcomes.get(person) == NOT_MET for person in pair):
        return "not_met"
    return "ok"


@dataclass(frozen=True)
class SessionCounts:
    """What program admins may see: per-session tallies, never notes."""

    pairs: int = 0
    met: int = 0
    not_met: int = 0
    rescheduled: int = 0


def session_counts(pairs: int, answers: Iterable[tuple[int, date | None, str]]) -> SessionCounts:
    """(mentorship, period, outcome) rows -> one verdict per session: met if anyone said met, else rescheduled
    if anyone asked to, else not met if anyone said so. Notes-only answers do not count."""
    by_session: dict[tuple[int, date | None], set[str]] = {}
    for mentorship_id, period, outcome in answers:
        if outcome:
            by_session.setdefault((mentorship_id, period), set()).add(outcome)
    verdicts = Counter(MET if MET in o else RESCHEDULED if RESCHEDULED in o else NOT_MET
                       for o in by_session.values())
    return SessionCounts(pairs=pairs, met=verdicts[MET], not_met=verdicts[NOT_MET],
                         rescheduled=verdicts[RESCHEDULED])


# ---- goals ----------------------------------------------------------------------------------------------------

def stale_round(last_activity: datetime, now: datetime) -> int | None:
    """1 after 14 days without progress, 2 after 28, ...; None while the goal is fresh. One nudge per round."""
    days = (now - last_activity).days
    return days // STALE_GOAL_DAYS if days >= STALE_GOAL_DAYS else None


def due_soon(target_date: date | None, today: date) -> bool:
    return target_date is not None and 0 <= (target_date - today).days <= DUE_SOON_DAYS
