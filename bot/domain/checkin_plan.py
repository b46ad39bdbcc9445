"""Which check-in prompts and meeting reminders a pair's agreement calls for, and the keys that make writing them
idempotent. Pure: the sweep (bot.features.checkins) reads the pairs and people and writes the plan to the outbox.

Rows:
  checkin            checkin:<mentorship>:<session date>:<person>           the prompt, after each session
  checkin (reminder) checkin-reminder:<mentorship>:<session date>:<person>  at most one, in the prompt's thread
  meeting_reminder   meeting:<mentorship>:<session date>:<person>           the working day before, with an .ics
A pair and a person are read by their fields (Pair, Attendee), so storage rows serve as they are.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.domain import kinds
from bot.domain.cadence import (
    INTERVAL_DAYS,
    checkin_due,
    meeting_reminder_due,
    mentorship_end,
    normal_cadence,
    period_of,
    session_times,
)
from bot.domain.sessions import Change, Occurrence, Version, occurrences
from bot.domain.timekeeping import as_utc


class Pair(Protocol):
    """What the plan reads of a mentorship."""
    id: int  # stored: a planned row names its mentorship
    mentor_id: str
    mentee_id: str
    cadence: str
    first_meeting_at: datetime | None
    started_at: datetime | None
    duration_months: int


class Attendee(Protocol):
    """What the plan reads of each person: where they live, whether they are here, and out of office."""
    tz: str
    active: bool
    paused_until: date | None


CHECKIN, MEETING = kinds.CHECKIN, kinds.MEETING_REMINDER
LOOKAHEAD = timedelta(days=7)  # rows are written up to a week ahead; renderers re-check them when due


def checkin_key(mentorship_id: int, period: date, person: str) -> str:
    return f"checkin:{mentorship_id}:{period.isoformat()}:{person}"


def reminder_key(mentorship_id: int, period: date, person: str) -> str:
    return f"checkin-reminder:{mentorship_id}:{period.isoformat()}:{person}"


def meeting_key(mentorship_id: int, period: date, person: str) -> str:
    return f"meeting:{mentorship_id}:{period.isoformat()}:{person}"


def anchor_of(m: Pair) -> datetime | None:
    return as_utc(m.first_meeting_at or m.started_at)


def other_of(m: Pair, person: str) -> str:
    return m.mentee_id if person == m.mentor_id else m.mentor_id


@dataclass(frozen=True)
class Planned:
    kind: str
    recipient: str
    due_at: datetime
    key: str
    payload: dict
    mentorship_id: int


def sessions_of(m: Pair, tz: str | None, start: datetime, end: datetime) -> list[datetime]:
    anchor = anchor_of(m)
    if anchor is None:
        return []
    return session_times(anchor, m.cadence, tz, start, end, until=mentorship_end(anchor, m.duration_months))


def agreement_slots(m: Pair, tz: str | None, start: datetime, end: datetime,
                    history: Sequence[Version] = ()) -> list[datetime]:
    """The agreement's sessions in [start, end] across its versions: each earlier rhythm until the change that
    replaced it, then the current one from its anchor. The end stays the first version's anchor + the months."""
    anchor = anchor_of(m)
    if anchor is None:
        return []
    if not history:
        return sessions_of(m, tz, start, end)
    until = mentorship_end(history[0].anchor, m.duration_months)
    out = [at for v in history
           for at in session_times(v.anchor, v.cadence, tz, start, end, until=min(v.until, until))]
    return sorted(out + session_times(anchor, m.cadence, tz, start, end, until=until))


def occurrences_of(m: Pair, tz: str | None, start: datetime, end: datetime,
                   changes: Sequence[Change] = (), history: Sequence[Version] = ()) -> list[Occurrence]:
    """The sessions that actually happen in [start, end]: the agreement's, with moved and cancelled ones applied."""
    return occurrences(agreement_slots(m, tz, start, end, list(history)), list(changes), start, end)


def attending(m: Pair, people: Mapping[str, Attendee]) -> list[tuple[str, Attendee]]:
    """Each of the pair who is here to be written to (known and active): a scheduled message goes to each."""
    return [(me, people[me]) for me in (m.mentor_id, m.mentee_id) if me in people and people[me].active]


def plan(m: Pair, people: Mapping[str, Attendee], now: datetime,
         changes: Sequence[Change] = (), history: Sequence[Version] = ()) -> list[Planned]:
    """Prompts and meeting reminders for the sessions from one interval back to a week ahead. Pure."""
    mentor = people.get(m.mentor_id)
    if mentor is None:
        return []
    lookback = timedelta(days=INTERVAL_DAYS[normal_cadence(m.cadence)])
    out = []
    for occurrence in occurrences_of(m, mentor.tz, now - lookback, now + LOOKAHEAD, changes, history):
        session_at = occurrence.at
        period = period_of(session_at, mentor.tz)
        for me, person in attending(m, people):
            payload: dict[str, object] = {"period": period.isoformat(), "session_at": session_at.isoformat(), "other_id": other_of(m, me)}
            if occurrence.sequence:  # moved: its calendar identity stays the agreed slot
                payload |= {"slot_at": occurrence.slot_at.isoformat(), "sequence": occurrence.sequence}
            out.append(Planned(CHECKIN, me, checkin_due(session_at, person.tz, person.paused_until),
                               checkin_key(m.id, period, me), payload, m.id))
            due = meeting_reminder_due(session_at, person.tz, now, person.paused_until) if session_at > now else None
            if due is not None:
                out.append(Planned(MEETING, me, due, meeting_key(m.id, period, me), payload, m.id))
    return out


