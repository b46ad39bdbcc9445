"""The mentorship agreement as rules: terms, who has confirmed, and the welcome. Pure: no Slack, no database.

Agreeing is two confirmations of the same terms. The first to submit sets the terms; if the other then submits
the same terms the pair is active. If they change something, their version becomes the terms and the first
person is asked to confirm again (last edit wins, and nobody is bound to terms they have not seen).
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.timekeeping import as_utc, zone

CADENCES = {"weekly": "weekly", "biweekly": "every two weeks", "monthly": "monthly"}
MODES = {"huddle": "Slack huddle", "video": "video call", "in_person": "in person"}
DURATIONS = (3, 6, 12)
GOALS_MAX = 2000

# The guide's advice for a good start: clear expectations, an agenda, and how to give feedback.
FIRST_MEETING_TIPS = (
    "*Expectations:* agree what success looks like after these months, how often you meet, and how you reach "
    "each other between meetings.",
    "*Agenda:* the mentee sets it: bring your goals, a recent win or challenge, and two or three questions.",
    "*Feedback:* say early what helps and what doesn't; mentors, be candid and kind; mentees, take notes and "
    "follow up on action items. A thank-you goes a long way.",
)


@dataclass(frozen=True)
class Terms:
    goals: str
    cadence: str
    mode: str
    duration_months: int
    first_meeting_at: datetime | None  # UTC


@dataclass(frozen=True)
class Confirmation:
    terms: Terms
    mentor_confirmed: bool
    mentee_confirmed: bool
    changed: bool  # the submitter changed the terms the other had confirmed

    @property
    def agreed(self) -> bool:
        return self.mentor_confirmed and self.mentee_confirmed


def confirm(current: Terms, submitted: Terms, by_mentor: bool, mentor_confirmed: bool,
            mentee_confirmed: bool) -> Confirmation:
    other_confirmed = mentee_confirmed if by_mentor else mentor_confirmed
    changed = submitted != current
    if changed:
        other_confirmed = False  # they have not seen these terms
    mentor = True if by_mentor else other_confirmed
    mentee = other_confirmed if by_mentor else True
    return Confirmation(submitted, mentor, mentee, changed and (mentee_confirmed if by_mentor else mentor_confirmed))


def local_to_utc(day: date, at: time, tz: str) -> datetime:
    """A date and time picked by a person, in their own time zone, as UTC."""
    return datetime.combine(day, at, tzinfo=zone(tz)).astimezone(ZoneInfo("UTC"))


def first_workday(day: date) -> date:
    """The day itself, or the Monday after when it falls on a weekend."""
    return day + timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day


def in_zone(moment: datetime, tz: str) -> datetime:
    return as_utc(moment).astimezone(zone(tz))


def normalised(terms: Terms) -> Terms:
    return replace(terms, goals=terms.goals.strip())


def terms_errors(terms: Terms, now: datetime) -> dict[str, str]:
    """Field errors by input name."""
    errors = {}
    if not terms.goals.strip():
        errors["goals"] = "Write down at least one goal you will work on together."
    elif len(terms.goals) > GOALS_MAX:
        errors["goals"] = f"Please keep the goals under {GOALS_MAX} characters (they are {len(terms.goals)})."
    if terms.cadence not in CADENCES:
        errors["cadence"] = "Pick weekly, every two weeks or monthly."
    if terms.mode not in MODES:
        errors["mode"] = "Pick how you will meet."
    if terms.duration_months not in DURATIONS:
        errors["duration"] = "Pick 3, 6 or 12 months."
    if terms.first_meeting_at is None:
        errors["first_date"] = "Pick a date for your first meeting."
    elif terms.first_meeting_at <= now:
        errors["first_date"] = "Pick a first meeting in the future."
    return errors
