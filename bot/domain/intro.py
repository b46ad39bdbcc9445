"""Intro requests as rules: the drafted message, its limits, and the timings. Pure: no Slack, no database.

The draft follows the guide's template (greet by name, who you are, what you admire in their work and particularly
a project of theirs, where you want to go and the specific areas to develop, a brief chat at their convenience,
"I look forward to the possibility of learning from you").
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
    mentor_project: str = ""  # the mentor's "what I'm proud of / projects I can talk about"
    mentee_aim: str = ""  # where the mentee wants to go (their aspiration, else the path they describe)


# With no goals to go on, the draft asks the mentee for one line rather than echoing their search words; the
# request cannot be sent until it is replaced.
ONE_LINE = "<one line: what you want to develop with a mentor>"


def _join(items: tuple[str, ...]) -> str:
    items = tuple(i.strip() for i in items if i.strip())
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def first_name(name: str) -> str:
    return name.strip().split()[0] if name.strip() else "there"


def _sentence(text: str) -> str:
    return " ".join(text.split()).rstrip(".")


def draft_message(d: DraftInput) -> str:
    """Plain text the mentee can edit, after the guide's template: who you are, what you admire in their work
    (particularly the project they are proud of), where you want to go and the specific areas to develop, a brief
    chat at their convenience, and the guide's closing. Escaped when shown, so names and goals are safe as typed."""
    who = f"I'm {d.mentee_name}" + (f", {d.mentee_role}" if d.mentee_role else "") + "."
    work = f"your work in {_join(d.topics)}" if d.topics else "the path you have taken"
    if d.mentor_project.strip():
        drew = f"I have been following {work} and admire it, particularly your work on {_sentence(d.mentor_project)}."
    elif d.topics:
        drew = f"Your experience with {_join(d.topics)} is what made me think of you."
    else:
        drew = "Your experience and the path you have taken are what made me think of you."
    aim = f" on where I want to go: {_sentence(d.mentee_aim)}" if d.mentee_aim.strip() else " to advance my career"
    areas = "; ".join(_sentence(g) for g in d.goals[:3] if g.strip()) or ONE_LINE
    develop = (f"I'm looking for guidance{aim}. I'm particularly interested in {areas}, and I believe your "
               "experience would help me a lot.")
    text = "\n\n".join([
        f"Hi {first_name(d.mentor_name)},",
        f"{who} {drew}",
        develop,
        "Would you be open to a short chat, whenever suits you, to see whether mentoring could work for us both? "
        "I'm happy to fit around your calendar.",
        f"Thank you for considering my request. I look forward to the possibility of learning from you.\n"
        f"{d.mentee_name}",
    ])
    return text[:MESSAGE_MAX]


def message_error(text: str) -> str | None:
    """A field error for the modal, or None when the message can be sent."""
    length = len(text.strip())
    if ONE_LINE in text:
        return "Replace the line in angle brackets with what you want to develop: one line is enough."
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
