"""Is it working? The pure rules behind the pulse, the exit survey and how a mentorship ended.

The pulse asks each person privately, after the pair's second session and then monthly, how the mentorship is
going (1-5) and whether it helps with their goals. Neither person ever sees the other's answer.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.cadence import add_months

RATINGS = (1, 2, 3, 4, 5)
RATING_LABELS = {1: "1 · Not well", 2: "2", 3: "3 · OK", 4: "4", 5: "5 · Very well"}
HELPING = {"yes": "Yes", "somewhat": "Somewhat", "no": "No"}
PULSE_AFTER = timedelta(days=1)  # the day after the second session, so it never stacks on that check-in prompt
LOW_RATING = 2  # a pulse at or under this (or "not helping") is a drift signal

END_REASONS = {"goals": "Goals reached", "time": "The agreed time is up", "schedule": "Schedules no longer fit",
               "fit": "Not a good fit", "other": "Other"}
GOALS_ACHIEVED = {"yes": "Yes", "partly": "Partly", "no": "No"}
AGAIN = {"yes": "Yes", "no": "Not now"}
ENDED_WELL = ("goals", "time")  # reasons after which a mentee who would do it again is invited to mentor


def pulse_rounds(second_session: datetime, until: datetime | None, start: datetime,
                 end: datetime) -> list[tuple[int, datetime]]:
    """(round, instant) of the pulse rounds in [start, end] and before `until` (the mentorship's agreed end):
    round 0 a day after the second session, round k k months later at the same time of day."""
    out: list[tuple[int, datetime]] = []
    k = 0
    while True:
        first = second_session + PULSE_AFTER
        day = add_months(first.date(), k)
        instant = first.replace(year=day.year, month=day.month, day=day.day)
        if instant > end or (until is not None and instant >= until):
            return out
        if instant >= start:
            out.append((k, instant))
        k += 1


def is_low_pulse(rating: int, helping: str) -> bool:
    """A pulse that says the mentorship is not going well: a drift signal (its content stays private)."""
    return 0 < rating <= LOW_RATING or helping == "no"


def invite_to_mentor(role: str, reason: str, again: str) -> bool:
    """A mentee who ended well and would do it again is invited to mentor someone."""
    return role == "mentee" and reason in ENDED_WELL and again == "yes"


@dataclass(frozen=True)
class Survey:
    """A private exit survey; 0 / '' is "not answered"."""

    overall: int = 0
    goals_achieved: str = ""
    again: str = ""


def parse_survey(overall: str, goals_achieved: str, again: str) -> Survey:
    """Chosen option values back into a Survey; anything not one of the options counts as not answered."""
    return Survey(int(overall) if overall in {str(r) for r in RATINGS} else 0,
                  goals_achieved if goals_achieved in GOALS_ACHIEVED else "",
                  again if again in AGAIN else "")
