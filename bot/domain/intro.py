"""Intro requests as rules: the drafted message, its limits, and the timings. Pure: no Slack, no database.

The draft follows the guide's approach (greet by name, who you are, what drew you to them, what you want to
develop, a brief chat at their convenience, thanks) in our own words.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain import kinds

MAX_OPEN_REQUESTS = 3
REMINDER_AFTER = timedelta(hours=48)
EXPIRES_AFTER = timedelta(days=7)
# The message goes into the mentor's DM inside a section (3000 characters) with a heading; keep room for it.
MESSAGE_MAX = 2000
MESSAGE_MIN = 20
CADENCES = {"weekly": "Weekly", "biweekly": "Every two weeks", "monthly": "Monthly"}
DEFAULT_CADENCE = "biweekly"
NOTE_MAX = 500  # the mentor's optional kind word when declining


@dataclass(frozen=True)
class DraftInput:
    mentor_name: str
    mentee_name: str
    mentee_role: str = ""
    topics: tuple[str, ...] = ()  # what of the mentor's experience matched
    goals: tuple[str, ...] = ()  # what the mentee wants to develop


def _join(items: tuple[str, ...]) -> str:
    items = tuple(i.strip() for i in items if i.strip())
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def first_name(name: str) -> str:
    return name.strip().split()[0] if name.strip() else "there"


def draft_message(d: DraftInput) -> str:
    """Plain text the mentee can edit. It is escaped when shown, so names and goals are safe as typed."""
    who = f"I'm {d.mentee_name}" + (f", {d.mentee_role}" if d.mentee_role else "") + "."
    drew = (f"Your experience with {_join(d.topics)} is what made me think of you."
            if d.topics else "Your experience and the path you have taken are what made me think of you.")
    develop = ("What I'd like to develop: " + "; ".join(g.strip().rstrip(".") for g in d.goals[:3]) + ". "
               "I think your perspective would help me a lot." if d.goals
               else "I'm working out my next steps, and I think your perspective would help me a lot.")
    text = "\n\n".join([
        f"Hi {first_name(d.mentor_name)},",
        f"{who} {drew}",
        develop,
        "Would you be open to a short chat, whenever suits you, to see whether mentoring could work for us both? "
        "I'm happy to fit around your calendar.",
        f"Thank you for considering it!\n{d.mentee_name}",
    ])
    return text[:MESSAGE_MAX]


def message_error(text: str) -> str | None:
    """A field error for the modal, or None when the message can be sent."""
    length = len(text.strip())
    if length < MESSAGE_MIN:
        return f"Please write at least {MESSAGE_MIN} characters so your mentor knows what you hope for."
    if length > MESSAGE_MAX:
        return f"Please keep it under {MESSAGE_MAX} characters (it is {length} now); a short note reads best."
    return None


def limit_reached(open_requests: int) -> bool:
    return open_requests >= MAX_OPEN_REQUESTS


def limit_message() -> str:
    return (f"You already have {MAX_OPEN_REQUESTS} intro requests waiting for an answer, the most at once. "
            "Mentors have 7 days to reply; you can ask someone new as soon as one of them answers or expires.")


def followups(mentor_id: str, mentee_id: str, now: datetime) -> dict[str, tuple[str, datetime]]:
    """Outbox rows for a new request: a nudge to the mentor after 48 hours, and expiry (told to the mentee)."""
    return {kinds.INTRO_REMINDER: (mentor_id, now + REMINDER_AFTER), kinds.INTRO_EXPIRY: (mentee_id, now + EXPIRES_AFTER)}
